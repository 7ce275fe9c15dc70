-- Client backends and WAL senders other than our own session. Never query text.
SELECT a.pid, a.usename, a.datname, a.backend_type, a.state, a.backend_start, a.xact_start, a.query_start,
       a.state_change, a.wait_event_type,
       cardinality(pg_blocking_pids(a.pid)) > 0 AS blocked
FROM pg_stat_activity a
WHERE a.backend_type IN ('client backend', 'walsender')
  AND a.pid <> pg_backend_pid()
ORDER BY a.pid
