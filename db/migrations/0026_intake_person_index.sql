-- 0026 the duplicate lookup must use an index: functions compare
-- persons.id_number (char(18)) with text, which casts the column to text and
-- would miss the char(18) unique index — a sequential scan over every person.
-- An index on the text form serves those comparisons (find_person, submit).
create unique index persons_id_number_text_idx on jz.persons ((id_number::text));

-- plpgsql keeps the plan for the session (an SQL-language SECURITY DEFINER
-- function is planned again on every call: ~1 ms of the 2 ms budget).
create or replace function jz.find_person(p_id_number text)
returns table (person_id bigint, name text, household_id bigint,
	       household_community text, application_id bigint, application_number text,
	       state text, state_name text, application_community text)
language plpgsql stable security definer
set search_path = pg_catalog, jz
as $$
begin
	return query
	select p.id, p.name, hm.household_id, hc.name, a.id, a.number, a.state, s.name, ac.name
	  from jz.persons p
	  left join jz.household_members hm on hm.person_id = p.id
	  left join jz.households h on h.id = hm.household_id
	  left join jz.communities hc on hc.id = h.community_id
	  left join lateral (select a1.* from jz.applications a1
			       join jz.application_states s1 on s1.code = a1.state and s1.is_open
			      where a1.household_id = hm.household_id
			      order by a1.id desc limit 1) a on true
	  left join jz.application_states s on s.code = a.state
	  left join jz.communities ac on ac.id = a.community_id
	 where p.id_number::text = upper(btrim(p_id_number));
end $$;
