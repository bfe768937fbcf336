/* test_caseworker_services.c - a social worker (caseworker) finds 心理辅导,
 * 技能培训 and 满意度回访 on the menu (the database grants them these since
 * 0081; the menu had them for supervisors only): 8 opens counselling, an
 * activity added on the screen is stored with the caseworker's community,
 * 9 opens training and a (10th, after 9) opens the satisfaction calls.
 * The legend names only keys that act: no F4 or F10 on the activities, no
 * F4 or F6 on the new activity's form, none of them on the F4 list (Enter
 * picks); the form and the list say 地点, not the home visit's 走访地点; on
 * the participants Tab goes from 报名身份证号 to 到场 and Shift-Tab back (it
 * moved the list under them). Training's heading puts the policy's months
 * before 个月内就业 (the Chinese had the two figures swapped). An ID number
 * with a wrong check digit, to enrol or in 满意度回访, is told as 校验位应为 X
 * (it was "nobody with this ID number"). Attendance typed for the activity,
 * which is years ahead, is refused on the screen naming its day (0144). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
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

/* The legend's row (80x24: the one above the message line). */
static bool legend_has(const vt *t, const char *s)
{
	char *row = vt_row_text(t, 22);
	bool has = row && strstr(row, s) != NULL;
	free(row);
	return has;
}

