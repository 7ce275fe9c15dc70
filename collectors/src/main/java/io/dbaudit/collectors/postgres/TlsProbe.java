package io.dbaudit.collectors.postgres;

import io.dbaudit.collectors.InspectingTls;
import io.dbaudit.model.facts.TlsState;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * Asks a PostgreSQL server for TLS the way libpq does (an SSLRequest packet before any startup message)
 * and, if it agrees, completes a handshake only to see what it offers. We inspect, we do not
 * authenticate ({@link InspectingTls}). Nothing is sent after the handshake, so the
 * server sees a client that went away before logging in.
 */
final class TlsProbe {
    /** PostgreSQL's SSLRequest code: 1234 in the high 16 bits, 5679 in the low. */
    private static final int SSL_REQUEST_CODE = 80877103;

    private TlsProbe() {
    }

    /** @throws IOException when the server cannot be reached or does not answer the SSLRequest */
    static InspectingTls.Outcome probe(String host, int port, Duration timeout) throws IOException {
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
                return new InspectingTls.Outcome(new TlsState(false, null, null, "server refused SSLRequest"),
                        List.of(), null);
            }
            if (answer != 'S') {
                throw new IOException(answer < 0 ? "server closed the connection after SSLRequest"
                        : "unexpected answer to SSLRequest (0x" + Integer.toHexString(answer) + ")");
            }
            return InspectingTls.handshake(socket, host, port, true);
        }
    }
}
