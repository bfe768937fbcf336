/* intake.c - the 《救助申请表》 model: values, pages, checks, proofs, income.
 * The JSON side (writing, restoring by path) is in intake_json.c, the
 * field checks in intake_check.c. */
#include "intake_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "idnum.h"
#include "valid.h"

/* ---- code lists (mirror db/migrations/0020; the database checks again) ---- */

static const intake_choice hukou_list[] = {
	{ "urban", N_("non-agricultural hukou") },
	{ "rural", N_("agricultural hukou") },
	{ "resident", N_("resident hukou") },
};
static const intake_choice rel_list[] = {
	{ "spouse", N_("spouse") }, { "child", N_("child") }, { "parent", N_("parent") },
	{ "grandparent", N_("grandparent") }, { "grandchild", N_("grandchild") },
	{ "sibling", N_("sibling") }, { "other", N_("other relative") },
};
static const intake_choice employ_list[] = {
	{ "preschool", N_("preschool") }, { "student", N_("in school") },
	{ "employed", N_("employed") }, { "flexible", N_("flexible employment") },
	{ "unemployed_reg", N_("registered unemployed") },
	{ "unemployed_unreg", N_("unregistered unemployed") }, { "retired", N_("retired") },
};
static const intake_choice health_list[] = {
	{ "healthy", N_("healthy") }, { "chronic", N_("chronic illness") },
	{ "serious", N_("serious illness") },
};
static const intake_choice discat_list[] = {
	{ "1", N_("visual") }, { "2", N_("hearing") }, { "3", N_("speech") },
	{ "4", N_("physical") }, { "5", N_("intellectual") }, { "6", N_("mental") },
	{ "7", N_("multiple") },
};
static const intake_choice grade_list[] = {
	{ "1", N_("grade 1 (most severe)") }, { "2", N_("grade 2") },
	{ "3", N_("grade 3") }, { "4", N_("grade 4") },
};
static const intake_choice yesno_list[] = {
	{ "y", N_("yes") }, { "", N_("no") },
};

static const char *const cat_codes[IC_COUNT] = {
	"low_income", "elderly_alone", "disabled", "unemployed",
};
static const char *const cat_names[IC_COUNT] = {
	N_("Low-income household"), N_("Elderly living alone"),
	N_("Disabled person"), N_("Unemployed person"),
};

const intake_choice *intake_list_choices(intake_list l, size_t *n)
{
#define L(a) do { *n = sizeof(a) / sizeof((a)[0]); return (a); } while (0)
	switch (l) {
	case INTAKE_LIST_HUKOU: L(hukou_list);
	case INTAKE_LIST_RELATIONSHIP: L(rel_list);
	case INTAKE_LIST_EMPLOYMENT: L(employ_list);
	case INTAKE_LIST_HEALTH: L(health_list);
	case INTAKE_LIST_DIS_CATEGORY: L(discat_list);
	case INTAKE_LIST_DIS_GRADE: L(grade_list);
	case INTAKE_LIST_YESNO: L(yesno_list);
	case INTAKE_LIST_NONE:
	case INTAKE_LIST_COMMUNITY:
	case INTAKE_LIST_ETHNIC:
	case INTAKE_LIST_MEMBER:
	default:
		*n = 0;
		return NULL;
	}
#undef L
}

const char *intake_doc_name(const intake_form *f, const char *kind)
{
	for (size_t i = 0; i < f->n_rules; i++)
		if (strcmp(f->rules[i].kind, kind) == 0 && f->rules[i].doc_name[0])
			return f->rules[i].doc_name;
	return kind;
}

int intake_scope_parse(const char *code)
{
	static const char *const names[] = {
		[INTAKE_SCOPE_HOUSEHOLD] = "household",
		[INTAKE_SCOPE_APPLICANT] = "applicant",
		[INTAKE_SCOPE_MEMBER] = "member",
		[INTAKE_SCOPE_EACH_ADULT] = "each_adult",
		[INTAKE_SCOPE_EACH_MEMBER] = "each_member",
	};
	for (size_t i = 0; code && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i], code) == 0)
			return (int)i;
	return -1;
}

