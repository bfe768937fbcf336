-- 0100: the administrator changes a policy figure by adding a row dated
-- today or later (DESIGN §1); history - rows already in force or past - is
-- never edited. jz.policy_add is the screen's call; the trigger holds the
-- same rule for plain SQL by staff (the superuser, migrations and tests may
-- still write any date).
CREATE FUNCTION jz.policy_add(p_key text, p_value bigint, p_from date, p_note text)
RETURNS jz.policy
LANGUAGE plpgsql VOLATILE SECURITY INVOKER
SET search_path = pg_catalog, jz
AS $$
DECLARE
	u text;
	r jz.policy;
BEGIN
	SELECT p.unit INTO u FROM jz.policy p WHERE p.key = p_key
	 ORDER BY p.effective_from DESC LIMIT 1;
	IF u IS NULL THEN
		RAISE EXCEPTION 'there is no policy figure "%"', p_key
			USING ERRCODE = 'JZ101';
	END IF;
	IF p_from IS NULL OR p_from < current_date THEN
		RAISE EXCEPTION 'a policy change takes effect today or later: % is in the past', p_from
			USING ERRCODE = 'JZ100', HINT = 'Past figures are history and stay as they were.';
	END IF;
	IF p_value IS NULL OR p_value < 0 THEN
		RAISE EXCEPTION 'a policy figure is not negative' USING ERRCODE = 'JZ102';
	END IF;
	IF u = 'percent' AND p_value > 100 THEN
		RAISE EXCEPTION 'a percentage is at most 100' USING ERRCODE = 'JZ102';
	END IF;
	IF EXISTS (SELECT 1 FROM jz.policy p WHERE p.key = p_key AND p.effective_from = p_from) THEN
		RAISE EXCEPTION '"%" already has a figure from %', p_key, p_from
			USING ERRCODE = 'JZ103';
	END IF;
	INSERT INTO jz.policy (key, value, unit, effective_from, note)
	VALUES (p_key, p_value, u, p_from, coalesce(p_note, ''))
	RETURNING * INTO r;
	RETURN r;
END
$$;
REVOKE ALL ON FUNCTION jz.policy_add(text, bigint, date, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jz.policy_add(text, bigint, date, text) TO jz_admin;

CREATE FUNCTION jz.policy_keep_history() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, jz
AS $$
BEGIN
	IF (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = current_user) THEN
		RETURN coalesce(NEW, OLD);
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.effective_from <= current_date THEN
		RAISE EXCEPTION 'the figure "%" from % is history and is not changed', OLD.key, OLD.effective_from
			USING ERRCODE = 'JZ100', HINT = 'Add a row dated today or later.';
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.effective_from < current_date THEN
		RAISE EXCEPTION 'a policy change takes effect today or later: % is in the past', NEW.effective_from
			USING ERRCODE = 'JZ100', HINT = 'Past figures are history and stay as they were.';
	END IF;
	RETURN coalesce(NEW, OLD);
END
$$;
REVOKE ALL ON FUNCTION jz.policy_keep_history() FROM PUBLIC;
CREATE TRIGGER keep_history BEFORE INSERT OR UPDATE OR DELETE ON jz.policy
	FOR EACH ROW EXECUTE FUNCTION jz.policy_keep_history();
