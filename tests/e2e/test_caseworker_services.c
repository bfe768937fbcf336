/* test_caseworker_services.c - a social worker (caseworker) finds 心理辅导,
 * 技能培训 and 满意度回访 on the menu (the database grants them these since
 * 0081; the menu had them for supervisors only): 8 opens counselling, an
 * activity added on the screen is stored with the caseworker's community,
 * 9 opens training and a (10th, after 9) opens the satisfaction calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e.h"
#include "tap.h"
#include "vt.h"

/* psql -At as the superuser; the first line of the answer in out. */
static bool psql_value(const e2e_env *e, const char *sql, char *out, size_t n)
{
	char path[] = "/tmp/jz-cw-services-XXXXXX";
	int fd = mkstemp(path);
	bool good = false;

	if (fd < 0)
		return false;
	close(fd);
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "\\o %s", path);
	const char *args[] = { "psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", cmd, "-c", sql, NULL };
	int st = e2e_run_cli(e, args, NULL, true);
	FILE *f = fopen(path, "r");
	if (f && st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0 && fgets(out, (int)n, f)) {
		out[strcspn(out, "\n")] = '\0';
		good = true;
	}
	if (f)
		fclose(f);
	unlink(path);
	return good;
}

int main(void)
{
	e2e_env e;
	char ctrl_u[2] = { VT_CTRL('u'), '\0' }, year[8], date[16], sql[512], got[128] = "";
	int y = 2090 + (int)(getpid() % 9), st = -1;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!ok(t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, "caseworker", "demo") &&
		vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "caseworker logged in")) {
		if (t)
			vt_screen_dump(t);
		goto out;
	}
	ok(e2e_screen_has(t, "8. 心理辅导") && e2e_screen_has(t, "9. 技能培训") && e2e_screen_has(t, "a. 满意度回访"),
	   "the menu offers 心理辅导, 技能培训 and 满意度回访");

	vt_send(t, "8");
	if (!ok(vt_wait_text(t, "! = 活动少于政策规定的每月 2 次", E2E_SCREEN_MS), "8: 心理辅导 opens"))
		vt_screen_dump(t);
	snprintf(year, sizeof year, "%d", y);
	vt_send(t, ctrl_u);
	vt_send(t, year);
	vt_send(t, VT_F5);
	ok(vt_wait_text(t, "05月 0!", E2E_SCREEN_MS), "an empty May of %d is flagged", y);
	vt_send(t, VT_F6);
	if (!ok(vt_wait_text(t, "新增心理辅导活动", E2E_SCREEN_MS), "F6: a new activity"))
		vt_screen_dump(t);
	snprintf(date, sizeof date, "%d-05-12", y);
	vt_send(t, ctrl_u);
	vt_send(t, date);
	vt_send(t, "\t李社工\t社区活动室\t12\t就业压力疏导");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "05月 1!", E2E_SCREEN_MS) && vt_wait_text(t, "就业压力疏导", E2E_SCREEN_MS),
		"the caseworker's activity is listed"))
		vt_screen_dump(t);
	snprintf(sql, sizeof sql, "SELECT c.code || ' ' || a.counsellor FROM jz.counselling_activities a"
		 " JOIN jz.communities c ON c.id = a.community_id WHERE a.held_on = '%s' AND a.topic = '就业压力疏导'",
		 date);
	ok(psql_value(&e, sql, got, sizeof got) && strcmp(got, "110105001001 李社工") == 0,
	   "stored in the caseworker's community 幸福里社区 (%s)", got);
	vt_send(t, VT_F12);
	ok(vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "back to the menu");

	vt_send(t, "9");
	if (!ok(vt_wait_text_gone(t, "主菜单", E2E_SCREEN_MS) && e2e_screen_has(t, "技能培训"), "9: 技能培训 opens"))
		vt_screen_dump(t);
	vt_send(t, VT_F12);
	ok(vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "back to the menu");

	vt_send(t, "a");
	if (!ok(vt_wait_text(t, "满意（4-5 分）答复占比", E2E_SCREEN_MS), "a: 满意度回访 opens"))
		vt_screen_dump(t);
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 5000, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves with status 0");
out:
	vt_destroy(t);
	return tap_done();
}
