/* test_funds_file.c - 资金与发放's file name and month as a supervisor uses
 * them: a new month brings its own file name (January's list never goes out
 * as November's file), a name typed by hand stays, F10 straight from a
 * changed month exports and shows that month (no Enter needed), the message
 * says where the file went (a bare name goes to the print folder, the
 * receipts' $JIUZHU_PRINT_DIR, and the message gives the full path),
 * 编码 switches to gb18030 with Space (the file then reads as GB18030), a
 * file in a folder that does not exist is told naming the folder with the
 * cursor back on the name, and a bad month is told in Chinese at the field,
 * not as the data layer's English. A field reached (on opening, by Tab) has
 * its cursor after its text, so Backspace takes off its end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e.h"
#include "tap.h"
#include "vt.h"

int main(void)
{
	e2e_env e;
	char path[256], dir[256], inprint[320], ctrl_u[2] = { VT_CTRL('u'), '\0' };
	int st = -1;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	snprintf(path, sizeof path, "/tmp/jz-e2e-fundsfile-%ld.csv", (long)getpid());
	unlink(path);
	snprintf(dir, sizeof dir, "/tmp/jz-e2e-fundsprint-%ld", (long)getpid());
	snprintf(inprint, sizeof inprint, "%s/payments-2026-01.csv", dir);
	e2e_env_set(&e, "JIUZHU_PRINT_DIR", dir);

	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!ok(t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, "supervisor", "demo")
		&& vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "supervisor logged in")) {
		vt_destroy(t);
		return tap_done();
	}
	vt_send(t, "6");
	if (!ok(vt_wait_text(t, "年度拨款", E2E_SCREEN_MS), "the funds screen opens"))
		vt_screen_dump(t);

	/* the month field, as the screen opens: Backspace takes off its end */
	{
		time_t now = time(NULL);
		struct tm tm;
		char want[40];
		localtime_r(&now, &tm);
		snprintf(want, sizeof want, "payments-%04d-01.csv", tm.tm_year + 1900);
		vt_send(t, VT_BACKSPACE VT_BACKSPACE "01" VT_TAB);
		if (!ok(vt_wait_text(t, want, E2E_SCREEN_MS), "Backspace on the month as opened edits its end: %s",
			want))
			vt_screen_dump(t);
		vt_send(t, VT_SHIFT_TAB);
	}

	/* another month, Tab: the figures and the file name follow it */
	vt_send(t, ctrl_u);
	vt_send(t, "2026-01");
	vt_send(t, VT_TAB);
	if (!ok(vt_wait_text(t, "payments-2026-01.csv", E2E_SCREEN_MS), "the file name follows the month"))
		vt_screen_dump(t);
	ok(vt_wait_text(t, "2026-01 已发放", E2E_SCREEN_MS), "the figures are January's");

	/* the name made for the month goes to the print folder, said in full */
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, inprint, E2E_SCREEN_MS),
		"F10 writes the made name in the print folder, full path said"))
		vt_screen_dump(t);
	ok(access(inprint, R_OK) == 0, "the file is in the print folder: %s", inprint);
	ok(access("payments-2026-01.csv", F_OK) != 0, "not in the folder jiuzhu runs in");

	/* the file field, reached by Tab: Backspace takes off its end */
	vt_send(t, VT_BACKSPACE VT_BACKSPACE VT_BACKSPACE "txt");
	if (!ok(vt_wait_text(t, "payments-2026-01.txt", E2E_SCREEN_MS),
		"Backspace on the file name reached edits its end"))
		vt_screen_dump(t);

	/* a name typed by hand; back to the month, changed, F10 at once */
	vt_send(t, ctrl_u);
	vt_send(t, path);
	vt_send(t, VT_SHIFT_TAB);
	vt_send(t, ctrl_u);
	vt_send(t, "2026-02");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, path, E2E_SCREEN_MS) && vt_wait_text(t, "笔发放写入", E2E_SCREEN_MS),
		"F10 from the month field exports, naming the file"))
		vt_screen_dump(t);
	ok(vt_wait_text(t, "2026-02 已发放", E2E_SCREEN_MS), "and the screen shows the month exported");
	ok(!e2e_screen_has(t, "payments-2026-02.csv"), "the name typed by hand is kept");
	{
		FILE *f = fopen(path, "rb");
		char line[512];
		int rows = 0, other = 0;
		while (f && fgets(line, sizeof line, f)) {
			/* 月份 is the 8th column (开户人, 银行卡号 come after it) */
			char *month = line;
			for (int k = 0; k < 7 && month; k++)
				month = strchr(month, ',') ? strchr(month, ',') + 1 : NULL;
			if (strncmp(line, "合计", 6) == 0 || strstr(line, "序号"))
				continue;
			rows++;
			if (!month || strncmp(month, "2026-02,", 8) != 0)
				other++;
		}
		ok(f != NULL && other == 0, "the file holds February's payments only (%d rows, %d of another month)",
		   rows, other);
		if (f)
			fclose(f);
	}

	/* the bank's encoding: Space switches 编码 (typed letters went in
	 * before "utf-8" and were cut to GButf-8) */
	vt_send(t, VT_TAB);
	vt_send(t, ctrl_u);
	vt_send(t, path);
	vt_send(t, VT_TAB);
	if (!ok(vt_wait_text(t, "按空格键在 utf-8 和 gb18030 之间切换", E2E_SCREEN_MS), "编码 says how it changes"))
		vt_screen_dump(t);
	vt_send(t, "GB18030");
	vt_send(t, " ");
	if (!ok(vt_wait_text(t, "编码 gb18030", E2E_SCREEN_MS), "typing is refused, Space makes it gb18030"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "GButf"), "nothing typed into it");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "（gb18030）", E2E_SCREEN_MS), "F10 writes the list in gb18030"))
		vt_screen_dump(t);
	{
		char cmd[400], line[512] = "";
		snprintf(cmd, sizeof cmd, "iconv -f GB18030 -t UTF-8 '%s' | head -1", path);
		FILE *f = fopen(path, "rb"), *p = popen(cmd, "r");
		char raw[512] = "";
		if (f && !fgets(raw, sizeof raw, f))
			raw[0] = '\0';
		if (p && !fgets(line, sizeof line, p))
			line[0] = '\0';
		ok(strstr(line, "序号,社区,姓名") && !strstr(raw, "序号"), "the file is GB18030: %s", line);
		if (f)
			fclose(f);
		if (p)
			pclose(p);
	}

	/* a file in a folder that does not exist: the folder is named, the
	 * cursor back on the file name, which is kept as typed */
	{
		char nodir[200], bad[240];
		snprintf(nodir, sizeof nodir, "/tmp/jz-e2e-nofolder-%ld", (long)getpid());
		snprintf(bad, sizeof bad, "%s/x.csv", nodir);
		vt_send(t, VT_SHIFT_TAB);
		vt_send(t, ctrl_u);
		vt_send(t, bad);
		vt_send(t, VT_TAB);
		vt_wait_text(t, "按空格键", E2E_SCREEN_MS);
		vt_send(t, VT_F10);
		char said[260];
		snprintf(said, sizeof said, "文件夹 %s 不存在", nodir);
		if (!ok(vt_wait_text(t, said, E2E_SCREEN_MS) && !e2e_screen_has(t, "没有那个文件或目录"),
			"F10 names the missing folder: %s", said))
			vt_screen_dump(t);
		int cr, cc, fc = vt_text_col(t, 1, bad);
		vt_cursor(t, &cr, &cc);
		ok(fc >= 0 && cr == 1 && cc >= fc && cc <= fc + (int)strlen(bad),
		   "the file name is kept and the cursor is on it (row %d col %d, name at %d)", cr, cc, fc);
		ok(access(nodir, F_OK) != 0, "no folder was made");
		vt_send(t, VT_TAB);
	}
	vt_send(t, VT_SHIFT_TAB);
	vt_send(t, VT_SHIFT_TAB);

	/* a month that is not one: told in Chinese, nothing written */
	vt_send(t, ctrl_u);
	vt_send(t, "2026-13");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "月份：请按 YYYY-MM 填写", E2E_SCREEN_MS), "a bad month is told at the field"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "month must be"), "no English from the data layer");

	vt_send(t, VT_F3);
	bool left = vt_wait_exit(t, 5000, &st);
	ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves cleanly (%#x)", st);
	vt_destroy(t);
	unlink(path);
	unlink(inprint);
	rmdir(dir);
	return tap_done();
}
