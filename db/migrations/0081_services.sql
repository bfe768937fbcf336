-- 0081 counselling, training and feedback (issue 7 items 1, 2, 5).
--
-- Counselling: activities (date, counsellor, place, capacity, topic); plan
-- members enrol (a person of a household whose ACTIVE plan has a
-- counselling item for the household or for that person), attendance and a
-- satisfaction answer (1-5) per participant. jz.counselling_months(year)
-- flags a month with fewer activities than the policy's
-- 'counselling_per_month' in force on its first day.
--
-- Training: classes whose capacity is the policy's 'training_class_size' on
-- the start date; the database refuses the enrolment past capacity, under a
-- lock of the class row (two sessions racing for the last seat: one wins).
-- Enrolled: persons with a 'training' item in an ACTIVE plan (the unemployed
-- members). subsidy_fen = fee x 'training_fee_community_share' % in force on
-- the class start, rounded half up to the fen. Outcome: completed, and
-- employed_on; "employed within N months of the class end", N the policy
-- 'training_employed_within_months'.
--
-- Feedback: one answer (satisfaction 1-5, comment) per person and service,
-- entered by staff; jz.feedback_shares(from, to) the share of 4-5 answers.
--
-- SQLSTATEs: JZ033 not a plan member for this service, JZ034 class or
-- activity full, JZ004 no such class/activity in the caller's communities.

insert into jz.policy (key, value, unit, effective_from, note) values
	('training_employed_within_months', 6, 'months', '2025-01-01', '培训结业后 6 个月内就业计为就业')
on conflict do nothing;

create table jz.counselling_activities (
	id bigserial primary key,
	community_id int not null references jz.communities(id),
	held_on date not null,
	counsellor text not null check (char_length(counsellor) between 1 and 30),
	place text not null check (char_length(place) between 1 and 60),
	capacity int not null check (capacity between 1 and 500),
	topic text not null check (char_length(topic) between 1 and 60),
	created_by text not null default session_user,
	version int not null default 1
);
create index counselling_activities_community_idx on jz.counselling_activities (community_id, held_on, id);

create table jz.counselling_participants (
	activity_id bigint not null references jz.counselling_activities(id) on delete cascade,
	person_id bigint not null references jz.persons(id),
	community_id int not null references jz.communities(id),
	attended boolean not null default false,
	satisfaction smallint check (satisfaction between 1 and 5),
	enrolled_by text not null default session_user,
	primary key (activity_id, person_id)
);
create index counselling_participants_community_idx on jz.counselling_participants (community_id, activity_id);
create index counselling_participants_person_idx on jz.counselling_participants (person_id);

-- Is the person covered by an active plan's item of this kind (the item
-- names the person, or none: the whole household)?
create function jz.plan_member_has(p_person bigint, p_kind text, p_on date) returns boolean
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	select exists (
		select 1 from jz.plans p
		  join jz.plan_items i on i.plan_id = p.id and i.kind = p_kind
		 where p.state = 'active' and p.start_date <= p_on and p.end_date >= p_on - 31
		   and (i.person_id = p_person
			or (i.person_id is null and exists (select 1 from jz.household_members m
				where m.household_id = p.household_id and m.person_id = p_person))))
$$;
revoke execute on function jz.plan_member_has(bigint, text, date) from public;

create function jz.counselling_participant_check() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	a jz.counselling_activities;
	taken int;
begin
	select * into a from jz.counselling_activities where id = new.activity_id for update;
	if not found then
		raise exception '活动 % 不存在', new.activity_id using errcode = 'JZ004';
	end if;
	new.community_id := a.community_id;
	if tg_op = 'INSERT' then
		if not jz.plan_member_has(new.person_id, 'counselling', a.held_on) then
			raise exception '此人没有含心理疏导的在办救助计划' using errcode = 'JZ033';
		end if;
		select count(*) into taken from jz.counselling_participants where activity_id = a.id;
		if taken >= a.capacity then
			raise exception '活动已满（% 人）', a.capacity using errcode = 'JZ034';
		end if;
		new.enrolled_by := session_user;
	elsif new.person_id <> old.person_id or new.activity_id <> old.activity_id then
		raise exception '报名记录不能改成别人或别的活动' using errcode = '23514';
	end if;
	if new.satisfaction is not null and not new.attended then
		raise exception '未到场者没有满意度' using errcode = '23514';
	end if;
	return new;