bool intake_set_rules(intake_form *f, const intake_rule *rules, size_t n)
{
	intake_rule *copy = NULL;
	if (n) {
		if (!(copy = malloc(n * sizeof *copy)))
			return false;
		memcpy(copy, rules, n * sizeof *copy);
	}
	free(f->rules);
	f->rules = copy;
	f->n_rules = n;
	intake_proofs_sync(f);
	return true;
}

/* intake_cat of a category code; -1 for "*" and for a category this form
 * does not offer (its rules cannot apply). */
static int cat_index(const char *code, bool *every)
{
	*every = strcmp(code, "*") == 0;
	for (int c = 0; c < IC_COUNT; c++)
		if (strcmp(cat_codes[c], code) == 0)
			return c;
	return -1;
}

const char *intake_cat_code(int cat)
{
	return cat >= 0 && cat < IC_COUNT ? cat_codes[cat] : "";
}

/* ---- lifetime ---- */

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

static bool member_init(intake_member *m)
{
	for (int i = 0; i < IM_COUNT; i++)
		if (!(m->v[i] = dup("")))
			return false;
	return true;
}

static void member_finish(intake_member *m)
{
	for (int i = 0; i < IM_COUNT; i++)
		free(m->v[i]);
}

static void proof_finish(intake_proof *p)
{
	for (int i = 0; i < IP_COUNT; i++)
		free(p->v[i]);
}

intake_form *intake_form_create(int today_y, int today_m, int today_d)
{
	intake_form *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->today_y = today_y;
	f->today_m = today_m;
	f->today_d = today_d;
	for (int i = 0; i < IH_COUNT; i++)
		if (!(f->h[i] = dup("")))
			goto fail;
	for (int i = 0; i < IC_COUNT; i++)
		if (!(f->cat[i] = dup("")) || !(f->cat_member[i] = dup("")))
			goto fail;
	if (intake_member_add(f) != 0)
		goto fail;
	return f;
fail:
	intake_form_destroy(f);
	return NULL;
}

void intake_form_destroy(intake_form *f)
{
	if (!f)
		return;
	for (int i = 0; i < IH_COUNT; i++)
		free(f->h[i]);
	for (int i = 0; i < IC_COUNT; i++) {
		free(f->cat[i]);
		free(f->cat_member[i]);
	}
	for (size_t i = 0; i < f->n_members; i++)
		member_finish(&f->m[i]);
	free(f->m);
	for (size_t i = 0; i < f->n_proofs; i++)
		proof_finish(&f->p[i]);
	free(f->p);
	free(f->pend);
	free(f->pend_decl);
	free(f->rules);
	free(f);
}

int intake_member_add(intake_form *f)
{
	intake_member *m = realloc(f->m, (f->n_members + 1) * sizeof *m);
	if (!m)
		return -1;
	f->m = m;
	memset(&m[f->n_members], 0, sizeof *m);
	if (!member_init(&m[f->n_members])) {
		member_finish(&m[f->n_members]);
		return -1;
	}
	return (int)f->n_members++;
}

bool intake_member_remove(intake_form *f, int row)
{
	if (row <= 0 || (size_t)row >= f->n_members)
		return false;
	member_finish(&f->m[row]);
	memmove(&f->m[row], &f->m[row + 1], (f->n_members - (size_t)row - 1) * sizeof f->m[0]);
	f->n_members--;
	intake_proofs_sync(f);
	return true;
}

/* ---- values ---- */

