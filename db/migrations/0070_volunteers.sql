-- 0070 volunteers and home visits (issue 6).
--
-- The database itself refuses what a rota must never hold:
--   * a volunteer in two overlapping visits (exclusion constraint, btree_gist);
--   * a planned visit outside the volunteer's weekly availability (trigger);
--   * a week (ISO, Monday first, office time) over the volunteer's maximum,
--     counting planned and done visits by their booked length (trigger).
-- Cancelled and missed visits count for none of these.
-- Times are the office's local time (jz.office_tz()); weekday 0 = Monday;
-- availability windows are minutes from midnight [start_min, end_min).
-- Hours are integer minutes.
--
-- SQLSTATEs (class JZ):
--   JZ030  a visit outside the volunteer's availability
--   JZ031  the volunteer's weekly maximum would be exceeded
--   JZ032  the volunteer is inactive
--   23P01  (exclusion) the volunteer already has a visit then

create extension if not exists btree_gist with schema public;

create function jz.office_tz() returns text
language sql immutable parallel safe as $$ select 'Asia/Shanghai'::text $$;

-- The Monday (office date) of the ISO week holding t.
create function jz.week_of(t timestamptz) returns date
language sql immutable parallel safe
set search_path = pg_catalog, jz
as $$ select date_trunc('week', t at time zone jz.office_tz())::date $$;

-- The instant of a local office date and minute.
create function jz.office_at(d date, minute int) returns timestamptz
language sql immutable parallel safe
set search_path = pg_catalog, jz
as $$ select (d + make_interval(mins => minute)) at time zone jz.office_tz() $$;

create table jz.volunteers (
	id bigserial primary key,
	community_id int not null references jz.communities(id),
	person_id bigint not null unique references jz.persons(id),
	phone text check (phone ~ '^[0-9+\-]{7,20}$'),
	areas text[] not null default '{}',          -- buildings/areas covered, as in addresses
	any_area boolean not null default false,     -- also goes elsewhere
	skills text[] not null default '{}'
		check (skills <@ array['shopping', 'housework', 'company', 'personal_care', 'escort', 'repairs']::text[]),
	max_minutes_week int not null default 600 check (max_minutes_week between 0 and 10080),
	active boolean not null default true,
	note text check (char_length(note) <= 500),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version int not null default 1
);
create index volunteers_community_idx on jz.volunteers (community_id, active, id);

create table jz.volunteer_availability (
	volunteer_id bigint not null references jz.volunteers(id) on delete cascade,
	community_id int not null references jz.communities(id),
	weekday smallint not null check (weekday between 0 and 6),
	start_min int not null check (start_min between 0 and 1439),
	end_min int not null check (end_min between 1 and 1440),
	check (end_min > start_min),
	primary key (volunteer_id, weekday, start_min)
);
create index volunteer_availability_community_idx on jz.volunteer_availability (community_id, volunteer_id);

create table jz.volunteer_training (
	volunteer_id bigint not null references jz.volunteers(id) on delete cascade,
	community_id int not null references jz.communities(id),
	session_date date not null,
	topic text not null check (char_length(topic) between 1 and 100),
	primary key (volunteer_id, session_date, topic)
);
create index volunteer_training_community_idx on jz.volunteer_training (community_id, session_date);

create table jz.visits (
	id bigserial primary key,
	community_id int not null references jz.communities(id),
	recipient_id bigint not null references jz.persons(id),
	volunteer_id bigint not null references jz.volunteers(id),
	slot tstzrange not null check (not isempty(slot) and lower_inc(slot) and not upper_inc(slot)
		and upper(slot) - lower(slot) <= interval '12 hours'),
	purpose text not null default 'company' check (purpose in ('shopping', 'housework', 'company', 'personal_care', 'escort', 'repairs')),
	status text not null default 'planned' check (status in ('planned', 'done', 'missed', 'cancelled')),
	actual_minutes int check (actual_minutes between 0 and 720),
	note text check (char_length(note) <= 500),
	created_by text not null default session_user,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version int not null default 1,
	check ((status = 'done') = (actual_minutes is not null)),
	check (status <> 'missed' or coalesce(note, '') ~ '\S'),
	constraint visits_no_overlap exclude using gist (volunteer_id with =, slot with &&)
		where (status in ('planned', 'done'))
);
create index visits_community_slot_idx on jz.visits using gist (community_id, slot);
create index visits_recipient_idx on jz.visits (recipient_id, lower(slot));
create index visits_volunteer_idx on jz.visits (volunteer_id, lower(slot));

