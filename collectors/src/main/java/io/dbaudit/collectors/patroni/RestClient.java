package io.dbaudit.collectors.patroni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbaudit.collectors.InspectingTls;
import io.dbaudit.collectors.Secret;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/**
 * Bounded HTTP(S) calls to a Patroni REST API. HTTPS accepts any certificate: we inspect (the chain becomes
 * TlsCertificate facts), we do not trust. Basic-auth credentials go only to the target's own base URL,
 * never to member URLs read from the DCS.
 */
final class RestClient {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, parsed JSON body (null when not JSON) and the TLS session when HTTPS. */
    record Answer(int status, JsonNode body, String text, Optional<SSLSession> tls) {
    }

    /** The server could not be reached or did not answer in time. */
    static final class Unreachable extends IOException {
        final boolean timeout;

        Unreachable(String message, boolean timeout, Throwable cause) {
            super(message, cause);
            this.timeout = timeout;
        }
    }

    private final HttpClient client;
    private final Duration requestTimeout;
    private final String base;
    private final String authorization;

    RestClient(String base, String user, Optional<Secret> password, Duration connectTimeout, Duration requestTimeout) {
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(InspectingTls.acceptAnyChain()).version(HttpClient.Version.HTTP_1_1).build();
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password.map(Secret::reveal).orElse("")).getBytes(StandardCharsets.UTF_8));
    }

    /** GET base + path, with credentials when the target URL named a user. */
    Answer get(String path) throws Unreachable {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), true);
    }

    /** GET an absolute URL (a member's api_url): never with credentials. */
    Answer getForeign(String url) throws Unreachable {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), false);
    }

    /**
     * POST a JSON array to an unsafe endpoint without credentials. Patroni checks access before it reads the
     * body, and a body that is not a JSON object is refused with 400 before anything is done: 401/403 means
     * the endpoint is protected, 400 that it is open. Nothing is ever changed on the server.
     */
    Answer probeUnsafe(String path) throws Unreachable {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[]")), false);
    }

    private Answer send(HttpRequest.Builder builder, boolean withCredentials) throws Unreachable {
        builder.timeout(requestTimeout).header("Accept", "application/json");
        if (withCredentials && authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = null;
            try {
                body = r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body());
            } catch (IOException notJson) {
                body = null;
            }
            return new Answer(r.statusCode(), body, r.body(), r.sslSession());
        } catch (HttpTimeoutException e) {
            throw new Unreachable(request.uri() + " did not answer within " + requestTimeout.toSeconds() + " s", true, e);
        } catch (ConnectException e) {
            throw new Unreachable("cannot connect to " + request.uri().getHost() + ":" + request.uri().getPort()
                    + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", false, e);
        } catch (IOException e) {
            throw new Unreachable(request.uri() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while calling " + request.uri(), false, e);
        }
    }
}
