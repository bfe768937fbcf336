-- 0071 sample volunteers and home-visit recipients for the private sample
-- database (issue 6). Defined here, called once by db/sample/sample.sql; does
-- nothing when 幸福里社区 is missing or already has volunteers.
--
-- 40 volunteers in 幸福里 covering buildings 1-7 with three windows a week
-- each; one more (the 40th) is the only one for building 8 and is free one
-- morning a week; nobody covers building 9. Twelve recipients (elderly
-- alone or disabled, living alone) with active plans of 3 visits a week:
-- ten in buildings 1-7 (fully coverable), one in building 8 (one visit
-- only) and one in building 9 (none). Last week's visits are logged done.

-- A valid GB 11643 number for a region, birth date and sequence (0..999).
create function jz.sample_idnum(p_region text, p_birth date, p_seq int) returns text
language sql immutable
set search_path = pg_catalog, jz
as $$
	with b as (select p_region || to_char(p_birth, 'YYYYMMDD') || lpad(p_seq::text, 3, '0') as s)
	select s || substr('10X98765432',
		(select sum(substr(s, i, 1)::int * (array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i])
		   from generate_series(1, 17) i)::int % 11 + 1, 1)
	  from b
$$;

create function jz.sample_volunteers() returns void
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	cid int;
	surn text[] := array['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林','何','郭','马','罗'];
	given text[] := array['丽娟','建华','海燕','志强','晓梅','文静','国庆','春花','明','雪','伟','芳'];
	rnames text[] := array['王秀英','李桂兰','张淑珍','刘玉兰','陈秀兰','杨桂英','赵凤英','黄建国',
			       '周丽华','吴国强','徐德明','孙玉珍'];
	i int;
	d int;
	pid bigint;
	vid bigint;
	hid bigint;
	aid bigint;
	plid bigint;
	bld int;
	birth date;
	lastwk date := jz.week_of(now()) - 7;
	rec bigint[] := '{}';
begin
	select id into cid from jz.communities where code = '110105001001';
	if cid is null or exists (select 1 from jz.volunteers where community_id = cid) then
		return;
	end if;
	for i in 1..40 loop
		birth := date '1962-03-01' + (i * 211) % 11000;
		insert into jz.persons (community_id, id_number, name, sex, birth_date)
		values (cid, jz.sample_idnum('110108', birth, 500 + i),
			surn[1 + (i - 1) % 20] || given[1 + (i * 7) % 12],
			case when (500 + i) % 2 = 1 then 'M' else 'F' end, birth)
		returning id into pid;
		if i < 40 then
			insert into jz.volunteers (community_id, person_id, phone, areas, skills, max_minutes_week)
			values (cid, pid, '1391000' || lpad(i::text, 4, '0'),
				array['幸福里' || (1 + i % 7) || '号楼', '幸福里' || (1 + (i + 3) % 7) || '号楼'],
				case i % 3 when 0 then array['shopping', 'company']
					   when 1 then array['housework', 'company']
					   else array['company', 'personal_care'] end,
				480 + (i % 4) * 60)
			returning id into vid;
			insert into jz.volunteer_availability (volunteer_id, community_id, weekday, start_min, end_min) values
				(vid, cid, i % 7, 540, 720),
				(vid, cid, (i + 2) % 7, 840, 1020),
				(vid, cid, (i + 4) % 7, 540, 660);
		else
			insert into jz.volunteers (community_id, person_id, phone, areas, skills, max_minutes_week)
			values (cid, pid, '13910000040', array['幸福里8号楼'], array['company'], 240)
			returning id into vid;
			insert into jz.volunteer_availability (volunteer_id, community_id, weekday, start_min, end_min)
			values (vid, cid, 2, 540, 660);
		end if;
		insert into jz.volunteer_training (volunteer_id, community_id, session_date, topic)
		values (vid, cid, date '2026-03-14', '居家养老服务基础'),
		       (vid, cid, date '2026-09-12', '残疾人照护与沟通');
	end loop;

	perform set_config('jz.wf_move', 'on', true);
	for i in 1..12 loop
		bld := case when i <= 10 then 1 + (i - 1) % 7 when i = 11 then 8 else 9 end;
		birth := date '1938-05-01' + (i * 397) % 6000;
		insert into jz.persons (community_id, id_number, name, sex, birth_date)
		values (cid, jz.sample_idnum('110108', birth, 700 + i), rnames[i],
			case when (700 + i) % 2 = 1 then 'M' else 'F' end, birth)
		returning id into pid;
		insert into jz.households (community_id, hukou_address, address, hukou_type)
		values (cid, '北京市朝阳区和平街道幸福里' || bld || '号楼', '幸福里' || bld || '号楼' || (1 + i % 3) || '单元' || (100 + i),
			null)
		returning id into hid;
		insert into jz.household_members (household_id, person_id, community_id, relationship,
						  disability_category, disability_grade)
		values (hid, pid, cid, 'self',
			case when i % 2 = 0 then 4 end, case when i % 2 = 0 then 2 end);
		insert into jz.applications (community_id, household_id, applicant_id, state, reason)
		values (cid, hid, pid, 'returned', '独居，需要上门服务')
		returning id into aid;
		if i % 2 = 0 then
			insert into jz.application_categories (application_id, category, member_id, community_id)
			values (aid, 'disabled', pid, cid);
		else
			insert into jz.application_categories (application_id, category, member_id, community_id)
			values (aid, 'elderly_alone', null, cid);
		end if;
		update jz.applications set state = 'active' where id = aid;
		insert into jz.plans (application_id, community_id, household_id, state, start_date, end_date)
		values (aid, cid, hid, 'proposed', jz.week_of(now()) - 28, jz.week_of(now()) + 365)
		returning id into plid;
		insert into jz.plan_items (plan_id, community_id, person_id, kind, visits_per_week)
		values (plid, cid, pid, 'home_visits', 3);
		update jz.plans set state = 'active', submitted_at = now(), decided_at = now(),
			approved_by = 'supervisor', activated_at = now() where id = plid;
		rec := rec || pid;
	end loop;
	perform set_config('jz.wf_move', '', true);

	-- last week, logged as done: three visits each for the first ten
	for i in 1..10 loop
		foreach d in array array[0, 2, 4] loop
			insert into jz.visits (recipient_id, volunteer_id, slot, purpose, status, actual_minutes)
			select rec[i], v.id,
			       tstzrange(jz.office_at(lastwk + d, 540 + 60 * i), jz.office_at(lastwk + d, 600 + 60 * i)),
			       'company', 'done', 60
			  from jz.volunteers v
			 where v.community_id = cid
			 order by v.id offset (i * 3 + d) % 39 limit 1;
		end loop;
	end loop;
end $$;
revoke all on function jz.sample_volunteers(), jz.sample_idnum(text, date, int) from public;