end $$;
create trigger counselling_participant_check before insert or update on jz.counselling_participants
	for each row execute function jz.counselling_participant_check();

create function jz.version_bump() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
begin
	new.version := old.version + 1;
	return new;
end $$;
create trigger version_bump before update on jz.counselling_activities
	for each row execute function jz.version_bump();

-- Months of p_year: activities held, the policy figure, short or not.
create function jz.counselling_months(p_year int)
returns table (month date, activities int, required int, short boolean, participants int, attended int)
language sql stable
set search_path = pg_catalog, jz
as $$
	select g.m::date, coalesce(a.n, 0)::int, (jz.policy_value('counselling_per_month', g.m::date)).value::int,
	       coalesce(a.n, 0) < coalesce((jz.policy_value('counselling_per_month', g.m::date)).value, 0),
	       coalesce(a.people, 0)::int, coalesce(a.came, 0)::int
	  from generate_series(make_date(p_year, 1, 1), make_date(p_year, 12, 1), interval '1 month') g(m)
	  left join lateral (
		select count(distinct x.id) as n, count(q.person_id) as people,
		       count(q.person_id) filter (where q.attended) as came
		  from jz.counselling_activities x
		  left join jz.counselling_participants q on q.activity_id = x.id
		 where x.held_on >= g.m and x.held_on < g.m + interval '1 month') a on true
	 order by 1
$$;

create table jz.training_classes (
	id bigserial primary key,
	community_id int not null references jz.communities(id),
	course text not null check (char_length(course) between 1 and 60),
	institution text not null check (char_length(institution) between 1 and 60),
	starts_on date not null,
	ends_on date not null,
	fee_fen bigint not null check (fee_fen between 0 and 100000000),
	capacity int not null check (capacity between 1 and 500),
	subsidy_pct int not null check (subsidy_pct between 0 and 100),
	created_by text not null default session_user,
	version int not null default 1,
	check (ends_on >= starts_on)
);
create index training_classes_community_idx on jz.training_classes (community_id, starts_on, id);

create table jz.training_enrolments (
	class_id bigint not null references jz.training_classes(id) on delete cascade,
	person_id bigint not null references jz.persons(id),
	community_id int not null references jz.communities(id),
	subsidy_fen bigint not null default 0 check (subsidy_fen >= 0),
	completed boolean not null default false,
	employed_on date,
	ledger_id bigint references jz.ledger(id),   -- the subsidy, once paid
	enrolled_by text not null default session_user,
	enrolled_at timestamptz not null default now(),
	primary key (class_id, person_id),
	check (employed_on is null or completed)
);
create index training_enrolments_community_idx on jz.training_enrolments (community_id, class_id);
create index training_enrolments_person_idx on jz.training_enrolments (person_id);

-- Capacity and subsidy share come from the policy in force on the start.
create function jz.training_class_check() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	cap jz.policy;
	pct jz.policy;
begin
	cap := jz.policy_value('training_class_size', new.starts_on);
	pct := jz.policy_value('training_fee_community_share', new.starts_on);
	if cap.key is null or pct.key is null then
		raise exception '% 没有生效的培训政策', new.starts_on using errcode = 'JZ022';
	end if;
	new.capacity := cap.value;
	new.subsidy_pct := pct.value;
	if tg_op = 'UPDATE' then
		new.version := old.version + 1;
		if (select count(*) from jz.training_enrolments e where e.class_id = new.id) > new.capacity then
			raise exception '已报名人数超过新的班额' using errcode = 'JZ034';
		end if;
	end if;
	return new;
end $$;
create trigger training_class_check before insert or update on jz.training_classes
	for each row execute function jz.training_class_check();

-- A new fee or share re-prices the subsidies not yet paid.
create function jz.training_class_reprice() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
begin
	update jz.training_enrolments set subsidy_fen = (new.fee_fen * new.subsidy_pct + 50) / 100
	 where class_id = new.id and ledger_id is null;
	return null;
end $$;
create trigger training_class_reprice after update of fee_fen, subsidy_pct, starts_on on jz.training_classes
	for each row execute function jz.training_class_reprice();

create function jz.training_enrolment_check() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	c jz.training_classes;
	taken int;
