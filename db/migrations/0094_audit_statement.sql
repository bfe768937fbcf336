-- 0094 the audit trigger per statement, not per row (issue 7's import
-- benchmark: 100,000 census rows spent half their time in jz.audit_row,
-- one plpgsql call and one single-row INSERT per changed row).
--
-- Every table that carries jz.audit_row(keys...) gets instead three AFTER ...
-- FOR EACH STATEMENT triggers with transition tables calling
-- jz.audit_stmt(keys...): one INSERT ... SELECT into jz.audit_log per
-- statement. Each changed row still gets exactly the entry audit_row wrote
-- (0040): actor (session_user), action, table, row key (the argument columns
-- joined by '/'), old/new jsonb, community_id, person_id, application_id; in
-- the order the rows were changed.
--
-- An UPDATE's old and new rows are paired by position: PostgreSQL appends a
-- row's old and new tuple to the two transition tables together
-- (AfterTriggerSaveEvent), so the n-th old row is the n-th new row. Pairing
-- by key would lose rows whose key changes or whose key columns are NULL
-- (application_categories.member_id) or not unique (volunteer_training's
-- arguments leave out topic).
--
-- jz.audit_row stays: a later migration may still attach it per row, and
-- tests/db/test_rls_matrix.c accepts either form (all three events).

create function jz.audit_stmt() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	tbl text := tg_table_schema || '.' || tg_table_name;
begin
	if tg_op = 'INSERT' then
		insert into jz.audit_log (actor, action, table_name, row_key, old, new,
					  community_id, person_id, application_id)
		select session_user, tg_op, tbl, k.k, null, x.n,
		       case when tg_table_name <> 'staff_community' then (x.n->>'community_id')::int end,
		       case when tg_table_name = 'persons' then (x.n->>'id')::bigint
			    else coalesce((x.n->>'person_id')::bigint, (x.n->>'applicant_id')::bigint) end,
		       case when tg_table_name = 'applications' then (x.n->>'id')::bigint
			    else (x.n->>'application_id')::bigint end
		  from (select row_number() over () as ord, to_jsonb(t) as n from audit_new t) x
		  cross join lateral (select string_agg(x.n ->> a.col, '/' order by a.ord) as k
					from unnest(tg_argv) with ordinality as a(col, ord)) k
		 order by x.ord;
	elsif tg_op = 'UPDATE' then
		insert into jz.audit_log (actor, action, table_name, row_key, old, new,
					  community_id, person_id, application_id)
		select session_user, tg_op, tbl, k.k, x.o, x.n,
		       case when tg_table_name <> 'staff_community' then (x.n->>'community_id')::int end,
		       case when tg_table_name = 'persons' then (x.n->>'id')::bigint
			    else coalesce((x.n->>'person_id')::bigint, (x.n->>'applicant_id')::bigint) end,
		       case when tg_table_name = 'applications' then (x.n->>'id')::bigint
			    else (x.n->>'application_id')::bigint end
		  from (select o.ord, o.o, n.n
			  from (select row_number() over () as ord, to_jsonb(t) as o from audit_old t) o
			  join (select row_number() over () as ord, to_jsonb(t) as n from audit_new t) n
			    on n.ord = o.ord) x
		  cross join lateral (select string_agg(x.n ->> a.col, '/' order by a.ord) as k
					from unnest(tg_argv) with ordinality as a(col, ord)) k
		 order by x.ord;
	else
		insert into jz.audit_log (actor, action, table_name, row_key, old, new,
					  community_id, person_id, application_id)
		select session_user, tg_op, tbl, k.k, x.o, null,
		       case when tg_table_name <> 'staff_community' then (x.o->>'community_id')::int end,
		       case when tg_table_name = 'persons' then (x.o->>'id')::bigint
			    else coalesce((x.o->>'person_id')::bigint, (x.o->>'applicant_id')::bigint) end,
		       case when tg_table_name = 'applications' then (x.o->>'id')::bigint
			    else (x.o->>'application_id')::bigint end
		  from (select row_number() over () as ord, to_jsonb(t) as o from audit_old t) x
		  cross join lateral (select string_agg(x.o ->> a.col, '/' order by a.ord) as k
					from unnest(tg_argv) with ordinality as a(col, ord)) k
		 order by x.ord;
	end if;
	return null;
end
$$;
revoke execute on function jz.audit_stmt() from public;

-- Replace every row-level audit trigger, keeping its name (as a prefix) and
-- its key arguments.
do $$
declare
	t record;
	args text;
begin
	for t in
		select g.tgname, g.tgrelid::regclass as rel,
		       (select string_agg(quote_literal(a), ', ' order by i)
			  from unnest(string_to_array(rtrim(encode(g.tgargs, 'escape'), E'\\000'),
						      E'\\000')) with ordinality as x(a, i)) as args
		  from pg_trigger g
		 where g.tgfoid = 'jz.audit_row'::regproc and not g.tgisinternal
		 order by g.tgrelid::regclass::text
	loop
		args := coalesce(t.args, '');
		execute format('drop trigger %I on %s', t.tgname, t.rel);
		execute format('create trigger %I after insert on %s referencing new table as audit_new'
			       ' for each statement execute function jz.audit_stmt(%s)',
			       t.tgname || '_ins', t.rel, args);
		execute format('create trigger %I after update on %s'
			       ' referencing old table as audit_old new table as audit_new'
			       ' for each statement execute function jz.audit_stmt(%s)',
			       t.tgname || '_upd', t.rel, args);
		execute format('create trigger %I after delete on %s referencing old table as audit_old'
			       ' for each statement execute function jz.audit_stmt(%s)',
			       t.tgname || '_del', t.rel, args);
	end loop;
end $$;
