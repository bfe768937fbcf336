-- 0090 the year's indicators (issue 7 item 6): one function returns every
-- indicator row of a year, so the supervisor's screen, the printed report
-- and the CSV export show the same figures.
--
-- jz.year_indicators(p_year int) -> rows, in display order:
--   key        stable name ('households_low_income', ...); the C side
--              translates it into a label
--   sort       display order
--   unit       'households' | 'people' | 'person_times' | 'fen' | 'hours'
--              | 'percent'
--   actual     the figure so far (for 'percent': the numerator)
--   base       for 'percent' rows the denominator (answers, trainees);
--              NULL otherwise
--   target     the seed target from jz.policy in force on 31 December
--              (money in fen, shares in whole percent); NULL if none
--   available  false when the tables behind the row do not exist yet
--              (the row is shown as "no data", never as a zero)
--
-- Definitions (documented here because the figures are read as promises):
--   households helped by category: plans active or closed that overlap the
--     year; low-income and elderly-alone count households (an elderly-alone
--     household is the one person), disabled and unemployed count the named
--     members of the application's category (the household when unnamed);
--   cash aid paid: jz.payments of the year's months (fen);
--   volunteer hours: jz.visits done in the year, actual minutes / 60;
--   counselling participants: attendances (person-times) of the year's
--     activities; satisfaction: answers 4 or 5 of all answers (1-5);
--   trained: distinct people who completed a class ending in the year;
--     employed share: of those, the ones with an employment date.
-- The funds, visits, counselling and training tables belong to other
-- migrations (0070-0089); the function looks them up when it runs, so it
-- works before and after they exist. It runs as the caller: RLS scopes every
-- figure to the caller's communities.

create function jz.year_indicators(p_year int)
returns table (key text, sort int, unit text, actual bigint, base bigint, target bigint, available boolean)
language plpgsql stable
set search_path = pg_catalog, jz
as $$
declare
	y0 date := make_date(p_year, 1, 1);
	y1 date := make_date(p_year + 1, 1, 1);
	pol_day date := make_date(p_year, 12, 31);
	v bigint;
	b bigint;
	have boolean;
begin
	-- households and people helped, by category
	return query
	with helped as (
		select ac.category, ac.member_id, p.household_id
		  from jz.plans p
		  join jz.application_categories ac on ac.application_id = p.application_id
		 where p.state in ('active', 'closed')
		   and p.start_date < y1 and p.end_date >= y0
	)
	select c.key, c.sort, c.unit,
	       (select count(distinct case when c.per_member then coalesce(h.member_id, -h.household_id)
					   else h.household_id end)
		  from helped h where h.category = c.cat)::bigint,
	       null::bigint,
	       (jz.policy_value(c.pkey, pol_day)).value,
	       true
	  from (values ('households_low_income', 10, 'households', 'low_income',    'target_households_low_income', false),
		       ('elderly_alone',         20, 'people',     'elderly_alone', 'target_elderly_alone',         false),
		       ('disabled',              30, 'people',     'disabled',      'target_disabled',              true),
		       ('unemployed',            40, 'people',     'unemployed',    'target_unemployed',            true))
	       as c(key, sort, unit, cat, pkey, per_member);

	-- cash aid paid
	have := to_regclass('jz.payments') is not null;
	v := null;
	if have then
		execute 'select coalesce(sum(amount_fen), 0) from jz.payments where month >= $1 and month < $2'
			into v using y0, y1;
	end if;
	return query select 'cash_paid'::text, 50, 'fen'::text, v, null::bigint,
		(jz.policy_value('funding_total', pol_day)).value, have;

	-- volunteer hours
	have := to_regclass('jz.visits') is not null;
	v := null;
	if have then
		execute 'select coalesce(sum(actual_minutes), 0) / 60 from jz.visits'
			' where status = ''done'' and lower(slot) >= $1 and lower(slot) < $2'
			into v using y0::timestamptz, y1::timestamptz;
	end if;
	return query select 'volunteer_hours'::text, 60, 'hours'::text, v, null::bigint,
		(jz.policy_value('target_volunteer_hours', pol_day)).value, have;

	-- counselling: attendances, then satisfaction (4 or 5 of 1-5)
	have := to_regclass('jz.counselling_participants') is not null
		and to_regclass('jz.counselling_activities') is not null;
	v := null;
	b := null;
	if have then
		execute 'select count(*) filter (where p.attended)'
			' from jz.counselling_participants p'
			' join jz.counselling_activities a on a.id = p.activity_id'
			' where a.held_on >= $1 and a.held_on < $2'
			into v using y0, y1;
	end if;
	return query select 'counselling_participants'::text, 70, 'person_times'::text, v, null::bigint,
		(jz.policy_value('target_counselling_participants', pol_day)).value, have;
	if have then
		execute 'select count(*) filter (where p.satisfaction >= 4), count(p.satisfaction)'
			' from jz.counselling_participants p'
			' join jz.counselling_activities a on a.id = p.activity_id'
			' where a.held_on >= $1 and a.held_on < $2'
			into v, b using y0, y1;
	end if;
	return query select 'counselling_satisfaction'::text, 80, 'percent'::text, v, b,
		(jz.policy_value('target_satisfaction', pol_day)).value, have;

	-- training: trained, then the employed share of them
	have := to_regclass('jz.training_enrolments') is not null
		and to_regclass('jz.training_classes') is not null;
	v := null;
	b := null;
	if have then
		execute 'select count(distinct e.person_id),'
			' count(distinct e.person_id) filter (where e.employed_on is not null)'
			' from jz.training_enrolments e'
			' join jz.training_classes k on k.id = e.class_id'
			' where e.completed and k.ends_on >= $1 and k.ends_on < $2'
			into b, v using y0, y1;
	end if;
	return query select 'trained'::text, 90, 'people'::text, b, null::bigint,
		(jz.policy_value('target_trained', pol_day)).value, have;
	return query select 'employed_share'::text, 100, 'percent'::text, v, b,
		(jz.policy_value('target_employed_after_training', pol_day)).value, have;
end $$;

revoke all on function jz.year_indicators(int) from public;
grant execute on function jz.year_indicators(int) to jz_supervisor, jz_admin;
