/* test_intake_polish.c - the receptionist's small stumbles on the
 * 《救助申请表》, at 80x24 under zh_CN.UTF-8: an old 15-digit ID number is
 * converted and the message line says so; a 是/否 field answers a stray key
 * with how it is answered and takes 是 typed; the 哪位成员 list shows each
 * member's number once; a proof's 编号 typed while 已查验 is 否 is pointed
 * out; a message wider than the line (a 残疾人证 number of 5 digits) wraps
 * over the key legend, which comes back at the next key; a submit the
 * database refuses (失业人员 76 years old) puts the cursor on that
 * category's 哪位成员. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tap.h"
#include "test_intake.h"

static bool row_has(const vt *t, int row, const char *s)
{
	char *m = vt_row_text(t, row);
	bool hit = m && strstr(m, s);
	free(m);
	return hit;
}

typedef struct row_arg {
	int row;
	const char *text;
} row_arg;

static bool row_pred(const vt *t, void *arg)
{
	const row_arg *a = arg;
	return row_has(t, a->row, a->text);
}

static bool wait_row(vt *t, int row, const char *text)
{
	row_arg a = { row, text };
	if (vt_wait_until(t, row_pred, &a, E2E_SCREEN_MS))
		return true;
	vt_screen_dump(t);
	return false;
}

typedef struct value_arg {
	const char *label, *below, *text;
} value_arg;

static bool value_has(const vt *t, void *arg)
{
	const value_arg *a = arg;
	char *v = ie_value(t, a->label, a->below);
	bool hit = v && strstr(v, a->text);
	free(v);
	return hit;
}

/* The cursor on the field right of label (first at or below heading). */
typedef struct focus_arg {
	const char *label, *below;
} focus_arg;

static bool focused(const vt *t, void *arg)
{
	const focus_arg *a = arg;
	int rows, cols, cr, cc, start = 1;
	vt_size(t, &rows, &cols);
	if (a->below && (start = vt_find_text(t, a->below)) < 1)
		return false;
	vt_cursor(t, &cr, &cc);
	for (int r = start; r < rows - 3; r++) {
		int c = vt_text_col(t, r, a->label);
		if (c >= 0)
			return cr == r && cc > c && (c >= 40 || cc < 41);
	}
	return false;
}

/* Tab until the cursor is in label's field (at most max Tabs). */
static bool tab_to(vt *t, const char *label, const char *below, int max)
{
	focus_arg a = { label, below };
	for (int i = 0; i <= max; i++) {
		if (vt_wait_until(t, focused, &a, i == max ? E2E_SCREEN_MS : 300))
			return true;
		if (i < max)
			vt_send(t, VT_TAB);
	}
	tap_diag("never reached '%s'", label);
	vt_screen_dump(t);
	return false;
}

