/* test_assess.c - the assessment in the database: the checklist rows equal
 * forms/assess.c; item-by-item saves with values checked; completing
 * without the three team roles fails in plain SQL (and through the state
 * machine); completion moves the case to 'assessed'; a completed assessment
 * is frozen; receptionists read no assessment; the report. */
#include "test_assess_fixture.h"

static void items_match(wf *w)
{
	size_t n;
	const assess_item *it = assess_items(&n);
	int bad = 0;

	is_int((int)testdb_count(w->t.conn, "SELECT count(*) FROM jz.assessment_items", 0, NULL), (int)n,
	       "as many item rows as items in forms/assess.c");
	for (size_t i = 0; i < n; i++) {
		char cats[128] = "", choices[128] = "", req[2] = { it[i].required ? 't' : 'f', 0 };
		const char *p[5] = { it[i].code, assess_kind_name(it[i].kind), cats, choices, req };
		for (unsigned b = 1; b <= ASSESS_CAT_UNEMPLOYED; b <<= 1)
			if (it[i].categories & b) {
				size_t l = strlen(cats);
				snprintf(cats + l, sizeof cats - l, "%s%s", l ? "," : "", assess_cat_code(b));
			}
		for (size_t k = 0; k < it[i].nchoices; k++) {
			size_t l = strlen(choices);
			snprintf(choices + l, sizeof choices - l, "%s%s", k ? "," : "", it[i].choices[k].value);
		}
		if (testdb_count(w->t.conn, "SELECT count(*) FROM jz.assessment_items WHERE code = $1 AND kind = $2"
				 " AND coalesce(array_to_string(categories, ','), '') = $3"
				 " AND coalesce(array_to_string(choices, ','), '') = $4 AND required = $5::boolean",
				 5, p) != 1) {
			tap_diag("item %s differs between C and SQL", it[i].code);
			bad++;
		}
	}
	is_int(bad, 0, "every item equal in C and in jz.assessment_items");
}

