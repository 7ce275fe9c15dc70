-- PostgreSQL 10 to 13: no pg_get_wal_replay_pause_state() (a requested pause counts as paused there);
-- sender_host/sender_port exist from 11 on, so they are read as NULL here.
SELECT pg_last_wal_receive_lsn()::text AS receive_lsn,
       pg_last_wal_replay_lsn()::text  AS replay_lsn,
       greatest(coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0), 0)::bigint
                                       AS receive_replay_gap_bytes,
       pg_last_xact_replay_timestamp() AS last_replay_timestamp,
       pg_is_wal_replay_paused()       AS replay_paused,
       w.status                        AS wal_receiver_status,
       NULL::text                      AS sender_host,
       NULL::int                       AS sender_port
FROM (SELECT 1) AS one
LEFT JOIN pg_stat_wal_receiver w ON true
WHERE pg_is_in_recovery()
