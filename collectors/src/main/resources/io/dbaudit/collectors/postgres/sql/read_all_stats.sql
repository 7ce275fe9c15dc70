-- Whether this session sees every session's state, timings and LSNs in pg_stat_activity,
-- pg_stat_replication and pg_stat_wal_receiver (superuser, pg_read_all_stats or pg_monitor).
-- Without it those views still return rows, with the interesting columns NULL.
SELECT pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS read_all_stats