begin
	-- the class row's lock serialises enrolments: the count below is exact
	select * into c from jz.training_classes where id = new.class_id for update;
	if not found then
		raise exception '培训班 % 不存在', new.class_id using errcode = 'JZ004';
	end if;
	new.community_id := c.community_id;
	if tg_op = 'INSERT' then
		if not jz.plan_member_has(new.person_id, 'training', c.starts_on) then
			raise exception '此人没有含职业培训的在办救助计划（失业人员）' using errcode = 'JZ033';
		end if;
		select count(*) into taken from jz.training_enrolments where class_id = c.id;
		if taken >= c.capacity then
			raise exception '培训班已满（% 人）', c.capacity using errcode = 'JZ034';
		end if;
		new.enrolled_by := session_user;
		new.enrolled_at := now();
		new.ledger_id := null;
		new.subsidy_fen := (c.fee_fen * c.subsidy_pct + 50) / 100;
	elsif new.person_id <> old.person_id or new.class_id <> old.class_id then
		raise exception '报名记录不能改成别人或别的班' using errcode = '23514';
	end if;
	if new.employed_on is not null and not new.completed then
		raise exception '未结业者不能登记就业' using errcode = '23514';
	end if;
	return new;
end $$;
create trigger training_enrolment_check before insert or update on jz.training_enrolments
	for each row execute function jz.training_enrolment_check();

-- Pay a class's subsidies to the institution (one ledger row per trainee,
-- sources by priority like the payment run). Returns how many were paid.
create function jz.training_subsidy_pay(p_class bigint) returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	c jz.training_classes;
	r record;
	src text;
	lid bigint;
	n int := 0;
	yr int;
begin
	if not (pg_has_role(session_user, 'jz_supervisor', 'MEMBER')
		or pg_has_role(session_user, 'jz_admin', 'MEMBER')) then
		raise exception '只有主任或管理员可以支付培训补贴' using errcode = 'JZ011';
	end if;
	select * into c from jz.training_classes where id = p_class
	   and (community_id in (select jz.my_community_ids())
		or (select rolsuper from pg_roles where rolname = session_user))
	   for update;
	if not found then
		raise exception '培训班 % 不存在，或不属于您负责的社区', p_class using errcode = 'JZ004';
	end if;
	yr := extract(year from c.starts_on)::int;
	for r in select * from jz.training_enrolments where class_id = c.id and ledger_id is null
		   and subsidy_fen > 0 order by person_id loop
		select b.source into src
		  from jz.fund_balances b join jz.fund_sources s on s.code = b.source
		 where b.year = yr and b.received_fen - b.spent_fen >= r.subsidy_fen
		 order by s.priority limit 1;
		if src is null then
			raise exception '培训补贴 % 元：没有一个来源余额足够', to_char(r.subsidy_fen / 100.0, 'FM999999990.00')
				using errcode = 'JZ030';
		end if;
		insert into jz.ledger (community_id, year, source, kind, amount_fen, training_class_id, person_id, note)
		values (c.community_id, yr, src, 'training_subsidy', r.subsidy_fen, c.id, r.person_id, c.course)
		returning id into lid;
		update jz.training_enrolments set ledger_id = lid where class_id = c.id and person_id = r.person_id;
		n := n + 1;
	end loop;
	return n;
end $$;

-- Outcomes of classes starting in p_year: trained (completed), employed
-- within the policy's N months of the class end.
create function jz.training_outcomes(p_year int)
returns table (classes int, enrolled int, completed int, employed int, within_months int)
language sql stable
set search_path = pg_catalog, jz
as $$
	select count(distinct c.id)::int, count(e.person_id)::int,
	       count(e.person_id) filter (where e.completed)::int,
	       count(e.person_id) filter (where e.completed and e.employed_on is not null
		 and e.employed_on <= c.ends_on
		    + make_interval(months => (jz.policy_value('training_employed_within_months', c.ends_on)).value::int))::int,
	       (jz.policy_value('training_employed_within_months', make_date(p_year, 12, 31))).value::int
	  from jz.training_classes c
	  left join jz.training_enrolments e on e.class_id = c.id
	 where c.starts_on >= make_date(p_year, 1, 1) and c.starts_on < make_date(p_year + 1, 1, 1)
$$;

-- The forecast's training part: subsidies enrolled and not yet paid, for
-- classes of the year (the whole sub-district, like the funds).
create or replace function jz.training_obligations(p_year int, p_from date)
returns bigint
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	select coalesce(sum(e.subsidy_fen), 0)::bigint
	  from jz.training_enrolments e join jz.training_classes c on c.id = e.class_id
	 where e.ledger_id is null
	   and c.starts_on >= make_date(p_year, 1, 1) and c.starts_on < make_date(p_year + 1, 1, 1)
