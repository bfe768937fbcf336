-- 0062 the plan's life and the follow-ups (issue 5): propose, submit,
-- approve or deny, activate from the start date, follow-up dates from
-- policy ('follow_up_months'), the due follow-ups query and the outcome of
-- each (continue, change plan, re-assess, close) through the state machine.

create table jz.follow_ups (
	id bigserial primary key,
	plan_id bigint not null references jz.plans(id) on delete cascade,
	application_id bigint not null references jz.applications(id) on delete cascade,
	community_id int not null references jz.communities(id),
	due_date date not null,
	outcome text check (outcome in ('continue', 'change_plan', 'reassess', 'close')),
	notes text check (char_length(notes) <= 2000),
	done_by text,
	done_at timestamptz,
	version int not null default 1,
	unique (plan_id, due_date),
	check ((outcome is null) = (done_at is null))
);
create index follow_ups_due_idx on jz.follow_ups (community_id, due_date, id) where outcome is null;
create index follow_ups_app_idx on jz.follow_ups (application_id, due_date);

-- Propose the plan of an assessed application (or a new one for an active
-- case whose plan must change) from its last completed assessment: a
-- category the team found not eligible gets nothing. The amounts are the
-- policy rows in force on p_start (default today); p_end defaults to a
-- year. An existing proposal is returned as it is.
create function jz.plan_propose(p_app bigint, p_start date, p_end date) returns bigint
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	a jz.applications;
	s jz.assessments;
	pid bigint;
	st date := coalesce(p_start, current_date);
	household_counselling boolean := false;
	r record;
begin
	if not pg_has_role(session_user, 'jz_caseworker', 'MEMBER') then
		raise exception '只有社工可以制定救助计划' using errcode = 'JZ011';
	end if;
	select * into a from jz.applications where id = p_app and community_id in (select jz.my_community_ids());
	if not found then
		raise exception '申请 % 不存在，或不属于您负责的社区', p_app using errcode = 'JZ004';
	end if;
	if a.state not in ('assessed', 'active') then
		raise exception '申请 % 现为“%”，只有已评估（或救助中需调整）的申请可以制定计划',
			a.number, jz.state_name(a.state) using errcode = 'JZ021';
	end if;
	select id into pid from jz.plans where application_id = p_app and state = 'proposed';
	if found then
		return pid;
	end if;
	select * into s from jz.assessments where application_id = p_app and completed_at is not null
	 order by completed_at desc, id desc limit 1;
	if not found then
		raise exception '申请 % 还没有完成的评估', a.number using errcode = 'JZ013';
	end if;
	insert into jz.plans (application_id, community_id, household_id, assessment_id, start_date, end_date,
			      replaces_plan_id)
	values (a.id, a.community_id, a.household_id, s.id, st,
		coalesce(p_end, (st + interval '1 year' - interval '1 day')::date),
		(select x.id from jz.plans x where x.application_id = a.id and x.state = 'active' limit 1))
	returning id into pid;

	for r in
		select c.category, coalesce(c.member_id, a.applicant_id) as person_id
		  from jz.application_categories c
		 where c.application_id = a.id
		   and coalesce((select v.value from jz.assessment_answers v
				  where v.assessment_id = s.id and v.item = 'recommend.' || c.category),
				'eligible') <> 'not_eligible'
		 order by (select k.sort from jz.categories k where k.code = c.category), c.member_id
	loop
		if r.category = 'low_income' then
			insert into jz.plan_items (plan_id, community_id, person_id, kind, amount_fen)
			values (pid, a.community_id, null, 'cash_low_income',
				(jz.policy_value('cash_aid_low_income', st)).value);
			insert into jz.plan_items (plan_id, community_id, person_id, kind, sessions_per_month)
			values (pid, a.community_id, null, 'counselling',
				(jz.policy_value('counselling_per_month', st)).value);
			household_counselling := true;
		elsif r.category = 'elderly_alone' then
			insert into jz.plan_items (plan_id, community_id, person_id, kind, amount_fen)
			values (pid, a.community_id, r.person_id, 'cash_elderly_extra',
				(jz.policy_value('cash_aid_elderly_alone_extra', st)).value);
		elsif r.category = 'unemployed' then
			if not household_counselling and not exists (select 1 from jz.plan_items i
					where i.plan_id = pid and i.kind = 'counselling'
					  and (i.person_id is null or i.person_id = r.person_id)) then
				insert into jz.plan_items (plan_id, community_id, person_id, kind, sessions_per_month)
				values (pid, a.community_id, r.person_id, 'counselling',
					(jz.policy_value('counselling_per_month', st)).value);
			end if;
			if coalesce((select v.value from jz.assessment_answers v
				      where v.assessment_id = s.id and v.item = 'employment.training'), 'yes') = 'yes' then
				insert into jz.plan_items (plan_id, community_id, person_id, kind, subsidy_pct)
				values (pid, a.community_id, r.person_id, 'training',
					(jz.policy_value('training_fee_community_share', st)).value);
			end if;
		end if;
		-- home visits for the elderly alone and the disabled, once per person
		if r.category in ('elderly_alone', 'disabled')
		   and not exists (select 1 from jz.plan_items i where i.plan_id = pid and i.kind = 'home_visits'
				     and i.person_id = r.person_id) then
			insert into jz.plan_items (plan_id, community_id, person_id, kind, visits_per_week)
			values (pid, a.community_id, r.person_id, 'home_visits',
				(jz.policy_value('home_visits_per_week_min', st)).value);
		end if;
	end loop;
	-- a low-income household's counselling covers its unemployed members too
	if household_counselling then
		delete from jz.plan_items where plan_id = pid and kind = 'counselling' and person_id is not null;
	end if;
	return pid;
