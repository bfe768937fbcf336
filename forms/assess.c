/* assess.c - the assessment checklist as data, and the arithmetic on it. */
#include "assess_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "valid.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

enum { LI = ASSESS_CAT_LOW_INCOME, EA = ASSESS_CAT_ELDERLY, DI = ASSESS_CAT_DISABLED,
       UN = ASSESS_CAT_UNEMPLOYED };

static const struct { const char *code; unsigned bit; } cat_codes[] = {
	{ "low_income", LI }, { "elderly_alone", EA }, { "disabled", DI }, { "unemployed", UN },
};

unsigned assess_cat_bit(const char *code)
{
	for (size_t i = 0; code && i < N(cat_codes); i++)
		if (strcmp(code, cat_codes[i].code) == 0)
			return cat_codes[i].bit;
	return 0;
}

const char *assess_cat_code(unsigned bit)
{
	for (size_t i = 0; i < N(cat_codes); i++)
		if (cat_codes[i].bit == bit)
			return cat_codes[i].code;
	return NULL;
}

const char *assess_kind_name(assess_kind k)
{
	static const char *const names[] = {
		[ASSESS_CHOICE] = "choice", [ASSESS_SCORE] = "score", [ASSESS_NUMBER] = "number",
		[ASSESS_TEXT] = "text", [ASSESS_DATE] = "date", [ASSESS_TIME] = "time",
		[ASSESS_YESNO] = "yesno", [ASSESS_TEAM] = "team",
	};
	return (size_t)k < N(names) ? names[k] : "?";
}

/* Barthel scores as in Mahoney & Barthel (1965), 0-100 version. */
static const assess_choice s0_5[] = { { "0", N_("needs help") }, { "5", N_("independent") } };
static const assess_choice s0_10[] = {
	{ "0", N_("unable / dependent") }, { "5", N_("needs some help") }, { "10", N_("independent") },
};
static const assess_choice s0_15[] = {
	{ "0", N_("unable") }, { "5", N_("major help") }, { "10", N_("minor help") },
	{ "15", N_("independent") },
};
/* PHQ-2: over the last 2 weeks, how often */
static const assess_choice phq[] = {
	{ "0", N_("not at all") }, { "1", N_("several days") }, { "2", N_("more than half the days") },
	{ "3", N_("nearly every day") },
};
static const assess_choice housing_type[] = {
	{ "own", N_("own home") }, { "public_rent", N_("public rental") },
	{ "private_rent", N_("private rental") }, { "relatives", N_("with relatives") },
	{ "other", N_("other") },
};
static const assess_choice housing_state[] = {
	{ "good", N_("good") }, { "fair", N_("fair") }, { "poor", N_("poor") },
	{ "dangerous", N_("dangerous") },
};
static const assess_choice heating[] = {
	{ "central", N_("central heating") }, { "gas", N_("gas") }, { "electric", N_("electric") },
	{ "coal", N_("coal stove") }, { "none", N_("none") },
};
static const assess_choice water[] = {
	{ "tap", N_("tap water") }, { "well", N_("well") }, { "none", N_("no running water") },
};
static const assess_choice seen[] = {
	{ "match", N_("matches the declaration") }, { "differs", N_("differs from the declaration") },
};
static const assess_choice recommend[] = {
	{ "eligible", N_("eligible") }, { "not_eligible", N_("not eligible") },
};

#define CH(a) .choices = a, .nchoices = N(a)

static const assess_section sections[] = {
	{ "visit", N_("Visit") },
	{ "team", N_("Assessment team") },
	{ "living", N_("Living conditions") },
	{ "economy", N_("Household economy") },
	{ "selfcare", N_("Self-care (Barthel index)") },
	{ "psych", N_("Psychological state") },
	{ "employment", N_("Employment") },
	{ "findings", N_("Findings") },
	{ "recommend", N_("Recommendation") },
};

