-- How each password is stored, classified on the server so that no hash ever reaches the scanner.
-- pg_authid is superuser-only: anyone else gets insufficient_privilege (42501), as intended.
SELECT rolname,
       CASE WHEN rolpassword IS NULL THEN 'none'
            WHEN rolpassword LIKE 'SCRAM-SHA-256$%' THEN 'scram-sha-256'
            WHEN rolpassword LIKE 'md5%' AND length(rolpassword) = 35 THEN 'md5'
            ELSE 'plain' END AS password_type
FROM pg_authid
ORDER BY rolname
