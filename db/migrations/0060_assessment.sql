-- 0060 the on-site assessment (issue 5): the checklist's items as rows (the
-- same table as forms/assess.c, compared by tests/db/test_assess.c), the
-- assessment saved item by item as a draft, the team derived from the
-- answers, and the real 'assessment_complete' precondition of jz.transition.
--
-- SQLSTATEs (class JZ):
--   JZ004  no such assessment/application in the caller's communities
--   JZ013  not complete: required items unanswered or the team lacks a role
--          (MESSAGE names them)
--   JZ016  a bad answer for the item (kind, allowed values, length)
--   JZ017  the assessment is completed and can no longer change
--
-- Access (DESIGN §4): caseworkers read the assessments of their communities
-- and write only those of cases assigned to them that are in 'assessing';
-- supervisors read; receptionists and administrators see nothing of them
-- (assessment notes are not for the front desk).

create table jz.assessment_items (
	code text primary key check (code ~ '^[a-z]+\.[a-z_]+$'),
	section text not null,
	sort int not null,
	kind text not null check (kind in ('choice', 'score', 'number', 'text', 'date', 'time', 'yesno', 'team')),
	choices text[],
	min_value int,
	max_value int,
	max_chars int,
	categories text[],            -- null: every application; else any of these
	required boolean not null,
	label text not null,
	check ((kind in ('choice', 'score')) = (choices is not null))
);
comment on table jz.assessment_items is
	'The assessment checklist: the same items as forms/assess.c; the database checks answers against them.';

