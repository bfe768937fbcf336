-- 0120 a broken category rule says which category and member it is about.
--
-- jz.application_check (0022) refuses a submit with JZ002 and a sentence
-- ("失业人员 王秀英 不在劳动年龄内（76 岁）"); the form could only show the
-- sentence and leave the cursor where it was. Each refusal about a category
-- now carries DETAIL as JSON, as JZ001 does: {"category": "unemployed",
-- "id_number": "110105..."} (id_number absent when none is named), so the
-- form puts the cursor on that category's field. Messages, order of checks
-- and everything else unchanged; jit stays off (0103), privileges are kept
-- by CREATE OR REPLACE.
create or replace function jz.application_check(p_app bigint) returns void
language plpgsql stable security definer
set search_path = pg_catalog, jz
set jit = off
as $$
declare
	a jz.applications;
	on_day date;
	r record;
	n int;
	missing text;
	about text;
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
			p.name as pname, p.birth_date, p.id_number, hm.person_id as in_household
		   from jz.application_categories ac
		   join jz.categories c on c.code = ac.category
		   left join jz.persons p on p.id = coalesce(ac.member_id, a.applicant_id)
		   left join jz.household_members hm on hm.person_id = p.id and hm.household_id = a.household_id
		  where ac.application_id = p_app
	loop
		about := jsonb_strip_nulls(jsonb_build_object('category', r.category,
			'id_number', case when r.member_id is not null then r.id_number end))::text;
		if r.names_member and r.member_id is null then
			raise exception '类别“%”须指明家庭成员', r.cname using errcode = 'JZ002', detail = about;
		end if;
		if not r.names_member and r.member_id is not null then
			raise exception '类别“%”不指明成员', r.cname using errcode = 'JZ002', detail = about;
		end if;
		if r.in_household is null then
			raise exception '类别“%”所指的 % 不是该家庭成员', r.cname, r.pname
				using errcode = 'JZ002', detail = about;
		end if;
		if r.category = 'elderly_alone' then
			n := jz.intake_policy('elderly_age_min', on_day, 60);
			if jz.age_on(r.birth_date, on_day) < n then
				raise exception '孤寡老人申请人 % 未满 % 周岁（现 % 岁）', r.pname, n,
					jz.age_on(r.birth_date, on_day)
					using errcode = 'JZ002', detail = about;
			end if;
			if (select count(*) from jz.household_members where household_id = a.household_id) <> 1 then
				raise exception '孤寡老人须独自居住：家庭只能有申请人一人'
					using errcode = 'JZ002', detail = about;
			end if;
		elsif r.category = 'unemployed' then
			if jz.age_on(r.birth_date, on_day) < jz.intake_policy('working_age_min', on_day, 16)
			   or jz.age_on(r.birth_date, on_day) >= jz.intake_policy('working_age_max', on_day, 60) then
				raise exception '失业人员 % 不在劳动年龄内（% 岁）', r.pname, jz.age_on(r.birth_date, on_day)
					using errcode = 'JZ002', detail = about;
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
