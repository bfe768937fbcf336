/* test_intake_rules.c - the proofs checklist follows the rules it is given
 * (the database's jz.proof_rules()), not a copy in C: an extra document kind
 * makes an extra row, a removed rule removes its row, and every scope. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idnum.h"
#include "intake_form.h"
#include "rules_0020.h"
#include "tap.h"

#define APPLICANT "11010519491231002X"

static void make_id(const char *first17, char out[19])
{
	memcpy(out, first17, 17);
	out[17] = idnum_check_char(first17);
	out[18] = '\0';
}

static void set(intake_form *f, intake_area a, int row, int idx, const char *v)
{
	intake_set(f, (intake_ref){ a, row, idx }, v);
}

/* Needed rows of (kind, person); person NULL: any person. */
static int needed(const intake_form *f, const char *kind, const char *person)
{
	int n = 0;
	for (size_t i = 0; i < f->n_proofs; i++)
		if (f->p[i].needed && !strcmp(f->p[i].kind, kind) &&
		    (!person || !strcmp(f->p[i].person, person)))
			n++;
	return n;
}

static int needed_total(const intake_form *f)
{
	int n = 0;
	for (size_t i = 0; i < f->n_proofs; i++)
		n += f->p[i].needed;
	return n;
}

/* Page 4 has a heading line that starts with text. */
static bool on_page4(intake_form *f, const char *text)
{
	size_t n;
	bool found = false;
	intake_item *v = intake_page_items(f, INTAKE_PAGE_PROOFS, &n);
	for (size_t i = 0; i < n; i++)
		if (v[i].ref.area == INTAKE_AREA_PROOF && v[i].kind == INTAKE_HEADING &&
		    !strncmp(v[i].label, text, strlen(text)))
			found = true;
	free(v);
	return found;
}

/* Applicant 1949 (adult), member 2 born 1980 (adult), member 3 born 2015
 * (child), member 4 exactly 18 on the form's day. */
static intake_form *household(char id2[19], char id3[19], char id4[19])
{
	intake_form *f = intake_form_create(2026, 6, 1);
	make_id("11010519800101123", id2);
	make_id("11010520150601002", id3);
	make_id("11010520080601004", id4);
	set(f, INTAKE_AREA_MEMBER, 0, IM_NAME, "王芳");
	set(f, INTAKE_AREA_MEMBER, 0, IM_ID, APPLICANT);
	intake_member_add(f);
	set(f, INTAKE_AREA_MEMBER, 1, IM_NAME, "李四");
	set(f, INTAKE_AREA_MEMBER, 1, IM_ID, id2);
	intake_member_add(f);
	set(f, INTAKE_AREA_MEMBER, 2, IM_NAME, "李小五");
	set(f, INTAKE_AREA_MEMBER, 2, IM_ID, id3);
	intake_member_add(f);
	set(f, INTAKE_AREA_MEMBER, 3, IM_NAME, "李十八");
	set(f, INTAKE_AREA_MEMBER, 3, IM_ID, id4);
	return f;
}

static void test_no_rules(void)
{
	char id2[19], id3[19], id4[19];
	intake_form *f = household(id2, id3, id4);
	set(f, INTAKE_AREA_CATEGORY, IC_DISABLED, 0, "y");
	set(f, INTAKE_AREA_CATEGORY, IC_DISABLED, 1, id2);
	is_int(needed_total(f), 0, "no rules given: nothing is required (no rule copy in C)");
	is_str(intake_doc_name(f, "disability_cert"), "disability_cert", "no rules: a kind is shown by its code");
	ok(intake_set_rules(f, rules_0020, RULES_0020_N), "rules given");
	is_int(needed(f, "disability_cert", id2), 1, "then the 残疾人证 of the named member is required");
	is_str(intake_doc_name(f, "disability_cert"), "残疾人证", "the name comes from the rules");
	ok(intake_set_rules(f, NULL, 0), "rules cleared");
	is_int(needed_total(f), 0, "cleared: nothing required again");
	intake_form_destroy(f);
}

