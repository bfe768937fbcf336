/* test_legend.c - the key legend shows only the keys that do something in
 * the screen's present state (ui_screen_ops.applies): 员工管理's list has
 * nothing to save (no F10 保存), its add form has (F10 保存), and F4 (选择)
 * only on a field with choices; 到期回访's list has nothing to record (no
 * F10 until a follow-up is open), nor 入户评估's list of cases (no F10 完成
 * until a checklist is open). 探访排班 shows F10 确认排班 only on a
 * proposal (where F12 is 取消, it discards it; on the list 返回); the week
 * grid, while the hours are typed, has no F6 排班, F12 取消 and the last
 * message gone; F12 is 返回 on 我的案件的救助计划 and on 审批's list; an
 * open plan waiting in 审批 (the sample has some, 0137) offers F10 批准 and
 * F6 不予批准, and F12 returns to the list.
 * At 80x24, as admin, caseworker and supervisor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tap.h"
#include "test_intake.h"

/* The legend: the second line from the bottom. */
static char *legend(const vt *t)
{
	int rows, cols;
	vt_size(t, &rows, &cols);
	return vt_row_text(t, rows - 2);
}

static bool legend_has(const vt *t, const char *s)
{
	char *l = legend(t);
	bool hit = l && strstr(l, s);
	free(l);
	return hit;
}

static bool legend_has_pred(const vt *t, void *arg)
{
	return legend_has(t, arg);
}

