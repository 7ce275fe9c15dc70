package io.dbaudit.collectors.host;

import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.facts.HostResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostResourcesSourceTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void sizesAcceptBinaryAndDecimalLookingUnitsAllAs1024Based() {
        assertEquals(16 * GIB, HostResourcesSource.parseBytes("16GiB"));
        assertEquals(16 * GIB, HostResourcesSource.parseBytes("16GB"));
        assertEquals(16 * GIB, HostResourcesSource.parseBytes("16 g"));
        assertEquals(512L * 1024 * 1024, HostResourcesSource.parseBytes("512MB"));
        assertEquals(1073741824L, HostResourcesSource.parseBytes("1073741824"));
        assertEquals(GIB / 2, HostResourcesSource.parseBytes("0.5GiB"));
        assertEquals(2L * 1024 * GIB, HostResourcesSource.parseBytes("2TB"));
        assertThrows(IllegalArgumentException.class, () -> HostResourcesSource.parseBytes("lots"));
        assertThrows(IllegalArgumentException.class, () -> HostResourcesSource.parseBytes("-1GB"));
        assertThrows(IllegalArgumentException.class, () -> HostResourcesSource.parseBytes("0"));
    }

    @Test
    void parametersWinOverTheOsEvenForLocalhost() throws IOException {
        var outcome = HostResourcesSource.resolve(Map.of("memory", "16GiB", "cpus", "8"), "localhost",
                meminfo(4), 2);
        assertEquals(new HostResources(16 * GIB, 8, "parameter"), known(outcome));
        assertEquals(new HostResources(16 * GIB, 0, "parameter"),
                known(HostResourcesSource.resolve(Map.of("memory", "16GiB"), "db.example", meminfo(4), 2)));
    }

    @Test
    void theOsIsReadForLoopbackAndSocketTargetsOrWhenAskedFor() throws IOException {
        HostResources fromOs = new HostResources(4 * GIB, 2, "os");
        for (String host : new String[] {"localhost", "127.0.0.1", "::1", "/var/run/postgresql"}) {
            assertEquals(fromOs, known(HostResourcesSource.resolve(Map.of(), host, meminfo(4), 2)), host);
        }
        assertEquals(fromOs, known(HostResourcesSource.resolve(Map.of("host-facts", "os"), "db.example",
                meminfo(4), 2)));
    }

    @Test
    void aRemoteHostWithNothingDeclaredIsUnknownNotAnError() throws IOException {
        assertInstanceOf(HostResourcesSource.Unknown.class,
                HostResourcesSource.resolve(Map.of(), "db.example", meminfo(4), 2));
        assertInstanceOf(HostResourcesSource.Unknown.class,
                HostResourcesSource.resolve(Map.of("host-facts", "none"), "localhost", meminfo(4), 2));
    }

    @Test
    void malformedParametersAndAMissingProcAreErrors() {
        var bad = assertInstanceOf(HostResourcesSource.Failed.class,
                HostResourcesSource.resolve(Map.of("memory", "huge"), "db.example", tmp.resolve("x"), 2));
        assertEquals(ErrorReason.ERROR, bad.reason());
        assertTrue(bad.message().contains("memory=huge"), bad.message());
        assertInstanceOf(HostResourcesSource.Failed.class,
                HostResourcesSource.resolve(Map.of("memory", "1GB", "cpus", "zero"), "db.example", tmp, 2));
        assertInstanceOf(HostResourcesSource.Failed.class,
                HostResourcesSource.resolve(Map.of("cpus", "4"), "db.example", tmp, 2));
        assertInstanceOf(HostResourcesSource.Failed.class,
                HostResourcesSource.resolve(Map.of("host-facts", "maybe"), "db.example", tmp, 2));
        var noProc = assertInstanceOf(HostResourcesSource.Failed.class,
                HostResourcesSource.resolve(Map.of(), "localhost", tmp.resolve("no-meminfo"), 2));
        assertEquals(ErrorReason.UNSUPPORTED, noProc.reason());
    }

    @Test
    void theRealProcMeminfoIsReadable() {
        if (!Files.isReadable(Path.of("/proc/meminfo"))) {
            return;
        }
        HostResources real = known(HostResourcesSource.resolve(Map.of(), "127.0.0.1"));
        assertTrue(real.memoryBytes() > 0);
        assertEquals(Runtime.getRuntime().availableProcessors(), real.cpus());
    }

    private Path meminfo(long gib) throws IOException {
        return Files.writeString(tmp.resolve("meminfo"), "MemTotal:       " + gib * 1024 * 1024 + " kB\n"
                + "MemFree:         1234 kB\n");
    }

    private static HostResources known(HostResourcesSource.Outcome outcome) {
        return assertInstanceOf(HostResourcesSource.Known.class, outcome).resources();
    }
}