static void test_0020(void)
{
	char id2[19], id3[19], id4[19];
	intake_form *f = household(id2, id3, id4);
	intake_set_rules(f, rules_0020, RULES_0020_N);
	is_int(needed_total(f), 6, "every application: ID card, 户口簿, 3 adults' authorisations, 承诺书");
	is_int(needed(f, "finance_auth", NULL), 3, "the child has no authorisation row");
	is_int(needed(f, "finance_auth", id3), 0, "not for the 2015 child");
	is_int(needed(f, "finance_auth", id4), 1, "one who turns 18 on the day is an adult");
	is_str(f->p[0].kind, "id_card", "rows in rule order: ID card first");
	is_str(f->p[1].kind, "hukou", "then 户口簿");
	set(f, INTAKE_AREA_CATEGORY, IC_UNEMPLOYED, 0, "y");
	is_int(needed(f, "employment_reg", NULL), 0, "unemployed with no member named: no member rows yet");
	set(f, INTAKE_AREA_CATEGORY, IC_UNEMPLOYED, 1, id2);
	is_int(needed(f, "employment_reg", id2) + needed(f, "unemployment_proof", id2), 2,
	       "member named: both alternatives are on the checklist");
	ok(on_page4(f, "就业失业登记证 - "), "page 4 shows 就业失业登记证 by the rule's name");
	intake_form_destroy(f);
}

static void test_extra_and_removed(void)
{
	char id2[19], id3[19], id4[19];
	intake_rule r[RULES_0020_N + 1];
	intake_form *f = household(id2, id3, id4);

	memcpy(r, rules_0020, sizeof rules_0020);
	r[RULES_0020_N] = (intake_rule){ "low_income", "bank_statement", "银行流水", "",
					 INTAKE_SCOPE_HOUSEHOLD, false };
	intake_set_rules(f, r, RULES_0020_N + 1);
	set(f, INTAKE_AREA_CATEGORY, IC_LOW_INCOME, 0, "y");
	is_int(needed(f, "bank_statement", ""), 1, "an extra document kind in the rules: an extra row");
	ok(on_page4(f, "银行流水 - "), "and page 4 shows it as 银行流水");
	is_int(needed(f, "income_decl", NULL), 4, "low income: every member declares income");

	/* the caller's array is copied: changing it later changes nothing */
	snprintf(r[RULES_0020_N].kind, sizeof r[0].kind, "%s", "other_paper");
	intake_proofs_sync(f);
	is_int(needed(f, "bank_statement", ""), 1, "the form keeps its own copy of the rules");

	/* a seen 户口簿, then a rule set without the 户口簿 rule */
	int h = -1;
	for (size_t i = 0; i < f->n_proofs; i++)
		if (!strcmp(f->p[i].kind, "hukou"))
			h = (int)i;
	ok(h >= 0, "a 户口簿 row");
	set(f, INTAKE_AREA_PROOF, h, IP_ISSUER, "东城派出所");
	size_t k = 0;
	for (size_t i = 0; i < RULES_0020_N; i++)
		if (strcmp(rules_0020[i].kind, "hukou") != 0)
			r[k++] = rules_0020[i];
	intake_set_rules(f, r, k);
	is_int(needed(f, "hukou", NULL), 0, "rule removed: the 户口簿 row is no longer required");
	is_int(needed(f, "bank_statement", NULL), 0, "nor the extra kind of the old rules");
	ok(!on_page4(f, "户口簿"), "and page 4 no longer shows it");
	char *json = intake_to_json(f);
	ok(json && !strstr(json, "\"hukou\""), "nor does the submit JSON carry it");
	free(json);
	intake_set_rules(f, rules_0020, RULES_0020_N);
	h = -1;
	for (size_t i = 0; i < f->n_proofs; i++)
		if (f->p[i].needed && !strcmp(f->p[i].kind, "hukou"))
			h = (int)i;
	ok(h >= 0 && !strcmp(f->p[h].v[IP_ISSUER], "东城派出所"), "rule back: what was typed is still there");
	intake_form_destroy(f);
}

