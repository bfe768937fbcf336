-- 0026 a draft form back into the C form without a JSON parser in C:
-- every scalar of the document as (path, value), objects joined by '.',
-- array elements by their 0-based index ('members.0.id_number'); strings
-- unquoted, numbers and booleans as their JSON text, null as SQL NULL.
create function jz.jsonb_flatten(doc jsonb) returns table (path text, value text)
language sql immutable strict
set search_path = pg_catalog
as $$
	with recursive t(path, v) as (
		select null::text, doc
		union all
		select case when t.path is null then e.k else t.path || '.' || e.k end, e.v
		  from t cross join lateral (
			select o.key as k, o.value as v
			  from jsonb_each(case when jsonb_typeof(t.v) = 'object' then t.v end) o
			union all
			select (a.n - 1)::text, a.x
			  from jsonb_array_elements(case when jsonb_typeof(t.v) = 'array' then t.v end)
				with ordinality a(x, n)) e
	)
	select t.path, case jsonb_typeof(t.v) when 'string' then t.v #>> '{}'
				    when 'null' then null else t.v::text end
	  from t
	 where t.path is not null and jsonb_typeof(t.v) not in ('object', 'array')
$$;
grant execute on function jz.jsonb_flatten(jsonb) to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
