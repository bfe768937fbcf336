/* test_intake_layout.c - the 《救助申请表》 lays its labels out by cells:
 * on the signatures page a Uyghur couple's long names (阿依古丽·买买提,
 * 买买提·艾力) neither cut the label nor push the 是/否 of that row away
 * from the others; on page 1 性别's value starts under 民族's; the live
 * missing list writes the member in full-width brackets; and in English
 * (--lang en) the categories' labels are shown whole, not cut at 14 cells. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "test_intake.h"

static int cursor_col(vt *t)
{
	int r, c;
	vt_cursor(t, &r, &c);
	return c;
}

static void zh_part(ie_ctx *c)
{
	vt *t = ie_login(c, "reception");
	if (!ok(t != NULL, "reception/demo logged in"))
		return;
	ie_to_menu(t);
	int y = ie_this_year();
	char id1[19], id2[19];
	bool pass = ok(ie_fresh_id(c, id1, y - 70, 3, 8, false) && ie_fresh_id(c, id2, y - 72, 11, 2, true),
		       "fresh valid ID numbers %s %s", id1, id2);
	pass = pass && ok(ie_open_form(t), "新建救助申请 1/5");
	pass = pass && ie_put(t, "姓名*", NULL, "阿依古丽·买买提") && ie_put(t, "身份证号*", NULL, id1) &&
	       ie_focus(t, "民族", NULL);
	int ethnic_col = cursor_col(t);
	int sex_row = vt_find_text(t, "性别");
	int sex_col = sex_row >= 0 ? vt_text_col(t, sex_row, "女") : -1;
	ok(pass && sex_col == ethnic_col, "page 1: 性别's value (col %d) starts under 民族's field (col %d)",
	   sex_col, ethnic_col);
	pass = pass && ie_put(t, "民族", NULL, "维吾尔族") && ie_put(t, "联系电话", NULL, "13900002222") &&
	       ie_put(t, "户籍地址", NULL, "北京市朝阳区幸福里小区3号楼") &&
	       ie_put(t, "现住址", NULL, "北京市朝阳区幸福里小区3号楼") &&
	       ie_put(t, "社区*", NULL, "") && ie_put(t, "户籍性质", NULL, "1");
	pass = pass && ie_focus(t, "就业状况", "成员1：") && vt_send(t, VT_F6);
	pass = pass && ie_put(t, "姓名*", "成员2：", "买买提·艾力") && ie_put(t, "身份证号*", "成员2：", id2) &&
	       ie_put(t, "与申请人关系*", "成员2：", "1") && ie_focus(t, "就业状况", "成员2：");
	pass = ok(pass, "applicant and spouse entered") && pass;
	pass = pass && vt_send(t, "\033[6~") && ie_wait_title(t, "3/5") &&
	       vt_send(t, "\033[6~") && ie_wait_title(t, "4/5");
	ok(pass && vt_wait_text(t, "居民身份证（阿依古丽·买买提）", E2E_SCREEN_MS),
	   "尚缺材料 names the member in full-width brackets: 居民身份证（阿依古丽·买买提）");
	pass = pass && vt_send(t, "\033[6~") && ie_wait_title(t, "5/5");
	pass = pass && ie_put(t, "申请理由", NULL, "夫妻二人均已退休，患慢性病；生活困难！") &&
	       ie_focus(t, "授权书已签字：成员1", NULL);
	int c1 = cursor_col(t);
	pass = pass && vt_send(t, VT_TAB) && ie_focus(t, "授权书已签字：成员2", NULL);
	int c2 = cursor_col(t);
	pass = pass && vt_send(t, VT_TAB) && ie_focus(t, "承诺书已签字", NULL);
	int c3 = cursor_col(t);
	ok(pass && vt_find_text(t, "授权书已签字：成员1 阿依古丽·买买提") >= 0 &&
	   vt_find_text(t, "授权书已签字：成员2 买买提·艾力") >= 0, "page 5: both signature labels whole");
	ok(pass && c1 == c2 && c2 == c3, "page 5: the three 是/否 fields in one column (%d %d %d)", c1, c2, c3);
	int lab = vt_find_text(t, "授权书已签字：成员1");
	ok(lab >= 0 && c1 > vt_text_col(t, lab, "授权书已签字") + 34,
	   "page 5: the field starts right of the whole label (col %d)", c1);
	vt_send(t, VT_F3);
	vt_wait_exit(t, 5000, NULL);
	vt_destroy(t);
}

static void en_part(void)
{
	ie_ctx c;
	if (!ie_init(&c, "C.UTF-8")) {
		ok(false, "C.UTF-8 environment");
		return;
	}
	const char *args[] = { "--lang", "en", NULL };
	vt *t = e2e_start(&c.env, 24, 80, args);
	bool pass = ok(t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, "reception", "demo"),
		       "English: logged in as reception");
	pass = pass && vt_wait_text(t, "Main menu", E2E_SCREEN_MS) && vt_send(t, "1") &&
	       ie_wait_title(t, "1/5");
	char id[19];
	pass = pass && ie_fresh_id(&c, id, ie_this_year() - 40, 6, 6, true);
	pass = pass && ie_put(t, "Name*", NULL, "Li Na") && ie_put(t, "ID number*", NULL, id) &&
	       ie_focus(t, "Ethnic group", NULL);
	pass = pass && vt_send(t, "\033[6~") && ie_wait_title(t, "2/5") && vt_send(t, "\033[6~") &&
	       ie_wait_title(t, "3/5") && vt_send(t, "\033[6~") && ie_wait_title(t, "4/5");
	pass = ok(pass, "English: on page 4/5") && pass;
	ok(pass && vt_find_text(t, "Low-income household") >= 0 && vt_find_text(t, "Elderly living alone") >= 0,
	   "English: the category labels are shown whole");
	int r1 = vt_find_text(t, "Low-income household"), r2 = vt_find_text(t, "Elderly living alone");
	int v1 = r1 >= 0 ? vt_text_col(t, r1, "no") : -1, v2 = r2 >= 0 ? vt_text_col(t, r2, "no") : -1;
	ok(v1 > 0 && v1 == v2 && v1 > vt_text_col(t, r2, "Elderly living alone") + 20,
	   "English: their yes/no values in one column right of the labels (%d %d)", v1, v2);
	if (t) {
		vt_send(t, VT_F3);
		vt_wait_exit(t, 5000, NULL);
		vt_destroy(t);
	}
	ie_clear_drafts(&c, "reception");
	ie_finish(&c);
}

int main(void)
{
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	ie_ctx c;
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data and print folders");
	ie_clear_drafts(&c, "reception");
	zh_part(&c);
	ie_clear_drafts(&c, "reception");
	ie_finish(&c);
	en_part();
	return tap_done();
}
