/* test_find.c - 查询申请 (DESIGN §1, "where is my application?"): two
 * applications are submitted through SQL as the receptionist (one complete,
 * one without the low-income certificate, so it comes back 补正); the
 * receptionist finds the first by the last digits of the ID number and the
 * second by name, with the missing paper named; a receptionist of the other
 * community finds neither. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e.h"
#include "tap.h"

#define COMMUNITY "110105001001"
#define OTHER     "110105001002"

/* An 18-digit ID: 110105 + birth YYYYMMDD + 3-digit sequence + check. */
static void mkid(char out[19], unsigned r)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int s = 0;
	snprintf(out, 19, "110105%04u%02u%02u%03u", 1950 + r % 40, 1 + (r / 40) % 12,
		 1 + (r / 480) % 28, (r / 13440) % 1000);
	for (int i = 0; i < 17; i++)
		s += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[s % 11];
	out[18] = '\0';
}

/* A name unlikely to be used by an earlier run, short enough for the
 * applicant column at 80 columns: a prefix + four of the run's digits in
 * Chinese numerals. */
static void mkname(char *out, size_t len, const char *prefix, unsigned r)
{
	static const char *const d[10] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	size_t o = (size_t)snprintf(out, len, "%s", prefix);
	for (int i = 0; i < 4 && o + 4 < len; i++, r /= 10)
		o += (size_t)snprintf(out + o, len - o, "%s", d[r % 10]);
}

static bool psql(const e2e_env *e, const char *sql)
{
	const char *args[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, NULL };
	int st = e2e_run_cli(e, args, NULL, false);
	return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Submit as the receptionist; without the certificate it comes back 补正. */
static bool submit(const e2e_env *e, const char *id, const char *name, bool complete)
{
	char sql[3000];
	snprintf(sql, sizeof sql,
		"set session authorization reception; "
		"select (jz.submit_application('{\"community\": \"%s\","
		" \"applicant\": {\"id_number\": \"%s\", \"name\": \"%s\"},"
		" \"categories\": [{\"code\": \"low_income\"}],"
		" \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s\"},"
		"   {\"kind\": \"hukou\", \"seen\": true}%s],"
		" \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\"]}}'::jsonb,"
		" gen_random_uuid())).state;",
		COMMUNITY, id, name, id, id,
		complete ? ", {\"kind\": \"low_income_cert\", \"seen\": true, \"issuer\": \"团结湖街道办事处\","
			   " \"valid_until\": \"2099-12-31\"}" : "",
		id);
	return psql(e, sql);
}

static vt *login(const e2e_env *e, const char *user, const char *pass)
{
	vt *t = e2e_start(e, 24, 80, NULL);
	if (!t)
		return NULL;
	if (!e2e_wait_login(t, E2E_FIRST_SCREEN_MS) || !e2e_type_login(t, user, pass) ||
	    !vt_wait_text(t, "主菜单", E2E_SCREEN_MS)) {
		tap_diag("login as %s failed", user);
		vt_screen_dump(t);
		vt_destroy(t);
		return NULL;
	}
	return t;
}

/* Clear the search field (Tab back from the list if needed) and search. */
static void search(vt *t, const char *text)
{
	vt_send(t, "\025");
	vt_send(t, text);
	vt_send(t, VT_ENTER);
}

/* The receptionist: by ID suffix, then by name. */
static void reception(const e2e_env *e, const char *id, const char *name, const char *id2,
		      const char *name2)
{
	vt *t = login(e, "reception", "demo");
	if (!ok(t != NULL, "the receptionist logged in"))
		return;
	/* a draft left by another test may be offered first: the menu is there */
	vt_send(t, "3");
	if (!ok(vt_wait_text(t, "查询申请", E2E_SCREEN_MS) && vt_wait_text(t, "查询：", E2E_SCREEN_MS),
		"item 3 opens 查询申请 with the search field"))
		vt_screen_dump(t);

	search(t, id + 12);   /* the last six characters */
	if (!ok(vt_wait_text(t, name, E2E_SCREEN_MS), "found by the ID suffix %s: %s", id + 12, name))
		vt_screen_dump(t);
	{
		char masked[19];
		snprintf(masked, sizeof masked, "110105********%s", id + 14);
		ok(e2e_screen_has(t, masked), "the ID number masked (%s)", masked);
		ok(!e2e_screen_has(t, id), "the full ID number is not shown");
	}
	ok(e2e_screen_has(t, COMMUNITY "-"), "the application number shown");
	ok(e2e_screen_has(t, "受理"), "the state in words (受理)");
	ok(e2e_screen_has(t, "告知期限") && e2e_screen_has(t, "工作日"),
	   "the notify-by date with the working days left");
	if (!ok(e2e_screen_has(t, "承办社工：尚未分配"), "no caseworker yet") |
	    !ok(e2e_screen_has(t, "提交于 20"), "the submitted date"))
		vt_screen_dump(t);

	/* back to the field (Tab), then by name: the returned one */
	vt_send(t, VT_TAB);
	search(t, name2);
	if (!ok(vt_wait_text(t, name2, E2E_SCREEN_MS), "found by name: %s", name2))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, name), "the first applicant is not listed");
	if (!ok(vt_wait_text(t, "补正", E2E_SCREEN_MS) && vt_wait_text(t, "缺少的材料", E2E_SCREEN_MS) &&
		vt_wait_text(t, "低收入证明", E2E_SCREEN_MS),
		"returned (补正), and the missing 低收入证明 named"))
		vt_screen_dump(t);
	(void)id2;

	/* nothing of the other name */
	vt_send(t, VT_TAB);
	search(t, "无此人的名字");
	if (!ok(vt_wait_text(t, "没有与", E2E_SCREEN_MS), "no match said in words"))
		vt_screen_dump(t);

	vt_send(t, VT_ESC);
	ok(vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "Esc back to the menu");
	int st;
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 5000, &st), "F3 leaves");
	vt_destroy(t);
}

