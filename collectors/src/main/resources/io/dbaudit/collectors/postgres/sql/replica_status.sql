-- PostgreSQL 14+: what a standby reports about itself; no row at all on a primary.
-- The receive/replay gap is clamped at 0: while restoring from the archive nothing is "received".
SELECT pg_last_wal_receive_lsn()::text AS receive_lsn,
       pg_last_wal_replay_lsn()::text  AS replay_lsn,
       greatest(coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0), 0)::bigint
                                       AS receive_replay_gap_bytes,
       pg_last_xact_replay_timestamp() AS last_replay_timestamp,
       pg_get_wal_replay_pause_state() <> 'not paused' AS replay_paused,
       w.status                        AS wal_receiver_status,
       w.sender_host,
       w.sender_port
FROM (SELECT 1) AS one
LEFT JOIN pg_stat_wal_receiver w ON true
WHERE pg_is_in_recovery()
