/* test_resize.c - below 80×24 the app asks for a bigger window; back at
 * 80×24 the login screen returns with what was typed. */
#include <stdlib.h>
#include <string.h>

#include "e2e.h"
#include "tap.h"

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
	vt_send(t, "zhangwei");
	ok(vt_wait_text(t, "zhangwei", E2E_SCREEN_MS), "typed text shows");

	vt_resize(t, 20, 60);
	bool small = vt_wait_text(t, "请放大窗口", E2E_SCREEN_MS);
	if (!ok(small, "60×20 shows 请放大窗口"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "zhangwei"), "the form is not drawn at 60×20");

	vt_resize(t, 24, 80);
	bool back = e2e_wait_login(t, E2E_SCREEN_MS) && vt_wait_text(t, "zhangwei", E2E_SCREEN_MS);
	if (!ok(back, "80×24 brings the login screen back with the typed text"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "请放大窗口"), "enlarge message gone");
	e2e_field f[2];
	if (ok(e2e_find_fields(t, f, 2) == 2, "both login fields drawn")) {
		char *u = e2e_field_text(t, &f[0]);
		is_str(u, "zhangwei", "user field still holds zhangwei");
		free(u);
		ok(e2e_cursor_in(t, &f[0]), "cursor back in the user field");
	}
	vt_send(t, VT_F3);
	int status;
	ok(vt_wait_exit(t, 5000, &status), "F3 exits");
	vt_destroy(t);
	return tap_done();
}
