-- Client sessions other than our own. Identity only, never query text.
SELECT a.pid, a.usename, a.datname, host(a.client_addr) AS client_addr, a.application_name,
       coalesce(s.ssl, false) AS ssl, s.version AS ssl_version
FROM pg_stat_activity a
LEFT JOIN pg_stat_ssl s ON s.pid = a.pid
WHERE a.backend_type = 'client backend'
  AND a.pid <> pg_backend_pid()
ORDER BY a.pid
