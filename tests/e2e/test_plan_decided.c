/* test_plan_decided.c - two windows of 审批 on the same plan, as a
 * supervisor has on a shared terminal and over SSH: one decides, then the
 * other decides too. The second is told who decided it and how (督导 张伟
 * 已先处理了此计划：执行中), not the database's "计划 N 已被他人修改（现为版本
 * 4）"; the plan is shown as it is now, with no F10 批准 or F6 不予批准 left
 * in the legend, and F12 goes back to a list without it. Denying: while the
 * reason is typed the legend offers F10 不予批准 and F10 denies, as Enter
 * does; the window that typed a reason for a plan denied meanwhile is told
 * so, and the database keeps the first supervisor's reason. The list keeps
 * its columns by display width with names of two and seven characters.
 * It decides plans, so it has a data folder of its own, made afresh each run
 * (a new sample with 0137's four plans waiting); the shared one keeps them
 * for sample_pending. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tap.h"
#include "test_intake.h"

static char *legend(const vt *t)
{
	int rows, cols;
	vt_size(t, &rows, &cols);
	return vt_row_text(t, rows - 2);
}

static bool legend_has(const vt *t, void *arg)
{
	char *l = legend(t);
	bool hit = l && strstr(l, arg);
	free(l);
	return hit;
}

/* The oldest plan waiting: its applicant's name and the plan's id. */
static bool oldest(ie_ctx *c, char name[64], char id[24])
{
	char *v = ie_query(c, "select pe.name || '|' || x.id from jz.plans x"
			   " join jz.applications a on a.id = x.application_id"
			   " join jz.persons pe on pe.id = a.applicant_id"
			   " where x.state = 'proposed' and x.submitted_at is not null"
			   " order by x.submitted_at, x.id limit 1", 0, NULL);
	char *bar = v ? strchr(v, '|') : NULL;
	if (bar) {
		*bar = '\0';
		snprintf(name, 64, "%s", v);
		snprintf(id, 24, "%s", bar + 1);
	}
	free(v);
	return bar != NULL;
}

/* Both windows on 审批's list open the oldest plan (the first row). */
static bool both_open(vt *a, vt *b, const char *name)
{
	bool good = true;
	vt *w[2] = { a, b };
	for (int i = 0; i < 2; i++) {
		good &= vt_wait_text(w[i], "待您审批", E2E_SCREEN_MS) && vt_wait_text(w[i], name, E2E_SCREEN_MS);
		vt_send(w[i], VT_ENTER);
		good &= vt_wait_text(w[i], "已提交，待审批", E2E_SCREEN_MS) && e2e_screen_has(w[i], name);
		if (!good)
			vt_screen_dump(w[i]);
	}
	return good;
}

/* 审批's list by display width: with applicants of two characters
 * (the sample's are all three) and a Manchu name of seven with its middle
 * dot, 元/月 stays in one column on every row and every name is whole. */
static void list_columns(ie_ctx *c, vt *a, vt *b)
{
	static const char rename[] =
		"update jz.persons set name = $1 where id = (select a.applicant_id from jz.plans x"
		" join jz.applications a on a.id = x.application_id"
		" where x.state = 'proposed' and x.submitted_at is not null"
		" order by x.submitted_at, x.id offset $2::int limit 1)";
	const char *p1[2] = { "曹磊", "0" }, *p2[2] = { "爱新觉罗·恒山", "1" };
	char *r1 = ie_query(c, rename, 2, p1), *r2 = ie_query(c, rename, 2, p2);
	ok(r1 && r2 && strcmp(r1, "1") == 0 && strcmp(r2, "1") == 0, "two applicants renamed 曹磊 and 爱新觉罗·恒山");
	free(r1);
	free(r2);
	vt_send(a, VT_F5);
	vt_send(b, VT_F5);
	if (!ok(vt_wait_text(a, "爱新觉罗·恒山", E2E_SCREEN_MS) && vt_wait_text(a, "曹磊", E2E_SCREEN_MS)
		&& vt_wait_text(b, "曹磊", E2E_SCREEN_MS),
		"F5: the list shows them"))
		vt_screen_dump(a);
	int col = -1, rows = 0, same = 0;
	for (int r = 1; r < 21; r++) {
		int x = vt_text_col(a, r, "元/月");
		if (x < 0)
			continue;
		rows++;
		if (col < 0)
			col = x;
		same += x == col;
	}
	if (!ok(rows >= 4 && same == rows, "元/月 in one column on all %d rows", rows))
		vt_screen_dump(a);
}