/* One rule of each scope, alone, for the category 失业人员 naming member 2. */
static void test_scopes(void)
{
	static const struct { intake_scope scope; const char *code; int rows; } cases[] = {
		{ INTAKE_SCOPE_HOUSEHOLD, "household", 1 },
		{ INTAKE_SCOPE_APPLICANT, "applicant", 1 },
		{ INTAKE_SCOPE_MEMBER, "member", 1 },
		{ INTAKE_SCOPE_EACH_ADULT, "each_adult", 3 },
		{ INTAKE_SCOPE_EACH_MEMBER, "each_member", 4 },
	};
	char id2[19], id3[19], id4[19];

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		intake_form *f = household(id2, id3, id4);
		intake_rule r = { "unemployed", "test_doc", "测试材料", "", cases[c].scope, false };
		ok(intake_scope_parse(cases[c].code) == (int)cases[c].scope, "scope %s parsed", cases[c].code);
		intake_set_rules(f, &r, 1);
		ok(needed_total(f) == 0, "%s: nothing while 失业人员 is not ticked", cases[c].code);
		set(f, INTAKE_AREA_CATEGORY, IC_UNEMPLOYED, 0, "y");
		set(f, INTAKE_AREA_CATEGORY, IC_UNEMPLOYED, 1, id2);
		int got = needed_total(f);
		ok(got == cases[c].rows, "%s: %d row(s), got %d", cases[c].code, cases[c].rows, got);
		switch (cases[c].scope) {
		case INTAKE_SCOPE_HOUSEHOLD:
			is_int(needed(f, "test_doc", ""), 1, "household: no person");
			break;
		case INTAKE_SCOPE_APPLICANT:
			is_int(needed(f, "test_doc", APPLICANT), 1, "applicant: the applicant's ID");
			break;
		case INTAKE_SCOPE_MEMBER:
			is_int(needed(f, "test_doc", id2), 1, "member: the member the category names");
			set(f, INTAKE_AREA_CATEGORY, IC_UNEMPLOYED, 1, id4);
			ok(needed(f, "test_doc", id4) == 1 && needed(f, "test_doc", id2) == 0,
			   "member: follows when another member is named");
			break;
		case INTAKE_SCOPE_EACH_ADULT:
			is_int(needed(f, "test_doc", id3), 0, "each adult: not the child");
			intake_member_remove(f, 1);
			is_int(needed_total(f), 2, "each adult: a removed adult's row goes");
			break;
		case INTAKE_SCOPE_EACH_MEMBER:
			is_int(needed(f, "test_doc", id3), 1, "each member: the child too");
			break;
		default:
			break;
		}
		intake_form_destroy(f);
	}
	is_int(intake_scope_parse("everyone"), -1, "an unknown scope is refused");
	is_int(intake_scope_parse(NULL), -1, "no scope is refused");
}

/* Rules the form cannot apply are skipped, not guessed. */
static void test_unusable(void)
{
	char id2[19], id3[19], id4[19];
	intake_form *f = household(id2, id3, id4);
	intake_rule r[] = {
		{ "orphan", "orphan_cert", "孤儿证明", "", INTAKE_SCOPE_HOUSEHOLD, false },
		{ "*", "member_paper", "成员材料", "", INTAKE_SCOPE_MEMBER, false },
	};
	intake_set_rules(f, r, 2);
	is_int(needed_total(f), 0, "a category the form does not offer, and 'member' of every application: no rows");
	intake_form_destroy(f);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_no_rules();
	test_0020();
	test_extra_and_removed();
	test_scopes();
	test_unusable();
	return tap_done();
}
