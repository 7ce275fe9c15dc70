-- PostgreSQL 11+ (indnkeyatts). Indexes on tables and materialized views of the user schemas. The
-- parent indexes of partitioned tables (relkind 'I') are left out: they have no storage and no scans of
-- their own; each partition's index is listed with its real size and use.
-- columns: key columns 1..indnkeyatts as pg_get_indexdef prints them (a name, or an expression's text);
-- include_columns: the INCLUDE columns after them. constraint: the primary key, unique or exclusion
-- constraint the index backs on its own table (foreign keys also point at an index via conindid: that
-- is the referenced table's index, so they are not counted).
SELECT current_database() AS database,
       n.nspname,
       t.relname  AS table_name,
       ic.relname AS index_name,
       pg_get_indexdef(i.indexrelid) AS definition,
       am.amname,
       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true)
             FROM generate_series(1, i.indnkeyatts) AS k
             ORDER BY k) AS key_columns,
       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true)
             FROM generate_series(i.indnkeyatts + 1, i.indnatts) AS k
             ORDER BY k) AS include_columns,
       pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
       i.indexprs IS NOT NULL AS expression,
       i.indisunique,
       i.indisprimary,
       i.indisvalid,
       i.indisready,
       con.conname,
       pg_relation_size(i.indexrelid) AS size_bytes,
       coalesce(s.idx_scan, 0) AS scans
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                           AND con.contype IN ('p', 'u', 'x')
LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
WHERE ic.relkind = 'i'
  AND t.relkind IN ('r', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
ORDER BY n.nspname, t.relname, ic.relname
