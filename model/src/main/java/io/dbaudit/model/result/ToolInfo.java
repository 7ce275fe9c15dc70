package io.dbaudit.model.result;

public record ToolInfo(String name, String version) {
}
