/* test_indicators.c - 年度指标 on the sample community, 80x24, NO_COLOR: the
 * supervisor sees every seed target with its actual beside it (numbers, a
 * bar of block characters, the share reached), and the funds forecast's
 * shortfall; F10 writes the same lines to the report file, and the CSV's
 * cash row in yuan as its label says (not fen). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e.h"
#include "tap.h"

static bool title_has(const vt *t, void *arg)
{
	char *s = vt_row_text(t, 0);
	bool hit = s && strstr(s, (const char *)arg);
	free(s);
	return hit;
}

/* The body row holding target text such as "/ 200" after a figure. */
static bool row_with(const vt *t, const char *target, char *out, size_t n)
{
	for (int r = 1; r < 21; r++) {
		char *s = vt_row_text(t, r);
		char *p = s ? strstr(s, target) : NULL;
		/* exactly this target: the next character is not a digit or comma */
		bool hit = p && !(p[strlen(target)] >= '0' && p[strlen(target)] <= '9')
			&& p[strlen(target)] != ',' && p[strlen(target)] != '.';
		if (hit)
			snprintf(out, n, "%s", s);
		free(s);
		if (hit)
			return true;
	}
	return false;
}

/* The CSV's cash row says 元 as its label does: the actual the screen shows
 * (¥936,000) as 936000.xx, the target 1000000.00, not the fen they are held
 * in; and the share a spreadsheet reads as a number, "94%", not "  94%". */
static void csv_cash(const char *dir, const char *screen_row, bool zh)
{
	char path[320], line[1024], want[40] = "", *f[5] = { 0 };
	const char *yen = strstr(screen_row, "\u00A5");
	size_t n = 0;

	/* the screen's actual: the digits after the first ¥, commas dropped */
	for (const char *p = yen ? yen + 2 : ""; *p && *p != ' ' && n + 2 < sizeof want; p++)
		if (*p >= '0' && *p <= '9')
			want[n++] = *p;
	want[n++] = '.';
	want[n] = '\0';
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	snprintf(path, sizeof path, "%s/indicators-%d.csv", dir, tm.tm_year + 1900);
	FILE *in = fopen(path, "r");
	bool found = false;
	while (in && !found && fgets(line, sizeof line, in))
		found = strstr(line, zh ? "现金救助发放" : "Cash aid paid") != NULL;
	if (in)
		fclose(in);
	char *p = line;
	for (int i = 0; found && i < 5 && p; i++) {
		char *comma = strchr(p, ',');
		f[i] = p;
		if (comma)
			*comma = '\0';
		p = comma ? comma + 1 : NULL;
	}
	if (!ok(found && f[4], "the CSV has the cash row (%s)", path))
		return;
	ok(n > 1 && strncmp(f[1], want, n) == 0 && strlen(f[1]) == n + 2,
	   "its actual is in yuan, as on the screen: %s (screen %s)", f[1], want);
	is_str(f[3], "1000000.00", "its target in yuan");
	ok(f[4][0] >= '0' && f[4][0] <= '9' && f[4][strlen(f[4]) - 1] == '%', "the share as a number: \"%s\"", f[4]);
}

