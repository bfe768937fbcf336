/* test_assess_fixture.h - an accepted case of an elderly, disabled applicant
 * living alone in a low-income household, taken into assessment by the
 * caseworker; and a complete set of answers. Builds on the workflow fixture. */
#ifndef JZ_TEST_ASSESS_FIXTURE_H
#define JZ_TEST_ASSESS_FIXTURE_H

#include "assess.h"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "test_workflow_fixture.h"
#pragma GCC diagnostic pop

/* Submitted by reception, accepted, in assessment with WF_CW. 0 on failure. */
static long long as_elderly_case(wf *w, const char *name, const char *birth)
{
	char x[19], form[3072], key[40];
	db_intake_result r;
	db_err e;
	long long id;

	w->seq++;
	wf_mkid(x, birth, w->seq);
	snprintf(key, sizeof key, "%08lx-0000-4000-8000-%012x", (long)getpid(), (unsigned)w->seq + 500);
	snprintf(form, sizeof form,
		 "{\"community\": \"%s\", \"household\": {\"address\": \"团结湖北里 3 号楼 2 单元 101\"},"
		 " \"applicant\": {\"id_number\": \"%s\", \"name\": \"%s\", \"employment\": \"retired\","
		 "  \"disability_category\": 4, \"disability_grade\": 2, \"income\": {\"pension\": 120000}},"
		 " \"categories\": [{\"code\": \"low_income\"}, {\"code\": \"elderly_alone\"},"
		 "  {\"code\": \"disabled\", \"member\": \"%s\"}],"
		 " \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s\"},"
		 "  {\"kind\": \"hukou\", \"seen\": true},"
		 "  {\"kind\": \"low_income_cert\", \"seen\": true, \"valid_until\": \"2099-12-31\"},"
		 "  {\"kind\": \"no_supporter\", \"person\": \"%s\", \"seen\": true},"
		 "  {\"kind\": \"disability_cert\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s42\"}],"
		 " \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\"]},"
		 " \"reason\": \"独居，行动不便，收入低\"}",
		 w->code_a, x, name, x, x, x, x, x, x, x);
	if (!db_intake_submit(w->c[WF_REC], form, key, &r, &e)) {
		tap_diag("submit %s: %s", name, e.message);
		return 0;
	}
	id = r.application_id;
	if (strcmp(r.state, "submitted") != 0) {
		tap_diag("submit %s: state %s (%zu missing: %s)", name, r.state, r.n_missing,
			 r.n_missing ? r.missing[0].doc_name : "");
		id = 0;
	}
	db_intake_result_finish(&r);
	if (id && !wf_go(w, WF_REC, id, "accepted", NULL, &e)) {
		tap_diag("accept: %s", e.message);
		return 0;
	}
	if (id && !wf_go(w, WF_CW, id, "assessing", NULL, &e)) {
		tap_diag("assessing: %s", e.message);
		return 0;
	}
	return id;
}

/* Answer every item of the checklist for cats but those starting with skip
 * (NULL: none). Returns how many saves failed. */
static int as_fill(db_conn *c, long long sid, unsigned cats, const char *skip)
{
	size_t n;
	const assess_item *it = assess_items(&n);
	int bad = 0;
	db_err e;

	for (size_t i = 0; i < n; i++) {
		const char *v = "已核实";
		if (!assess_applies(&it[i], cats) || (skip && strncmp(it[i].code, skip, strlen(skip)) == 0))
			continue;
		switch (it[i].kind) {
		case ASSESS_CHOICE: v = it[i].choices[0].value; break;
		case ASSESS_SCORE: v = it[i].choices[it[i].nchoices > 1 ? 1 : 0].value; break;
		case ASSESS_DATE: v = "2026-03-02"; break;
		case ASSESS_TIME: v = "09:30"; break;
		case ASSESS_YESNO: v = "no"; break;
		case ASSESS_NUMBER: v = "1"; break;
		case ASSESS_TEAM:
			v = strcmp(it[i].code, "team.volunteer") == 0 ? "刘小红、马丽" : "张建国";
			break;
		default: break;
		}
		if (!db_assess_save(c, sid, it[i].code, v, it[i].code, &e)) {
			tap_diag("save %s = %s: %s", it[i].code, v, e.message);
			bad++;
		}
	}
	return bad;
}

#endif