insert into jz.assessment_items (code, section, sort, kind, choices, min_value, max_value, max_chars,
				 categories, required, label) values
	('visit.date', 'visit', 10, 'date', null, null, null, null, null, true, '走访日期'),
	('visit.time', 'visit', 20, 'time', null, null, null, null, null, true, '走访时间'),
	('visit.place', 'visit', 30, 'text', null, null, null, 200, null, true, '走访地点'),
	('team.community_staff', 'team', 40, 'team', null, null, null, 200, null, true, '社区工作人员'),
	('team.social_worker', 'team', 50, 'team', null, null, null, 200, null, true, '社工'),
	('team.volunteer', 'team', 60, 'team', null, null, null, 200, null, true, '志愿者'),
	('living.housing_type', 'living', 70, 'choice', '{own,public_rent,private_rent,relatives,other}', null, null, null, null, true, '住房类型'),
	('living.housing_state', 'living', 80, 'choice', '{good,fair,poor,dangerous}', null, null, null, null, true, '房屋状况'),
	('living.heating', 'living', 90, 'choice', '{central,gas,electric,coal,none}', null, null, null, null, true, '取暖'),
	('living.water', 'living', 100, 'choice', '{tap,well,none}', null, null, null, null, true, '用水'),
	('living.hazards', 'living', 110, 'text', null, null, null, 500, null, false, '安全隐患'),
	('economy.income', 'economy', 120, 'choice', '{match,differs}', null, null, null, null, true, '申报收入'),
	('economy.assets', 'economy', 130, 'choice', '{match,differs}', null, null, null, null, true, '申报财产'),
	('economy.discrepancy', 'economy', 140, 'text', null, null, null, 1000, null, false, '不符情况'),
	('selfcare.feeding', 'selfcare', 150, 'score', '{0,5,10}', null, null, null, '{elderly_alone,disabled}', true, '进食'),
	('selfcare.bathing', 'selfcare', 160, 'score', '{0,5}', null, null, null, '{elderly_alone,disabled}', true, '洗澡'),
	('selfcare.grooming', 'selfcare', 170, 'score', '{0,5}', null, null, null, '{elderly_alone,disabled}', true, '修饰'),
	('selfcare.dressing', 'selfcare', 180, 'score', '{0,5,10}', null, null, null, '{elderly_alone,disabled}', true, '穿衣'),
	('selfcare.bowels', 'selfcare', 190, 'score', '{0,5,10}', null, null, null, '{elderly_alone,disabled}', true, '控制大便'),
	('selfcare.bladder', 'selfcare', 200, 'score', '{0,5,10}', null, null, null, '{elderly_alone,disabled}', true, '控制小便'),
	('selfcare.toilet', 'selfcare', 210, 'score', '{0,5,10}', null, null, null, '{elderly_alone,disabled}', true, '如厕'),
	('selfcare.transfers', 'selfcare', 220, 'score', '{0,5,10,15}', null, null, null, '{elderly_alone,disabled}', true, '床椅转移'),
	('selfcare.mobility', 'selfcare', 230, 'score', '{0,5,10,15}', null, null, null, '{elderly_alone,disabled}', true, '平地行走'),
	('selfcare.stairs', 'selfcare', 240, 'score', '{0,5,10}', null, null, null, '{elderly_alone,disabled}', true, '上下楼梯'),
	('psych.interest', 'psych', 250, 'score', '{0,1,2,3}', null, null, null, null, true, '做事提不起劲或没有兴趣'),
	('psych.mood', 'psych', 260, 'score', '{0,1,2,3}', null, null, null, null, true, '感到心情低落、沮丧或绝望'),
	('psych.referral', 'psych', 270, 'yesno', null, null, null, null, null, true, '转介心理疏导'),
	('employment.skills', 'employment', 280, 'text', null, null, null, 500, '{unemployed}', true, '技能与工作经历'),
	('employment.training', 'employment', 290, 'yesno', null, null, null, null, '{unemployed}', true, '希望参加职业培训'),
	('employment.barriers', 'employment', 300, 'text', null, null, null, 500, '{unemployed}', false, '就业障碍'),
	('findings.text', 'findings', 310, 'text', null, null, null, 2000, null, true, '评估发现'),
	('recommend.low_income', 'recommend', 320, 'choice', '{eligible,not_eligible}', null, null, null, '{low_income}', true, '低收入家庭'),
	('recommend.low_income_reason', 'recommend', 330, 'text', null, null, null, 500, '{low_income}', true, '理由（低收入家庭）'),
	('recommend.elderly_alone', 'recommend', 340, 'choice', '{eligible,not_eligible}', null, null, null, '{elderly_alone}', true, '孤寡老人'),
	('recommend.elderly_alone_reason', 'recommend', 350, 'text', null, null, null, 500, '{elderly_alone}', true, '理由（孤寡老人）'),
	('recommend.disabled', 'recommend', 360, 'choice', '{eligible,not_eligible}', null, null, null, '{disabled}', true, '残疾人'),
	('recommend.disabled_reason', 'recommend', 370, 'text', null, null, null, 500, '{disabled}', true, '理由（残疾人）'),
	('recommend.unemployed', 'recommend', 380, 'choice', '{eligible,not_eligible}', null, null, null, '{unemployed}', true, '失业人员'),
	('recommend.unemployed_reason', 'recommend', 390, 'text', null, null, null, 500, '{unemployed}', true, '理由（失业人员）');

create table jz.assessments (
	id bigserial primary key,
	application_id bigint not null references jz.applications(id) on delete cascade,
	community_id int not null references jz.communities(id),
	created_by text not null default session_user,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	current_item text references jz.assessment_items(code),   -- where the checklist resumes
	completed_at timestamptz,
	completed_by text,
	version int not null default 1
);
-- one open assessment per application (a re-assessment opens a new one)
create unique index assessments_open_idx on jz.assessments (application_id) where completed_at is null;
create index assessments_app_idx on jz.assessments (application_id, id);
create index assessments_community_idx on jz.assessments (community_id, id);

create table jz.assessment_answers (
	assessment_id bigint not null references jz.assessments(id) on delete cascade,
	community_id int not null references jz.communities(id),
	item text not null references jz.assessment_items(code),
	value text not null check (char_length(value) between 1 and 2000),
	answered_by text not null default session_user,
	answered_at timestamptz not null default now(),
	primary key (assessment_id, item)
);
create index assessment_answers_community_idx on jz.assessment_answers (community_id, assessment_id);

-- The team, one row per person, derived from the team.* answers.
create table jz.assessment_team (
	id bigserial primary key,
	assessment_id bigint not null references jz.assessments(id) on delete cascade,
	community_id int not null references jz.communities(id),
	role text not null check (role in ('community_staff', 'social_worker', 'volunteer')),
	name text not null check (char_length(name) between 1 and 30),
	unique (assessment_id, role, name)
);
create index assessment_team_community_idx on jz.assessment_team (community_id, assessment_id);

