package io.dbaudit.collectors.patroni;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.Collector;
import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.Passwords;
import io.dbaudit.collectors.Secret;
import io.dbaudit.collectors.TargetUnavailableException;
import io.dbaudit.collectors.TlsCertificates;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.TlsCertificate;
import io.dbaudit.model.facts.TlsState;
import io.dbaudit.model.facts.patroni.PatroniCluster;
import io.dbaudit.model.facts.patroni.PatroniDcs;
import io.dbaudit.model.facts.patroni.PatroniDcsConfig;
import io.dbaudit.model.facts.patroni.PatroniHistory;
import io.dbaudit.model.facts.patroni.PatroniMember;
import io.dbaudit.model.facts.patroni.PatroniRestApi;
import io.dbaudit.model.facts.patroni.PatroniSecret;
import io.dbaudit.model.facts.pg.PgHbaEntry;
import io.dbaudit.model.facts.pg.PgServer;
import io.dbaudit.model.facts.pg.PgSetting;
import io.dbaudit.model.result.TargetStatus;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Collects Patroni facts from one member's REST API: {@code GET /patroni} (the member itself, and the
 * reachability check), {@code /cluster} (members, pause, scheduled switchover), {@code /config} (the DCS
 * configuration), {@code /history}, then {@code GET /patroni} of every other member for its version.
 *
 * <p>Patroni never protects its GET endpoints, so whether the REST API requires authentication is learned
 * from one unsafe endpoint: an unauthenticated {@code POST /switchover} whose body is a JSON array. Patroni
 * checks access first (401/403 when protected) and refuses any body that is not a JSON object with 400
 * before acting, so the probe changes nothing. Target parameter {@code auth-probe=off} skips it
 * (PatroniRestApi is then an error, not a guess).
 *
 * <p>Outcomes: nothing answers → UNREACHABLE; 401/403 on {@code /patroni} → AUTH_FAILED (a proxy in front:
 * Patroni itself does not guard GETs); 401/403 on another endpoint → that kind is PRIVILEGE; 404 →
 * UNSUPPORTED; other failures → ERROR. The DCS endpoints and patroni.yml secrets are not visible over REST:
 * those kinds are UNSUPPORTED here and come from scanning patroni.yml.
 */
public final class PatroniCollector implements Collector {

    @Override
    public EngineKind engine() {
        return EngineKind.PATRONI;
    }

    @Override
    public List<String> schemes() {
        return List.of("patroni", "patroni+https");
    }

    @Override
    public Target parseTarget(String url) {
        return PatroniTargets.parse(url);
    }

    @Override
    public TargetFacts collect(Target target, PasswordSource password, CollectOptions options)
            throws TargetUnavailableException {
        Optional<Secret> secret = target.parameters().get("user") == null || password instanceof PasswordSource.Default
                ? Optional.empty() : new Passwords(System.getenv()).lookup(password, target);
        return collect(target, secret, options);
    }

    /** With the password already resolved. */
    public TargetFacts collect(Target target, Optional<Secret> password, CollectOptions options)
            throws TargetUnavailableException {
        String base = PatroniTargets.baseUrl(target);
        RestClient rest = new RestClient(base, target.parameters().get("user"), password, options.connectTimeout(),
                options.statementTimeout());
        Ledger ledger = new Ledger();

        RestClient.Answer self;
        try {
            self = rest.get("/patroni");
        } catch (RestClient.Unreachable e) {
            throw new TargetUnavailableException(TargetStatus.UNREACHABLE, "Patroni REST API at " + base
                    + " is unreachable: " + e.getMessage());
        }
        if (self.status() == 401 || self.status() == 403) {
            throw new TargetUnavailableException(TargetStatus.AUTH_FAILED, "Patroni REST API at " + base
                    + " refused GET /patroni with HTTP " + self.status()
                    + (target.parameters().get("user") == null ? " (no user in the target URL)" : ""));
        }
        if (self.body() == null || !self.body().isObject()) {
            throw new TargetUnavailableException(TargetStatus.ERROR, base + "/patroni answered HTTP " + self.status()
                    + " without a JSON document: is this a Patroni REST API?");
        }
        String selfVersion = text(self.body().path("patroni"), "version");
        String scope = text(self.body().path("patroni"), "scope");
        serverFact(self.body()).ifPresent(s -> {
            ledger.add(s);
            ledger.succeeded(PgServer.class);
        });
        tls(target, self, ledger);

        readCluster(rest, base, scope, self, selfVersion, ledger);
        readConfig(rest, ledger);
        readHistory(rest, ledger);
        probeAuth(target, rest, base, ledger);

        ledger.fail(PatroniDcs.class, ErrorReason.UNSUPPORTED,
                "the REST API does not show the DCS endpoints; scan patroni.yml for them");
        ledger.fail(PatroniSecret.class, ErrorReason.UNSUPPORTED,
                "plain-text passwords live in patroni.yml, which the REST API does not show; scan the file");
        return ledger.toTargetFacts(target, selfVersion == null ? null : "Patroni " + selfVersion);
    }