static const assess_item items[] = {
	{ "visit.date", N_("Visit date"), N_("YYYY-MM-DD"), ASSESS_DATE, .required = true },
	{ "visit.time", N_("Visit time"), N_("HH:MM"), ASSESS_TIME, .required = true },
	{ "visit.place", N_("Place"), NULL, ASSESS_TEXT, .maxlen = 200, .required = true },
	{ "team.community_staff", N_("Community staff"), N_("names, separated by commas"),
	  ASSESS_TEAM, .maxlen = 200, .required = true },
	{ "team.social_worker", N_("Social worker"), N_("names, separated by commas"),
	  ASSESS_TEAM, .maxlen = 200, .required = true },
	{ "team.volunteer", N_("Volunteer"), N_("names, separated by commas"),
	  ASSESS_TEAM, .maxlen = 200, .required = true },
	{ "living.housing_type", N_("Housing type"), NULL, ASSESS_CHOICE, CH(housing_type), .required = true },
	{ "living.housing_state", N_("State of the housing"), NULL, ASSESS_CHOICE, CH(housing_state),
	  .required = true },
	{ "living.heating", N_("Heating"), NULL, ASSESS_CHOICE, CH(heating), .required = true },
	{ "living.water", N_("Water"), NULL, ASSESS_CHOICE, CH(water), .required = true },
	{ "living.hazards", N_("Safety hazards"), N_("gas, wiring, stairs, ... (blank: none seen)"),
	  ASSESS_TEXT, .maxlen = 500 },
	{ "economy.income", N_("Declared incomes"), N_("checked against pay slips, pension, bank"),
	  ASSESS_CHOICE, CH(seen), .required = true },
	{ "economy.assets", N_("Declared assets"), N_("housing, vehicle, savings"),
	  ASSESS_CHOICE, CH(seen), .required = true },
	{ "economy.discrepancy", N_("Discrepancies"), N_("required when something differs"),
	  ASSESS_TEXT, .maxlen = 1000 },
	{ "selfcare.feeding", N_("Feeding"), NULL, ASSESS_SCORE, CH(s0_10), .categories = EA | DI,
	  .required = true },
	{ "selfcare.bathing", N_("Bathing"), NULL, ASSESS_SCORE, CH(s0_5), .categories = EA | DI,
	  .required = true },
	{ "selfcare.grooming", N_("Grooming"), NULL, ASSESS_SCORE, CH(s0_5), .categories = EA | DI,
	  .required = true },
	{ "selfcare.dressing", N_("Dressing"), NULL, ASSESS_SCORE, CH(s0_10), .categories = EA | DI,
	  .required = true },
	{ "selfcare.bowels", N_("Bowels"), NULL, ASSESS_SCORE, CH(s0_10), .categories = EA | DI,
	  .required = true },
	{ "selfcare.bladder", N_("Bladder"), NULL, ASSESS_SCORE, CH(s0_10), .categories = EA | DI,
	  .required = true },
	{ "selfcare.toilet", N_("Toilet use"), NULL, ASSESS_SCORE, CH(s0_10), .categories = EA | DI,
	  .required = true },
	{ "selfcare.transfers", N_("Transfers (bed to chair)"), NULL, ASSESS_SCORE, CH(s0_15),
	  .categories = EA | DI, .required = true },
	{ "selfcare.mobility", N_("Mobility on level surfaces"), NULL, ASSESS_SCORE, CH(s0_15),
	  .categories = EA | DI, .required = true },
	{ "selfcare.stairs", N_("Stairs"), NULL, ASSESS_SCORE, CH(s0_10), .categories = EA | DI,
	  .required = true },
	{ "psych.interest", N_("Little interest or pleasure in doing things"), N_("over the last 2 weeks"),
	  ASSESS_SCORE, CH(phq), .required = true },
	{ "psych.mood", N_("Feeling down, depressed or hopeless"), N_("over the last 2 weeks"),
	  ASSESS_SCORE, CH(phq), .required = true },
	{ "psych.referral", N_("Refer to counselling"), N_("suggested when the two scores add up to 3 or more"),
	  ASSESS_YESNO, .required = true },
	{ "employment.skills", N_("Skills and past work"), NULL, ASSESS_TEXT, .maxlen = 500,
	  .categories = UN, .required = true },
	{ "employment.training", N_("Wishes vocational training"), NULL, ASSESS_YESNO, .categories = UN,
	  .required = true },
	{ "employment.barriers", N_("Barriers to work"), N_("health, care duties, age, ..."),
	  ASSESS_TEXT, .maxlen = 500, .categories = UN },
	{ "findings.text", N_("Findings"), N_("what the team saw and concluded"), ASSESS_TEXT,
	  .maxlen = 2000, .required = true },
	{ "recommend.low_income", N_("Low-income household"), NULL, ASSESS_CHOICE, CH(recommend),
	  .categories = LI, .required = true },
	{ "recommend.low_income_reason", N_("Reason (low-income)"), NULL, ASSESS_TEXT, .maxlen = 500,
	  .categories = LI, .required = true },
	{ "recommend.elderly_alone", N_("Elderly living alone"), NULL, ASSESS_CHOICE, CH(recommend),
	  .categories = EA, .required = true },
	{ "recommend.elderly_alone_reason", N_("Reason (elderly alone)"), NULL, ASSESS_TEXT,
	  .maxlen = 500, .categories = EA, .required = true },
	{ "recommend.disabled", N_("Disabled"), NULL, ASSESS_CHOICE, CH(recommend),
	  .categories = DI, .required = true },
	{ "recommend.disabled_reason", N_("Reason (disabled)"), NULL, ASSESS_TEXT, .maxlen = 500,
	  .categories = DI, .required = true },
	{ "recommend.unemployed", N_("Unemployed"), NULL, ASSESS_CHOICE, CH(recommend),
	  .categories = UN, .required = true },
	{ "recommend.unemployed_reason", N_("Reason (unemployed)"), NULL, ASSESS_TEXT, .maxlen = 500,
	  .categories = UN, .required = true },
};

