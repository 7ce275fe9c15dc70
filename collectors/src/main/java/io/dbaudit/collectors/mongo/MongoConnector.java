package io.dbaudit.collectors.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.Secret;
import io.dbaudit.model.Target;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds the one driver client a scan uses: the target URL (which never holds a password) plus the
 * password as a credential object, bounded server selection, connect and socket timeouts, read preference
 * primaryPreferred, and a direct connection to the one host of a {@code mongodb://} URL, so every
 * per-member command runs on the member named by the target.
 */
final class MongoConnector {
    static final String APPLICATION_NAME = "dbaudit";

    private MongoConnector() {
    }

    static MongoClient open(Target target, Optional<Secret> password, CollectOptions options) {
        String url = target.endpoint();
        boolean srv = Boolean.parseBoolean(target.parameters().getOrDefault("srv", "false"));
        if (!srv && !target.parameters().containsKey("directConnection")) {
            url = url + (url.contains("?") ? "&" : (hasPath(url) ? "?" : "/?")) + "directConnection=true";
        }
        String mechanism = target.parameters().get("authMechanism");
        boolean passwordMechanism = mechanism == null || mechanism.startsWith("SCRAM") || mechanism.equals("PLAIN");
        String user = target.parameters().get("user");
        if (user != null && passwordMechanism) {
            // The driver refuses a password mechanism without a password; the credential is built below.
            url = withoutUserInfo(url);
        }
        ConnectionString cs = new ConnectionString(url);
        MongoClientSettings.Builder b = MongoClientSettings.builder()
                .applyConnectionString(cs)
                .applicationName(APPLICATION_NAME)
                .readPreference(ReadPreference.primaryPreferred())
                .retryReads(false)
                .retryWrites(false)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(options.connectTimeout().toMillis(),
                        TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s
                        .connectTimeout((int) options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) options.statementTimeout().plus(options.connectTimeout()).toMillis(),
                                TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(p -> p.maxSize(2)
                        .maxWaitTime(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS));
        if (user != null && passwordMechanism) {
            String source = target.parameters().getOrDefault("authSource", "admin");
            char[] secret = password.map(Secret::reveal).orElse("").toCharArray();
            b.credential(mechanism == null ? MongoCredential.createCredential(user, source, secret)
                    : switch (mechanism) {
                        case "SCRAM-SHA-1" -> MongoCredential.createScramSha1Credential(user, source, secret);
                        case "SCRAM-SHA-256" -> MongoCredential.createScramSha256Credential(user, source, secret);
                        default -> MongoCredential.createPlainCredential(user, source, secret);
                    });
        }
        return MongoClients.create(b.build());
    }

    private static String withoutUserInfo(String url) {
        int scheme = url.indexOf("://") + 3;
        int end = url.length();
        for (char c : new char[] {'/', '?'}) {
            int i = url.indexOf(c, scheme);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        int at = url.lastIndexOf('@', end);
        return at < scheme ? url : url.substring(0, scheme) + url.substring(at + 1);
    }

    private static boolean hasPath(String url) {
        int scheme = url.indexOf("://");
        return url.indexOf('/', scheme + 3) >= 0;
    }
}