-- May the caller write this application's assessment? Assigned to them and
-- in assessment, in one of their communities.
-- Volatile, not stable: an assessment opened earlier in the same statement
-- (assessment_open in a FROM) must be seen.
create function jz.assessment_writable(p_app bigint) returns boolean
language sql volatile security definer
set search_path = pg_catalog, jz
as $$
	select exists (select 1 from jz.applications a
			where a.id = p_app and a.assigned_to = session_user and a.state = 'assessing'
			  and a.community_id in (select jz.my_community_ids()))
$$;

create function jz.assessment_writable_id(p_assessment bigint) returns boolean
language sql volatile security definer
set search_path = pg_catalog, jz
as $$
	select coalesce((select jz.assessment_writable(s.application_id) and s.completed_at is null
			   from jz.assessments s where s.id = p_assessment), false)
$$;

-- What is still missing before completion: required items of the
-- application's categories, the discrepancy note when income or assets
-- differ, and each team role without a person.
create function jz.assessment_missing(p_assessment bigint)
returns table (item text, label text, sort int)
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	with s as (select * from jz.assessments where id = p_assessment),
	cats as (select coalesce(array_agg(distinct c.category), '{}') as cs
		   from jz.application_categories c join s on c.application_id = s.application_id),
	ans as (select a.item, a.value from jz.assessment_answers a where a.assessment_id = p_assessment)
	select i.code, i.label, i.sort
	  from jz.assessment_items i, cats
	 where ((i.required and (i.categories is null or i.categories && cats.cs))
		or (i.code = 'economy.discrepancy'
		    and exists (select 1 from ans where ans.item in ('economy.income', 'economy.assets')
				and ans.value = 'differs')))
	   and not exists (select 1 from ans where ans.item = i.code)
	   and exists (select 1 from s)
	union
	select 'team.' || r.role, i.label, i.sort
	  from unnest(array['community_staff', 'social_worker', 'volunteer']) r(role)
	  join jz.assessment_items i on i.code = 'team.' || r.role
	 where exists (select 1 from s)
	   and not exists (select 1 from jz.assessment_team t where t.assessment_id = p_assessment and t.role = r.role)
	 order by 3
$$;

create function jz.is_date(p text) returns boolean
language plpgsql immutable
set search_path = pg_catalog, jz
as $$
begin
	perform p::date;
	return true;
exception when others then
	return false;
end $$;

-- Assessments: community from the application; a completed one is frozen;
-- completing checks what is missing.
create function jz.assessments_check() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	missing text;
begin
	if tg_op = 'INSERT' then
		select community_id into new.community_id from jz.applications where id = new.application_id;
		new.completed_at := null;
		new.completed_by := null;
		new.created_by := session_user;
		return new;
	end if;
	if old.completed_at is not null then
		raise exception '评估已完成，不能再修改' using errcode = 'JZ017';
	end if;
	if new.application_id <> old.application_id or new.community_id <> old.community_id then
		raise exception '评估所属的申请不能更改' using errcode = '42501';
	end if;
	new.version := old.version + 1;
	new.updated_at := now();
	if new.completed_at is not null then
		select string_agg(m.label, '、' order by m.sort) into missing from jz.assessment_missing(new.id) m;
		if missing is not null then
			raise exception '评估尚未完成，缺少：%', missing using errcode = 'JZ013',
				hint = '评估小组须至少有一名社区工作人员、一名社工和一名志愿者。';
		end if;
		new.completed_by := session_user;
	end if;
	return new;
end $$;
create trigger assessments_check before insert or update on jz.assessments
	for each row execute function jz.assessments_check();

-- Answers: checked against the item; only while the assessment is open.
create function jz.assessment_answers_check() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	i jz.assessment_items;
	s jz.assessments;
	aid bigint;
	good boolean;