int main(void)
{
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	ie_ctx c;
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data and print folders");
	vt *t = ie_login(&c, "reception");
	if (!ok(t != NULL, "reception/demo logged in")) {
		ie_finish(&c);
		return tap_done();
	}
	ie_clear_drafts(&c, "reception");
	ie_to_menu(t);
	int y = ie_this_year();
	char id18[19], id15[16];
	/* 76 this year: out of working age, as in 0022's rule */
	if (!ok(ie_fresh_id(&c, id18, y - 76, 3, 8, false), "a fresh ID number %s", id18) ||
	    !ok(ie_open_form(t), "新建救助申请 1/5")) {
		vt_destroy(t);
		ie_finish(&c);
		return tap_done();
	}
	snprintf(id15, sizeof id15, "%.6s%.9s", id18, id18 + 8);

	/* 8: the old number converted, and said so */
	bool pass = ie_put(t, "姓名*", NULL, "王秀英") && ie_put(t, "身份证号*", NULL, id15) &&
		    ie_focus(t, "民族", NULL);
	char want[120];
	snprintf(want, sizeof want, "已按 15 位旧号码转换为 18 位：%s", id18);
	ok(pass && wait_row(t, 23, want), "15 digits typed: the message line says '%s'", want);
	char *v = ie_value(t, "身份证号*", NULL);
	is_str(v, id18, "the field holds the 18-digit number");
	free(v);
	pass = pass && ie_put(t, "民族", NULL, "汉族") && tab_to(t, "社区*", NULL, 6) &&
	       vt_send(t, "\033[6~") && ie_wait_title(t, "2/5") && vt_send(t, "\033[6~") &&
	       ie_wait_title(t, "3/5") && vt_send(t, "\033[6~") && ie_wait_title(t, "4/5");
	if (!ok(pass, "on to 4/5 申请类别与证明")) {
		vt_destroy(t);
		ie_clear_drafts(&c, "reception");
		ie_finish(&c);
		return tap_done();
	}

	/* 4: a stray key on a 是/否 field says how; 是 typed is taken */
	pass = ie_put(t, "低收入家庭", NULL, "") && ie_put(t, "孤寡老人", NULL, "") &&
	       ie_focus(t, "残疾人", NULL) && vt_send(t, "x");
	ok(pass && wait_row(t, 23, "按空格键切换 是/否"), "x on 残疾人: the message line says Space switches 是/否");
	vt_send(t, "是");
	vt_wait_text(t, "残疾人证", E2E_SCREEN_MS);
	v = ie_value(t, "残疾人", NULL);
	ok(v && strncmp(v, "是", strlen("是")) == 0, "是 typed ticks it ('%s')", v ? v : "");
	free(v);

	/* 2: the member list shows the member's number once */
	pass = vt_send(t, VT_TAB) && ie_focus(t, "哪位成员", "残疾人") && vt_send(t, VT_F4) &&
	       vt_wait_text(t, "1 王秀英", E2E_SCREEN_MS);
	ok(pass && !e2e_screen_has(t, "1 1 王秀英"), "F4 on 哪位成员: ' 1 王秀英', not '1 1 王秀英'");
	vt_send(t, "1");
	pass = ie_focus(t, "哪位成员", "残疾人") && vt_send(t, VT_TAB) &&
	       ie_put(t, "失业人员", NULL, "y") && ie_focus(t, "哪位成员", "失业人员") && vt_send(t, "1");
	value_arg va = { "哪位成员", "失业人员", "王秀英" };
	vt_wait_until(t, value_has, &va, E2E_SCREEN_MS);
	v = ie_value(t, "哪位成员", "失业人员");
	ok(pass && v && strstr(v, "王秀英"), "1 typed names member 1 as the 失业人员 ('%s')", v ? v : "");
	free(v);

	/* 5: a number typed while 已查验 is 否 */
	pass = vt_send(t, VT_TAB) && tab_to(t, "编号", "居民身份证 - 成员1", 3) && vt_send(t, id18) &&
	       vt_send(t, VT_TAB);
	ok(pass && wait_row(t, 23, "已填写编号：请核对原件后将“已查验”改为“是”"),
	   "编号 filled, 已查验 否: the message line says to check the original");

	/* 1: a message wider than the line wraps over the key legend */
	pass = tab_to(t, "编号", "残疾人证 - 成员1", 20) && vt_send(t, "12345") && vt_send(t, VT_TAB);
	bool wrapped = pass && wait_row(t, 23, "现在是 5 位");
	char *l1 = vt_row_text(t, 22), *l2 = vt_row_text(t, 23);
	tap_diag("row 22: %s", l1 ? l1 : "");
	tap_diag("row 23: %s", l2 ? l2 : "");
	ok(wrapped && l1 && strstr(l1, "编号：应为 20 位") && !strstr(l1, "F1"),
	   "the message begins on the legend's row");
	ok(wrapped && l2 && strstr(l2, "现在是 5 位"), "and ends on the message row, whole");
	vt_cell_info ci;
	ok(vt_cell(t, 22, 0, &ci) && ci.reverse && vt_cell(t, 23, 0, &ci) && ci.reverse,
	   "both lines in reverse video (an error)");
	free(l1);
	free(l2);
	vt_send(t, VT_END);
	ok(wait_row(t, 22, "F1"), "the next key brings the legend back");
	l2 = vt_row_text(t, 23);
	ok(l2 && strstr(l2, "\u2026") && !strstr(l2, "现在是"), "the message row keeps its start, cut with …: %s",
	   l2 ? l2 : "");
	free(l2);
	vt_send(t, "\025");   /* Ctrl-U: no number yet */
	vt_send(t, VT_TAB);

	/* 3: the database refuses 失业人员 at 76: the cursor goes to that field */
	vt_send(t, "\033[6~");
	pass = ie_wait_title(t, "5/5") && vt_send(t, VT_F10);
	ok(pass && wait_row(t, 23, "不在劳动年龄内"), "F10: refused, 失业人员 王秀英 不在劳动年龄内");
	ok(ie_wait_title(t, "4/5"), "the form is back on page 4");
	focus_arg fa = { "哪位成员", "失业人员" };
	ok(vt_wait_until(t, focused, &fa, E2E_SCREEN_MS), "the cursor is on 失业人员's 哪位成员");

	/* F3 keeps the draft and leaves: a clean exit (valgrind's error exit fails it) */
	vt_send(t, VT_F3);
	int status = -1;
	ok(vt_wait_exit(t, E2E_SCREEN_MS * 3, &status) && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "F3 exits with status 0 (%d)", status);
	vt_destroy(t);
	ie_clear_drafts(&c, "reception");
	ie_finish(&c);
	return tap_done();
}