$$;

create table jz.feedback (
	id bigserial primary key,
	community_id int not null references jz.communities(id),
	person_id bigint not null references jz.persons(id),
	service text not null check (service in ('cash', 'home_visits', 'counselling', 'training')),
	satisfaction smallint not null check (satisfaction between 1 and 5),
	comment text not null default '' check (char_length(comment) <= 500),
	at timestamptz not null default now(),
	created_by text not null default session_user
);
create index feedback_community_idx on jz.feedback (community_id, at, id);
create index feedback_service_idx on jz.feedback (service, at);

create function jz.feedback_fill() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
begin
	select community_id into new.community_id from jz.persons where id = new.person_id;
	new.created_by := session_user;
	new.comment := btrim(coalesce(new.comment, ''));
	return new;
end $$;
create trigger feedback_fill before insert on jz.feedback
	for each row execute function jz.feedback_fill();

-- Share of satisfied (4-5) answers per service, in the caller's communities
-- (RLS), dates inclusive; NULL dates: everything.
create function jz.feedback_shares(p_from date, p_to date)
returns table (service text, answers int, satisfied int, pct_tenths int)
language sql stable
set search_path = pg_catalog, jz
as $$
	select s.service, count(f.id)::int, count(f.id) filter (where f.satisfaction >= 4)::int,
	       case when count(f.id) = 0 then null
		    else (count(f.id) filter (where f.satisfaction >= 4) * 1000 / count(f.id))::int end
	  from (values ('cash', 1), ('home_visits', 2), ('counselling', 3), ('training', 4)) s(service, o)
	  left join jz.feedback f on f.service = s.service
		and (p_from is null or f.at >= p_from) and (p_to is null or f.at < p_to + 1)
	 group by s.service, s.o
	 order by s.o
$$;

-- Access: caseworkers, supervisors and administrators of the community.
do $$
declare
	t text;
begin
	foreach t in array array['counselling_activities', 'counselling_participants', 'training_classes',
				 'training_enrolments', 'feedback'] loop
		execute format('alter table jz.%I enable row level security', t);
		execute format($p$create policy community_scope on jz.%I
			using (community_id in (select jz.my_community_ids()))
			with check (community_id in (select jz.my_community_ids()))$p$, t);
		execute format('revoke all on jz.%I from public', t);
	end loop;
end $$;
grant select, insert, update on jz.counselling_activities, jz.training_classes
	to jz_caseworker, jz_supervisor, jz_admin;
-- enrolments: who and where is fixed, the subsidy is the database's
grant select, insert (activity_id, person_id, attended, satisfaction), update (attended, satisfaction)
	on jz.counselling_participants to jz_caseworker, jz_supervisor, jz_admin;
grant select, insert (class_id, person_id), update (completed, employed_on)
	on jz.training_enrolments to jz_caseworker, jz_supervisor, jz_admin;
grant delete on jz.counselling_participants, jz.training_enrolments to jz_caseworker, jz_supervisor, jz_admin;
grant select, insert on jz.feedback to jz_caseworker, jz_supervisor, jz_admin;
grant usage on sequence jz.counselling_activities_id_seq, jz.training_classes_id_seq, jz.feedback_id_seq
	to jz_caseworker, jz_supervisor, jz_admin;

revoke execute on function jz.counselling_months(int), jz.training_subsidy_pay(bigint),
	jz.training_outcomes(int), jz.feedback_shares(date, date) from public;
grant execute on function jz.counselling_months(int), jz.training_outcomes(int), jz.feedback_shares(date, date)
	to jz_caseworker, jz_supervisor, jz_admin;
grant execute on function jz.training_subsidy_pay(bigint) to jz_supervisor, jz_admin;

create trigger audit after insert or update or delete on jz.counselling_activities
	for each row execute function jz.audit_row('id');
create trigger audit after insert or update or delete on jz.counselling_participants
	for each row execute function jz.audit_row('activity_id', 'person_id');
create trigger audit after insert or update or delete on jz.training_classes
	for each row execute function jz.audit_row('id');
create trigger audit after insert or update or delete on jz.training_enrolments
	for each row execute function jz.audit_row('class_id', 'person_id');
create trigger audit after insert or update or delete on jz.feedback
	for each row execute function jz.audit_row('id');
