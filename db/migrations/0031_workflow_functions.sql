-- 0031 moving an application: jz.transition() checks the row, the table of
-- 0030, the caller's group role, the reason, the precondition and the
-- version the screen read; jz.take_next() and jz.assign() give cases to
-- caseworkers. All run as the owner (SECURITY DEFINER) with a fixed
-- search_path; the caller is session_user.

-- Named preconditions of jz.transitions. An unknown name is an error, never
-- a silent "yes".
create function jz.precondition_ok(p_name text, p_app bigint) returns boolean
language plpgsql stable
set search_path = pg_catalog, jz
as $$
begin
	case p_name
	when 'no_missing_proofs' then
		return not exists (select 1 from jz.missing_proofs(p_app));
	when 'assessment_complete' then
		-- Placeholder until the assessment issue: it replaces this branch
		-- (CREATE OR REPLACE) with "the assessment report is complete".
		-- Until then the caseworker's act alone completes it.
		return true;
	else
		raise exception '未知的前提条件：%', p_name using errcode = 'JZ013';
	end case;
end $$;

-- What the other person changed since p_version, for the JZ014 DETAIL: who,
-- when, the state now, and the fields that differ (values cut short; only
-- their names when the whole would not fit the client's 512-byte DETAIL).
create function jz.wf_conflict_detail(p_app bigint, p_version int) returns text
language sql stable
set search_path = pg_catalog, jz
as $$
	with cur as (
		select to_jsonb(a) as j, a.version, a.state, s.name as state_name
		  from jz.applications a join jz.application_states s on s.code = a.state
		 where a.id = p_app),
	ev as (
		select l.id, l.actor, l.at, l.old
		  from jz.audit_log l
		 where l.table_name = 'jz.applications' and l.row_key = p_app::text
		   and l.action = 'UPDATE' and (l.new->>'version')::int > p_version),
	first as (select old from ev order by id limit 1),
	last as (select actor, at from ev order by id desc limit 1),
	diff as (
		select k, f.old->k as was, c.j->k as now
		  from cur c, first f, jsonb_object_keys(c.j) k
		 where k not in ('version', 'updated_at') and (f.old->k) is distinct from (c.j->k)),
	full_doc as (
		select jsonb_build_object(
			'by', l.actor,
			'by_name', (select st.display_name from jz.staff st where st.login = l.actor),
			'at', to_char(l.at, 'YYYY-MM-DD HH24:MI:SS'),
			'state', c.state, 'state_name', c.state_name, 'version', c.version,
			'changes', coalesce((select jsonb_object_agg(d.k, jsonb_build_object(
					'from', left(d.was #>> '{}', 40), 'to', left(d.now #>> '{}', 40)))
				from diff d), '{}'::jsonb)) as doc
		  from cur c left join last l on true)
	select case when octet_length(doc::text) <= 500 then doc::text
		    else (doc - 'changes' || jsonb_build_object('changed',
				(select coalesce(jsonb_agg(d.k), '[]'::jsonb) from diff d)))::text
	       end
	  from full_doc
$$;

-- The one writer of state and assignee: raises the flag the guard of 0030
-- trusts (together with running as the owner), records the event.
create function jz.wf_move(p_app bigint, p_to text, p_reason text, p_assignee text) returns int
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	a jz.applications;
	was text;
begin
	select state into was from jz.applications where id = p_app;
	perform set_config('jz.wf_move', 'on', true);
	update jz.applications set state = p_to, assigned_to = p_assignee
	 where id = p_app returning * into a;
	perform set_config('jz.wf_move', '', true);
	insert into jz.application_events (application_id, community_id, from_state, to_state,
					   actor, reason, assigned_to, version)
	values (a.id, a.community_id, was, p_to, session_user, nullif(regexp_replace(p_reason, '^\s+|\s+$', '', 'g'), ''),
		p_assignee, a.version);
	return a.version;
end $$;

-- The row, locked, if it is in the caller's communities.
create function jz.wf_lock(p_app bigint) returns jz.applications
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	a jz.applications;
begin
	select * into a from jz.applications
	 where id = p_app and community_id in (select jz.my_community_ids())
	   for update;
	if not found then
		raise exception '申请 % 不存在，或不属于您负责的社区', p_app using errcode = 'JZ004';
	end if;
	return a;
end $$;

create function jz.wf_check_version(a jz.applications, p_version int) returns void
language plpgsql stable
set search_path = pg_catalog, jz
as $$
begin
	if p_version is null then
		raise exception '需要提供读取时的版本号' using errcode = '22023';
	end if;
	if a.version <> p_version then
		raise exception '申请 % 已被他人修改（现为版本 %），请查看对方的修改后重试', a.number, a.version
			using errcode = 'JZ014', detail = jz.wf_conflict_detail(a.id, p_version);
	end if;
end $$;

create function jz.state_name(p_code text) returns text
language sql stable
set search_path = pg_catalog, jz
as $$
	select coalesce((select name from jz.application_states where code = p_code), p_code)
$$;

-- Move application p_app to p_to. p_version: the version the screen read.
-- Returns the new version.
create function jz.transition(p_app bigint, p_to text, p_reason text, p_version int) returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	a jz.applications;
	t jz.transitions;
	missing text;
	assignee text;
	is_caseworker boolean := pg_has_role(session_user, 'jz_caseworker', 'MEMBER');
begin
	a := jz.wf_lock(p_app);
	perform jz.wf_check_version(a, p_version);
	select * into t from jz.transitions where from_state = a.state and to_state = p_to;
	if not found then
		if not exists (select 1 from jz.application_states where code = p_to) then
			raise exception '没有“%”这个状态', p_to using errcode = 'JZ010';
		end if;
		raise exception '申请 % 不能从“%”转为“%”', a.number, jz.state_name(a.state), jz.state_name(p_to)
			using errcode = 'JZ010',
			      hint = coalesce('可转为：' || (select string_agg(jz.state_name(x.to_state), '、' order by x.to_state)
						       from jz.transitions x where x.from_state = a.state),
					   '该状态不能再变更');
	end if;
	if not exists (select 1 from unnest(t.roles) r where pg_has_role(session_user, r, 'MEMBER')) then
		raise exception '您的角色不能办理“%”（%→%）', t.name, jz.state_name(a.state), jz.state_name(p_to)
			using errcode = 'JZ011',
			      hint = '可办理的角色：' || array_to_string(t.roles, '、');
	end if;
	-- a case in assessment is its caseworker's (DESIGN §4)
	assignee := a.assigned_to;
	if p_to = 'assessing' or a.state = 'assessing' then
		if a.assigned_to is not null and a.assigned_to <> session_user
		   and not (p_to = 'assessing' and a.state = 'active') then
			raise exception '申请 % 已由 % 承办', a.number, a.assigned_to using errcode = 'JZ011';
		end if;
		if p_to = 'assessing' and is_caseworker then
			assignee := session_user;
		end if;
	end if;
	if t.reason_required and coalesce(p_reason, '') !~ '\S' then
		raise exception '“%”须填写理由', t.name using errcode = 'JZ012';
	end if;
	if t.precondition is not null and not jz.precondition_ok(t.precondition, a.id) then
		if t.precondition = 'no_missing_proofs' then
			select string_agg(m.doc_name || coalesce('（' || m.person_name || '）', ''), '、')
			  into missing from jz.missing_proofs(a.id) m;
			raise exception '申请 % 缺少材料，不能“%”：%', a.number, t.name, missing
				using errcode = 'JZ013', hint = '材料不全的申请应退回补正。';
		end if;
		raise exception '申请 % 尚不满足“%”的条件（%）', a.number, t.name, t.precondition
			using errcode = 'JZ013';
	end if;
	return jz.wf_move(a.id, p_to, p_reason, assignee);
end $$;

-- The oldest waiting case of my communities, to me, into assessment. SKIP
-- LOCKED: two caseworkers at the same moment never get the same one.
create function jz.take_next(out application_id bigint, out number text, out version int)
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	a jz.applications;
begin
	if not exists (select 1 from jz.transitions t, unnest(t.roles) r
			where t.from_state = 'accepted' and t.to_state = 'assessing'
			  and pg_has_role(session_user, r, 'MEMBER')) then
		raise exception '只有社工可以领取案件' using errcode = 'JZ011';
	end if;
	select * into a from jz.applications x
	 where x.state = 'accepted' and x.assigned_to is null
	   and x.community_id in (select jz.my_community_ids())
	 order by coalesce(x.notify_by, 'infinity'::date), x.id
	 for update skip locked
	 limit 1;
	if not found then
		raise exception '没有待领取的案件' using errcode = 'JZ015';
	end if;
	application_id := a.id;
	number := a.number;
	version := jz.wf_move(a.id, 'assessing', null, session_user::text);
end $$;

-- A supervisor gives a case to a caseworker of its community: an accepted
-- case goes into assessment, one in assessment changes hands.
create function jz.assign(p_app bigint, p_login text, p_version int) returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	a jz.applications;
begin
	if not pg_has_role(session_user, 'jz_supervisor', 'MEMBER') then
		raise exception '只有主任/督导可以分配案件' using errcode = 'JZ011';
	end if;
	a := jz.wf_lock(p_app);
	perform jz.wf_check_version(a, p_version);
	if a.state not in ('accepted', 'assessing') then
		raise exception '只有“已受理”或“评估中”的申请可以分配（申请 % 现为“%”）',
			a.number, jz.state_name(a.state) using errcode = 'JZ010';
	end if;
	if not exists (select 1 from jz.staff s join jz.staff_community sc on sc.login = s.login
			where s.login = p_login and s.active and s.group_role = 'jz_caseworker'
			  and sc.community_id = a.community_id) then
		raise exception '% 不是该社区在职的社工', p_login using errcode = '22023';
	end if;
	return jz.wf_move(a.id, 'assessing', '分配给 ' || p_login, p_login);
end $$;

-- The moves the caller may offer on an application now (for the screens).
create function jz.allowed_transitions(p_app bigint)
returns table (to_state text, to_name text, action text, reason_required boolean,
	       precondition text, precondition_met boolean)
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	select t.to_state, s.name, t.name, t.reason_required, t.precondition,
	       t.precondition is null or jz.precondition_ok(t.precondition, a.id)
	  from jz.applications a
	  join jz.transitions t on t.from_state = a.state
	  join jz.application_states s on s.code = t.to_state
	 where a.id = p_app and a.community_id in (select jz.my_community_ids())
	   and exists (select 1 from unnest(t.roles) r where pg_has_role(session_user, r, 'MEMBER'))
	 order by s.sort
$$;

revoke all on function jz.precondition_ok(text, bigint), jz.wf_conflict_detail(bigint, int),
	jz.wf_move(bigint, text, text, text), jz.wf_lock(bigint),
	jz.wf_check_version(jz.applications, int), jz.state_name(text),
	jz.transition(bigint, text, text, int), jz.take_next(), jz.assign(bigint, text, int),
	jz.allowed_transitions(bigint)
	from public;
grant execute on function jz.transition(bigint, text, text, int), jz.take_next(),
	jz.assign(bigint, text, int), jz.allowed_transitions(bigint), jz.state_name(text)
	to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
