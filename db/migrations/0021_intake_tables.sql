-- 0021 intake tables: persons, households, members, applications, their
-- categories and proofs, the per-community-per-year number counter, drafts.
-- Every table carries community_id (DESIGN §9); money is integer fen.

-- GB 11643-1999 check character (ISO 7064 MOD 11-2), usable in CHECKs.
create function jz.id_check_ok(idnum text) returns boolean
language sql immutable strict parallel safe as $$
	select idnum ~ '^[0-9]{17}[0-9X]$'
	   and substr('10X98765432',
		(select sum(substr(idnum, i, 1)::int * (array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i])
		   from generate_series(1, 17) i)::int % 11 + 1, 1) = substr(idnum, 18, 1)
$$;

-- Age in whole years on a day.
create function jz.age_on(birth date, d date) returns int
language sql immutable strict parallel safe as $$
	select extract(year from age(d, birth))::int
$$;

create table jz.persons (
	id bigserial primary key,
	community_id int not null references jz.communities(id),  -- community that holds the record
	id_number char(18) not null unique
		check (jz.id_check_ok(id_number)),
	name text not null check (char_length(name) between 1 and 30 and name !~ '^\s|\s$'),
	sex char(1) not null check (sex in ('M', 'F')),
	birth_date date not null,
	ethnic char(2) check (ethnic ~ '^(0[1-9]|[1-4][0-9]|5[0-6])$'),  -- GB 3304
	phone text check (phone ~ '^[0-9+\-]{7,20}$'),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version int not null default 1,
	-- sex and birth date are derived from the number, never typed twice
	check (substr(id_number, 7, 8) = to_char(birth_date, 'YYYYMMDD')),
	check (sex = case when substr(id_number, 17, 1)::int % 2 = 1 then 'M' else 'F' end),
	unique (id, id_number)   -- target of proofs' composite key
);
create index persons_community_idx on jz.persons (community_id, name);

create table jz.households (
	id bigserial primary key,
	community_id int not null references jz.communities(id),
	hukou_address text check (char_length(hukou_address) <= 200),   -- 户籍地址
	address text check (char_length(address) <= 200),               -- 现住址
	hukou_type text references jz.hukou_types(code),                 -- 户籍性质
	housing text check (char_length(housing) <= 100),                -- e.g. 公租房 40㎡
	vehicle text check (char_length(vehicle) <= 100),
	savings_fen bigint not null default 0 check (savings_fen >= 0),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version int not null default 1
);
create index households_community_idx on jz.households (community_id, id);

create table jz.household_members (
	household_id bigint not null references jz.households(id) on delete cascade,
	person_id bigint not null unique references jz.persons(id),  -- at most one household
	community_id int not null references jz.communities(id),
	relationship text not null references jz.relationships(code),
	employment text references jz.employment_statuses(code),
	health text references jz.health_statuses(code),
	disability_category smallint references jz.disability_categories(code),
	disability_grade smallint check (disability_grade between 1 and 4),
	income_wages_fen bigint not null default 0 check (income_wages_fen >= 0),
	income_business_fen bigint not null default 0 check (income_business_fen >= 0),
	income_property_fen bigint not null default 0 check (income_property_fen >= 0),
	income_pension_fen bigint not null default 0 check (income_pension_fen >= 0),
	income_support_fen bigint not null default 0 check (income_support_fen >= 0),
	income_other_fen bigint not null default 0 check (income_other_fen >= 0),
	primary key (household_id, person_id),
	check ((disability_category is null) = (disability_grade is null))
);
create index household_members_community_idx on jz.household_members (community_id, household_id);

create table jz.application_counters (
	community_id int not null references jz.communities(id),
	year int not null,
	last int not null default 0,
	primary key (community_id, year)
);

create table jz.applications (
	id bigserial primary key,
	community_id int not null references jz.communities(id),
	household_id bigint not null references jz.households(id),
	applicant_id bigint not null references jz.persons(id),
	number text not null unique,   -- <community code>-<year>-<6-digit sequence>, set by trigger
	state text not null default 'submitted' references jz.application_states(code),
	reason text check (char_length(reason) <= 2000),
	submitted_at timestamptz not null default now(),
	notify_by date,
	notify_by_certain boolean,
	idempotency_key uuid unique,
	created_by text not null default session_user,
	updated_at timestamptz not null default now(),
	version int not null default 1
);
create index applications_community_state_idx on jz.applications (community_id, state, submitted_at, id);
create index applications_household_idx on jz.applications (household_id);
create index applications_applicant_idx on jz.applications (applicant_id);

