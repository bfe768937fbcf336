-- 0091 the community census import (issue 7 item 7): persons and households
-- keyed by ID number and 户号, so a re-import updates and never duplicates.
--
-- The client (db/residents.c) converts the file to UTF-8, COPYs it into
-- pg_temp.jz_residents_in (made by jz.residents_stage(), every value text so
-- one bad value cannot stop COPY) with the file's line number in front, and
-- calls jz.residents_import(p_dry_run). Every check is here, in SQL; a bad
-- line gets its reason and is left out, the good ones are imported (nothing
-- on a dry run). Lines the client could not even split (wrong column count,
-- not valid text in the file's encoding) are in pg_temp.jz_residents_bad.
--
-- The census household number (户号) is kept on jz.households: unique per
-- community.

alter table jz.households add column census_no text
	check (census_no ~ '\S' and char_length(census_no) <= 30);
create unique index households_census_idx on jz.households (community_id, census_no)
	where census_no is not null;

-- The GB 11643 check character of the first 17 digits (ISO 7064 MOD 11-2),
-- for messages ("should be X"); jz.id_check_ok stays the CHECK.
create function jz.id_check_char(idnum text) returns text
language sql immutable strict parallel safe as $$
	select substr('10X98765432',
		(select sum(substr(idnum, i, 1)::int * (array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i])
		   from generate_series(1, 17) i)::int % 11 + 1, 1)
	 where idnum ~ '^[0-9]{17}'
$$;

-- YYYYMMDD is a real day (no exception, so no subtransaction per row).
create function jz.yyyymmdd_ok(s text) returns boolean
language sql immutable strict parallel safe as $$
	select s ~ '^[0-9]{8}$'
	   and substr(s, 1, 4)::int >= 1900
	   and substr(s, 5, 2)::int between 1 and 12
	   and substr(s, 7, 2)::int between 1 and
		extract(day from make_date(substr(s, 1, 4)::int, substr(s, 5, 2)::int, 1)
				 + interval '1 month - 1 day')::int
$$;

-- The staging tables of one import (dropped at commit).
create function jz.residents_stage() returns void
language plpgsql
set search_path = pg_catalog, jz
as $$
begin
	create temp table jz_residents_in (
		line bigint not null,
		community_code text, census_no text, name text, id_number text,
		relationship text, phone text, address text,
		idn text, community_id int, rel_code text, reason text
	) on commit drop;
	create temp table jz_residents_bad (line bigint not null, reason text not null) on commit drop;
end $$;

-- Check every staged line, then (unless p_dry_run) import the good ones.
-- Returns one row of counts.
create function jz.residents_import(p_dry_run boolean)
returns table (lines bigint, good bigint, bad bigint, persons_new bigint,
	       persons_updated bigint, households_new bigint)
language plpgsql
set search_path = pg_catalog, jz, pg_temp
as $$
declare
	n_lines bigint;
	n_bad bigint;
	n_pnew bigint := 0;
	n_pupd bigint := 0;
	n_hnew bigint := 0;
begin
	-- normalise: spaces, full-width digits and Ｘ, lower-case x
	update pg_temp.jz_residents_in r set
		community_code = btrim(r.community_code),
		census_no = nullif(btrim(r.census_no), ''),
		name = btrim(r.name),
		idn = upper(translate(btrim(coalesce(r.id_number, '')), '０１２３４５６７８９Ｘｘ', '0123456789XX')),
		relationship = btrim(r.relationship),
		phone = nullif(regexp_replace(coalesce(r.phone, ''), '[\s]', '', 'g'), ''),
		address = nullif(btrim(r.address), ''),
		community_id = (select c.id from jz.communities c where c.code = btrim(r.community_code)),
		rel_code = (select x.code from jz.relationships x
			     where x.name = btrim(r.relationship) or x.code = btrim(r.relationship)
				or (btrim(r.relationship) = '户主' and x.code = 'self'));

	update pg_temp.jz_residents_in r set reason = case
		when r.community_id is null then format('社区代码“%s”不存在', r.community_code)
		when r.community_id not in (select jz.my_community_ids())
		     and not (select rolsuper from pg_roles where rolname = current_user)
		     and not exists (select 1 from pg_class c where c.oid = 'jz.persons'::regclass
				     and pg_get_userbyid(c.relowner) = current_user)
			then format('社区代码“%s”不在您负责的社区', r.community_code)
		when r.census_no is null then '户号为空'
		when char_length(r.census_no) > 30 then '户号超过 30 个字符'
		when coalesce(r.name, '') = '' or char_length(r.name) > 30 then '姓名须为 1–30 个字符'
		when r.idn = '' then '身份证号为空'
		when r.idn !~ '^[0-9]{17}[0-9X]$' then format('身份证号“%s”须为 18 位（17 位数字加校验位）', r.idn)
		when not jz.yyyymmdd_ok(substr(r.idn, 7, 8)) then format('身份证号中的出生日期 %s 不是有效日期', substr(r.idn, 7, 8))
		when to_date(substr(r.idn, 7, 8), 'YYYYMMDD') > current_date then '身份证号中的出生日期在将来'
		when not jz.id_check_ok(r.idn) then format('身份证号校验位应为 %s，不是 %s', jz.id_check_char(r.idn), right(r.idn, 1))
		when not jz.id_area_ok(r.idn) then format('身份证号的地区码 %s 不存在', left(r.idn, 6))
		when r.rel_code is null then format('与户主关系“%s”无效（可填：户主、配偶、子女、父母、祖父母/外祖父母、孙子女/外孙子女、兄弟姐妹、其他）', coalesce(r.relationship, ''))
		when r.phone is not null and r.phone !~ '^[0-9+\-]{7,20}$' then format('联系电话“%s”格式不正确', r.phone)
		when char_length(r.address) > 200 then '现住址超过 200 个字符'
	end;

	-- the same person twice in the file: the first line counts
	update pg_temp.jz_residents_in r set reason = format('身份证号与第 %s 行重复', d.first_line)
	  from (select idn, min(line) as first_line from pg_temp.jz_residents_in
		 where reason is null group by idn having count(*) > 1) d
	 where r.idn = d.idn and r.line > d.first_line and r.reason is null;

	-- a person already recorded in another community is not moved silently
	update pg_temp.jz_residents_in r set reason = format('该身份证号已登记在其他社区（%s）', c.name)
	  from jz.persons p join jz.communities c on c.id = p.community_id
	 where r.reason is null and p.id_number = r.idn and p.community_id <> r.community_id;

	select count(*), count(*) filter (where reason is not null)
	  into n_lines, n_bad from pg_temp.jz_residents_in;
	n_bad := n_bad + (select count(*) from pg_temp.jz_residents_bad);
	n_lines := n_lines + (select count(*) from pg_temp.jz_residents_bad);

	if not p_dry_run then
		-- households: one per (community, 户号); the head's address wins
		with h as (
			select distinct on (community_id, census_no) community_id, census_no, address
			  from pg_temp.jz_residents_in where reason is null
			 order by community_id, census_no, (rel_code = 'self') desc, line
		), ins as (
			insert into jz.households as t (community_id, census_no, address)
			select community_id, census_no, address from h
			on conflict (community_id, census_no) where census_no is not null do update
			   set address = coalesce(excluded.address, t.address),
			       version = t.version + 1, updated_at = now()
			 where excluded.address is not null and excluded.address is distinct from t.address
			returning (xmax = 0) as fresh
		)
		select count(*) filter (where fresh) into n_hnew from ins;

		with ins as (
			insert into jz.persons as t (community_id, id_number, name, sex, birth_date, phone)
			select community_id, idn, name,
			       case when substr(idn, 17, 1)::int % 2 = 1 then 'M' else 'F' end,
			       to_date(substr(idn, 7, 8), 'YYYYMMDD'), phone
			  from pg_temp.jz_residents_in where reason is null
			 order by line
			on conflict (id_number) do update
			   set name = excluded.name, phone = coalesce(excluded.phone, t.phone),
			       version = t.version + 1
			 where (t.name, t.phone) is distinct from (excluded.name, coalesce(excluded.phone, t.phone))
			returning (xmax = 0) as fresh
		)
		select count(*) filter (where fresh), count(*) filter (where not fresh)
		  into n_pnew, n_pupd from ins;

		insert into jz.household_members as t (household_id, person_id, community_id, relationship)
		select h.id, p.id, r.community_id, r.rel_code
		  from pg_temp.jz_residents_in r
		  join jz.households h on h.community_id = r.community_id and h.census_no = r.census_no
		  join jz.persons p on p.id_number = r.idn
		 where r.reason is null
		on conflict (person_id) do update
		   set household_id = excluded.household_id, relationship = excluded.relationship,
		       community_id = excluded.community_id
		 where (t.household_id, t.relationship) is distinct from (excluded.household_id, excluded.relationship);
	end if;

	return query select n_lines, n_lines - n_bad, n_bad, n_pnew, n_pupd, n_hnew;
end $$;

-- Every bad line, in file order.
create function jz.residents_bad_lines()
returns table (line bigint, reason text)
language plpgsql
set search_path = pg_catalog, jz, pg_temp
as $$
begin
	return query
	select i.line, i.reason from pg_temp.jz_residents_in i where i.reason is not null
	union all
	select b.line, b.reason from pg_temp.jz_residents_bad b
	order by 1;
end $$;

revoke all on function jz.residents_stage(), jz.residents_import(boolean), jz.residents_bad_lines()
	from public;
grant execute on function jz.residents_stage(), jz.residents_import(boolean), jz.residents_bad_lines()
	to jz_admin;
grant execute on function jz.id_check_char(text), jz.yyyymmdd_ok(text)
	to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
