-- 0050 administration and safe editing (issue 4 items 5, 7, 8):
--   * jz.jsonb_changes / jz.audit_summary: the audit screen's readable
--     "key: old → new" line, computed in SQL from the trail's jsonb;
--   * jz.staff_remove_community: the counterpart of staff_add_community;
--   * jz.application_contact(number): what the edit screen shows;
--   * jz.update_application_contact(app, expected_version, phone, address,
--     reason): optimistic locking on applications.version (DESIGN §5). A
--     stale version raises JZ014 with DETAIL a JSON array of what others
--     changed since that version (field, old, new, who, name, at);
--     jz.application_changes_since(app, version) returns the same rows in
--     full for the screen.
-- Phone lives on jz.persons and 现住址 on jz.households, whose audit rows do
-- not name the application: jz.application_contact_log keeps those two
-- changes per application version. Changes to the application row itself
-- come from the audit trail (old/new carry the version).

-- 1. Readable changes ------------------------------------------------------------

create function jz.cut_text(p text, p_chars int)
returns text
language sql immutable parallel safe
set search_path = pg_catalog, jz
as $$
	select case when char_length(p) > p_chars then left(p, p_chars - 1) || '…' else p end
$$;

-- Keys whose value differs (old or new may be NULL: insert / delete).
create function jz.jsonb_changes(p_old jsonb, p_new jsonb)
returns table (key text, old_value text, new_value text)
language sql immutable parallel safe
set search_path = pg_catalog, jz
as $$
	select k, p_old ->> k, p_new ->> k
	  from (select jsonb_object_keys(coalesce(p_old, '{}'::jsonb)) as k
		union
		select jsonb_object_keys(coalesce(p_new, '{}'::jsonb))) keys
	 where (p_old -> k) is distinct from (p_new -> k)
	   and k not in ('updated_at', 'created_at')
	 order by k
$$;

-- "phone: 138… → 139…; reason: …" (insert: "key=value"), values cut at 40
-- characters; bookkeeping keys (version, timestamps) left out.
create function jz.audit_summary(p_old jsonb, p_new jsonb)
returns text
language sql immutable parallel safe
set search_path = pg_catalog, jz
as $$
	select coalesce(string_agg(
		case when p_old is null then c.key || '=' || jz.cut_text(c.new_value, 40)
		     when p_new is null then c.key || '=' || jz.cut_text(c.old_value, 40)
		     else c.key || ': ' || coalesce(jz.cut_text(c.old_value, 40), '∅') || ' → '
			  || coalesce(jz.cut_text(c.new_value, 40), '∅') end,
		'; ' order by c.key), '')
	  from jz.jsonb_changes(p_old, p_new) c
	 where c.key <> 'version'
	   and (p_old is not null and p_new is not null
		or coalesce(c.new_value, c.old_value) is not null)
$$;

grant execute on function jz.jsonb_changes(jsonb, jsonb), jz.audit_summary(jsonb, jsonb),
	jz.cut_text(text, int)
	to jz_reception, jz_caseworker, jz_supervisor, jz_admin;

-- 2. Staff: remove a community ----------------------------------------------------

create function jz.staff_remove_community(p_login text, p_community text) returns void
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
begin
	perform jz.staff_check_admin();
	if not exists (select 1 from jz.staff where login = p_login) then
		raise exception 'No staff account by that name.' using errcode = '22023',
			detail = coalesce(p_login, '');
	end if;
	delete from jz.staff_community
	 where login = p_login and community_id = jz.community_find(p_community);
end
$$;
revoke all on function jz.staff_remove_community(text, text) from public;
grant execute on function jz.staff_remove_community(text, text) to jz_admin;

-- 3. Editing an application's contact fields ------------------------------------

create table jz.application_contact_log (
	id bigserial primary key,
	application_id bigint not null references jz.applications(id) on delete cascade,
	community_id int not null references jz.communities(id),
	version int not null,          -- the application's version after the change
	field text not null check (field in ('phone', 'address')),
	old_value text,
	new_value text,
	actor text not null default session_user,
	at timestamptz not null default now()
);
create index application_contact_log_app on jz.application_contact_log (application_id, version);
revoke all on jz.application_contact_log from public;
alter table jz.application_contact_log enable row level security;
create policy community_scope on jz.application_contact_log for select
	using (community_id in (select jz.my_community_ids()));
grant select on jz.application_contact_log to jz_reception, jz_caseworker, jz_supervisor, jz_admin;

-- Runs as the caller: RLS decides what can be found.
create function jz.application_contact(p_number text)
returns table (id bigint, number text, applicant text, state text, state_name text,
	       phone text, address text, reason text, version int)
language sql stable
set search_path = pg_catalog, jz
as $$
	select a.id, a.number, p.name, a.state, s.name, p.phone, h.address, a.reason, a.version
	  from jz.applications a
	  join jz.persons p on p.id = a.applicant_id
	  join jz.households h on h.id = a.household_id
	  join jz.application_states s on s.code = a.state
	 where a.number = btrim(p_number)
	    or a.id = case when btrim(p_number) ~ '^[0-9]{1,18}$' then btrim(p_number)::bigint end
