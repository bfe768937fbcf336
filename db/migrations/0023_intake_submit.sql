-- 0023 submit and find: one call, one round trip, one transaction.
--
-- The form jsonb (the TUI builds exactly this; unknown keys are ignored;
-- money is integer fen; ID numbers are 18 characters, upper-case X):
-- {
--   "community":  "110105001001",          -- community code (or name)
--   "household":  {"hukou_address": "...", "address": "...",
--                  "hukou_type": "urban|rural|resident",          -- jz.hukou_types
--                  "housing": "...", "vehicle": "...", "savings_fen": 0},
--   "applicant":  MEMBER,                   -- relationship is always 'self'
--   "members":    [MEMBER, ...],            -- the others of the household
--   "categories": [{"code": "low_income"},
--                  {"code": "disabled", "member": "<id_number>"}],  -- jz.categories
--   "proofs":     [{"kind": "disability_cert",                     -- jz.doc_kinds
--                   "person": "<id_number>" | null,  -- null: household-level paper
--                   "seen": true, "number": "...", "issuer": "...",
--                   "valid_until": "YYYY-MM-DD" | null}],
--   "declarations": {"pledge_signed": true,                 -- = a seen 'pledge' proof
--                    "auth_signed_by": ["<id_number>", ...]}, -- = seen 'finance_auth' proofs
--   "reason":     "..."
-- }
-- MEMBER = {"id_number": "...", "name": "...", "ethnic": "01".."56", "phone": "...",
--           "relationship": "spouse|child|parent|...",       -- jz.relationships
--           "employment": "preschool|student|employed|flexible|unemployed_reg|unemployed_unreg|retired",
--           "health": "healthy|chronic|serious",
--           "disability_category": 1..7 | null, "disability_grade": 1..4 | null,
--           "income": {"wages": 0, "business": 0, "property": 0,
--                      "pension": 0, "support": 0, "other": 0}}   -- fen per month
-- Sex and birth date are derived from the ID number.

-- Result of a submit (also of a replayed one).
create type jz.submit_result as (
	application_id bigint,
	number text,
	state text,
	state_name text,
	notify_by date,
	notify_by_certain boolean,
	missing jsonb,      -- [{category, category_name, doc_kind, doc_name, person_id_number, person_name, alternatives}]
	replayed boolean    -- true: this idempotency key had already made the application
);

create function jz.submit_result_of(p_app bigint, p_replayed boolean) returns jz.submit_result
language sql stable
set search_path = pg_catalog, jz
as $$
	select a.id, a.number, a.state, s.name, a.notify_by, a.notify_by_certain,
	       coalesce((select jsonb_agg(to_jsonb(m)) from jz.missing_proofs(a.id) m), '[]'),
	       p_replayed
	  from jz.applications a join jz.application_states s on s.code = a.state
	 where a.id = p_app
$$;

-- Where is this person already? One indexed lookup (persons.id_number,
-- household_members.person_id, applications.household_id). Crosses
-- communities on purpose: a duplicate must be found wherever it is.
create function jz.find_person(p_id_number text)
returns table (person_id bigint, name text, household_id bigint,
	       household_community text, application_id bigint, application_number text,
	       state text, state_name text, application_community text)
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	select p.id, p.name, hm.household_id, hc.name, a.id, a.number, a.state, s.name, ac.name
	  from jz.persons p
	  left join jz.household_members hm on hm.person_id = p.id
	  left join jz.households h on h.id = hm.household_id
	  left join jz.communities hc on hc.id = h.community_id
	  left join lateral (select a1.* from jz.applications a1
			       join jz.application_states s1 on s1.code = a1.state and s1.is_open
			      where a1.household_id = hm.household_id
			      order by a1.id desc limit 1) a on true
	  left join jz.application_states s on s.code = a.state
	  left join jz.communities ac on ac.id = a.community_id
	 where p.id_number = upper(btrim(p_id_number))
$$;

create function jz.submit_application(form jsonb, idempotency_key uuid) returns jz.submit_result
language plpgsql volatile security definer
set search_path = pg_catalog, jz
as $$
declare
	cid int;
	app bigint;
	hh bigint;
	pid bigint;
	facts jsonb;
	m jsonb;
	n bigint;
	idn text;
	ids jsonb := '{}';   -- id_number -> person id
	f record;
	st text;
	h jsonb := coalesce(form->'household', '{}');