begin
	if tg_op = 'DELETE' then
		aid := old.assessment_id;
	else
		aid := new.assessment_id;
	end if;
	select * into s from jz.assessments where id = aid;
	if s.completed_at is not null then
		raise exception '评估已完成，不能再修改' using errcode = 'JZ017';
	end if;
	if tg_op = 'DELETE' then
		return old;
	end if;
	new.community_id := s.community_id;
	new.answered_by := session_user;
	new.answered_at := now();
	new.value := btrim(new.value);
	select * into i from jz.assessment_items where code = new.item;
	good := case i.kind
		when 'choice' then new.value = any (i.choices)
		when 'score' then new.value = any (i.choices)
		when 'number' then new.value ~ '^-?[0-9]{1,9}$' and new.value::int between i.min_value and i.max_value
		when 'date' then new.value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' and jz.is_date(new.value)
		when 'time' then new.value ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
		when 'yesno' then new.value in ('yes', 'no')
		else char_length(new.value) between 1 and i.max_chars
	end;
	if not coalesce(good, false) then
		raise exception '“%”的回答不符合要求：%', i.label, left(new.value, 40) using errcode = 'JZ016',
			hint = coalesce('可选：' || array_to_string(i.choices, '/'), '');
	end if;
	return new;
end $$;
create trigger assessment_answers_check before insert or update or delete on jz.assessment_answers
	for each row execute function jz.assessment_answers_check();

-- The team rows follow the team.* answers (names split at 、 , ， ;).
create function jz.assessment_team_sync() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	aid bigint;
	item text;
	v_role text;
begin
	if tg_op = 'DELETE' then
		aid := old.assessment_id;
		item := old.item;
	else
		aid := new.assessment_id;
		item := new.item;
	end if;
	if item !~ '^team\.' then
		return null;
	end if;
	v_role := substr(item, 6);
	delete from jz.assessment_team t where t.assessment_id = aid and t.role = v_role;
	if tg_op <> 'DELETE' then
		insert into jz.assessment_team (assessment_id, community_id, role, name)
		select distinct new.assessment_id, new.community_id, v_role, btrim(n)
		  from regexp_split_to_table(new.value, '[、,，;；/]') n
		 where btrim(n) <> '';
	end if;
	return null;
end $$;
revoke all on function jz.assessment_team_sync() from public;
create trigger assessment_team_sync after insert or update or delete on jz.assessment_answers
	for each row execute function jz.assessment_team_sync();

-- The assessment of an application the caller has in hand: the open one,
-- opened now if there is none (the case must be assigned to the caller and
-- in 'assessing').
create function jz.assessment_open(p_app bigint) returns bigint
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	sid bigint;
begin
	select id into sid from jz.assessments where application_id = p_app and completed_at is null;
	if found then
		return sid;
	end if;
	if not jz.assessment_writable(p_app) then
		raise exception '申请 % 不是您承办的评估中案件', p_app using errcode = 'JZ011';
	end if;
	insert into jz.assessments (application_id, community_id)
	select id, community_id from jz.applications where id = p_app
	returning id into sid;
	return sid;
end $$;

-- Save one item (a blank value clears it) and where the checklist stands:
-- the screen calls it on every item exit. One statement, one transaction.
create function jz.assessment_save(p_assessment bigint, p_item text, p_value text, p_at_item text)
returns int
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	v int;
begin
	if p_item is not null then
		if coalesce(btrim(p_value), '') = '' then
			delete from jz.assessment_answers where assessment_id = p_assessment and item = p_item;
		else
			insert into jz.assessment_answers (assessment_id, community_id, item, value)
			select p_assessment, s.community_id, p_item, p_value from jz.assessments s where s.id = p_assessment
			on conflict (assessment_id, item) do update set value = excluded.value;
		end if;
	end if;
	update jz.assessments set current_item = coalesce(p_at_item, p_item, current_item)
	 where id = p_assessment
	returning version into v;
	if v is null then
		raise exception '评估 % 不存在，或不是您可以填写的', p_assessment using errcode = 'JZ004';
	end if;
	return v;
end $$;

