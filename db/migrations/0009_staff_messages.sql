-- 0009: staff functions raise fixed message texts (the C side translates
-- them through gettext, db/staff.c lists them) and put the offending value
-- in DETAIL. Same behaviour and grants as 0006; CREATE OR REPLACE keeps them.
CREATE OR REPLACE FUNCTION jz.staff_check_admin() RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, jz
AS $$
BEGIN
  IF NOT pg_has_role(session_user, 'jz_admin', 'MEMBER') THEN
    RAISE EXCEPTION 'Only an administrator may manage staff accounts.'
      USING ERRCODE = '42501';
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION jz.staff_check_verifier(p_verifier text) RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, jz
AS $$
BEGIN
  IF p_verifier IS NOT NULL AND p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:' THEN
    RAISE EXCEPTION 'A password must be sent as a SCRAM-SHA-256 verifier.'
      USING ERRCODE = '22023';
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION jz.community_find(p_community text) RETURNS integer
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, jz
AS $$
DECLARE
  cid integer;
BEGIN
  SELECT id INTO cid FROM jz.communities
   WHERE code = btrim(p_community) OR name = btrim(p_community);
  IF cid IS NULL THEN
    RAISE EXCEPTION 'No such community.' USING ERRCODE = '23503', DETAIL = p_community;
  END IF;
  RETURN cid;
END
$$;

CREATE OR REPLACE FUNCTION jz.staff_add(p_login text, p_display_name text, p_group text,
                                        p_community text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, jz
AS $$
DECLARE
  grp text := p_group;
  cid integer;
BEGIN
  PERFORM jz.staff_check_admin();
  IF grp IS NOT NULL AND grp !~ '^jz_' THEN
    grp := 'jz_' || grp;
  END IF;
  IF grp IS NULL OR grp NOT IN ('jz_reception', 'jz_caseworker', 'jz_supervisor', 'jz_admin') THEN
    RAISE EXCEPTION 'Unknown staff role.' USING ERRCODE = '22023', DETAIL = coalesce(p_group, '');
  END IF;
  IF p_login IS NULL OR p_login !~ '^[a-z_][a-z0-9_]{0,62}$'
     OR p_login ~ '^(pg_|jz_)' THEN
    RAISE EXCEPTION 'Invalid login name: use lower-case letters, digits and _, not starting with pg_ or jz_.'
      USING ERRCODE = '22023', DETAIL = coalesce(p_login, '');
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_login) THEN
    RAISE EXCEPTION 'That login name is already taken.' USING ERRCODE = '42710', DETAIL = p_login;
  END IF;
  IF p_display_name IS NULL OR char_length(btrim(p_display_name)) NOT BETWEEN 1 AND 64 THEN
    RAISE EXCEPTION 'The display name must be 1 to 64 characters.' USING ERRCODE = '22023';
  END IF;
  PERFORM jz.staff_check_verifier(p_verifier);
  IF p_community IS NOT NULL THEN
    cid := jz.community_find(p_community);
  END IF;

  IF p_verifier IS NULL THEN
    EXECUTE format('CREATE ROLE %I LOGIN IN ROLE %I, jz_peer', p_login, grp);
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_login, p_verifier, grp);
  END IF;
  INSERT INTO jz.staff (login, display_name, group_role)
  VALUES (p_login, btrim(p_display_name), grp);
  IF cid IS NOT NULL THEN
    INSERT INTO jz.staff_community (login, community_id) VALUES (p_login, cid);
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION jz.staff_disable(p_login text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, jz
AS $$
BEGIN
  PERFORM jz.staff_check_admin();
  IF NOT EXISTS (SELECT 1 FROM jz.staff WHERE login = p_login) THEN
    RAISE EXCEPTION 'No staff account by that name.' USING ERRCODE = '22023',
      DETAIL = coalesce(p_login, '');
  END IF;
  IF p_login = session_user THEN
    RAISE EXCEPTION 'You cannot disable your own account.' USING ERRCODE = '22023';
  END IF;
  EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
  UPDATE jz.staff SET active = false WHERE login = p_login;
END
$$;

CREATE OR REPLACE FUNCTION jz.staff_set_password(p_login text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, jz
AS $$
BEGIN
  IF p_login IS DISTINCT FROM session_user::text THEN
    PERFORM jz.staff_check_admin();
  END IF;
  IF NOT EXISTS (SELECT 1 FROM jz.staff WHERE login = p_login) THEN
    RAISE EXCEPTION 'No staff account by that name.' USING ERRCODE = '22023',
      DETAIL = coalesce(p_login, '');
  END IF;
  IF p_verifier IS NULL THEN
    RAISE EXCEPTION 'The password may not be empty.' USING ERRCODE = '22023';
  END IF;
  PERFORM jz.staff_check_verifier(p_verifier);
  EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
END
$$;
