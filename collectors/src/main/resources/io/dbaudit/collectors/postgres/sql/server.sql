-- The server as the scanning session sees it.
SELECT current_setting('server_version')          AS version,
       current_setting('server_version_num')::int AS version_num,
       current_user                               AS user_name,
       current_database()                         AS database,
       pg_is_in_recovery()                        AS in_recovery,
       coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false) AS superuser
