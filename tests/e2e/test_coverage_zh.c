/* test_coverage_zh.c - 探访排班 in Chinese as a social worker reads it: the
 * last column says why a recipient is short (缺口原因, not the application
 * form's 申请理由); F10 is left out of the legend until F6 has made a
 * proposal (never 受理, which is accepting an application) and, pressed with
 * no proposal on the screen, says to press F6 first
 * instead of doing nothing; the hint says 回车, as every other screen does,
 * not the English "Enter". Reads only: the week is not filled. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2e.h"
#include "tap.h"
#include "vt.h"

int main(void)
{
	e2e_env e;
	int st = -1;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");

	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!ok(t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, "caseworker", "demo")
		&& vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "caseworker logged in")) {
		vt_destroy(t);
		return tap_done();
	}
	/* the item's number as the menu shows it */
	{
		int r = vt_find_text(t, ". 志愿者/探访排班");
		char *m = r >= 0 ? vt_row_text(t, r) : NULL, key[2] = "0";
		char *at = m ? strstr(m, ". 志愿者/探访排班") : NULL;
		if (at && at > m && at[-1] >= '1' && at[-1] <= '9')
			key[0] = at[-1];
		free(m);
		ok(key[0] != '0', "the menu offers 志愿者/探访排班 as item %s", key);
		vt_send(t, key);
	}
	if (!ok(vt_wait_text(t, "当周", E2E_SCREEN_MS), "the rota opens on the week's coverage"))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, "服务对象") && e2e_screen_has(t, "缺口原因") && !e2e_screen_has(t, "申请理由"),
	   "the last column is 缺口原因");
	/* F10 is in the legend only on a proposal (test_legend: 确认排班 there) */
	ok(!e2e_screen_has(t, "F10") && !e2e_screen_has(t, "受理"), "no F10 in the legend before a proposal, no 受理");
	ok(e2e_screen_has(t, "回车看周表") && !e2e_screen_has(t, "Enter"), "the hint says 回车");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "请先按 F6 排满本周", E2E_SCREEN_MS), "F10 with no proposal says what to do"))
		vt_screen_dump(t);

	vt_send(t, VT_F3);
	bool left = vt_wait_exit(t, 5000, &st);
	ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves cleanly (%#x)", st);
	vt_destroy(t);
	return tap_done();
}