static char **slot(intake_form *f, intake_ref r)
{
	switch (r.area) {
	case INTAKE_AREA_HOUSEHOLD:
		return r.idx >= 0 && r.idx < IH_COUNT ? &f->h[r.idx] : NULL;
	case INTAKE_AREA_MEMBER:
		if (r.row < 0 || (size_t)r.row >= f->n_members || r.idx < 0 || r.idx >= IM_COUNT)
			return NULL;
		return &f->m[r.row].v[r.idx];
	case INTAKE_AREA_CATEGORY:
		if (r.row < 0 || r.row >= IC_COUNT)
			return NULL;
		return r.idx == 0 ? &f->cat[r.row] : &f->cat_member[r.row];
	case INTAKE_AREA_PROOF:
		if (r.row < 0 || (size_t)r.row >= f->n_proofs || r.idx < 0 || r.idx >= IP_COUNT)
			return NULL;
		return &f->p[r.row].v[r.idx];
	case INTAKE_AREA_NONE:
	case INTAKE_AREA_COMPUTED:
	default:
		return NULL;
	}
}

const char *intake_get(const intake_form *f, intake_ref r)
{
	char **s = slot((intake_form *)f, r);
	return s && *s ? *s : "";
}

bool intake_set(intake_form *f, intake_ref r, const char *utf8)
{
	char **s = slot(f, r);
	char *n;
	if (!s || !(n = dup(utf8)))
		return false;
	free(*s);
	*s = n;
	/* who needs which paper follows categories and ID numbers */
	if (r.area == INTAKE_AREA_CATEGORY || (r.area == INTAKE_AREA_MEMBER && r.idx == IM_ID))
		intake_proofs_sync(f);
	return true;
}

/* ---- figures ---- */

int64_t intake_total_income(const intake_form *f)
{
	int64_t sum = 0;
	for (size_t i = 0; i < f->n_members; i++)
		for (int k = 0; k < IM_INC_COUNT; k++) {
			int64_t fen;
			if (valid_yuan(f->m[i].v[IM_INC_FIRST + k], &fen, NULL, 0) == VALID_OK)
				sum += fen;
		}
	return sum;
}

int64_t intake_per_capita_income(const intake_form *f)
{
	return f->n_members ? intake_total_income(f) / (int64_t)f->n_members : 0;
}

static bool member_idnum(const intake_form *f, int row, idnum *id)
{
	if (row < 0 || (size_t)row >= f->n_members)
		return false;
	return idnum_parse(f->m[row].v[IM_ID], f->today_y, f->today_m, f->today_d, id) == IDNUM_OK;
}

bool intake_member_adult(const intake_form *f, int row)
{
	idnum id;
	return member_idnum(f, row, &id) && idnum_age_on(&id, f->today_y, f->today_m, f->today_d) >= 18;
}

int intake_category_by_code(const char *code)
{
	for (int c = 0; code && c < IC_COUNT; c++)
		if (!strcmp(code, cat_codes[c]))
			return c;
	return -1;
}

int intake_member_by_id(const intake_form *f, const char *id18)
{
	if (!id18 || !*id18)
		return -1;
	for (size_t i = 0; i < f->n_members; i++)
		if (strcmp(f->m[i].v[IM_ID], id18) == 0)
			return (int)i;
	return -1;
}

/* ---- proofs ---- */

static int find_proof(const intake_proof *p, size_t n, const char *kind, const char *person)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(p[i].kind, kind) == 0 && strcmp(p[i].person, person) == 0)
			return (int)i;
	return -1;
}

int intake_proof_find_or_add(intake_form *f, const char *kind, const char *person)
{
	int i = find_proof(f->p, f->n_proofs, kind, person);
	return i >= 0 ? i : intake_proof_add(f, kind, person);
}

