package io.dbaudit.cli.inventory;

import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.model.Target;

import java.util.List;

/** One inventory entry: the target, its tags, where its password comes from, and where it was declared. */
public record InventoryTarget(Target target, List<String> tags, PasswordSource password, String location) {
}