int main(void)
{
	wf w;
	db_err e;
	db_assessment a;
	long long app;
	char sid[24], aid[24], st[24];
	const char *ps[1] = { sid };
	unsigned cats = ASSESS_CAT_LOW_INCOME | ASSESS_CAT_ELDERLY | ASSESS_CAT_DISABLED;

	if (!wf_setup(&w, "test_assess"))
		goto out;
	items_match(&w);

	app = as_elderly_case(&w, "王秀英", "19500315");
	ok(app > 0, "an accepted case of an elderly disabled applicant, in assessment");
	if (!app)
		goto out;
	snprintf(aid, sizeof aid, "%lld", app);

	ok(!db_assess_open(w.c[WF_CW2], app, false, &a, &e) && strcmp(e.sqlstate, "JZ011") == 0,
	   "another caseworker cannot open it (%s)", e.sqlstate);
	db_assessment_finish(&a);
	ok(db_assess_open(w.c[WF_CW], app, false, &a, &e), "the assigned caseworker opens it: %s", e.message);
	is_int((int)a.cats, (int)cats, "categories low_income + elderly_alone + disabled");
	is_str(a.current_item, "", "a new assessment starts at the top");
	snprintf(sid, sizeof sid, "%lld", a.id);
	db_assessment_finish(&a);

	/* values checked item by item */
	ok(!db_assess_save(w.c[WF_CW], strtoll(sid, NULL, 10), "selfcare.bathing", "10", NULL, &e)
	   && strcmp(e.sqlstate, DB_ASSESS_BAD_VALUE) == 0, "bathing 10 refused (%s: %s)", e.sqlstate, e.message);
	ok(!db_run(w.c[WF_CW], "INSERT INTO jz.assessment_answers (assessment_id, community_id, item, value)"
		   " VALUES ($1::bigint, 0, 'visit.date', '2026-02-30')", 1, ps, &e),
	   "plain SQL: 2026-02-30 refused (%s)", e.sqlstate);
	ok(!db_run(w.c[WF_CW], "INSERT INTO jz.assessment_answers (assessment_id, community_id, item, value)"
		   " VALUES ($1::bigint, 0, 'psych.referral', '''); DROP TABLE jz.plans; --')", 1, ps, &e)
	   && strcmp(e.sqlstate, DB_ASSESS_BAD_VALUE) == 0, "an injection string is just a bad yes/no (%s)", e.sqlstate);

	/* everything but the volunteer */
	is_int(as_fill(w.c[WF_CW], a.id, cats, "team.volunteer"), 0, "every item saved but the volunteer");
	ok(db_assess_save(w.c[WF_CW], a.id, NULL, NULL, "team.volunteer", &e), "position saved: %s", e.message);
	ok(db_assess_open(w.c[WF_CW], app, false, &a, &e), "reopened: %s", e.message);
	is_str(a.current_item, "team.volunteer", "resumes at the volunteer item");
	is_int(assess_barthel_total(&a.answers, NULL), 50, "Barthel total from the saved answers");
	is_int((int)assess_missing(&a.answers, a.cats, (const char *[4]){ 0 }, 4), 1, "one item missing in C");
	db_assessment_finish(&a);

	is_int((int)testdb_count(w.c[WF_CW], "SELECT count(*) FROM jz.assessment_team WHERE assessment_id = $1::bigint"
				 " AND role = 'social_worker'", 1, ps), 1, "the team row of the social worker");
	ok(!db_run(w.c[WF_CW], "UPDATE jz.assessments SET completed_at = now() WHERE id = $1::bigint", 1, ps, &e)
	   && strcmp(e.sqlstate, "JZ013") == 0 && strstr(e.message, "志愿者"),
	   "plain SQL: completing without a volunteer fails (%s: %s)", e.sqlstate, e.message);
	ok(!db_wf_transition(w.c[WF_CW], app, "assessed", NULL, wf_version(&w, app, NULL), NULL, &e)
	   && strcmp(e.sqlstate, "JZ013") == 0,
	   "jz.transition to assessed fails too (%s)", e.sqlstate);
	ok(!db_assess_complete(w.c[WF_CW], strtoll(sid, NULL, 10), wf_version(&w, app, NULL), NULL, &e)
	   && strcmp(e.sqlstate, "JZ013") == 0, "db_assess_complete fails (%s)", e.sqlstate);

	/* a team of names with no volunteer among them is still no volunteer */
	ok(db_assess_save(w.c[WF_CW], a.id, "team.volunteer", "刘小红", NULL, &e), "volunteer named: %s", e.message);
	ok(db_assess_save(w.c[WF_CW], a.id, "team.social_worker", " ", NULL, &e), "social worker cleared");
	ok(!db_run(w.c[WF_CW], "UPDATE jz.assessments SET completed_at = now() WHERE id = $1::bigint", 1, ps, &e)
	   && strcmp(e.sqlstate, "JZ013") == 0, "no social worker: refused (%s)", e.sqlstate);
	ok(db_assess_save(w.c[WF_CW], a.id, "team.social_worker", "李强", NULL, &e), "social worker again");

	/* receptionists read nothing of it; supervisors read */
	ok(!db_run(w.c[WF_REC], "SELECT * FROM jz.assessment_answers", 0, NULL, &e)
	   && strcmp(e.sqlstate, "42501") == 0, "reception cannot read answers (%s)", e.sqlstate);
	ok(!db_run(w.c[WF_REC], "SELECT * FROM jz.assessments", 0, NULL, &e)
	   && strcmp(e.sqlstate, "42501") == 0, "reception cannot read assessments (%s)", e.sqlstate);
	ok(testdb_count(w.c[WF_SUP], "SELECT count(*) FROM jz.assessment_answers WHERE assessment_id = $1::bigint",
			1, ps) > 30, "the supervisor reads the answers");
	is_int((int)testdb_count(w.c[WF_CWB], "SELECT count(*) FROM jz.assessment_answers", 0, NULL), 0,
	       "a caseworker of another community sees none");
	ok(!db_run(w.c[WF_CW2], "UPDATE jz.assessment_answers SET value = '0' WHERE item = 'selfcare.feeding'"
		   " AND assessment_id = $1::bigint", 1, ps, &e) || testdb_count(w.t.conn,
		   "SELECT count(*) FROM jz.assessment_answers WHERE item = 'selfcare.feeding' AND value = '0'",
		   0, NULL) == 0, "a caseworker not assigned changes nothing");

	/* complete */
	{
		int nv = 0, v = wf_version(&w, app, NULL);
		ok(db_assess_complete(w.c[WF_CW], a.id, v, &nv, &e), "complete: %s", e.message);
		is_int(nv, v + 1, "application version moved on");
		wf_version(&w, app, st);
		is_str(st, "assessed", "the application is assessed");
	}
	ok(!db_assess_save(w.c[WF_CW], a.id, "findings.text", "改一下", NULL, &e),
	   "a completed assessment is frozen (%s)", e.sqlstate);
	ok(!db_run(w.c[WF_CW], "UPDATE jz.assessments SET completed_at = NULL WHERE id = $1::bigint", 1, ps, &e)
	   || testdb_count(w.t.conn, "SELECT count(*) FROM jz.assessments WHERE id = $1::bigint AND completed_at IS NULL",
			   1, ps) == 0, "and cannot be reopened");
	ok(testdb_count(w.t.conn, "SELECT count(*) FROM jz.audit_log WHERE table_name = 'jz.assessment_answers'", 0, NULL)
	   > 30, "answers are in the audit log");

	/* the report */
	{
		char *rep = db_assess_report(w.c[WF_SUP], a.id, &e);
		ok(rep != NULL, "report: %s", rep ? "" : e.message);
		ok(rep && strstr(rep, "王秀英") && strstr(rep, "50/100") && strstr(rep, "刘小红")
		   && strstr(rep, "1200.00"), "names the applicant, the Barthel total, the team, the pension");
		if (rep && !strstr(rep, "50/100"))
			tap_diag("%s", rep);
		/* the categories in words, not the codes (救助类别： unemployed) */
		ok(rep && strstr(rep, "\nCategories: Low-income household, Elderly living alone, Disabled\n"),
		   "the categories line names them in words");
		free(rep);
	}
	(void)aid;
out:
	wf_teardown(&w);
	return tap_done();
}
