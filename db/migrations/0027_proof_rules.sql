-- 0027 the required-proof rules as the form reads them: one query when the
-- form opens, so a rule changed in jz.required_proof (or a new document kind)
-- changes the checklist without a recompile. Runs as the caller: the four
-- group roles may read the code tables (0024).
create function jz.proof_rules()
returns table (category text, category_name text, names_member boolean,
	       doc_kind text, doc_name text, scope text, alt_group text,
	       number_required boolean)
language sql stable
set search_path = pg_catalog, jz
as $$
	select r.category, c.name, c.names_member, r.doc_kind, k.name, r.scope,
	       r.alt_group, k.number_required
	  from jz.required_proof r
	  join jz.categories c on c.code = r.category
	  join jz.doc_kinds k on k.code = r.doc_kind
	 order by c.sort, c.code, r.sort, r.id
$$;
revoke all on function jz.proof_rules() from public;
grant execute on function jz.proof_rules() to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
