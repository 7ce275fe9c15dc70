-- PostgreSQL 12+: one row per database (the shared-objects row, datname NULL, is left out).
-- checksum_failures is NULL where data checksums are off.
SELECT datname, stats_reset, checksum_failures, xact_commit, xact_rollback, blks_read, blks_hit, deadlocks,
       temp_bytes, numbackends
FROM pg_stat_database
WHERE datname IS NOT NULL
ORDER BY datname