static const char *const barthel[10] = {
	"selfcare.feeding", "selfcare.bathing", "selfcare.grooming", "selfcare.dressing",
	"selfcare.bowels", "selfcare.bladder", "selfcare.toilet", "selfcare.transfers",
	"selfcare.mobility", "selfcare.stairs",
};

const assess_item *assess_items(size_t *n)
{
	*n = N(items);
	return items;
}

const assess_section *assess_sections(size_t *n)
{
	*n = N(sections);
	return sections;
}

int assess_index(const char *code)
{
	for (size_t i = 0; code && i < N(items); i++)
		if (strcmp(items[i].code, code) == 0)
			return (int)i;
	return -1;
}

const assess_item *assess_find(const char *code)
{
	int i = assess_index(code);
	return i < 0 ? NULL : &items[i];
}

const assess_section *assess_section_of(const assess_item *it)
{
	size_t len = strcspn(it->code, ".");

	for (size_t i = 0; i < N(sections); i++)
		if (strlen(sections[i].code) == len && strncmp(sections[i].code, it->code, len) == 0)
			return &sections[i];
	return NULL;
}

bool assess_applies(const assess_item *it, unsigned cats)
{
	return it->categories == 0 || (it->categories & cats) != 0;
}

static bool fail(char *msg, size_t len, const char *text)
{
	snprintf(msg, len, "%s", text);
	return false;
}

static bool copy_out(char *out, size_t outlen, const char *s, char *msg, size_t msglen)
{
	if (strlen(s) >= outlen)
		return fail(msg, msglen, _("The answer is too long."));
	memcpy(out, s, strlen(s) + 1);
	return true;
}

/* The answer folded to ASCII (for codes, numbers, dates, times). */
static bool folded(const char *value, char *buf, size_t len, char *msg, size_t msglen)
{
	if (valid_fold_ascii(value, buf, len, NULL, NULL) != VALID_OK)
		return fail(msg, msglen, _("Only digits and letters are allowed here."));
	return true;
}

static bool check_choice(const assess_item *it, const char *v, char *out, size_t outlen,
			 char *msg, size_t msglen)
{
	char buf[64];

	for (size_t i = 0; i < it->nchoices; i++)
		if (strcmp(v, it->choices[i].value) == 0 || strcmp(v, _(it->choices[i].label)) == 0)
			return copy_out(out, outlen, it->choices[i].value, msg, msglen);
	if (folded(v, buf, sizeof buf, msg, msglen)) {
		for (size_t i = 0; i < it->nchoices; i++)
			if (strcmp(buf, it->choices[i].value) == 0)
				return copy_out(out, outlen, it->choices[i].value, msg, msglen);
		/* a choice (not a score) may be picked by its number in the list */
		if (it->kind == ASSESS_CHOICE && strlen(buf) == 1 && buf[0] >= '1'
		    && (size_t)(buf[0] - '0') <= it->nchoices)
			return copy_out(out, outlen, it->choices[buf[0] - '1'].value, msg, msglen);
	}
	if (it->kind == ASSESS_SCORE) {
		char allowed[64] = "";
		for (size_t i = 0; i < it->nchoices; i++) {
			size_t l = strlen(allowed);
			snprintf(allowed + l, sizeof allowed - l, "%s%s", i ? "/" : "", it->choices[i].value);
		}
		snprintf(msg, msglen, _("Allowed scores: %s."), allowed);
		return false;
	}
	/* the checklist shows the choices numbered; it has no F4 list */
	snprintf(msg, msglen, _("Not one of the choices: type the number of one, 1 to %zu."), it->nchoices);
	return false;
}

