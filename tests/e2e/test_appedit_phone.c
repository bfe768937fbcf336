/* test_appedit_phone.c - 修改申请 (the applicant's contact change) takes a
 * mobile or a landline as 联系电话: 5 digits are told both shapes, in
 * Chinese and whole on an 80x24 screen, with 12345 kept in the field and
 * the database unchanged; a landline typed with spaces is stored as
 * 010-12345678, a mobile with 0086 in front as its 11 digits; a census
 * phone the check would refuse, left untouched, does not block an address
 * change. F3 exits with status 0 (under valgrind: no error). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tap.h"
#include "test_intake.h"

#define CTRL_U "\025"
#define PHONE_BOTH "应为 11 位手机号（13–19 开头）或带区号的固话，如 010-12345678"

/* A field on the screen holds exactly want and has the cursor. */
static bool field_is(const vt *t, const char *want)
{
	e2e_field f[8];
	int n = e2e_find_fields(t, f, 8);
	bool hit = false;

	for (int i = 0; i < n && !hit; i++) {
		char *s = e2e_field_text(t, &f[i]);
		hit = s && strcmp(s, want) == 0 && e2e_cursor_in(t, &f[i]);
		free(s);
	}
	return hit;
}

/* The applicant's phone in the database. */
static bool db_phone_is(ie_ctx *c, const char *id, const char *want, const char *what)
{
	const char *p[1] = { id };
	char *v = ie_query(c, "SELECT phone FROM jz.persons WHERE id_number = $1", 1, p);
	bool good = ok(v && strcmp(v, want) == 0, "%s (%s)", what, v ? v : "no row");
	free(v);
	return good;
}

int main(void)
{
	ie_ctx c;
	vt *t = NULL;
	char id[19], number[64] = "";
	int st = -1;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data and print folders");
	t = ie_login(&c, "caseworker");
	if (!ok(t != NULL, "caseworker logged in"))
		goto done;
	if (!ok(ie_db(&c), "the private database") ||
	    !ok(ie_fresh_id(&c, id, ie_this_year() - 45, 3, 12, false), "a fresh ID number") ||
	    !ok(ie_submit_low_income(&c, id, "钱电话", "团结湖路7号", number), "an application to edit: %s", number))
		goto done;
	if (!ok(ie_open_edit(t, number), "修改申请 opens %s", number))
		goto done;

	/* the cursor starts in 联系电话 */
	vt_send(t, CTRL_U "12345");
	vt_wait_text(t, "12345", E2E_SCREEN_MS);
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, PHONE_BOTH, E2E_SCREEN_MS),
		"5 digits: told a mobile or a landline with area code, the whole sentence"))
		vt_screen_dump(t);
	ok(field_is(t, "12345"), "the typed 12345 is kept in its field, with the cursor");
	db_phone_is(&c, id, "13800001111", "not saved: the database keeps the old phone");

	vt_send(t, CTRL_U "010 1234 5678");
	vt_send(t, VT_F10);
	/* saved and read back: the field shows the stored form */
	if (!ok(vt_wait_text(t, "010-12345678", E2E_SCREEN_MS) && vt_wait_text(t, "已保存（版本", E2E_SCREEN_MS),
		"a landline with area code is saved"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "或带区号的固话"), "and the message at the field is gone");
	db_phone_is(&c, id, "010-12345678", "stored normalised: 010-12345678");

	vt_send(t, CTRL_U "0086 139 0000 2222");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "13900002222", E2E_SCREEN_MS), "a mobile with 0086 in front is saved"))
		vt_screen_dump(t);
	db_phone_is(&c, id, "13900002222", "stored as its 11 digits");
	/* a phone the database holds but the screen's check would refuse (an
	 * imported census: 8 digits, no area code) does not block a change of
	 * the address when nobody touches the phone */
	{
		const char *p[1] = { id };
		char *v = ie_query(&c, "UPDATE jz.persons SET phone = '12345678' WHERE id_number = $1"
				   " RETURNING phone", 1, p);
		ok(v && strcmp(v, "12345678") == 0, "the census phone 12345678 is in the database");
		free(v);
	}
	vt_send(t, VT_F5);
	if (!ok(vt_wait_text(t, "12345678", E2E_SCREEN_MS) && field_is(t, "12345678"),
		"F5 reads it back into 联系电话"))
		vt_screen_dump(t);
	vt_send(t, "\t" CTRL_U "团结湖路8号");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "已保存（版本", E2E_SCREEN_MS) && vt_wait_text(t, "团结湖路8号", E2E_SCREEN_MS)
		&& !e2e_screen_has(t, "或带区号的固话"), "the new address is saved, the phone not questioned"))
		vt_screen_dump(t);
	{
		const char *p[1] = { number };
		char *v = ie_query(&c, "SELECT h.address FROM jz.applications a"
				   " JOIN jz.households h ON h.id = a.household_id WHERE a.number = $1", 1, p);
		ok(v && strcmp(v, "团结湖路8号") == 0, "the household's address in the database (%s)", v ? v : "none");
		free(v);
	}
	db_phone_is(&c, id, "12345678", "the census phone kept as it was");

	/* F3 with unsaved input asks first (its help says work is kept); a
	 * second F3 leaves; a wrapper's error (valgrind) fails the status */
	vt_send(t, "\t" "号院");   /* after F10 the cursor is back on 联系电话 */
	if (!ok(vt_wait_text(t, "号院团结湖路", E2E_SCREEN_MS), "more typed into 现住址 (at its start), not saved"))
		vt_screen_dump(t);
	vt_send(t, VT_F3);
	if (!ok(vt_wait_text(t, "再按 F3 退出并放弃", E2E_SCREEN_MS) && e2e_screen_has(t, "号院团结湖路"),
		"F3 with unsaved input asks first, the input kept"))
		vt_screen_dump(t);
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 20000, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0, "a second F3 exits with status 0");
done:
	vt_destroy(t);
	ie_finish(&c);
	return tap_done();
}
