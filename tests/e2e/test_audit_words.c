/* test_audit_words.c - 审计日志 in words at 80x24: the supervisor opens an
 * application's full record (a VIEW entry, no change); the administrator
 * opens the trail: its rows name the tables in Chinese (居民,
 * 救助申请, not jz.persons or applications) and the view reads 查看 with
 * 查看了完整档案 as its change, in the list and whole under it, not empty.
 * The newest entries come first: the view is on top (run alone). Made
 * 100x30, the list reads a page of the new size at once (it kept its 80x24
 * page until F5). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tap.h"
#include "test_intake.h"

static const char *const raw[] = {
	"jz.", "persons", "applications", "household_members", "proofs", "households",
};

/* The application number in the title. */
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

/* Rows listed: from under the header to the 变更（ line. */
static int listed(const vt *t)
{
	int hdr = vt_find_text(t, "  时间"), head = vt_find_text(t, "变更（"), n = 0;
	for (int r = hdr + 1; hdr >= 0 && head > hdr && r < head; r++) {
		char *s = vt_row_text(t, r);
		n += s && strstr(s, "20") != NULL;
		free(s);
	}
	return n;
}

static bool listed_is(const vt *t, void *arg)
{
	return listed(t) == *(const int *)arg;
}

static void leave(vt *t, const char *who)
{
	int st = -1;
	vt_send(t, VT_F3);
	bool left = vt_wait_exit(t, 5000, &st);
	ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: F3 leaves cleanly (%#x)", who, st);
}

int main(void)
{
	ie_ctx c;
	char num[32] = "";

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");

	vt *t = ie_login(&c, "supervisor");
	if (!ok(t != NULL, "supervisor logged in"))
		goto out;
	vt_send(t, "2");
	ok(vt_wait_text(t, "超期", E2E_SCREEN_MS), "超期提醒");
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "家庭成员", E2E_SCREEN_MS) && title_number(t, num), "a record opened: %s", num))
		vt_screen_dump(t);
	leave(t, "supervisor");
	vt_destroy(t);

	t = ie_login(&c, "admin");
	if (!ok(t != NULL, "admin logged in") || !ok(ie_menu_pick(t, "审计日志") && ie_wait_title(t, "审计日志"),
						     "审计日志 opens"))
		goto out;
	if (!ok(vt_wait_text(t, "查看了完", E2E_SCREEN_MS), "the view is listed as 查看了完整档案"))
		vt_screen_dump(t);
	int head = vt_find_text(t, "变更（");
	char *pane = head >= 0 ? vt_row_text(t, head + 1) : NULL;
	ok(pane && strstr(pane, "查看了完整档案"), "and whole under the list (%s)", pane ? pane : "?");
	free(pane);

	int rows, cols, hdr = vt_find_text(t, "  时间"), views = 0, worded = 0, bad = 0;
	vt_size(t, &rows, &cols);
	for (int r = hdr + 1; hdr >= 0 && r < rows - 2; r++) {
		char *s = vt_row_text(t, r);
		if (!s || strstr(s, "变更（")) {
			free(s);
			break;
		}
		for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++)
			if (strstr(s, raw[i])) {
				tap_diag("raw table name %s: %s", raw[i], s);
				bad++;
			}
		if (strstr(s, " 查看 ")) {
			views++;
			worded += strstr(s, "查看了完") != NULL;
		}
		free(s);
	}
	ok(views >= 1 && worded == views, "every 查看 row says what it was (%d of %d)", worded, views);
	if (!ok(bad == 0, "no table named raw"))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, "居民") || e2e_screen_has(t, "救助申请") || e2e_screen_has(t, "家庭成员"),
	   "the tables are named in Chinese");
	/* 24 rows: the body is 20, less 3 filter lines, 3 of change, 1 header */
	int n80 = listed(t), want = 30 - 4 - 3 - 3 - 1;
	char *total = ie_query(&c, "select count(*) from jz.audit_log", 0, NULL);
	ok(n80 == 24 - 4 - 3 - 3 - 1, "at 80x24 a page of %d rows", n80);
	if (!ok(total && atoi(total) > want, "the trail has more than %d entries (%s)", want, total ? total : "?")) {
		free(total);
		goto out;
	}
	free(total);
	vt_resize(t, 30, 100);
	if (!ok(vt_wait_until(t, listed_is, &want, E2E_SCREEN_MS), "at 100x30 a page of %d rows, without F5", want))
		vt_screen_dump(t);
	leave(t, "admin");
out:
	vt_destroy(t);
	ie_finish(&c);
	return tap_done();
}
