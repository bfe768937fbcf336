/* test_prepare.c - runs first and alone (priority, not parallel): the first
 * start of a build directory's private data folder runs initdb, every
 * migration and the seed-scale sample, which on a loaded 2-core machine can
 * outlast the other tests' screen deadlines. Here it gets its own, long one,
 * and the start is a real one: the binary in a pseudo-terminal up to the
 * login screen, then F3. It starts from nothing: the folders an earlier run
 * left (a day older, with what its tests changed) are stopped and removed. */
#include <sys/stat.h>
#include <sys/wait.h>

#include "e2e.h"
#include "tap.h"

#define PREPARE_MS 280000

int main(void)
{
	const char *locale = e2e_have_locale("zh_CN.UTF-8") ? "zh_CN.UTF-8" : "C.UTF-8";
	e2e_env e;
	if (!e2e_env_init(&e, locale))
		return tap_skip_all("cannot prepare the data folder");
	ok(e2e_wipe_shared(&e), "the folders of an earlier run are stopped and removed");
	struct stat st;
	ok(stat(e.data, &st) != 0, "%s is gone", e.data);
	if (!e2e_env_init(&e, locale))
		return tap_skip_all("cannot prepare the data folder");
	vt *t = e2e_start(&e, 24, 80, NULL);
	ok(t != NULL, "jiuzhu starts on %s", e.data);
	if (!t)
		return tap_done();
	ok(e2e_wait_login(t, PREPARE_MS), "the private database is ready and the login screen drawn");
	vt_send(t, VT_F3);
	int status = -1;
	ok(vt_wait_exit(t, E2E_SCREEN_MS, &status) && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "F3 leaves with status 0");
	vt_destroy(t);
	return tap_done();
}
