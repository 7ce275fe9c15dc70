-- PostgreSQL 16+: include directives exist, so lines carry their file and are ordered by rule_number
-- (the order the server matches them in); lines with errors have no rule_number and come last.
SELECT file_name, line_number, type, database, user_name, address, netmask, auth_method, options, error
FROM pg_hba_file_rules
ORDER BY rule_number NULLS LAST, file_name, line_number
