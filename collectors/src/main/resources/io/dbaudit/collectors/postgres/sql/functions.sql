-- SECURITY DEFINER functions only; extension = the extension that owns the function (deptype 'e').
SELECT current_database() AS database,
       n.nspname,
       p.proname,
       pg_get_function_identity_arguments(p.oid) AS identity,
       pg_get_userbyid(p.proowner)::text AS owner,
       l.lanname,
       p.prosecdef,
       EXISTS (SELECT 1 FROM unnest(p.proconfig) AS c(setting) WHERE c.setting LIKE 'search\_path=%') AS search_path_set,
       (SELECT e.extname
        FROM pg_depend d
        JOIN pg_extension e ON e.oid = d.refobjid
        WHERE d.classid = 'pg_proc'::regclass
          AND d.objid = p.oid
          AND d.refclassid = 'pg_extension'::regclass
          AND d.deptype = 'e'
        LIMIT 1) AS extension
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE p.prosecdef
ORDER BY n.nspname, p.proname, identity
