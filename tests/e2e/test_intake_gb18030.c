/* test_intake_gb18030.c - the form under LANG=zh_CN.GB18030: the terminal
 * speaks GB18030 both ways (the harness converts for libvterm), 张伟 and a
 * name with the middle dot (买买提·艾力) are typed and shown correctly, the
 * terminal receives GB18030 bytes and never UTF-8, and the draft in the
 * database holds both names as correct UTF-8. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "test_intake.h"

/* 张伟 and 买买提·艾力 in GB18030 and UTF-8 */
#define ZW_GB   "\xd5\xc5\xce\xb0"
#define ZW_UTF8 "\xe5\xbc\xa0\xe4\xbc\x9f"
#define DOT_GB  "\xa1\xa4"

int main(void)
{
	if (!e2e_have_locale("zh_CN.GB18030"))
		return tap_skip_all("locale zh_CN.GB18030 missing (run tools/setup.sh)");
	ie_ctx c;
	if (!ie_init(&c, "zh_CN.GB18030"))
		return tap_skip_all("cannot prepare the data and print folders");
	vt *t = e2e_start(&c.env, 24, 80, NULL);
	if (!t || !vt_set_charset(t, "GB18030")) {
		vt_destroy(t);
		return tap_skip_all("cannot start jiuzhu with a GB18030 terminal");
	}
	bool login = e2e_wait_login(t, E2E_FIRST_SCREEN_MS);
	if (!ok(login, "login screen drawn and read as GB18030 (登录 on the title)")) {
		vt_screen_dump(t);
		vt_destroy(t);
		ie_finish(&c);
		return tap_done();
	}
	ie_clear_drafts(&c, "reception");
	e2e_type_login(t, "reception", "demo");
	ok(vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "reception reaches 主菜单");
	ok(vt_saw_bytes(t, "\xd6\xf7\xb2\xcb\xb5\xa5"), "the terminal received 主菜单 as GB18030 bytes");
	char id[19];
	bool pass = ok(ie_fresh_id(&c, id, ie_this_year() - 33, 4, 8, true), "a fresh valid ID number %s", id);
	pass = pass && ok(ie_open_form(t), "新建救助申请 1/5 shown");
	pass = pass && ie_put(t, "姓名*", NULL, "张伟") && ie_put(t, "身份证号*", NULL, id) && ie_focus(t, "民族", NULL);
	char *name = pass ? ie_value(t, "姓名*", NULL) : NULL;
	is_str(name, "张伟", "张伟 shows in the name field");
	free(name);
	char *head = NULL;
	pass = pass && vt_send(t, VT_F6) && ie_put(t, "姓名*", "成员2：", "买买提·艾力") &&
	       ie_focus(t, "身份证号*", "成员2：");
	if (pass) {
		int r = vt_find_text(t, "成员2：");
		head = r >= 0 ? vt_row_text(t, r) : NULL;
	}
	ok(head && strstr(head, "成员2：买买提·艾力"), "the member heading shows 买买提·艾力 ('%s')", head ? head : "");
	free(head);
	ok(vt_saw_bytes(t, ZW_GB) && vt_saw_bytes(t, DOT_GB), "张伟 and · reached the terminal as GB18030");
	ok(!vt_saw_bytes(t, ZW_UTF8), "no UTF-8 bytes of 张伟 were written to the GB18030 terminal");

	const char *pl[] = { "reception" };
	char *v = ie_query(&c, "select (form->'applicant'->>'name') || '|' || (form->'members'->0->>'name')"
			       " from jz.drafts where login = $1 order by updated_at desc limit 1", 1, pl);
	is_str(v, "张伟|买买提·艾力", "the draft holds both names");
	free(v);
	v = ie_query(&c, "select octet_length(form->'applicant'->>'name') || ' ' ||"
			 " encode(convert_to(form->'members'->0->>'name', 'UTF8'), 'hex')"
			 " from jz.drafts where login = $1 order by updated_at desc limit 1", 1, pl);
	/* 买 e4b9b0 ×2, 提 e68f90, · c2b7, 艾 e889be, 力 e58a9b */
	is_str(v, "6 e4b9b0e4b9b0e68f90c2b7e889bee58a9b", "as UTF-8 bytes in the database (6 bytes for 张伟, · as c2b7)");
	free(v);
	vt_send(t, VT_F3);
	vt_wait_exit(t, 5000, NULL);
	vt_destroy(t);
	ie_clear_drafts(&c, "reception");
	ie_finish(&c);
	return tap_done();
}