    private static void tls(Target target, RestClient.Answer self, Ledger ledger) {
        if (!"https".equals(target.parameters().get("scheme"))) {
            ledger.add(new TlsState(false, null, null, "REST API served over plain HTTP (patroni:// target)"));
            ledger.succeeded(TlsState.class, TlsCertificate.class);
            return;
        }
        Optional<SSLSession> session = self.tls();
        if (session.isEmpty()) {
            ledger.fail(TlsState.class, ErrorReason.ERROR, "no TLS session on an HTTPS answer");
            ledger.fail(TlsCertificate.class, ErrorReason.ERROR, "no TLS session on an HTTPS answer");
            return;
        }
        ledger.add(new TlsState(true, session.get().getProtocol(), session.get().getCipherSuite(), null));
        ledger.succeeded(TlsState.class);
        try {
            ledger.addAll(TlsCertificates.describe(session.get().getPeerCertificates()));
            ledger.succeeded(TlsCertificate.class);
        } catch (SSLPeerUnverifiedException e) {
            ledger.fail(TlsCertificate.class, ErrorReason.ERROR, "no peer certificate: " + e.getMessage());
        }
    }

    private static Optional<PgServer> serverFact(JsonNode patroni) {
        JsonNode v = patroni.get("server_version");
        if (v == null || !v.canConvertToInt() || v.asInt() <= 0) {
            return Optional.empty();
        }
        int num = v.asInt();
        String version = num >= 100000 ? (num / 10000) + "." + (num % 10000) : (num / 10000) + "." + (num / 100 % 100)
                + "." + (num % 100);
        boolean replica = "replica".equals(text(patroni, "role"));
        return Optional.of(new PgServer(version, num, null, null, replica, false));
    }

    private static void readCluster(RestClient rest, String base, String scope, RestClient.Answer self,
                                    String selfVersion, Ledger ledger) {
        Optional<JsonNode> cluster = fetch(rest, "/cluster", ledger, PatroniMember.class, PatroniCluster.class);
        if (cluster.isEmpty()) {
            return;
        }
        JsonNode c = cluster.get();
        JsonNode sw = c.get("scheduled_switchover");
        String switchover = null;
        if (sw != null && sw.isObject()) {
            switchover = text(sw, "at") + (sw.has("from") || sw.has("to")
                    ? " (" + Optional.ofNullable(text(sw, "from")).orElse("leader") + " -> "
                    + Optional.ofNullable(text(sw, "to")).orElse("any") + ")" : "");
        }
        ledger.add(new PatroniCluster(scope != null ? scope : text(c, "scope"), c.path("pause").asBoolean(false),
                switchover));
        for (JsonNode m : iterable(c.path("members"))) {
            String apiUrl = text(m, "api_url");
            String version = text(m, "version");
            if (apiUrl != null && apiUrl.startsWith(base + "/")) {
                version = selfVersion;
            } else if (apiUrl != null) {
                version = memberVersion(rest, apiUrl).orElse(version);
            }
            ledger.add(member(m, version));
        }
        ledger.succeeded(PatroniMember.class, PatroniCluster.class);
    }

    private static Optional<String> memberVersion(RestClient rest, String apiUrl) {
        try {
            RestClient.Answer a = rest.getForeign(apiUrl);
            return a.status() == 200 || a.status() == 503 ? Optional.ofNullable(a.body())
                    .map(b -> text(b.path("patroni"), "version")) : Optional.empty();
        } catch (RestClient.Unreachable | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static PatroniMember member(JsonNode m, String version) {
        Map<String, String> tags = new LinkedHashMap<>();
        m.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().isValueNode()
                ? e.getValue().asText() : e.getValue().toString()));
        JsonNode lag = m.get("lag");
        Long lagBytes = lag != null && lag.isNumber() ? lag.asLong() : null;
        JsonNode restart = m.get("scheduled_restart");
        String scheduledRestart = restart == null || restart.isNull() ? null
                : restart.isObject() ? Optional.ofNullable(text(restart, "schedule")).orElse(restart.toString())
                : restart.asText();
        return new PatroniMember(text(m, "name"), text(m, "role"), text(m, "state"), text(m, "host"),
                m.has("port") ? m.get("port").asInt() : null, text(m, "api_url"),
                m.has("timeline") && m.get("timeline").canConvertToInt() ? m.get("timeline").asInt() : null, lagBytes,
                tags, tag(tags, "nofailover"), tag(tags, "noloadbalance"), tag(tags, "nosync"),
                tag(tags, "clonefrom"), m.path("pending_restart").asBoolean(false), scheduledRestart, version);
    }

