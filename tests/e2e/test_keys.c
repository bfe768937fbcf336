/* test_keys.c - the F-keys as xterm and as PuTTY send them, and the Ctrl
 * alternative of F3 (for SSH clients without F-keys). */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2e.h"
#include "tap.h"

static bool help_shown(vt *t)
{
	/* The help lists every key of an action: "F3/Ctrl-X"; the legend
	 * shows only the first one. */
	return vt_wait_text(t, "Ctrl-X", E2E_SCREEN_MS);
}

static void exits_ok(vt *t, const char *how)
{
	int status = -1;
	bool exited = vt_wait_exit(t, 5000, &status);
	ok(exited && WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s exits with status 0 (%#x)", how, status);
	if (!exited)
		vt_screen_dump(t);
	ok(!vt_altscreen(t), "%s: terminal restored", how);
}

int main(void)
{
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	e2e_env e;
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");

	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!t || !ok(e2e_wait_login(t, E2E_FIRST_SCREEN_MS), "login screen drawn")) {
		if (t)
			vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	ok(!e2e_screen_has(t, "Ctrl-X"), "the login screen itself does not list Ctrl-X");
	vt_send(t, VT_F1);
	if (!ok(help_shown(t), "xterm F1 (ESC O P) opens the help"))
		vt_screen_dump(t);
	vt_send(t, VT_ESC);
	ok(vt_wait_text_gone(t, "Ctrl-X", E2E_SCREEN_MS) && e2e_wait_login(t, E2E_SCREEN_MS),
	   "Esc closes the help");
	vt_send(t, VT_PUTTY_F1);
	if (!ok(help_shown(t), "PuTTY F1 (ESC [11~) opens the help"))
		vt_screen_dump(t);
	vt_send(t, VT_ESC);
	ok(vt_wait_text_gone(t, "Ctrl-X", E2E_SCREEN_MS) && e2e_wait_login(t, E2E_SCREEN_MS),
	   "Esc closes the help again");
	vt_send(t, "supervisor");
	ok(vt_wait_text(t, "supervisor", E2E_SCREEN_MS), "typing still goes to the field");
	vt_send(t, VT_PUTTY_F3);
	exits_ok(t, "PuTTY F3 (ESC [13~)");
	vt_destroy(t);

	t = e2e_start(&e, 24, 80, NULL);
	if (t && ok(e2e_wait_login(t, E2E_FIRST_SCREEN_MS), "login screen again")) {
		e2e_type_login(t, "reception", "demo");
		if (!ok(vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "logged in"))
			vt_screen_dump(t);
		char ctrl_x[2] = { VT_CTRL('x'), '\0' };
		vt_send(t, ctrl_x);
		exits_ok(t, "Ctrl-X on the main menu");
	}
	vt_destroy(t);
	return tap_done();
}
