/* test_assess.c - the assessment checklist as data: Barthel totals and
 * bands, PHQ-2, required items per category, bad values refused. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess_form.h"
#include "tap.h"

static const char *const barthel[10] = {
	"selfcare.feeding", "selfcare.bathing", "selfcare.grooming", "selfcare.dressing",
	"selfcare.bowels", "selfcare.bladder", "selfcare.toilet", "selfcare.transfers",
	"selfcare.mobility", "selfcare.stairs",
};

static bool set_checked(assess_answers *a, const char *code, const char *typed)
{
	const assess_item *it = assess_find(code);
	char out[512], msg[256];

	if (!it || !assess_check_value(it, typed, out, sizeof out, msg, sizeof msg))
		return false;
	return assess_answers_set(a, code, out);
}

/* Every answer each required item of cats needs, with a sensible value. */
static void fill_all(assess_answers *a, unsigned cats)
{
	size_t n;
	const assess_item *it = assess_items(&n);

	for (size_t i = 0; i < n; i++) {
		const char *v = "张伟";
		if (!assess_applies(&it[i], cats))
			continue;
		switch (it[i].kind) {
		case ASSESS_CHOICE: case ASSESS_SCORE: v = it[i].choices[0].value; break;
		case ASSESS_DATE: v = "2025-03-01"; break;
		case ASSESS_TIME: v = "09:30"; break;
		case ASSESS_YESNO: v = "no"; break;
		case ASSESS_NUMBER: v = "1"; break;
		default: break;
		}
		assess_answers_set(a, it[i].code, v);
	}
}

