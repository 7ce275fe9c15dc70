-- Every line of the configuration files as the server parsed them, including lines it did not apply
-- (error 'unrecognized configuration parameter', a later line winning). Superuser only by default.
SELECT sourcefile, sourceline, seqno, name, setting, applied, error
FROM pg_file_settings
ORDER BY seqno
