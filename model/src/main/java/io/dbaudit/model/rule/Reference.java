package io.dbaudit.model.rule;

public record Reference(String title, String url) {
}
