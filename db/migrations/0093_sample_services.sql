-- 0093 the sample community's year of services (called by
-- jz.sample_history): volunteers and visits (issue 6), payments, counselling,
-- training and feedback (issue 7). Those tables belong to other migrations;
-- each part runs only when its tables exist, as dynamic SQL of constant text.
-- A part that the owning migration's rules refuse is skipped with a WARNING
-- naming it, so that a changed table never stops the first start.

create function jz.sample_services(p_cid int, p_seed int) returns void
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	y0 date := date_trunc('year', current_date)::date;
	m date;
begin
	-- volunteers: 40 residents of this community (jz.sample_volunteers, the
	-- volunteers migration's generator, fills 幸福里 and is called by
	-- sample.sql itself), free 08:00-18:00 every day
	if to_regclass('jz.volunteers') is not null and to_regclass('jz.volunteer_availability') is not null then
		begin
			execute $q$
			with v as (
				insert into jz.volunteers (community_id, person_id, phone, areas, any_area, skills, max_minutes_week, active)
				select $1, p.id, '138' || lpad((p.id * 7 % 100000000)::text, 8, '0'),
				       array['建设路', '和平里', '光明巷', '育才街', '团结路'], true,
				       array['shopping', 'housework', 'company'], 1200, true
				  from jz.persons p join jz.household_members m on m.person_id = p.id
				 where p.community_id = $1 and m.employment in ('employed', 'retired')
				   and not exists (select 1 from jz.volunteers x where x.person_id = p.id)
				 order by p.id limit 40
				returning id
			)
			insert into jz.volunteer_availability (volunteer_id, community_id, weekday, start_min, end_min)
			select v.id, $1, d, 480, 1080 from v, generate_series(0, 6) d$q$ using p_cid;
		exception when others then
			raise warning 'sample: volunteers skipped: %', sqlerrm;
		end;
	end if;

	-- visits: 3 a week (Mon, Wed, Fri) for each home-visit item of an active
	-- or closed plan, done, 150 minutes; each recipient keeps one volunteer
	-- and a time of day of their own, so no volunteer is booked twice
	if to_regclass('jz.visits') is not null and to_regclass('jz.volunteers') is not null then
		begin
			execute $q$
			with r as (
				select i.person_id, min(p.start_date) as s, max(p.end_date) as e,
				       row_number() over (order by i.person_id) - 1 as rk
				  from jz.plan_items i join jz.plans p on p.id = i.plan_id and p.state in ('active', 'closed')
				 where i.kind = 'home_visits' and i.community_id = $1 and i.person_id is not null
				 group by i.person_id
			), v as (
				select id, row_number() over (order by id) - 1 as vk, count(*) over () as nv
				  from jz.volunteers where community_id = $1 and active
			)
			insert into jz.visits (community_id, recipient_id, volunteer_id, slot, purpose, status, actual_minutes)
			select $1, r.person_id, v.id,
			       tstzrange(jz.office_at(g.day::date, 480 + (r.rk / v.nv)::int * 180),
					 jz.office_at(g.day::date, 480 + (r.rk / v.nv)::int * 180 + 150)),
			       'company', 'done', 150
			  from r join v on v.vk = r.rk % v.nv
			  cross join lateral generate_series(greatest(r.s, $2::date), least(r.e, current_date - 1), interval '1 day') g(day)
			 where extract(isodow from g.day) in (1, 3, 5) and r.rk / v.nv < 3$q$ using p_cid, y0;
		exception when others then
			raise warning 'sample: visits skipped: %', sqlerrm;
		end;
	end if;

	-- counselling: 2 activities a month, ~10 participants each, satisfaction 3-5
	if to_regclass('jz.counselling_activities') is not null
	   and to_regclass('jz.counselling_participants') is not null then
		begin
			execute $q$
			with a as (
				insert into jz.counselling_activities (community_id, held_on, counsellor, place, capacity, topic)
				select $1, (m + interval '9 days' + (k * 14) * interval '1 day')::date, '心理咨询师 周敏',
				       '社区活动室', 15, (array['压力与情绪','重返职场','家庭沟通','睡眠与健康'])[1 + (k + extract(month from m)::int) % 4]
				  from generate_series($2::date, current_date - 20, interval '1 month') m, generate_series(0, 1) k
				returning id, held_on
			)
			insert into jz.counselling_participants (activity_id, person_id, community_id, attended, satisfaction)
			select a.id, p.person_id, $1, true, 3 + ((a.id + p.person_id) % 7 > 0)::int + ((a.id * p.person_id) % 3 > 0)::int
			  from a cross join lateral (
				select distinct i.person_id from jz.plan_items i
				 where i.community_id = $1 and i.kind = 'counselling' and i.person_id is not null
				   and jz.plan_member_has(i.person_id, 'counselling', a.held_on)
				 order by i.person_id offset (a.id * 7) % 20 limit 10) p$q$ using p_cid, y0;
		exception when others then
			raise warning 'sample: counselling skipped: %', sqlerrm;
		end;
	end if;

	-- training: classes of the year, the unemployed plan members enrolled
	if to_regclass('jz.training_classes') is not null
	   and to_regclass('jz.training_enrolments') is not null then
		begin
			execute $q$
			with k as (
				insert into jz.training_classes (community_id, course, institution, starts_on, ends_on, fee_fen, capacity, subsidy_pct)
				select $1, c.course, '朝阳区职业技能培训学校', ($2::date + 30 + c.o * 70), ($2::date + 30 + c.o * 70 + 45), 200000, 30, 80
				  from (values (0, '家政服务员'), (1, '电工'), (2, '育婴员'), (3, '电子商务')) c(o, course)
				 where $2::date + 30 + c.o * 70 + 45 < current_date
				returning id, starts_on, ends_on
			), n as (select row_number() over (order by id) - 1 as o, id, starts_on, ends_on from k)
			insert into jz.training_enrolments (class_id, person_id, community_id, subsidy_fen, completed, employed_on)
			select n.id, t.person_id, $1, 0, t.rn % 10 <> 0,
			       case when t.rn % 10 <> 0 and t.rn % 3 <> 0 then n.ends_on + 30 end
			  from n cross join lateral (
				select person_id, row_number() over (order by person_id) as rn
				  from (select distinct i.person_id from jz.plan_items i
					 where i.community_id = $1 and i.kind = 'training'
					   and jz.plan_member_has(i.person_id, 'training', n.starts_on)) x
				 order by person_id offset n.o * 10 limit 28) t$q$ using p_cid, y0;
		exception when others then
			raise warning 'sample: training skipped: %', sqlerrm;
		end;
	end if;

	-- feedback: a call after each service, mostly satisfied
	if to_regclass('jz.feedback') is not null then
		begin
			execute $q$
			insert into jz.feedback (community_id, person_id, service, satisfaction, comment, at)
			select $1, p.applicant_id, s.service,
			       case when (p.applicant_id + s.o) % 11 = 0 then 3 when (p.applicant_id + s.o) % 4 = 0 then 4 else 5 end,
			       case when (p.applicant_id + s.o) % 11 = 0 then '希望上门时间更固定' else '' end,
			       now() - ((p.applicant_id + s.o) % 200) * interval '1 day'
			  from jz.applications p
			  cross join (values (0, 'cash'), (1, 'home_visits'), (2, 'counselling'), (3, 'training')) s(o, service)
			 where p.community_id = $1 and p.state in ('active', 'closed') and (p.applicant_id + s.o) % 3 = 0$q$
			using p_cid;
		exception when others then
			raise warning 'sample: feedback skipped: %', sqlerrm;
		end;
	end if;

	-- payments: the year's money arrives in January, then the funds
	-- migration's monthly run pays each month so far; a month the funds can
	-- no longer pay is refused whole (the seed's shortfall) and left unpaid
	if to_regprocedure('jz.payment_run(date)') is not null
	   and to_regprocedure('jz.fund_receive(integer,text,bigint,text)') is not null then
		begin
			execute $q$
			select jz.fund_receive(extract(year from $1::date)::int, f.source, f.amount_fen, '年度资金到账')
			  from jz.funding f
			 where f.year = extract(year from $1::date)::int and f.amount_fen > 0
			   and not exists (select 1 from jz.ledger l where l.year = f.year and l.source = f.source and l.kind = 'receipt')$q$
			using y0;
		exception when others then
			raise warning 'sample: funds skipped: %', sqlerrm;
		end;
		for m in select generate_series(y0, current_date, interval '1 month')::date loop
			begin
				execute 'select jz.payment_run($1)' using m;
			exception when others then
				raise warning 'sample: payments of % skipped: %', to_char(m, 'YYYY-MM'), sqlerrm;
			end;
		end loop;
	end if;
end $$;
revoke all on function jz.sample_services(int, int) from public;