int intake_proof_add(intake_form *f, const char *kind, const char *person)
{
	intake_proof *np = realloc(f->p, (f->n_proofs + 1) * sizeof *np);
	if (!np)
		return -1;
	f->p = np;
	intake_proof *p = &f->p[f->n_proofs];
	memset(p, 0, sizeof *p);
	snprintf(p->kind, sizeof p->kind, "%s", kind);
	snprintf(p->person, sizeof p->person, "%s", person);
	for (int k = 0; k < IP_COUNT; k++)
		if (!(p->v[k] = dup(""))) {
			proof_finish(p);
			return -1;
		}
	return (int)f->n_proofs++;
}

/* Move (or create) the proof (kind, person) to position *at, marked needed. */
static void need(intake_form *f, size_t *at, const char *kind, const char *person)
{
	int i = find_proof(f->p, f->n_proofs, kind, person);
	if (i >= 0 && (size_t)i < *at)
		return;   /* already needed by an earlier rule */
	if (i < 0 && (i = intake_proof_find_or_add(f, kind, person)) < 0)
		return;
	intake_proof tmp = f->p[i];
	memmove(&f->p[*at + 1], &f->p[*at], ((size_t)i - *at) * sizeof tmp);
	f->p[*at] = tmp;
	f->p[*at].needed = true;
	(*at)++;
}

void intake_proofs_sync(intake_form *f)
{
	size_t at = 0;

	for (size_t i = 0; i < f->n_proofs; i++)
		f->p[i].needed = false;
	for (size_t r = 0; r < f->n_rules; r++) {
		const intake_rule *ru = &f->rules[r];
		bool every;
		int cat = cat_index(ru->category, &every);
		if (!every && (cat < 0 || strcmp(f->cat[cat], "y") != 0))
			continue;
		switch (ru->scope) {
		case INTAKE_SCOPE_HOUSEHOLD:
			need(f, &at, ru->kind, "");
			break;
		case INTAKE_SCOPE_APPLICANT:
			if (f->m[0].v[IM_ID][0])
				need(f, &at, ru->kind, f->m[0].v[IM_ID]);
			break;
		case INTAKE_SCOPE_MEMBER:
			/* "every application" names no member */
			if (cat >= 0 && intake_member_by_id(f, f->cat_member[cat]) >= 0)
				need(f, &at, ru->kind, f->cat_member[cat]);
			break;
		case INTAKE_SCOPE_EACH_ADULT:
		case INTAKE_SCOPE_EACH_MEMBER:
			for (size_t m = 0; m < f->n_members; m++)
				if (f->m[m].v[IM_ID][0] &&
				    (ru->scope == INTAKE_SCOPE_EACH_MEMBER || intake_member_adult(f, (int)m)))
					need(f, &at, ru->kind, f->m[m].v[IM_ID]);
			break;
		default:
			break;
		}
	}
}

/* ---- pages ---- */

const char *intake_page_name(int page)
{
	static const char *const names[INTAKE_PAGES] = {
		N_("Applicant"), N_("Household members"), N_("Income and assets"),
		N_("Categories and proofs"), N_("Reason and declarations"),
	};
	return page >= 0 && page < INTAKE_PAGES ? _(names[page]) : "";
}

typedef struct items {
	intake_item *v;
	size_t n, cap;
} items;

static intake_item *add(items *l, intake_area a, int row, int idx, intake_kind k,
			const char *label, int width)
{
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 32;
		intake_item *nv = realloc(l->v, nc * sizeof *nv);
		if (!nv)
			return NULL;
		l->v = nv;
		l->cap = nc;
	}
	intake_item *it = &l->v[l->n++];
	memset(it, 0, sizeof *it);
	it->ref = (intake_ref){ .area = a, .row = row, .idx = idx };
	it->kind = k;
	it->width = width;
	it->max_chars = 100;
	snprintf(it->label, sizeof it->label, "%s", label);
	return it;
}

#define ADD(...) do { if (!(it = add(&l, __VA_ARGS__))) goto oom; } while (0)

static const char *const income_names[IM_INC_COUNT] = {
	N_("Wages"), N_("Business income"), N_("Property/rent"),
	N_("Pension"), N_("Support payments"), N_("Other income"),
};