$$;
grant execute on function jz.application_contact(text)
	to jz_reception, jz_caseworker, jz_supervisor, jz_admin;

-- The application in the caller's communities, or JZ004.
create function jz.app_in_my_communities(p_app bigint) returns jz.applications
language plpgsql stable security definer
set search_path = pg_catalog, jz
as $$
declare
	a jz.applications;
begin
	select * into a from jz.applications
	 where id = p_app and community_id in (select jz.my_community_ids());
	if not found then
		raise exception 'No such application in your communities.' using errcode = 'JZ004',
			detail = coalesce(p_app::text, '');
	end if;
	return a;
end
$$;
revoke all on function jz.app_in_my_communities(bigint) from public;

-- Who changed what since version p_since: contact fields from the contact
-- log, everything else from the audit rows of the application itself.
create function jz.application_changes_since(p_app bigint, p_since int)
returns table (field text, old_value text, new_value text, actor text, actor_name text,
	       at timestamptz, version int)
language plpgsql stable security definer
set search_path = pg_catalog, jz
as $$
begin
	perform jz.app_in_my_communities(p_app);
	return query
	select x.field, x.old_value, x.new_value, x.actor, coalesce(st.display_name, x.actor),
	       x.at, x.version
	  from (select l.field, l.old_value, l.new_value, l.actor, l.at, l.version, l.id
		  from jz.application_contact_log l
		 where l.application_id = p_app and l.version > p_since
		union all
		select c.key, c.old_value, c.new_value, g.actor, g.at,
		       (g.new ->> 'version')::int, g.id
		  from jz.audit_log g
		  cross join lateral jz.jsonb_changes(g.old, g.new) c
		 where g.application_id = p_app and g.table_name = 'jz.applications'
		   and g.action = 'UPDATE' and (g.new ->> 'version')::int > p_since
		   and c.key not in ('version', 'updated_at', 'notify_by', 'notify_by_certain')) x
	  left join jz.staff st on st.login = x.actor
	 order by x.version, x.at, x.field;
end
$$;
revoke all on function jz.application_changes_since(bigint, int) from public;
grant execute on function jz.application_changes_since(bigint, int)
	to jz_reception, jz_caseworker, jz_supervisor, jz_admin;

-- Empty text is no value.
create function jz.update_application_contact(p_app bigint, p_expected_version int,
					       p_phone text, p_address text, p_reason text)
returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	a jz.applications;
	old_phone text;
	old_address text;
	new_phone text := nullif(btrim(p_phone), '');
	new_address text := nullif(btrim(p_address), '');
	new_reason text := nullif(btrim(p_reason), '');
	detail jsonb;
	v int;
begin
	if not (pg_has_role(session_user, 'jz_reception', 'MEMBER')
		or pg_has_role(session_user, 'jz_caseworker', 'MEMBER')
		or pg_has_role(session_user, 'jz_supervisor', 'MEMBER')) then
		raise exception 'Your role may not edit applications.' using errcode = '42501';
	end if;
	perform jz.app_in_my_communities(p_app);
	select * into a from jz.applications where id = p_app for update;
	if a.version is distinct from p_expected_version then
		-- kept short: a DETAIL is read by people and logs; the screen asks
		-- jz.application_changes_since for the full values
		select coalesce(jsonb_agg(jsonb_build_object(
				'field', c.field, 'old', jz.cut_text(c.old_value, 24),
				'new', jz.cut_text(c.new_value, 24), 'who', c.actor_name,
				'at', to_char(c.at, 'YYYY-MM-DD HH24:MI')) order by c.version, c.field), '[]')
		  into detail
		  from jz.application_changes_since(p_app, p_expected_version) c;
		raise exception 'Changed by someone else since you opened it.' using errcode = 'JZ014',
			detail = detail::text, hint = a.version::text;
	end if;
	select p.phone into old_phone from jz.persons p where p.id = a.applicant_id;
	select h.address into old_address from jz.households h where h.id = a.household_id;
	if old_phone is not distinct from new_phone and old_address is not distinct from new_address
	   and a.reason is not distinct from new_reason then
		return a.version;
	end if;
	-- the application row carries the version of the whole edit
	update jz.applications set reason = new_reason where id = p_app returning version into v;
	if old_phone is distinct from new_phone then
		update jz.persons set phone = new_phone, version = version + 1, updated_at = now()
		 where id = a.applicant_id;
		insert into jz.application_contact_log (application_id, community_id, version, field,
							old_value, new_value)
		values (p_app, a.community_id, v, 'phone', old_phone, new_phone);
	end if;
	if old_address is distinct from new_address then
		update jz.households set address = new_address, version = version + 1, updated_at = now()
		 where id = a.household_id;
		insert into jz.application_contact_log (application_id, community_id, version, field,
							old_value, new_value)
		values (p_app, a.community_id, v, 'address', old_address, new_address);
	end if;
	return v;
end
$$;
revoke all on function jz.update_application_contact(bigint, int, text, text, text) from public;
grant execute on function jz.update_application_contact(bigint, int, text, text, text)
	to jz_reception, jz_caseworker, jz_supervisor;
