/* assess.c - the assessment on the functions of migration 0060, and its
 * printable report made from the answers and the checklist's labels. */
#include "assess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "valid.h"

/* Copy at most len-1 bytes without cutting a UTF-8 sequence. */
static void put(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src ? src : "");

	if (!src)
		src = "";
	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static const char *val(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col);
}

static unsigned cats_of(const char *list)
{
	unsigned cats = 0;
	char buf[256], *save = NULL;

	put(buf, sizeof buf, list);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
		cats |= assess_cat_bit(t);
	return cats;
}

static const char head_sql[] =
	"SELECT s.id, s.application_id, a.number, p.name, a.state, a.version,"
	" coalesce(s.current_item, ''), s.completed_at IS NOT NULL, s.version,"
	" (SELECT string_agg(DISTINCT c.category, ',') FROM jz.application_categories c"
	"   WHERE c.application_id = a.id)"
	" FROM jz.assessments s JOIN jz.applications a ON a.id = s.application_id"
	" JOIN jz.persons p ON p.id = a.applicant_id WHERE s.id = $1::bigint";

static bool load(db_conn *c, const char *sid, db_assessment *out, db_err *err)
{
	const char *p[1] = { sid };
	PGresult *res = db_exec(c, head_sql, 1, p, err);
	bool good = false;

	if (!res)
		return false;
	if (PQntuples(res) != 1) {
		db_err_set(err, DB_ERR_SQL, "%s", _("No such assessment in your communities."));
		snprintf(err->sqlstate, sizeof err->sqlstate, "JZ004");
		goto out;
	}
	out->id = strtoll(val(res, 0, 0), NULL, 10);
	out->application_id = strtoll(val(res, 0, 1), NULL, 10);
	put(out->number, sizeof out->number, val(res, 0, 2));
	put(out->applicant, sizeof out->applicant, val(res, 0, 3));
	put(out->app_state, sizeof out->app_state, val(res, 0, 4));
	out->app_version = atoi(val(res, 0, 5));
	put(out->current_item, sizeof out->current_item, val(res, 0, 6));
	out->completed = val(res, 0, 7)[0] == 't';
	out->version = atoi(val(res, 0, 8));
	out->cats = cats_of(val(res, 0, 9));
	PQclear(res);
	res = db_exec(c, "SELECT item, value FROM jz.assessment_answers WHERE assessment_id = $1::bigint",
		      1, p, err);
	if (!res)
		return false;
	good = true;
	for (int i = 0; i < PQntuples(res) && good; i++)
		good = assess_answers_set(&out->answers, val(res, i, 0), val(res, i, 1));
	if (!good)
		db_err_set(err, DB_ERR_OTHER, "out of memory");
out:
	PQclear(res);
	return good;
}

bool db_assess_open(db_conn *c, long long application_id, bool completed_ok, db_assessment *out,
		    db_err *err)
{
	static const char open_sql[] = "SELECT jz.assessment_open($1::bigint)";
	static const char find_sql[] =
		"SELECT coalesce((SELECT id FROM jz.assessments WHERE application_id = $1::bigint"
		"   AND completed_at IS NULL),"
		" (SELECT id FROM jz.assessments WHERE application_id = $1::bigint"
		"   ORDER BY completed_at DESC NULLS LAST, id DESC LIMIT 1))";
	char app[24], sid[24];
	const char *p[1] = { app };
	PGresult *res;

	memset(out, 0, sizeof *out);
	assess_answers_init(&out->answers);
	snprintf(app, sizeof app, "%lld", application_id);
	res = db_exec(c, completed_ok ? find_sql : open_sql, 1, p, err);
	if (!res)
		return false;
	if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)) {
		PQclear(res);
		db_err_set(err, DB_ERR_SQL, "%s", _("This case has no assessment yet."));
		snprintf(err->sqlstate, sizeof err->sqlstate, "JZ004");
		return false;
	}
	put(sid, sizeof sid, val(res, 0, 0));
	PQclear(res);
	return load(c, sid, out, err);
}

