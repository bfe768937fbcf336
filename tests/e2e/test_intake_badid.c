/* test_intake_badid.c - an applicant's ID number with a wrong check
 * character is refused when the field is left: the message line (last row,
 * reverse video) names the field and the right check character, the cursor
 * stays in the field with the typed text, the page does not change; with the
 * right character Tab goes on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idnum.h"
#include "tap.h"
#include "test_intake.h"

static bool message_shown(const vt *t, void *arg)
{
	(void)arg;
	char *m = vt_row_text(t, 23);
	bool hit = m && m[0];
	free(m);
	return hit;
}

/* The field drawn on the label's row, right of it. */
static bool field_of(const vt *t, const char *label, e2e_field *out)
{
	int r = vt_find_text(t, label);
	int c = r >= 0 ? vt_text_col(t, r, label) : -1;
	e2e_field f[32];
	int n = e2e_find_fields(t, f, 32);
	for (int i = 0; c >= 0 && i < n; i++)
		if (f[i].row == r && f[i].col > c) {
			*out = f[i];
			return true;
		}
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
	char good[19], bad[19];
	if (!ok(ie_fresh_id(&c, good, ie_this_year() - 50, 10, 9, false), "a fresh valid ID number %s", good) ||
	    !ok(ie_open_form(t), "新建救助申请 1/5")) {
		vt_destroy(t);
		ie_finish(&c);
		return tap_done();
	}
	/* the same 17 digits with a check character that is not the right one */
	const char *checks = "0123456789X";
	snprintf(bad, sizeof bad, "%s", good);
	bad[17] = checks[(strchr(checks, good[17]) - checks + 3) % 11];
	tap_diag("right %s, typed %s", good, bad);
	ok(idnum_check_char(good) == good[17] && idnum_check_char(bad) != bad[17],
	   "the typed number differs only in its check character");

	ie_put(t, "姓名*", NULL, "赵淑芬");
	ie_focus(t, "身份证号*", NULL);
	vt_send(t, bad);
	vt_send(t, VT_TAB);
	bool said = vt_wait_until(t, message_shown, NULL, E2E_SCREEN_MS);
	char *m = vt_row_text(t, 23);
	char want[64];
	snprintf(want, sizeof want, "校验位应为 %c", good[17]);
	if (!ok(said && m && strstr(m, "身份证号") && strstr(m, want),
		"message names 身份证号 and the right check character %c: '%s'", good[17], m ? m : ""))
		vt_screen_dump(t);
	free(m);
	vt_cell_info ci;
	ok(vt_cell(t, 23, 0, &ci) && ci.reverse, "the message is in reverse video (an error)");
	e2e_field f;
	bool found = field_of(t, "身份证号*", &f);
	ok(found && e2e_cursor_in(t, &f), "the cursor stays in the ID field");
	char *txt = found ? e2e_field_text(t, &f) : NULL;
	is_str(txt, bad, "the typed text is still in the field");
	free(txt);
	char *title = vt_row_text(t, 0);
	ok(title && strstr(title, "1/5"), "still on page 1");
	free(title);
	char *sex = ie_value(t, "性别", NULL);
	ok(sex && !strstr(sex, "女") && !strstr(sex, "男"), "no sex derived from a refused number ('%s')", sex ? sex : "");
	free(sex);
	/* a second Tab does not slip past either */
	vt_send(t, VT_TAB);
	vt_wait_update(t, 2000);
	ok(found && e2e_cursor_in(t, &f), "a second Tab is refused too");

	/* correct the last character: the field is accepted, the cursor moves on */
	vt_send(t, VT_BACKSPACE);
	char last[2] = { good[17], '\0' };
	vt_send(t, last);
	vt_send(t, VT_TAB);
	ok(ie_focus(t, "民族", NULL), "with the right check character Tab goes on to 民族");
	char *sx = ie_value(t, "性别", NULL);
	is_str(sx, "女", "sex derived once the number is right");
	free(sx);
	char *m2 = vt_row_text(t, 23);
	ok(m2 && !strstr(m2, "校验位"), "the check-character message is gone ('%s')", m2 ? m2 : "");
	free(m2);

	vt_destroy(t);
	ie_clear_drafts(&c, "reception");
	ie_finish(&c);
	return tap_done();
}
