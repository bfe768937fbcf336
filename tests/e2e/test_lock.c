/* test_lock.c - in English (C.UTF-8) with NO_COLOR: nothing is coloured and
 * meaning still shows (reverse title, underlined fields); the idle lock
 * ($JIUZHU_IDLE_LOCK=2) hides the session until the password is typed
 * again, and a wrong one keeps it locked. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2e.h"
#include "tap.h"

static bool all_default_colours(const vt *t, int *bad_row, int *bad_col)
{
	int rows, cols;
	vt_size(t, &rows, &cols);
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++) {
			vt_cell_info ci;
			vt_cell(t, r, c, &ci);
			if (!ci.default_fg || !ci.default_bg) {
				*bad_row = r;
				*bad_col = c;
				return false;
			}
		}
	return true;
}

static bool title_has(const vt *t, void *arg)
{
	char *s = vt_row_text(t, 0);
	bool hit = s && strstr(s, (const char *)arg);
	free(s);
	return hit;
}

int main(void)
{
	e2e_env e;
	if (!e2e_env_init(&e, "C.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	e2e_env_set(&e, "NO_COLOR", "1");
	/* 2 s: long enough that an unlock under valgrind (slow SCRAM) is not
	 * itself idle time that locks again at once */
	e2e_env_set(&e, "JIUZHU_IDLE_LOCK", "2");
	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!t)
		return tap_skip_all("cannot start jiuzhu");
	if (!ok(e2e_wait_login(t, E2E_FIRST_SCREEN_MS), "login screen drawn")) {
		vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	ok(title_has(t, (void *)"Login"), "English title: Login");
	ok(!e2e_screen_has(t, "登录"), "no Chinese title under C.UTF-8");
	int br = -1, bc = -1;
	ok(all_default_colours(t, &br, &bc), "NO_COLOR: every cell in the terminal's colours (first other at %d,%d)", br, bc);
	vt_cell_info title;
	vt_cell(t, 0, 0, &title);
	ok(title.reverse, "NO_COLOR: the title line is still set off (reverse video)");

	e2e_type_login(t, "caseworker", "demo");
	bool menu = vt_wait_until(t, title_has, (void *)"Main menu", E2E_SCREEN_MS);
	if (!ok(menu, "caseworker/demo reaches the Main menu"))
		vt_screen_dump(t);
	ok(all_default_colours(t, &br, &bc), "NO_COLOR: the menu has no colours either (%d,%d)", br, bc);

	long long t0 = vt_now_ms();
	bool locked = vt_wait_until(t, title_has, (void *)"Locked", 8000);
	long long took = vt_now_ms() - t0;
	if (!ok(locked, "idle for 2 s: the screen locks (%lld ms)", took))
		vt_screen_dump(t);
	ok(took >= 1500, "not before the idle time has passed");
	ok(!e2e_screen_has(t, "Main menu"), "the session is hidden while locked");
	ok(e2e_screen_has(t, "caseworker"), "the lock names the user");

	vt_send(t, "Xq7wrong" VT_ENTER);
	ok(vt_wait_text(t, "assword", E2E_SCREEN_MS) && vt_wait_update(t, 2000), "a wrong password is answered");
	ok(title_has(t, (void *)"Locked"), "a wrong password keeps it locked");
	ok(!e2e_screen_has(t, "Xq7wrong") && !e2e_screen_has(t, "Xq7w"), "the password is not shown");

	vt_send(t, "demo" VT_ENTER);
	bool back = vt_wait_until(t, title_has, (void *)"Main menu", E2E_SCREEN_MS);
	if (!ok(back, "the right password unlocks: back on the Main menu"))
		vt_screen_dump(t);

	vt_send(t, VT_F3);
	int st = -1;
	ok(vt_wait_exit(t, 5000, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 exits with status 0");
	vt_destroy(t);
	return tap_done();
}
