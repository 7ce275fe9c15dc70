-- sourcefile/sourceline are NULL unless the session is superuser or in pg_read_all_settings.
SELECT name, setting, unit, vartype, context, source, sourcefile, sourceline, pending_restart
FROM pg_settings
ORDER BY name
