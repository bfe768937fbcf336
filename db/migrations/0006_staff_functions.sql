-- 0006: staff accounts. Staff are roles; these SECURITY DEFINER functions
-- are the only way to create, disable or re-password them. Passwords arrive
-- as SCRAM verifiers computed by the client (libpq), never in plain text.
-- Role names go through format('%I') and verifiers through format('%L').

-- Communities of the logged-in staff member (for row-level security; runs
-- as the owner so a policy on staff_community can use it without recursion).
CREATE FUNCTION jz.my_community_ids() RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, jz
AS $$
  SELECT community_id FROM jz.staff_community WHERE login = session_user
$$;

CREATE FUNCTION jz.staff_check_admin() RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, jz
AS $$
BEGIN
  IF NOT pg_has_role(session_user, 'jz_admin', 'MEMBER') THEN
    RAISE EXCEPTION 'only an administrator may manage staff accounts'
      USING ERRCODE = '42501';
  END IF;
END
$$;

CREATE FUNCTION jz.staff_check_verifier(p_verifier text) RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, jz
AS $$
BEGIN
  IF p_verifier IS NOT NULL AND p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:' THEN
    RAISE EXCEPTION 'a password must be sent as a SCRAM-SHA-256 verifier'
      USING ERRCODE = '22023';
  END IF;
END
$$;

CREATE FUNCTION jz.community_find(p_community text) RETURNS integer
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, jz
AS $$
DECLARE
  cid integer;
BEGIN
  SELECT id INTO cid FROM jz.communities
   WHERE code = btrim(p_community) OR name = btrim(p_community);
  IF cid IS NULL THEN
    RAISE EXCEPTION 'unknown community: %', p_community USING ERRCODE = '23503';
  END IF;
  RETURN cid;
END
$$;

-- p_verifier NULL: a peer-authenticated account (SSH: the OS account is the
-- role), member of jz_peer too. p_community: code or name, NULL for none.
CREATE FUNCTION jz.staff_add(p_login text, p_display_name text, p_group text,
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
    RAISE EXCEPTION 'unknown staff group: %', p_group USING ERRCODE = '22023';
  END IF;
  IF p_login IS NULL OR p_login !~ '^[a-z_][a-z0-9_]{0,62}$'
     OR p_login ~ '^(pg_|jz_)' THEN
    RAISE EXCEPTION 'invalid login name: %', p_login
      USING ERRCODE = '22023',
            HINT = 'Use lower-case letters, digits and _; not starting with pg_ or jz_.';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_login) THEN
    RAISE EXCEPTION 'a role named % already exists', p_login USING ERRCODE = '42710';
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

CREATE FUNCTION jz.staff_add_community(p_login text, p_community text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, jz
AS $$
BEGIN
  PERFORM jz.staff_check_admin();
  INSERT INTO jz.staff_community (login, community_id)
  VALUES (p_login, jz.community_find(p_community))
  ON CONFLICT DO NOTHING;
END
$$;

-- Disabled, never dropped: the audit trail and the cases keep their names.
CREATE FUNCTION jz.staff_disable(p_login text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, jz
AS $$
BEGIN
  PERFORM jz.staff_check_admin();
  IF NOT EXISTS (SELECT 1 FROM jz.staff WHERE login = p_login) THEN
    RAISE EXCEPTION 'no staff account named %', p_login USING ERRCODE = '22023';
  END IF;
  IF p_login = session_user THEN
    RAISE EXCEPTION 'you cannot disable your own account' USING ERRCODE = '22023';
  END IF;
  EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
  UPDATE jz.staff SET active = false WHERE login = p_login;
END
$$;

-- An administrator for anyone; every staff member for themself.
CREATE FUNCTION jz.staff_set_password(p_login text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, jz
AS $$
BEGIN
  IF p_login IS DISTINCT FROM session_user::text THEN
    PERFORM jz.staff_check_admin();
  END IF;
  IF NOT EXISTS (SELECT 1 FROM jz.staff WHERE login = p_login) THEN
    RAISE EXCEPTION 'no staff account named %', p_login USING ERRCODE = '22023';
  END IF;
  IF p_verifier IS NULL THEN
    RAISE EXCEPTION 'a password is required' USING ERRCODE = '22023';
  END IF;
  PERFORM jz.staff_check_verifier(p_verifier);
  EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
END
$$;

-- Who is logged in: one row, also for a role that is not in jz.staff (the
-- cluster owner), whose group then comes from its role memberships.
CREATE FUNCTION jz.whoami()
RETURNS TABLE (login text, display_name text, group_role text,
               communities text, idle_lock_seconds integer)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, jz
AS $$
  SELECT u.login,
         coalesce(s.display_name, u.login),
         coalesce(s.group_role,
                  CASE WHEN pg_has_role(session_user, 'jz_admin', 'MEMBER') THEN 'jz_admin'
                       WHEN pg_has_role(session_user, 'jz_supervisor', 'MEMBER') THEN 'jz_supervisor'
                       WHEN pg_has_role(session_user, 'jz_caseworker', 'MEMBER') THEN 'jz_caseworker'
                       WHEN pg_has_role(session_user, 'jz_reception', 'MEMBER') THEN 'jz_reception'
                  END),
         coalesce((SELECT string_agg(c.name, ',' ORDER BY c.code)
                     FROM jz.staff_community sc
                     JOIN jz.communities c ON c.id = sc.community_id
                    WHERE sc.login = u.login), ''),
         coalesce((SELECT (jz.policy_value('idle_lock_seconds')).value), 300)::integer
    FROM (SELECT session_user::text AS login) u
    LEFT JOIN jz.staff s ON s.login = u.login
$$;

REVOKE EXECUTE ON FUNCTION jz.my_community_ids(), jz.staff_check_admin(),
  jz.staff_check_verifier(text), jz.community_find(text),
  jz.staff_add(text, text, text, text, text), jz.staff_add_community(text, text),
  jz.staff_disable(text), jz.staff_set_password(text, text), jz.whoami()
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jz.staff_add(text, text, text, text, text),
  jz.staff_add_community(text, text), jz.staff_disable(text)
  TO jz_admin;
GRANT EXECUTE ON FUNCTION jz.staff_set_password(text, text), jz.whoami(),
  jz.my_community_ids()
  TO jz_reception, jz_caseworker, jz_supervisor, jz_admin;
