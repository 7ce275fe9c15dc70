-- Every database of the cluster (templates included) with its size and wraparound clocks.
-- pg_database_size needs CONNECT on the database or pg_read_all_stats: without either the whole read
-- fails with insufficient_privilege (42501), so no database is silently left out.
SELECT d.datname,
       pg_get_userbyid(d.datdba)::text AS owner,
       d.datallowconn,
       d.datconnlimit,
       d.datistemplate,
       pg_database_size(d.oid)  AS size_bytes,
       age(d.datfrozenxid)      AS frozen_xid_age,
       mxid_age(d.datminmxid)   AS min_mxid_age
FROM pg_database d
ORDER BY d.datname
