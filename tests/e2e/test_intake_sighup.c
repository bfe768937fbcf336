/* test_intake_sighup.c - the terminal goes away (SIGHUP) in the middle of
 * the form: jiuzhu exits 0 at once, and on the next login the draft is
 * offered (草稿); accepting it brings back every completed field (and the
 * half-typed one, which the screen keeps as typed). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tap.h"
#include "test_intake.h"

static void check(const vt *t, const char *label, const char *want, const char *what)
{
	char *v = ie_value(t, label, NULL);
	char name[128];
	snprintf(name, sizeof name, "%s is back", what);
	is_str(v, want, name);
	free(v);
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
	char id[19];
	bool pass = ok(ie_fresh_id(&c, id, ie_this_year() - 67, 12, 3, false), "a fresh valid ID number %s", id);
	pass = pass && ok(ie_open_form(t), "新建救助申请 1/5");
	pass = pass && ie_put(t, "姓名*", NULL, "欧阳秀兰") && ie_put(t, "身份证号*", NULL, id) &&
	       ie_put(t, "民族", NULL, "03") && ie_put(t, "联系电话", NULL, "010-65123456") &&
	       ie_focus(t, "户籍地址", NULL) && vt_send(t, "北京市朝阳");
	pass = ok(pass && vt_wait_text(t, "北京市朝阳", E2E_SCREEN_MS),
		  "name, ID, 民族, phone completed; 户籍地址 half typed") && pass;
	char *eth = ie_value(t, "民族", NULL);
	tap_diag("民族 typed as 03 shows as '%s'", eth ? eth : "");

	long long t0 = vt_now_ms();
	ok(vt_kill(t, SIGHUP), "SIGHUP sent");
	int status = -1;
	bool gone = vt_wait_exit(t, 3000, &status);
	long long took = vt_now_ms() - t0;
	ok(gone, "exits within 3 s of SIGHUP (%lld ms)", took);
	ok(gone && WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status 0 (status %#x)", status);
	vt_destroy(t);

	const char *pl[] = { "reception" };
	char *n = ie_query(&c, "select count(*) from jz.drafts where login = $1", 1, pl);
	is_str(n, "1", "one draft of reception in the database");
	free(n);

	t = ie_login(&c, "reception");
	bool offer = t && vt_wait_text(t, "草稿", E2E_SCREEN_MS);
	if (!ok(offer && e2e_screen_has(t, "是否继续"), "after login the draft is offered (草稿 ... 是否继续)") && t)
		vt_screen_dump(t);
	if (offer)
		vt_send(t, "y");
	bool back = offer && ie_wait_title(t, "新建救助申请 1/5");
	ok(back, "Y reopens the form on page 1");
	if (back && ie_focus(t, "姓名*", NULL)) {
		check(t, "姓名*", "欧阳秀兰", "姓名");
		check(t, "身份证号*", id, "身份证号");
		check(t, "民族", "回族", "民族 (typed 03)");
		check(t, "联系电话", "010-65123456", "联系电话");
		char *sex = ie_value(t, "性别", NULL);
		ok(sex && strstr(sex, "女"), "sex derived again from the restored ID ('%s')", sex ? sex : "");
		free(sex);
		check(t, "户籍地址", "北京市朝阳", "the half-typed 户籍地址");
	}
	free(eth);
	if (t) {
		vt_send(t, VT_F3);
		vt_wait_exit(t, 5000, NULL);
	}
	vt_destroy(t);
	ie_clear_drafts(&c, "reception");
	ie_finish(&c);
	return tap_done();
}
