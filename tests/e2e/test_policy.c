/* test_policy.c - the administrator's 政策参数 and 节假日与区划代码 at
 * 80x24 in Chinese: the low-income cash aid reads 500.00 and is marked
 * 现行; the figures are named in words (低收入家庭现金救助, not the key
 * cash_aid_low_income) and the selected row's note is shown whole under the
 * list (备注：…); the list's legend has no F10 保存; F6 refuses yesterday at the date field (text kept) and adds a figure
 * dated next year with a long Chinese note, listed as 待生效: its row cuts
 * the note (…), the detail under the list has the whole of it across its
 * wrapped lines, at 80x24 and at 120x40, and Up shows the figure in force
 * (有效期 … 至 the new one's eve) instead; 节假日 shows 2025 and 2026 loaded.
 * The added row is removed afterwards (it would change later years'
 * figures for other tests); alone, like the other admin tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "e2e.h"
#include "tap.h"
#include "test_intake.h"

#define NAME "低收入家庭现金救助"   /* cash_aid_low_income, by 0125 */
/* 88 characters: three lines of the detail at 80 columns, cut in the list */
#define LONG "经街道办事处民政科审核并报区民政局备案，自生效之日起低收入家庭现金救助标准调整为每户每月520.50元，" \
	"社区居委会负责张榜公示七个自然日，如有异议请在公示期内书面反映，期满执行"

/* The cell at the first column of s is reverse video: the cursor's row. */
static bool row_selected(const vt *t, void *arg)
{
	const char *s = arg;
	int r = vt_find_text(t, s);
	vt_cell_info ci;
	return r >= 1 && vt_cell(t, r, vt_text_col(t, r, s), &ci) && ci.reverse;
}

/* The screen row with both a and b, or -1. */
static int row_with(const vt *t, const char *a, const char *b)
{
	int rows, cols;
	vt_size(t, &rows, &cols);
	for (int r = 0; r < rows; r++) {
		char *s = vt_row_text(t, r);
		bool hit = s && strstr(s, a) && strstr(s, b);
		free(s);
		if (hit)
			return r;
	}
	return -1;
}

typedef struct { const char *a, *b; } pair;

static bool has_row(const vt *t, void *arg)
{
	const pair *p = arg;
	return row_with(t, p->a, p->b) >= 0;
}

/* The detail under the list: its 备注： row down to the body's last row
 * (the more line is rows - 3), joined with the spaces taken out, so the
 * wrapped note reads back whole; NULL when no row has 备注：. */
static char *detail_text(const vt *t)
{
	int rows, cols, r0 = vt_find_text(t, "备注：");
	size_t len = 0;
	char *out;

	vt_size(t, &rows, &cols);
	if (r0 < 0 || !(out = calloc((size_t)(rows - r0) * (size_t)cols * 4 + 1, 1)))
		return NULL;
	for (int r = r0; r <= rows - 4; r++) {
		char *s = vt_row_text(t, r);
		for (const char *p = s; p && *p; p++)
			if (*p != ' ')
				out[len++] = *p;
		free(s);
	}
	return out;
}

static bool detail_has(const vt *t, void *arg)
{
	char *d = detail_text(t);
	bool hit = d && strstr(d, arg);
	free(d);
	return hit;
}

/* The whole of want across the detail's lines, and no ellipsis there. */
static bool detail_whole(vt *t, const char *want)
{
	if (vt_wait_until(t, detail_has, (void *)want, E2E_SCREEN_MS)) {
		char *d = detail_text(t);
		bool cut = d && strstr(d, "…");
		free(d);
		return !cut;
	}
	tap_diag("the detail has not: %s", want);
	vt_screen_dump(t);
	return false;
}

/* The long note's end (期满执行) is *arg rows under its 备注： row: the
 * note is laid out for the terminal's present width. */
static bool note_ends_at(const vt *t, void *arg)
{
	int r = vt_find_text(t, "备注：");
	char *s = r >= 0 ? vt_row_text(t, r + *(const int *)arg) : NULL;
	bool hit = s && strstr(s, "期满执行");
	free(s);
	return hit;
}

/* s with its spaces taken out, as detail_text reads the screen. */
static void squeeze(const char *s, char *out, size_t len)
{
	size_t o = 0;
	for (; s && *s && o + 1 < len; s++)
		if (*s != ' ')
			out[o++] = *s;
	out[o] = '\0';
}

static bool wait_row(vt *t, const char *a, const char *b)
{
	pair p = { a, b };
	if (vt_wait_until(t, has_row, &p, E2E_SCREEN_MS))
		return true;
	tap_diag("no row with '%s' and '%s'", a, b);
	vt_screen_dump(t);
	return false;
}

