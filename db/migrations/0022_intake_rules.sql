-- 0022 intake rules: what is missing (computed from jz.required_proof rows),
-- age rules (policy rows), numbering and the notify-by date, and the deferred
-- constraint trigger that refuses a 'submitted' application lacking proofs,
-- whoever sends it.
--
-- SQLSTATEs raised here and in 0023 (class JZ, documented for the C layer):
--   JZ001  person already in another open application or household
--   JZ002  category / age / membership rule broken
--   JZ003  'submitted' application lacks required, unexpired proofs
--   JZ004  caller may not act for that community
--   JZ005  malformed form

-- An integer policy figure in force on a day, or the fallback when no row.
create function jz.intake_policy(p_key text, p_on date, p_fallback int) returns int
language sql stable
set search_path = pg_catalog, jz
as $$
	select coalesce((select (jz.policy_value(p_key, p_on)).value::int), p_fallback)
$$;

-- Birth date from an 18-character ID number, NULL when it is not one.
create function jz.id_birth_date(idnum text) returns date
language plpgsql immutable parallel safe
set search_path = pg_catalog
as $$
begin
	if idnum !~ '^[0-9]{17}[0-9Xx]$' then
		return null;
	end if;
	return to_date(substr(idnum, 7, 8), 'YYYYMMDD');
exception when others then
	return null;
end $$;

-- The core: what is missing, from "facts" in one normalized shape, so a saved
-- application and a draft form share one rule engine:
--   {"on": "YYYY-MM-DD", "applicant": KEY,
--    "members": [{"key": KEY, "name": "...", "birth_date": "YYYY-MM-DD"|null}],
--    "categories": [{"code": "...", "member": KEY|null}],
--    "proofs": [{"kind": "...", "person": KEY|null, "seen": bool,
--                "number": "..."|null, "valid_until": "YYYY-MM-DD"|null}]}
-- KEY is the person's ID number. Of a group of alternatives (same alt_group)
-- the one closest to complete is listed; the others are named in
-- "alternatives". Members without a birth date count as adults.
create function jz.missing_in_facts(f jsonb)
returns table (category text, category_name text, doc_kind text, doc_name text,
	       person_id_number text, person_name text, alternatives text)
language sql stable
set search_path = pg_catalog, jz
as $$
with params as (
	select coalesce((f->>'on')::date, current_date) as d,
	       jz.intake_policy('adult_age_min', coalesce((f->>'on')::date, current_date), 18) as adult
),
m as (
	select x.key, x.name, x.birth_date, o.n
	  from jsonb_array_elements(coalesce(f->'members', '[]')) with ordinality o(e, n),
	       jsonb_to_record(o.e) as x(key text, name text, birth_date date)
),
cats as (
	select '*'::text as code, null::text as member
	union all
	select x.code, x.member
	  from jsonb_to_recordset(coalesce(f->'categories', '[]')) as x(code text, member text)
),
need as (
	select c.code as cat, c.member as cat_member, r.doc_kind, r.sort,
	       coalesce(r.alt_group, 'row' || r.id) as grp, p.person, p.pn
	  from cats c
	  join jz.required_proof r on r.category = c.code
	  cross join lateral (
		select null::text as person, 0::bigint as pn where r.scope = 'household'
		union all
		select f->>'applicant', 0 where r.scope = 'applicant'
		union all
		select c.member, 0 where r.scope = 'member'
		union all
		select m.key, m.n from m where r.scope = 'each_member'
		union all
		select m.key, m.n from m, params
		 where r.scope = 'each_adult'
		   and (m.birth_date is null or jz.age_on(m.birth_date, params.d) >= params.adult)
	  ) p
),
have as (
	select x.kind, x.person
	  from jsonb_to_recordset(coalesce(f->'proofs', '[]'))
		as x(kind text, person text, seen boolean, number text, valid_until date),
	       params
	  join jz.doc_kinds k on true
	 where k.code = x.kind
	   and coalesce(x.seen, false)
	   and (x.valid_until is null or x.valid_until >= params.d)
	   and (not k.number_required or coalesce(x.number, '') ~ '\S')
),
needx as (
	select n.*, exists (select 1 from have h
			     where h.kind = n.doc_kind
			       and h.person is not distinct from n.person) as met
	  from need n
),
alt as (
	select cat, cat_member, grp, doc_kind, min(sort) as sort,
	       count(*) filter (where not met) as nmiss
	  from needx group by cat, cat_member, grp, doc_kind
),
best as (
	select distinct on (cat, cat_member, grp) cat, cat_member, grp, doc_kind, nmiss
	  from alt
	 order by cat, cat_member, grp, nmiss, sort
)
select n.cat, c.name, n.doc_kind, k.name, n.person, pm.name,
       (select string_agg(k2.name, '、' order by a2.sort)
	  from alt a2 join jz.doc_kinds k2 on k2.code = a2.doc_kind
	 where a2.cat = n.cat and a2.cat_member is not distinct from n.cat_member
	   and a2.grp = n.grp and a2.doc_kind <> n.doc_kind)
  from best b
  join needx n on n.cat = b.cat and n.cat_member is not distinct from b.cat_member
	      and n.grp = b.grp and n.doc_kind = b.doc_kind and not n.met
  join jz.categories c on c.code = n.cat
  join jz.doc_kinds k on k.code = n.doc_kind
  left join m pm on pm.key = n.person
 where b.nmiss > 0
 order by c.sort, n.cat_member nulls first, n.sort, n.pn
