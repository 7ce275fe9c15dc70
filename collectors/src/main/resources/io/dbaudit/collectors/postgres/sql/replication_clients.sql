-- Standbys (and pg_basebackup/pg_receivewal clients) streaming from this server. Lag in bytes is measured
-- against the newest WAL this server has: pg_current_wal_lsn() on a primary; on a standby (cascading
-- replication) pg_current_wal_lsn() raises an error, so the WAL it received (or replayed) is used.
WITH here AS (
    SELECT CASE WHEN pg_is_in_recovery()
                THEN coalesce(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())
                ELSE pg_current_wal_lsn() END AS lsn
)
SELECT r.application_name,
       host(r.client_addr) AS client_addr,
       r.state,
       r.sync_state,
       coalesce(pg_wal_lsn_diff(here.lsn, r.sent_lsn), 0)::bigint   AS sent_lag_bytes,
       coalesce(pg_wal_lsn_diff(here.lsn, r.write_lsn), 0)::bigint  AS write_lag_bytes,
       coalesce(pg_wal_lsn_diff(here.lsn, r.flush_lsn), 0)::bigint  AS flush_lag_bytes,
       coalesce(pg_wal_lsn_diff(here.lsn, r.replay_lsn), 0)::bigint AS replay_lag_bytes,
       extract(epoch FROM r.write_lag)::float8  AS write_lag_seconds,
       extract(epoch FROM r.flush_lag)::float8  AS flush_lag_seconds,
       extract(epoch FROM r.replay_lag)::float8 AS replay_lag_seconds
FROM pg_stat_replication r
CROSS JOIN here
ORDER BY r.application_name, r.pid
