-- 0061 the personalised assistance plan (issue 5): proposed from the
-- completed assessment and the policy rows in force on the plan's start
-- date; an item differing from policy needs a reason (the database refuses
-- it otherwise); the supervisor approves (-> approved, and active from the
-- start date) or denies with a reason, through jz.transition().
--
-- SQLSTATEs (class JZ):
--   JZ004  no such plan/application in the caller's communities
--   JZ011  role may not do this
--   JZ012  reason required (deny)
--   JZ014  version conflict (the plan changed since it was read)
--   JZ020  an item differs from policy and has no deviation_reason
--   JZ021  the plan is not in a state that allows this (items of a plan
--          submitted or decided are frozen)
--   JZ022  no policy row in force for the item on the start date
--
-- Contract (issues 6 and 7 build on it): jz.plans(id, application_id,
-- community_id, household_id, state, start_date, end_date, created_by,
-- approved_by, version, ...), jz.plan_items(id, plan_id, community_id,
-- person_id, kind, amount_fen, visits_per_week, sessions_per_month,
-- subsidy_pct, policy_value, policy_amount_fen, deviation_reason, ...).

create table jz.plan_item_kinds (
	code text primary key,
	name text not null,
	policy_key text not null,                 -- jz.policy key
	measure text not null check (measure in ('amount_fen', 'visits_per_week', 'sessions_per_month', 'subsidy_pct')),
	compare text not null check (compare in ('equal', 'at_least')),   -- when an item "differs"
	sort int not null default 0
);
insert into jz.plan_item_kinds (code, name, policy_key, measure, compare, sort) values
	('cash_low_income',    '低收入家庭生活补贴', 'cash_aid_low_income',           'amount_fen',         'equal',    10),
	('cash_elderly_extra', '孤寡老人额外补贴',   'cash_aid_elderly_alone_extra',  'amount_fen',         'equal',    20),
	('home_visits',        '志愿者上门服务',     'home_visits_per_week_min',      'visits_per_week',    'at_least', 30),
	('counselling',        '心理疏导活动',       'counselling_per_month',         'sessions_per_month', 'equal',    40),
	('training',           '职业技能培训',       'training_fee_community_share',  'subsidy_pct',        'equal',    50);

create table jz.plans (
	id bigserial primary key,
	application_id bigint not null references jz.applications(id) on delete cascade,
	community_id int not null references jz.communities(id),
	household_id bigint not null references jz.households(id),
	assessment_id bigint references jz.assessments(id),
	state text not null default 'proposed'
		check (state in ('proposed', 'approved', 'denied', 'active', 'closed')),
	start_date date not null,
	end_date date not null,
	created_by text not null default session_user,
	created_at timestamptz not null default now(),
	submitted_at timestamptz,                 -- sent to the supervisor
	approved_by text,                         -- the supervisor who decided (approved or denied)
	decided_at timestamptz,
	decision_reason text check (char_length(decision_reason) <= 2000),
	activated_at timestamptz,
	closed_at timestamptz,
	close_reason text check (char_length(close_reason) <= 2000),
	replaces_plan_id bigint references jz.plans(id),
	updated_at timestamptz not null default now(),
	version int not null default 1,
	check (end_date > start_date)
);
create unique index plans_one_proposed_idx on jz.plans (application_id) where state = 'proposed';
create index plans_app_idx on jz.plans (application_id, id);
create index plans_community_state_idx on jz.plans (community_id, state, start_date, id);

create table jz.plan_items (
	id bigserial primary key,
	plan_id bigint not null references jz.plans(id) on delete cascade,
	community_id int not null references jz.communities(id),
	person_id bigint references jz.persons(id),      -- null: the whole household
	kind text not null references jz.plan_item_kinds(code),
	amount_fen bigint check (amount_fen between 0 and 100000000),      -- per month, cash kinds
	visits_per_week int check (visits_per_week between 0 and 21),
	sessions_per_month int check (sessions_per_month between 0 and 31),
	subsidy_pct int check (subsidy_pct between 0 and 100),
	policy_key text,                 -- what policy said, filled by the trigger:
	policy_effective_from date,      --   the row in force on the plan's start date
	policy_value bigint,             --   its value (fen, visits, sessions or percent)
	policy_amount_fen bigint,        --   the same for cash kinds, else null
	deviation_reason text check (char_length(deviation_reason) <= 500),
	created_by text not null default session_user,
	updated_by text not null default session_user,
	updated_at timestamptz not null default now(),
	version int not null default 1
);
create index plan_items_plan_idx on jz.plan_items (plan_id, kind);
create index plan_items_community_idx on jz.plan_items (community_id, plan_id);
create index plan_items_person_idx on jz.plan_items (person_id) where person_id is not null;