end $$;

-- The plan, locked, in the caller's communities, at the version read.
create function jz.plan_lock(p_plan bigint, p_version int) returns jz.plans
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	p jz.plans;
begin
	select * into p from jz.plans where id = p_plan and community_id in (select jz.my_community_ids())
	   for update;
	if not found then
		raise exception '计划 % 不存在，或不属于您负责的社区', p_plan using errcode = 'JZ004';
	end if;
	if p_version is null or p.version <> p_version then
		raise exception '计划 % 已被他人修改（现为版本 %），请重新打开', p_plan, p.version
			using errcode = 'JZ014';
	end if;
	return p;
end $$;

-- The caseworker sends the proposal to the supervisor. Returns the version.
create function jz.plan_submit(p_plan bigint, p_version int) returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	p jz.plans;
begin
	if not pg_has_role(session_user, 'jz_caseworker', 'MEMBER') then
		raise exception '只有社工可以提交救助计划' using errcode = 'JZ011';
	end if;
	p := jz.plan_lock(p_plan, p_version);
	if p.state <> 'proposed' or p.submitted_at is not null then
		raise exception '计划 % 已提交或已决定', p_plan using errcode = 'JZ021';
	end if;
	if not exists (select 1 from jz.plan_items where plan_id = p.id) then
		raise exception '计划没有任何救助项目' using errcode = 'JZ021';
	end if;
	update jz.plans set submitted_at = now() where id = p.id returning version into p.version;
	return p.version;
end $$;

-- Follow-up dates: every 'follow_up_months' (policy on the start date) until
-- the end date.
create function jz.plan_schedule(p_plan bigint) returns int
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	p jz.plans;
	months int;
	n int;
begin
	select * into p from jz.plans where id = p_plan;
	months := (jz.policy_value('follow_up_months', p.start_date)).value;
	if months is null or months < 1 then
		raise exception '没有生效的回访周期政策（follow_up_months）' using errcode = 'JZ022';
	end if;
	insert into jz.follow_ups (plan_id, application_id, community_id, due_date)
	select p.id, p.application_id, p.community_id, (p.start_date + make_interval(months => k * months))::date
	  from generate_series(1, 1200) k
	 where (p.start_date + make_interval(months => k * months))::date <= p.end_date
	on conflict do nothing;
	get diagnostics n = row_count;
	return n;
end $$;

-- Approved -> active: the plan it replaces closes, the application goes
-- active through the state machine, follow-ups are scheduled.
create function jz.plan_activate(p_plan bigint) returns void
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	p jz.plans;
	a jz.applications;
begin
	select * into p from jz.plans where id = p_plan for update;
	update jz.plans set state = 'closed', closed_at = now(), close_reason = '由新计划替代'
	 where application_id = p.application_id and state = 'active' and id <> p.id;
	delete from jz.follow_ups f using jz.plans x
	 where f.plan_id = x.id and x.application_id = p.application_id and x.id <> p.id and f.outcome is null;
	update jz.plans set state = 'active', activated_at = now() where id = p.id;
	select * into a from jz.applications where id = p.application_id;
	if a.state = 'approved' then
		perform jz.transition(a.id, 'active', null, a.version);
	end if;
	perform jz.plan_schedule(p.id);
end $$;

