package io.dbaudit.collectors.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.facts.BackupStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One pgBackRest stanza, from {@code pgbackrest --output=json info --stanza=NAME} (run directly, never
 * through a shell, and killed when it overruns). The last success is the newest backup's stop time among
 * those without the {@code error} flag (pgBackRest 2.36+ sets it on backups that hit page checksum errors);
 * the stanza's status code and the WAL archive range go into the detail.
 */
public final class PgBackRestInfo {
    /** pgBackRest's "other" status: an error reading the repository rather than a state of the stanza. */
    static final int STATUS_OTHER = 99;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 400;

    private final String executable;
    private final Duration timeout;

    public PgBackRestInfo(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /** @param config a pgbackrest.conf path, or null for pgBackRest's own default */
    public BackupStatus read(String stanza, String config) throws BackupSourceException {
        List<String> command = new ArrayList<>(List.of(executable, "--output=json"));
        if (config != null && !config.isBlank()) {
            command.add("--config=" + config);
        }
        command.add("--stanza=" + stanza);
        command.add("info");
        return parse(stanza, run(command));
    }

    private String run(List<String> command) throws BackupSourceException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new BackupSourceException(ErrorReason.UNSUPPORTED, "pgbackrest not found (" + executable + ": "
                    + e.getMessage() + ")");
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new BackupSourceException(ErrorReason.TIMEOUT, "pgbackrest info did not finish within "
                        + timeout.toSeconds() + " s");
            }
            String stdout = out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String stderr = err.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (process.exitValue() != 0) {
                String why = (stderr.isBlank() ? stdout : stderr).strip();
                throw new BackupSourceException(ErrorReason.ERROR, "pgbackrest info exited with "
                        + process.exitValue() + ": " + truncate(why));
            }
            return stdout;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BackupSourceException(ErrorReason.ERROR, "interrupted while running pgbackrest info");
        } catch (ExecutionException | java.util.concurrent.TimeoutException | IOException e) {
            process.destroyForcibly();
            throw new BackupSourceException(ErrorReason.ERROR, "cannot read pgbackrest output: " + e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Turns {@code pgbackrest --output=json info} output into the stanza's status. */
    public static BackupStatus parse(String stanza, String json) throws BackupSourceException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BackupSourceException(ErrorReason.ERROR, "pgbackrest info printed no JSON: "
                    + truncate(json.strip()));
        }
        if (root == null || !root.isArray()) {
            throw new BackupSourceException(ErrorReason.ERROR, "pgbackrest info JSON is not a list of stanzas");
        }
        JsonNode entry = null;
        for (JsonNode candidate : root) {
            if (stanza.equals(candidate.path("name").asText(null))) {
                entry = candidate;
            }
        }
        if (entry == null) {
            throw new BackupSourceException(ErrorReason.ERROR, "pgbackrest info does not list stanza " + stanza);
        }
        JsonNode status = entry.path("status");
        int code = status.path("code").asInt(STATUS_OTHER);
        String message = status.path("message").asText("");
        if (code == STATUS_OTHER) {
            throw new BackupSourceException(ErrorReason.ERROR, "pgbackrest stanza " + stanza + ": "
                    + truncate(message));
        }

        Instant lastSuccess = null;
        Instant lastFailure = null;
        String kind = null;
        String newestLabel = null;
        int backups = 0;
        for (JsonNode backup : entry.path("backup")) {
            backups++;
            JsonNode stop = backup.path("timestamp").path("stop");
            if (!stop.canConvertToLong()) {
                continue;
            }
            Instant stopped = Instant.ofEpochSecond(stop.asLong());
            if (backup.path("error").asBoolean(false)) {
                if (lastFailure == null || stopped.isAfter(lastFailure)) {
                    lastFailure = stopped;
                }
            } else if (lastSuccess == null || stopped.isAfter(lastSuccess)) {
                lastSuccess = stopped;
                kind = backup.path("type").asText(null);
                newestLabel = backup.path("label").asText(null);
            }
        }

        StringBuilder detail = new StringBuilder("status ").append(code).append(" (").append(message).append(")");
        detail.append("; ").append(backups).append(" backup(s)");
        if (newestLabel != null) {
            detail.append(", newest good ").append(newestLabel);
        }
        // The last archive entry is the current database (older ones are prior PostgreSQL versions).
        JsonNode archives = entry.path("archive");
        if (archives.isArray() && archives.size() > 0) {
            JsonNode current = archives.get(archives.size() - 1);
            detail.append("; wal archive min/max ").append(current.path("min").asText("-")).append('/')
                    .append(current.path("max").asText("-"));
        } else {
            detail.append("; no wal archive");
        }
        return new BackupStatus("pgbackrest:" + stanza, kind, lastSuccess, lastFailure, detail.toString());
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
