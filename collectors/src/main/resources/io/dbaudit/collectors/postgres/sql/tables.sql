-- Ordinary and partitioned tables (partitions included) of the user schemas, with their activity and
-- vacuum history from pg_stat_user_tables and a statistics-based bloat estimate.
--
-- Bloat estimate (the well-known pg_stats-based heap estimate, as in ioguix's pgsql-bloat-estimation):
-- a row is its 4-byte line pointer + the 23-byte tuple header (plus a NULL bitmap when some column has
-- NULLs), MAXALIGNed, + the average data width sum((1 - null_frac) * avg_width), MAXALIGNed. The pages the
-- table should need at its fillfactor are reltuples / rows-per-page, plus a toast page per 4 toast rows;
-- bloat is the pages it has (heap + toast, pg_class.relpages) beyond that, times the block size. It is NULL
-- when the estimate would be a guess: a column without pg_stats (never analyzed, or a column this role may
-- not SELECT: pg_stats hides those), a column of type name (avg_width is misleading for it), reltuples
-- unknown (-1 before the first VACUUM/ANALYZE), and for partitioned tables (they have no storage).
WITH user_tables AS (
    SELECT c.oid, n.nspname, c.relname, c.relkind, c.reltuples, c.relpages, c.reltoastrelid, c.relfrozenxid,
           coalesce((SELECT o.option_value::int
                     FROM pg_options_to_table(c.reloptions) o
                     WHERE o.option_name = 'fillfactor'), 100) AS fillfactor
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
),
row_widths AS (
    SELECT t.oid,
           count(*)                                                   AS columns,
           count(s.attname)                                           AS columns_with_stats,
           bool_or(a.atttypid = 'pg_catalog.name'::regtype)           AS has_name_column,
           max(coalesce(s.null_frac, 0)) > 0                          AS has_nulls,
           sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0)) AS data_width
    FROM user_tables t
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_stats s ON s.schemaname = t.nspname AND s.tablename = t.relname AND s.attname = a.attname
                        AND NOT s.inherited
    WHERE t.relkind = 'r'
    GROUP BY t.oid
),
layout AS (
    SELECT current_setting('block_size')::numeric AS block_size,
           24                                      AS page_header,
           CASE WHEN version() ~ '64-bit|x86_64|aarch64|ppc64|ia64|amd64|s390x' THEN 8 ELSE 4 END AS maxalign
),
bloat AS (
    SELECT t.oid,
           CASE WHEN w.columns_with_stats < w.columns OR w.has_name_column OR t.reltuples < 0 THEN NULL
                ELSE greatest(
                         t.relpages + coalesce(toast.relpages, 0)
                         - ceil(t.reltuples / ((l.block_size - l.page_header) * t.fillfactor / 100.0
                                               / (4
                                                  + ceil((23 + CASE WHEN w.has_nulls THEN (7 + w.columns) / 8 ELSE 0 END)
                                                         / l.maxalign::numeric) * l.maxalign
                                                  + ceil(ceil(w.data_width) / l.maxalign) * l.maxalign)))
                         - ceil(greatest(coalesce(toast.reltuples, 0), 0) / 4),
                         0) * l.block_size
           END::bigint AS estimated_bloat_bytes
    FROM user_tables t
    JOIN row_widths w ON w.oid = t.oid
    CROSS JOIN layout l
    LEFT JOIN pg_class toast ON toast.oid = t.reltoastrelid
)
SELECT current_database() AS database,
       t.nspname,
       t.relname,
       pg_relation_size(t.oid)        AS size_bytes,
       pg_total_relation_size(t.oid)  AS total_bytes,
       t.reltuples::float8            AS reltuples,
       coalesce(s.n_live_tup, 0)          AS live_tuples,
       coalesce(s.n_dead_tup, 0)          AS dead_tuples,
       coalesce(s.seq_scan, 0)            AS seq_scan,
       coalesce(s.seq_tup_read, 0)        AS seq_tup_read,
       coalesce(s.idx_scan, 0)            AS idx_scan,
       coalesce(s.n_mod_since_analyze, 0) AS mods_since_analyze,
       s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
       -- A partitioned table has no storage and no relfrozenxid (age() of it would read as 2^31-1); a
       -- table's TOAST relation is frozen separately and counts for wraparound too.
       CASE WHEN t.relkind = 'p' THEN 0
            ELSE greatest(age(t.relfrozenxid), age(toast.relfrozenxid)) END AS frozen_xid_age,
       EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = t.oid AND k.contype = 'p') AS has_primary_key,
       t.relkind = 'p'                AS partitioned,
       b.estimated_bloat_bytes
FROM user_tables t
LEFT JOIN pg_class toast ON toast.oid = t.reltoastrelid
LEFT JOIN pg_stat_user_tables s ON s.relid = t.oid
LEFT JOIN bloat b ON b.oid = t.oid
ORDER BY t.nspname, t.relname
