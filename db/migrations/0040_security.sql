-- 0040 access control and audit, completed (issue 4 items 6 and 7).
--
-- Row-level security (DESIGN §4). Every table holding personal data has RLS
-- enabled and a policy scoped by jz.my_community_ids(): a receptionist,
-- caseworker or supervisor sees and writes only the rows of the communities
-- they serve. Decision: the administrator is scoped the same way. An
-- administrator's work (accounts, policy, holidays, code tables, DESIGN §1)
-- needs no personal data; an administrator who also works cases is assigned
-- those communities like anyone else. (0024 let jz_admin see every row.)
-- RLS is ENABLEd, not FORCEd: the owner (the migrating role) is trusted, and
-- the SECURITY DEFINER functions (submit, checks, counters, audit) run as the
-- owner precisely to see past RLS. No staff role owns a jz table (tested).
--
-- Not yet here: receptionists do not read assessment notes and caseworkers
-- write assessments only for cases assigned to them. The assessment tables
-- belong to the assessment issue; their migration adds those policies, and
-- tests/db/test_rls_matrix.c fails ("no expectation for table X") until its
-- expectation table says what each role may do with them.
--
-- Audit (DESIGN §4). jz.audit_row() also records community_id, person_id and
-- application_id (from the row), so the log can be scoped and searched:
--   * audit_log has RLS: staff read only entries of their communities (and
--     entries of tables without personal data: community_id NULL);
--   * the trigger is on every table that any role can write, except
--     audit_log itself, jz.application_counters (internal; the application's
--     INSERT carries the number), jz.drafts (private scratch saved on every
--     field exit; audited when submitted) and jz.area_code (the published
--     national list, bulk loaded by an idempotent importer);
--   * no staff role can insert, update, delete or truncate audit rows.
--
-- Functions for the screens:
--   jz.person_detail(p_person_id bigint) -> one row (columns below): the
--     person's full record — unmasked ID number, disability, income — for the
--     detail screen. Writes a 'VIEW' audit entry each time it returns a row;
--     returns no row (and writes nothing) for a person outside the caller's
--     communities. SECURITY DEFINER so that the base tables could later hide
--     the full ID number from plain SELECT without changing the screen.
--   jz.audit_search(p_person text, p_application text, p_staff text,
--                   p_from date, p_to date, p_after_id bigint, p_limit int)
--     -> audit rows, newest first, keyset by id (pass the last id seen as
--     p_after_id for the next page; NULL for the first). Every filter may be
--     NULL. p_person: ID number or exact name; p_application: number or id;
--     p_staff: login or display name; dates inclusive. Supervisors and
--     administrators only; runs as the caller, so RLS scopes the result.

-- 1. Row-level security ----------------------------------------------------

do $$
declare
	t text;
begin
	foreach t in array array['persons', 'households', 'household_members', 'applications',
				 'application_categories', 'proofs'] loop
		execute format('drop policy community_scope on jz.%I', t);
		execute format($p$create policy community_scope on jz.%I
			using (community_id in (select jz.my_community_ids()))
			with check (community_id in (select jz.my_community_ids()))$p$, t);
	end loop;
end $$;

-- Counters carry community_id; no staff role is granted them (the numbering
-- trigger runs as owner), RLS is defence in depth.
alter table jz.application_counters enable row level security;
create policy community_scope on jz.application_counters
	using (community_id in (select jz.my_community_ids()))
	with check (community_id in (select jz.my_community_ids()));

-- 2. Audit ---------------------------------------------------------------------

alter table jz.audit_log
	add column community_id int,
	add column person_id bigint,
	add column application_id bigint;

-- Fill the new columns for entries written before this migration.
update jz.audit_log l set
	community_id = case when l.table_name <> 'jz.staff_community'
			    then (coalesce(l.new, l.old)->>'community_id')::int end,
	person_id = case when l.table_name = 'jz.persons' then (coalesce(l.new, l.old)->>'id')::bigint
			 else coalesce((coalesce(l.new, l.old)->>'person_id')::bigint,
				       (coalesce(l.new, l.old)->>'applicant_id')::bigint) end,
	application_id = case when l.table_name = 'jz.applications'
			      then (coalesce(l.new, l.old)->>'id')::bigint
			      else (coalesce(l.new, l.old)->>'application_id')::bigint end
 where l.old is not null or l.new is not null;

