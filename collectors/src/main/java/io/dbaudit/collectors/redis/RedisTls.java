package io.dbaudit.collectors.redis;

import io.dbaudit.collectors.InspectingTls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLSocketFactory;

/**
 * TLS for rediss:// targets. We inspect, we do not authenticate ({@link InspectingTls}): the facts record
 * what was presented, for the rules to judge. {@link #probe} completes a bare handshake
 * (nothing is sent after it) to see the protocol, cipher suite and chain.
 */
final class RedisTls {
    private RedisTls() {
    }

    static SSLSocketFactory acceptAnyChain() {
        return InspectingTls.acceptAnyChain().getSocketFactory();
    }

    /** @throws IOException when the port cannot be reached or times out */
    static InspectingTls.Outcome probe(String host, int port, Duration timeout) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), millis);
            plain.setSoTimeout(millis);
            // Nothing told us this port speaks TLS: a failed handshake records "not offered".
            return InspectingTls.handshake(plain, host, port, false);
        }
    }
}
