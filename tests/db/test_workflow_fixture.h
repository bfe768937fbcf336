/* test_workflow_fixture.h - shared by the workflow tests: two communities,
 * one staff member per group role in community A (two caseworkers), a
 * caseworker in B, all logged in; applications submitted through the
 * intake function. Roles are cluster-wide: every name is "twf<pid>_<who>"
 * and dropped at the end. */
#ifndef JZ_TEST_WORKFLOW_FIXTURE_H
#define JZ_TEST_WORKFLOW_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "intake.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"
#include "workflow.h"

#define WF_PW "流程口令pw9"

enum { WF_REC, WF_CW, WF_CW2, WF_SUP, WF_ADM, WF_CWB, WF_NSTAFF };

typedef struct wf {
	testdb t;
	char code_a[16], code_b[16];
	char cid_a[16], cid_b[16];
	char login[WF_NSTAFF][64];
	db_conn *c[WF_NSTAFF];
	int seq;
} wf;

/* An 18-digit ID: 110105 + birth YYYYMMDD + 3-digit sequence + check. */
static void wf_mkid(char out[19], const char *birth, int seq)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int s = 0;

	snprintf(out, 19, "110105%.8s%03d", birth, seq % 1000);
	for (int i = 0; i < 17; i++)
		s += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[s % 11];
	out[18] = '\0';
}

/* First column of the first row, malloc'd; "(error)" with a diagnostic. */
static char *wf_scalar(db_conn *c, const char *sql, int n, const char *const *p)
{
	db_err e;
	PGresult *r = db_exec(c, sql, n, p, &e);
	char *v;

	if (!r) {
		tap_diag("%s: %s", sql, e.message);
		return strdup("(error)");
	}
	v = strdup(PQntuples(r) > 0 && !PQgetisnull(r, 0, 0) ? PQgetvalue(r, 0, 0) : "");
	PQclear(r);
	return v;
}

static bool wf_setup(wf *w, const char *name)
{
	static const struct { const char *who, *display; db_staff_role role; bool in_b; } staff[WF_NSTAFF] = {
		[WF_REC] = { "rec", "前台王芳", DB_ROLE_RECEPTION, false },
		[WF_CW] = { "cw", "社工李强", DB_ROLE_CASEWORKER, false },
		[WF_CW2] = { "cw2", "社工赵敏", DB_ROLE_CASEWORKER, false },
		[WF_SUP] = { "sup", "主任陈静", DB_ROLE_SUPERVISOR, false },
		[WF_ADM] = { "adm", "管理员刘洋", DB_ROLE_ADMIN, false },
		[WF_CWB] = { "cwb", "社工孙丽", DB_ROLE_CASEWORKER, true },
	};
	char errbuf[512];
	db_err e;
	long pid = (long)getpid();
	char *v;

	memset(w, 0, sizeof *w);
	if (!testdb_init(&w->t, name, errbuf, sizeof errbuf)) {
		ok(0, "testdb_init: %s", errbuf);
		return false;
	}
	snprintf(w->code_a, sizeof w->code_a, "1101053%05ld", pid % 100000);
	snprintf(w->code_b, sizeof w->code_b, "1101054%05ld", pid % 100000);
	{
		const char *p[2] = { w->code_a, w->code_b };
		if (!db_run(w->t.conn, "INSERT INTO jz.communities (code, name, street) VALUES"
			    " ($1, '团结湖社区', '团结湖街道'), ($2, '水碓子社区', '团结湖街道')", 2, p, &e)) {
			ok(0, "two communities: %s", e.message);
			return false;
		}
		v = wf_scalar(w->t.conn, "SELECT id FROM jz.communities WHERE code = $1", 1, p);
		snprintf(w->cid_a, sizeof w->cid_a, "%s", v);
		free(v);
		v = wf_scalar(w->t.conn, "SELECT id FROM jz.communities WHERE code = $2 OR $1 = ''", 2, p);
		snprintf(w->cid_b, sizeof w->cid_b, "%s", v);
		free(v);
	}
	for (int i = 0; i < WF_NSTAFF; i++) {
		snprintf(w->login[i], sizeof w->login[i], "twf%ld_%s", pid, staff[i].who);
		if (!db_staff_add(w->t.conn, w->login[i], staff[i].display, staff[i].role,
				  staff[i].in_b ? w->code_b : w->code_a, WF_PW, &e)) {
			ok(0, "staff %s: %s", w->login[i], e.message);
			return false;
		}
		w->c[i] = testdb_connect_as(&w->t, w->login[i], WF_PW, &e);
		if (!w->c[i]) {
			ok(0, "%s logs in: %s", w->login[i], e.message);
			return false;
		}
	}
	return true;
}

