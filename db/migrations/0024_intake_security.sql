-- 0024 intake grants and row-level security: staff see the rows of their own
-- communities only (jz.my_community_ids(), from 0006); an administrator sees
-- all. Drafts are private to the staff member who typed them.

grant select on jz.application_states, jz.categories, jz.doc_kinds, jz.required_proof,
	jz.employment_statuses, jz.health_statuses, jz.relationships, jz.hukou_types,
	jz.disability_categories
	to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
-- code tables and proof rules are data the administrator maintains
grant insert, update, delete on jz.categories, jz.doc_kinds, jz.required_proof,
	jz.employment_statuses, jz.health_statuses, jz.relationships, jz.hukou_types
	to jz_admin;
grant usage on sequence jz.required_proof_id_seq to jz_admin;

-- Front-desk staff may work with plain SQL too; the triggers of 0021/0022
-- hold them to the same rules as jz.submit_application.
grant select, insert, update on jz.persons, jz.households, jz.household_members,
	jz.applications, jz.application_categories, jz.proofs
	to jz_reception, jz_caseworker, jz_admin;
grant delete on jz.application_categories, jz.proofs to jz_reception, jz_caseworker, jz_admin;
grant select on jz.persons, jz.households, jz.household_members,
	jz.applications, jz.application_categories, jz.proofs
	to jz_supervisor;
grant usage on sequence jz.persons_id_seq, jz.households_id_seq, jz.applications_id_seq,
	jz.proofs_id_seq to jz_reception, jz_caseworker, jz_admin;

grant select, insert, update, delete on jz.drafts to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
grant usage on sequence jz.drafts_id_seq to jz_reception, jz_caseworker, jz_supervisor, jz_admin;

revoke all on function jz.submit_application(jsonb, uuid) from public;
grant execute on function jz.submit_application(jsonb, uuid) to jz_reception, jz_caseworker, jz_admin;
revoke all on function jz.find_person(text) from public;
grant execute on function jz.find_person(text) to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
revoke all on function jz.application_check(bigint) from public;
revoke all on function jz.applications_fill() from public;

do $$
declare
	t text;
begin
	foreach t in array array['persons', 'households', 'household_members', 'applications',
				 'application_categories', 'proofs'] loop
		execute format('alter table jz.%I enable row level security', t);
		execute format($p$create policy community_scope on jz.%I
			using (pg_has_role('jz_admin', 'MEMBER') or community_id in (select jz.my_community_ids()))
			with check (pg_has_role('jz_admin', 'MEMBER') or community_id in (select jz.my_community_ids()))$p$, t);
	end loop;
end $$;

alter table jz.drafts enable row level security;
create policy own_drafts on jz.drafts
	using (login = session_user) with check (login = session_user);
