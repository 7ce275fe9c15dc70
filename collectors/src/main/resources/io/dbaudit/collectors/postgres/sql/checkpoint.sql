-- pg_control_checkpoint() is executable by PUBLIC in a stock server (system_functions.sql does not revoke
-- it); where an administrator or a managed service revoked it, the read fails with 42501 (PRIVILEGE).
SELECT checkpoint_time, timeline_id, redo_lsn::text AS redo_lsn
FROM pg_control_checkpoint()
