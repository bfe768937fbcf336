-- 0080 funds and the monthly payment run (issue 7 item 3).
--
-- Money is integer fen. The sub-district's money comes from three sources,
-- spent in the order of their priority (a row each: government first, then
-- donations, then self-raised; change the rows, not the code).
--   jz.funding(year, source, amount_fen)  the year's allocation per source
--   jz.ledger                              append-only: receipts and payments
--   jz.fund_balances(year, source)         receipts - payments, kept by the
--                                          ledger trigger under the row's lock;
--                                          a CHECK keeps it >= 0
--   jz.payments                            one per cash plan item and month
--
-- SQLSTATEs (class JZ):
--   JZ011  role may not do this
--   JZ030  not enough money in the source (or in all sources) for a payment
--   JZ031  the ledger and the payments are append-only
--   JZ032  bad month/year/amount
--   JZ039  jz.fail_after test hook fired (superuser sessions only)
--
-- The monthly run, jz.payment_run(month date) -> int (payments created):
--   * one payment per cash item (jz.plan_item_kinds.measure = 'amount_fen') of
--     an ACTIVE plan in force that month (start_date <= last day, end_date >=
--     first day), in the caller's communities (all of them for a superuser);
--   * idempotent: unique (plan_item_id, month) and ON CONFLICT DO NOTHING; an
--     advisory lock per month serialises two runs of the same month;
--   * all or nothing: one statement, one transaction; if any payment cannot
--     be paid from any source, the run fails (JZ030) and nothing of it stays;
--   * test hook: `SET jz.fail_after = N` makes the run raise JZ039 after N
--     payments. Honoured only when the session user is a superuser (the test
--     suite); staff sessions ignore it.

create table jz.fund_sources (
	code text primary key check (code ~ '^[a-z][a-z0-9_]*$'),
	name text not null check (char_length(name) between 1 and 30),
	priority int not null unique,            -- lower is spent first
	policy_key text                          -- jz.policy key of its yearly figure
);
insert into jz.fund_sources (code, name, priority, policy_key) values
	('government',  '政府拨款', 1, 'funding_government'),
	('donation',    '社会捐赠', 2, 'funding_donations'),
	('self_raised', '社区自筹', 3, 'funding_self_raised');

create table jz.funding (
	year int not null check (year between 2000 and 2200),
	source text not null references jz.fund_sources(code),
	amount_fen bigint not null check (amount_fen between 0 and 100000000000),
	note text not null default '' check (char_length(note) <= 200),
	updated_by text not null default session_user,
	updated_at timestamptz not null default now(),
	primary key (year, source)
);

create table jz.fund_balances (
	year int not null,
	source text not null references jz.fund_sources(code),
	received_fen bigint not null default 0,
	spent_fen bigint not null default 0,
	primary key (year, source),
	constraint fund_balances_not_negative check (spent_fen <= received_fen)
);

create table jz.ledger (
	id bigserial primary key,
	community_id int references jz.communities(id),   -- null: the sub-district's own
	year int not null check (year between 2000 and 2200),
	source text not null references jz.fund_sources(code),
	kind text not null check (kind in ('receipt', 'payment', 'training_subsidy')),
	amount_fen bigint not null check (amount_fen > 0),
	at timestamptz not null default now(),
	month date check (month = date_trunc('month', month)::date),
	plan_item_id bigint references jz.plan_items(id),
	training_class_id bigint,                 -- training subsidies (0081)
	person_id bigint references jz.persons(id),
	note text not null default '' check (char_length(note) <= 200),
	created_by text not null default session_user,
	check ((kind = 'payment') = (month is not null and plan_item_id is not null))
);
create index ledger_year_source_idx on jz.ledger (year, source, kind);
create index ledger_community_idx on jz.ledger (community_id, at, id);

create table jz.payments (
	id bigserial primary key,
	community_id int not null references jz.communities(id),
	plan_item_id bigint not null references jz.plan_items(id),
	plan_id bigint not null references jz.plans(id),
	household_id bigint not null references jz.households(id),
	person_id bigint references jz.persons(id),   -- the payee: the item's person, else the applicant
	month date not null check (month = date_trunc('month', month)::date),
	amount_fen bigint not null check (amount_fen > 0),
	source text not null references jz.fund_sources(code),
	ledger_id bigint not null unique references jz.ledger(id) deferrable initially deferred,
	created_by text not null default session_user,
	created_at timestamptz not null default now(),
	unique (plan_item_id, month)
);
create index payments_community_month_idx on jz.payments (community_id, month, id);
create index payments_month_idx on jz.payments (month, id);

-- Append-only: no UPDATE, DELETE or TRUNCATE, whoever asks (the grants say
-- the same for staff; this holds for the owner too).
create function jz.append_only() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
begin
	raise exception '% 只能追加，不能修改或删除', tg_table_name using errcode = 'JZ031';
