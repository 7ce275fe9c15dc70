package io.dbaudit.collectors.redis;

import io.dbaudit.collectors.TlsCertificates;
import io.dbaudit.model.facts.TlsCertificate;
import io.dbaudit.model.facts.TlsState;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for rediss:// targets. We inspect, we do not authenticate: the trust manager accepts any chain and
 * the facts record what was presented, for the rules to judge. {@link #probe} completes a bare handshake
 * (nothing is sent after it) to see the protocol, cipher suite and chain.
 */
final class RedisTls {
    record Outcome(TlsState state, List<TlsCertificate> certificates, String handshakeError) {
    }

    private RedisTls() {
    }

    static SSLSocketFactory acceptAnyChain() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyChain()}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS implementation available", e);
        }
    }

    /** @throws IOException when the port cannot be reached or times out */
    static Outcome probe(String host, int port, Duration timeout) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), millis);
            plain.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) acceptAnyChain().createSocket(plain, host, port, true)) {
                tls.startHandshake();
                SSLSession session = tls.getSession();
                return new Outcome(new TlsState(true, session.getProtocol(), session.getCipherSuite(), null),
                        TlsCertificates.describe(session.getPeerCertificates()), null);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (SSLException e) {
                String why = "TLS handshake failed: " + e.getMessage();
                return new Outcome(new TlsState(false, null, null, why), List.of(), why);
            }
        }
    }

    private static final class AcceptAnyChain extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
