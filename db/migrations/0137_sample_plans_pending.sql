-- 0137 plans waiting for the supervisor in the sample (审批 was empty: no
-- sample application had a completed assessment, so no plan had been
-- proposed, let alone submitted). db/sample/sample.sql calls
-- jz.sample_plans_pending() once; it adds to each sample community two
-- households whose application went the way the office takes it:
-- submitted complete (every required proof, as 0102) -> accepted by
-- reception -> assessing, taken by the caseworker -> the home assessment
-- answered (every item the categories require, the team of three) and
-- completed -> assessed; then the plan proposed on the day the assessment
-- was completed, its items at the policy rows in force on its start date
-- (cash, counselling, home visits, training, as jz.plan_propose gives them
-- for the categories), and submitted: proposed, submitted_at set, waiting
-- for jz.plan_decide().
--
-- Each move is checked as jz.transition checks it: the row of
-- jz.transitions exists, the actor's group role is one of its roles, its
-- precondition holds (no_missing_proofs, assessment_complete); then
-- jz.wf_move makes it and the event is dated back and given to the staff
-- member who made it. The loader is no staff member, so jz.transition
-- itself (session_user's role) cannot be called. The intake rule triggers
-- are off while the rows go in and jz.application_check judges each
-- application once, as 0102 does.
--
-- Deterministic: fixed people, ID numbers of region 110114 (no other sample
-- generator uses it: 0071 110108, 0092 110105, 0102 110102), dates counted
-- back in working days from today, so each plan has waited 1 to 4 working
-- days. Households are numbered DP-1..DP-4; their presence is the guard.

-- The working day p_n working days before p_day (p_day not counted).
create function jz.sample_working_day_back(p_day date, p_n int) returns date
language sql stable
set search_path = pg_catalog, jz
as $$
	select d::date
	  from generate_series(p_day - 1, p_day - 10 * greatest(p_n, 1) - 10, interval '-1 day') d
	 where jz.is_working_day(d::date)
	 order by d desc
	offset greatest(p_n, 1) - 1 limit 1
$$;

-- One move of the state machine on the sample's behalf, checked as
-- jz.transition checks it, the event dated p_at and made by p_actor.
create function jz.sample_move(p_app bigint, p_to text, p_actor text, p_at timestamptz, p_assignee text)
returns int
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	was text;
	t jz.transitions;
	v int;
begin
	select state into was from jz.applications where id = p_app;
	select * into t from jz.transitions where from_state = was and to_state = p_to;
	if not found then
		raise exception 'sample: % -> % is not in jz.transitions', was, p_to using errcode = 'JZ010';
	end if;
	if not exists (select 1 from unnest(t.roles) r where pg_has_role(p_actor, r, 'MEMBER')) then
		raise exception 'sample: % may not make % -> %', p_actor, was, p_to using errcode = 'JZ011';
	end if;
	if t.precondition is not null and not jz.precondition_ok(t.precondition, p_app) then
		raise exception 'sample: application % fails % for % -> %', p_app, t.precondition, was, p_to
			using errcode = 'JZ013';
	end if;
	v := jz.wf_move(p_app, p_to, null, p_assignee);
	update jz.application_events set actor = p_actor, at = p_at
	 where id = (select max(e.id) from jz.application_events e where e.application_id = p_app);
	return v;
end $$;

create function jz.sample_plans_pending() returns void
language plpgsql
set search_path = pg_catalog, jz
set jit = off
as $$
declare
	hh record;
	m record;
	c record;
	cid int;
	hid bigint;
	pid bigint;
	aid bigint;
	sid bigint;
	pl bigint;
	members bigint[];
	d_plan date;       -- assessment completed, plan proposed and submitted
	d_visit date;      -- the home visit
	d_take date;       -- the caseworker takes the case into assessment
	d_accept date;     -- reception accepts it
	d_sub date;        -- submitted
	clock record;
	adult int := jz.intake_policy('adult_age_min', current_date, 18);
	apps bigint[] := '{}';
	at_day constant time := time '09:00';
begin
	if (select count(*) from jz.communities where code in ('110105001001', '110105001002')) <> 2 then
		return;
	end if;
	if exists (select 1 from jz.households where census_no like 'DP-%') then
		return;   -- already added
	end if;
	if (select count(*) from jz.staff where login in ('reception', 'caseworker')) <> 2 then
		return;   -- the demo accounts make the moves
	end if;
	set constraints all immediate;
	alter table jz.household_members disable trigger household_members_rules;
	alter table jz.applications disable trigger applications_rules;
	alter table jz.application_categories disable trigger application_categories_rules;
	alter table jz.proofs disable trigger proofs_rules;

	-- hh: household, community, working days the plan has waited, address,
	-- the reason given on the form
	for hh in select * from (values
		(1, '110105001001', 1, '幸福里4号楼2单元502', '爱人灵活就业收入不稳定，妻子失业在家，孩子上学开支大'),
		(2, '110105001001', 3, '幸福里1号楼3单元101', '独居，仅有少量遗属补助，腿脚不便'),
		(3, '110105001002', 2, '育才街9号3单元201',   '家庭收入低于标准，妻子登记失业希望参加培训'),
		(4, '110105001002', 4, '团结路15号1单元102',  '儿子肢体残疾无法工作，母子二人靠退休金生活'))
		as v(n, code, waited, address, reason)
	loop
		select id into cid from jz.communities where code = hh.code;
		d_plan := jz.sample_working_day_back(current_date, hh.waited);
		d_visit := jz.sample_working_day_back(d_plan, 1);
		d_take := jz.sample_working_day_back(d_visit, 2);
		d_accept := jz.sample_working_day_back(d_take, 1);
		d_sub := jz.sample_working_day_back(d_accept, 2);
		select w.due, w.certain into clock
		  from jz.add_working_days(d_sub, jz.intake_policy('notify_working_days', d_sub, 5)) w;

		insert into jz.households (community_id, census_no, address, hukou_address, hukou_type)
		values (cid, 'DP-' || hh.n, '北京市朝阳区和平街道' || hh.address,
			'北京市朝阳区和平街道' || hh.address, 'urban')
		returning id into hid;
		members := '{}';
		-- ord 1 is the applicant; the ID's sequence digit 17 says the sex
		for m in select * from (values
			(1, 1, 'self',   '马建平', date '1979-03-14', 'M', 'flexible',         null::int, null::int),
			(1, 2, 'spouse', '田秀珍', date '1981-07-08', 'F', 'unemployed_unreg', null,      null),
			(1, 3, 'child',  '马思琪', date '2014-10-02', 'F', 'student',          null,      null),
			(2, 1, 'self',   '葛玉珍', date '1944-05-19', 'F', 'retired',          null,      null),
			(3, 1, 'self',   '邓国栋', date '1977-12-01', 'M', 'flexible',         null,      null),
			(3, 2, 'spouse', '彭丽娟', date '1985-02-23', 'F', 'unemployed_reg',   null,      null),
			(3, 3, 'child',  '邓子轩', date '2011-09-15', 'M', 'student',          null,      null),
			(4, 1, 'self',   '曹淑华', date '1962-04-30', 'F', 'retired',          null,      null),
			(4, 2, 'child',  '曹磊',   date '1990-08-11', 'M', 'unemployed_unreg', 4,         2))
			as v(hh, ord, rel, name, birth, sex, employment, dis_cat, dis_grade)
			where v.hh = hh.n order by ord
		loop
			insert into jz.persons (community_id, id_number, name, sex, birth_date, phone)
			values (cid, jz.sample_idnum('110114', m.birth,
					600 + 10 * hh.n + 2 * m.ord + (m.sex = 'M')::int),
				m.name, m.sex, m.birth,
				case when m.ord = 1 then '1362200' || lpad((hh.n * 2027)::text, 4, '0') end)
			returning id into pid;
			insert into jz.household_members (household_id, person_id, community_id, relationship,
				employment, disability_category, disability_grade)
			values (hid, pid, cid, m.rel, m.employment, m.dis_cat, m.dis_grade);
			members := members || pid;
			if m.ord = 1 then
				insert into jz.applications (community_id, household_id, applicant_id, state, reason,
					submitted_at)
				values (cid, hid, pid, 'submitted', hh.reason,
					(d_sub + at_day + hh.n * interval '17 minutes') at time zone 'Asia/Shanghai')
				returning id into aid;
			end if;
		end loop;

		-- categories: the member each names (ord), the document chosen where
		-- the rules offer alternatives
		for c in select * from (values
			(1, 'low_income',    null::int, 'low_income_cert'),
			(2, 'low_income',    null,      'income_decl'),
			(2, 'elderly_alone', null,      null),
			(3, 'low_income',    null,      'low_income_cert'),
			(3, 'unemployed',    2,         'employment_reg'),
			(4, 'low_income',    null,      'income_decl'),
			(4, 'disabled',      2,         null))
			as v(hh, category, member_ord, alt)
			where v.hh = hh.n
		loop
			insert into jz.application_categories (application_id, category, member_id, community_id)
			values (aid, c.category, members[c.member_ord], cid);
		end loop;

		-- the proofs the receptionist saw: what the rule rows ask for, by
		-- scope, for every application ('*') and each of its categories
		insert into jz.proofs (application_id, community_id, doc_kind, person_id, seen, number,
			issuer, valid_until, checked_by, checked_at)
		select distinct on (r.doc_kind, p.id) aid, cid, r.doc_kind, p.id, true,
		       case r.doc_kind
			    when 'id_card' then p.id_number
			    when 'disability_cert' then p.id_number::text || hm.disability_category::text
							|| hm.disability_grade::text
			    when 'employment_reg' then '1101140' || lpad((hh.n * 3517)::text, 9, '0')
		       end,
		       case r.doc_kind
			    when 'id_card' then '北京市公安局昌平分局'
			    when 'hukou' then '北京市公安局朝阳分局'
			    when 'low_income_cert' then '和平街道办事处'
			    when 'income_decl' then '本人申报'
			    when 'disability_cert' then '北京市朝阳区残疾人联合会'
			    when 'employment_reg' then '北京市朝阳区人力资源和社会保障局'
			    else (select x.name from jz.communities x where x.id = cid) || '居委会'
		       end,
		       case when r.doc_kind = 'low_income_cert' then d_sub + 365 end,
		       'reception', (d_sub + time '09:40') at time zone 'Asia/Shanghai'
		  from jz.application_categories ac
		  join jz.required_proof r on r.category in ('*', ac.category)
		  cross join lateral (
			select null::bigint as person_id where r.scope = 'household'
			union all
			select a.applicant_id from jz.applications a where a.id = aid and r.scope = 'applicant'
			union all
			select ac.member_id where r.scope = 'member'
			union all
			select x.person_id from jz.household_members x join jz.persons xp on xp.id = x.person_id
			 where x.household_id = hid
			   and (r.scope = 'each_member'
				or (r.scope = 'each_adult' and jz.age_on(xp.birth_date, current_date) >= adult))) w
		  left join jz.persons p on p.id = w.person_id
		  left join jz.household_members hm on hm.person_id = p.id
		 where ac.application_id = aid
		   and (r.alt_group is null
			or r.doc_kind = (select c2.alt from (values
				(1, 'low_income', 'low_income_cert'), (2, 'low_income', 'income_decl'),
				(3, 'low_income', 'low_income_cert'), (3, 'unemployed', 'employment_reg'),
				(4, 'low_income', 'income_decl')) c2(hh, category, alt)
				where c2.hh = hh.n and c2.category = ac.category))
		 order by r.doc_kind, p.id;

		-- the clock as it ran from the day of submission
		perform set_config('jz.wf_move', 'on', true);
		update jz.applications set notify_by = clock.due, notify_by_certain = clock.certain
		 where id = aid;
		perform set_config('jz.wf_move', '', true);
		-- complete as submitted (JZ002/JZ003 if a rule broke)
		perform jz.application_check(aid);

		perform jz.sample_move(aid, 'accepted', 'reception',
			(d_accept + time '10:15') at time zone 'Asia/Shanghai', null);
		perform jz.sample_move(aid, 'assessing', 'caseworker',
			(d_take + time '09:20') at time zone 'Asia/Shanghai', 'caseworker');

		-- the home assessment: every item the categories require
		insert into jz.assessments (application_id, community_id, created_at)
		values (aid, cid, (d_visit + time '09:30') at time zone 'Asia/Shanghai')
		returning id into sid;
		insert into jz.assessment_answers (assessment_id, community_id, item, value)
		select sid, cid, x.item, x.value
		  from (values
			(0, 'visit.date', to_char(d_visit, 'YYYY-MM-DD')),
			(0, 'visit.time', '09:30'),
			(0, 'visit.place', '申请人家中（' || hh.address || '）'),
			(0, 'team.community_staff', '李娜'),
			(0, 'team.social_worker', '王芳'),
			(0, 'team.volunteer', case when hh.code = '110105001001' then '赵春花' else '孙志强' end),
			(0, 'living.housing_state', 'fair'),
			(0, 'living.heating', 'central'),
			(0, 'living.water', 'tap'),
			(0, 'economy.income', 'match'),
			(0, 'economy.assets', 'match'),
			(0, 'psych.interest', '1'),
			(1, 'living.housing_type', 'public_rent'),
			(1, 'psych.mood', '2'),
			(1, 'psych.referral', 'yes'),
			(1, 'findings.text', '一家三口，丈夫打零工，月收入不固定，妻子失业在家；孩子读小学，家中整洁，申报收入与实际相符。'),
			(1, 'recommend.low_income', 'eligible'),
			(1, 'recommend.low_income_reason', '家庭人均收入低于本市低收入标准，低收入证明有效。'),
			(2, 'living.housing_type', 'own'),
			(2, 'living.hazards', '卫生间无扶手，冬季地面湿滑'),
			(2, 'psych.mood', '1'),
			(2, 'psych.referral', 'no'),
			(2, 'selfcare.feeding', '10'), (2, 'selfcare.bathing', '5'), (2, 'selfcare.grooming', '5'),
			(2, 'selfcare.dressing', '10'), (2, 'selfcare.bowels', '10'), (2, 'selfcare.bladder', '10'),
			(2, 'selfcare.toilet', '10'), (2, 'selfcare.transfers', '15'), (2, 'selfcare.mobility', '10'),
			(2, 'selfcare.stairs', '5'),
			(2, 'findings.text', '老人独居，无子女及其他法定赡养人，日常生活基本自理，上下楼吃力，需定期上门探访。'),
			(2, 'recommend.low_income', 'eligible'),
			(2, 'recommend.low_income_reason', '个人收入低于本市低收入标准，收入申报属实。'),
			(2, 'recommend.elderly_alone', 'eligible'),
			(2, 'recommend.elderly_alone_reason', '年满六十周岁，独自居住，无法定赡养人。'),
			(3, 'living.housing_type', 'private_rent'),
			(3, 'psych.mood', '1'),
			(3, 'psych.referral', 'no'),
			(3, 'employment.skills', '曾在超市做收银员五年，会使用电脑办公软件'),
			(3, 'employment.training', 'yes'),
			(3, 'employment.barriers', '孩子放学需要接送，只能做白天的工作'),
			(3, 'findings.text', '租房居住，丈夫送外卖收入不稳定，妻子已登记失业，愿意参加职业技能培训后再就业。'),
			(3, 'recommend.low_income', 'eligible'),
			(3, 'recommend.low_income_reason', '家庭人均收入低于本市低收入标准，低收入证明有效。'),
			(3, 'recommend.unemployed', 'eligible'),
			(3, 'recommend.unemployed_reason', '处于劳动年龄，持有效就业失业登记证，有培训意愿。'),
			(4, 'living.housing_type', 'public_rent'),
			(4, 'living.hazards', '楼道堆放杂物，轮椅进出困难'),
			(4, 'psych.mood', '2'),
			(4, 'psych.referral', 'yes'),
			(4, 'selfcare.feeding', '10'), (4, 'selfcare.bathing', '0'), (4, 'selfcare.grooming', '5'),
			(4, 'selfcare.dressing', '5'), (4, 'selfcare.bowels', '10'), (4, 'selfcare.bladder', '10'),
			(4, 'selfcare.toilet', '5'), (4, 'selfcare.transfers', '10'), (4, 'selfcare.mobility', '5'),
			(4, 'selfcare.stairs', '0'),
			(4, 'findings.text', '母亲已退休，儿子肢体残疾二级，洗澡和上下楼需要他人帮助；母亲照料压力大，情绪低落。'),
			(4, 'recommend.low_income', 'eligible'),
			(4, 'recommend.low_income_reason', '家庭人均收入低于本市低收入标准，收入申报属实。'),
			(4, 'recommend.disabled', 'eligible'),
			(4, 'recommend.disabled_reason', '持有效残疾人证（肢体二级），需要上门服务。'))
			as x(hh, item, value)
		 where x.hh in (0, hh.n);
		-- completing it is refused (JZ013) if an item or a team role is missing
		update jz.assessments set completed_at = (d_plan + time '09:10') at time zone 'Asia/Shanghai',
					  current_item = null
		 where id = sid;
		perform jz.sample_move(aid, 'assessed', 'caseworker',
			(d_plan + time '09:10') at time zone 'Asia/Shanghai', 'caseworker');

		-- the plan, as proposed that day: the policy in force on its start
		-- date (the item trigger prices each item and refuses a deviation
		-- without a reason)
		insert into jz.plans (application_id, community_id, household_id, assessment_id, start_date, end_date,
				      created_by, created_at)
		values (aid, cid, hid, sid, d_plan, (d_plan + interval '1 year' - interval '1 day')::date,
			'caseworker', (d_plan + time '09:15') at time zone 'Asia/Shanghai')
		returning id into pl;
		insert into jz.plan_items (plan_id, community_id, person_id, kind, amount_fen, visits_per_week,
					   sessions_per_month, subsidy_pct)
		select pl, cid, members[i.member_ord], i.kind,
		       case when k.measure = 'amount_fen' then v.value end,
		       case when k.measure = 'visits_per_week' then v.value::int end,
		       case when k.measure = 'sessions_per_month' then v.value::int end,
		       case when k.measure = 'subsidy_pct' then v.value::int end
		  from (values
			(1, 'cash_low_income',    null::int, 10), (1, 'counselling', null, 40),
			(2, 'cash_low_income',    null,      10), (2, 'cash_elderly_extra', 1, 20),
			(2, 'home_visits',        1,         30), (2, 'counselling', null, 40),
			(3, 'cash_low_income',    null,      10), (3, 'counselling', null, 40),
			(3, 'training',           2,         50),
			(4, 'cash_low_income',    null,      10), (4, 'home_visits', 2, 30),
			(4, 'counselling',        null,      40))
			as i(hh, kind, member_ord, sort)
		  join jz.plan_item_kinds k on k.code = i.kind
		  cross join lateral jz.policy_value(k.policy_key, d_plan) v
		 where i.hh = hh.n
		 order by i.sort;
		update jz.plans set submitted_at = (d_plan + time '15:30' + hh.n * interval '7 minutes')
						   at time zone 'Asia/Shanghai'
		 where id = pl;
		apps := apps || aid;
	end loop;

	-- every rule, once more for each application in its final state
	perform jz.application_check(a) from unnest(apps) a;
	alter table jz.household_members enable trigger household_members_rules;
	alter table jz.applications enable trigger applications_rules;
	alter table jz.application_categories enable trigger application_categories_rules;
	alter table jz.proofs enable trigger proofs_rules;
	set constraints all deferred;
end $$;
revoke all on function jz.sample_plans_pending(), jz.sample_move(bigint, text, text, timestamptz, text),
	jz.sample_working_day_back(date, int) from public;