    private static boolean tag(Map<String, String> tags, String name) {
        return Boolean.TRUE.equals(ConfigTree.asBool(tags.get(name)));
    }

    private static void readConfig(RestClient rest, Ledger ledger) {
        Optional<JsonNode> config = fetch(rest, "/config", ledger, PatroniDcsConfig.class, PgSetting.class,
                PgHbaEntry.class);
        if (config.isEmpty()) {
            return;
        }
        if (!config.get().isObject()) {
            for (Class<?> k : List.of(PatroniDcsConfig.class, PgSetting.class, PgHbaEntry.class)) {
                ledger.fail(k, ErrorReason.ERROR, "GET /config did not return a JSON object");
            }
            return;
        }
        Map<String, Object> map = RestClient.JSON.convertValue(config.get(), new TypeReference<>() { });
        ConfigTree tree = ConfigTree.ofJson(map);
        ledger.add(DcsConfigMapper.config(tree, "", null));
        ledger.addAll(DcsConfigMapper.pgFacts(tree, "", null));
        ledger.succeeded(PatroniDcsConfig.class, PgSetting.class, PgHbaEntry.class);
    }

    private static void readHistory(RestClient rest, Ledger ledger) {
        Optional<JsonNode> history = fetch(rest, "/history", ledger, PatroniHistory.class);
        if (history.isEmpty()) {
            return;
        }
        List<PatroniHistory> lines = new ArrayList<>();
        for (JsonNode line : iterable(history.get())) {
            if (line.isArray() && line.size() >= 2) {
                lines.add(new PatroniHistory(line.get(0).asInt(), line.get(1).asLong(),
                        line.size() > 2 && !line.get(2).isNull() ? line.get(2).asText() : null,
                        line.size() > 3 && !line.get(3).isNull() ? line.get(3).asText() : null));
            }
        }
        ledger.addAll(lines);
        ledger.succeeded(PatroniHistory.class);
    }

    private static void probeAuth(Target target, RestClient rest, String base, Ledger ledger) {
        boolean tls = "https".equals(target.parameters().get("scheme"));
        if ("off".equalsIgnoreCase(target.parameters().getOrDefault("auth-probe", "on"))) {
            ledger.fail(PatroniRestApi.class, ErrorReason.UNSUPPORTED,
                    "authentication probe disabled by the target parameter auth-probe=off");
            return;
        }
        RestClient.Answer a;
        try {
            a = rest.probeUnsafe("/switchover");
        } catch (RestClient.Unreachable e) {
            ledger.fail(PatroniRestApi.class, e.timeout ? ErrorReason.TIMEOUT : ErrorReason.UNREACHABLE, e.getMessage());
            return;
        }
        String where = base + "/switchover";
        switch (a.status()) {
            case 401 -> ledger.add(new PatroniRestApi(base, tls, true,
                    "unauthenticated POST " + where + " refused with 401 (basic auth)"));
            case 403 -> ledger.add(new PatroniRestApi(base, tls, true,
                    "unauthenticated POST " + where + " refused with 403 (allowlist or client certificate)"));
            case 400 -> ledger.add(new PatroniRestApi(base, tls, false,
                    "unauthenticated POST " + where + " reached the handler (400 for the deliberately invalid body)"));
            default -> {
                ledger.fail(PatroniRestApi.class, ErrorReason.ERROR, "unexpected HTTP " + a.status()
                        + " to the unauthenticated POST " + where + "; cannot tell whether it is protected");
                return;
            }
        }
        ledger.succeeded(PatroniRestApi.class);
    }

    /** GET one endpoint; on failure every kind it feeds becomes a CollectionError and the result is empty. */
    private static Optional<JsonNode> fetch(RestClient rest, String path, Ledger ledger, Class<?>... kinds) {
        RestClient.Answer a;
        try {
            a = rest.get(path);
        } catch (RestClient.Unreachable e) {
            for (Class<?> k : kinds) {
                ledger.fail(k, e.timeout ? ErrorReason.TIMEOUT : ErrorReason.UNREACHABLE, e.getMessage());
            }
            return Optional.empty();
        }
        if (a.status() == 200 && a.body() != null) {
            return Optional.of(a.body());
        }
        ErrorReason reason = switch (a.status()) {
            case 401, 403 -> ErrorReason.PRIVILEGE;
            case 404, 405, 501 -> ErrorReason.UNSUPPORTED;
            default -> ErrorReason.ERROR;
        };
        String why = "GET " + path + " answered HTTP " + a.status()
                + (a.status() == 502 && path.equals("/config") ? " (no configuration in the DCS yet)" : "")
                + (a.status() == 200 ? " without JSON" : "");
        for (Class<?> k : kinds) {
            ledger.fail(k, reason, why);
        }
        return Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return () -> {
            Iterator<JsonNode> it = node == null ? java.util.Collections.emptyIterator() : node.elements();
            return it;
        };
    }
}
