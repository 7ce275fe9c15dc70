package io.dbaudit.collectors.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random byte inserts and deletes in valid files: every mutation either parses or is refused with a
 * ConfigParseException whose message starts with file:line (or file: for unreadable files) — never any
 * other exception.
 */
class ConfigFuzzTest {
    private static final int ROUNDS = 2000;
    private static final byte[] INTERESTING = "'\"\\#=,@/.:-+ \t\n\r0123456789abcxyzGBkMmin\u00e9".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void postgresqlConfMutations() throws Exception {
        byte[] seed = Files.readAllBytes(ConfigFileCollectorTest.debian().resolve("postgresql.conf"));
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/a.conf"), "work_mem = '8MB'\n");
        String extra = """
                work_mem = '64MB'
                checkpoint_timeout = 15min
                statement_timeout = 30s
                random_page_cost = 1.1
                password_encryption = 'scram-sha-256'
                search_path = '"$user", public'
                ssl_ciphers = 'HIGH:!aNULL'
                include_if_exists 'maybe.conf'
                """;
        byte[] base = concat(seed, extra.getBytes(StandardCharsets.UTF_8));
        run(base, "postgresql.conf", 1L);
    }

    @Test
    void pgHbaMutations() throws Exception {
        byte[] seed = Files.readAllBytes(ConfigFileCollectorTest.debian().resolve("pg_hba.conf"));
        Files.writeString(dir.resolve("users"), "alice, bob\n");
        String extra = """
                hostssl "all" @users 10.0.0.0 255.0.0.0 scram-sha-256 clientcert=verify-full
                host app,"My DB" +admins .example.com md5
                host all all fe80::/10 \\
                   reject
                include_if_exists extra.conf
                """;
        run(concat(seed, extra.getBytes(StandardCharsets.UTF_8)), "pg_hba.conf", 2L, false);
    }

    private void run(byte[] base, String name, long seed) throws Exception {
        run(base, name, seed, true);
    }

    /** @param mustRefuseSome false for pg_hba.conf, where bad lines become entries with an error instead */
    private void run(byte[] base, String name, long seed, boolean mustRefuseSome) throws Exception {
        Random random = new Random(seed);
        ConfigFileCollector collector = new ConfigFileCollector();
        Path file = dir.resolve(name);
        Pattern located = Pattern.compile("^" + Pattern.quote(dir.toString()) + "[^:]*(:\\d+)?: .+");
        int parsed = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] mutated = mutate(base, random);
            Files.write(file, mutated);
            try {
                collector.scan(java.util.List.of(file), Optional.of(16));
                parsed++;
            } catch (ConfigParseException e) {
                refused++;
                if (!located.matcher(e.getMessage()).matches() || e.getMessage().contains("\n")) {
                    fail("round " + round + ": message without file:line: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                throw new AssertionError("round " + round + " threw " + e + " on:\n"
                        + new String(mutated, StandardCharsets.UTF_8), e);
            }
        }
        assertTrue(parsed > 0 && (refused > 0 || !mustRefuseSome), "parsed " + parsed + ", refused " + refused);
    }

    private static byte[] mutate(byte[] base, Random random) {
        byte[] data = base.clone();
        int edits = 1 + random.nextInt(8);
        for (int i = 0; i < edits; i++) {
            int pos = random.nextInt(data.length + 1);
            if (random.nextBoolean() && data.length > 0) {
                int at = Math.min(pos, data.length - 1);
                byte[] d = new byte[data.length - 1];
                System.arraycopy(data, 0, d, 0, at);
                System.arraycopy(data, at + 1, d, at, data.length - at - 1);
                data = d;
            } else {
                byte b = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
                        : INTERESTING[random.nextInt(INTERESTING.length)];
                byte[] d = new byte[data.length + 1];
                System.arraycopy(data, 0, d, 0, pos);
                d[pos] = b;
                System.arraycopy(data, pos, d, pos + 1, data.length - pos);
                data = d;
            }
        }
        return data;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