-- Why a recipient was left short by the last accepted fill of a week.
create table jz.visit_gaps (
	community_id int not null references jz.communities(id),
	week_start date not null,
	recipient_id bigint not null references jz.persons(id),
	missing int not null check (missing > 0),
	reason text not null check (reason in ('no_skill', 'no_area', 'days_used', 'no_free', 'hours', 'taken')),
	at timestamptz not null default now(),
	by text not null default session_user,
	primary key (week_start, recipient_id)
);
create index visit_gaps_community_idx on jz.visit_gaps (community_id, week_start);

-- Fill: community from the related row, version and times.
create function jz.volunteers_fill() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
begin
	if tg_op = 'UPDATE' then
		new.version := old.version + 1;
		new.updated_at := now();
	end if;
	return new;
end $$;
create trigger volunteers_fill before update on jz.volunteers
	for each row execute function jz.volunteers_fill();

create function jz.volunteer_child_fill() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
begin
	new.community_id := (select community_id from jz.volunteers where id = new.volunteer_id);
	return new;
end $$;
create trigger volunteer_availability_fill before insert or update on jz.volunteer_availability
	for each row execute function jz.volunteer_child_fill();
create trigger volunteer_training_fill before insert or update on jz.volunteer_training
	for each row execute function jz.volunteer_child_fill();

-- Visits: availability, active, weekly maximum. Runs as owner so that a
-- volunteer's visits for other communities count too; one volunteer's
-- bookings are serialised by an advisory lock so two sessions cannot both
-- take the last free hour.
create function jz.visits_check() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	v jz.volunteers;
	ls timestamp;
	le timestamp;
	wk date;
	used int;
begin
	new.community_id := (select community_id from jz.persons where id = new.recipient_id);
	if tg_op = 'UPDATE' then
		new.version := old.version + 1;
		new.updated_at := now();
		new.created_by := old.created_by;
	else
		new.created_by := session_user;
	end if;
	if new.status <> 'planned' then
		return new;
	end if;
	if tg_op = 'UPDATE' and old.status = 'planned' and new.slot = old.slot
	   and new.volunteer_id = old.volunteer_id then
		return new;   -- purpose or note only
	end if;
	perform pg_advisory_xact_lock(hashtext('jz.visits'), new.volunteer_id::int);
	select * into v from jz.volunteers where id = new.volunteer_id;
	if not v.active then
		raise exception '志愿者已停用，不能安排探访' using errcode = 'JZ032';
	end if;
	ls := lower(new.slot) at time zone jz.office_tz();
	le := upper(new.slot) at time zone jz.office_tz();
	if not exists (select 1 from jz.volunteer_availability a
			where a.volunteer_id = new.volunteer_id
			  and a.weekday = extract(isodow from ls)::int - 1
			  and le <= ls::date + make_interval(mins => a.end_min)
			  and ls >= ls::date + make_interval(mins => a.start_min)) then
		raise exception '志愿者在 % 至 % 不在可服务时间内', to_char(ls, 'YYYY-MM-DD HH24:MI'), to_char(le, 'HH24:MI')
			using errcode = 'JZ030';
	end if;
	wk := jz.week_of(lower(new.slot));
	select coalesce(sum(extract(epoch from upper(x.slot) - lower(x.slot)) / 60), 0)::int into used
	  from jz.visits x
	 where x.volunteer_id = new.volunteer_id
	   and x.status in ('planned', 'done')
	   and x.id is distinct from new.id
	   and x.slot && tstzrange(jz.office_at(wk, 0), jz.office_at(wk + 7, 0));
	if used + extract(epoch from upper(new.slot) - lower(new.slot)) / 60 > v.max_minutes_week then
		raise exception '志愿者本周已排 % 分钟，再排将超过每周上限 % 分钟', used, v.max_minutes_week
			using errcode = 'JZ031';
	end if;
	return new;
