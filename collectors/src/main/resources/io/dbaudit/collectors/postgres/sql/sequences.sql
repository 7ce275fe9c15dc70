-- PostgreSQL 10+. pg_sequences shows last_value as NULL both for a sequence never used and for one this
-- role may not read (no SELECT or USAGE on it): readable tells them apart, and the collector refuses to
-- report unreadable sequences as unused.
SELECT current_database() AS database,
       s.schemaname,
       s.sequencename,
       s.data_type::text AS data_type,
       s.last_value,
       s.min_value,
       s.max_value,
       s.increment_by,
       s.cycle,
       has_sequence_privilege(format('%I.%I', s.schemaname, s.sequencename), 'SELECT,USAGE') AS readable
FROM pg_sequences s
ORDER BY s.schemaname, s.sequencename
