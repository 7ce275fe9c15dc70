package io.dbaudit.collectors.redis;

import io.dbaudit.collectors.config.ConfigParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * 1,000 random byte mutations (insert, delete, replace) of a valid redis.conf: each either parses or is refused
 * with a ConfigParseException whose message is one line starting with file:line — never another exception.
 */
class RedisConfFuzzTest {
    private static final byte[] INTERESTING = "'\"\\x#\t \n\r0123456789abcdefkmgKMGB<>~+-@&*()yesnoEXUser"
            .getBytes(StandardCharsets.UTF_8);
    private static final Pattern FILE_LINE = Pattern.compile("^/\\S*:\\d+: [^\\n]+$");

    @TempDir
    Path dir;

    @Test
    void mutationsParseOrFailWithFileLine() throws Exception {
        byte[] seed = Files.readAllBytes(RedisConfParserTest.resource("redis.conf"));
        String extra = """
                save 900 1
                save 300 10
                requirepass "a \\"quoted\\" \\x41 pass"
                dbfilename 'it\\'s.rdb'
                maxmemory 2gb
                maxmemory-policy allkeys-lru
                client-output-buffer-limit replica 1gb 512mb 30
                slave-read-only no
                rename-command CONFIG ""
                user alice on >pw ~app:* &* +@all -flushall
                user bob on nopass ~* +@read
                """;
        byte[] base = new byte[seed.length + extra.length()];
        System.arraycopy(seed, 0, base, 0, seed.length);
        System.arraycopy(extra.getBytes(StandardCharsets.UTF_8), 0, base, seed.length, extra.length());
        Random random = new Random(20240611L);
        Path file = dir.resolve("redis.conf");
        int parsed = 0;
        int refused = 0;
        for (int round = 0; round < 1000; round++) {
            byte[] m = base.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                m = mutate(m, random);
            }
            Files.write(file, m);
            try {
                RedisConfParser.parse(file);
                parsed++;
            } catch (ConfigParseException e) {
                refused++;
                assertTrue(FILE_LINE.matcher(e.getMessage()).matches(), "round " + round + ": " + e.getMessage());
                assertTrue(e.line() > 0, "round " + round + ": " + e.getMessage());
            } catch (Throwable t) {
                Files.write(dir.resolve("failing-" + round + ".conf"), m);
                fail("round " + round + " threw " + t, t);
            }
        }
        assertTrue(parsed > 50 && refused > 50, "parsed " + parsed + ", refused " + refused);
        assertFalse(Files.exists(dir.resolve("failing.conf")));
    }

    private static byte[] mutate(byte[] in, Random random) {
        int at = random.nextInt(in.length + 1);
        int kind = random.nextInt(3);
        byte b = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : INTERESTING[random.nextInt(INTERESTING.length)];
        if (kind == 0 || in.length == 0) {
            byte[] out = new byte[in.length + 1];
            System.arraycopy(in, 0, out, 0, at);
            out[at] = b;
            System.arraycopy(in, at, out, at + 1, in.length - at);
            return out;
        }
        int pos = Math.min(at, in.length - 1);
        if (kind == 1) {
            byte[] out = new byte[in.length - 1];
            System.arraycopy(in, 0, out, 0, pos);
            System.arraycopy(in, pos + 1, out, pos, in.length - pos - 1);
            return out;
        }
        byte[] out = in.clone();
        out[pos] = b;
        return out;
    }
}
