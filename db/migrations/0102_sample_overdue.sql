-- 0102 overdue cases for the sample (the supervisor's "overdue" queue had
-- nothing real to show: every 'submitted' application of 0092 got its clock
-- from the day the sample was loaded, so all fell due within days).
-- db/sample/sample.sql calls jz.sample_overdue() once; it adds to each
-- sample community four households whose applications are open in state
-- 'submitted' (the only state whose clock runs, 0022/0032), complete with
-- every required proof (low-income by certificate or by every member's
-- income declaration, elderly alone, disabled, unemployed), submitted so
-- long ago that their notify-by date passed 1 to 20 working days before
-- today. The clock is the seed rule's: notify_by = the day of submission +
-- notify_working_days (policy) working days, the day itself not counted.
--
-- The proofs are the rows of jz.required_proof for the category, one
-- alternative chosen where the rules offer several; jz.application_check
-- then judges each application once, as 0092 does: the deferred rule
-- triggers would run the rule engine once per row inserted (seven seconds
-- for these eight applications), so they are off while the rows go in, in
-- this transaction only.
--
-- Deterministic: fixed people, ID numbers of region 110102 (no other sample
-- generator uses it), dates counted back from today. Runs as the owner (the
-- sample loader): the clock, which the insert trigger starts from today, is
-- set back with the workflow guard's flag, as 0092 and 0071 pass it.

-- jit off: the rule engine's SQL functions are estimated dear enough to be
-- JIT-compiled on every call (about 150 ms each, 20 ms without).
create function jz.sample_overdue() returns void
language plpgsql
set search_path = pg_catalog, jz
set jit = off
as $$
declare
	hh record;
	m record;
	cid int;
	hid bigint;
	pid bigint;
	aid bigint;
	member_pid bigint;
	nb date;
	s date;
	n int;
	days int;
	adult int := jz.intake_policy('adult_age_min', current_date, 18);
	clock record;
	apps bigint[] := '{}';
