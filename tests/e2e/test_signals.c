/* test_signals.c - SIGHUP (and a dropped connection: the pty master
 * closed) in the middle of a screen: the process exits within a second, with
 * status 0, leaves no process behind and does not spin. */
#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e.h"
#include "tap.h"

static vt *logged_in(const e2e_env *e)
{
	vt *t = e2e_start(e, 24, 80, NULL);
	if (!t)
		return NULL;
	if (!e2e_wait_login(t, E2E_FIRST_SCREEN_MS)) {
		vt_screen_dump(t);
		vt_destroy(t);
		return NULL;
	}
	e2e_type_login(t, "caseworker", "demo");
	if (!vt_wait_text(t, "主菜单", E2E_SCREEN_MS)) {
		vt_screen_dump(t);
		vt_destroy(t);
		return NULL;
	}
	return t;
}

/* user+system CPU of a running process so far (ms), -1 if unknown. */
static long proc_cpu_ms(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	/* fields after "(comm) ": state is field 3, utime 14, stime 15 */
	char *p = strrchr(buf, ')');
	unsigned long ut = 0, st = 0;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (long)((ut + st) * 1000 / (unsigned long)sysconf(_SC_CLK_TCK));
}

/* before: the child's CPU just before the signal. Under a wrapper
 * (valgrind) the whole life's CPU is mostly the tool's; the CPU after the
 * signal is the app's own shutdown either way. */
static void check_gone(vt *t, const char *what, bool want_status0, long before)
{
	pid_t pid = vt_pid(t);
	long long t0 = vt_now_ms();
	int status = -1;
	bool exited = vt_wait_exit(t, 1000, &status);
	long long took = vt_now_ms() - t0;
	ok(exited, "%s: exits within a second (%lld ms)", what, took);
	if (want_status0)
		ok(exited && WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "%s: exit status 0 (status %#x)", what, status);
	else
		ok(exited && !WIFSIGNALED(status), "%s: exits by itself, not killed (status %#x)", what, status);
	errno = 0;
	ok(kill(pid, 0) == -1 && errno == ESRCH, "%s: no process %d left", what, (int)pid);
	ok(kill(-pid, 0) == -1 && errno == ESRCH, "%s: nothing left in its process group", what);
	long cpu = vt_child_cpu_ms(t);
	ok(cpu >= 0 && before >= 0 && cpu - before < 500, "%s: no spinning after it (%ld ms CPU)", what,
	   cpu - before);
	if (!getenv("JZ_E2E_WRAPPER"))
		ok(cpu >= 0 && cpu < 1500, "%s: no spinning (%ld ms CPU in all)", what, cpu);
}

int main(void)
{
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	e2e_env e;
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");

	vt *t = logged_in(&e);
	if (!ok(t != NULL, "logged in as caseworker"))
		return tap_done();
	vt_send(t, "1");   /* mid-screen: something in flight */
	long before = proc_cpu_ms(vt_pid(t));
	ok(vt_kill(t, SIGHUP), "SIGHUP sent");
	check_gone(t, "SIGHUP", true, before);
	vt_destroy(t);

	t = logged_in(&e);
	if (!ok(t != NULL, "logged in again"))
		return tap_done();
	before = proc_cpu_ms(vt_pid(t));
	ok(vt_kill(t, SIGTERM), "SIGTERM sent");
	check_gone(t, "SIGTERM", true, before);
	ok(!vt_altscreen(t), "SIGTERM: terminal restored (normal screen)");
	vt_destroy(t);

	/* The SSH connection drops: the master side goes away, the kernel
	 * hangs up the terminal; reads then fail with EIO forever. */
	t = e2e_start(&e, 24, 80, NULL);
	if (ok(t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS), "login screen for the hang-up")) {
		vt_send(t, "张");
		long b = proc_cpu_ms(vt_pid(t));
		vt_hangup(t);
		check_gone(t, "hang-up", false, b);
	}
	vt_destroy(t);
	return tap_done();
}
