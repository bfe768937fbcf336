/* test_conflict.c - two terminals edit the same application (修改申请):
 * both open it, both change the phone, the first saves; the second's save
 * shows the conflict with the other change (who, old -> new) and keeps the
 * second user's typed value in the field; F10 again applies it on top. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "test_intake.h"

static void type_phone(vt *t, const char *phone)
{
	char ctrl_u[2] = { VT_CTRL('u'), '\0' };
	vt_send(t, ctrl_u);
	vt_send(t, phone);
	vt_wait_text(t, phone, E2E_SCREEN_MS);
}

int main(void)
{
	ie_ctx c;
	vt *a = NULL, *b = NULL;
	char id[19], number[64] = "";

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data and print folders");
	a = ie_login(&c, "caseworker");
	if (!ok(a != NULL, "terminal 1: caseworker logged in"))
		goto done;
	if (!ok(ie_db(&c), "the private database") ||
	    !ok(ie_fresh_id(&c, id, ie_this_year() - 50, 4, 9, true), "a fresh ID number") ||
	    !ok(ie_submit_low_income(&c, id, "周冲突", "团结湖路5号", number), "an application to edit: %s", number))
		goto done;
	b = ie_login(&c, "caseworker");
	if (!ok(b != NULL, "terminal 2: caseworker logged in"))
		goto done;
	if (!ok(ie_open_edit(a, number), "terminal 1 opens %s", number) ||
	    !ok(ie_open_edit(b, number), "terminal 2 opens it too")) {
		vt_screen_dump(a);
		vt_screen_dump(b);
		goto done;
	}
	type_phone(a, "13911112222");
	type_phone(b, "13733334444");
	vt_send(a, VT_F10);
	if (!ok(vt_wait_text(a, "已保存（版本", E2E_SCREEN_MS), "terminal 1 saves first"))
		vt_screen_dump(a);
	vt_send(b, VT_F10);
	if (!ok(vt_wait_text(b, "他人已先行修改", E2E_SCREEN_MS), "terminal 2: not saved, someone else changed it"))
		vt_screen_dump(b);
	{
		int row = vt_find_text(b, "13800001111 → 13911112222");
		char *line = row >= 0 ? vt_row_text(b, row) : NULL;
		ok(line && strstr(line, "修改了") && strstr(line, "联系电话") && strstr(line, "王芳"),
		   "the other change on screen: who, field, old -> new ('%s')", line ? line : "");
		free(line);
	}
	{
		e2e_field f[8];
		int n = e2e_find_fields(b, f, 8), hit = 0;
		for (int i = 0; i < n; i++) {
			char *s = e2e_field_text(b, &f[i]);
			if (s && strcmp(s, "13733334444") == 0 && e2e_cursor_in(b, &f[i]))
				hit = 1;
			free(s);
		}
		ok(hit, "terminal 2's typed phone is still in its field, with the cursor");
	}
	{
		const char *p[1] = { id };
		char *v = ie_query(&c, "SELECT phone FROM jz.persons WHERE id_number = $1", 1, p);
		is_str(v, "13911112222", "the database holds terminal 1's phone");
		free(v);
	}
	vt_send(b, VT_F10);
	if (!ok(vt_wait_text(b, "已保存（版本", E2E_SCREEN_MS), "F10 again applies terminal 2's input on top"))
		vt_screen_dump(b);
	{
		const char *p[1] = { id };
		char *v = ie_query(&c, "SELECT phone FROM jz.persons WHERE id_number = $1", 1, p);
		is_str(v, "13733334444", "the database now holds terminal 2's phone");
		free(v);
	}
done:
	vt_destroy(a);
	vt_destroy(b);
	ie_finish(&c);
	return tap_done();
}