/* A receptionist of the other community: the same searches find nothing. */
static void other(const e2e_env *e, const char *id, const char *name)
{
	const char *add[] = { "staff", "add", "e2e_rcp_other", "--role", "reception",
			      "--community", OTHER, "--name", "前台 建设路", NULL };
	const char *pw[] = { "Rcp-e2e-pass", "Rcp-e2e-pass", NULL };
	int st = e2e_run_cli(e, add, pw, false);
	tap_diag("staff add e2e_rcp_other: status %#x (a second run finds it there)", st);

	vt *t = login(e, "e2e_rcp_other", "Rcp-e2e-pass");
	if (!ok(t != NULL, "the other community's receptionist logged in"))
		return;
	vt_send(t, "3");
	ok(vt_wait_text(t, "查询：", E2E_SCREEN_MS), "查询申请 opens");
	search(t, name);
	if (!ok(vt_wait_text(t, "没有与", E2E_SCREEN_MS), "by name: nothing in 建设路社区"))
		vt_screen_dump(t);
	{
		char masked[19];
		snprintf(masked, sizeof masked, "110105********%s", id + 14);
		ok(!e2e_screen_has(t, masked) && !e2e_screen_has(t, COMMUNITY "-"),
		   "no application listed");
	}
	vt_send(t, VT_TAB);
	search(t, id + 12);
	ok(vt_wait_text(t, id + 12, E2E_SCREEN_MS), "the ID suffix typed");
	if (!ok(vt_wait_text(t, "没有与", E2E_SCREEN_MS) && !e2e_screen_has(t, name),
		"by ID suffix: nothing"))
		vt_screen_dump(t);
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 5000, &st), "F3 leaves");
	vt_destroy(t);
}

int main(void)
{
	e2e_env e;
	const char *loc = e2e_have_locale("zh_CN.UTF-8") ? "zh_CN.UTF-8" : NULL;
	if (!loc)
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, loc))
		return tap_skip_all("cannot prepare the data folder");

	unsigned seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 9);
	char id[19], id2[19], name[64], name2[64];
	mkid(id, seed * 2654435761u + 11u);
	mkid(id2, seed * 2246822519u + 23u);
	mkname(name, sizeof name, "查询", seed);
	mkname(name2, sizeof name2, "补正", seed);

	if (!ok(submit(&e, id, name, true), "%s submitted (complete)", name) ||
	    !ok(submit(&e, id2, name2, false), "%s submitted without the certificate", name2))
		return tap_done();
	reception(&e, id, name, id2, name2);
	other(&e, id, name);
	return tap_done();
}