$$;

-- The facts of a stored application (people keyed by ID number).
create function jz.application_facts(p_app bigint) returns jsonb
language sql stable
set search_path = pg_catalog, jz
as $$
select jsonb_build_object(
	'on', current_date,
	'applicant', (select p.id_number from jz.persons p where p.id = a.applicant_id),
	'members', coalesce((select jsonb_agg(jsonb_build_object('key', p.id_number, 'name', p.name,
					'birth_date', p.birth_date) order by (hm.relationship <> 'self'), p.id)
			       from jz.household_members hm join jz.persons p on p.id = hm.person_id
			      where hm.household_id = a.household_id), '[]'),
	'categories', coalesce((select jsonb_agg(jsonb_build_object('code', ac.category, 'member', p.id_number))
				  from jz.application_categories ac
				  left join jz.persons p on p.id = ac.member_id
				 where ac.application_id = a.id), '[]'),
	'proofs', coalesce((select jsonb_agg(jsonb_build_object('kind', pr.doc_kind, 'person', pr.person_id_number,
					'seen', pr.seen, 'number', pr.number, 'valid_until', pr.valid_until))
			      from jz.proofs pr where pr.application_id = a.id), '[]'))
  from jz.applications a where a.id = p_app
$$;

-- Every missing or expired proof of an application, at once (the one-time
-- notice, 一次性告知书). Runs as the caller: RLS scopes what can be asked.
create function jz.missing_proofs(p_application_id bigint)
returns table (category text, category_name text, doc_kind text, doc_name text,
	       person_id_number text, person_name text, alternatives text)
language sql stable
set search_path = pg_catalog, jz
as $$
	select * from jz.missing_in_facts(jz.application_facts(p_application_id))
$$;