create table jz.application_categories (
	application_id bigint not null references jz.applications(id) on delete cascade,
	category text not null references jz.categories(code) check (category <> '*'),
	member_id bigint references jz.persons(id),
	community_id int not null references jz.communities(id),
	unique nulls not distinct (application_id, category, member_id)
);
create index application_categories_community_idx on jz.application_categories (community_id, category);

create table jz.proofs (
	id bigserial primary key,
	application_id bigint not null references jz.applications(id) on delete cascade,
	community_id int not null references jz.communities(id),
	doc_kind text not null references jz.doc_kinds(code),
	person_id bigint,
	person_id_number char(18),   -- filled by trigger; lets the CHECK below see the ID number
	seen boolean not null default false,
	number text check (char_length(number) <= 60),
	issuer text check (char_length(issuer) <= 100),
	valid_until date,
	checked_by text not null default session_user,
	checked_at timestamptz not null default now(),
	foreign key (person_id, person_id_number) references jz.persons(id, id_number)
		match full on update cascade,
	-- 残疾人证: the member's 18-character ID + category 1-7 + grade 1-4 [+ B1-B9]
	constraint proofs_disability_cert_number check (doc_kind <> 'disability_cert' or number is null
		or (number ~ '^[0-9]{17}[0-9X][1-7][1-4](B[1-9])?$' and left(number, 18) = person_id_number)),
	-- a number, when given, is not blank (unemployment papers: free text, required non-empty)
	check (number is null or number ~ '\S')
);
create index proofs_application_idx on jz.proofs (application_id, doc_kind);
create index proofs_community_idx on jz.proofs (community_id, application_id);

-- Drafts: the form as the TUI holds it, saved on every field exit. Private to
-- the staff member who typed it (RLS in 0024).
create table jz.drafts (
	id bigserial primary key,
	login text not null default session_user,
	community_id int references jz.communities(id),
	form jsonb not null default '{}',
	updated_at timestamptz not null default now(),
	version int not null default 1
);
create index drafts_login_idx on jz.drafts (login, updated_at desc);

-- Proofs: copy the person's ID number so the CHECK can compare it.
create function jz.proofs_fill() returns trigger language plpgsql as $$
begin
	if new.person_id is not null then
		select id_number into new.person_id_number from jz.persons where id = new.person_id;
	else
		new.person_id_number := null;
	end if;
	return new;
end $$;
create trigger proofs_fill before insert or update of person_id on jz.proofs
	for each row execute function jz.proofs_fill();

-- Persons: the ID's area code must exist once the area table is loaded.
create function jz.persons_check() returns trigger language plpgsql as $$
begin
	new.id_number := upper(new.id_number);
	if not jz.id_area_ok(new.id_number) then
		raise exception using errcode = '23514',
			message = format('身份证号 %s 的地区码 %s 不存在', new.id_number, left(new.id_number, 6));
	end if;
	if tg_op = 'UPDATE' then
		new.updated_at := now();
	end if;
	return new;
end $$;
create trigger persons_check before insert or update of id_number on jz.persons
	for each row execute function jz.persons_check();

-- Audit every table holding personal data (drafts excepted: saved per field
-- exit, they would flood the log; they never leave their owner).
create trigger persons_audit after insert or update or delete on jz.persons
	for each row execute function jz.audit_row('id');
create trigger households_audit after insert or update or delete on jz.households
	for each row execute function jz.audit_row('id');
create trigger household_members_audit after insert or update or delete on jz.household_members
	for each row execute function jz.audit_row('household_id', 'person_id');
create trigger applications_audit after insert or update or delete on jz.applications
	for each row execute function jz.audit_row('id');
create trigger application_categories_audit after insert or update or delete on jz.application_categories
	for each row execute function jz.audit_row('application_id', 'category', 'member_id');
create trigger proofs_audit after insert or update or delete on jz.proofs
	for each row execute function jz.audit_row('id');
