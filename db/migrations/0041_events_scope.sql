-- 0041 the workflow's event trail (0030) is scoped like every other table
-- with personal data (0040: the administrator too, by communities). Written
-- conditionally so it also applies where 0030 is absent.
do $$
begin
	if to_regclass('jz.application_events') is not null then
		drop policy if exists community_scope on jz.application_events;
		create policy community_scope on jz.application_events for select
			using (community_id in (select jz.my_community_ids()));
	end if;
end $$;
