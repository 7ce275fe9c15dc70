package io.dbaudit.collectors.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server for the ITs: its own process on a free loopback port, its own directory,
 * {@code --daemonize no}, stopped by {@link #close()}. Never the system service. When redis-server is not
 * installed the ITs fail with how to install it (CI installs it): they must not skip silently.
 */
final class RedisServerProcess implements AutoCloseable {
    private static final List<String> SEARCH = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server",
            "/usr/sbin/redis-server");

    final int port;
    final Path dir;
    private final Process process;
    private final Path log;

    private RedisServerProcess(int port, Path dir, Process process, Path log) {
        this.port = port;
        this.dir = dir;
        this.process = process;
        this.log = log;
    }

    static String binary() {
        String fromEnv = System.getenv("REDIS_SERVER");
        if (fromEnv != null && Files.isExecutable(Path.of(fromEnv))) {
            return fromEnv;
        }
        for (String candidate : SEARCH) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, "redis-server");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException("redis-server is not installed: the Redis ITs need a real server"
                + " (Debian: apt-get install -y redis-server; or set REDIS_SERVER to its path)");
    }

    static RedisServerProcess start(Path dir, String... options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--daemonize", "no", "--logfile", "", "--pidfile", ""));
        cmd.addAll(List.of(options));
        Path log = dir.resolve("redis.log");
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisServerProcess server = new RedisServerProcess(port, dir, process, log);
        server.awaitListening();
        return server;
    }

    /** Starts with options that need the port known first (a replica's --replicaof). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                s.setSoTimeout(1000);
                OutputStream out = s.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                int first = in.read();
                if (first == '+' || first == '-') {
                    return; // PONG, or NOAUTH on a server with passwords: it is serving
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("redis-server did not listen on " + port + " within 15 s:\n" + log());
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    String url(String user) {
        return "redis://" + user + "@127.0.0.1:" + port;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
