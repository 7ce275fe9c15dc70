package io.dbaudit.model.facts;

import java.time.Instant;

/**
 * The server certificate as presented in a TLS handshake (shared across engines). {@code position} 0 is
 * the leaf.
 */
public record TlsCertificate(int position, String subject, String issuer, Instant notBefore, Instant notAfter,
                             String keyAlgorithm, int keyBits, String signatureAlgorithm, boolean selfSigned)
        implements Fact {

    public long secondsLeft(Instant now) {
        return notAfter.getEpochSecond() - now.getEpochSecond();
    }
}
