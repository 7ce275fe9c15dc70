package io.dbaudit.model.facts;

/**
 * Whether the server accepted a TLS handshake, and what was negotiated (shared across engines).
 * {@code detail} says why when it was refused.
 */
public record TlsState(boolean offered, String protocol, String cipherSuite, String detail) implements Fact {
}
