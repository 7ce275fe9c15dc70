-- PostgreSQL 10 to 15: no file_name (there are no include directives before 16).
SELECT NULL::text AS file_name, line_number, type, database, user_name, address, netmask, auth_method,
       options, error
FROM pg_hba_file_rules
ORDER BY line_number
