package io.dbaudit.collectors.postgres;

import io.dbaudit.collectors.TlsCertificates;
import io.dbaudit.model.facts.TlsCertificate;
import io.dbaudit.model.facts.TlsState;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Asks a PostgreSQL server for TLS the way libpq does (an SSLRequest packet before any startup message)
 * and, if it agrees, completes a handshake only to see what it offers. We inspect, we do not
 * authenticate: the trust manager accepts any chain. Nothing is sent after the handshake, so the
 * server sees a client that went away before logging in.
 */
final class TlsProbe {
    /** PostgreSQL's SSLRequest code: 1234 in the high 16 bits, 5679 in the low. */
    private static final int SSL_REQUEST_CODE = 80877103;

    /** The handshake outcome: {@code handshakeError} is set when the server said yes but the handshake failed. */
    record Outcome(TlsState state, List<TlsCertificate> certificates, String handshakeError) {
    }

    private TlsProbe() {
    }

    /** @throws IOException when the server cannot be reached or does not answer the SSLRequest */
    static Outcome probe(String host, int port, Duration timeout) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(8);
            out.writeInt(SSL_REQUEST_CODE);
            out.flush();
            InputStream in = socket.getInputStream();
            int answer = in.read();
            if (answer == 'N') {
                return new Outcome(new TlsState(false, null, null, "server refused SSLRequest"), List.of(), null);
            }
            if (answer != 'S') {
                throw new IOException(answer < 0 ? "server closed the connection after SSLRequest"
                        : "unexpected answer to SSLRequest (0x" + Integer.toHexString(answer) + ")");
            }
            return handshake(socket, host, port);
        }
    }

    private static Outcome handshake(Socket plain, String host, int port) throws IOException {
        AcceptAnyChain acceptAny = new AcceptAnyChain();
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAny}, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS implementation available", e);
        }
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
            tls.startHandshake();
            SSLSession session = tls.getSession();
            List<TlsCertificate> chain = TlsCertificates.describe(session.getPeerCertificates());
            return new Outcome(new TlsState(true, session.getProtocol(), session.getCipherSuite(), null), chain,
                    null);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SSLException e) {
            // The server does speak TLS but we could not agree (e.g. it only offers protocols this JVM
            // disables): that is an answer about TLS, not an unreachable server.
            String why = "TLS handshake failed: " + e.getMessage();
            return new Outcome(new TlsState(true, null, null, why), List.of(), why);
        }
    }

    /** Accepts every chain: the facts record what was presented, the rules judge it. */
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