static bool member_items(items *lp, const intake_form *f, int r)
{
	items l = *lp;
	intake_item *it;
	char head[96];
	const intake_member *m = &f->m[r];

	if (r == 0)
		snprintf(head, sizeof head, _("Member %d: %s (applicant)"), 1, m->v[IM_NAME]);
	else
		snprintf(head, sizeof head, _("Member %d: %s"), r + 1, m->v[IM_NAME]);
	ADD(INTAKE_AREA_MEMBER, r, -1, INTAKE_HEADING, head, 0);
	if (r > 0) {
		ADD(INTAKE_AREA_MEMBER, r, IM_NAME, INTAKE_NAME, _("Name"), 16);
		it->required = true, it->half = true, it->max_chars = VALID_NAME_MAX_CHARS;
		ADD(INTAKE_AREA_MEMBER, r, IM_ID, INTAKE_IDNUM, _("ID number"), 20);
		it->required = true, it->half = true, it->max_chars = 20;
		ADD(INTAKE_AREA_MEMBER, r, IM_REL, INTAKE_CHOICE, _("Relationship"), 16);
		it->list = INTAKE_LIST_RELATIONSHIP, it->required = true, it->half = true;
	}
	ADD(INTAKE_AREA_MEMBER, r, IM_EMPLOY, INTAKE_CHOICE, _("Employment"), 16);
	it->list = INTAKE_LIST_EMPLOYMENT, it->half = true;
	ADD(INTAKE_AREA_MEMBER, r, IM_HEALTH, INTAKE_CHOICE, _("Health"), 16);
	it->list = INTAKE_LIST_HEALTH, it->half = true;
	ADD(INTAKE_AREA_MEMBER, r, IM_DIS_CAT, INTAKE_CHOICE, _("Disability"), 16);
	it->list = INTAKE_LIST_DIS_CATEGORY, it->half = true;
	ADD(INTAKE_AREA_MEMBER, r, IM_DIS_GRADE, INTAKE_CHOICE, _("Disability grade"), 16);
	it->list = INTAKE_LIST_DIS_GRADE, it->half = true;
	for (int k = 0; k < IM_INC_COUNT; k++) {
		ADD(INTAKE_AREA_MEMBER, r, IM_INC_FIRST + k, INTAKE_YUAN, _(income_names[k]), 12);
		it->half = true, it->max_chars = 16;
	}
	*lp = l;
	return true;
oom:
	*lp = l;
	return false;
}

static void person_label(const intake_form *f, const char *id, char *buf, size_t n)
{
	int r = intake_member_by_id(f, id);
	if (!id[0])
		snprintf(buf, n, "%s", _("household"));
	else if (r < 0)
		snprintf(buf, n, "%s", id);
	else
		snprintf(buf, n, _("member %d %s"), r + 1, f->m[r].v[IM_NAME]);
}