-- Items: the policy in force on the plan's start date is looked up and kept
-- with the item; a value differing from it needs a reason. Only a proposed,
-- unsubmitted plan's items change.
create function jz.plan_items_check() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	p jz.plans;
	k jz.plan_item_kinds;
	pol jz.policy;
	v bigint;
	others int;
	pid bigint;
begin
	if tg_op = 'DELETE' then
		pid := old.plan_id;
	else
		pid := new.plan_id;
	end if;
	select * into p from jz.plans where id = pid;
	if p.state <> 'proposed' or p.submitted_at is not null then
		raise exception '计划已提交或已决定，不能再修改其项目' using errcode = 'JZ021';
	end if;
	if tg_op = 'DELETE' then
		return old;
	end if;
	new.community_id := p.community_id;
	select * into k from jz.plan_item_kinds where code = new.kind;
	pol := jz.policy_value(k.policy_key, p.start_date);
	if pol.key is null then
		raise exception '% 在 % 没有生效的政策（%）', k.name, p.start_date, k.policy_key using errcode = 'JZ022';
	end if;
	new.policy_key := pol.key;
	new.policy_effective_from := pol.effective_from;
	new.policy_value := pol.value;
	new.policy_amount_fen := case when k.measure = 'amount_fen' then pol.value end;
	v := case k.measure when 'amount_fen' then new.amount_fen
			    when 'visits_per_week' then new.visits_per_week
			    when 'sessions_per_month' then new.sessions_per_month
			    else new.subsidy_pct end;
	others := (new.amount_fen is not null)::int + (new.visits_per_week is not null)::int
		+ (new.sessions_per_month is not null)::int + (new.subsidy_pct is not null)::int;
	if v is null or others <> 1 then
		raise exception '“%”须填写且只填写 %', k.name, k.measure using errcode = '23514';
	end if;
	new.deviation_reason := nullif(btrim(new.deviation_reason), '');
	if (case k.compare when 'equal' then v <> pol.value else v < pol.value end)
	   and new.deviation_reason is null then
		raise exception '“%”与政策不符（政策为 %，计划为 %），须填写理由', k.name, pol.value, v
			using errcode = 'JZ020',
			      hint = format('政策 %s 自 %s 起为 %s %s', pol.key, pol.effective_from, pol.value, pol.unit);
	end if;
	new.updated_by := session_user;
	new.updated_at := now();
	if tg_op = 'UPDATE' then
		new.version := old.version + 1;
		new.created_by := old.created_by;
	else
		new.created_by := session_user;
	end if;
	return new;
end $$;
create trigger plan_items_check before insert or update or delete on jz.plan_items
	for each row execute function jz.plan_items_check();

-- Plans: only dates change by plain SQL (column grants), and only while
-- proposed; a new start date re-reads the policy for every item.
create function jz.plans_check() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
begin
	if (new.start_date, new.end_date) is distinct from (old.start_date, old.end_date)
	   and (old.state <> 'proposed' or old.submitted_at is not null) then
		raise exception '计划已提交或已决定，不能再改日期' using errcode = 'JZ021';
	end if;
	new.version := old.version + 1;
	new.updated_at := now();
	return new;
end $$;
create trigger plans_check before update on jz.plans
	for each row execute function jz.plans_check();

create function jz.plans_reprice() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
begin
	update jz.plan_items set kind = kind where plan_id = new.id;
	return null;
end $$;
create trigger plans_reprice after update of start_date on jz.plans
	for each row when (old.start_date is distinct from new.start_date)
	execute function jz.plans_reprice();