-- The supervisor's decision on a submitted proposal. Approving an assessed
-- application moves it to 'approved', and the plan to 'active' at once when
-- it starts today or earlier; denying needs a reason (and denies an assessed
-- application). Returns the plan's new version.
create function jz.plan_decide(p_plan bigint, p_approve boolean, p_reason text, p_version int) returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	p jz.plans;
	a jz.applications;
	reason text := nullif(btrim(coalesce(p_reason, '')), '');
begin
	if not pg_has_role(session_user, 'jz_supervisor', 'MEMBER') then
		raise exception '只有主任/督导可以审批救助计划' using errcode = 'JZ011';
	end if;
	p := jz.plan_lock(p_plan, p_version);
	if p.state <> 'proposed' or p.submitted_at is null then
		raise exception '计划 % 尚未提交或已决定', p_plan using errcode = 'JZ021';
	end if;
	if not coalesce(p_approve, false) and reason is null then
		raise exception '不予批准须填写理由' using errcode = 'JZ012';
	end if;
	select * into a from jz.applications where id = p.application_id;
	update jz.plans set state = case when p_approve then 'approved' else 'denied' end,
			    approved_by = session_user, decided_at = now(), decision_reason = reason
	 where id = p.id;
	if a.state = 'assessed' then
		perform jz.transition(a.id, case when p_approve then 'approved' else 'denied' end, reason, a.version);
	end if;
	if p_approve and p.start_date <= current_date then
		perform jz.plan_activate(p.id);
	end if;
	return (select version from jz.plans where id = p.id);
end $$;

-- Approved plans whose start date has come become active (the supervisor's
-- screens call this when they open). Returns how many.
create function jz.plans_activate_due() returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	r record;
	n int := 0;
begin
	if not pg_has_role(session_user, 'jz_supervisor', 'MEMBER') then
		raise exception '只有主任/督导可以启动救助计划' using errcode = 'JZ011';
	end if;
	for r in select id from jz.plans
		  where state = 'approved' and start_date <= current_date
		    and community_id in (select jz.my_community_ids())
		  order by start_date, id
		  for update skip locked
	loop
		perform jz.plan_activate(r.id);
		n := n + 1;
	end loop;
	return n;
end $$;

-- Follow-ups due on or before p_until (default today), oldest first, keyset
-- by (due_date, id). Runs as the caller: RLS scopes it.
create function jz.follow_ups_due(p_until date, p_after_due date, p_after_id bigint, p_limit int)
returns table (id bigint, due_date date, overdue boolean, plan_id bigint, application_id bigint,
	       number text, applicant text, community text, assigned_to text, version int)
language sql stable
set search_path = pg_catalog, jz
as $$
	select f.id, f.due_date, f.due_date < current_date, f.plan_id, f.application_id,
	       a.number, p.name, c.name, a.assigned_to, f.version
	  from jz.follow_ups f
	  join jz.applications a on a.id = f.application_id
	  join jz.persons p on p.id = a.applicant_id
	  join jz.communities c on c.id = f.community_id
	 where f.outcome is null and f.due_date <= coalesce(p_until, current_date)
	   and (p_after_due is null or (f.due_date, f.id) > (p_after_due, coalesce(p_after_id, 0)))
	 order by f.due_date, f.id
	 limit least(greatest(coalesce(p_limit, 50), 1), 500)
$$;

-- The outcome of one follow-up. 'reassess' moves the application back into
-- assessment (active -> assessing), 'close' closes it and its plan, both
-- through jz.transition(); 'change_plan' lets a new proposal be made (it
-- replaces the active plan when approved). Notes are required except for
-- 'continue'. Returns the follow-up's new version.
create function jz.follow_up_record(p_id bigint, p_outcome text, p_notes text, p_version int) returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	f jz.follow_ups;
	a jz.applications;
	v_notes text := nullif(btrim(coalesce(p_notes, '')), '');