void db_assessment_finish(db_assessment *a)
{
	if (a)
		assess_answers_finish(&a->answers);
}

bool db_assess_save(db_conn *c, long long assessment_id, const char *item, const char *value,
		    const char *at_item, db_err *err)
{
	static const char sql[] = "SELECT jz.assessment_save($1::bigint, $2, $3, $4)";
	char sid[24];
	const char *p[4] = { sid, item, value && *value ? value : NULL, at_item };

	snprintf(sid, sizeof sid, "%lld", assessment_id);
	return db_run(c, sql, 4, p, err);
}

bool db_assess_complete(db_conn *c, long long assessment_id, int app_version, int *new_version,
			db_err *err)
{
	static const char sql[] = "SELECT jz.assessment_complete($1::bigint, $2::int)";
	char sid[24], ver[16];
	const char *p[2] = { sid, ver };
	PGresult *res;

	snprintf(sid, sizeof sid, "%lld", assessment_id);
	snprintf(ver, sizeof ver, "%d", app_version);
	res = db_exec(c, sql, 2, p, err);
	if (!res)
		return false;
	if (new_version)
		*new_version = atoi(val(res, 0, 0));
	PQclear(res);
	return true;
}

static void fill_case(void *row, const PGresult *res, int i, void *ctx)
{
	db_assess_case *r = row;

	(void)ctx;
	r->application_id = strtoll(val(res, i, 0), NULL, 10);
	put(r->number, sizeof r->number, val(res, i, 1));
	put(r->applicant, sizeof r->applicant, val(res, i, 2));
	if (val(res, i, 4)[0] == 't')
		snprintf(r->progress, sizeof r->progress, "%s", val(res, i, 3));
}

bool db_assess_my_cases(db_conn *c, db_assess_case **rows, size_t *n, db_err *err)
{
	static const char sql[] =
		"SELECT a.id, a.number, p.name,"
		" (SELECT count(*) FROM jz.assessment_answers v WHERE v.assessment_id = s.id), s.id IS NOT NULL"
		" FROM jz.applications a JOIN jz.persons p ON p.id = a.applicant_id"
		" LEFT JOIN jz.assessments s ON s.application_id = a.id AND s.completed_at IS NULL"
		" WHERE a.state = 'assessing' AND a.assigned_to = session_user"
		" ORDER BY a.submitted_at, a.id LIMIT 500";
	void *v;
	bool good;

	good = db_fetch_rows(c, false, sql, 0, NULL, sizeof **rows, fill_case, NULL, &v, n, err);
	*rows = v;
	return good;
}

/* ---- the report ---- */

static void answer_text(FILE *f, const assess_item *it, const char *v)
{
	if (!v) {
		fputs(_("(not answered)"), f);
		return;
	}
	if (it->kind == ASSESS_YESNO) {
		fputs(strcmp(v, "yes") == 0 ? _("yes") : _("no"), f);
		return;
	}
	for (size_t k = 0; k < it->nchoices; k++)
		if (strcmp(it->choices[k].value, v) == 0) {
			if (it->kind == ASSESS_SCORE)
				fprintf(f, "%s (%s)", v, _(it->choices[k].label));
			else
				fputs(_(it->choices[k].label), f);
			return;
		}
	fputs(v, f);
}

/* A category in words: the label of its recommend.<code> item (失业人员),
 * the code only if the checklist has none. */
static const char *cat_label(const assess_item *items, size_t n, unsigned bit)
{
	const char *code = assess_cat_code(bit);
	static const char pre[] = "recommend.";

	for (size_t i = 0; code && i < n; i++)
		if (strncmp(items[i].code, pre, sizeof pre - 1) == 0
		    && strcmp(items[i].code + sizeof pre - 1, code) == 0)
			return _(items[i].label);
	return code ? code : "?";
}

