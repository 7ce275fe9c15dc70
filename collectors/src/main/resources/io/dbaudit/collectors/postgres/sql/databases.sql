-- The databases whose per-database facts we collect: those we may connect to, templates excluded.
SELECT datname
FROM pg_database
WHERE datallowconn
  AND NOT datistemplate
  AND has_database_privilege(datname, 'CONNECT')
ORDER BY datname