-- The form's facts (shape of the form: see jz.submit_application in 0023).
create function jz.form_facts(form jsonb) returns jsonb
language sql stable
set search_path = pg_catalog, jz
as $$
with people as (
	select upper(nullif(btrim(e->>'id_number'), '')) as idn, e->>'name' as name, n
	  from (select form->'applicant' as e, 0::bigint as n
		union all
		select e, n from jsonb_array_elements(coalesce(form->'members', '[]')) with ordinality o(e, n)) s
	 where e is not null and jsonb_typeof(e) = 'object'
)
select jsonb_build_object(
	'on', current_date,
	'applicant', upper(form->'applicant'->>'id_number'),
	'members', coalesce((select jsonb_agg(jsonb_build_object(
				'key', coalesce(idn, '#' || n), 'name', name,
				'birth_date', jz.id_birth_date(idn)) order by n) from people), '[]'),
	'categories', coalesce((select jsonb_agg(jsonb_build_object('code', c->>'code',
				'member', upper(c->>'member')))
			from jsonb_array_elements(coalesce(form->'categories', '[]')) c), '[]'),
	'proofs', coalesce((select jsonb_agg(p) from (
		select jsonb_build_object('kind', pr->>'kind', 'person', upper(pr->>'person'),
			'seen', coalesce((pr->>'seen')::boolean, false), 'number', nullif(btrim(pr->>'number'), ''),
			'issuer', nullif(btrim(pr->>'issuer'), ''),
			'valid_until', nullif(pr->>'valid_until', '')) as p
		  from jsonb_array_elements(coalesce(form->'proofs', '[]')) pr
		union all
		select jsonb_build_object('kind', 'pledge', 'person', null, 'seen', true)
		 where coalesce((form->'declarations'->>'pledge_signed')::boolean, false)
		union all
		select jsonb_build_object('kind', 'finance_auth', 'person', upper(s), 'seen', true)
		  from jsonb_array_elements_text(coalesce(form->'declarations'->'auth_signed_by', '[]')) s
	) q), '[]'))
$$;

-- The same for a draft form before submit, so the form shows live what is missing.
create function jz.missing_proofs_for(form jsonb)
returns table (category text, category_name text, doc_kind text, doc_name text,
	       person_id_number text, person_name text, alternatives text)
language sql stable
set search_path = pg_catalog, jz
as $$
	select * from jz.missing_in_facts(jz.form_facts(form))
$$;

-- Rules that hold in every state: the applicant and named members belong to
-- the household; a member-naming category names one; elderly_alone applicant
-- is of age and lives alone; an unemployed member is of working age. In state
-- 'submitted' nothing may be missing. Runs as owner: sees past RLS.
create function jz.application_check(p_app bigint) returns void
language plpgsql stable security definer
set search_path = pg_catalog, jz
as $$
declare
	a jz.applications;
	on_day date;
	r record;
	n int;
	missing text;
begin
	select * into a from jz.applications where id = p_app;
	if not found then
		return;
	end if;
	on_day := (a.submitted_at at time zone current_setting('TimeZone'))::date;
	if not exists (select 1 from jz.household_members
			where household_id = a.household_id and person_id = a.applicant_id) then
		raise exception '申请 % 的申请人不是该家庭成员', a.number
			using errcode = 'JZ002';
	end if;
	for r in select ac.category, ac.member_id, c.names_member, c.name as cname,
			p.name as pname, p.birth_date, hm.person_id as in_household
		   from jz.application_categories ac
		   join jz.categories c on c.code = ac.category
		   left join jz.persons p on p.id = coalesce(ac.member_id, a.applicant_id)
		   left join jz.household_members hm on hm.person_id = p.id and hm.household_id = a.household_id
		  where ac.application_id = p_app
	loop
		if r.names_member and r.member_id is null then
			raise exception '类别“%”须指明家庭成员', r.cname using errcode = 'JZ002';
		end if;
		if not r.names_member and r.member_id is not null then
			raise exception '类别“%”不指明成员', r.cname using errcode = 'JZ002';
		end if;
		if r.in_household is null then
			raise exception '类别“%”所指的 % 不是该家庭成员', r.cname, r.pname using errcode = 'JZ002';
		end if;
		if r.category = 'elderly_alone' then
			n := jz.intake_policy('elderly_age_min', on_day, 60);
			if jz.age_on(r.birth_date, on_day) < n then
				raise exception '孤寡老人申请人 % 未满 % 周岁（现 % 岁）', r.pname, n,
					jz.age_on(r.birth_date, on_day)
					using errcode = 'JZ002';
			end if;
			if (select count(*) from jz.household_members where household_id = a.household_id) <> 1 then
				raise exception '孤寡老人须独自居住：家庭只能有申请人一人' using errcode = 'JZ002';
			end if;
		elsif r.category = 'unemployed' then
			if jz.age_on(r.birth_date, on_day) < jz.intake_policy('working_age_min', on_day, 16)
			   or jz.age_on(r.birth_date, on_day) >= jz.intake_policy('working_age_max', on_day, 60) then
				raise exception '失业人员 % 不在劳动年龄内（% 岁）', r.pname, jz.age_on(r.birth_date, on_day)
					using errcode = 'JZ002';
			end if;
		end if;
	end loop;
	if a.state = 'submitted' then
		select string_agg(m.doc_name || coalesce('（' || m.person_name || '）', ''), '、')
		  into missing from jz.missing_proofs(p_app) m;
		if missing is not null then
			raise exception '申请 % 缺少材料，不能为“受理”状态：%', a.number, missing
				using errcode = 'JZ003',
				      hint = '缺材料的申请应保存为“补正”（returned）状态。';
		end if;
	end if;
