/* test_login.c - log in as reception/demo under zh_CN.UTF-8: the main menu
 * and the operator show, the frame sits where the design says at 80×24, F3
 * exits with status 0 and the terminal is given back (alternate screen
 * left). */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2e.h"
#include "tap.h"

static bool row_has(const vt *t, int row, const char *s)
{
	char *txt = vt_row_text(t, row);
	bool hit = txt && strstr(txt, s);
	free(txt);
	return hit;
}

int main(void)
{
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	e2e_env e;
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!t)
		return tap_skip_all("cannot start jiuzhu");

	if (!ok(e2e_wait_login(t, E2E_FIRST_SCREEN_MS), "login screen drawn")) {
		vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	ok(vt_altscreen(t), "the app switched to the alternate screen");
	ok(row_has(t, 0, "登录"), "title row says 登录");
	ok(row_has(t, 0, "09:41"), "title row shows the (frozen) time");
	const char *demo[] = { "reception", "caseworker", "supervisor", "admin" };
	for (int i = 0; i < 4; i++)
		ok(e2e_screen_has(t, demo[i]), "demo account %s listed", demo[i]);
	ok(row_has(t, 22, "F3") && row_has(t, 22, "F1"), "key legend on row 22 names F1 and F3");

	e2e_type_login(t, "reception", "demo");
	bool menu = vt_wait_text(t, "主菜单", E2E_SCREEN_MS);
	if (!ok(menu, "reception/demo reaches 主菜单"))
		vt_screen_dump(t);
	ok(row_has(t, 0, "主菜单"), "main menu named on the title row");
	ok(row_has(t, 0, "李娜") || row_has(t, 0, "reception"), "operator on the title row");
	ok(row_has(t, 0, "09:41"), "time on the title row");
	ok(row_has(t, 22, "F3"), "legend on row 22");
	ok(!row_has(t, 23, "F3") && !row_has(t, 21, "F3 "), "legend only on row 22 (message row 23 is free)");
	ok(!e2e_screen_has(t, "登录 "), "login screen gone");

	vt_send(t, VT_F3);
	int status = -1;
	bool exited = vt_wait_exit(t, 5000, &status);
	ok(exited, "F3 exits within 5 s");
	ok(exited && WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status 0 (status %#x)", status);
	ok(vt_saw_bytes(t, "\033[?1049l") || vt_saw_bytes(t, "\033[?47l"), "exit-alternate-screen sequence written");
	ok(!vt_altscreen(t), "terminal back on the normal screen");
	ok(vt_cursor_visible(t), "cursor visible again");
	if (!exited || vt_altscreen(t))
		vt_screen_dump(t);
	vt_destroy(t);
	return tap_done();
}