-- The audit screen's filters, each served by an index in id order (keyset).
create index audit_log_person_id on jz.audit_log (person_id, id) where person_id is not null;
create index audit_log_application_id on jz.audit_log (application_id, id)
	where application_id is not null;
create index audit_log_actor_id on jz.audit_log (actor, id);
create index audit_log_at on jz.audit_log (at, id);
create index audit_log_community_id on jz.audit_log (community_id, id);

create or replace function jz.audit_row() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	o jsonb;
	n jsonb;
	r jsonb;
	k text;
begin
	if tg_op <> 'INSERT' then
		o := to_jsonb(old);
	end if;
	if tg_op <> 'DELETE' then
		n := to_jsonb(new);
	end if;
	r := coalesce(n, o);
	if tg_nargs > 0 then
		select string_agg(r ->> a.col, '/' order by a.ord)
		  into k
		  from unnest(tg_argv) with ordinality as a(col, ord);
	end if;
	insert into jz.audit_log (actor, action, table_name, row_key, old, new,
				  community_id, person_id, application_id)
	values (session_user, tg_op, tg_table_schema || '.' || tg_table_name, k, o, n,
		-- staff_community is about staff, not about the people served
		case when tg_table_name <> 'staff_community' then (r->>'community_id')::int end,
		case when tg_table_name = 'persons' then (r->>'id')::bigint
		     else coalesce((r->>'person_id')::bigint, (r->>'applicant_id')::bigint) end,
		case when tg_table_name = 'applications' then (r->>'id')::bigint
		     else (r->>'application_id')::bigint end);
	return null;
end
$$;
revoke execute on function jz.audit_row() from public;

-- A view entry made by the client (kept from 0005); scoped when it names a
-- person or an application.
create or replace function jz.audit_view(p_table_name text, p_row_key text) returns void
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	cid int;
	pid bigint;
	aid bigint;
begin
	if p_table_name is null or btrim(p_table_name) = '' then
		raise exception 'audit_view needs a table name' using errcode = '22023';
	end if;
	if p_row_key ~ '^[0-9]{1,18}$' then
		if p_table_name = 'jz.persons' then
			select id, community_id into pid, cid from jz.persons where id = p_row_key::bigint;
		elsif p_table_name = 'jz.applications' then
			select id, community_id, applicant_id into aid, cid, pid
			  from jz.applications where id = p_row_key::bigint;
		end if;
	end if;
	insert into jz.audit_log (actor, action, table_name, row_key, community_id, person_id,
				  application_id)
	values (session_user, 'VIEW', p_table_name, p_row_key, cid, pid, aid);
end
$$;

alter table jz.audit_log enable row level security;
create policy audit_read on jz.audit_log for select
	using (community_id is null or community_id in (select jz.my_community_ids()));
-- Belt and braces: 0005 granted only SELECT; make sure nothing else exists.
revoke insert, update, delete, truncate, references, trigger on jz.audit_log
	from public, jz_reception, jz_caseworker, jz_supervisor, jz_admin, jz_peer;

-- Every table an administrator maintains is audited too.
create trigger audit after insert or update or delete on jz.holiday
	for each row execute function jz.audit_row('day');
create trigger audit after insert or update or delete on jz.holiday_year
	for each row execute function jz.audit_row('year');
create trigger audit after insert or update or delete on jz.categories
	for each row execute function jz.audit_row('code');
create trigger audit after insert or update or delete on jz.doc_kinds
	for each row execute function jz.audit_row('code');
create trigger audit after insert or update or delete on jz.required_proof
	for each row execute function jz.audit_row('id');
create trigger audit after insert or update or delete on jz.employment_statuses
	for each row execute function jz.audit_row('code');
create trigger audit after insert or update or delete on jz.health_statuses
	for each row execute function jz.audit_row('code');
create trigger audit after insert or update or delete on jz.relationships
	for each row execute function jz.audit_row('code');
create trigger audit after insert or update or delete on jz.hukou_types
	for each row execute function jz.audit_row('code');
create trigger audit after insert or update or delete on jz.application_states
	for each row execute function jz.audit_row('code');
create trigger audit after insert or update or delete on jz.disability_categories
	for each row execute function jz.audit_row('code');

-- 3. The detail screen's read --------------------------------------------------