static bool check_number(const assess_item *it, const char *v, char *out, size_t outlen,
			 char *msg, size_t msglen)
{
	char buf[32], *end;
	long n;

	if (!folded(v, buf, sizeof buf, msg, msglen))
		return false;
	n = strtol(buf, &end, 10);
	if (end == buf || *end != '\0')
		return fail(msg, msglen, _("Type a whole number."));
	if (n < it->min || n > it->max) {
		snprintf(msg, msglen, _("Type a number from %d to %d."), it->min, it->max);
		return false;
	}
	snprintf(buf, sizeof buf, "%ld", n);
	return copy_out(out, outlen, buf, msg, msglen);
}

/* H:MM or HH:MM, or HHMM: the minutes are always two digits, so that
 * "9:3" (09:03? 09:30?) is asked again rather than guessed. */
static bool parse_time(const char *b, int *h, int *m)
{
	size_t n = strlen(b), hd = 0;

	while (hd < n && b[hd] >= '0' && b[hd] <= '9')
		hd++;
	if (hd == 4 && n == 4) {
		*h = (b[0] - '0') * 10 + (b[1] - '0');
		*m = (b[2] - '0') * 10 + (b[3] - '0');
		return true;
	}
	if (hd < 1 || hd > 2 || n != hd + 3 || b[hd] != ':'
	    || b[hd + 1] < '0' || b[hd + 1] > '9' || b[hd + 2] < '0' || b[hd + 2] > '9')
		return false;
	*h = hd == 1 ? b[0] - '0' : (b[0] - '0') * 10 + (b[1] - '0');
	*m = (b[hd + 1] - '0') * 10 + (b[hd + 2] - '0');
	return true;
}

static bool check_time(const char *v, char *out, size_t outlen, char *msg, size_t msglen)
{
	char buf[16];
	int h, m;

	if (!folded(v, buf, sizeof buf, msg, msglen))
		return false;
	if (!parse_time(buf, &h, &m))
		return fail(msg, msglen, _("Type the time as hours:minutes, such as 09:30."));
	if (h > 23 || m > 59)
		return fail(msg, msglen, _("No such time of day."));
	snprintf(buf, sizeof buf, "%02d:%02d", h, m);
	return copy_out(out, outlen, buf, msg, msglen);
}

static bool check_yesno(const char *v, char *out, size_t outlen, char *msg, size_t msglen)
{
	static const char *const yes[] = { "yes", "y", "Y", "YES", "Yes", "是", "1" };
	static const char *const no[] = { "no", "n", "N", "NO", "No", "否", "0" };
	char buf[8] = "";

	if (valid_fold_ascii(v, buf, sizeof buf, NULL, NULL) != VALID_OK)
		snprintf(buf, sizeof buf, "%s", v);
	for (size_t i = 0; i < N(yes); i++) {
		if (strcmp(buf, yes[i]) == 0 || strcmp(v, yes[i]) == 0 || strcmp(v, _("yes")) == 0)
			return copy_out(out, outlen, "yes", msg, msglen);
		if (strcmp(buf, no[i]) == 0 || strcmp(v, no[i]) == 0 || strcmp(v, _("no")) == 0)
			return copy_out(out, outlen, "no", msg, msglen);
	}
	return fail(msg, msglen, _("Answer yes or no (y/n)."));
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

bool assess_check_value(const assess_item *it, const char *value, char *out, size_t outlen,
			char *msg, size_t msglen)
{
	if (msglen)
		msg[0] = '\0';
	if (!value || blank(value))
		return copy_out(out, outlen, "", msg, msglen);
	switch (it->kind) {
	case ASSESS_CHOICE:
	case ASSESS_SCORE:
		return check_choice(it, value, out, outlen, msg, msglen);
	case ASSESS_NUMBER:
		return check_number(it, value, out, outlen, msg, msglen);
	case ASSESS_DATE: {
		valid_day d;
		char buf[16];
		if (valid_date(value, NULL, NULL, &d, msg, msglen) != VALID_OK)
			return false;
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
		return copy_out(out, outlen, buf, msg, msglen);
	}
	case ASSESS_TIME:
		return check_time(value, out, outlen, msg, msglen);
	case ASSESS_YESNO:
		return check_yesno(value, out, outlen, msg, msglen);
	case ASSESS_TEXT:
	case ASSESS_TEAM:
		return valid_text_required(value, (size_t)it->maxlen, out, outlen, msg, msglen) == VALID_OK;
	}
	return fail(msg, msglen, _("Unknown kind of answer."));
}

void assess_answers_init(assess_answers *a)
{
	a->v = NULL;
	a->n = a->cap = 0;
}

void assess_answers_finish(assess_answers *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].code);
		free(a->v[i].value);
	}
	free(a->v);
	assess_answers_init(a);
}