-- Complete: mark it done (the trigger checks it is) and move the
-- application to 'assessed' through the state machine. p_app_version: the
-- application's version as the screen read it. Returns the new version.
create function jz.assessment_complete(p_assessment bigint, p_app_version int) returns int
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	app bigint;
begin
	update jz.assessments set completed_at = now()
	 where id = p_assessment and completed_at is null
	returning application_id into app;
	if app is null then
		raise exception '评估 % 不存在、已完成，或不是您可以填写的', p_assessment using errcode = 'JZ004';
	end if;
	return jz.transition(app, 'assessed', null, p_app_version);
end $$;

-- The real precondition of assessing -> assessed: an assessment of this
-- episode (since the case last went into assessment) is complete.
create or replace function jz.precondition_ok(p_name text, p_app bigint) returns boolean
language plpgsql stable
set search_path = pg_catalog, jz
as $$
begin
	case p_name
	when 'no_missing_proofs' then
		return not exists (select 1 from jz.missing_proofs(p_app));
	when 'assessment_complete' then
		return exists (
			select 1 from jz.assessments s
			 where s.application_id = p_app and s.completed_at is not null
			   and s.completed_at >= coalesce((select max(e.at) from jz.application_events e
							    where e.application_id = p_app and e.to_state = 'assessing'),
							  '-infinity'));
	else
		raise exception '未知的前提条件：%', p_name using errcode = 'JZ013';
	end case;
end $$;

-- Access.
grant select on jz.assessment_items to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
grant select, insert, update on jz.assessments to jz_caseworker;
grant select, insert, update, delete on jz.assessment_answers to jz_caseworker;
grant select on jz.assessment_team to jz_caseworker;
grant select on jz.assessments, jz.assessment_answers, jz.assessment_team to jz_supervisor;
grant usage on sequence jz.assessments_id_seq to jz_caseworker;
revoke all on function jz.assessment_open(bigint), jz.assessment_save(bigint, text, text, text),
	jz.assessment_complete(bigint, int), jz.assessment_missing(bigint),
	jz.assessment_writable(bigint), jz.assessment_writable_id(bigint) from public;
grant execute on function jz.assessment_open(bigint), jz.assessment_save(bigint, text, text, text),
	jz.assessment_complete(bigint, int) to jz_caseworker;
grant execute on function jz.assessment_missing(bigint), jz.assessment_writable(bigint),
	jz.assessment_writable_id(bigint) to jz_caseworker, jz_supervisor;

alter table jz.assessments enable row level security;
create policy community_scope on jz.assessments for select
	using (community_id in (select jz.my_community_ids()));
create policy assigned_insert on jz.assessments for insert
	with check (community_id in (select jz.my_community_ids()) and jz.assessment_writable(application_id));
create policy assigned_update on jz.assessments for update
	using (community_id in (select jz.my_community_ids()) and jz.assessment_writable(application_id))
	with check (community_id in (select jz.my_community_ids()) and jz.assessment_writable(application_id));

alter table jz.assessment_answers enable row level security;
create policy community_scope on jz.assessment_answers for select
	using (community_id in (select jz.my_community_ids()));
create policy assigned_insert on jz.assessment_answers for insert
	with check (community_id in (select jz.my_community_ids()) and jz.assessment_writable_id(assessment_id));
create policy assigned_update on jz.assessment_answers for update
	using (community_id in (select jz.my_community_ids()) and jz.assessment_writable_id(assessment_id))
	with check (community_id in (select jz.my_community_ids()) and jz.assessment_writable_id(assessment_id));
create policy assigned_delete on jz.assessment_answers for delete
	using (community_id in (select jz.my_community_ids()) and jz.assessment_writable_id(assessment_id));

alter table jz.assessment_team enable row level security;
create policy community_scope on jz.assessment_team for select
	using (community_id in (select jz.my_community_ids()));

create trigger assessment_items_audit after insert or update or delete on jz.assessment_items
	for each row execute function jz.audit_row('code');
create trigger assessments_audit after insert or update or delete on jz.assessments
	for each row execute function jz.audit_row('id');
create trigger assessment_answers_audit after insert or update or delete on jz.assessment_answers
	for each row execute function jz.audit_row('assessment_id', 'item');
create trigger assessment_team_audit after insert or update or delete on jz.assessment_team
	for each row execute function jz.audit_row('id');
