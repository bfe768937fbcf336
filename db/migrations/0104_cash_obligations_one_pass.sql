-- 0104 the funds forecast: its cash part in one pass over the plan items,
-- each figure computed once.
--
-- jz.cash_obligations (0080) called jz.cash_items_due once for each month
-- left in the year: up to twelve calls of a SECURITY DEFINER function (never
-- inlined), each a new scan of every active plan with its items and an
-- anti-join to the payments. The forecast is read when the supervisor opens
-- 资金与发放 and 年度指标: 9 ms warm, 68 ms on a session's first call, on the
-- sample community, and twelve times the active plans at scale.
--
-- Same sum, counted per item instead of per month: an active cash item is due
-- in every month from the later of the forecast's first month and its plan's
-- start month to the earlier of December and its plan's end month, less the
-- months already paid (one payment per item and month: unique
-- (plan_item_id, month)). Items whose plan ends before the first month or
-- starts after December count nothing.

create or replace function jz.cash_obligations(p_year int, p_from date)
returns bigint
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	with r as (
		select greatest(date_trunc('month', p_from)::date, make_date(p_year, 1, 1)) as fm,
		       make_date(p_year, 12, 1) as lm
	), due as (
		select i.id, i.amount_fen,
		       greatest(r.fm, date_trunc('month', p.start_date)::date) as lo,
		       least(r.lm, date_trunc('month', p.end_date)::date) as hi
		  from r
		  join jz.plans p on p.state = 'active' and p.end_date >= r.fm
				 and p.start_date < r.lm + interval '1 month'
		  join jz.plan_items i on i.plan_id = p.id and i.amount_fen > 0
		  join jz.plan_item_kinds k on k.code = i.kind and k.measure = 'amount_fen'
	)
	select coalesce(sum(d.amount_fen
			    * ((extract(year from d.hi)::int * 12 + extract(month from d.hi)::int)
			       - (extract(year from d.lo)::int * 12 + extract(month from d.lo)::int) + 1
			       - (select count(*) from jz.payments x
				   where x.plan_item_id = d.id and x.month between d.lo and d.hi))), 0)::bigint
	  from due d
	 where d.lo <= d.hi
$$;

-- The forecast's figures once each: its CTE is referenced once, so
-- PostgreSQL inlined it and pulled the function calls up into every
-- expression that names them: cash_obligations and training_obligations ran
-- three times a forecast, funds_by_source twice. Materialized: once.
create or replace function jz.funds_forecast(p_year int, p_from date)
returns table (year int, from_month date, months_left int, cash_fen bigint, training_fen bigint,
	       obligations_fen bigint, remaining_fen bigint, shortfall_fen bigint)
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	with o as materialized (
		select jz.cash_obligations(p_year, p_from) as cash,
		       jz.training_obligations(p_year, p_from) as training,
		       (select coalesce(sum(remaining_fen), 0) from jz.funds_by_source(p_year))::bigint as remaining,
		       greatest(date_trunc('month', p_from)::date, make_date(p_year, 1, 1)) as fm)
	select p_year, o.fm,
	       case when extract(year from o.fm) = p_year then 13 - extract(month from o.fm)::int else 0 end,
	       o.cash, o.training, o.cash + o.training, o.remaining,
	       greatest(0, o.cash + o.training - o.remaining)
	  from o
$$;