end $$;
create trigger append_only before update or delete on jz.ledger
	for each row execute function jz.append_only();
create trigger append_only_truncate before truncate on jz.ledger
	for each statement execute function jz.append_only();
create trigger append_only before update or delete on jz.payments
	for each row execute function jz.append_only();
create trigger append_only_truncate before truncate on jz.payments
	for each statement execute function jz.append_only();

-- Every ledger row moves its source's balance for the year, under the lock
-- of that balance row (UPDATE takes it): two payments racing for the last
-- yuan are serialised and the second sees the first.
create function jz.ledger_apply() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	left_fen bigint;
	nm text;
begin
	new.created_by := session_user;
	new.at := now();
	if new.kind = 'receipt' then
		insert into jz.fund_balances as b (year, source, received_fen)
		values (new.year, new.source, new.amount_fen)
		on conflict (year, source) do update set received_fen = b.received_fen + excluded.received_fen;
		return new;
	end if;
	select received_fen - spent_fen into left_fen from jz.fund_balances
	 where year = new.year and source = new.source
	   for update;
	if not found or left_fen < new.amount_fen then
		select name into nm from jz.fund_sources where code = new.source;
		raise exception '%年“%”余额不足：支出 % 元，余额仅 % 元', new.year, nm,
			to_char(new.amount_fen / 100.0, 'FM999999999990.00'),
			to_char(coalesce(left_fen, 0) / 100.0, 'FM999999999990.00')
			using errcode = 'JZ030';
	end if;
	update jz.fund_balances set spent_fen = spent_fen + new.amount_fen
	 where year = new.year and source = new.source;
	return new;
end $$;
create trigger ledger_apply before insert on jz.ledger
	for each row execute function jz.ledger_apply();

-- A receipt (money that came in) by a supervisor or administrator.
create function jz.fund_receive(p_year int, p_source text, p_amount_fen bigint, p_note text)
returns bigint
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	lid bigint;
begin
	if not (pg_has_role(session_user, 'jz_supervisor', 'MEMBER')
		or pg_has_role(session_user, 'jz_admin', 'MEMBER')) then
		raise exception '只有主任或管理员可以登记到账' using errcode = 'JZ011';
	end if;
	if p_amount_fen is null or p_amount_fen <= 0 then
		raise exception '到账金额须大于 0' using errcode = 'JZ032';
	end if;
	insert into jz.ledger (year, source, kind, amount_fen, note)
	values (p_year, p_source, 'receipt', p_amount_fen, coalesce(p_note, ''))
	returning id into lid;
	return lid;
end $$;

-- The year's allocation rows from the policy figures in force on 1 January
-- (existing rows are kept). Returns how many rows were added.
create function jz.funding_from_policy(p_year int) returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	n int;
begin
	if not (pg_has_role(session_user, 'jz_supervisor', 'MEMBER')
		or pg_has_role(session_user, 'jz_admin', 'MEMBER')) then
		raise exception '只有主任或管理员可以设定年度资金' using errcode = 'JZ011';
	end if;
	insert into jz.funding (year, source, amount_fen, note)
	select p_year, s.code, (jz.policy_value(s.policy_key, make_date(p_year, 1, 1))).value, '按政策'
	  from jz.fund_sources s
	 where (jz.policy_value(s.policy_key, make_date(p_year, 1, 1))).value is not null
	on conflict do nothing;
	get diagnostics n = row_count;
	return n;
end $$;

-- The cash items due in a month, not yet paid: the run's input and the
-- forecast's.
create function jz.cash_items_due(p_month date, p_all boolean)
returns table (plan_item_id bigint, plan_id bigint, community_id int, household_id bigint,
	       person_id bigint, amount_fen bigint)
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	select i.id, p.id, p.community_id, p.household_id,
	       coalesce(i.person_id, (select a.applicant_id from jz.applications a where a.id = p.application_id)),
	       i.amount_fen
	  from jz.plans p
	  join jz.plan_items i on i.plan_id = p.id
	  join jz.plan_item_kinds k on k.code = i.kind and k.measure = 'amount_fen'
	 where p.state = 'active'
	   and p.start_date <= (p_month + interval '1 month' - interval '1 day')::date
	   and p.end_date >= p_month
	   and i.amount_fen > 0
	   and (p_all or p.community_id in (select jz.my_community_ids()))
	   and not exists (select 1 from jz.payments x where x.plan_item_id = i.id and x.month = p_month)
	 order by p.community_id, p.id, i.id
$$;
revoke execute on function jz.cash_items_due(date, boolean) from public;

