-- Foreign keys of the user schemas; columns are the referencing columns in constraint order.
-- A foreign key that references a partitioned table gets internal copies pointing at each referenced
-- partition (same referencing table, conparentid set): only the top one is listed. Foreign keys on
-- partitions of a partitioned referencing table are listed, as each partition needs its own index.
-- table_size_bytes is the referencing table's heap size (0 for a partitioned table).
SELECT current_database() AS database,
       n.nspname,
       t.relname,
       c.conname,
       ARRAY(SELECT a.attname::text
             FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
             ORDER BY k.ord) AS columns,
       rn.nspname AS referenced_schema,
       rt.relname AS referenced_table,
       pg_relation_size(c.conrelid) AS table_size_bytes
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_class rt ON rt.oid = c.confrelid
JOIN pg_namespace rn ON rn.oid = rt.relnamespace
WHERE c.contype = 'f'
  AND NOT EXISTS (SELECT 1 FROM pg_constraint p WHERE p.oid = c.conparentid AND p.conrelid = c.conrelid)
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
ORDER BY n.nspname, t.relname, c.conname
