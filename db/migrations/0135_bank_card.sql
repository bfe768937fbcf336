-- 0135: the payee's bank card, so the month's payment list can go to the bank.
--   * jz.persons.bank_card: 12-19 digits, under the table's grants, row-level
--     security and audit trigger like the phone;
--   * jz.application_contact_bank(number): jz.application_contact and the card;
--   * jz.update_application_contact(app, version, phone, address, reason,
--     bank_card): the 5-argument one and the card, logged in
--     jz.application_contact_log like the phone (the 5-argument one stays,
--     leaving the card as it is);
--   * jz.payment_bank_list(month): jz.payment_list with the holder and card.

alter table jz.persons add column bank_card text check (bank_card ~ '^[0-9]{12,19}$');

alter table jz.application_contact_log drop constraint application_contact_log_field_check;
alter table jz.application_contact_log add constraint application_contact_log_field_check
	check (field in ('phone', 'address', 'bank_card'));

-- Runs as the caller, as jz.application_contact does.
create function jz.application_contact_bank(p_number text)
returns table (id bigint, number text, applicant text, state text, state_name text,
	       phone text, address text, reason text, version int, bank_card text)
language sql stable
set search_path = pg_catalog, jz
as $$
	select a.id, a.number, p.name, a.state, s.name, p.phone, h.address, a.reason, a.version,
	       p.bank_card
	  from jz.applications a
	  join jz.persons p on p.id = a.applicant_id
	  join jz.households h on h.id = a.household_id
	  join jz.application_states s on s.code = a.state
	 where a.number = btrim(p_number)
	    or a.id = case when btrim(p_number) ~ '^[0-9]{1,18}$' then btrim(p_number)::bigint end
$$;
grant execute on function jz.application_contact_bank(text)
	to jz_reception, jz_caseworker, jz_supervisor, jz_admin;

-- Empty text is no value; the card's spaces are dropped.
create or replace function jz.update_application_contact(p_app bigint, p_expected_version int,
					       p_phone text, p_address text, p_reason text,
					       p_bank_card text)
returns int
language plpgsql security definer
set search_path = pg_catalog, jz
as $$
declare
	a jz.applications;
	old_phone text;
	old_card text;
	old_address text;
	new_phone text := nullif(btrim(p_phone), '');
	new_card text := nullif(replace(p_bank_card, ' ', ''), '');
	new_address text := nullif(btrim(p_address), '');
	new_reason text := nullif(btrim(p_reason), '');
	detail jsonb;
	v int;
begin
	if not (pg_has_role(session_user, 'jz_reception', 'MEMBER')
		or pg_has_role(session_user, 'jz_caseworker', 'MEMBER')
		or pg_has_role(session_user, 'jz_supervisor', 'MEMBER')) then
		raise exception 'Your role may not edit applications.' using errcode = '42501';
	end if;
	perform jz.app_in_my_communities(p_app);
	select * into a from jz.applications where id = p_app for update;
	if a.version is distinct from p_expected_version then
		select coalesce(jsonb_agg(jsonb_build_object(
				'field', c.field, 'old', jz.cut_text(c.old_value, 24),
				'new', jz.cut_text(c.new_value, 24), 'who', c.actor_name,
				'at', to_char(c.at, 'YYYY-MM-DD HH24:MI')) order by c.version, c.field), '[]')
		  into detail
		  from jz.application_changes_since(p_app, p_expected_version) c;
		raise exception 'Changed by someone else since you opened it.' using errcode = 'JZ014',
			detail = detail::text, hint = a.version::text;
	end if;
	select p.phone, p.bank_card into old_phone, old_card from jz.persons p where p.id = a.applicant_id;
	select h.address into old_address from jz.households h where h.id = a.household_id;
	if old_phone is not distinct from new_phone and old_address is not distinct from new_address
	   and a.reason is not distinct from new_reason and old_card is not distinct from new_card then
		return a.version;
	end if;
	update jz.applications set reason = new_reason where id = p_app returning version into v;
	if old_phone is distinct from new_phone or old_card is distinct from new_card then
		update jz.persons set phone = new_phone, bank_card = new_card, version = version + 1,
		       updated_at = now()
		 where id = a.applicant_id;
	end if;
	if old_phone is distinct from new_phone then
		insert into jz.application_contact_log (application_id, community_id, version, field,
							old_value, new_value)
		values (p_app, a.community_id, v, 'phone', old_phone, new_phone);
	end if;
	if old_card is distinct from new_card then
		insert into jz.application_contact_log (application_id, community_id, version, field,
							old_value, new_value)
		values (p_app, a.community_id, v, 'bank_card', old_card, new_card);
	end if;
	if old_address is distinct from new_address then
		update jz.households set address = new_address, version = version + 1, updated_at = now()
		 where id = a.household_id;
		insert into jz.application_contact_log (application_id, community_id, version, field,
							old_value, new_value)
		values (p_app, a.community_id, v, 'address', old_address, new_address);
	end if;
	return v;
end
$$;
revoke all on function jz.update_application_contact(bigint, int, text, text, text, text) from public;
grant execute on function jz.update_application_contact(bigint, int, text, text, text, text)
	to jz_reception, jz_caseworker, jz_supervisor;

-- The bank's list: jz.payment_list's rows, the card's holder and number
-- (empty card: still listed, the screen counts them).
create function jz.payment_bank_list(p_month date)
returns table (payment_id bigint, community text, household_id bigint, payee text, id_number text,
	       kind text, amount_fen bigint, source text, month date, holder text, bank_card text)
language sql stable security definer
set search_path = pg_catalog, jz
as $$
	select l.payment_id, l.community, l.household_id, l.payee, l.id_number, l.kind, l.amount_fen,
	       l.source, l.month, pe.name, pe.bank_card
	  from jz.payment_list(p_month) with ordinality
	       as l(payment_id, community, household_id, payee, id_number, kind, amount_fen, source,
		    month, ord)
	  join jz.payments y on y.id = l.payment_id
	  left join jz.persons pe on pe.id = y.person_id
	 order by l.ord
$$;
revoke all on function jz.payment_bank_list(date) from public;
grant execute on function jz.payment_bank_list(date) to jz_supervisor, jz_admin;
