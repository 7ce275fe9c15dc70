package io.dbaudit.collectors;

import io.dbaudit.model.facts.TlsCertificate;

import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.x500.X500Principal;

/** Describes a presented certificate chain as facts; shared by every engine's TLS probe. */
public final class TlsCertificates {
    private TlsCertificates() {
    }

    /** One fact per X.509 element, position 0 being the leaf. */
    public static List<TlsCertificate> describe(Certificate[] chain) {
        List<TlsCertificate> facts = new ArrayList<>();
        if (chain == null) {
            return facts;
        }
        for (int i = 0; i < chain.length; i++) {
            if (chain[i] instanceof X509Certificate x509) {
                facts.add(describe(i, x509));
            }
        }
        return facts;
    }

    public static TlsCertificate describe(int position, X509Certificate cert) {
        String subject = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        String issuer = cert.getIssuerX500Principal().getName(X500Principal.RFC2253);
        PublicKey key = cert.getPublicKey();
        return new TlsCertificate(position, subject, issuer, cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(), key.getAlgorithm(), keyBits(key), cert.getSigAlgName(),
                subject.equals(issuer));
    }

    /** RSA/DSA modulus bits, EC field size; 0 when the key type gives no size we know how to read. */
    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        return switch (key.getAlgorithm()) {
            case "Ed25519", "X25519" -> 255;
            case "Ed448", "X448" -> 448;
            default -> 0;
        };
    }
}
