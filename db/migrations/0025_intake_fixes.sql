-- 0025 the completeness trigger runs for whoever writes (a receptionist with
-- plain SQL too): it calls jz.application_check, which staff may not call
-- directly, so the trigger function runs as its owner.
alter function jz.application_check_trigger() security definer;
revoke all on function jz.application_check_trigger() from public;
