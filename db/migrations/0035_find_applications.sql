-- 0035 "where is my application?" (DESIGN §1): the receptionist's search by
-- name, application number or the last 4 to 18 characters of an ID number,
-- every state, newest first. It runs as the caller (SECURITY INVOKER): the
-- row-level security of 0040 applies to every table read here. The text
-- match itself is jz.queue_match (0033), which is already scoped to the
-- caller's communities and uses the name and ID-suffix indexes; the policy
-- then applies again on top. Keyset paging on (submitted_at, id) descending:
-- p_after is the key of the last row seen ("<UTC timestamp>,<id>"), NULL or
-- '' for the first page. An empty filter finds nothing. ID numbers leave the
-- function masked, never whole.
create function jz.find_applications(p_filter text, p_after text, p_limit int)
returns table (id bigint, number text, applicant text, id_masked text, state text,
	       state_name text, community text, submitted text, notify_by text,
	       notify_by_certain boolean, days_left int, overdue boolean, assigned_to text,
	       assigned_name text, version int, key text)
language sql stable
set search_path = pg_catalog, jz
as $$
	select a.id, a.number, p.name,
	       left(p.id_number::text, 6) || '********' || right(p.id_number::text, 4),
	       a.state, s.name, c.name, to_char(a.submitted_at, 'YYYY-MM-DD'),
	       coalesce(to_char(a.notify_by, 'YYYY-MM-DD'), ''),
	       coalesce(a.notify_by_certain, true),
	       -- the clock runs while the office owes the applicant an answer
	       case when a.state = 'submitted' and a.notify_by is not null
		    then jz.days_left(a.notify_by) else 0 end,
	       a.state = 'submitted' and a.notify_by < current_date,
	       coalesce(a.assigned_to, ''),
	       coalesce(sf.display_name, a.assigned_to, ''),
	       a.version,
	       to_char(a.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
		 || ',' || a.id::text
	  from jz.applications a
	  join jz.persons p on p.id = a.applicant_id
	  join jz.application_states s on s.code = a.state
	  join jz.communities c on c.id = a.community_id
	  left join jz.staff sf on sf.login = a.assigned_to
	 where a.id in (select jz.queue_match(p_filter))
	   and (coalesce(p_after, '') = ''
		or (a.submitted_at, a.id) <
		   ((split_part(p_after, ',', 1)::timestamp at time zone 'UTC'),
		    split_part(p_after, ',', 2)::bigint))
	 order by a.submitted_at desc, a.id desc
	 limit greatest(1, least(coalesce(p_limit, 50), 200))
$$;
revoke all on function jz.find_applications(text, text, int) from public;
grant execute on function jz.find_applications(text, text, int)
	to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
