-- 0144: attendance and outcomes are recorded only once they can be known.
--
-- A counselling participant is marked present, or gives a satisfaction
-- answer, only on or after the activity's day; a trainee is marked
-- completed, or employed, only on or after the class's last day. Days are
-- the office's (jz.office_tz()). The screens (心理辅导, 技能培训) refuse it
-- early; this is the rule for every client. "Not attended" and no answer
-- stay allowed ahead (they are the defaults at enrolment).
--
-- SQLSTATE (class JZ; JZ035 is 0136's):
--   JZ036  attendance or an outcome recorded before the activity or class

create function jz.counselling_not_ahead() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	d date;
begin
	if not new.attended and new.satisfaction is null then
		return new;
	end if;
	select held_on into d from jz.counselling_activities where id = new.activity_id;
	if d is null or d <= (now() at time zone jz.office_tz())::date then
		return new;
	end if;
	raise exception '活动在 % 举行，到那天才能登记到场和满意度', to_char(d, 'YYYY-MM-DD')
		using errcode = 'JZ036';
end $$;
create trigger counselling_not_ahead before insert or update on jz.counselling_participants
	for each row execute function jz.counselling_not_ahead();

create function jz.training_not_ahead() returns trigger
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	d date;
begin
	if not new.completed and new.employed_on is null then
		return new;
	end if;
	select ends_on into d from jz.training_classes where id = new.class_id;
	if d is null or d <= (now() at time zone jz.office_tz())::date then
		return new;
	end if;
	raise exception '培训班 % 结束，到那天才能登记结业和就业', to_char(d, 'YYYY-MM-DD')
		using errcode = 'JZ036';
end $$;
create trigger training_not_ahead before insert or update on jz.training_enrolments
	for each row execute function jz.training_not_ahead();

revoke all on function jz.counselling_not_ahead(), jz.training_not_ahead() from public;
grant execute on function jz.counselling_not_ahead(), jz.training_not_ahead()
	to jz_caseworker, jz_supervisor, jz_admin;