end $$;
create trigger visits_check before insert or update on jz.visits
	for each row execute function jz.visits_check();

-- Hours: done visits by their actual minutes; planned ones apart.
create view jz.volunteer_minutes_week with (security_invoker = true) as
select v.volunteer_id, v.community_id, jz.week_of(lower(v.slot)) as week_start,
       coalesce(sum(v.actual_minutes) filter (where v.status = 'done'), 0)::int as minutes,
       coalesce(sum(extract(epoch from upper(v.slot) - lower(v.slot)) / 60)
		filter (where v.status = 'planned'), 0)::int as planned_minutes
  from jz.visits v
 where v.status in ('done', 'planned')
 group by 1, 2, 3;

create view jz.volunteer_minutes_year with (security_invoker = true) as
select v.volunteer_id, v.community_id,
       extract(year from lower(v.slot) at time zone jz.office_tz())::int as year,
       coalesce(sum(v.actual_minutes) filter (where v.status = 'done'), 0)::int as minutes,
       coalesce(sum(extract(epoch from upper(v.slot) - lower(v.slot)) / 60)
		filter (where v.status = 'planned'), 0)::int as planned_minutes
  from jz.visits v
 where v.status in ('done', 'planned')
 group by 1, 2, 3;

-- Who must be visited in the week of p_week (any day of it): every person
-- named by a home_visits item of an active plan in force that week, with the
-- visits needed, booked or done, missed, the area (the longest volunteer
-- area found in the address) and the usual volunteer (most visits in the
-- last eight weeks). Runs as the caller: RLS scopes it.
create function jz.visit_needs(p_week date)
returns table (recipient_id bigint, community_id int, name text, address text, area text,
	       needed int, booked int, missed int, usual_volunteer bigint, visited_days int)
language sql stable
set search_path = pg_catalog, jz
as $$
	with wk as (select date_trunc('week', p_week)::date as d),
	need as (
		select i.person_id, i.community_id, sum(i.visits_per_week)::int as needed, max(p.household_id) as household_id
		  from jz.plan_items i
		  join jz.plans p on p.id = i.plan_id, wk
		 where i.kind = 'home_visits' and p.state = 'active' and i.person_id is not null
		   and p.start_date < wk.d + 7 and p.end_date >= wk.d
		 group by 1, 2
	)
	select n.person_id, n.community_id, pe.name, h.address,
	       (select a from jz.volunteers vo, unnest(vo.areas) a
		 where vo.community_id = n.community_id and vo.active and strpos(coalesce(h.address, ''), a) > 0
		 order by length(a) desc, a limit 1),
	       n.needed,
	       (select count(*)::int from jz.visits v
		 where v.recipient_id = n.person_id and v.status in ('planned', 'done')
		   and v.slot && tstzrange(jz.office_at(wk.d, 0), jz.office_at(wk.d + 7, 0))),
	       (select count(*)::int from jz.visits v
		 where v.recipient_id = n.person_id and v.status = 'missed'
		   and v.slot && tstzrange(jz.office_at(wk.d, 0), jz.office_at(wk.d + 7, 0))),
	       (select v.volunteer_id from jz.visits v
		 where v.recipient_id = n.person_id and v.status in ('planned', 'done')
		   and lower(v.slot) >= jz.office_at(wk.d - 56, 0)
		 group by v.volunteer_id order by count(*) desc, v.volunteer_id limit 1),
	       coalesce((select bit_or(1 << (extract(isodow from lower(v.slot) at time zone jz.office_tz())::int - 1))
		 from jz.visits v
		 where v.recipient_id = n.person_id and v.status in ('planned', 'done')
		   and v.slot && tstzrange(jz.office_at(wk.d, 0), jz.office_at(wk.d + 7, 0))), 0)
	  from need n cross join wk
	  join jz.persons pe on pe.id = n.person_id
	  left join jz.households h on h.id = n.household_id
	 order by pe.name, n.person_id