create function jz.payment_run(p_month date) returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	m date := date_trunc('month', p_month)::date;
	yr int := extract(year from p_month)::int;
	su boolean;
	fail_after int;
	n int := 0;
	r record;
	src text;
	lid bigint;
	pid bigint;
	need bigint;
	have bigint;
begin
	if p_month is null then
		raise exception '请给出发放月份' using errcode = 'JZ032';
	end if;
	if not (pg_has_role(session_user, 'jz_supervisor', 'MEMBER')
		or pg_has_role(session_user, 'jz_admin', 'MEMBER')) then
		raise exception '只有主任或管理员可以执行月度发放' using errcode = 'JZ011';
	end if;
	select rolsuper into su from pg_roles where rolname = session_user;
	-- the test hook: ignored unless the session user is a superuser
	if su then
		fail_after := nullif(current_setting('jz.fail_after', true), '')::int;
	end if;
	perform pg_advisory_xact_lock(hashtext('jz.payment_run'), (yr * 100 + extract(month from m))::int);

	select coalesce(sum(d.amount_fen), 0) into need from jz.cash_items_due(m, su) d;
	select coalesce(sum(b.received_fen - b.spent_fen), 0) into have
	  from jz.fund_balances b where b.year = yr;
	if need > have then
		raise exception '% 的发放需要 % 元，% 年各来源余额合计仅 % 元', to_char(m, 'YYYY-MM'),
			to_char(need / 100.0, 'FM999999999990.00'), yr, to_char(have / 100.0, 'FM999999999990.00')
			using errcode = 'JZ030';
	end if;

	for r in select * from jz.cash_items_due(m, su) loop
		-- the rule: the first source by priority that can pay it whole
		select b.source into src
		  from jz.fund_balances b join jz.fund_sources s on s.code = b.source
		 where b.year = yr and b.received_fen - b.spent_fen >= r.amount_fen
		 order by s.priority
		 limit 1;
		if src is null then
			raise exception '% 的发放：没有一个来源能付 % 元（计划项目 %）', to_char(m, 'YYYY-MM'),
				to_char(r.amount_fen / 100.0, 'FM999999999990.00'), r.plan_item_id
				using errcode = 'JZ030';
		end if;
		lid := nextval('jz.ledger_id_seq');
		insert into jz.payments (community_id, plan_item_id, plan_id, household_id, person_id, month,
					 amount_fen, source, ledger_id)
		values (r.community_id, r.plan_item_id, r.plan_id, r.household_id, r.person_id, m,
			r.amount_fen, src, lid)
		on conflict (plan_item_id, month) do nothing
		returning id into pid;
		if pid is not null then
			insert into jz.ledger (id, community_id, year, source, kind, amount_fen, month, plan_item_id,
					       person_id, note)
			values (lid, r.community_id, yr, src, 'payment', r.amount_fen, m, r.plan_item_id,
				r.person_id, to_char(m, 'YYYY-MM') || ' 救助金');
			n := n + 1;
			if fail_after is not null and n >= fail_after then
				raise exception 'jz.fail_after: 第 % 笔后中止（测试）', n using errcode = 'JZ039';
			end if;
		end if;
		src := null;
		pid := null;
	end loop;
	return n;
end $$;

