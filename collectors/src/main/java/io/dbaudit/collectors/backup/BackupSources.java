package io.dbaudit.collectors.backup;

import io.dbaudit.model.facts.BackupStatus;
import io.dbaudit.model.facts.CollectionError;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The backup sources a target declares in its parameters, read for any engine:
 * {@code pgbackrest-stanza=NAME} (with {@code pgbackrest-config=PATH}) and {@code backup-dir=PATH}.
 * A target that declares none has no BackupStatus at all: rules about backups are then skipped.
 */
public final class BackupSources {
    public static final String PGBACKREST_STANZA = "pgbackrest-stanza";
    public static final String PGBACKREST_CONFIG = "pgbackrest-config";
    public static final String BACKUP_DIR = "backup-dir";
    static final String KIND = BackupStatus.class.getSimpleName();

    /**
     * @param declared whether any source was declared (if so, the kind counts as collected when
     *                 {@code errors} is empty)
     */
    public record Outcome(boolean declared, List<BackupStatus> statuses, List<CollectionError> errors) {
        public Outcome {
            statuses = List.copyOf(statuses);
            errors = List.copyOf(errors);
        }
    }

    private BackupSources() {
    }

    public static Outcome read(Map<String, String> parameters, Duration timeout) {
        return read(parameters, new PgBackRestInfo("pgbackrest", timeout));
    }

    static Outcome read(Map<String, String> parameters, PgBackRestInfo pgBackRest) {
        List<BackupStatus> statuses = new ArrayList<>();
        List<CollectionError> errors = new ArrayList<>();
        boolean declared = false;
        String stanza = parameters.get(PGBACKREST_STANZA);
        if (stanza != null && !stanza.isBlank()) {
            declared = true;
            try {
                statuses.add(pgBackRest.read(stanza.trim(), parameters.get(PGBACKREST_CONFIG)));
            } catch (BackupSourceException e) {
                errors.add(new CollectionError(KIND, e.reason(), e.getMessage()));
            }
        }
        String directory = parameters.get(BACKUP_DIR);
        if (directory != null && !directory.isBlank()) {
            declared = true;
            try {
                statuses.add(BackupDirectory.read(Path.of(directory.trim())));
            } catch (BackupSourceException e) {
                errors.add(new CollectionError(KIND, e.reason(), e.getMessage()));
            }
        }
        return new Outcome(declared, statuses, errors);
    }
}