static assess_answer *find_answer(const assess_answers *a, const char *code)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].code, code) == 0)
			return &a->v[i];
	return NULL;
}

bool assess_answers_set(assess_answers *a, const char *code, const char *value)
{
	assess_answer *x = find_answer(a, code);
	char *copy;

	if (!value || !*value) {
		if (x) {
			free(x->code);
			free(x->value);
			*x = a->v[--a->n];
		}
		return true;
	}
	copy = strdup(value);
	if (!copy)
		return false;
	if (x) {
		free(x->value);
		x->value = copy;
		return true;
	}
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;
		assess_answer *v = realloc(a->v, cap * sizeof *v);
		if (!v) {
			free(copy);
			return false;
		}
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n].code = strdup(code);
	if (!a->v[a->n].code) {
		free(copy);
		return false;
	}
	a->v[a->n++].value = copy;
	return true;
}

const char *assess_answers_get(const assess_answers *a, const char *code)
{
	const assess_answer *x = find_answer(a, code);
	return x ? x->value : NULL;
}

int assess_barthel_total(const assess_answers *a, int *answered)
{
	int total = 0, n = 0;

	for (size_t i = 0; i < N(barthel); i++) {
		const char *v = assess_answers_get(a, barthel[i]);
		if (v) {
			total += atoi(v);
			n++;
		}
	}
	if (answered)
		*answered = n;
	return total;
}

/* Bands as used in Chinese practice (WS/T 431-2013 护理分级: 100 无需依赖,
 * 61-99 轻度, 41-60 中度, <=40 重度), with 0-20 kept apart as total
 * dependence (Shah, Vanclay & Cooper 1989). */
assess_band assess_barthel_band(int total)
{
	if (total >= 100)
		return ASSESS_BAND_INDEPENDENT;
	if (total >= 61)
		return ASSESS_BAND_MILD;
	if (total >= 41)
		return ASSESS_BAND_MODERATE;
	if (total >= 21)
		return ASSESS_BAND_SEVERE;
	return ASSESS_BAND_TOTAL;
}

const char *assess_band_label(assess_band b)
{
	switch (b) {
	case ASSESS_BAND_TOTAL: return _("total dependence");
	case ASSESS_BAND_SEVERE: return _("severe dependence");
	case ASSESS_BAND_MODERATE: return _("moderate dependence");
	case ASSESS_BAND_MILD: return _("mild dependence");
	case ASSESS_BAND_INDEPENDENT: return _("independent");
	}
	return "?";
}

int assess_phq2_total(const assess_answers *a)
{
	const char *x = assess_answers_get(a, "psych.interest");
	const char *y = assess_answers_get(a, "psych.mood");

	return x && y ? atoi(x) + atoi(y) : -1;
}

bool assess_referral_suggested(const assess_answers *a)
{
	return assess_phq2_total(a) >= 3;
}

size_t assess_missing(const assess_answers *a, unsigned cats, const char **codes, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < N(items); i++) {
		const assess_item *it = &items[i];
		bool need = it->required && assess_applies(it, cats);
		const char *inc, *ass;

		if (strcmp(it->code, "economy.discrepancy") == 0) {
			inc = assess_answers_get(a, "economy.income");
			ass = assess_answers_get(a, "economy.assets");
			need = (inc && strcmp(inc, "differs") == 0) || (ass && strcmp(ass, "differs") == 0);
		}
		if (need && !assess_answers_get(a, it->code)) {
			if (n < max)
				codes[n] = it->code;
			n++;
		}
	}
	return n;
}
