-- PostgreSQL 13+. retained_bytes = WAL the slot holds back: from restart_lsn to the newest WAL here
-- (pg_current_wal_lsn() on a primary; on a standby the WAL received, or replayed when nothing streams).
WITH here AS (
    SELECT CASE WHEN pg_is_in_recovery()
                THEN coalesce(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())
                ELSE pg_current_wal_lsn() END AS lsn
)
SELECT s.slot_name, s.slot_type, s.database, s.plugin, s.active, s.temporary,
       pg_wal_lsn_diff(here.lsn, s.restart_lsn)::bigint AS retained_bytes,
       s.wal_status
FROM pg_replication_slots s
CROSS JOIN here
ORDER BY s.slot_name