static void members(FILE *f, db_conn *c, const char *app, db_err *err)
{
	static const char sql[] =
		"SELECT p.name, r.name, m.income_wages_fen + m.income_business_fen + m.income_property_fen"
		" + m.income_pension_fen + m.income_support_fen + m.income_other_fen,"
		" coalesce(d.name || ' ' || m.disability_grade || '级', '')"
		" FROM jz.applications a JOIN jz.household_members m ON m.household_id = a.household_id"
		" JOIN jz.persons p ON p.id = m.person_id JOIN jz.relationships r ON r.code = m.relationship"
		" LEFT JOIN jz.disability_categories d ON d.code = m.disability_category"
		" WHERE a.id = $1::bigint ORDER BY r.sort, p.id";
	const char *p[1] = { app };
	PGresult *res = db_exec(c, sql, 1, p, err);

	fprintf(f, "%s\n", _("Household members (declared monthly income):"));
	for (int i = 0; res && i < PQntuples(res); i++) {
		char yuan[32];
		valid_yuan_format(strtoll(val(res, i, 2), NULL, 10), yuan, sizeof yuan);
		fprintf(f, "  %s  %s  %s %s", val(res, i, 0), val(res, i, 1), yuan, _("yuan"));
		if (*val(res, i, 3))
			fprintf(f, "  %s", val(res, i, 3));
		fputc('\n', f);
	}
	PQclear(res);
}

char *db_assess_report(db_conn *c, long long assessment_id, db_err *err)
{
	db_assessment a;
	char sid[24], app[24], *buf = NULL;
	size_t len = 0, n, ns;
	const assess_item *items = assess_items(&n);
	const assess_section *secs = assess_sections(&ns);
	const assess_section *last = NULL;
	FILE *f;
	int answered, total;

	memset(&a, 0, sizeof a);
	assess_answers_init(&a.answers);
	snprintf(sid, sizeof sid, "%lld", assessment_id);
	if (!load(c, sid, &a, err)) {
		db_assessment_finish(&a);
		return NULL;
	}
	snprintf(app, sizeof app, "%lld", a.application_id);
	f = open_memstream(&buf, &len);
	if (!f) {
		db_assessment_finish(&a);
		db_err_set(err, DB_ERR_OTHER, "out of memory");
		return NULL;
	}
	(void)secs;
	fprintf(f, "%s\n", _("ASSESSMENT REPORT"));
	fprintf(f, "%s %s    %s %s\n", _("Application:"), a.number, _("Applicant:"), a.applicant);
	fprintf(f, "%s ", _("Categories:"));
	for (unsigned b = 1, k = 0; b <= ASSESS_CAT_UNEMPLOYED; b <<= 1)
		if (a.cats & b)
			fprintf(f, "%s%s", k++ ? _(", ") : "", cat_label(items, n, b));
	fprintf(f, "\n%s %s\n", _("Status:"), a.completed ? _("completed") : _("draft"));
	members(f, c, app, err);
	for (size_t i = 0; i < n; i++) {
		const assess_item *it = &items[i];
		const assess_section *s = assess_section_of(it);
		if (!assess_applies(it, a.cats))
			continue;
		if (s != last) {
			if (last && strcmp(last->code, "selfcare") == 0) {
				total = assess_barthel_total(&a.answers, &answered);
				fprintf(f, "  %s %d/100 (%d/10), %s\n", _("Barthel total:"), total, answered,
					assess_band_label(assess_barthel_band(total)));
			}
			fprintf(f, "\n== %s ==\n", _(s->title));
			last = s;
		}
		fprintf(f, "  %s: ", _(it->label));
		answer_text(f, it, assess_answers_get(&a.answers, it->code));
		fputc('\n', f);
		if (strcmp(it->code, "psych.mood") == 0 && assess_phq2_total(&a.answers) >= 0)
			fprintf(f, "  %s %d/6%s\n", _("PHQ-2 total:"), assess_phq2_total(&a.answers),
				assess_referral_suggested(&a.answers) ? _(", referral suggested") : "");
	}
	fclose(f);
	db_assessment_finish(&a);
	return buf;
}
