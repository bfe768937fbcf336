/* test_detail_staff.c - the full record (申请档案) names its 承办人 and the
 * one who checked each proof (证明材料) by the staff member's name in
 * jz.staff (社工 王芳, 前台 李娜), not by the login (caseworker, reception):
 * the supervisor opens a case under 评估中 (the sample assigns
 * them to caseworker) from the work queue; the name expected is read from
 * the database for the number in the title. A proof checked by an account
 * that is no staff member (the sample's loader, jiuzhu) says 系统导入. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tap.h"
#include "test_intake.h"

/* The application number in the title: "<12 digits>-<year>-<6 digits>". */
static bool title_number(const vt *t, char out[32])
{
	char *s = vt_row_text(t, 0);
	const char *p = s ? strstr(s, "110105") : NULL;
	size_t n = 0;
	while (p && n < 31 && (p[n] == '-' || (p[n] >= '0' && p[n] <= '9')))
		n++;
	if (n == 24)
		memcpy(out, p, n);
	out[n == 24 ? n : 0] = '\0';
	free(s);
	return n == 24;
}

/* The proofs' 核验人 by name too: back to the queue, the first case under
 * 受理, its papers marked as checked by reception (the sample has some
 * checked by the loader's account), F5, then down to 证明材料. */
static void proofs(ie_ctx *c, vt *t)
{
	vt_send(t, VT_F12);
	vt_send(t, VT_F4);
	if (!ok(vt_wait_text(t, "状态：受理", E2E_SCREEN_MS), "F4 in the queue offers 状态：受理"))
		vt_screen_dump(t);
	/* 超期提醒 今日到期 我承办的 受理 */
	for (int i = 0; i < 3; i++)
		vt_send(t, VT_DOWN);
	vt_send(t, VT_ENTER);
	if (!ok(ie_wait_title(t, "受理"), "the queue of 受理 cases"))
		vt_screen_dump(t);
	vt_send(t, VT_ENTER);
	char num[32];
	if (!ok(vt_wait_text(t, "家庭成员", E2E_SCREEN_MS) && title_number(t, num),
		"Enter opens the first submitted case's record")) {
		vt_screen_dump(t);
		return;
	}
	const char *p[1] = { num };
	char *n = ie_query(c, "with f as (update jz.proofs set checked_by = 'reception', seen = true"
			   " where application_id = (select id from jz.applications where number = $1)"
			   " returning 1) select count(*) from f", 1, p);
	char *name = ie_query(c, "select display_name from jz.staff where login = 'reception'", 0, NULL);
	if (!ok(n && atoi(n) > 0 && name && strcmp(name, "reception") != 0,
		"%s has %s papers, now checked by reception (%s)", num, n ? n : "?", name ? name : "?")) {
		free(n);
		free(name);
		return;
	}
	char want[160];
	snprintf(want, sizeof want, "已核验  %s", name);
	vt_send(t, VT_F5);
	bool seen = false;
	for (int i = 0; i < 4 && !seen; i++) {
		seen = vt_wait_text(t, want, E2E_SCREEN_MS / 4);
		if (!seen)
			vt_send(t, "\033[6~");   /* PgDn */
	}
	if (!ok(seen && e2e_screen_has(t, "证明材料"), "证明材料 names the checker: %s", want))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "已核验  reception"), "not the login (reception)");

	/* checked by the loader's account, as the sample's proofs are */
	free(n);
	n = ie_query(c, "with f as (update jz.proofs set checked_by = 'jiuzhu'"
		     " where application_id = (select id from jz.applications where number = $1)"
		     " returning 1) select count(*) from f", 1, p);
	ok(n && atoi(n) > 0, "%s papers now checked by jiuzhu", n ? n : "?");
	vt_send(t, VT_F5);
	seen = false;
	for (int i = 0; i < 4 && !seen; i++) {
		seen = vt_wait_text(t, "已核验  系统导入", E2E_SCREEN_MS / 4);
		if (!seen)
			vt_send(t, "\033[6~");   /* PgDn */
	}
	if (!ok(seen, "a checker who is no staff member is 系统导入"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "已核验  jiuzhu"), "not the loader's login (jiuzhu)");
	free(n);
	free(name);
}

static void run(ie_ctx *c, vt *t)
{
	vt_send(t, "1");
	if (!ok(vt_wait_text(t, "实时", E2E_SCREEN_MS), "the work queue opens"))
		vt_screen_dump(t);
	vt_send(t, VT_F4);
	if (!ok(vt_wait_text(t, "状态：评估中", E2E_SCREEN_MS), "F4 offers 状态：评估中"))
		vt_screen_dump(t);
	/* 超期提醒 今日到期 我承办的 受理 补正 不予受理 已受理 评估中 */
	for (int i = 0; i < 7; i++)
		vt_send(t, VT_DOWN);
	vt_send(t, VT_ENTER);
	if (!ok(ie_wait_title(t, "评估中"), "the queue of 评估中 cases"))
		vt_screen_dump(t);
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "家庭成员", E2E_SCREEN_MS), "Enter opens the first case's record"))
		vt_screen_dump(t);

	char num[32];
	if (!ok(title_number(t, num), "the title carries the application number")) {
		vt_screen_dump(t);
		return;
	}
	const char *p[1] = { num };
	char *login = ie_query(c, "select assigned_to from jz.applications where number = $1", 1, p);
	char *name = ie_query(c, "select s.display_name from jz.applications a"
			      " join jz.staff s on s.login = a.assigned_to where a.number = $1", 1, p);
	if (!ok(login && name && strcmp(login, name) != 0,
		"%s is assigned to %s, whose name is %s", num, login ? login : "?", name ? name : "?")) {
		free(login);
		free(name);
		return;
	}
	char want[256], bad[128];
	snprintf(want, sizeof want, "承办人：%s", name);
	snprintf(bad, sizeof bad, "承办人：%s", login);
	if (!ok(e2e_screen_has(t, want), "the record says %s", want))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, bad), "not the login (%s)", bad);
	free(login);
	free(name);
	proofs(c, t);

	vt_send(t, VT_F3);
	int st = -1;
	bool left = vt_wait_exit(t, 5000, &st);
	ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves cleanly (%#x)", st);
}

int main(void)
{
	ie_ctx c;
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	vt *t = ie_login(&c, "supervisor");
	if (ok(t != NULL, "supervisor logged in") && ok(ie_db(&c), "the private database is reachable"))
		run(&c, t);
	vt_destroy(t);
	ie_finish(&c);
	return tap_done();
}