end $$;

create function jz.application_check_trigger() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
begin
	if tg_table_name = 'applications' then
		perform jz.application_check(new.id);
	elsif tg_table_name = 'household_members' then
		perform jz.application_check(a.id) from jz.applications a
		  join jz.application_states s on s.code = a.state and s.is_open
		 where a.household_id = coalesce(new.household_id, old.household_id);
	elsif tg_op = 'DELETE' then
		perform jz.application_check(old.application_id);
	else
		perform jz.application_check(new.application_id);
	end if;
	return null;
end $$;

create constraint trigger applications_rules after insert or update on jz.applications
	deferrable initially deferred for each row execute function jz.application_check_trigger();
create constraint trigger application_categories_rules after insert or update or delete on jz.application_categories
	deferrable initially deferred for each row execute function jz.application_check_trigger();
create constraint trigger proofs_rules after insert or update or delete on jz.proofs
	deferrable initially deferred for each row execute function jz.application_check_trigger();
create constraint trigger household_members_rules after insert or update or delete on jz.household_members
	deferrable initially deferred for each row execute function jz.application_check_trigger();

-- Number (gap-free per community and year: the counter row is locked by the
-- upsert and rolls back with the application) and notify-by date.
create function jz.applications_fill() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	yr int;
	seq int;
	days int;
begin
	if tg_op = 'INSERT' then
		new.submitted_at := coalesce(new.submitted_at, now());
		new.created_by := session_user;
		new.version := 1;
		if new.number is null then
			yr := extract(year from new.submitted_at)::int;
			insert into jz.application_counters as c (community_id, year, last)
			values (new.community_id, yr, 1)
			on conflict (community_id, year) do update set last = c.last + 1
			returning last into seq;
			new.number := (select code from jz.communities where id = new.community_id)
				      || '-' || yr || '-' || lpad(seq::text, 6, '0');
		end if;
	else
		if new.number <> old.number or new.community_id <> old.community_id
		   or new.idempotency_key is distinct from old.idempotency_key then
			raise exception '申请编号、社区和幂等键不可修改' using errcode = '42501';
		end if;
		new.version := old.version + 1;
		new.updated_at := now();
	end if;
	-- the clock starts when the application is (re)submitted complete
	if new.state = 'submitted' and (tg_op = 'INSERT' or old.state <> 'submitted') then
		days := jz.intake_policy('notify_working_days', current_date, 5);
		select w.due, w.certain into new.notify_by, new.notify_by_certain
		  from jz.add_working_days(current_date, days) w;
	elsif new.state = 'returned' then
		new.notify_by := null;
		new.notify_by_certain := null;
	end if;
	return new;
end $$;
create trigger applications_fill before insert or update on jz.applications
	for each row execute function jz.applications_fill();
