/* test_assess_resume.c - hang up in the middle of the checklist (the SSH
 * connection drops); log in again; the checklist resumes at the same item
 * with every answer given before it. */
#include "test_assess_lib.h"

static bool login_cw(vt *t)
{
	return t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, "caseworker", "demo")
	       && vt_wait_text(t, "主菜单", E2E_SCREEN_MS);
}

int main(void)
{
	e2e_env e;
	unsigned seed;
	char id[19], name[64];
	vt *t;
	int i, st;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 7);
	as_mkid(id, seed * 2654435761u + 5);
	as_mkname(name, sizeof name, "续评", seed);
	ok(as_case(&e, id, name), "an elderly disabled applicant in assessment (%s)", name);

	t = e2e_start(&e, 24, 80, NULL);
	if (!ok(login_cw(t), "caseworker logged in") || !ok(as_open_checklist(t, name), "checklist opened")) {
		if (t)
			vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	ok(e2e_screen_has(t, "走访日期"), "it starts at the visit date");
	for (i = 0; i < 17; i++)
		if (!as_answer(t, as_answers[i], i + 2))
			break;
	if (!ok(i == 17, "17 items answered (%d)", i))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, "Barthel 指数：5/100"), "Barthel total so far shown: 5");
	ok(e2e_screen_has(t, "穿衣"), "at 穿衣 (dressing)");
	vt_send(t, "1");   /* half of "10": the item being typed, lost with the line */
	vt_wait_update(t, 1000);
	vt_hangup(t);
	ok(vt_wait_exit(t, 10000, &st), "hang-up: the program leaves");
	vt_destroy(t);

	t = e2e_start(&e, 24, 80, NULL);
	if (!ok(login_cw(t), "caseworker logged in again") || !ok(as_open_checklist(t, name), "checklist reopened")) {
		if (t)
			vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	ok(vt_wait_text(t, "从“穿衣”继续", E2E_SCREEN_MS), "resumed at 穿衣 (dressing), said on screen");
	ok(e2e_screen_has(t, "（18/"), "item 18 of the checklist");
	ok(e2e_screen_has(t, "Barthel 指数：5/100（已评 3/10 项）"), "the three scores before it are kept");
	vt_send(t, VT_SHIFT_TAB);
	ok(vt_wait_text(t, "（17/", E2E_SCREEN_MS) && e2e_screen_has(t, "修饰"), "back one item: 修饰");
	for (i = 0; i < 16; i++) {
		vt_send(t, VT_SHIFT_TAB);
		vt_wait_update(t, 500);
	}
	ok(vt_wait_text(t, "（1/", E2E_SCREEN_MS), "back at the first item");
	{
		e2e_field f[4];
		int n = e2e_find_fields(t, f, 4);
		char *v = n > 0 ? e2e_field_text(t, &f[0]) : NULL;
		ok(v && strcmp(v, "2026-03-02") == 0, "the visit date kept: %s", v ? v : "(none)");
		free(v);
	}
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 5000, &st), "F3 leaves");
	vt_destroy(t);
	return tap_done();
}