static void wf_teardown(wf *w)
{
	char like[64];
	const char *p[1] = { like };
	db_err e;
	PGresult *r;

	for (int i = 0; i < WF_NSTAFF; i++)
		db_close(w->c[i]);
	if (!w->t.conn)
		return;
	snprintf(like, sizeof like, "twf%ld\\_%%", (long)getpid());
	r = db_exec(w->t.conn, "SELECT format('DROP ROLE %I', rolname) FROM pg_roles"
		    " WHERE rolname LIKE $1", 1, p, &e);
	for (int i = 0; r && i < PQntuples(r); i++)
		if (!db_run(w->t.conn, PQgetvalue(r, i, 0), 0, NULL, &e))
			tap_diag("cleanup: %s", e.message);
	PQclear(r);
	testdb_finish(&w->t);
}

/* Submit a one-person 低收入 application by the receptionist; complete:
 * every proof (state submitted), else the 户口簿 is missing (returned).
 * Returns the id, 0 on failure. */
static long long wf_submit(wf *w, const char *name, const char *birth, bool complete)
{
	char x[19], form[2048], key[40];
	db_intake_result r;
	db_err e;
	long long id;

	w->seq++;
	wf_mkid(x, birth, w->seq);
	snprintf(key, sizeof key, "%08lx-0000-4000-8000-%012x", (long)getpid(), (unsigned)w->seq);
	snprintf(form, sizeof form,
		 "{\"community\": \"%s\", \"applicant\": {\"id_number\": \"%s\", \"name\": \"%s\"},"
		 " \"categories\": [{\"code\": \"low_income\"}],"
		 " \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s\"}%s,"
		 "  {\"kind\": \"low_income_cert\", \"seen\": true, \"valid_until\": \"2099-12-31\"}],"
		 " \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\"]},"
		 " \"reason\": \"收入低于低保标准\"}",
		 w->code_a, x, name, x, x, complete ? ", {\"kind\": \"hukou\", \"seen\": true}" : "", x);
	if (!db_intake_submit(w->c[WF_REC], form, key, &r, &e)) {
		tap_diag("submit %s: %s", name, e.message);
		return 0;
	}
	id = r.application_id;
	if (strcmp(r.state, complete ? "submitted" : "returned") != 0) {
		tap_diag("submit %s: state %s", name, r.state);
		id = 0;
	}
	db_intake_result_finish(&r);
	return id;
}

/* The application's current version and state (as the superuser). */
static int wf_version(wf *w, long long app, char state[24])
{
	char id[24];
	const char *p[1] = { id };
	db_err e;
	PGresult *r;
	int v = -1;

	snprintf(id, sizeof id, "%lld", app);
	r = db_exec(w->t.conn, "SELECT version, state FROM jz.applications WHERE id = $1::bigint", 1, p, &e);
	if (r && PQntuples(r) == 1) {
		v = atoi(PQgetvalue(r, 0, 0));
		if (state)
			snprintf(state, 24, "%s", PQgetvalue(r, 0, 1));
	}
	PQclear(r);
	return v;
}

/* Before a move to 'assessed' (precondition assessment_complete, 0060): as
 * the acting staff member, answer every item of the checklist and complete
 * the assessment. Best effort: a role that may not write it fails here
 * silently and the transition then says why. */
static void wf_complete_assessment(wf *w, int who, long long app)
{
	char id[24];
	const char *p[1] = { id };
	db_err e;

	snprintf(id, sizeof id, "%lld", app);
	if (!db_run(w->c[who], "INSERT INTO jz.assessment_answers (assessment_id, community_id, item, value)"
		    " SELECT s, 0, i.code, CASE i.kind WHEN 'choice' THEN i.choices[1] WHEN 'score' THEN i.choices[1]"
		    "  WHEN 'date' THEN '2026-03-02' WHEN 'time' THEN '09:30' WHEN 'yesno' THEN 'no'"
		    "  WHEN 'number' THEN i.min_value::text ELSE '张建国' END"
		    " FROM jz.assessment_items i, jz.assessment_open($1::bigint) s ON CONFLICT DO NOTHING",
		    1, p, &e))
		return;
	db_run(w->c[who], "UPDATE jz.assessments SET completed_at = now()"
	       " WHERE application_id = $1::bigint AND completed_at IS NULL", 1, p, &e);
}

/* Transition with the version read just now; false with *e on refusal. */
static bool wf_go(wf *w, int who, long long app, const char *to, const char *reason, db_err *e)
{
	int v, nv = 0;

	if (strcmp(to, "assessed") == 0)
		wf_complete_assessment(w, who, app);
	v = wf_version(w, app, NULL);

	if (!db_wf_transition(w->c[who], app, to, reason, v, &nv, e))
		return false;
	if (nv != v + 1) {
		tap_diag("new version %d after %d", nv, v);
		return false;
	}
	return true;
}

#endif