int main(void)
{
	assess_answers a;
	char out[512], msg[256];
	const char *miss[64];
	size_t n, i;
	const assess_item *items = assess_items(&n);
	int answered;

	setlocale(LC_ALL, "C.UTF-8");

	/* the table is sane: unique codes, every item in a known section, choices for choice kinds */
	{
		int bad = 0;
		for (i = 0; i < n; i++) {
			if (assess_index(items[i].code) != (int)i)
				bad++;
			if (!assess_section_of(&items[i]))
				bad++;
			if ((items[i].kind == ASSESS_CHOICE || items[i].kind == ASSESS_SCORE) && items[i].nchoices == 0)
				bad++;
		}
		is_int(bad, 0, "item codes unique, sections known, choices present");
	}

	/* Barthel: every item's maximum adds up to 100; minimum 0 */
	assess_answers_init(&a);
	for (i = 0; i < 10; i++) {
		const assess_item *it = assess_find(barthel[i]);
		ok(it && it->kind == ASSESS_SCORE, "%s is a score item", barthel[i]);
		if (it)
			assess_answers_set(&a, barthel[i], it->choices[it->nchoices - 1].value);
	}
	is_int(assess_barthel_total(&a, &answered), 100, "all items at their maximum: 100");
	is_int(answered, 10, "ten items answered");
	is_int(assess_barthel_band(100), ASSESS_BAND_INDEPENDENT, "100 is independent");
	for (i = 0; i < 10; i++)
		assess_answers_set(&a, barthel[i], "0");
	is_int(assess_barthel_total(&a, NULL), 0, "all zero: 0");
	assess_answers_finish(&a);

	/* allowed scores per item */
	{
		static const struct { const char *code; const char *allowed; } sc[] = {
			{ "selfcare.feeding", "0 5 10" }, { "selfcare.bathing", "0 5" },
			{ "selfcare.grooming", "0 5" }, { "selfcare.dressing", "0 5 10" },
			{ "selfcare.bowels", "0 5 10" }, { "selfcare.bladder", "0 5 10" },
			{ "selfcare.toilet", "0 5 10" }, { "selfcare.transfers", "0 5 10 15" },
			{ "selfcare.mobility", "0 5 10 15" }, { "selfcare.stairs", "0 5 10" },
		};
		for (i = 0; i < sizeof sc / sizeof sc[0]; i++) {
			const assess_item *it = assess_find(sc[i].code);
			char got[32] = "";
			for (size_t k = 0; it && k < it->nchoices; k++) {
				size_t l = strlen(got);
				snprintf(got + l, sizeof got - l, "%s%s", k ? " " : "", it->choices[k].value);
			}
			is_str(got, sc[i].allowed, sc[i].code);
		}
	}

	/* a sample elderly man: 10+5+5+5+10+5+5+10+10+0 = 65, mild */
	assess_answers_init(&a);
	{
		static const char *const v[10] = { "10", "5", "5", "5", "10", "5", "5", "10", "10", "0" };
		for (i = 0; i < 10; i++)
			ok(set_checked(&a, barthel[i], v[i]), "%s = %s accepted", barthel[i], v[i]);
	}
	is_int(assess_barthel_total(&a, &answered), 65, "total 65");
	is_int(assess_barthel_band(65), ASSESS_BAND_MILD, "65 is mild dependence");
	ok(set_checked(&a, "selfcare.stairs", "１０"), "full-width １０ accepted for stairs");
	is_str(assess_answers_get(&a, "selfcare.stairs"), "10", "stored as 10");
	is_int(assess_barthel_total(&a, NULL), 75, "total 75 after stairs 10");
	assess_answers_set(&a, "selfcare.stairs", NULL);
	assess_barthel_total(&a, &answered);
	is_int(answered, 9, "a removed answer is not counted");
	assess_answers_finish(&a);

	/* band edges */
	{
		static const struct { int total; assess_band b; } e[] = {
			{ 0, ASSESS_BAND_TOTAL }, { 20, ASSESS_BAND_TOTAL }, { 21, ASSESS_BAND_SEVERE },
			{ 40, ASSESS_BAND_SEVERE }, { 41, ASSESS_BAND_MODERATE }, { 60, ASSESS_BAND_MODERATE },
			{ 61, ASSESS_BAND_MILD }, { 99, ASSESS_BAND_MILD }, { 100, ASSESS_BAND_INDEPENDENT },
		};
		for (i = 0; i < sizeof e / sizeof e[0]; i++)
			is_int(assess_barthel_band(e[i].total), e[i].b, "band edge");
	}

	/* bad values */
	{
		static const struct { const char *code, *typed; } bad[] = {
			{ "selfcare.bathing", "10" }, { "selfcare.feeding", "7" }, { "selfcare.transfers", "20" },
			{ "selfcare.stairs", "-5" }, { "selfcare.mobility", "十五" }, { "visit.date", "2025-02-30" },
			{ "visit.date", "明天" }, { "visit.time", "25:00" }, { "visit.time", "9点" },
			{ "psych.referral", "也许" }, { "living.heating", "暖气片" }, { "living.water", "9" },
			{ "psych.mood", "4" },
		};
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			const assess_item *it = assess_find(bad[i].code);
			msg[0] = '\0';
			ok(it && !assess_check_value(it, bad[i].typed, out, sizeof out, msg, sizeof msg)
			   && msg[0], "%s refuses %s (%s)", bad[i].code, bad[i].typed, msg);
		}
		ok(!assess_check_value(assess_find("selfcare.bathing"), "10", out, sizeof out, msg, sizeof msg)
		   && strstr(msg, "0/5"), "the message lists the allowed scores: %s", msg);
		/* the checklist lists its choices numbered and has no F4: the
		 * message said "press F4 for the list" */
		ok(!assess_check_value(assess_find("living.water"), "9", out, sizeof out, msg, sizeof msg)
		   && strstr(msg, "1 to 3") && !strstr(msg, "F4"), "a choice out of range names 1 to 3, no F4: %s", msg);
		ok(!assess_check_value(assess_find("living.heating"), "暖气片", out, sizeof out, msg, sizeof msg)
		   && strstr(msg, "1 to 5") && !strstr(msg, "F4"), "so does a word that is no choice: %s", msg);
		/* "9:3" read as 09:03 was a guess: the minutes are two digits */
		{
			static const char *const amb[] = { "9:3", "09:3", "9:", ":30", "9:300", "9:3 ", "+9:30",
				"930", "9：3", "12:5" };
			for (i = 0; i < sizeof amb / sizeof amb[0]; i++)
				ok(!assess_check_value(assess_find("visit.time"), amb[i], out, sizeof out, msg, sizeof msg)
				   && strstr(msg, "09:30"), "visit.time refuses '%s', saying the form: %s", amb[i], msg);
		}
	}
	/* good values normalised */
	{
		static const struct { const char *code, *typed, *stored; } good[] = {
			{ "visit.date", "20250301", "2025-03-01" }, { "visit.time", "0930", "09:30" },
			{ "visit.time", "９:05", "09:05" }, { "visit.time", "9:30", "09:30" },
			{ "visit.time", "9:05", "09:05" }, { "visit.time", "23:59", "23:59" },
			{ "visit.time", "９：３０", "09:30" }, { "psych.referral", "是", "yes" },
			{ "psych.referral", "n", "no" }, { "living.water", "1", "tap" },
			{ "living.heating", "gas", "gas" }, { "visit.place", "  朝阳区团结湖北里3号楼  ", "朝阳区团结湖北里3号楼" },
			{ "team.volunteer", "刘小红、马丽", "刘小红、马丽" },
		};
		for (i = 0; i < sizeof good / sizeof good[0]; i++) {
			const assess_item *it = assess_find(good[i].code);
			ok(it && assess_check_value(it, good[i].typed, out, sizeof out, msg, sizeof msg),
			   "%s accepts %s (%s)", good[i].code, good[i].typed, msg);
			is_str(out, good[i].stored, "stored form");
		}
		ok(assess_check_value(assess_find("visit.place"), "   ", out, sizeof out, msg, sizeof msg)
		   && out[0] == '\0', "blank is 'not answered', not an error");
	}

	/* required items per category */
	assess_answers_init(&a);
	{
		size_t m_li = assess_missing(&a, ASSESS_CAT_LOW_INCOME, miss, 64);
		size_t m_ea = assess_missing(&a, ASSESS_CAT_ELDERLY, miss, 64);
		size_t m_un = assess_missing(&a, ASSESS_CAT_UNEMPLOYED, miss, 64);
		bool has_barthel = false, has_skills = false;

		for (i = 0; i < m_un && i < 64; i++) {
			has_barthel |= strncmp(miss[i], "selfcare.", 9) == 0;
			has_skills |= strcmp(miss[i], "employment.skills") == 0;
		}
		ok(!has_barthel && has_skills, "unemployed: employment required, no Barthel");
		assess_missing(&a, ASSESS_CAT_ELDERLY | ASSESS_CAT_DISABLED, miss, 64);
		has_barthel = has_skills = false;
		m_ea = assess_missing(&a, ASSESS_CAT_ELDERLY, miss, 64);
		for (i = 0; i < m_ea && i < 64; i++) {
			has_barthel |= strcmp(miss[i], "selfcare.stairs") == 0;
			has_skills |= strcmp(miss[i], "employment.skills") == 0;
		}
		ok(has_barthel && !has_skills, "elderly alone: Barthel required, no employment");
		ok(m_ea == m_li + 10, "elderly: %zu missing, low-income: %zu", m_ea, m_li);
		is_str(miss[0], "visit.date", "the first missing is the visit date");
	}
	fill_all(&a, ASSESS_CAT_ELDERLY | ASSESS_CAT_DISABLED | ASSESS_CAT_LOW_INCOME);
	is_int((int)assess_missing(&a, ASSESS_CAT_ELDERLY | ASSESS_CAT_DISABLED | ASSESS_CAT_LOW_INCOME,
				   miss, 64), 0, "all filled: nothing missing");
	is_int((int)assess_missing(&a, ASSESS_CAT_UNEMPLOYED, miss, 64), 4,
	       "the same answers for an unemployed applicant: four employment/recommendation items missing");
	assess_answers_set(&a, "economy.discrepancy", NULL);
	is_int((int)assess_missing(&a, ASSESS_CAT_ELDERLY, miss, 64), 0, "no discrepancy note needed while all match");
	assess_answers_set(&a, "economy.income", "differs");
	n = assess_missing(&a, ASSESS_CAT_ELDERLY, miss, 64);
	ok(n == 1 && strcmp(miss[0], "economy.discrepancy") == 0,
	   "income differs: the discrepancy note becomes required");
	assess_answers_set(&a, "economy.discrepancy", "另有子女每月给付 500 元");
	is_int((int)assess_missing(&a, ASSESS_CAT_ELDERLY, miss, 64), 0, "noted: nothing missing");
	assess_answers_set(&a, "team.volunteer", "");
	n = assess_missing(&a, ASSESS_CAT_ELDERLY, miss, 64);
	ok(n == 1 && strcmp(miss[0], "team.volunteer") == 0, "no volunteer: missing team.volunteer");

	/* PHQ-2 */
	is_int(assess_phq2_total(&a), 0, "PHQ-2 filled with the first choice: 0");
	assess_answers_set(&a, "psych.interest", "2");
	assess_answers_set(&a, "psych.mood", "1");
	is_int(assess_phq2_total(&a), 3, "PHQ-2 2 + 1 = 3");
	ok(assess_referral_suggested(&a), "3 suggests referral");
	assess_answers_set(&a, "psych.mood", "0");
	ok(!assess_referral_suggested(&a), "2 does not");
	assess_answers_set(&a, "psych.mood", NULL);
	is_int(assess_phq2_total(&a), -1, "unanswered: -1");
	assess_answers_finish(&a);

	is_int((int)assess_cat_bit("disabled"), ASSESS_CAT_DISABLED, "category bit");
	is_int((int)assess_cat_bit("残疾人"), 0, "unknown category: 0");
	is_str(assess_cat_code(ASSESS_CAT_UNEMPLOYED), "unemployed", "category code");
	return tap_done();
}
