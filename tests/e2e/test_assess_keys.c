/* test_assess_keys.c - the checklist's words and keys at 80x24, as a social
 * worker types them: the time's hint reads 时：分 (a full-width colon, not
 * 时:分); a letter typed into a score (进食) is refused as it is typed,
 * with 进食：此处只能填数字。, and never reaches the field; a score not
 * allowed is told as 进食：允许的分值：… (no ASCII ":" after the label);
 * once every item is answered the last line says so and points to F10
 * instead of 尚缺 0 项. A choice not in the list (住房类型 9) is told as
 * 请输入选项编号 1 至 5 (it said 按 F4 查看列表, and F4 does nothing here);
 * back on it, the answer reads 公租房, not the stored code public_rent, and
 * Enter keeps it. */
#include "test_assess_lib.h"

/* The text of the row holding 回答：, malloc'd; NULL when none. */
static char *answer_row(const vt *t)
{
	int row = vt_find_text(t, "回答：");
	return row >= 0 ? vt_row_text(t, row) : NULL;
}

int main(void)
{
	e2e_env e;
	char id[19], name[64];
	int i, st = -1;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	unsigned seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 7);
	as_mkid(id, seed * 2654435761u + 11);
	as_mkname(name, sizeof name, "键评", seed);
	ok(as_case(&e, id, name), "an elderly disabled applicant in assessment (%s)", name);

	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!ok(t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, "caseworker", "demo")
		&& vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "caseworker logged in")
	    || !ok(as_open_checklist(t, name), "checklist opened")) {
		if (t)
			vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}

	ok(as_answer(t, as_answers[0], 2), "the date answered, at the time of the visit");
	if (!ok(e2e_screen_has(t, "时：分（HH:MM）"), "the hint reads 时：分（HH:MM）"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "时:分"), "no ASCII colon between 时 and 分");

	for (i = 1; i < 6; i++)
		if (!as_answer(t, as_answers[i], i + 2))
			break;
	if (!ok(i == 6 && e2e_screen_has(t, "住房类型") && e2e_screen_has(t, "（7/"), "at 住房类型, a choice (7)"))
		vt_screen_dump(t);
	vt_send(t, "\025");
	vt_send(t, "9");
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "住房类型：不是可选项：请输入选项编号 1 至 5。", E2E_SCREEN_MS), "9 refused: type 1 to 5"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "F4 查看"), "no F4 in the message");
	ok(as_answer(t, as_answers[6], 8), "2 (公租房) taken");
	vt_send(t, "\033[Z");
	if (!ok(vt_wait_text(t, "（7/", E2E_SCREEN_MS), "Shift-Tab back to 住房类型"))
		vt_screen_dump(t);
	char *row = answer_row(t);
	ok(row && strstr(row, "公租房") && !strstr(row, "public_rent"), "the answer reads 公租房 (%s)",
	   row ? row : "?");
	free(row);
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "（8/", E2E_SCREEN_MS), "Enter keeps it and goes on"))
		vt_screen_dump(t);
	vt_send(t, "\033[Z");
	ok(vt_wait_text(t, "（7/", E2E_SCREEN_MS) && vt_wait_text(t, "公租房", E2E_SCREEN_MS), "still 公租房");
	vt_send(t, VT_ENTER);
	ok(vt_wait_text(t, "（8/", E2E_SCREEN_MS), "on to item 8");
	for (i = 7; i < 14; i++)
		if (!as_answer(t, as_answers[i], i + 2))
			break;
	if (!ok(i == 14 && e2e_screen_has(t, "进食") && e2e_screen_has(t, "（15/"), "at 进食, a score (15)"))
		vt_screen_dump(t);

	vt_send(t, "\025");
	vt_send(t, "a");
	if (!ok(vt_wait_text(t, "进食：此处只能填数字。", E2E_SCREEN_MS), "a letter is refused at once"))
		vt_screen_dump(t);
	row = answer_row(t);
	ok(row && !strchr(strstr(row, "回答：") + strlen("回答："), 'a'), "and is not in the field (%s)",
	   row ? row : "?");
	free(row);
	ok(e2e_screen_has(t, "（15/"), "still at item 15");

	vt_send(t, "7");
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "进食：允许的分值：", E2E_SCREEN_MS), "7 refused: 进食：允许的分值：…"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "进食: "), "no ASCII colon after the item's name");

	for (i = 14; i < AS_NANSWERS - 1; i++)
		if (!as_answer(t, as_answers[i], i + 2))
			break;
	if (!ok(i == AS_NANSWERS - 1, "every item but the last answered (%d of %d)", i, AS_NANSWERS))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, "尚缺 1 项"), "one item missing is counted");
	vt_send(t, "\025");
	vt_send(t, as_answers[AS_NANSWERS - 1]);
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "各项均已填写，按 F10 完成评估", E2E_SCREEN_MS),
		"all answered: the last line says so and points to F10"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "尚缺 0 项"), "not 尚缺 0 项");

	vt_send(t, VT_F3);
	bool left = vt_wait_exit(t, 5000, &st);
	ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves cleanly (%#x)", st);
	vt_destroy(t);
	return tap_done();
}
