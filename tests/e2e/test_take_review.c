/* test_take_review.c - a social worker in 初审 presses F6 (领取下一件) over
 * the sample's overdue applications: F6 takes accepted cases into
 * assessment and the sample has none, so nothing is taken; the message
 * says why and what to do (these need the preliminary review first, Enter
 * opens one), not a bare "没有待领取的案件" over a full list. Then the same
 * in English (C.UTF-8), within 80 columns. Its own data folder: other
 * tests accept cases, which F6 would then take. Enter then opens the first
 * for review, its key hint whole in both languages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2e.h"
#include "tap.h"
#include "vt.h"

static void run(e2e_env *e, const char *menu, const char *queue, const char *want, const char *hint)
{
	int st = -1;
	vt *t = e2e_start(e, 24, 80, NULL);

	if (!ok(t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, "caseworker", "demo")
		&& vt_wait_text(t, menu, E2E_SCREEN_MS), "caseworker logged in (%s)", menu)) {
		vt_destroy(t);
		return;
	}
	vt_send(t, "1");
	if (!ok(vt_wait_text(t, queue, E2E_SCREEN_MS) && vt_wait_text(t, "110105001001-", E2E_SCREEN_MS),
		"%s lists the sample's applications", queue))
		vt_screen_dump(t);
	vt_send(t, VT_F6);
	if (!ok(vt_wait_text(t, want, E2E_SCREEN_MS), "F6 with nothing to take: %s", want))
		vt_screen_dump(t);
	{
		int rows, cols;
		vt_size(t, &rows, &cols);
		char *last = vt_row_text(t, rows - 1);
		const char *end = last ? last + strlen(last) : NULL;
		while (end && end > last && end[-1] == ' ')
			end--;
		ok(end && end > last && (end[-1] == '.' || strncmp(end - 3, "。", 3) == 0),
		   "the message ends on the line, not cut at 80 columns");
		free(last);
	}
	/* Enter opens the first for review: its key hint whole at 80 columns
	 * (the English one was 91 characters and lost "Enter full record") */
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, hint, E2E_SCREEN_MS), "the review's hint ends with %s", hint))
		vt_screen_dump(t);
	vt_send(t, VT_F3);
	bool left = vt_wait_exit(t, 5000, &st);
	ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves cleanly (%#x)", st);
	vt_destroy(t);
}

int main(void)
{
	e2e_env e;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init_own(&e, "zh_CN.UTF-8", "take"))
		return tap_skip_all("cannot prepare the data folder");
	run(&e, "主菜单", "初审", "列表中的申请须先初审（回车打开）", "回车 查看档案");
	if (e2e_env_set(&e, "LANG", "C.UTF-8") && e2e_env_set(&e, "LC_ALL", "C.UTF-8"))
		run(&e, "Main menu", "Preliminary review", "these need review first (Enter)",
		    "F4 reject   Enter full record");
	return tap_done();
}
