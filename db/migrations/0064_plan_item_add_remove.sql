-- 0064 adding and removing items of a proposed plan (issue 5: "a caseworker
-- may change an item only with a reason, recorded"). An added item is priced
-- by the 0061 trigger (policy on the plan's start date; a differing figure
-- needs deviation_reason); a removal needs a reason, kept with what the item
-- was in jz.plan_item_removals (the item row itself is gone).
--
-- SQLSTATEs: JZ004 no such plan/item/member in the caller's communities,
-- JZ011 role, JZ012 reason required, JZ014 version conflict, JZ020/JZ022 from
-- the item trigger, JZ021 plan submitted or decided, 23505 the same kind for
-- the same person is already in the plan.

create table jz.plan_item_removals (
	id bigserial primary key,
	plan_id bigint not null references jz.plans(id) on delete cascade,
	community_id int not null references jz.communities(id),
	item_id bigint not null,                  -- the removed jz.plan_items.id
	kind text not null references jz.plan_item_kinds(code),
	person_id bigint references jz.persons(id),
	value bigint,                             -- its figure in its kind's measure
	policy_value bigint,
	deviation_reason text,
	reason text not null check (char_length(reason) between 1 and 500),
	removed_by text not null default session_user,
	removed_at timestamptz not null default now()
);
create index plan_item_removals_plan_idx on jz.plan_item_removals (plan_id, id);
create index plan_item_removals_community_idx on jz.plan_item_removals (community_id, plan_id);

alter table jz.plan_item_removals enable row level security;
create policy community_scope on jz.plan_item_removals
	using (community_id in (select jz.my_community_ids()))
	with check (community_id in (select jz.my_community_ids()));
create trigger plan_item_removals_audit after insert or update or delete on jz.plan_item_removals
	for each row execute function jz.audit_row('plan_id', 'id');
grant select on jz.plan_item_removals to jz_reception, jz_caseworker, jz_supervisor, jz_admin;

-- Add an item to a proposed plan read at p_version: p_person null for the
-- whole household, else a member of the plan's household. Returns the
-- plan's new version (the plan row is touched so a second editor conflicts).
create function jz.plan_item_add(p_plan bigint, p_version int, p_kind text, p_person bigint,
				 p_value bigint, p_reason text) returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	p jz.plans;
	k jz.plan_item_kinds;
	v int;
begin
	if not pg_has_role(session_user, 'jz_caseworker', 'MEMBER') then
		raise exception '只有社工可以修改救助计划' using errcode = 'JZ011';
	end if;
	p := jz.plan_lock(p_plan, p_version);
	if p.state <> 'proposed' or p.submitted_at is not null then
		raise exception '计划已提交或已决定，不能再修改其项目' using errcode = 'JZ021';
	end if;
	select * into k from jz.plan_item_kinds where code = p_kind;
	if not found then
		raise exception '没有“%”这种救助项目', p_kind using errcode = '22023';
	end if;
	if p_person is not null and not exists (select 1 from jz.household_members m
			where m.household_id = p.household_id and m.person_id = p_person) then
		raise exception '此人不是该家庭的成员' using errcode = 'JZ004';
	end if;
	if exists (select 1 from jz.plan_items i where i.plan_id = p.id and i.kind = p_kind
		     and i.person_id is not distinct from p_person) then
		raise exception '计划中已有“%”（同一对象）', k.name using errcode = '23505';
	end if;
	insert into jz.plan_items (plan_id, community_id, person_id, kind, amount_fen, visits_per_week,
				   sessions_per_month, subsidy_pct, deviation_reason)
	values (p.id, p.community_id, p_person, p_kind,
		case when k.measure = 'amount_fen' then p_value end,
		case when k.measure = 'visits_per_week' then p_value::int end,
		case when k.measure = 'sessions_per_month' then p_value::int end,
		case when k.measure = 'subsidy_pct' then p_value::int end,
		p_reason);
	update jz.plans set updated_at = now() where id = p.id returning version into v;
	return v;
end $$;

-- Remove an item of a proposed plan, read at p_version, with a reason kept
-- in jz.plan_item_removals. Returns the removal's id.
create function jz.plan_item_remove(p_item bigint, p_version int, p_reason text) returns bigint
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	i jz.plan_items;
	p jz.plans;
	-- blank includes tabs, newlines and the ideographic space
	reason text := nullif(btrim(coalesce(p_reason, ''), E' \t\r\n\u3000'), '');
	rid bigint;
begin
	if not pg_has_role(session_user, 'jz_caseworker', 'MEMBER') then
		raise exception '只有社工可以修改救助计划' using errcode = 'JZ011';
	end if;
	select * into i from jz.plan_items where id = p_item
	   and community_id in (select jz.my_community_ids()) for update;
	if not found then
		raise exception '计划项目 % 不存在，或不属于您负责的社区', p_item using errcode = 'JZ004';
	end if;
	select * into p from jz.plans where id = i.plan_id for update;
	if p.state <> 'proposed' or p.submitted_at is not null then
		raise exception '计划已提交或已决定，不能再修改其项目' using errcode = 'JZ021';
	end if;
	if p_version is null or i.version <> p_version then
		raise exception '计划项目已被他人修改，请重新打开' using errcode = 'JZ014';
	end if;
	if reason is null then
		raise exception '删除计划项目须填写理由' using errcode = 'JZ012';
	end if;
	insert into jz.plan_item_removals (plan_id, community_id, item_id, kind, person_id, value, policy_value,
					   deviation_reason, reason)
	values (i.plan_id, i.community_id, i.id, i.kind, i.person_id,
		coalesce(i.amount_fen, i.visits_per_week, i.sessions_per_month, i.subsidy_pct),
		i.policy_value, i.deviation_reason, reason)
	returning id into rid;
	delete from jz.plan_items where id = i.id;
	return rid;
end $$;

revoke all on function jz.plan_item_add(bigint, int, text, bigint, bigint, text),
	jz.plan_item_remove(bigint, int, text) from public;
grant execute on function jz.plan_item_add(bigint, int, text, bigint, bigint, text),
	jz.plan_item_remove(bigint, int, text) to jz_caseworker;
