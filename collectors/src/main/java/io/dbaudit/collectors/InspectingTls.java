package io.dbaudit.collectors;

import io.dbaudit.model.facts.TlsCertificate;
import io.dbaudit.model.facts.TlsState;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for looking, not for trusting: every collector that reads a server's certificate accepts any chain
 * and records what was presented, so the rules can judge it (expired, self-signed, weak key). One place
 * for the accept-any trust manager and the bare handshake the PostgreSQL and Redis probes share.
 */
public final class InspectingTls {
    /** A handshake's outcome: {@code handshakeError} is set when the handshake itself failed. */
    public record Outcome(TlsState state, List<TlsCertificate> certificates, String handshakeError) {
    }

    private InspectingTls() {
    }

    /** An SSLContext whose trust manager accepts every chain (and so skips hostname checks too). */
    public static SSLContext acceptAnyChain() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyChain()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS implementation available", e);
        }
    }

    /**
     * Completes a handshake over an already connected socket and sends nothing after it.
     *
     * @param offeredIfFailed what to record as "TLS offered" when the handshake fails: true where the server
     *                        had already agreed to TLS (PostgreSQL's SSLRequest), false where nothing said so
     * @throws SocketTimeoutException when the server does not answer in time
     */
    public static Outcome handshake(Socket plain, String host, int port, boolean offeredIfFailed) throws IOException {
        try (SSLSocket tls = (SSLSocket) acceptAnyChain().getSocketFactory().createSocket(plain, host, port, true)) {
            tls.startHandshake();
            SSLSession session = tls.getSession();
            return new Outcome(new TlsState(true, session.getProtocol(), session.getCipherSuite(), null),
                    TlsCertificates.describe(session.getPeerCertificates()), null);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SSLException e) {
            // An answer about TLS (e.g. only protocols this JVM disables), not an unreachable server.
            String why = "TLS handshake failed: " + e.getMessage();
            return new Outcome(new TlsState(offeredIfFailed, null, null, why), List.of(), why);
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
