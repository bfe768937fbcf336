-- Sample data for the private embedded database only: one street, two
-- communities and one demo account per group, password "demo". Run in one
-- transaction by db_load_sample(); safe to run again. Roles are
-- cluster-wide, so each is created only when missing, while the staff rows
-- belong to this database.
INSERT INTO jz.communities (code, name, street) VALUES
  ('110105001001', '幸福里社区', '和平街道'),
  ('110105001002', '建设路社区', '和平街道')
ON CONFLICT (code) DO NOTHING;

DO $$
DECLARE
  a record;
BEGIN
  FOR a IN SELECT * FROM (VALUES
      ('reception',  '前台 李娜',   'jz_reception'),
      ('caseworker', '社工 王芳',   'jz_caseworker'),
      ('supervisor', '督导 张伟',   'jz_supervisor'),
      ('admin',      '管理员 陈静', 'jz_admin')) AS v(login, display_name, grp)
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = a.login) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I',
                       a.login, 'demo', a.grp);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;  -- another database of the cluster created it just now
      END;
    END IF;
    INSERT INTO jz.staff (login, display_name, group_role)
    VALUES (a.login, a.display_name, a.grp)
    ON CONFLICT (login) DO NOTHING;
    INSERT INTO jz.staff_community (login, community_id)
    SELECT a.login, c.id FROM jz.communities c WHERE c.code = '110105001001'
    ON CONFLICT DO NOTHING;
  END LOOP;
  INSERT INTO jz.staff_community (login, community_id)
  SELECT 'admin', c.id FROM jz.communities c WHERE c.code = '110105001002'
  ON CONFLICT DO NOTHING;
END
$$;

-- Volunteers and home-visit recipients (issue 6; jz.sample_volunteers in 0071).
SELECT jz.sample_volunteers();

-- The seed-scale sample community (0092: about 4,000 residents in 建设路社区
-- and a year of history); skipped on a schema that does not have it yet.
DO $$
BEGIN
  IF to_regprocedure('jz.sample_history(integer)') IS NOT NULL THEN
    PERFORM jz.sample_history(2026);
  END IF;
END
$$;

-- Open applications in both communities whose notify-by date passed 1 to 20
-- working days ago, for the "overdue" queue (0102).
DO $$
BEGIN
  IF to_regprocedure('jz.sample_overdue()') IS NOT NULL THEN
    PERFORM jz.sample_overdue();
  END IF;
END
$$;

-- Two households in each community whose assessed application has a plan
-- submitted by the caseworker and waiting in 审批 (0137).
DO $$
BEGIN
  IF to_regprocedure('jz.sample_plans_pending()') IS NOT NULL THEN
    PERFORM jz.sample_plans_pending();
  END IF;
END
$$;

-- A bank card for most payees of the monthly aid, so the bank's export has
-- only a few without one (0140).
DO $$
BEGIN
  IF to_regprocedure('jz.sample_bank_cards()') IS NOT NULL THEN
    PERFORM jz.sample_bank_cards();
  END IF;
END
$$;
