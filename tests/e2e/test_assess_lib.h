/* test_assess_lib.h - the assessment e2e tests: an accepted case of an
 * elderly, disabled, low-income applicant made over psql on the private
 * database (as reception, then the caseworker takes it into assessment),
 * and the caseworker's way into its checklist. */
#ifndef JZ_TEST_ASSESS_LIB_H
#define JZ_TEST_ASSESS_LIB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e.h"
#include "tap.h"

#define AS_COMMUNITY "110105001001"

static void as_mkid(char out[19], unsigned r)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int s = 0;
	snprintf(out, 19, "110105%04u%02u%02u%03u", 1930 + r % 25, 1 + (r / 25) % 12,
		 1 + (r / 300) % 28, (r / 8400) % 1000);
	for (int i = 0; i < 17; i++)
		s += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[s % 11];
	out[18] = '\0';
}

static void as_mkname(char *out, size_t len, const char *prefix, unsigned r)
{
	static const char *const d[10] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	size_t o = (size_t)snprintf(out, len, "%s", prefix);
	for (int i = 0; i < 6 && o + 4 < len; i++, r /= 10)
		o += (size_t)snprintf(out + o, len - o, "%s", d[r % 10]);
}

static bool as_psql(const e2e_env *e, const char *sql)
{
	const char *args[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, NULL };
	int st = e2e_run_cli(e, args, NULL, false);
	return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Submitted by reception, accepted, taken into assessment by caseworker. */
static bool as_case(const e2e_env *e, const char *id, const char *name)
{
	char sql[4000];
	snprintf(sql, sizeof sql,
		"set session authorization reception; "
		"select (jz.submit_application('{\"community\": \"%s\","
		" \"applicant\": {\"id_number\": \"%s\", \"name\": \"%s\", \"employment\": \"retired\","
		"  \"disability_category\": 4, \"disability_grade\": 2, \"income\": {\"pension\": 120000}},"
		" \"categories\": [{\"code\": \"low_income\"}, {\"code\": \"elderly_alone\"},"
		"  {\"code\": \"disabled\", \"member\": \"%s\"}],"
		" \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s\"},"
		"   {\"kind\": \"hukou\", \"seen\": true},"
		"   {\"kind\": \"low_income_cert\", \"seen\": true, \"valid_until\": \"2099-12-31\"},"
		"   {\"kind\": \"no_supporter\", \"person\": \"%s\", \"seen\": true},"
		"   {\"kind\": \"disability_cert\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s42\"}],"
		" \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\"]}}'::jsonb,"
		" gen_random_uuid())).state; "
		"select jz.transition(a.id, 'accepted', null, a.version) from jz.applications a"
		" join jz.persons p on p.id = a.applicant_id where p.id_number = '%s'; "
		"set session authorization caseworker; "
		"select jz.transition(a.id, 'assessing', null, a.version) from jz.applications a"
		" join jz.persons p on p.id = a.applicant_id where p.id_number = '%s';",
		AS_COMMUNITY, id, name, id, id, id, id, id, id, id, id, id);
	return as_psql(e, sql);
}

/* Is the row showing name drawn reversed (selected)? */
static bool as_selected(const vt *t, const char *name)
{
	int row = vt_find_text(t, name), col;
	vt_cell_info c;

	if (row < 0)
		return false;
	col = vt_text_col(t, row, name);
	return col >= 0 && vt_cell(t, row, col, &c) && c.reverse;
}

static bool as_pick(vt *t, const char *name);

/* From the main menu: 入户评估, select name's case, Enter. */
static bool as_open_checklist(vt *t, const char *name)
{
	vt_send(t, "2");
	if (!vt_wait_text(t, "回车打开评估表", E2E_SCREEN_MS))
		return false;
	return as_pick(t, name) && vt_wait_text(t, "回答", E2E_SCREEN_MS);
}

static bool as_selected_pred(const vt *t, void *name)
{
	return as_selected(t, name);
}

/* Down through a list until name's row is the selected one, then Enter. */
static bool as_pick(vt *t, const char *name)
{
	for (int i = 0; i < 200 && !as_selected(t, name); i++) {
		vt_send(t, VT_DOWN);
		if (vt_wait_until(t, as_selected_pred, (void *)name, 300))
			break;
	}
	if (!as_selected(t, name))
		return false;
	vt_send(t, VT_ENTER);
	return true;
}

/* Type an answer and Enter; wait until the item counter moves to next. */
static bool as_answer(vt *t, const char *value, int next)
{
	char want[32];

	snprintf(want, sizeof want, "（%d/", next);
	vt_send(t, "\025");
	if (*value)
		vt_send(t, value);
	vt_send(t, VT_ENTER);
	return vt_wait_text(t, want, E2E_SCREEN_MS);
}

/* The answers of the elderly disabled applicant, in checklist order. */
static const char *const as_answers[] = {
	"2026-03-02", "09:30", "团结湖北里3号楼2单元101", "张建国", "李强", "刘小红",
	"2", "3", "1", "1", "", "1", "1", "",
	"5", "0", "0", "5", "5", "5", "5", "5", "5", "0",
	"1", "1", "n", "独居，行动不便，需要上门照料",
	"1", "收入低于标准", "1", "独居无赡养人", "1", "肢体残疾二级",
};
enum { AS_NANSWERS = sizeof as_answers / sizeof as_answers[0] };

#endif