create function jz.person_detail(p_person_id bigint)
returns table (person_id bigint, community_id int, community text, id_number text,
	       name text, sex text, birth_date date, age int, ethnic text, phone text,
	       household_id bigint, relationship text, employment text, health text,
	       disability_category smallint, disability_name text, disability_grade smallint,
	       income_wages_fen bigint, income_business_fen bigint, income_property_fen bigint,
	       income_pension_fen bigint, income_support_fen bigint, income_other_fen bigint,
	       income_total_fen bigint, hukou_address text, address text, version int)
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
begin
	return query
	select p.id, p.community_id, c.name, p.id_number::text, p.name, p.sex::text, p.birth_date,
	       jz.age_on(p.birth_date, current_date), p.ethnic::text, p.phone,
	       hm.household_id, hm.relationship, hm.employment, hm.health,
	       hm.disability_category, dc.name, hm.disability_grade,
	       hm.income_wages_fen, hm.income_business_fen, hm.income_property_fen,
	       hm.income_pension_fen, hm.income_support_fen, hm.income_other_fen,
	       hm.income_wages_fen + hm.income_business_fen + hm.income_property_fen
		 + hm.income_pension_fen + hm.income_support_fen + hm.income_other_fen,
	       h.hukou_address, h.address, p.version
	  from jz.persons p
	  join jz.communities c on c.id = p.community_id
	  left join jz.household_members hm on hm.person_id = p.id
	  left join jz.households h on h.id = hm.household_id
	  left join jz.disability_categories dc on dc.code = hm.disability_category
	 where p.id = p_person_id
	   and p.community_id in (select jz.my_community_ids());
	if found then
		insert into jz.audit_log (actor, action, table_name, row_key, community_id, person_id)
		select session_user, 'VIEW', 'jz.persons', p.id::text, p.community_id, p.id
		  from jz.persons p where p.id = p_person_id;
	end if;
end
$$;
revoke all on function jz.person_detail(bigint) from public;
grant execute on function jz.person_detail(bigint)
	to jz_reception, jz_caseworker, jz_supervisor, jz_admin;

-- 4. The audit screen's query --------------------------------------------------

-- The statement is assembled from constant fragments only (never from the
-- arguments, which travel as parameters), so each call is planned for the
-- filters actually given and uses the matching index.
create function jz.audit_search(p_person text, p_application text, p_staff text,
				p_from date, p_to date, p_after_id bigint, p_limit int)
returns table (id bigint, at timestamptz, actor text, actor_name text, action text,
	       table_name text, row_key text, community_id int, person_id bigint,
	       application_id bigint, old jsonb, new jsonb)
language plpgsql stable
set search_path = pg_catalog, jz
as $$
declare
	q text := 'select l.id, l.at, l.actor, s.display_name, l.action, l.table_name, l.row_key,'
		  ' l.community_id, l.person_id, l.application_id, l.old, l.new'
		  ' from jz.audit_log l left join jz.staff s on s.login = l.actor where true';
begin
	if not (pg_has_role(session_user, 'jz_supervisor', 'MEMBER')
		or pg_has_role(session_user, 'jz_admin', 'MEMBER')) then
		raise exception 'only supervisors and administrators may search the audit trail'
			using errcode = '42501';
	end if;
	if nullif(btrim(p_person), '') is not null then
		q := q || ' and l.person_id in (select p.id from jz.persons p'
			  ' where p.id_number::text = upper(btrim($1)) or p.name = btrim($1))';
	end if;
	if nullif(btrim(p_application), '') is not null then
		q := q || ' and l.application_id in (select a.id from jz.applications a'
			  ' where a.number = btrim($2) or (btrim($2) ~ ''^[0-9]{1,18}$'''
			  ' and a.id = btrim($2)::bigint))';
	end if;
	if nullif(btrim(p_staff), '') is not null then
		q := q || ' and l.actor in (select btrim($3) union all'
			  ' select st.login from jz.staff st where st.display_name = btrim($3))';
	end if;
	if p_from is not null then
		q := q || ' and l.at >= $4::timestamptz';
	end if;
	if p_to is not null then
		q := q || ' and l.at < ($5 + 1)::timestamptz';
	end if;
	if p_after_id is not null then
		q := q || ' and l.id < $6';
	end if;
	q := q || ' order by l.id desc limit $7';
	return query execute q using p_person, p_application, p_staff, p_from, p_to, p_after_id,
		greatest(1, least(coalesce(p_limit, 50), 500));
end
$$;
revoke all on function jz.audit_search(text, text, text, date, date, bigint, int) from public;
grant execute on function jz.audit_search(text, text, text, date, date, bigint, int)
	to jz_supervisor, jz_admin;
