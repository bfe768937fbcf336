-- 0020 intake code tables: every list the intake form offers, and the
-- required-proof rules, are rows, so a policy change needs no recompile.

create table jz.application_states (
	code text primary key,
	name text not null,            -- Chinese label shown to staff
	is_open boolean not null,      -- an open application blocks a second one for its people
	sort int not null default 0
);
insert into jz.application_states (code, name, is_open, sort) values
	('submitted', '受理', true, 10),
	('returned',  '补正', true, 20);

-- '*' is the pseudo-category "every application" used by required_proof;
-- it is not selectable on the form.
create table jz.categories (
	code text primary key,
	name text not null,
	names_member boolean not null default false,  -- the category attaches to one member
	selectable boolean not null default true,
	sort int not null default 0
);
insert into jz.categories (code, name, names_member, selectable, sort) values
	('*',             '所有申请',   false, false, 0),
	('low_income',    '低收入家庭', false, true, 10),
	('elderly_alone', '孤寡老人',   false, true, 20),
	('disabled',      '残疾人',     true,  true, 30),
	('unemployed',    '失业人员',   true,  true, 40);

create table jz.doc_kinds (
	code text primary key,
	name text not null,
	number_required boolean not null default false,  -- a seen proof without a number does not count
	sort int not null default 0
);
insert into jz.doc_kinds (code, name, number_required, sort) values
	('id_card',            '居民身份证',               true,  10),
	('hukou',              '户口簿',                   false, 20),
	('finance_auth',       '家庭经济状况核查授权书',   false, 30),
	('pledge',             '承诺书',                   false, 40),
	('low_income_cert',    '低收入证明',               false, 50),
	('income_decl',        '收入申报',                 false, 60),
	('no_supporter',       '无法定赡养人声明',         false, 70),
	('disability_cert',    '残疾人证',                 true,  80),
	('employment_reg',     '就业失业登记证',           true,  90),
	('unemployment_proof', '失业证明',                 true, 100);

-- scope: household (one per application, person NULL), applicant, member (the
-- member the category names), each_adult, each_member (of the household).
-- Rows of one category with the same alt_group are alternatives: the group is
-- met when ANY one alternative is met completely.  alt_group NULL = own group.
create table jz.required_proof (
	id serial primary key,
	category text not null references jz.categories(code),
	doc_kind text not null references jz.doc_kinds(code),
	scope text not null check (scope in ('household', 'applicant', 'member', 'each_adult', 'each_member')),
	alt_group text,
	sort int not null default 0,
	unique (category, doc_kind, scope)
);
insert into jz.required_proof (category, doc_kind, scope, alt_group, sort) values
	('*',             'id_card',            'applicant',   null,  10),
	('*',             'hukou',              'household',   null,  20),
	('*',             'finance_auth',       'each_adult',  null,  30),
	('*',             'pledge',             'household',   null,  40),
	('low_income',    'low_income_cert',    'household',   'li',  10),
	('low_income',    'income_decl',        'each_member', 'li',  20),
	('elderly_alone', 'no_supporter',       'applicant',   null,  10),
	('disabled',      'disability_cert',    'member',      null,  10),
	('unemployed',    'employment_reg',     'member',      'un',  10),
	('unemployed',    'unemployment_proof', 'member',      'un',  20);

create table jz.employment_statuses (code text primary key, name text not null, sort int not null default 0);
insert into jz.employment_statuses values
	('preschool', '学龄前', 10), ('student', '在校', 20), ('employed', '在职', 30),
	('flexible', '灵活就业', 40), ('unemployed_reg', '登记失业', 50),
	('unemployed_unreg', '未登记失业', 60), ('retired', '退休', 70);

create table jz.health_statuses (code text primary key, name text not null, sort int not null default 0);
insert into jz.health_statuses values ('healthy', '健康', 10), ('chronic', '慢性病', 20), ('serious', '重病', 30);

create table jz.relationships (code text primary key, name text not null, sort int not null default 0);
insert into jz.relationships values
	('self', '本人', 0), ('spouse', '配偶', 10), ('child', '子女', 20), ('parent', '父母', 30),
	('grandparent', '祖父母/外祖父母', 40), ('grandchild', '孙子女/外孙子女', 50),
	('sibling', '兄弟姐妹', 60), ('other', '其他', 90);

-- 户籍性质
create table jz.hukou_types (code text primary key, name text not null, sort int not null default 0);
insert into jz.hukou_types values
	('urban', '非农业户口', 10), ('rural', '农业户口', 20), ('resident', '居民户口', 30);

create table jz.disability_categories (code smallint primary key check (code between 1 and 7), name text not null);
insert into jz.disability_categories values
	(1, '视力残疾'), (2, '听力残疾'), (3, '言语残疾'), (4, '肢体残疾'),
	(5, '智力残疾'), (6, '精神残疾'), (7, '多重残疾');
