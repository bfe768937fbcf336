-- 0001: the group roles and the application schema.
-- Roles are cluster-wide: every database of the cluster shares them, so each
-- is created only when missing (a second database, or the test template,
-- finds them there already).
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['jz_reception', 'jz_caseworker', 'jz_supervisor',
                           'jz_admin', 'jz_peer'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
END
$$;

COMMENT ON ROLE jz_reception IS 'jiuzhu: 前台受理员 receptionist';
COMMENT ON ROLE jz_caseworker IS 'jiuzhu: 社工 social worker';
COMMENT ON ROLE jz_supervisor IS 'jiuzhu: 主任/督导 supervisor';
COMMENT ON ROLE jz_admin IS 'jiuzhu: 管理员 administrator';
COMMENT ON ROLE jz_peer IS 'jiuzhu: staff who log in by peer authentication (SSH)';

CREATE SCHEMA jz;
COMMENT ON SCHEMA jz IS 'jiuzhu 救助: community social-assistance office';
REVOKE ALL ON SCHEMA jz FROM PUBLIC;
GRANT USAGE ON SCHEMA jz TO jz_reception, jz_caseworker, jz_supervisor, jz_admin;
