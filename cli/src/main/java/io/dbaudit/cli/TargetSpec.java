package io.dbaudit.cli;

import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.model.Target;

/** A target to scan and where its password comes from. */
record TargetSpec(Target target, PasswordSource password) {
}