static void approve_twice(ie_ctx *c, vt *a, vt *b)
{
	char name[64] = "", id[24] = "";

	if (!ok(oldest(c, name, id) && both_open(a, b, name), "both windows open %s's plan, waiting", name))
		return;
	vt_send(b, VT_F10);
	if (!ok(vt_wait_text(b, "已批准", E2E_SCREEN_MS), "the second window approves it (F10)"))
		vt_screen_dump(b);
	vt_send(a, VT_F10);
	if (!ok(vt_wait_text(a, "督导 张伟 已先处理了此计划", E2E_SCREEN_MS),
		"F10 in the first: the message names who decided it"))
		vt_screen_dump(a);
	ok(e2e_screen_has(a, "执行中") && e2e_screen_has(a, "您的决定未记录") && !e2e_screen_has(a, "已被他人修改")
	   && !e2e_screen_has(a, "版本"), "and how (执行中), that this one was not recorded; no version number");
	ok(!e2e_screen_has(a, "待审批"), "the plan is shown as it is now, not 待审批");
	char *l = legend(a);
	ok(l && !strstr(l, "F10") && !strstr(l, "F6") && strstr(l, "F12 返回"),
	   "its legend: no F10 批准, no F6 不予批准, F12 返回 (%s)", l ? l : "?");
	free(l);
	const char *p[1] = { id };
	char *st = ie_query(c, "select state || ' ' || approved_by from jz.plans where id = $1::bigint", 1, p);
	ok(st && strcmp(st, "active supervisor") == 0, "the database: approved once, active (%s)", st ? st : "?");
	free(st);
	vt_send(a, VT_F12);
	vt_send(b, VT_F12);
	ok(vt_wait_text(a, "待您审批", E2E_SCREEN_MS) && vt_wait_text_gone(a, name, E2E_SCREEN_MS),
	   "F12: back on the list, %s no longer there", name);
}

static void deny_twice(ie_ctx *c, vt *a, vt *b)
{
	char name[64] = "", id[24] = "";

	if (!ok(oldest(c, name, id) && both_open(a, b, name), "both windows open %s's plan, waiting", name))
		return;
	char deny[] = "F10 不予批准";
	vt_send(a, VT_F6);
	vt_send(a, "收入核查未通过");
	if (!ok(vt_wait_text(a, "收入核查未通过", E2E_SCREEN_MS) && vt_wait_until(a, legend_has, deny, E2E_SCREEN_MS),
		"the first types a reason for F6; its legend offers F10 不予批准"))
		vt_screen_dump(a);
	vt_send(b, VT_F6);
	vt_send(b, "家庭收入超过标准");
	vt_wait_text(b, "家庭收入超过标准", E2E_SCREEN_MS);
	vt_send(b, VT_F10);
	if (!ok(vt_wait_text(b, "计划不予批准", E2E_SCREEN_MS) && e2e_screen_has(b, "审批意见：家庭收入超过标准"),
		"the second denies with F10 after its reason"))
		vt_screen_dump(b);
	vt_send(a, VT_ENTER);
	if (!ok(vt_wait_text(a, "已先处理了此计划：不予批准", E2E_SCREEN_MS),
		"Enter in the first: told the plan was denied meanwhile"))
		vt_screen_dump(a);
	ok(e2e_screen_has(a, "审批意见：家庭收入超过标准") && !e2e_screen_has(a, "不予批准理由："),
	   "it shows the decision made, the reason field closed");
	const char *p[1] = { id };
	char *st = ie_query(c, "select state || ' ' || decision_reason from jz.plans where id = $1::bigint", 1, p);
	ok(st && strcmp(st, "denied 家庭收入超过标准") == 0, "the database keeps the first decision (%s)", st ? st : "?");
	free(st);
}