static bool cursor_on_row(const vt *t, void *row)
{
	int r, c;
	vt_cursor(t, &r, &c);
	return r == *(int *)row;
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
	if (!ok(legend_has(t, "F6 新增") && !legend_has(t, "F10") && !legend_has(t, "F4"),
		"the activities' legend: F6 新增, no F10 or F4"))
		vt_screen_dump(t);
	vt_send(t, VT_F6);
	if (!ok(vt_wait_text(t, "新增心理辅导活动", E2E_SCREEN_MS), "F6: a new activity"))
		vt_screen_dump(t);
	ok(legend_has(t, "F10 保存") && !legend_has(t, "F6") && !legend_has(t, "F4"),
	   "the form's legend: F10 保存, no F6 or F4");
	ok(vt_find_text(t, " 地点") >= 0 && !e2e_screen_has(t, "走访地点"), "the form asks 地点, not 走访地点");
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
	ok(e2e_screen_has(t, "地点") && !e2e_screen_has(t, "走访地点"), "the list's column is 地点");

	/* someone on its list (put there by the superuser past the plan check:
	 * nobody's plan reaches that year) whose attendance is typed ahead */
	char who[128] = "";
	snprintf(sql, sizeof sql, "SET session_replication_role = replica; INSERT INTO jz.counselling_participants"
		 " (activity_id, person_id, community_id) SELECT a.id, p.id, a.community_id FROM jz.counselling_activities a"
		 " JOIN jz.persons p ON p.community_id = a.community_id WHERE a.id = (SELECT max(id)"
		 " FROM jz.counselling_activities WHERE held_on = '%s' AND topic = '就业压力疏导')"
		 " ORDER BY p.id LIMIT 1 RETURNING (SELECT name FROM jz.persons WHERE id = person_id)", date);
	ok(psql_value(&e, sql, who, sizeof who) && who[0], "one participant on it (%s)", who);

	/* its participants: the new activity is the selected row */
	vt_send(t, VT_ENTER);
	int id_row = -1, att_row = -1;
	if (vt_wait_text(t, "报名身份证号", E2E_SCREEN_MS) && vt_wait_text(t, "满意度 1-5", E2E_SCREEN_MS)) {
		id_row = vt_find_text(t, "报名身份证号");
		att_row = vt_find_text(t, "满意度 1-5");
	}
	if (!ok(id_row >= 0 && att_row > id_row && vt_wait_until(t, cursor_on_row, &id_row, E2E_SCREEN_MS),
		"Enter opens the participants, the cursor at 报名身份证号"))
		vt_screen_dump(t);
	ok(legend_has(t, "F4 可报名者") && legend_has(t, "F6 报名") && legend_has(t, "F10 到场登记"),
	   "their legend: F4 可报名者, F6 报名, F10 到场登记");
	vt_send(t, VT_TAB);
	if (!ok(vt_wait_until(t, cursor_on_row, &att_row, E2E_SCREEN_MS), "Tab goes to 到场"))
		vt_screen_dump(t);
	ok(who[0] && vt_wait_text(t, who, E2E_SCREEN_MS), "the participant is listed");
	vt_send(t, ctrl_u);
	vt_send(t, "是");
	vt_send(t, VT_F10);
	/* the screen's own words (the database's JZ036 says 到那天才能登记) */
	if (!ok(vt_wait_text(t, "当天起才能登记到场和满意度", E2E_SCREEN_MS) && e2e_screen_has(t, date),
		"present typed for an activity ahead: the screen says so before the database, naming its day"))
		vt_screen_dump(t);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM jz.counselling_participants q JOIN jz.counselling_activities a"
		 " ON a.id = q.activity_id WHERE a.held_on = '%s' AND q.attended", date);
	ok(psql_value(&e, sql, got, sizeof got) && strcmp(got, "0") == 0, "nobody is marked present (%s)", got);
	vt_send(t, "\033[Z");
	if (!ok(vt_wait_until(t, cursor_on_row, &id_row, E2E_SCREEN_MS), "Shift-Tab back to 报名身份证号"))
		vt_screen_dump(t);
	vt_send(t, "110105194912310021");   /* the standard's example, check X */
	vt_send(t, VT_F6);
	if (!ok(vt_wait_text(t, "校验位应为 X，而不是 1", E2E_SCREEN_MS), "a wrong check digit is told as such"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "没有这个身份证号"), "not as nobody found");
	vt_send(t, ctrl_u);
	vt_send(t, VT_F4);
	if (!ok(vt_wait_text(t, "回车选中", E2E_SCREEN_MS), "F4 lists who may enrol"))
		vt_screen_dump(t);
	ok(!legend_has(t, "F4") && !legend_has(t, "F6") && !legend_has(t, "F10") && legend_has(t, "F12"),
	   "the F4 list's legend has none of F4, F6, F10 (Enter picks)");
	vt_send(t, VT_F12);
	ok(vt_wait_text_gone(t, "回车选中", E2E_SCREEN_MS), "F12 closes it");
	vt_send(t, VT_F12);
	ok(vt_wait_text_gone(t, "报名身份证号", E2E_SCREEN_MS) && vt_wait_text(t, "就业压力疏导", E2E_SCREEN_MS),
	   "F12 back to the activities");
	vt_send(t, VT_F12);
	ok(vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "back to the menu");

	vt_send(t, "9");
	if (!ok(vt_wait_text_gone(t, "主菜单", E2E_SCREEN_MS) && e2e_screen_has(t, "技能培训"), "9: 技能培训 opens"))
		vt_screen_dump(t);
	{
		char months[16] = "", want[48];
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		snprintf(sql, sizeof sql, "SELECT (jz.policy_value('training_employed_within_months',"
			 " make_date(%d, 12, 31))).value::int", tm.tm_year + 1900);
		ok(psql_value(&e, sql, months, sizeof months) && months[0], "the policy's months: %s", months);
		snprintf(want, sizeof want, "，%s 个月内就业 ", months);
		if (!ok(vt_wait_text(t, want, E2E_SCREEN_MS), "the heading says %s", want))
			vt_screen_dump(t);
	}
	vt_send(t, VT_F12);
	ok(vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "back to the menu");

	vt_send(t, "a");
	if (!ok(vt_wait_text(t, "满意（4-5 分）答复占比", E2E_SCREEN_MS), "a: 满意度回访 opens"))
		vt_screen_dump(t);
	vt_send(t, "110105194912310021\t\t5");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "校验位应为 X，而不是 1", E2E_SCREEN_MS), "满意度回访: a wrong check digit is told as such"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "没有这个身份证号") && e2e_screen_has(t, "未保存任何内容"), "nothing saved, nobody claimed missing");
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 5000, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves with status 0");
out:
	vt_destroy(t);
	return tap_done();
}
