-- 0136: a home visit is logged done or missed only once it has started.
--
-- The week grid (tui/scr_week.c, keys d and x) refuses it early; this is the
-- rule itself, for every client. A visit whose slot starts later than now
-- cannot be inserted as done or missed, nor set to done or missed, nor (done
-- or missed) moved to a later slot. Cancelling a future visit stays allowed,
-- and a done or missed row whose status and slot stay as they are (a note
-- changed) is not checked again. The time in the message is office time.
--
-- SQLSTATE (class JZ; JZ030-JZ032 are 0070's):
--   JZ035  a visit logged done or missed before its start

create function jz.visits_not_ahead() returns trigger
language plpgsql
set search_path = pg_catalog, jz
as $$
begin
	if new.status not in ('done', 'missed') or lower(new.slot) <= now() then
		return new;
	end if;
	if tg_op = 'UPDATE' and new.status = old.status and new.slot = old.slot then
		return new;   -- logged before this rule, or a note changed
	end if;
	raise exception '这次探访 % 才开始，到时间后才能记为完成或未到',
		to_char(lower(new.slot) at time zone jz.office_tz(), 'YYYY-MM-DD HH24:MI')
		using errcode = 'JZ035';
end $$;
create trigger visits_not_ahead before insert or update on jz.visits
	for each row execute function jz.visits_not_ahead();

revoke all on function jz.visits_not_ahead() from public;
grant execute on function jz.visits_not_ahead() to jz_caseworker, jz_supervisor;
