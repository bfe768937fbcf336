-- 0032 the queues (DESIGN §9): every queue is read in (clock, id) order by
-- keyset, served by an index; "overdue first" is that order, since the
-- overdue rows have the earliest notify-by dates. The clock (notify_by) runs
-- in state 'submitted' only (0022 starts it there and clears it on return);
-- a case without one sorts last. The filters (name prefix, application
-- number, last 4+ characters of the ID number) each have an index.

-- Mon-Fri days from 1900-01-01 (a Monday) up to and including d.
create function jz.weekdays_upto(d date) returns int
language sql immutable strict parallel safe
as $$
	select 5 * ((d - date '1900-01-01') / 7) + least((d - date '1900-01-01') % 7 + 1, 5)
$$;

-- Working days d with a < d <= b (negative, counted the other way, when
-- b < a): weekday arithmetic corrected by the listed days of the calendar,
-- like jz.add_working_days (listed days count only in loaded years), with
-- no loop over days.
create function jz.working_days_between(a date, b date) returns int
language sql stable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$
	select sign * (jz.weekdays_upto(hi) - jz.weekdays_upto(lo)
		+ coalesce((select sum(case when h.is_off_day then -1 else 1 end)
			      from jz.holiday h
			     where h.day > lo and h.day <= hi
			       and h.is_off_day = (extract(isodow from h.day) < 6)
			       and exists (select 1 from jz.holiday_year y
					    where y.year = extract(year from h.day)::int)), 0))::int
	  from (select least(a, b) as lo, greatest(a, b) as hi,
		       case when b < a then -1 else 1 end as sign) x
$$;

-- Working days left until a notify-by date: 0 = due today; negative =
-- overdue by that many working days (at least 1 once the day has passed,
-- so a deadline missed on Friday still reads "overdue" on Saturday).
create function jz.days_left(d date) returns int
language sql stable strict parallel safe
set search_path = pg_catalog, pg_temp
as $$
	select case when d < current_date then least(-1, jz.working_days_between(current_date, d))
		    else jz.working_days_between(current_date, d) end
$$;

-- LIKE prefix pattern of a typed text, its wildcards taken literally.
create function jz.like_prefix(t text) returns text
language sql immutable strict parallel safe
as $$
	select replace(replace(replace(t, '\', '\\'), '%', '\%'), '_', '\_') || '%'
$$;

revoke all on function jz.weekdays_upto(date), jz.working_days_between(date, date),
	jz.days_left(date), jz.like_prefix(text) from public;
grant execute on function jz.weekdays_upto(date), jz.working_days_between(date, date),
	jz.days_left(date), jz.like_prefix(text)
	to jz_reception, jz_caseworker, jz_supervisor, jz_admin;

create index applications_queue_idx
	on jz.applications (state, coalesce(notify_by, 'infinity'::date), id);
create index applications_queue_community_idx
	on jz.applications (community_id, state, coalesce(notify_by, 'infinity'::date), id);
create index applications_mine_idx
	on jz.applications (assigned_to, coalesce(notify_by, 'infinity'::date), id)
	where assigned_to is not null;
create index persons_name_prefix_idx on jz.persons (name text_pattern_ops);
create index persons_id_suffix_idx on jz.persons (right(id_number::text, 4));
