-- The databases whose per-database facts we collect: every one that accepts connections, templates
-- excluded. Databases this role has no CONNECT privilege on are listed too: the failed connection makes
-- the per-database kinds a PRIVILEGE error naming the database, instead of leaving it out unseen.
SELECT datname
FROM pg_database
WHERE datallowconn
  AND NOT datistemplate
ORDER BY datname