-- The bank's list for a month: one row per payment, in the caller's
-- communities. ID number in full: the bank needs it (the export is the
-- supervisor's act, audited as a VIEW entry by the caller).
create function jz.payment_list(p_month date)
returns table (payment_id bigint, community text, household_id bigint, payee text, id_number text,
	       kind text, amount_fen bigint, source text, month date)
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	select y.id, c.name, y.household_id, pe.name, pe.id_number::text, k.name, y.amount_fen, s.name, y.month
	  from jz.payments y
	  join jz.communities c on c.id = y.community_id
	  join jz.plan_items i on i.id = y.plan_item_id
	  join jz.plan_item_kinds k on k.code = i.kind
	  join jz.fund_sources s on s.code = y.source
	  left join jz.persons pe on pe.id = y.person_id
	 where y.month = date_trunc('month', p_month)::date
	   and (y.community_id in (select jz.my_community_ids())
		or (select rolsuper from pg_roles where rolname = session_user))
	 order by y.community_id, y.id
$$;

-- Forecast (item 4): for the rest of p_year from p_from's month, what the
-- active plans' cash items still owe (months not yet paid) and what the
-- training enrolments still owe in subsidies (0081 fills that part in), per
-- source what is left of the year's allocation after what was spent.
create function jz.funds_by_source(p_year int)
returns table (source text, name text, priority int, funding_fen bigint, received_fen bigint,
	       spent_fen bigint, remaining_fen bigint)
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	select s.code, s.name, s.priority, coalesce(f.amount_fen, 0), coalesce(b.received_fen, 0),
	       coalesce(b.spent_fen, 0),
	       greatest(coalesce(f.amount_fen, 0), coalesce(b.received_fen, 0)) - coalesce(b.spent_fen, 0)
	  from jz.fund_sources s
	  left join jz.funding f on f.source = s.code and f.year = p_year
	  left join jz.fund_balances b on b.source = s.code and b.year = p_year
	 order by s.priority
$$;

create function jz.cash_obligations(p_year int, p_from date)
returns bigint
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	select coalesce(sum(d.amount_fen), 0)::bigint
	  from generate_series(greatest(date_trunc('month', p_from), make_date(p_year, 1, 1)),
			       make_date(p_year, 12, 1), interval '1 month') g(m)
	  cross join lateral jz.cash_items_due(g.m::date, true) d
$$;

-- Training part: replaced by 0081 once enrolments exist.
create function jz.training_obligations(p_year int, p_from date)
returns bigint
language sql stable
set search_path = pg_catalog, jz
as $$ select 0::bigint $$;

create function jz.funds_forecast(p_year int, p_from date)
returns table (year int, from_month date, months_left int, cash_fen bigint, training_fen bigint,
	       obligations_fen bigint, remaining_fen bigint, shortfall_fen bigint)
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	with o as (select jz.cash_obligations(p_year, p_from) as cash,
			  jz.training_obligations(p_year, p_from) as training,
			  (select coalesce(sum(remaining_fen), 0) from jz.funds_by_source(p_year))::bigint as remaining,
			  greatest(date_trunc('month', p_from)::date, make_date(p_year, 1, 1)) as fm)
	select p_year, o.fm,
	       case when extract(year from o.fm) = p_year then 13 - extract(month from o.fm)::int else 0 end,
	       o.cash, o.training, o.cash + o.training, o.remaining,
	       greatest(0, o.cash + o.training - o.remaining)
	  from o
$$;

-- Access. Staff read; only the functions above write money.
alter table jz.ledger enable row level security;
create policy community_scope on jz.ledger
	using (community_id is null or community_id in (select jz.my_community_ids()));
alter table jz.payments enable row level security;
create policy community_scope on jz.payments
	using (community_id in (select jz.my_community_ids()))
	with check (community_id in (select jz.my_community_ids()));

revoke all on jz.fund_sources, jz.funding, jz.fund_balances, jz.ledger, jz.payments from public;
revoke update, delete, truncate on jz.ledger, jz.payments
	from jz_reception, jz_caseworker, jz_supervisor, jz_admin;
grant select on jz.fund_sources, jz.funding, jz.fund_balances to jz_caseworker, jz_supervisor, jz_admin;
grant select on jz.ledger, jz.payments to jz_supervisor, jz_admin;
grant insert, update on jz.funding to jz_supervisor, jz_admin;
grant insert, update, delete on jz.fund_sources to jz_admin;

revoke execute on function jz.fund_receive(int, text, bigint, text), jz.funding_from_policy(int),
	jz.payment_run(date), jz.payment_list(date), jz.funds_by_source(int), jz.cash_obligations(int, date),
	jz.training_obligations(int, date), jz.funds_forecast(int, date), jz.append_only(), jz.ledger_apply()
	from public;
grant execute on function jz.fund_receive(int, text, bigint, text), jz.funding_from_policy(int),
	jz.payment_run(date), jz.payment_list(date), jz.funds_by_source(int), jz.cash_obligations(int, date),
	jz.training_obligations(int, date), jz.funds_forecast(int, date)
	to jz_supervisor, jz_admin;

create trigger audit after insert or update or delete on jz.fund_sources
	for each row execute function jz.audit_row('code');
create trigger audit after insert or update or delete on jz.funding
	for each row execute function jz.audit_row('year', 'source');
create trigger audit after insert or update or delete on jz.ledger
	for each row execute function jz.audit_row('id');
create trigger audit after insert or update or delete on jz.payments
	for each row execute function jz.audit_row('id');
-- fund_balances: written only by the ledger trigger, which the ledger's
-- audit row already records.

-- Who may change an allocation keeps their name on it.
create function jz.funding_stamp() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
begin
	new.updated_by := session_user;
	new.updated_at := now();
	return new;
end $$;
create trigger funding_stamp before insert or update on jz.funding
	for each row execute function jz.funding_stamp();

-- The current year's allocation from the policy rows (kept if present).
insert into jz.funding (year, source, amount_fen, note)
select extract(year from current_date)::int, s.code,
       (jz.policy_value(s.policy_key, make_date(extract(year from current_date)::int, 1, 1))).value, '按政策'
  from jz.fund_sources s
 where (jz.policy_value(s.policy_key, make_date(extract(year from current_date)::int, 1, 1))).value is not null;
