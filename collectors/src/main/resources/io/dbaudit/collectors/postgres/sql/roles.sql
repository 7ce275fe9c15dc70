-- Every role with the roles it belongs to, directly or through other roles (UNION stops on cycles).
-- VALID UNTIL 'infinity' means no expiry (NULL); '-infinity' means always expired (the epoch).
WITH RECURSIVE membership(member, roleid) AS (
    SELECT member, roleid FROM pg_auth_members
    UNION
    SELECT m.member, a.roleid
    FROM membership m
    JOIN pg_auth_members a ON a.member = m.roleid
)
SELECT r.rolname,
       r.rolcanlogin,
       r.rolsuper,
       r.rolcreaterole,
       r.rolcreatedb,
       r.rolreplication,
       r.rolbypassrls,
       r.rolinherit,
       CASE WHEN r.rolvaliduntil = '-infinity' THEN 'epoch'::timestamptz
            WHEN isfinite(r.rolvaliduntil) THEN r.rolvaliduntil END AS valid_until,
       r.rolconnlimit,
       coalesce((SELECT array_agg(g.rolname::text ORDER BY g.rolname)
                 FROM membership m
                 JOIN pg_roles g ON g.oid = m.roleid
                 WHERE m.member = r.oid), '{}'::text[]) AS member_of
FROM pg_roles r
ORDER BY r.rolname
