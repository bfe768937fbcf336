-- 0033 the queue filter as a function: under row-level security PostgreSQL
-- may not use the name index for a LIKE typed by the user (the operator is
-- not leakproof, so it must run after the policy), and the lookup became a
-- scan of every person. This runs as the owner, scoped by hand to the
-- caller's communities, with range conditions the text_pattern_ops index
-- serves in any plan. Returns application ids matching the filter: name
-- prefix, application number, or the last 4 to 18 characters of the ID.
create function jz.queue_match(p_filter text) returns setof bigint
language plpgsql stable security definer
set search_path = pg_catalog, jz
as $$
declare
	f text := btrim(p_filter);
	u text := upper(btrim(p_filter));
begin
	if f is null or f = '' then
		return;
	end if;
	return query
		select a.id from jz.applications a
		 where a.number = u and a.community_id in (select jz.my_community_ids())
		union
		select a.id from jz.persons p join jz.applications a on a.applicant_id = p.id
		 where p.name ~>=~ f and p.name ~<~ (f || U&'\+10FFFF')
		   and left(p.name, char_length(f)) = f
		   and a.community_id in (select jz.my_community_ids())
		union
		select a.id from jz.persons p join jz.applications a on a.applicant_id = p.id
		 where u ~ '^[0-9X]{4,18}$'
		   and right(p.id_number::text, 4) = right(u, 4)
		   and right(p.id_number::text, char_length(u)) = u
		   and a.community_id in (select jz.my_community_ids());
end $$;
revoke all on function jz.queue_match(text) from public;
grant execute on function jz.queue_match(text) to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