$$;

-- The coverage screen and the supervisor's queue (探访缺口): recipients under
-- their weekly minimum, with the shortfall and the reason the last accepted
-- fill gave; and missed visits of the week.
create function jz.visit_coverage(p_week date)
returns table (recipient_id bigint, community_id int, name text, address text, needed int,
	       booked int, missed int, shortfall int, reason text)
language sql stable
set search_path = pg_catalog, jz
as $$
	select n.recipient_id, n.community_id, n.name, n.address, n.needed, n.booked, n.missed,
	       n.needed - n.booked,
	       (select g.reason from jz.visit_gaps g
		 where g.recipient_id = n.recipient_id and g.week_start = date_trunc('week', p_week)::date)
	  from jz.visit_needs(p_week) n
	 where n.booked < n.needed
	 order by n.needed - n.booked desc, n.name, n.recipient_id
$$;

create view jz.visit_alerts with (security_invoker = true) as
select 'short'::text as kind, c.community_id, c.recipient_id, c.name as recipient_name,
       null::bigint as visit_id, jz.week_of(now()) as week_start, null::timestamptz as at,
       c.shortfall, coalesce(c.reason, '') as detail
  from jz.visit_coverage(current_date) c
union all
select 'missed', v.community_id, v.recipient_id, p.name, v.id, jz.week_of(lower(v.slot)), lower(v.slot),
       null::int, coalesce(v.note, '')
  from jz.visits v join jz.persons p on p.id = v.recipient_id
 where v.status = 'missed' and lower(v.slot) >= jz.office_at(jz.week_of(now()) - 14, 0)
   and lower(v.slot) < now();

-- Access: caseworkers and supervisors coordinate volunteers; RLS by community.
grant select, insert, update on jz.volunteers to jz_caseworker, jz_supervisor;
grant select, insert, update, delete on jz.volunteer_availability, jz.volunteer_training
	to jz_caseworker, jz_supervisor;
grant select, insert, update on jz.visits to jz_caseworker, jz_supervisor;
grant select, insert, update, delete on jz.visit_gaps to jz_caseworker, jz_supervisor;
grant usage on sequence jz.volunteers_id_seq, jz.visits_id_seq to jz_caseworker, jz_supervisor;
grant select on jz.volunteer_minutes_week, jz.volunteer_minutes_year, jz.visit_alerts
	to jz_caseworker, jz_supervisor;
revoke all on function jz.visit_needs(date), jz.visit_coverage(date), jz.visits_check(),
	jz.volunteer_child_fill(), jz.volunteers_fill() from public;
grant execute on function jz.visit_needs(date), jz.visit_coverage(date), jz.visits_check(),
	jz.volunteer_child_fill(), jz.volunteers_fill() to jz_caseworker, jz_supervisor;

do $$
declare
	t text;
begin
	foreach t in array array['volunteers', 'volunteer_availability', 'volunteer_training',
				 'visits', 'visit_gaps'] loop
		execute format('alter table jz.%I enable row level security', t);
		execute format($p$create policy community_scope on jz.%I
			using (community_id in (select jz.my_community_ids()))
			with check (community_id in (select jz.my_community_ids()))$p$, t);
	end loop;
end $$;

create trigger volunteers_audit after insert or update or delete on jz.volunteers
	for each row execute function jz.audit_row('id');
create trigger volunteer_availability_audit after insert or update or delete on jz.volunteer_availability
	for each row execute function jz.audit_row('volunteer_id', 'weekday', 'start_min');
create trigger volunteer_training_audit after insert or update or delete on jz.volunteer_training
	for each row execute function jz.audit_row('volunteer_id', 'session_date');
create trigger visits_audit after insert or update or delete on jz.visits
	for each row execute function jz.audit_row('id');
create trigger visit_gaps_audit after insert or update or delete on jz.visit_gaps
	for each row execute function jz.audit_row('week_start', 'recipient_id');

insert into jz.policy (key, value, unit, effective_from, note) values
	('home_visit_minutes', 60, 'minutes', '2025-01-01', '每次上门服务 60 分钟')
on conflict do nothing;
