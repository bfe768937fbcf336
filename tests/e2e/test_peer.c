/* test_peer.c - a social worker over SSH: an OS account that is a staff
 * role of its own (jiuzhu staff add --peer) runs jiuzhu on the office's
 * database, which root started and whose folder it does not own. It is
 * logged in by peer authentication straight to the menu, with no password;
 * it neither starts nor migrates the server (it may not), and with the
 * server stopped it is told so and who starts it. Root only: it makes the
 * OS account and runs jiuzhu as it through setpriv. Stops the shared
 * server for a moment: alone (meson.build). */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e.h"
#include "tap.h"

#define WHO "jzpeer"

static vt *start_as(const e2e_env *e)
{
	const char *argv[] = { "/usr/bin/setpriv", "--reuid=" WHO, "--regid=" WHO, "--init-groups", "--",
			       e2e_exe(), NULL };
	return vt_start(argv, e->envp, 24, 80, true);
}

static bool title_has(const vt *t, void *arg)
{
	char *s = vt_row_text(t, 0);
	bool hit = s && strstr(s, arg);
	free(s);
	return hit;
}

int main(void)
{
	e2e_env e;

	if (geteuid() != 0)
		return tap_skip_all("needs root (makes an OS account)");
	if (access("/usr/bin/setpriv", X_OK) != 0)
		return tap_skip_all("setpriv missing");
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	if (!getpwnam(WHO) && system("useradd -M -s /usr/sbin/nologin " WHO) != 0)
		return tap_skip_all("useradd " WHO " failed");
	{
		/* a build folder under a private one (0700) is no place another
		 * account can run the binary from: nothing to test there */
		char cmd[1200];
		snprintf(cmd, sizeof cmd, "/usr/bin/setpriv --reuid=" WHO " --regid=" WHO " --init-groups -- "
			 "/usr/bin/test -x '%s'", e2e_exe());
		if (system(cmd) != 0) {
			tap_diag("%s cannot run %s", WHO, e2e_exe());
			return tap_skip_all("the build folder is not reachable by another account");
		}
	}
	ok(getpwnam(WHO) != NULL, "the OS account %s", WHO);

	/* root: the staff role of the same name, peer (and the server started) */
	const char *add[] = { "staff", "add", WHO, "--role", "caseworker", "--community", "110105001001",
			      "--name", "测试赵", "--peer", NULL };
	int st = e2e_run_cli(&e, add, NULL, false);
	tap_diag("staff add %s: status %#x (a second run finds it there)", WHO, st);
	e2e_env_set(&e, "HOME", "/tmp");

	vt *t = start_as(&e);
	char menu[] = "主菜单";
	if (!ok(t && vt_wait_until(t, title_has, menu, E2E_FIRST_SCREEN_MS), "%s starts jiuzhu: the menu, no login screen", WHO))
		vt_screen_dump(t);
	char *title = t ? vt_row_text(t, 0) : NULL;
	ok(title && strstr(title, "测试赵(" WHO ")") && !strstr(title, "登录"),
	   "logged in as itself by peer, no password (%s)", title ? title : "?");
	free(title);
	ok(t && e2e_screen_has(t, "角色：社工") && e2e_screen_has(t, "幸福里社区"), "as a social worker of 幸福里社区");
	if (t) {
		vt_send(t, VT_F3);
		bool left = vt_wait_exit(t, E2E_SCREEN_MS, &st);
		ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves (%#x)", st);
	}
	vt_destroy(t);

	/* the server stopped: it may not start it, and says who does */
	const char *stop[] = { "server", "stop", NULL };
	st = e2e_run_cli(&e, stop, NULL, false);
	ok(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "root stops the server");
	t = start_as(&e);
	if (!ok(t && vt_wait_text(t, "没有运行", E2E_SCREEN_MS) && vt_wait_text(t, "请管理员启动", E2E_SCREEN_MS),
		"%s is told the database is not running and an administrator starts it", WHO))
		vt_screen_dump(t);
	bool ended = t && vt_wait_exit(t, E2E_SCREEN_MS, &st);
	ok(ended && WIFEXITED(st) && WEXITSTATUS(st) == 1, "and jiuzhu exits with 1 (%#x)", st);
	vt_destroy(t);

	/* root starts it again for the other tests */
	const char *again[] = { "psql", "-Atc", "select 1", NULL };
	st = e2e_run_cli(&e, again, NULL, false);
	ok(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "root starts it again");
	return tap_done();
}
