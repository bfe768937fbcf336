-- 0107 the detail screen in one round trip. db_detail_read sent the
-- application, its household's members, then jz.person_detail once per
-- member, the categories, the proofs and the history: 5 requests plus one
-- per member, over a second on a 200 ms mobile link. jz.application_detail
-- runs the same statements in the server and returns every section as rows
-- tagged by part, in display order:
--   'application' (one row; none: not there or not in my communities):
--       number, state, community, submitted (YYYY-MM-DD HH24:MI), notify_by,
--       notify_by_certain, reason, household id (0 none), address,
--       hukou address, version, assigned_to
--   'member' (by person id, through jz.person_detail, which writes the
--       'VIEW' audit entry of each person, DESIGN §4): person id,
--       relationship, id_number, name, sex, birth_date, phone, disability,
--       disability grade, income per month (fen), employment, health
--   'category': name, member ('' the whole household)
--   'proof': document, person, number, valid_until, seen, checked_by
--   'event': at, from state, to state, actor, reason
-- Every value is text ('' for none, booleans true/false). It runs as the
-- caller, so row-level security scopes each section as before.
create function jz.application_detail(p_id bigint)
returns table (part text, v1 text, v2 text, v3 text, v4 text, v5 text, v6 text, v7 text,
	       v8 text, v9 text, v10 text, v11 text, v12 text)
language plpgsql volatile
set search_path = pg_catalog, jz
as $$
declare
	hid bigint;
	m record;
begin
	return query
	select 'application'::text, a.number::text, s.name::text, c.name::text,
	       to_char(a.submitted_at, 'YYYY-MM-DD HH24:MI'), coalesce(a.notify_by::text, ''),
	       a.notify_by_certain::text, coalesce(a.reason, '')::text,
	       coalesce(a.household_id, 0)::text, coalesce(h.address, '')::text,
	       coalesce(h.hukou_address, '')::text, a.version::text, coalesce(a.assigned_to, '')::text
	  from jz.applications a join jz.application_states s on s.code = a.state
	  join jz.communities c on c.id = a.community_id
	  left join jz.households h on h.id = a.household_id
	 where a.id = p_id;
	if not found then
		return;
	end if;
	select a.household_id into hid from jz.applications a where a.id = p_id;

	for m in select hm.person_id, coalesce(rl.name, hm.relationship)::text as rel
		   from jz.household_members hm left join jz.relationships rl on rl.code = hm.relationship
		  where hm.household_id = hid
		  order by hm.person_id
	loop
		return query
		select 'member'::text, m.person_id::text, m.rel, d.id_number::text, d.name::text,
		       d.sex::text, d.birth_date::text, d.phone::text, d.disability_name::text,
		       d.disability_grade::text, d.income_total_fen::text, d.employment::text,
		       d.health::text
		  from jz.person_detail(m.person_id) d;
	end loop;

	return query
	select 'category'::text, k.name::text, coalesce(p.name, '')::text,
	       null::text, null::text, null::text, null::text, null::text, null::text,
	       null::text, null::text, null::text, null::text
	  from jz.application_categories ac
	  join jz.categories k on k.code = ac.category
	  left join jz.persons p on p.id = ac.member_id
	 where ac.application_id = p_id
	 order by k.sort;

	return query
	select 'proof'::text, d.name::text, coalesce(p.name, '')::text, coalesce(f.number, '')::text,
	       coalesce(f.valid_until::text, ''), f.seen::text, f.checked_by::text,
	       null::text, null::text, null::text, null::text, null::text, null::text
	  from jz.proofs f join jz.doc_kinds d on d.code = f.doc_kind
	  left join jz.persons p on p.id = f.person_id
	 where f.application_id = p_id
	 order by f.id;

	return query
	select 'event'::text, to_char(e.at, 'YYYY-MM-DD HH24:MI'), fs.name::text, ts.name::text,
	       e.actor::text, coalesce(e.reason, '')::text,
	       null::text, null::text, null::text, null::text, null::text, null::text, null::text
	  from jz.application_events e
	  join jz.application_states fs on fs.code = e.from_state
	  join jz.application_states ts on ts.code = e.to_state
	 where e.application_id = p_id
	 order by e.id;
end $$;
revoke all on function jz.application_detail(bigint) from public;
grant execute on function jz.application_detail(bigint)
	to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
