-- 0145 the supervisor's 审批 list is live: a plan submitted, decided or
-- moved to another state is heard on the queues' channel (0030), payload
-- "<community_id>:<application_id>" as there. A submit changes only the
-- plan (the application stays assessed), so the applications' own notify
-- never told anyone that a plan was waiting.
create function jz.plans_notify() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
begin
	perform pg_notify('jz_queue', new.community_id::text || ':' || new.application_id::text);
	return null;
end $$;
revoke all on function jz.plans_notify() from public;
-- only what the list shows changes: not every edit of a proposal
create trigger plans_notify_insert after insert on jz.plans
	for each row when (new.state <> 'proposed' or new.submitted_at is not null)
	execute function jz.plans_notify();
create trigger plans_notify_update after update on jz.plans
	for each row when (old.state is distinct from new.state
			   or old.submitted_at is distinct from new.submitted_at)
	execute function jz.plans_notify();
