/* test_conflict.c - two terminals edit the same application (修改申请):
 * both open it, both change the phone, the first saves; the second's save
 * shows the conflict with the other change (who, old -> new) and keeps the
 * second user's typed value in the field; F10 again applies it on top. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "test_intake.h"

#define COMMUNITY "110105001001"

/* A complete application submitted by the receptionist; its number. */
static bool make_application(ie_ctx *c, const char *id, char number[64])
{
	char form[2000];
	const char *p[1] = { form };
	PGresult *r;
	bool good = false;

	snprintf(form, sizeof form,
		"{\"community\": \"%s\","
		" \"household\": {\"address\": \"团结湖路5号\"},"
		" \"applicant\": {\"id_number\": \"%s\", \"name\": \"周冲突\", \"phone\": \"13800001111\"},"
		" \"categories\": [{\"code\": \"low_income\"}],"
		" \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true},"
		"   {\"kind\": \"hukou\", \"seen\": true},"
		"   {\"kind\": \"low_income_cert\", \"seen\": true, \"valid_until\": \"2099-12-31\"}],"
		" \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\"]}}",
		COMMUNITY, id, id, id);
	PQclear(PQexec(c->pg, "SET SESSION AUTHORIZATION reception"));
	r = PQexecParams(c->pg, "SELECT (jz.submit_application($1::jsonb, gen_random_uuid())).number",
			 1, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
		snprintf(number, 64, "%s", PQgetvalue(r, 0, 0));
		good = true;
	} else {
		tap_diag("submit: %s", PQerrorMessage(c->pg));
	}
	PQclear(r);
	PQclear(PQexec(c->pg, "RESET SESSION AUTHORIZATION"));
	return good;
}

/* From the main menu: the entry 修改申请 (wherever the menu puts it), the
 * number, Enter. */
static bool open_edit(vt *t, const char *number)
{
	if (!ie_menu_pick(t, "修改申请"))
		return false;
	/* the menu itself says 修改申请: wait for the menu's title to go */
	if (!vt_wait_text_gone(t, "主菜单", E2E_SCREEN_MS) || !ie_wait_title(t, "修改申请")) {
		tap_diag("no 修改申请 after 5");
		vt_screen_dump(t);
		return false;
	}
	vt_send(t, number);
	vt_send(t, VT_ENTER);
	return vt_wait_text(t, "申请人", E2E_SCREEN_MS);
}

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
	    !ok(make_application(&c, id, number), "an application to edit: %s", number))
		goto done;
	b = ie_login(&c, "caseworker");
	if (!ok(b != NULL, "terminal 2: caseworker logged in"))
		goto done;
	if (!ok(open_edit(a, number), "terminal 1 opens %s", number) ||
	    !ok(open_edit(b, number), "terminal 2 opens it too")) {
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
