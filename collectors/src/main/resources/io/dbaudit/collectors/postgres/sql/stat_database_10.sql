-- PostgreSQL 10 and 11: no checksum_failures column yet.
SELECT datname, stats_reset, NULL::bigint AS checksum_failures, xact_commit, xact_rollback, blks_read, blks_hit,
       deadlocks, temp_bytes, numbackends
FROM pg_stat_database
WHERE datname IS NOT NULL
ORDER BY datname