begin
	if idempotency_key is null then
		raise exception '缺少幂等键' using errcode = 'JZ005';
	end if;
	if form is null or jsonb_typeof(form) <> 'object' or jsonb_typeof(form->'applicant') <> 'object' then
		raise exception '表单格式错误：缺少申请人' using errcode = 'JZ005';
	end if;
	if not (pg_has_role(session_user, 'jz_reception', 'MEMBER')
		or pg_has_role(session_user, 'jz_caseworker', 'MEMBER')
		or pg_has_role(session_user, 'jz_admin', 'MEMBER')) then
		raise exception '只有受理员、社工或管理员可以提交申请' using errcode = '42501';
	end if;
	select id into cid from jz.communities
	 where code = btrim(form->>'community') or name = btrim(form->>'community');
	if cid is null then
		raise exception '未知社区：%', form->>'community' using errcode = 'JZ005';
	end if;
	if not pg_has_role(session_user, 'jz_admin', 'MEMBER')
	   and not exists (select 1 from jz.staff_community
			    where login = session_user and community_id = cid) then
		raise exception '您不属于社区 %，不能为其受理申请', form->>'community' using errcode = 'JZ004';
	end if;

	-- a retry (or a concurrent twin) returns what the first call made
	select id into app from jz.applications a where a.idempotency_key = submit_application.idempotency_key;
	if app is null then
		perform pg_advisory_xact_lock(hashtext('jz.submit:' || idempotency_key::text));
		select id into app from jz.applications a where a.idempotency_key = submit_application.idempotency_key;
	end if;
	if app is not null then
		if (select community_id from jz.applications where id = app) <> cid then
			raise exception '幂等键已用于另一社区的申请' using errcode = 'JZ005';
		end if;
		return jz.submit_result_of(app, true);
	end if;

	insert into jz.households (community_id, hukou_address, address, hukou_type, housing, vehicle, savings_fen)
	values (cid, nullif(btrim(h->>'hukou_address'), ''), nullif(btrim(h->>'address'), ''),
		nullif(h->>'hukou_type', ''), nullif(btrim(h->>'housing'), ''), nullif(btrim(h->>'vehicle'), ''),
		coalesce((h->>'savings_fen')::bigint, 0))
	returning id into hh;

	n := 0;
	for m in select form->'applicant'
		 union all
		 select e from jsonb_array_elements(coalesce(form->'members', '[]')) e
	loop
		idn := upper(btrim(m->>'id_number'));
		if idn is null or idn = '' then
			raise exception '家庭成员 % 缺少身份证号', coalesce(m->>'name', '') using errcode = 'JZ005';
		end if;
		if not jz.id_check_ok(idn) or jz.id_birth_date(idn) is null then
			raise exception '家庭成员 % 的身份证号 % 无效', coalesce(m->>'name', ''), idn using errcode = 'JZ005';
		end if;
		if ids ? idn then
			raise exception '身份证号 % 在表中出现两次', idn using errcode = 'JZ005';
		end if;
		insert into jz.persons (community_id, id_number, name, sex, birth_date, ethnic, phone)
		values (cid, idn, btrim(m->>'name'),
			case when substr(idn, 17, 1) ~ '[13579]' then 'M' else 'F' end,
			jz.id_birth_date(idn), nullif(m->>'ethnic', ''), nullif(btrim(m->>'phone'), ''))
		on conflict (id_number) do nothing
		returning id into pid;
		if pid is null then
			-- known person: refuse when already placed, else take the record over
			select id into pid from jz.persons where id_number = idn for update;
			select * into f from jz.find_person(idn) limit 1;
			if f.application_id is not null then
				raise exception '身份证号 % 已在申请 %（%，%）中', idn, f.application_number,
					f.state_name, f.application_community
					using errcode = 'JZ001',
					      detail = jsonb_build_object('id_number', idn, 'application', f.application_number,
						'state', f.state, 'community', f.application_community)::text;
			elsif f.household_id is not null then
				raise exception '身份证号 % 已是 % 另一家庭（户号 %）的成员', idn, f.household_community,
					f.household_id
					using errcode = 'JZ001',
					      detail = jsonb_build_object('id_number', idn, 'household', f.household_id,
						'community', f.household_community)::text;
			end if;
			update jz.persons set community_id = cid, name = btrim(m->>'name'),
				ethnic = coalesce(nullif(m->>'ethnic', ''), ethnic),
				phone = coalesce(nullif(btrim(m->>'phone'), ''), phone), version = version + 1
			 where id = pid;
		end if;
		ids := ids || jsonb_build_object(idn, pid);
		insert into jz.household_members (household_id, person_id, community_id, relationship, employment,
			health, disability_category, disability_grade, income_wages_fen, income_business_fen,
			income_property_fen, income_pension_fen, income_support_fen, income_other_fen)
		values (hh, pid, cid, case when n = 0 then 'self' else coalesce(nullif(m->>'relationship', ''), 'other') end,
			nullif(m->>'employment', ''), nullif(m->>'health', ''),
			(m->>'disability_category')::smallint, (m->>'disability_grade')::smallint,
			coalesce((m->'income'->>'wages')::bigint, 0), coalesce((m->'income'->>'business')::bigint, 0),
			coalesce((m->'income'->>'property')::bigint, 0), coalesce((m->'income'->>'pension')::bigint, 0),
			coalesce((m->'income'->>'support')::bigint, 0), coalesce((m->'income'->>'other')::bigint, 0));
		n := n + 1;
		pid := null;
	end loop;

	facts := jz.form_facts(form);
	st := case when exists (select 1 from jz.missing_in_facts(facts)) then 'returned' else 'submitted' end;

	insert into jz.applications (community_id, household_id, applicant_id, state, reason, idempotency_key)
	values (cid, hh, (ids->>upper(btrim(form->'applicant'->>'id_number')))::bigint, st,
		nullif(btrim(form->>'reason'), ''), submit_application.idempotency_key)
	returning id into app;

	for f in select x.code, x.member from jsonb_to_recordset(facts->'categories') x(code text, member text) loop
		if f.member is not null and not ids ? f.member then
			raise exception '类别 % 所指身份证号 % 不是本户成员', f.code, f.member using errcode = 'JZ005';
		end if;
		insert into jz.application_categories (application_id, category, member_id, community_id)
		values (app, f.code, (ids->>f.member)::bigint, cid);
	end loop;

	for f in select x.* from jsonb_to_recordset(facts->'proofs')
			x(kind text, person text, seen boolean, number text, issuer text, valid_until date) loop
		if f.person is not null and not ids ? f.person then
			raise exception '材料 % 所属身份证号 % 不是本户成员', f.kind, f.person using errcode = 'JZ005';
		end if;
		insert into jz.proofs (application_id, community_id, doc_kind, person_id, seen, number, issuer, valid_until)
		values (app, cid, f.kind, (ids->>f.person)::bigint, f.seen, f.number, f.issuer, f.valid_until);
	end loop;

	-- the rules now, not only at commit, so the caller gets the clear message
	perform jz.application_check(app);
	return jz.submit_result_of(app, false);
end $$;
