-- 0005: the audit trail. A trigger writes who, when, which table and row,
-- and the change (old/new as jsonb) for every insert, update and delete.
-- Staff can never write to it directly: the only writers are the SECURITY
-- DEFINER functions below, which run as the owner.
CREATE TABLE jz.audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL DEFAULT session_user,
  action text NOT NULL
    CONSTRAINT audit_log_action_known CHECK (action IN ('INSERT', 'UPDATE', 'DELETE', 'VIEW')),
  table_name text NOT NULL,
  row_key text,
  old jsonb,
  new jsonb
);
CREATE INDEX audit_log_row ON jz.audit_log (table_name, row_key, at);
CREATE INDEX audit_log_actor ON jz.audit_log (actor, at);

REVOKE ALL ON jz.audit_log FROM PUBLIC;
REVOKE ALL ON jz.audit_log FROM jz_reception, jz_caseworker, jz_supervisor, jz_admin, jz_peer;
REVOKE ALL ON SEQUENCE jz.audit_log_id_seq FROM PUBLIC;
GRANT SELECT ON jz.audit_log TO jz_supervisor, jz_admin;

-- Trigger arguments name the key columns; several are joined with '/'.
-- session_user (the login), not current_user, is the actor: inside a
-- SECURITY DEFINER function current_user is the owner.
CREATE FUNCTION jz.audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, jz
AS $$
DECLARE
  o jsonb;
  n jsonb;
  k text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    o := to_jsonb(OLD);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    n := to_jsonb(NEW);
  END IF;
  IF TG_NARGS > 0 THEN
    SELECT string_agg(coalesce(n, o) ->> a.col, '/' ORDER BY a.ord)
      INTO k
      FROM unnest(TG_ARGV) WITH ORDINALITY AS a(col, ord);
  END IF;
  INSERT INTO jz.audit_log (actor, action, table_name, row_key, old, new)
  VALUES (session_user, TG_OP, TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, k, o, n);
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION jz.audit_row() FROM PUBLIC;

-- A "view" entry: opening a person's full record (unmasked ID, disability,
-- income) is recorded too.
CREATE FUNCTION jz.audit_view(p_table_name text, p_row_key text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, jz
AS $$
BEGIN
  IF p_table_name IS NULL OR btrim(p_table_name) = '' THEN
    RAISE EXCEPTION 'audit_view needs a table name' USING ERRCODE = '22023';
  END IF;
  INSERT INTO jz.audit_log (actor, action, table_name, row_key)
  VALUES (session_user, 'VIEW', p_table_name, p_row_key);
END
$$;
REVOKE EXECUTE ON FUNCTION jz.audit_view(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jz.audit_view(text, text)
  TO jz_reception, jz_caseworker, jz_supervisor, jz_admin;

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON jz.communities
  FOR EACH ROW EXECUTE FUNCTION jz.audit_row('id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON jz.staff
  FOR EACH ROW EXECUTE FUNCTION jz.audit_row('login');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON jz.staff_community
  FOR EACH ROW EXECUTE FUNCTION jz.audit_row('login', 'community_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON jz.policy
  FOR EACH ROW EXECUTE FUNCTION jz.audit_row('key', 'effective_from');
