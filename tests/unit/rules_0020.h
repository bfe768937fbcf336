/* rules_0020.h - test data: the required-proof rules as migration 0020 ships
 * them (jz.proof_rules() order). The form has no rules of its own; unit
 * tests hand it these, as the screen hands it the database's. */
#ifndef JZ_TESTS_RULES_0020_H
#define JZ_TESTS_RULES_0020_H

#include "intake_form.h"

static const intake_rule rules_0020[] = {
	{ "*", "id_card", "居民身份证", "", INTAKE_SCOPE_APPLICANT, true },
	{ "*", "hukou", "户口簿", "", INTAKE_SCOPE_HOUSEHOLD, false },
	{ "*", "finance_auth", "家庭经济状况核查授权书", "", INTAKE_SCOPE_EACH_ADULT, false },
	{ "*", "pledge", "承诺书", "", INTAKE_SCOPE_HOUSEHOLD, false },
	{ "low_income", "low_income_cert", "低收入证明", "li", INTAKE_SCOPE_HOUSEHOLD, false },
	{ "low_income", "income_decl", "收入申报", "li", INTAKE_SCOPE_EACH_MEMBER, false },
	{ "elderly_alone", "no_supporter", "无法定赡养人声明", "", INTAKE_SCOPE_APPLICANT, false },
	{ "disabled", "disability_cert", "残疾人证", "", INTAKE_SCOPE_MEMBER, true },
	{ "unemployed", "employment_reg", "就业失业登记证", "un", INTAKE_SCOPE_MEMBER, true },
	{ "unemployed", "unemployment_proof", "失业证明", "un", INTAKE_SCOPE_MEMBER, true },
};
#define RULES_0020_N (sizeof rules_0020 / sizeof rules_0020[0])

/* A new form with the 0020 rules. */
static inline intake_form *form_with_rules_0020(int y, int m, int d)
{
	intake_form *f = intake_form_create(y, m, d);
	if (f && !intake_set_rules(f, rules_0020, RULES_0020_N)) {
		intake_form_destroy(f);
		return NULL;
	}
	return f;
}

#endif
