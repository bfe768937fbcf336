-- 0140 the payees' bank cards from a file (jiuzhu import bankcards), so an
-- office need not type 200 cards on 修改申请 before its first payment run.
--
-- The client (db/bankcards.c, through db/csv_import.c as the census import)
-- converts the file to UTF-8 and COPYs it into pg_temp.jz_bankcards_in
-- (made by jz.bankcards_stage()) with the file's line number in front, then
-- calls jz.bankcards_import(p_dry_run). Every check is here: the person by
-- ID number (a 15-digit one converted), the name as recorded (the bank
-- bounces a payment whose holder is not the card's), the card by
-- jz.bank_card_ok (the rule of jz.persons.bank_card's CHECK in 0135 and of
-- forms' valid_bank_card: spaces dropped, 12-19 digits), the person within
-- the importer's communities. Only cards that differ are written, so a
-- second import of the same file changes nothing; the audit trigger of
-- jz.persons records each change.

-- The card as stored: spaces (the card's groups of 4, also full-width)
-- dropped, full-width digits folded, as valid_bank_card does.
create function jz.bank_card_norm(p text) returns text
language sql immutable strict parallel safe as $$
	select translate(p, E'０１２３４５６７８９ \u3000\t', '0123456789')
$$;

-- The card rule (the CHECK of jz.persons.bank_card, 0135).
create function jz.bank_card_ok(p text) returns boolean
language sql immutable strict parallel safe as $$
	select p ~ '^[0-9]{12,19}$'
$$;

-- A 15-digit (pre-1999) ID number as its 18-digit form: 19 before the year,
-- the GB 11643 check character after; anything else as it is.
create function jz.id_number_18(p text) returns text
language sql immutable strict parallel safe as $$
	select case when p ~ '^[0-9]{15}$'
		    then left(p, 6) || '19' || substr(p, 7) ||
			 jz.id_check_char(left(p, 6) || '19' || substr(p, 7))
		    else p end
$$;

-- The staging tables of one import (dropped at commit).
create function jz.bankcards_stage() returns void
language plpgsql
set search_path = pg_catalog, jz
as $$
begin
	create temp table jz_bankcards_in (
		line bigint not null,
		id_number text, name text, bank_card text
	) on commit drop;
	create temp table jz_bankcards_bad (line bigint not null, reason text not null) on commit drop;
end $$;

-- Check every staged line, then (unless p_dry_run) write the good lines'
-- cards that differ. Runs as the caller: row-level security on jz.persons
-- hides other communities' people from staff, and the check below says so
-- for a caller that sees them but does not serve them.
create function jz.bankcards_import(p_dry_run boolean)
returns table (lines bigint, good bigint, bad bigint, changed bigint, unchanged bigint)
language plpgsql
set search_path = pg_catalog, jz, pg_temp
as $$
declare
	n_lines bigint;
	n_bad bigint;
	n_changed bigint := 0;
	v_any boolean := (select rolsuper from pg_roles where rolname = current_user)
		or exists (select 1 from pg_class c where c.oid = 'jz.persons'::regclass
			   and pg_get_userbyid(c.relowner) = current_user);
	v_mine int[] := array(select jz.my_community_ids());
begin
	create temp table jz_bankcards_chk on commit drop as
	with n as materialized (
		select r.line,
		       jz.id_number_18(upper(translate(btrim(coalesce(r.id_number, '')),
						       '０１２３４５６７８９Ｘｘ', '0123456789XX'))) as idn,
		       btrim(coalesce(r.name, '')) as name,
		       btrim(coalesce(r.bank_card, '')) as card_typed,
		       jz.bank_card_norm(coalesce(r.bank_card, '')) as card
		  from pg_temp.jz_bankcards_in r
	)
	select n.*, p.id as person_id, p.name as person_name, p.bank_card as old_card,
	       case
		when n.idn = '' then '身份证号为空'
		when n.idn !~ '^[0-9]{17}[0-9X]$'
			then format('身份证号“%s”须为 18 位（17 位数字加校验位）或 15 位旧号码', n.idn)
		when not jz.id_check_ok(n.idn)
			then format('身份证号校验位应为 %s，不是 %s', jz.id_check_char(n.idn), right(n.idn, 1))
		when p.id is null then format('身份证号 %s 查无此人（或不在您负责的社区）', n.idn)
		when not v_any and not p.community_id = any (v_mine)
			then format('身份证号 %s 不在您负责的社区', n.idn)
		when n.name = '' then '姓名为空'
		when n.name <> p.name
			then format('姓名“%s”与登记的姓名“%s”不符', n.name, p.name)
		when n.card = '' then '银行卡号为空'
		when n.card !~ '^[0-9]+$'
			then format('银行卡号“%s”只能是数字（空格可有可无）', n.card_typed)
		when not jz.bank_card_ok(n.card)
			then format('银行卡号应为 12 至 19 位数字，现在是 %s 位', char_length(n.card))
	       end as reason
	  from n
	  left join jz.persons p on p.id_number::text = n.idn;

	-- the same person twice in the file: the first line counts
	update pg_temp.jz_bankcards_chk r set reason = format('身份证号与第 %s 行重复', d.first_line)
	  from (select idn, min(line) as first_line from pg_temp.jz_bankcards_chk
		 where reason is null group by idn having count(*) > 1) d
	 where r.idn = d.idn and r.line > d.first_line and r.reason is null;

	select count(*), count(*) filter (where reason is not null)
	  into n_lines, n_bad from pg_temp.jz_bankcards_chk;
	n_bad := n_bad + (select count(*) from pg_temp.jz_bankcards_bad);
	n_lines := n_lines + (select count(*) from pg_temp.jz_bankcards_bad);

	if p_dry_run then
		select count(*) into n_changed from pg_temp.jz_bankcards_chk
		 where reason is null and old_card is distinct from card;
	else
		update jz.persons p set bank_card = r.card, version = p.version + 1, updated_at = now()
		  from pg_temp.jz_bankcards_chk r
		 where r.reason is null and p.id = r.person_id and p.bank_card is distinct from r.card;
		get diagnostics n_changed = row_count;
	end if;

	return query select n_lines, n_lines - n_bad, n_bad, n_changed, n_lines - n_bad - n_changed;
end $$;

-- Every bad line, in file order.
create function jz.bankcards_bad_lines()
returns table (line bigint, reason text)
language plpgsql
set search_path = pg_catalog, jz, pg_temp
as $$
begin
	return query
	select i.line, i.reason from pg_temp.jz_bankcards_chk i where i.reason is not null
	union all
	select b.line, b.reason from pg_temp.jz_bankcards_bad b
	order by 1;
end $$;

-- As the census import's (0091): the administrative connection, or an
-- admin (jz.persons' grants, RLS by community).
revoke all on function jz.bankcards_stage(), jz.bankcards_import(boolean), jz.bankcards_bad_lines()
	from public;
grant execute on function jz.bankcards_stage(), jz.bankcards_import(boolean), jz.bankcards_bad_lines()
	to jz_admin;

-- The sample (db/sample/sample.sql): a card for every payee of a monthly
-- payment or of a cash item due this month, but one in 40 (by person id)
-- left without, so the bank export's "缺少银行卡号" still has some to show.
-- 622202 and 12 digits of the person's id, then the Luhn check digit, as a
-- real card has. Only empty cards are written: a second load changes
-- nothing.
create function jz.sample_bank_cards() returns int
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	n int;
begin
	with payee as (
		select distinct y.person_id as id from jz.payments y where y.person_id is not null
		union
		select d.person_id from jz.cash_items_due(date_trunc('month', current_date)::date, true) d
		 where d.person_id is not null
	), body as (
		select p.id, '622202' || lpad((p.id * 7919 % 1000000000000)::text, 12, '0') as b
		  from jz.persons p join payee on payee.id = p.id
		 where p.bank_card is null and p.id % 40 <> 7
	), luhn as (
		-- from the right of the body, every first digit doubled (the check
		-- digit will be the rightmost)
		select body.id, body.b,
		       (select sum(case when i % 2 = 1
					then (substr(reverse(body.b), i, 1)::int * 2) / 10
					     + (substr(reverse(body.b), i, 1)::int * 2) % 10
					else substr(reverse(body.b), i, 1)::int end)
			  from generate_series(1, 18) i) as s
		  from body
	)
	update jz.persons p set bank_card = l.b || ((10 - l.s % 10) % 10)::text,
	       version = p.version + 1, updated_at = now()
	  from luhn l
	 where p.id = l.id;
	get diagnostics n = row_count;
	return n;
end $$;
revoke execute on function jz.sample_bank_cards() from public;
