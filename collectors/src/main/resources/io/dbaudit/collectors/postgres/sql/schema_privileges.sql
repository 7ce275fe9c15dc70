-- Schema ACLs, with the built-in default when nspacl is NULL; grantee 0 is PUBLIC.
-- System schemas (pg_*, information_schema) are left out; public is always in.
SELECT current_database() AS database,
       n.nspname,
       CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END AS grantee,
       a.privilege_type,
       a.is_grantable
FROM pg_namespace n
CROSS JOIN LATERAL aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
WHERE n.nspname = 'public'
   OR (n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema')
ORDER BY n.nspname, 3, a.privilege_type
