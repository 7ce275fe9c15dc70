package io.dbaudit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the shaded jar in its own JVM, as a user would, and captures what it prints. */
record JarRun(int exitCode, String stdout, String stderr) {

    static JarRun run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("dbaudit.jar", Path.of("target", "dbaudit.jar").toString());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("PGPASSWORD");
        pb.environment().putAll(env);
        Path out = java.nio.file.Files.createTempFile("dbaudit-out", ".txt");
        Path err = java.nio.file.Files.createTempFile("dbaudit-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("dbaudit did not finish in 5 minutes: " + cmd);
        }
        return new JarRun(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
    }

    String all() {
        return stdout + stderr;
    }
}