int main(void)
{
	e2e_env e;
	bool zh = e2e_have_locale("zh_CN.UTF-8");
	char dir[256], path[320], row[512], cash[512] = "";

	if (!e2e_env_init(&e, zh ? "zh_CN.UTF-8" : "C.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	e2e_env_set(&e, "NO_COLOR", "1");
	snprintf(dir, sizeof dir, "/tmp/jz_ind_print_%ld", (long)getpid());
	e2e_env_set(&e, "JIUZHU_PRINT_DIR", dir);
	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!t)
		return tap_skip_all("cannot start jiuzhu");
	if (!ok(e2e_wait_login(t, E2E_FIRST_SCREEN_MS), "login screen")) {
		vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	e2e_type_login(t, "supervisor", "demo");
	if (!ok(vt_wait_until(t, title_has, (void *)(zh ? "主菜单" : "Main menu"), E2E_SCREEN_MS),
		"supervisor at the menu")) {
		vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	/* the communities as Chinese writes a list, not the database's ',' */
	if (zh)
		ok(e2e_screen_has(t, "幸福里社区、建设路社区") && !e2e_screen_has(t, "社区,"),
		   "the menu lists the communities with 、");
	vt_send(t, "4");
	const char *title = zh ? "年度指标" : "Year's indicators";
	if (!ok(vt_wait_until(t, title_has, (void *)title, E2E_SCREEN_MS), "the indicators screen opens")) {
		vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	vt_wait_text(t, "/ 70%", E2E_SCREEN_MS);
	/* F12 leaves as on every other screen, and is called the same */
	ok(e2e_screen_has(t, zh ? "F12 返回" : "F12 Back") && !e2e_screen_has(t, zh ? "F12 取消" : "F12 Cancel"),
	   "the legend calls F12 Back as the other screens do");

	static const struct { const char *target, *zh, *en; } want[] = {
		{ "/ 200", "低收入家庭", "Low-income" },
		{ "/ 50", "孤寡老人", "Elderly" },
		{ "/ 30", "残疾人", "Disabled" },
		{ "/ 100", "失业人员", "Unemployed" },
		{ "/ \u00A51,000,000", "现金救助", "Cash aid" },
		{ "/ 31,200", "志愿服务", "Volunteer" },
		{ "/ 240", "心理疏导", "Counselling" },
		{ "/ 90%", "满意度", "satisfaction" },
		{ "/ 120", "培训", "trained" },
		{ "/ 70%", "就业", "Employed" },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		bool found = row_with(t, want[i].target, row, sizeof row);
		if (found && i == 4)
			snprintf(cash, sizeof cash, "%s", row);
		/* the actual is the number right before " / target" */
		char *slash = found ? strstr(row, want[i].target) : NULL;
		bool actual = slash && slash > row && slash[-1] == ' ' && slash - row >= 2
			&& ((slash[-2] >= '0' && slash[-2] <= '9') || slash[-2] == '%');
		ok(found && actual && strstr(row, zh ? want[i].zh : want[i].en) && strstr(row, "\u2588")
		   && strchr(row, '%'),
		   "target %s shown with its actual, a bar and the share: %s", want[i].target, found ? row : "(none)");
	}
	int fr = vt_find_text(t, zh ? "缺口" : "Shortfall");
	ok(fr > 0, "the forecast shows the shortfall");
	if (fr > 0) {
		char *s = vt_row_text(t, fr);
		ok(s && strpbrk(s, "123456789"), "with its amount: %s", s ? s : "");
		free(s);
	}
	int br = 0, bc = 0, rows, cols;
	bool plain = true;
	vt_size(t, &rows, &cols);
	for (int r = 0; r < rows && plain; r++)
		for (int c = 0; c < cols && plain; c++) {
			vt_cell_info ci;
			vt_cell(t, r, c, &ci);
			if (!ci.default_fg || !ci.default_bg) {
				plain = false;
				br = r;
				bc = c;
			}
		}
	ok(plain, "NO_COLOR: no colour anywhere (first at %d,%d)", br, bc);

	vt_send(t, VT_F10);
	snprintf(path, sizeof path, "%s/indicators-", dir);
	ok(vt_wait_text(t, path, E2E_SCREEN_MS), "F10: the message names the report file");
	char cmd[400];
	snprintf(cmd, sizeof cmd, "grep -c ' / ' %s/indicators-*.txt", dir);
	FILE *p = popen(cmd, "r");
	int lines = 0;
	if (p) {
		if (fscanf(p, "%d", &lines) != 1)
			lines = 0;
		pclose(p);
	}
	is_int(lines, 10, "the report file holds the ten indicator lines");
	csv_cash(dir, cash, zh);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", dir);
	/* F12 back to the menu; opened again, F3 (退出 in its legend) leaves
	 * jiuzhu from the screen itself, as on every other screen: a clean exit
	 * (under valgrind too) */
	vt_send(t, VT_F12);
	ok(vt_wait_until(t, title_has, (void *)(zh ? "主菜单" : "Main menu"), E2E_SCREEN_MS), "F12: back at the menu");
	vt_send(t, "4");
	ok(vt_wait_until(t, title_has, (void *)title, E2E_SCREEN_MS), "4: the indicators again");
	vt_send(t, VT_F3);
	int status = -1;
	ok(vt_wait_exit(t, E2E_SCREEN_MS * 3, &status) && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "F3 on the indicators: jiuzhu exits with 0 (status %d)", status);
	vt_destroy(t);
	return tap_done();
}