intake_item *intake_page_items(intake_form *f, int page, size_t *n)
{
	items l = { 0 };
	intake_item *it;
	char buf[96], who[80];

	switch (page) {
	case INTAKE_PAGE_APPLICANT:
		ADD(INTAKE_AREA_MEMBER, 0, IM_NAME, INTAKE_NAME, _("Name"), 16);
		it->required = true, it->max_chars = VALID_NAME_MAX_CHARS;
		ADD(INTAKE_AREA_MEMBER, 0, IM_ID, INTAKE_IDNUM, _("ID number"), 20);
		it->required = true, it->max_chars = 20;
		ADD(INTAKE_AREA_COMPUTED, 0, IX_SEX, INTAKE_COMPUTED, _("Sex"), 8);
		it->half = true;
		ADD(INTAKE_AREA_COMPUTED, 0, IX_BIRTH, INTAKE_COMPUTED, _("Birth date"), 10);
		it->half = true;
		ADD(INTAKE_AREA_MEMBER, 0, IM_ETHNIC, INTAKE_ETHNIC, _("Ethnic group"), 12);
		it->list = INTAKE_LIST_ETHNIC, it->max_chars = 12;
		ADD(INTAKE_AREA_MEMBER, 0, IM_PHONE, INTAKE_PHONE, _("Phone"), 20);
		it->max_chars = 24;
		ADD(INTAKE_AREA_HOUSEHOLD, 0, IH_HUKOU_ADDRESS, INTAKE_TEXT, _("Hukou address"), 56);
		ADD(INTAKE_AREA_HOUSEHOLD, 0, IH_ADDRESS, INTAKE_TEXT, _("Current address"), 56);
		ADD(INTAKE_AREA_HOUSEHOLD, 0, IH_COMMUNITY, INTAKE_CHOICE, _("Community"), 30);
		it->list = INTAKE_LIST_COMMUNITY, it->required = true;
		ADD(INTAKE_AREA_HOUSEHOLD, 0, IH_HUKOU_TYPE, INTAKE_CHOICE, _("Hukou type"), 16);
		it->list = INTAKE_LIST_HUKOU;
		break;
	case INTAKE_PAGE_MEMBERS:
		for (size_t r = 0; r < f->n_members; r++)
			if (!member_items(&l, f, (int)r))
				goto oom;
		break;
	case INTAKE_PAGE_INCOME:
		ADD(INTAKE_AREA_COMPUTED, 0, IX_PERSONS, INTAKE_COMPUTED, _("Persons"), 6);
		ADD(INTAKE_AREA_COMPUTED, 0, IX_TOTAL, INTAKE_COMPUTED, _("Monthly income (yuan)"), 14);
		ADD(INTAKE_AREA_COMPUTED, 0, IX_PER_CAPITA, INTAKE_COMPUTED, _("Per capita (yuan)"), 14);
		ADD(INTAKE_AREA_HOUSEHOLD, 0, IH_HOUSING, INTAKE_TEXT, _("Housing"), 50);
		ADD(INTAKE_AREA_HOUSEHOLD, 0, IH_VEHICLE, INTAKE_TEXT, _("Vehicles"), 50);
		ADD(INTAKE_AREA_HOUSEHOLD, 0, IH_SAVINGS, INTAKE_YUAN, _("Savings (yuan)"), 14);
		it->max_chars = 16;
		break;
	case INTAKE_PAGE_PROOFS:
		for (int c = 0; c < IC_COUNT; c++) {
			ADD(INTAKE_AREA_CATEGORY, c, 0, INTAKE_YESNO, _(cat_names[c]), 4);
			it->list = INTAKE_LIST_YESNO, it->half = true;
			if (c == IC_DISABLED || c == IC_UNEMPLOYED) {
				ADD(INTAKE_AREA_CATEGORY, c, 1, INTAKE_CHOICE, _("Which member"), 20);
				it->list = INTAKE_LIST_MEMBER, it->half = true;
			} else {
				ADD(INTAKE_AREA_NONE, c, -1, INTAKE_HEADING, "", 0);
				it->half = true;
			}
		}
		ADD(INTAKE_AREA_NONE, 0, -1, INTAKE_HEADING, _("Proofs seen (originals checked by you):"), 0);
		for (size_t i = 0; i < f->n_proofs; i++) {
			const intake_proof *p = &f->p[i];
			if (!p->needed || !strcmp(p->kind, "pledge") || !strcmp(p->kind, "finance_auth"))
				continue;
			person_label(f, p->person, who, sizeof who);
			snprintf(buf, sizeof buf, "%s - %s", intake_doc_name(f, p->kind), who);
			ADD(INTAKE_AREA_PROOF, (int)i, -1, INTAKE_HEADING, buf, 0);
			ADD(INTAKE_AREA_PROOF, (int)i, IP_SEEN, INTAKE_YESNO, _("Seen"), 4);
			it->list = INTAKE_LIST_YESNO, it->half = true;
			ADD(INTAKE_AREA_PROOF, (int)i, IP_NUMBER, INTAKE_CERT, _("Number"), 22);
			it->half = true, it->max_chars = 40;
			ADD(INTAKE_AREA_PROOF, (int)i, IP_ISSUER, INTAKE_TEXT, _("Issued by"), 20);
			it->half = true, it->max_chars = 60;
			/* 11: a full date and the cursor after it, no digit scrolled away */
			ADD(INTAKE_AREA_PROOF, (int)i, IP_VALID_UNTIL, INTAKE_DATE, _("Valid until"), 11);
			it->half = true, it->max_chars = 12;
		}
		break;
	case INTAKE_PAGE_DECLARE:
		ADD(INTAKE_AREA_HOUSEHOLD, 0, IH_REASON, INTAKE_TEXT, _("Reason for applying"), 58);
		it->max_chars = 500;
		for (size_t i = 0; i < f->n_proofs; i++) {
			const intake_proof *p = &f->p[i];
			if (!p->needed)
				continue;
			if (!strcmp(p->kind, "pledge")) {
				ADD(INTAKE_AREA_PROOF, (int)i, IP_SEEN, INTAKE_YESNO, _("Declaration of truth signed"), 4);
			} else if (!strcmp(p->kind, "finance_auth")) {
				person_label(f, p->person, who, sizeof who);
				snprintf(buf, sizeof buf, _("Finance check authorisation signed by %s"), who);
				ADD(INTAKE_AREA_PROOF, (int)i, IP_SEEN, INTAKE_YESNO, buf, 4);
			} else {
				continue;
			}
			it->list = INTAKE_LIST_YESNO;
		}
		break;
	default:
		break;
	}
	*n = l.n;
	return l.v;
oom:
	free(l.v);
	*n = 0;
	return NULL;
}

