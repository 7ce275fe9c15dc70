package io.dbaudit.model.facts;

import io.dbaudit.model.ErrorReason;

/**
 * A fact kind that could not be gathered. Rules that require {@code factKind} come out ERROR with
 * {@code reason} — never PASS on missing data.
 */
public record CollectionError(String factKind, ErrorReason reason, String message) implements Fact {
}
