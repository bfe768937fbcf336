-- 0004: policy figures. Every rule figure of the community plan is a row
-- with the date it takes effect, read by the code; a change of policy is a
-- new row, never an edit of history. Money is integer fen (分), percentages
-- are whole percent: no floating point anywhere.
CREATE TABLE jz.policy (
  key text NOT NULL CONSTRAINT policy_key_form CHECK (key ~ '^[a-z][a-z0-9_]*$'),
  value bigint NOT NULL,
  unit text NOT NULL,
  effective_from date NOT NULL,
  note text NOT NULL DEFAULT '',
  PRIMARY KEY (key, effective_from)
);
COMMENT ON TABLE jz.policy IS 'policy figures with effective dates; money in fen';

INSERT INTO jz.policy (key, value, unit, effective_from, note) VALUES
  ('cash_aid_low_income',          50000, 'fen/month',    '2025-01-01', '低收入家庭现金救助 500 元/户/月'),
  ('cash_aid_elderly_alone_extra', 30000, 'fen/month',    '2025-01-01', '孤寡老人额外补贴 300 元/人/月'),
  ('home_visits_per_week_min',         3, 'visits/week',  '2025-01-01', '孤寡老人、残疾人上门服务每周不少于 3 次'),
  ('counselling_per_month',            2, 'sessions/month', '2025-01-01', '心理疏导活动每月 2 次'),
  ('training_class_size',             30, 'people',       '2025-01-01', '职业技能培训每班 30 人'),
  ('training_fee_community_share',    80, 'percent',      '2025-01-01', '培训费用社区承担 80%'),
  ('notify_working_days',              5, 'working days', '2025-01-01', '受理后 5 个工作日内告知'),
  ('elderly_age_min',                 60, 'years',        '2025-01-01', '老年人年龄下限'),
  ('working_age_min',                 16, 'years',        '2025-01-01', '劳动年龄下限'),
  ('working_age_max',                 60, 'years',        '2025-01-01', '劳动年龄上限'),
  ('idle_lock_seconds',              300, 'seconds',      '2025-01-01', '无操作自动锁屏'),
  ('public_notice_days',               7, 'calendar days', '2025-01-01', '公示期 7 个自然日'),
  ('follow_up_months',                 3, 'months',       '2025-01-01', '每 3 个月回访一次'),
  ('funding_total',            100000000, 'fen/year',     '2025-01-01', '年度资金 100 万元'),
  ('funding_government',        60000000, 'fen/year',     '2025-01-01', '政府拨款 60 万元'),
  ('funding_donations',         30000000, 'fen/year',     '2025-01-01', '社会捐赠 30 万元'),
  ('funding_self_raised',       10000000, 'fen/year',     '2025-01-01', '社区自筹 10 万元'),
  ('target_households_low_income',   200, 'households/year', '2025-01-01', '年度目标：低收入家庭'),
  ('target_elderly_alone',            50, 'people/year',  '2025-01-01', '年度目标：孤寡老人'),
  ('target_disabled',                 30, 'people/year',  '2025-01-01', '年度目标：残疾人'),
  ('target_unemployed',              100, 'people/year',  '2025-01-01', '年度目标：失业人员'),
  ('target_volunteer_hours_week',    600, 'hours/week',   '2025-01-01', '志愿服务每周 600 小时'),
  ('target_volunteer_hours',       31200, 'hours/year',   '2025-01-01', '志愿服务全年 31200 小时'),
  ('target_counselling_participants', 240, 'people/year', '2025-01-01', '心理疏导参与 240 人次/年'),
  ('target_satisfaction',             90, 'percent',      '2025-01-01', '满意度 90% 以上'),
  ('target_trained',                 120, 'people/year',  '2025-01-01', '培训 120 人/年'),
  ('target_employed_after_training',  70, 'percent',      '2025-01-01', '培训后就业率 70%');

-- The row in force for key on a day: the latest effective_from not after it.
CREATE FUNCTION jz.policy_value(p_key text, p_on date DEFAULT current_date)
RETURNS jz.policy
LANGUAGE sql STABLE
SET search_path = pg_catalog, jz
AS $$
  SELECT p.* FROM jz.policy p
   WHERE p.key = p_key AND p.effective_from <= p_on
   ORDER BY p.effective_from DESC
   LIMIT 1
$$;
REVOKE EXECUTE ON FUNCTION jz.policy_value(text, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jz.policy_value(text, date)
  TO jz_reception, jz_caseworker, jz_supervisor, jz_admin;

GRANT SELECT ON jz.policy TO jz_reception, jz_caseworker, jz_supervisor, jz_admin;
GRANT INSERT, UPDATE, DELETE ON jz.policy TO jz_admin;
