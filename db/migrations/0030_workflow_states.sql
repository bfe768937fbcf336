-- 0030 the review workflow as rows (DESIGN §2): every state, the allowed
-- transitions and which group role may make each, the event trail, and the
-- guard that keeps plain SQL from moving an application past the table.
--
-- SQLSTATEs (class JZ, db/workflow.h):
--   JZ004  no such application in the caller's communities (as intake)
--   JZ010  transition not in jz.transitions
--   JZ011  role may not make this transition (or the case is someone else's)
--   JZ012  reason required
--   JZ013  precondition failed
--   JZ014  version conflict (DETAIL: JSON of who changed what, when)
--   JZ015  nothing to take
--   42501  plain SQL setting state, assignee or the clock directly
--
-- Administrators make no case decisions: jz_admin is in no transition row.
-- Approving aid is the supervisor's act (four eyes: the one who assesses is
-- not the one who approves), and an administrator account is a technical
-- one. An office that wants otherwise adds 'jz_admin' to a row's roles: the
-- rule is data, not code.

insert into jz.application_states (code, name, is_open, sort) values
	('rejected',  '不予受理', false, 30),
	('accepted',  '已受理',   true,  40),
	('assessing', '评估中',   true,  50),
	('assessed',  '已评估',   true,  60),
	('approved',  '已批准',   true,  70),
	('denied',    '不予批准', false, 80),
	('active',    '救助中',   true,  90),
	('closed',    '已结案',   false, 100)
on conflict (code) do nothing;

create table jz.transitions (
	from_state text not null references jz.application_states(code),
	to_state text not null references jz.application_states(code),
	roles text[] not null
		check (roles <@ array['jz_reception', 'jz_caseworker', 'jz_supervisor', 'jz_admin']::text[]),
	reason_required boolean not null default false,
	precondition text check (precondition in ('no_missing_proofs', 'assessment_complete')),
	name text not null,            -- the action's label, e.g. 受理
	primary key (from_state, to_state),
	check (from_state <> to_state)
);
comment on table jz.transitions is
	'The state machine: the only moves jz.transition() makes, and who may make each.';

insert into jz.transitions (from_state, to_state, roles, reason_required, precondition, name) values
	('returned',  'submitted', '{jz_reception}',                 false, 'no_missing_proofs',   '补正后重新受理'),
	('submitted', 'returned',  '{jz_reception,jz_caseworker}',   false, null,                  '退回补正'),
	('submitted', 'rejected',  '{jz_reception,jz_caseworker}',   true,  null,                  '不予受理'),
	('submitted', 'accepted',  '{jz_reception,jz_caseworker}',   false, 'no_missing_proofs',   '受理'),
	('accepted',  'assessing', '{jz_caseworker}',                false, null,                  '开始评估'),
	('assessing', 'assessed',  '{jz_caseworker}',                false, 'assessment_complete', '评估完成'),
	('assessed',  'approved',  '{jz_supervisor}',                false, null,                  '批准'),
	('assessed',  'denied',    '{jz_supervisor}',                true,  null,                  '不予批准'),
	('approved',  'active',    '{jz_supervisor}',                false, null,                  '开始救助'),
	('active',    'closed',    '{jz_supervisor,jz_caseworker}',  true,  null,                  '结案'),
	('active',    'assessing', '{jz_caseworker}',                false, null,                  '重新评估');

grant select on jz.transitions to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
grant insert, update, delete on jz.transitions to jz_admin;
create trigger transitions_audit after insert or update or delete on jz.transitions
	for each row execute function jz.audit_row('from_state', 'to_state');

alter table jz.applications add column assigned_to text;   -- login of the caseworker
comment on column jz.applications.assigned_to is 'caseworker (login) who has the case';

-- Every move, who made it, when and why. Written only by jz.wf_move().
create table jz.application_events (
	id bigserial primary key,
	application_id bigint not null references jz.applications(id) on delete cascade,
	community_id int not null references jz.communities(id),
	from_state text not null references jz.application_states(code),
	to_state text not null references jz.application_states(code),
	actor text not null default session_user,
	at timestamptz not null default now(),
	reason text check (char_length(reason) <= 2000),
	assigned_to text,
	version int not null        -- the application's version after the move
);
create index application_events_app_idx on jz.application_events (application_id, id);
create index application_events_community_idx on jz.application_events (community_id, at);
grant select on jz.application_events to jz_reception, jz_caseworker, jz_supervisor, jz_admin;
alter table jz.application_events enable row level security;
create policy community_scope on jz.application_events for select
	using (pg_has_role('jz_admin', 'MEMBER') or community_id in (select jz.my_community_ids()));

-- Plain SQL (any staff role, any client) may not set state, assignee or the
-- clock: only jz.wf_move(), running as the owner, raises the flag that lets
-- it. A flag alone is not enough (anyone can set_config a custom setting):
-- the statement must also run as the table's owner, i.e. inside a SECURITY
-- DEFINER function of this schema.
create function jz.applications_guard() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	trusted boolean;
begin
	trusted := current_setting('jz.wf_move', true) = 'on'
		and (current_user = (select pg_get_userbyid(c.relowner) from pg_class c where c.oid = tg_relid)
		     or (select r.rolsuper from pg_roles r where r.rolname = current_user));
	if trusted then
		return new;
	end if;
	if tg_op = 'INSERT' then
		if new.state not in ('submitted', 'returned') or new.assigned_to is not null then
			raise exception '新申请只能是“受理”或“补正”状态，且不能预先分配'
				using errcode = '42501';
		end if;
		return new;
	end if;
	if new.state is distinct from old.state then
		raise exception '不能直接修改申请状态（% → %），请通过 jz.transition() 办理', old.state, new.state
			using errcode = '42501',
			      hint = '状态变更须符合 jz.transitions 中的规则。';
	end if;
	if new.assigned_to is distinct from old.assigned_to then
		raise exception '不能直接修改承办人，请用“领取”或 jz.assign()' using errcode = '42501';
	end if;
	if new.notify_by is distinct from old.notify_by
	   or new.notify_by_certain is distinct from old.notify_by_certain then
		raise exception '告知期限由系统计算，不能直接修改' using errcode = '42501';
	end if;
	return new;
end $$;
revoke all on function jz.applications_guard() from public;
-- after applications_fill (alphabetical), which moves the clock on a state change
create trigger applications_guard before insert or update on jz.applications
	for each row execute function jz.applications_guard();

-- Every open queue hears of any change to an application (a submit, a
-- transition, an edit): payload "<community_id>:<application_id>". One
-- transaction's identical notifications arrive once.
create function jz.applications_notify() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
begin
	perform pg_notify('jz_queue', new.community_id::text || ':' || new.id::text);
	return null;
end $$;
revoke all on function jz.applications_notify() from public;
create trigger applications_notify after insert or update on jz.applications
	for each row execute function jz.applications_notify();
