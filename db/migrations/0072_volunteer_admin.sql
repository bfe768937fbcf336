-- 0072 adding and editing volunteers (issue 6 item 1).
--
-- A volunteer is a person record (found by ID number, or created from it:
-- sex and birth date come from the number) with the volunteer row, the
-- weekly availability windows and the training sessions, saved together by
-- jz.volunteer_save in one statement (the caller's rights: RLS scopes it).
-- Availability windows of one volunteer may not overlap on a day: the
-- exclusion constraint keeps plain SQL to it too.
--
-- SQLSTATEs (class JZ):
--   JZ033  two availability windows of the volunteer overlap
--   JZ034  the volunteer was changed by someone else meanwhile (version)
--   42501  a community that is not the staff member's

alter table jz.volunteer_availability add constraint volunteer_availability_no_overlap
	exclude using gist (volunteer_id with =, weekday with =, int4range(start_min, end_min) with &&);

-- The person holding an ID number, in any community (a volunteer may live
-- elsewhere), and the volunteer record already made of them, if any.
create function jz.volunteer_person_find(p_id_number text)
returns table (person_id bigint, name text, phone text, volunteer_id bigint)
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	select p.id, p.name, coalesce(p.phone, ''), v.id
	  from jz.persons p left join jz.volunteers v on v.person_id = p.id
	 where p.id_number = upper(btrim(p_id_number))
	   and (pg_has_role(session_user, 'jz_caseworker', 'member')
		or pg_has_role(session_user, 'jz_supervisor', 'member'))
$$;

-- A new person record for a volunteer, in one of the caller's communities.
-- The id_check_ok and birth/sex checks of jz.persons apply.
create function jz.volunteer_person_create(p_community int, p_id_number text, p_name text, p_phone text)
returns bigint
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	idn text := upper(btrim(p_id_number));
	pid bigint;
begin
	if not (pg_has_role(session_user, 'jz_caseworker', 'member')
		or pg_has_role(session_user, 'jz_supervisor', 'member'))
	   or p_community is null or p_community not in (select jz.my_community_ids()) then
		raise exception '只能在您负责的社区登记志愿者' using errcode = '42501';
	end if;
	if not jz.id_check_ok(idn) then
		raise exception '身份证号码无效' using errcode = '23514';
	end if;
	insert into jz.persons (community_id, id_number, name, sex, birth_date, phone)
	values (p_community, idn, btrim(p_name),
		case when substr(idn, 17, 1)::int % 2 = 1 then 'M' else 'F' end,
		to_date(substr(idn, 7, 8), 'YYYYMMDD'), nullif(p_phone, ''))
	returning id into pid;
	return pid;
end $$;

-- Insert (p_id null or 0) or update (p_version must match) a volunteer with
-- its windows (p_days[i] 0 = Monday, minutes [p_starts[i], p_ends[i])) and
-- training sessions; returns the volunteer's id.
create function jz.volunteer_save(p_id bigint, p_version int, p_person bigint, p_community int,
	p_phone text, p_areas text[], p_skills text[], p_max_minutes int, p_active boolean,
	p_days int[], p_starts int[], p_ends int[], p_train_dates date[], p_train_topics text[])
returns bigint
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	vid bigint := nullif(p_id, 0);
	bad record;
begin
	select a.d, a.s, a.e, b.s as s2, b.e as e2 into bad
	  from unnest(p_days, p_starts, p_ends) with ordinality a(d, s, e, i)
	  join unnest(p_days, p_starts, p_ends) with ordinality b(d, s, e, i)
	    on a.d = b.d and a.i < b.i and int4range(a.s, a.e) && int4range(b.s, b.e)
	 limit 1;
	if found then
		raise exception '可服务时间重叠：周%的 %-% 与 %-%',
			substr('一二三四五六日', bad.d + 1, 1),
			to_char(make_time(bad.s / 60, bad.s % 60, 0), 'HH24:MI'),
			to_char(make_time(bad.e / 60 % 24, bad.e % 60, 0), 'HH24:MI'),
			to_char(make_time(bad.s2 / 60, bad.s2 % 60, 0), 'HH24:MI'),
			to_char(make_time(bad.e2 / 60 % 24, bad.e2 % 60, 0), 'HH24:MI')
			using errcode = 'JZ033';
	end if;
	if vid is null then
		insert into jz.volunteers (community_id, person_id, phone, areas, skills, max_minutes_week, active)
		values (p_community, p_person, nullif(p_phone, ''), coalesce(p_areas, '{}'),
			coalesce(p_skills, '{}'), p_max_minutes, coalesce(p_active, true))
		returning id into vid;
	else
		update jz.volunteers
		   set community_id = p_community, phone = nullif(p_phone, ''), areas = coalesce(p_areas, '{}'),
		       skills = coalesce(p_skills, '{}'), max_minutes_week = p_max_minutes,
		       active = coalesce(p_active, true)
		 where id = vid and version = p_version;
		if not found then
			raise exception '此志愿者的记录已被他人修改，请重新打开后再改' using errcode = 'JZ034';
		end if;
	end if;
	delete from jz.volunteer_availability where volunteer_id = vid;
	insert into jz.volunteer_availability (volunteer_id, community_id, weekday, start_min, end_min)
	select vid, p_community, d, s, e from unnest(p_days, p_starts, p_ends) u(d, s, e);
	delete from jz.volunteer_training where volunteer_id = vid;
	insert into jz.volunteer_training (volunteer_id, community_id, session_date, topic)
	select distinct vid, p_community, d, btrim(t)
	  from unnest(p_train_dates, p_train_topics) u(d, t) where d is not null;
	return vid;
end $$;

revoke all on function jz.volunteer_person_find(text), jz.volunteer_person_create(int, text, text, text),
	jz.volunteer_save(bigint, int, bigint, int, text, text[], text[], int, boolean, int[], int[], int[],
			  date[], text[]) from public;
grant execute on function jz.volunteer_person_find(text), jz.volunteer_person_create(int, text, text, text),
	jz.volunteer_save(bigint, int, bigint, int, text, text[], text[], int, boolean, int[], int[], int[],
			  date[], text[]) to jz_caseworker, jz_supervisor;
