-- 0063 approved plans become active on their start date without anyone
-- opening 审批 (issue 5): the clock, not a person, makes approved -> active,
-- so jz.plan_activate() moves the application with jz.wf_move() (the row
-- approved -> active must still be in jz.transitions) instead of
-- jz.transition(), whose role check would refuse the caseworker whose login
-- or 回访 queue happens to run the job. jz.plans_activate_due() may now be
-- called by caseworkers and supervisors (their communities) and by the
-- owner or a superuser (every community: `jiuzhu daily` from cron).

create or replace function jz.plan_activate(p_plan bigint) returns void
language plpgsql
set search_path = pg_catalog, jz
as $$
declare
	p jz.plans;
	a jz.applications;
begin
	select * into p from jz.plans where id = p_plan for update;
	update jz.plans set state = 'closed', closed_at = now(), close_reason = '由新计划替代'
	 where application_id = p.application_id and state = 'active' and id <> p.id;
	delete from jz.follow_ups f using jz.plans x
	 where f.plan_id = x.id and x.application_id = p.application_id and x.id <> p.id and f.outcome is null;
	update jz.plans set state = 'active', activated_at = now() where id = p.id;
	select * into a from jz.applications where id = p.application_id for update;
	if a.state = 'approved' then
		if not exists (select 1 from jz.transitions where from_state = 'approved' and to_state = 'active') then
			raise exception '状态表中没有“已批准→救助中”，计划 % 不能启动', p.id using errcode = 'JZ010';
		end if;
		perform jz.wf_move(a.id, 'active', format('计划自 %s 起执行', p.start_date), a.assigned_to);
	end if;
	perform jz.plan_schedule(p.id);
end $$;

create or replace function jz.plans_activate_due() returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	r record;
	n int := 0;
	everywhere boolean := pg_has_role(session_user,
		(select nspowner from pg_namespace where nspname = 'jz'), 'MEMBER');
begin
	if not (everywhere or pg_has_role(session_user, 'jz_supervisor', 'MEMBER')
		or pg_has_role(session_user, 'jz_caseworker', 'MEMBER')) then
		raise exception '只有社工、主任/督导或每日任务可以启动救助计划' using errcode = 'JZ011';
	end if;
	for r in select id from jz.plans
		  where state = 'approved' and start_date <= current_date
		    and (everywhere or community_id in (select jz.my_community_ids()))
		  order by start_date, id
		  for update skip locked
	loop
		perform jz.plan_activate(r.id);
		n := n + 1;
	end loop;
	return n;
end $$;

revoke all on function jz.plans_activate_due() from public;
grant execute on function jz.plans_activate_due() to jz_caseworker, jz_supervisor;