/* Live (0145): a plan approved in the second window leaves the first
 * window's list without a key being pressed there. */
static void live_list(ie_ctx *c, vt *a, vt *b)
{
	char name[64] = "", id[24] = "";

	vt_send(a, VT_F12);
	vt_send(b, VT_F12);
	if (!ok(vt_wait_text(a, "待您审批", E2E_SCREEN_MS) && vt_wait_text(b, "待您审批", E2E_SCREEN_MS)
		&& oldest(c, name, id) && vt_wait_text(a, name, E2E_SCREEN_MS),
		"both back on the list; the first lists %s", name))
		return;
	vt_send(b, VT_ENTER);
	if (!ok(vt_wait_text(b, "已提交，待审批", E2E_SCREEN_MS) && e2e_screen_has(b, name),
		"the second opens %s's plan", name)) {
		vt_screen_dump(b);
		return;
	}
	vt_send(b, VT_F10);
	if (!ok(vt_wait_text(b, "已批准", E2E_SCREEN_MS), "and approves it (F10)"))
		vt_screen_dump(b);
	if (!ok(vt_wait_text_gone(a, name, E2E_SCREEN_MS) && e2e_screen_has(a, "待您审批"),
		"the first window's list drops %s by itself, no key pressed", name))
		vt_screen_dump(a);
}

/* The same after both windows' sessions were killed and came back: the app
 * LISTENs again by itself (LISTEN dies with a session). */
static void live_after_reconnect(ie_ctx *c, vt *a, vt *b)
{
	char *n = ie_query(c, "select count(pg_terminate_backend(pid)) from pg_stat_activity"
			   " where usename = 'supervisor' and application_name = 'jiuzhu'"
			   " and backend_type = 'client backend'", 0, NULL);
	ok(n && atoi(n) >= 2, "both windows' sessions are killed (%s)", n ? n : "?");
	free(n);
	if (!ok(vt_wait_text(a, "已恢复", 20000) && vt_wait_text(b, "已恢复", 20000),
		"both windows say the connection is back"))
		vt_screen_dump(a);
	/* live_list starts from an open plan in each window (F12 to the list) */
	vt_send(a, VT_ENTER);
	if (!ok(vt_wait_text(a, "已提交，待审批", E2E_SCREEN_MS), "the first opens a waiting plan"))
		vt_screen_dump(a);
	live_list(c, a, b);
}

static void leave(vt *t, const char *who)
{
	int st = -1;
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 5000, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: F3 leaves cleanly", who);
}

int main(void)
{
	ie_ctx c;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	memset(&c, 0, sizeof c);
	if (!e2e_env_init_own(&c.env, "zh_CN.UTF-8", "decided"))
		return tap_skip_all("cannot prepare the data folder");
	/* a fresh sample each run: an earlier run decided two of its plans */
	const char *stop[] = { "server", "stop", NULL }, *none[] = { NULL };
	(void)e2e_run_cli(&c.env, stop, none, false);
	if (!e2e_rmtree(c.env.data) || !e2e_env_init_own(&c.env, "zh_CN.UTF-8", "decided"))
		return tap_skip_all("cannot make the data folder afresh");
	vt *a = ie_login(&c, "supervisor");
	vt *b = a ? ie_login(&c, "supervisor") : NULL;
	if (ok(a && b && ie_to_menu(a) && ie_to_menu(b), "supervisor logged in twice")
	    && ok(ie_menu_pick(a, "审批") && ie_menu_pick(b, "审批"), "both on 审批")) {
		list_columns(&c, a, b);
		approve_twice(&c, a, b);
		deny_twice(&c, a, b);
		live_list(&c, a, b);
		live_after_reconnect(&c, a, b);
		leave(a, "first");
		leave(b, "second");
	}
	vt_destroy(a);
	vt_destroy(b);
	ie_finish(&c);
	return tap_done();
}
