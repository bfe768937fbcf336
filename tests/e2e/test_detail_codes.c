/* test_detail_codes.c - an application's full record (申请档案) as the
 * supervisor opens it from 超期提醒 on the sample data: each member's 就业
 * and 健康 in words (登记失业, 退休, not unemployed_reg, retired), "-" when
 * not given; 现住址 and 户籍地址 on lines of their own (side by side they
 * were cut at 80 columns); a paper with no member or number shows "-" in
 * those places instead of running its columns together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2e.h"
#include "tap.h"
#include "vt.h"

static const char *const codes[] = {
	"preschool", "student", "employed", "flexible", "unemployed_reg", "unemployed_unreg", "retired",
	"healthy", "chronic", "serious",
};

/* Rows starting (after spaces) with prefix. */
static int rows_starting(const vt *t, const char *prefix)
{
	int rows, cols, n = 0;
	vt_size(t, &rows, &cols);
	for (int r = 0; r < rows; r++) {
		char *s = vt_row_text(t, r);
		const char *p = s;
		while (p && *p == ' ')
			p++;
		if (p && strncmp(p, prefix, strlen(prefix)) == 0)
			n++;
		free(s);
	}
	return n;
}

int main(void)
{
	e2e_env e;
	int st = -1;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");

	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!ok(t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, "supervisor", "demo")
		&& vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "supervisor logged in")) {
		vt_destroy(t);
		return tap_done();
	}
	vt_send(t, "2");
	if (!ok(vt_wait_text(t, "超期", E2E_SCREEN_MS), "超期提醒 lists the sample's overdue cases"))
		vt_screen_dump(t);
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "家庭成员", E2E_SCREEN_MS) && vt_wait_text(t, "就业：", E2E_SCREEN_MS),
		"Enter opens the record with its members"))
		vt_screen_dump(t);

	{
		int raw = 0;
		for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
			if (e2e_screen_has(t, codes[i])) {
				tap_diag("raw code on the screen: %s", codes[i]);
				raw++;
			}
		if (!ok(raw == 0, "no employment or health code shown raw"))
			vt_screen_dump(t);
	}
	ok(e2e_screen_has(t, "健康：-"), "health not given reads -");
	ok(e2e_screen_has(t, "就业：退休") || e2e_screen_has(t, "就业：在职") || e2e_screen_has(t, "就业：登记失业")
	   || e2e_screen_has(t, "就业：灵活就业") || e2e_screen_has(t, "就业：未登记失业"),
	   "employment in words");
	ok(rows_starting(t, "现住址：") == 1 && rows_starting(t, "户籍地址：") == 1,
	   "现住址 and 户籍地址 each on a line of its own");
	if (!ok(e2e_screen_has(t, "户口簿  -  -  -  已核验"), "户口簿 (no member, number, expiry) shows -"))
		vt_screen_dump(t);

	vt_send(t, VT_F3);
	bool left = vt_wait_exit(t, 5000, &st);
	ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves cleanly (%#x)", st);
	vt_destroy(t);
	return tap_done();
}