begin
	if not (pg_has_role(session_user, 'jz_caseworker', 'MEMBER')
		or pg_has_role(session_user, 'jz_supervisor', 'MEMBER')) then
		raise exception '只有社工或主任可以记录回访' using errcode = 'JZ011';
	end if;
	select * into f from jz.follow_ups where id = p_id and community_id in (select jz.my_community_ids())
	   for update;
	if not found then
		raise exception '回访 % 不存在，或不属于您负责的社区', p_id using errcode = 'JZ004';
	end if;
	if p_version is null or f.version <> p_version then
		raise exception '回访记录已被他人修改，请重新打开' using errcode = 'JZ014';
	end if;
	if f.outcome is not null then
		raise exception '这次回访已经记录过结果' using errcode = 'JZ021';
	end if;
	if p_outcome is null or p_outcome not in ('continue', 'change_plan', 'reassess', 'close') then
		raise exception '回访结果只能是 continue、change_plan、reassess 或 close' using errcode = '22023';
	end if;
	if p_outcome <> 'continue' and v_notes is null then
		raise exception '这个回访结果须填写说明' using errcode = 'JZ012';
	end if;
	update jz.follow_ups set outcome = p_outcome, notes = v_notes, done_by = session_user, done_at = now(),
				 version = version + 1
	 where id = f.id returning version into f.version;
	select * into a from jz.applications where id = f.application_id;
	if p_outcome = 'reassess' then
		perform jz.transition(a.id, 'assessing', v_notes, a.version);
	elsif p_outcome = 'close' then
		perform jz.transition(a.id, 'closed', v_notes, a.version);
		update jz.plans set state = 'closed', closed_at = now(), close_reason = v_notes
		 where application_id = a.id and state in ('active', 'approved');
		delete from jz.follow_ups where application_id = a.id and outcome is null;
	end if;
	return f.version;
end $$;

-- Access.
grant select on jz.plan_item_kinds to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
grant select on jz.plans, jz.plan_items, jz.follow_ups to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
grant update (start_date, end_date) on jz.plans to jz_caseworker;
grant insert, update, delete on jz.plan_items to jz_caseworker;
grant usage on sequence jz.plan_items_id_seq to jz_caseworker;

revoke all on function jz.plan_propose(bigint, date, date), jz.plan_lock(bigint, int),
	jz.plan_submit(bigint, int), jz.plan_schedule(bigint), jz.plan_activate(bigint),
	jz.plan_decide(bigint, boolean, text, int), jz.plans_activate_due(),
	jz.follow_ups_due(date, date, bigint, int), jz.follow_up_record(bigint, text, text, int),
	jz.plan_items_check(), jz.plans_check(), jz.plans_reprice() from public;
grant execute on function jz.plan_propose(bigint, date, date), jz.plan_submit(bigint, int) to jz_caseworker;
grant execute on function jz.plan_decide(bigint, boolean, text, int), jz.plans_activate_due() to jz_supervisor;
grant execute on function jz.follow_ups_due(date, date, bigint, int), jz.follow_up_record(bigint, text, text, int)
	to jz_caseworker, jz_supervisor;
-- the item trigger runs as the caseworker who edits an item
grant execute on function jz.plan_items_check(), jz.plans_check(), jz.plans_reprice() to jz_caseworker;

do $$
declare
	t text;
begin
	foreach t in array array['plans', 'plan_items', 'follow_ups'] loop
		execute format('alter table jz.%I enable row level security', t);
		execute format($p$create policy community_scope on jz.%I
			using (community_id in (select jz.my_community_ids()))
			with check (community_id in (select jz.my_community_ids()))$p$, t);
	end loop;
end $$;

create trigger plan_item_kinds_audit after insert or update or delete on jz.plan_item_kinds
	for each row execute function jz.audit_row('code');
create trigger plans_audit after insert or update or delete on jz.plans
	for each row execute function jz.audit_row('id');
create trigger plan_items_audit after insert or update or delete on jz.plan_items
	for each row execute function jz.audit_row('plan_id', 'id');
create trigger follow_ups_audit after insert or update or delete on jz.follow_ups
	for each row execute function jz.audit_row('id');

-- Change one item's figure (the measure of its kind), with the reason the
-- database requires when it then differs from policy. Runs as the caller.
create function jz.plan_item_set(p_item bigint, p_value bigint, p_reason text, p_version int) returns int
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	v int;
begin
	update jz.plan_items i set
		amount_fen = case when k.measure = 'amount_fen' then p_value end,
		visits_per_week = case when k.measure = 'visits_per_week' then p_value::int end,
		sessions_per_month = case when k.measure = 'sessions_per_month' then p_value::int end,
		subsidy_pct = case when k.measure = 'subsidy_pct' then p_value::int end,
		deviation_reason = p_reason
	  from jz.plan_item_kinds k
	 where i.id = p_item and k.code = i.kind and i.version = p_version
	returning i.version into v;
	if v is null then
		if exists (select 1 from jz.plan_items where id = p_item) then
			raise exception '计划项目已被他人修改，请重新打开' using errcode = 'JZ014';
		end if;
		raise exception '计划项目 % 不存在', p_item using errcode = 'JZ004';
	end if;
	return v;
end $$;
revoke all on function jz.plan_item_set(bigint, bigint, text, int) from public;
grant execute on function jz.plan_item_set(bigint, bigint, text, int) to jz_caseworker;
