-- Procedural languages only (lanispl): internal, c and sql are built in and always present, so they
-- would say nothing about what was installed.
SELECT current_database() AS database, lanname, lanpltrusted, pg_get_userbyid(lanowner)::text AS owner
FROM pg_language
WHERE lanispl
ORDER BY lanname
