-- 0085: who an active plan covers for a kind of service, in ONE place.
-- jz.plan_member_has (0081, the enrolment triggers' check, not granted to
-- staff) and the screens' lists of people who may be enrolled both read
-- jz.plan_members. It is SECURITY INVOKER and inlinable (plain SQL, no SET),
-- so a caseworker's list is scoped by row-level security and the person
-- filter of plan_member_has reaches the indexes of both arms.
create function jz.plan_members(p_kind text, p_on date) returns table (person_id bigint)
language sql stable
as $$
	-- an item naming the person
	select i.person_id
	  from jz.plans p join jz.plan_items i on i.plan_id = p.id and i.kind = p_kind
	 where p.state = 'active' and p.start_date <= p_on and p.end_date >= p_on - 31
	   and i.person_id is not null
	union all
	-- an item naming nobody: the whole household
	select m.person_id
	  from jz.plans p join jz.plan_items i on i.plan_id = p.id and i.kind = p_kind
	  join jz.household_members m on m.household_id = p.household_id
	 where p.state = 'active' and p.start_date <= p_on and p.end_date >= p_on - 31
	   and i.person_id is null
$$;
revoke execute on function jz.plan_members(text, date) from public;
grant execute on function jz.plan_members(text, date) to jz_caseworker, jz_supervisor, jz_admin;

create or replace function jz.plan_member_has(p_person bigint, p_kind text, p_on date) returns boolean
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	select exists (select 1 from jz.plan_members(p_kind, p_on) x where x.person_id = p_person)
$$;