static void leave(vt *t, const char *who)
{
	int st = -1;
	vt_send(t, VT_F3);
	bool left = vt_wait_exit(t, 5000, &st);
	ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: F3 leaves cleanly (%#x)", who, st);
}

static void staff(ie_ctx *c)
{
	vt *t = ie_login(c, "admin");
	if (!ok(t != NULL, "admin logged in"))
		return;
	if (!ok(ie_menu_pick(t, "员工管理") && ie_wait_title(t, "员工管理") && vt_wait_text(t, "caseworker", E2E_SCREEN_MS),
		"员工管理 lists the accounts")) {
		vt_screen_dump(t);
		vt_destroy(t);
		return;
	}
	char *l = legend(t);
	if (!ok(l && strstr(l, "F6") && !strstr(l, "F10") && !strstr(l, "保存"),
		"the list's legend: no F10 保存 (%s)", l ? l : "?"))
		vt_screen_dump(t);
	free(l);
	char save[] = "F10 保存", f6[] = "F6";
	vt_send(t, VT_F6);
	if (!ok(ie_focus(t, "登录名：", NULL) && vt_wait_until(t, legend_has_pred, save, E2E_SCREEN_MS),
		"F6: the add form's legend has F10 保存"))
		vt_screen_dump(t);
	l = legend(t);
	ok(l && !strstr(l, "F4") && !strstr(l, "F6"), "at 登录名 no F4 (no choices) and no F6 (%s)", l ? l : "?");
	free(l);
	vt_send(t, VT_F12);
	if (!ok(vt_wait_until(t, legend_has_pred, f6, E2E_SCREEN_MS) && !legend_has(t, "F10"),
		"F12: back on the list, F10 gone again"))
		vt_screen_dump(t);
	leave(t, "admin");
	vt_destroy(t);
}

static void followups(ie_ctx *c)
{
	vt *t = ie_login(c, "caseworker");
	if (!ok(t != NULL, "caseworker logged in"))
		return;
	if (!ok(ie_menu_pick(t, "回访") && ie_wait_title(t, "回访"), "到期回访 opens")) {
		vt_screen_dump(t);
		vt_destroy(t);
		return;
	}
	char *l = legend(t);
	if (!ok(l && strstr(l, "F12 返回") && !strstr(l, "F10"), "the list's legend: F12 返回, nothing to record, no F10 (%s)",
		l ? l : "?"))
		vt_screen_dump(t);
	free(l);
	leave(t, "caseworker");
	vt_destroy(t);
}

/* 入户评估's list of cases (empty or not) completes nothing: no F10 完成
 * until a checklist is open. */
static void assess_list(ie_ctx *c)
{
	vt *t = ie_login(c, "caseworker");
	if (!ok(t != NULL, "caseworker logged in"))
		return;
	if (!ok(ie_menu_pick(t, "入户评估") && ie_wait_title(t, "入户评估") && vt_wait_text(t, "回车打开评估表", E2E_SCREEN_MS),
		"入户评估 lists the cases")) {
		vt_screen_dump(t);
		vt_destroy(t);
		return;
	}
	char *l = legend(t);
	if (!ok(l && strstr(l, "F12 返回") && !strstr(l, "F10") && !strstr(l, "完成"),
		"the cases' legend: F12 返回, nothing to complete, no F10 (%s)", l ? l : "?"))
		vt_screen_dump(t);
	free(l);
	leave(t, "caseworker");
	vt_destroy(t);
}

static bool screen_has_pred(const vt *t, void *arg)
{
	return e2e_screen_has(t, arg);
}

/* 探访排班 → F6 proposal → F12 → 刘玉兰's week → last Monday 09:00 booked
 * → d: the hours prompt's legend. */
static void rota(ie_ctx *c)
{
	const char *who = "刘玉兰";
	const char *p[1] = { who };
	char *n = ie_query(c, "update jz.visits v set status = 'cancelled', actual_minutes = null"
			   " from jz.persons p where p.id = v.recipient_id and p.name = $1"
			   " and v.status <> 'cancelled'"
			   " and v.slot && tstzrange(jz.office_at(jz.week_of(now()) - 7, 9 * 60),"
			   "                         jz.office_at(jz.week_of(now()) - 7, 10 * 60))", 1, p);
	free(n);
	vt *t = ie_login(c, "caseworker");
	if (!ok(t != NULL, "caseworker logged in"))
		return;
	if (!ok(ie_menu_pick(t, "志愿者/探访排班") && ie_wait_title(t, "探访排班"), "探访排班 opens")) {
		vt_screen_dump(t);
		vt_destroy(t);
		return;
	}
	char back[] = "F12 返回", cancel[] = "F12 取消", book[] = "F10 确认排班", f6[] = "F6";
	if (!ok(vt_wait_until(t, legend_has_pred, back, E2E_SCREEN_MS) && !legend_has(t, "F10"),
		"探访排班's list: F12 返回, no F10 before a proposal"))
		vt_screen_dump(t);
	vt_send(t, VT_F6);
	if (!ok(ie_wait_title(t, "排满本周：方案") && vt_wait_until(t, legend_has_pred, book, E2E_SCREEN_MS)
		&& legend_has(t, cancel), "F6: the proposal's legend has F10 确认排班 and F12 取消"))
		vt_screen_dump(t);
	vt_send(t, VT_F12);
	if (!ok(vt_wait_until(t, legend_has_pred, back, E2E_SCREEN_MS) && !legend_has(t, "F10"),
		"F12 discards it: F12 返回 again, no F10"))
		vt_screen_dump(t);

	/* 刘玉兰 on next week's list, her grid, back to last week */
	vt_send(t, ">");
	int head = -1, row = -1;
	if (vt_wait_text(t, who, E2E_SCREEN_MS)) {
		head = vt_find_text(t, "服务对象");
		row = vt_find_text(t, who);
	}
	if (!ok(head >= 0 && row > head, "next week's list has %s", who)) {
		vt_screen_dump(t);
		vt_destroy(t);
		return;
	}
	for (int i = head + 1; i < row; i++)
		vt_send(t, VT_DOWN);
	vt_send(t, VT_ENTER);
	if (!ok(ie_wait_title(t, "服务对象周表") && vt_wait_until(t, legend_has_pred, back, E2E_SCREEN_MS)
		&& legend_has(t, "F6"), "the week grid: F6 and F12 返回"))
		vt_screen_dump(t);
	vt_send(t, "<");
	vt_send(t, "<");
	vt_send(t, VT_F6);
	char booked[] = "已排探访";
	if (!ok(vt_wait_until(t, screen_has_pred, booked, E2E_SCREEN_MS), "F6 books last Monday at 09:00"))
		vt_screen_dump(t);
	vt_send(t, "d");
	if (!ok(vt_wait_text(t, "服务小时数", E2E_SCREEN_MS) && vt_wait_until(t, legend_has_pred, cancel, E2E_SCREEN_MS),
		"d: the hours are asked, F12 取消"))
		vt_screen_dump(t);
	char *l = legend(t);
	ok(l && !strstr(l, "F6") && !strstr(l, "排班"), "no F6 排班 while the hours are typed (%s)", l ? l : "?");
	free(l);
	ok(!e2e_screen_has(t, booked), "the last message (已排探访) is gone");
	vt_send(t, VT_F12);
	if (!ok(vt_wait_until(t, legend_has_pred, f6, E2E_SCREEN_MS) && legend_has(t, back),
		"F12 closes the prompt: F6 and F12 返回 again"))
		vt_screen_dump(t);
	/* m picks the visit up: no F6 排班 (nothing is booked meanwhile); F12
	 * leaves it where it was and F6 returns */
	vt_send(t, "m");
	char moving[] = "按 m";
	if (!ok(vt_wait_until(t, screen_has_pred, moving, E2E_SCREEN_MS) && !legend_has(t, "F6"),
		"m: moving, no F6 in the legend"))
		vt_screen_dump(t);
	vt_send(t, VT_F6);
	ok(vt_wait_text(t, "正在移动探访", E2E_SCREEN_MS), "F6 while moving says what to do instead");
	vt_send(t, VT_F12);
	if (!ok(vt_wait_until(t, legend_has_pred, f6, E2E_SCREEN_MS) && ie_wait_title(t, "服务对象周表"),
		"F12: not moved, F6 back"))
		vt_screen_dump(t);
	leave(t, "caseworker");
	vt_destroy(t);
}

/* F12 goes back on 我的案件的救助计划 (caseworker) and on 审批's list
 * (supervisor). */
static void plans(ie_ctx *c)
{
	vt *t = ie_login(c, "caseworker");
	char back[] = "F12 返回";
	if (!ok(t != NULL, "caseworker logged in"))
		return;
	if (!ok(ie_menu_pick(t, "救助计划") && ie_wait_title(t, "我的案件的救助计划")
		&& vt_wait_until(t, legend_has_pred, back, E2E_SCREEN_MS) && !legend_has(t, "取消"),
		"我的案件的救助计划: F12 返回"))
		vt_screen_dump(t);
	leave(t, "caseworker");
	vt_destroy(t);

	t = ie_login(c, "supervisor");
	if (!ok(t != NULL, "supervisor logged in"))
		return;
	if (!ok(ie_menu_pick(t, "审批") && ie_wait_title(t, "审批")
		&& vt_wait_until(t, legend_has_pred, back, E2E_SCREEN_MS) && !legend_has(t, "取消"),
		"审批's list: F12 返回"))
		vt_screen_dump(t);
	/* read only: the plan is opened, not decided */
	char approve[] = "F10 批准";
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "待审批", E2E_SCREEN_MS)
		&& vt_wait_until(t, legend_has_pred, approve, E2E_SCREEN_MS)
		&& legend_has(t, "F6 不予批准") && legend_has(t, back),
		"an open plan in 审批: F10 批准, F6 不予批准, F12 返回"))
		vt_screen_dump(t);
	vt_send(t, VT_F12);
	if (!ok(vt_wait_text(t, "待您审批", E2E_SCREEN_MS)
		&& vt_wait_until(t, legend_has_pred, back, E2E_SCREEN_MS) && !legend_has(t, "F10"),
		"F12: back on 审批's list, F10 gone"))
		vt_screen_dump(t);
	leave(t, "supervisor");
	vt_destroy(t);
}

int main(void)
{
	ie_ctx c;
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	staff(&c);
	followups(&c);
	assess_list(&c);
	rota(&c);
	plans(&c);
	ie_finish(&c);
	return tap_done();
}
