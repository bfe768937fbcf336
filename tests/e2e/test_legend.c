/* test_legend.c - the key legend shows only the keys that do something in
 * the screen's present state (ui_screen_ops.applies): 员工管理's list has
 * nothing to save (no F10 保存), its add form has (F10 保存), and F4 (选择)
 * only on a field with choices; 到期回访's list has nothing to record (no
 * F10 until a follow-up is open), nor 入户评估's list of cases (no F10 完成
 * until a checklist is open). At 80x24, as admin and caseworker. */
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
	ie_finish(&c);
	return tap_done();
}
