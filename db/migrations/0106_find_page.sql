-- 0106 a page of "where is my application?" costs a page. jz.find_applications
-- (0035) took every application jz.queue_match found and sorted them all by
-- date to return 20: a name prefix such as 王伟 matched thousands at 1,000,000
-- applications (272 ms), and queue_match, plpgsql, went to a generic plan
-- after five calls that could not see which of its three matches applied
-- (the ID-suffix search got slower after a few calls).
--
-- jz.find_page returns the ids of one page, newest first. A name or an ID
-- suffix that few persons have (under 20,000, counted on the index up to
-- that cap) is gathered person by person and sorted; one that many have
-- walks the new (submitted_at, id) index backwards and stops after the page.
-- (The planner alone walked: at 1,000,000 the generated 杨伟 took 70,000
-- steps for 20 rows, names and dates being correlated; a walk costs the page
-- only when the matches are many.) Both read covering indexes, so a step is
-- an index entry, not a table row; offset 0 keeps the gathering a loop over
-- the persons (joined, the planner hashed all 1,000,000 applications). The statement is planned for the filter
-- given (plan_cache_mode = force_custom_plan: a generic plan cannot tell
-- which match applies, and the ID-suffix search of 0033 slowed after five
-- calls); no parallel workers, whose start costs more than a page (124 ms).
-- It runs as the owner (the name and ID-suffix indexes cannot serve a
-- non-leakproof match under row-level security, see 0033) and applies by
-- hand what the policies of 0040 apply to the rows find_applications reads
-- (the application's and the applicant's community among the caller's), so
-- the page is the one the old query returned; find_applications keeps
-- running as the caller on top.
-- The matches are 0033's, written so the planner can count them: in byte
-- order (text_pattern_ops) only names beginning with f lie between f and
-- f || U+10FFFF, so queue_match's left(name, n) = f, which the planner
-- guessed at 0.5% of the range, is left out; the whole-suffix test is
-- folded away when the suffix has 4 characters.
create index applications_submitted_idx on jz.applications (submitted_at, id)
	include (applicant_id, community_id);
create index applications_applicant_cover_idx on jz.applications (applicant_id)
	include (id, submitted_at, community_id);
drop index jz.applications_applicant_idx;
create index persons_name_prefix_cover_idx on jz.persons (name text_pattern_ops)
	include (id, community_id);
drop index jz.persons_name_prefix_idx;
create index persons_id_suffix_cover_idx on jz.persons (right(id_number::text, 4))
	include (id, community_id, id_number);
drop index jz.persons_id_suffix_idx;

create function jz.find_page(p_filter text, p_after text, p_limit int)
returns table (id bigint)
language plpgsql stable security definer
set search_path = pg_catalog, jz
set plan_cache_mode = force_custom_plan
set max_parallel_workers_per_gather = 0
as $$
declare
	cap constant int := 20000;
	f text := btrim(p_filter);
	u text := upper(btrim(p_filter));
	hi text := btrim(p_filter) || U&'\+10FFFF';
	n int := greatest(1, least(coalesce(p_limit, 50), 200));
	mine int[] := array(select jz.my_community_ids());
	by_id boolean := upper(btrim(p_filter)) ~ '^[0-9X]{4,18}$';
	few_names boolean;
	few_ids boolean := false;
	after_at timestamptz;
	after_id bigint;
begin
	if f is null or f = '' then
		return;
	end if;
	if coalesce(p_after, '') <> '' then
		after_at := split_part(p_after, ',', 1)::timestamp at time zone 'UTC';
		after_id := split_part(p_after, ',', 2)::bigint;
	end if;
	few_names := (select count(*) from (select 1 from jz.persons p
					     where p.name ~>=~ f and p.name ~<~ hi limit cap) x) < cap;
	if by_id then
		few_ids := (select count(*) from (select 1 from jz.persons p
						   where right(p.id_number::text, 4) = right(u, 4) limit cap) x) < cap;
	end if;
	return query
	select m.id from (
		(select a.id, a.submitted_at
		   from jz.applications a join jz.persons p on p.id = a.applicant_id
		  where a.number = u
		    and a.community_id = any (mine) and p.community_id = any (mine)
		    and (after_id is null or (a.submitted_at, a.id) < (after_at, after_id)))
		union
		(select a.id, a.submitted_at
		   from (select p.id from jz.persons p
			  where few_names and p.name ~>=~ f and p.name ~<~ hi
			    and p.community_id = any (mine) offset 0) p
		  cross join lateral (select a.id, a.submitted_at from jz.applications a
				      where a.applicant_id = p.id and a.community_id = any (mine)
					and (after_id is null
					     or (a.submitted_at, a.id) < (after_at, after_id))
				      offset 0) a
		  order by a.submitted_at desc, a.id desc
		  limit n)
		union
		(select a.id, a.submitted_at
		   from jz.applications a join jz.persons p on p.id = a.applicant_id
		  where not few_names and p.name ~>=~ f and p.name ~<~ hi
		    and a.community_id = any (mine) and p.community_id = any (mine)
		    and (after_id is null or (a.submitted_at, a.id) < (after_at, after_id))
		  order by a.submitted_at desc, a.id desc
		  limit n)
		union
		(select a.id, a.submitted_at
		   from (select p.id from jz.persons p
			  where by_id and few_ids and right(p.id_number::text, 4) = right(u, 4)
			    and (char_length(u) = 4 or right(p.id_number::text, char_length(u)) = u)
			    and p.community_id = any (mine) offset 0) p
		  cross join lateral (select a.id, a.submitted_at from jz.applications a
				      where a.applicant_id = p.id and a.community_id = any (mine)
					and (after_id is null
					     or (a.submitted_at, a.id) < (after_at, after_id))
				      offset 0) a
		  order by a.submitted_at desc, a.id desc
		  limit n)
		union
		(select a.id, a.submitted_at
		   from jz.applications a join jz.persons p on p.id = a.applicant_id
		  where by_id and not few_ids and right(p.id_number::text, 4) = right(u, 4)
		    and (char_length(u) = 4 or right(p.id_number::text, char_length(u)) = u)
		    and a.community_id = any (mine) and p.community_id = any (mine)
		    and (after_id is null or (a.submitted_at, a.id) < (after_at, after_id))
		  order by a.submitted_at desc, a.id desc
		  limit n)
	) m
	order by m.submitted_at desc, m.id desc
	limit n;
end $$;
revoke all on function jz.find_page(text, text, int) from public;
grant execute on function jz.find_page(text, text, int)
	to jz_reception, jz_caseworker, jz_supervisor, jz_admin;

-- The same columns, rows and order as 0035; only the page comes from find_page.
create or replace function jz.find_applications(p_filter text, p_after text, p_limit int)
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
	  from jz.find_page(p_filter, p_after, p_limit) m
	  join jz.applications a on a.id = m.id
	  join jz.persons p on p.id = a.applicant_id
	  join jz.application_states s on s.code = a.state
	  join jz.communities c on c.id = a.community_id
	  left join jz.staff sf on sf.login = a.assigned_to
	 order by a.submitted_at desc, a.id desc
$$;
