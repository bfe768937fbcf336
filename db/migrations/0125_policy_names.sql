-- 0125 the policy figures' names in words.
--
-- jz.policy (0004) has the key (cash_aid_low_income) and a note of the
-- figure as it was set (低收入家庭现金救助 500 元/户/月), but no name: the
-- 政策参数 screen showed the English keys. A name belongs to the key, not to
-- one dated row, so it is a table of its own; a key without a row here is
-- shown by its key. Read by every staff role, as jz.policy is.
CREATE TABLE jz.policy_name (
  key text PRIMARY KEY CONSTRAINT policy_name_key_form CHECK (key ~ '^[a-z][a-z0-9_]*$'),
  name text NOT NULL CONSTRAINT policy_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 32)
);
COMMENT ON TABLE jz.policy_name IS 'the name of a policy key in words, for the screens';

INSERT INTO jz.policy_name (key, name) VALUES
  ('cash_aid_low_income',             '低收入家庭现金救助'),
  ('cash_aid_elderly_alone_extra',    '孤寡老人额外补贴'),
  ('home_visits_per_week_min',        '每周上门服务次数'),
  ('home_visit_minutes',              '每次上门服务时长'),
  ('counselling_per_month',           '每月心理疏导次数'),
  ('follow_up_months',                '回访间隔'),
  ('notify_working_days',             '受理告知期限'),
  ('public_notice_days',              '公示期'),
  ('idle_lock_seconds',               '无操作锁屏时间'),
  ('elderly_age_min',                 '老年人年龄下限'),
  ('working_age_min',                 '劳动年龄下限'),
  ('working_age_max',                 '劳动年龄上限'),
  ('funding_total',                   '年度资金总额'),
  ('funding_government',              '政府拨款'),
  ('funding_donations',               '社会捐赠'),
  ('funding_self_raised',             '社区自筹'),
  ('training_class_size',             '培训每班人数'),
  ('training_fee_community_share',    '培训费社区承担比例'),
  ('training_employed_within_months', '培训后就业计算期'),
  ('target_households_low_income',    '目标：低收入家庭'),
  ('target_elderly_alone',            '目标：孤寡老人'),
  ('target_disabled',                 '目标：残疾人'),
  ('target_unemployed',               '目标：失业人员'),
  ('target_volunteer_hours',          '目标：全年志愿时数'),
  ('target_volunteer_hours_week',     '目标：每周志愿时数'),
  ('target_counselling_participants', '目标：心理疏导人次'),
  ('target_trained',                  '目标：培训人数'),
  ('target_employed_after_training',  '目标：培训后就业率'),
  ('target_satisfaction',             '目标：满意度');

GRANT SELECT ON jz.policy_name TO jz_reception, jz_caseworker, jz_supervisor, jz_admin;
GRANT INSERT, UPDATE ON jz.policy_name TO jz_admin;