int main(void)
{
	ie_ctx c;
	vt *a = NULL;
	char date[32], past[32], sql[300];
	int st;
	time_t now = time(NULL);
	struct tm tm, y;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	localtime_r(&now, &tm);
	time_t yday = now - 86400;
	localtime_r(&yday, &y);
	/* next year, a day of this run's own so reruns never collide */
	snprintf(date, sizeof date, "%04d-%02u-%02u", tm.tm_year + 1901, 1 + c.seed % 12, 1 + (c.seed / 12) % 28);
	snprintf(past, sizeof past, "%04d-%02d-%02d", y.tm_year + 1900, y.tm_mon + 1, y.tm_mday);
	snprintf(sql, sizeof sql, "delete from jz.policy where key = 'cash_aid_low_income' and effective_from > current_date");
	free(ie_query(&c, sql, 0, NULL));

	a = ie_login(&c, "admin");
	if (!ok(a != NULL, "admin logged in"))
		goto out;
	if (!ok(ie_menu_pick(a, "政策参数") && ie_wait_title(a, "政策参数"), "the menu opens 政策参数"))
		goto out;
	ok(wait_row(a, NAME, "500.00"), "低收入家庭现金救助 reads 500.00 元/月");
	ok(row_with(a, NAME, "现行") >= 0, "and is marked 现行 (in force today), in words");
	ok(wait_row(a, "每次上门服务时长", "60 分钟") && row_with(a, "每次上门服务时长", "60 minutes") < 0,
	   "the visit's length reads 60 分钟, its unit translated");
	ok(vt_find_text(a, "cash_aid") < 0 && vt_find_text(a, "home_visit") < 0, "no English key on the screen");
	{
		int rows, cols;
		vt_size(a, &rows, &cols);
		char *l = vt_row_text(a, rows - 2);
		ok(l && strstr(l, "F6") && !strstr(l, "F10"), "the list's legend has no F10 保存 (%s)", l ? l : "?");
		free(l);
	}

	/* the cursor to that row: Down until it is the selected one */
	for (int i = 0; i < 30 && !row_selected(a, (void *)NAME); i++) {
		vt_send(a, VT_DOWN);
		vt_wait_update(a, 1000);
	}
	if (!ok(vt_wait_until(a, row_selected, (void *)NAME, E2E_SCREEN_MS),
		"the cursor is on 低收入家庭现金救助"))
		goto out;
	{
		char *note = ie_query(&c, "select note from jz.policy where key = 'cash_aid_low_income'"
				      " and effective_from <= current_date order by effective_from desc limit 1",
				      0, NULL);
		char want[400];
		snprintf(want, sizeof want, "备注：%s", note ? note : "?");
		if (!ok(note && vt_find_text(a, want) >= 0, "its note whole under the list: %s", want))
			vt_screen_dump(a);
		free(note);
	}
	vt_send(a, VT_F6);
	if (!ok(ie_focus(a, "新数值：", NULL), "F6 opens the new-figure form, cursor in 新数值"))
		goto out;
	ok(vt_find_text(a, "500.00") >= 0, "the form shows the figure in force");
	ok(ie_put(a, "新数值：", NULL, "520.50"), "types 520.50");
	ok(ie_put(a, "生效日期：", NULL, past), "types yesterday %s", past);
	ok(ie_put(a, "备注：", NULL, LONG), "types a long note (88 characters)");
	vt_send(a, VT_F10);
	ok(vt_wait_text(a, "该日期已过", E2E_SCREEN_MS), "yesterday is refused in plain words");
	char *kept = ie_value(a, "生效日期：", NULL);
	ok(kept && strstr(kept, past), "the date typed stays (%s)", kept ? kept : "(none)");
	free(kept);
	ok(ie_focus(a, "生效日期：", NULL), "the cursor is back in 生效日期");
	for (int i = 0; i < 12; i++)
		vt_send(a, VT_BACKSPACE);
	vt_send(a, date);
	vt_send(a, VT_F10);
	ok(vt_wait_text(a, "已添加", E2E_SCREEN_MS), "a figure from %s is added", date);
	ok(wait_row(a, date, "520.50"), "the list shows 520.50 from %s", date);
	ok(row_with(a, date, "待生效") >= 0, "marked 待生效 (later)");
	ok(row_with(a, NAME, "现行") >= 0, "500.00 stays 现行 today");
	{
		/* the new row is the cursor's: its column cuts the note, the
		 * detail has it whole; Up shows the figure in force instead */
		int rows, cols, r = row_with(a, date, "520.50");
		char *l = r >= 0 ? vt_row_text(a, r) : NULL;
		ok(l && strstr(l, "经街道办事处") && strstr(l, "…") && !strstr(l, "期满执行"),
		   "the list's row cuts the note: %s", l ? l : "?");
		free(l);
		if (!ok(detail_whole(a, "备注：" LONG), "the detail shows the note whole, every character"))
			goto out;
		char head[120];
		snprintf(head, sizeof head, "自 %s 起有效", date);
		int nr = vt_find_text(a, "备注：");
		ok(row_with(a, NAME, head) == nr - 1 && row_with(a, head, "待生效") == nr - 1
		   && row_with(a, head, "520.50") == nr - 1,
		   "above it the figure's name, 520.50, %s and 待生效", head);
		vt_size(a, &rows, &cols);
		char *foot = vt_row_text(a, rows - 4);
		ok(foot && strstr(foot, "期满执行") && vt_find_text(a, "备注：") == rows - 6,
		   "the note takes three lines, the last in the body's last row (%s)", foot ? foot : "?");
		free(foot);

		char *was = ie_query(&c, "select note from jz.policy where key = 'cash_aid_low_income'"
				     " and effective_from <= current_date order by effective_from desc limit 1",
				     0, NULL);
		const char *dp[1] = { date };
		char *eve = ie_query(&c, "select ($1::date - 1)::text", 1, dp);
		char want[400], days[120];
		snprintf(want, sizeof want, "备注：%s", was ? was : "?");
		squeeze(want, want, sizeof want);
		vt_send(a, VT_UP);
		ok(vt_wait_until(a, row_selected, (void *)NAME, E2E_SCREEN_MS) && detail_whole(a, want),
		   "Up: the detail says the figure in force's note (%s)", want);
		ok(!detail_has(a, (void *)"期满执行"), "and the long note is gone from it");
		snprintf(days, sizeof days, "有效期 2025-01-01 至 %s", eve ? eve : "?");
		ok(row_with(a, NAME, days) >= 0 && row_with(a, days, "500.00") >= 0 && row_with(a, days, "现行") >= 0,
		   "its validity ends the day before the new figure: %s", days);
		free(was);
		free(eve);

		vt_send(a, VT_DOWN);
		ok(detail_whole(a, "备注：" LONG), "Down: the long note again");
		int two = 1, three = 2;
		vt_resize(a, 40, 120);
		ok(vt_wait_until(a, note_ends_at, &two, E2E_SCREEN_MS), "at 120x40 the note takes two lines");
		ok(detail_whole(a, "备注：" LONG), "and is whole");
		vt_resize(a, 24, 80);
		ok(vt_wait_until(a, note_ends_at, &three, E2E_SCREEN_MS) && detail_whole(a, "备注：" LONG),
		   "back at 80x24: three lines, whole");
	}
	char *n = ie_query(&c, "select value::text from jz.policy where key = 'cash_aid_low_income'"
			   " and effective_from > current_date", 0, NULL);
	is_str(n, "52050", "the database holds 52050 fen");
	free(n);

	vt_send(a, VT_F12);
	if (!ok(vt_wait_text(a, "主菜单", E2E_SCREEN_MS), "F12 back to 主菜单"))
		goto out;
	if (!ok(ie_menu_pick(a, "节假日与区划代码") && ie_wait_title(a, "节假日与区划代码"),
		"the menu opens 节假日与区划代码"))
		goto out;
	ok(wait_row(a, "2025", ":") && wait_row(a, "2026", ":"), "2025 and 2026 are listed as loaded");
	ok(vt_find_text(a, "区划代码：") >= 0, "the area-code list's state is said");
	vt_send(a, VT_F6);
	ok(ie_focus(a, "文件：", NULL), "F6 asks for a file path");
	ok(vt_find_text(a, "替换该年的节假日；") >= 0 && vt_find_text(a, "代码表。按 F10 导入。") >= 0,
	   "the hint is whole at 80 columns, on two lines");
	vt_send(a, "/nonexistent/2027.json");
	vt_send(a, VT_F10);
	ok(vt_wait_text(a, "/nonexistent/2027.json", E2E_SCREEN_MS) && row_with(a, "2027.json", "文件") >= 0,
	   "a missing file: said, the path kept in the field");
	/* F12 leaves the screen for the menu, F3 exits cleanly (under
	 * $JZ_E2E_WRAPPER valgrind's error exit shows here) */
	vt_send(a, VT_F12);
	vt_send(a, VT_F12);
	ok(vt_wait_text(a, "主菜单", E2E_SCREEN_MS), "F12 twice: back to 主菜单");
	vt_send(a, VT_F3);
	ok(vt_wait_exit(a, 20000, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 exits with status 0");
out:
	free(ie_query(&c, sql, 0, NULL));
	vt_destroy(a);
	ie_finish(&c);
	return tap_done();
}