begin
	if (select count(*) from jz.communities where code in ('110105001001', '110105001002')) <> 2 then
		return;
	end if;
	if exists (select 1 from jz.households where census_no like 'YQ-%') then
		return;   -- already added
	end if;
	perform set_config('jz.wf_move', 'on', true);
	set constraints all immediate;
	alter table jz.household_members disable trigger household_members_rules;
	alter table jz.applications disable trigger applications_rules;
	alter table jz.application_categories disable trigger application_categories_rules;
	alter table jz.proofs disable trigger proofs_rules;

	-- hh: household number, community, working days overdue (at least),
	-- category, the member it names (ord), the document chosen where the
	-- rules offer alternatives, address. Oldest first, so the numbers
	-- follow the days of submission.
	for hh in select * from (values
		(1, '110105001001', 1,  'low_income',    null::int, 'low_income_cert',    '幸福里3号楼2单元301'),
		(2, '110105001001', 4,  'elderly_alone', null,      null,                 '幸福里5号楼1单元102'),
		(3, '110105001001', 9,  'disabled',      1,         null,                 '幸福里6号楼3单元402'),
		(4, '110105001001', 17, 'unemployed',    1,         'employment_reg',     '幸福里2号楼1单元201'),
		(5, '110105001002', 2,  'low_income',    null,      'income_decl',        '建设路12号2单元503'),
		(6, '110105001002', 6,  'elderly_alone', null,      null,                 '光明巷7号1单元101'),
		(7, '110105001002', 12, 'disabled',      3,         null,                 '育才街21号4单元302'),
		(8, '110105001002', 20, 'unemployed',    2,         'unemployment_proof', '团结路3号2单元601'))
		as v(n, code, overdue, category, member_ord, alt, address)
		order by overdue desc
	loop
		select id into cid from jz.communities where code = hh.code;

		-- the notify-by date: the latest working day at least hh.overdue
		-- working days ago; submitted that many working days before it
		nb := current_date - 1;
		while not jz.is_working_day(nb) or jz.days_left(nb) > -hh.overdue loop
			nb := nb - 1;
		end loop;
		s := nb;
		n := 0;
		days := jz.intake_policy('notify_working_days', nb, 5);
		while n < days loop
			s := s - 1;
			if jz.is_working_day(s) then
				n := n + 1;
			end if;
		end loop;
		select w.due, w.certain into clock from jz.add_working_days(s, days) w;

		insert into jz.households (community_id, census_no, address, hukou_address, hukou_type)
		values (cid, 'YQ-' || hh.n, '北京市朝阳区和平街道' || hh.address,
			'北京市朝阳区和平街道' || hh.address, 'urban')
		returning id into hid;
		member_pid := null;
		aid := null;
		-- ord 1 is the applicant; the ID's sequence digit 17 says the sex
		for m in select * from (values
			(1, 1, 'self',   '赵德胜', date '1972-04-16', 'M', 'employed',       null::int, null::int),
			(1, 2, 'spouse', '钱美兰', date '1975-09-03', 'F', 'flexible',       null,      null),
			(1, 3, 'child',  '赵小雨', date '2012-06-20', 'F', 'student',        null,      null),
			(2, 1, 'self',   '孙桂芝', date '1946-02-11', 'F', 'retired',        null,      null),
			(3, 1, 'self',   '周建军', date '1980-11-05', 'M', 'unemployed_unreg', 4,       2),
			(3, 2, 'spouse', '郑丽华', date '1982-03-27', 'F', 'employed',       null,      null),
			(4, 1, 'self',   '吴海涛', date '1988-07-22', 'M', 'unemployed_reg', null,      null),
			(4, 2, 'spouse', '冯晓燕', date '1990-01-14', 'F', 'employed',       null,      null),
			(5, 1, 'self',   '陈玉兰', date '1968-12-02', 'F', 'flexible',       null,      null),
			(5, 2, 'child',  '陈浩然', date '2009-05-18', 'M', 'student',        null,      null),
			(6, 1, 'self',   '褚福生', date '1941-08-30', 'M', 'retired',        null,      null),
			(7, 1, 'self',   '卫国强', date '1976-10-09', 'M', 'employed',       null,      null),
			(7, 2, 'spouse', '蒋秀梅', date '1978-04-21', 'F', 'flexible',       null,      null),
			(7, 3, 'child',  '卫晨阳', date '2005-02-13', 'M', 'unemployed_unreg', 5,       3),
			(8, 1, 'self',   '沈桂英', date '1958-06-06', 'F', 'retired',        null,      null),
			(8, 2, 'child',  '韩志明', date '1992-09-25', 'M', 'unemployed_reg', null,      null))
			as v(hh, ord, rel, name, birth, sex, employment, dis_cat, dis_grade)
			where v.hh = hh.n order by ord
		loop
			insert into jz.persons (community_id, id_number, name, sex, birth_date, phone)
			values (cid, jz.sample_idnum('110102', m.birth,
					800 + 10 * hh.n + 2 * m.ord + (m.sex = 'M')::int),
				m.name, m.sex, m.birth,
				case when m.ord = 1 then '1381000' || lpad((hh.n * 1013)::text, 4, '0') end)
			returning id into pid;
			insert into jz.household_members (household_id, person_id, community_id, relationship,
				employment, disability_category, disability_grade)
			values (hid, pid, cid, m.rel, m.employment, m.dis_cat, m.dis_grade);
			if m.ord = hh.member_ord then
				member_pid := pid;
			end if;
			if m.ord = 1 then
				insert into jz.applications (community_id, household_id, applicant_id, state, submitted_at)
				values (cid, hid, pid, 'submitted',
					(s + time '09:00' + hh.n * interval '23 minutes') at time zone 'Asia/Shanghai')
				returning id into aid;
			end if;
		end loop;
		insert into jz.application_categories (application_id, category, member_id, community_id)
		values (aid, hh.category, member_pid, cid);

		-- the proofs the receptionist saw: what the rule rows ask for, by scope
		insert into jz.proofs (application_id, community_id, doc_kind, person_id, seen, number,
			issuer, valid_until, checked_by, checked_at)
		select aid, cid, r.doc_kind, p.id, true,
		       case r.doc_kind
			    when 'id_card' then p.id_number
			    when 'disability_cert' then p.id_number::text || hm.disability_category::text
							|| hm.disability_grade::text
			    when 'employment_reg' then '1101020' || lpad((hh.n * 4271)::text, 9, '0')
			    when 'unemployment_proof' then '朝人社失字第' || (2026000 + hh.n) || '号'
		       end,
		       case r.doc_kind
			    when 'id_card' then '北京市公安局西城分局'
			    when 'hukou' then '北京市公安局朝阳分局'
			    when 'low_income_cert' then '和平街道办事处'
			    when 'income_decl' then '本人申报'
			    when 'disability_cert' then '北京市朝阳区残疾人联合会'
			    when 'employment_reg' then '北京市朝阳区人力资源和社会保障局'
			    when 'unemployment_proof' then '北京市朝阳区人力资源和社会保障局'
			    else (select c.name from jz.communities c where c.id = cid) || '居委会'
		       end,
		       case when r.doc_kind = 'low_income_cert' then s + 365 end,
		       'reception', (s + time '09:30') at time zone 'Asia/Shanghai'
		  from jz.required_proof r
		  cross join lateral (
			select null::bigint as person_id where r.scope = 'household'
			union all
			select a.applicant_id from jz.applications a where a.id = aid and r.scope = 'applicant'
			union all
			select member_pid where r.scope = 'member'
			union all
			select x.person_id from jz.household_members x join jz.persons xp on xp.id = x.person_id
			 where x.household_id = hid
			   and (r.scope = 'each_member'
				or (r.scope = 'each_adult' and jz.age_on(xp.birth_date, current_date) >= adult))) w
		  left join jz.persons p on p.id = w.person_id
		  left join jz.household_members hm on hm.person_id = p.id
		 where r.category in ('*', hh.category)
		   and (r.alt_group is null or r.doc_kind = hh.alt);

		-- the clock as it ran from the day of submission
		update jz.applications set notify_by = clock.due, notify_by_certain = clock.certain
		 where id = aid;
		apps := apps || aid;
	end loop;
	perform set_config('jz.wf_move', '', true);

	-- every rule, once for each application (JZ002/JZ003 if one broke)
	perform jz.application_check(a) from unnest(apps) a;
	alter table jz.household_members enable trigger household_members_rules;
	alter table jz.applications enable trigger applications_rules;
	alter table jz.application_categories enable trigger application_categories_rules;
	alter table jz.proofs enable trigger proofs_rules;
	set constraints all deferred;
end $$;
revoke all on function jz.sample_overdue() from public;
