/* test_assess_flow.c - as a social worker would, at 80x24: open an accepted
 * case of an elderly, disabled applicant living alone in a low-income
 * household, fill the checklist (the Barthel total computed and shown),
 * complete it, see the proposed plan with 500 + 300 yuan and 3 visits a
 * week, submit it; then as supervisor approve it. */
#include "test_assess_lib.h"

static bool login(vt *t, const char *user)
{
	return t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, user, "demo")
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
	char print_dir[] = "/tmp/jiuzhu-e2e-assess-XXXXXX";
	if (!mkdtemp(print_dir))
		return tap_skip_all("cannot make a print folder");
	e2e_env_set(&e, "JIUZHU_PRINT_DIR", print_dir);
	seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 5);
	as_mkid(id, seed * 2246822519u + 7);
	as_mkname(name, sizeof name, "评估", seed);
	ok(as_case(&e, id, name), "an elderly disabled applicant in assessment (%s)", name);

	t = e2e_start(&e, 24, 80, NULL);
	if (!ok(login(t, "caseworker"), "caseworker logged in") || !ok(as_open_checklist(t, name), "checklist opened")) {
		if (t)
			vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	/* a bad score is refused at the item, the cursor stays */
	for (i = 0; i < 15; i++)
		as_answer(t, as_answers[i], i + 2);
	ok(e2e_screen_has(t, "洗澡"), "at 洗澡 (bathing)");
	vt_send(t, "10");
	vt_send(t, VT_ENTER);
	ok(vt_wait_text(t, "允许的分值：0/5", E2E_SCREEN_MS), "bathing 10 refused: 允许的分值：0/5");
	ok(e2e_screen_has(t, "（16/"), "still at item 16");
	for (i = 15; i < AS_NANSWERS - 1; i++)
		if (!as_answer(t, as_answers[i], i + 2))
			break;
	if (!ok(i == AS_NANSWERS - 1, "every item answered (%d of %d)", i + 1, AS_NANSWERS))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, "Barthel 指数：35/100（已评 10/10 项），重度依赖"),
	   "Barthel total 35, severe dependence, on screen");
	vt_send(t, "\025");
	vt_send(t, as_answers[AS_NANSWERS - 1]);
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "救助计划", E2E_SCREEN_MS) && vt_wait_text(t, "500.00 元/月", E2E_SCREEN_MS),
		"completed: the proposed plan shows 500.00 元/月"))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, "300.00 元/月"), "and +300.00 元/月 for the elderly alone");
	ok(e2e_screen_has(t, "每周 3 次"), "and 3 home visits a week");
	ok(e2e_screen_has(t, "800.00 元/月"), "800 yuan a month in all");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "已提交审批", E2E_SCREEN_MS), "F10 submits it"))
		vt_screen_dump(t);
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 5000, &st), "F3 leaves");
	vt_destroy(t);

	/* the report file */
	{
		char path[700];
		FILE *fp;
		char text[8192] = "";
		size_t got;
		snprintf(path, sizeof path, "%s", print_dir);
		const char *args[] = { "sh", "-c", "cat \"$0\"/assessment-*.txt", print_dir, NULL };
		(void)args;
		char cmd[800];
		snprintf(cmd, sizeof cmd, "cat %s/assessment-*.txt", print_dir);
		fp = popen(cmd, "r");
		got = fp ? fread(text, 1, sizeof text - 1, fp) : 0;
		text[got] = '\0';
		if (fp)
			pclose(fp);
		ok(strstr(text, name) && strstr(text, "35/100") && strstr(text, "刘小红"),
		   "the report file names the applicant, the Barthel total and the volunteer");
	}

	/* the supervisor approves */
	t = e2e_start(&e, 24, 80, NULL);
	if (!ok(login(t, "supervisor"), "supervisor logged in")) {
		if (t)
			vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	vt_send(t, "3");
	ok(vt_wait_text(t, "待您审批", E2E_SCREEN_MS) && as_pick(t, name), "the plan waits in 审批");
	ok(vt_wait_text(t, "每周 3 次", E2E_SCREEN_MS), "the plan opens");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "已批准：计划执行中", E2E_SCREEN_MS), "approved: the plan is active"))
		vt_screen_dump(t);
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 5000, &st), "F3 leaves");
	vt_destroy(t);
	{
		char sql[600];
		snprintf(sql, sizeof sql, "do $$ begin if (select state from jz.applications a join jz.persons p"
			 " on p.id = a.applicant_id where p.id_number = '%s') <> 'active' then"
			 " raise exception 'not active'; end if; end $$;", id);
		ok(as_psql(&e, sql), "the application is 救助中 (active) in PostgreSQL");
	}
	e2e_rmtree(print_dir);
	return tap_done();
}