/* ---- display ---- */

static const char *choice_label(intake_list l, const char *code)
{
	size_t n;
	const intake_choice *c = intake_list_choices(l, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].code, code) == 0)
			return _(c[i].label);
	return code;
}

void intake_display(const intake_form *f, const intake_item *it, char *buf, size_t n)
{
	const char *v = intake_get(f, it->ref);
	idnum id;

	buf[0] = '\0';
	if (it->kind == INTAKE_COMPUTED) {
		switch (it->ref.idx) {
		case IX_SEX:
			if (member_idnum(f, it->ref.row, &id))
				snprintf(buf, n, "%s", idnum_sex_name(id.sex));
			break;
		case IX_BIRTH:
			if (member_idnum(f, it->ref.row, &id))
				snprintf(buf, n, "%04d-%02d-%02d", id.birth_y, id.birth_m, id.birth_d);
			break;
		case IX_TOTAL:
			valid_yuan_format(intake_total_income(f), buf, n);
			break;
		case IX_PER_CAPITA:
			valid_yuan_format(intake_per_capita_income(f), buf, n);
			break;
		case IX_PERSONS:
			snprintf(buf, n, "%zu", f->n_members);
			break;
		default:
			break;
		}
		return;
	}
	if (it->list == INTAKE_LIST_MEMBER) {
		int r = intake_member_by_id(f, v);
		if (r >= 0)
			snprintf(buf, n, "%d %s", r + 1, f->m[r].v[IM_NAME]);
		else
			snprintf(buf, n, "%s", v);
		return;
	}
	if (it->kind == INTAKE_CHOICE || it->kind == INTAKE_YESNO) {
		if (it->list == INTAKE_LIST_COMMUNITY || (!v[0] && it->kind == INTAKE_CHOICE))
			snprintf(buf, n, "%s", v);
		else
			snprintf(buf, n, "%s", choice_label(it->list, v));
		return;
	}
	snprintf(buf, n, "%s", v);
}
