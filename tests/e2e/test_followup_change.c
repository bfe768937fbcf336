/* test_followup_change.c - 回访's 调整计划 on a case with no completed
 * assessment (an active case made over psql, as the sample's are): the
 * outcome is recorded and the plan opens, but a new proposal needs an
 * assessment, so the message line says the database's reason (还没有完成的
 * 评估), not "请调整计划并提交（F10）" over a plan in force that F10 cannot
 * change (it did: the caseworker was told to press a key that does nothing). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "test_assess_lib.h"
#pragma GCC diagnostic pop
#include "test_followup_lib.h"

int main(void)
{
	e2e_env e;
	unsigned seed;
	char id[19], name[64];
	vt *t;
	int st;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 9);
	as_mkid(id, seed * 2654435761u + 17);
	as_mkname(name, sizeof name, "调整", seed);
	ok(as_case(&e, id, name), "an accepted case taken into assessment (%s)", name);
	ok(as_active_with_due(&e, id, 2, 1), "made active with follow-ups due 2 and 1 days ago");

	t = e2e_start(&e, 24, 80, NULL);
	if (!ok(as_login(t, "caseworker"), "caseworker logged in")) {
		if (t)
			vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	vt_send(t, "4");
	if (!ok(vt_wait_text(t, "到期回访", E2E_SCREEN_MS) && vt_wait_text(t, name, E2E_SCREEN_MS),
		"回访 lists the case"))
		vt_screen_dump(t);
	ok(as_pick(t, name) && vt_wait_text(t, "回访结果", E2E_SCREEN_MS), "Enter opens the follow-up");
	vt_send(t, VT_DOWN);
	ok(vt_wait_text(t, "> 2. 调整计划", E2E_SCREEN_MS), "Down: 调整计划 chosen");
	vt_send(t, "老人腿脚不便，需增加探访");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "还没有完成的评估", E2E_SCREEN_MS), "F10: the plan opens and says why no new plan"))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, "救助计划") && e2e_screen_has(t, "执行中"), "the plan in force is shown");
	ok(!e2e_screen_has(t, "请调整计划并提交"), "not told to change it and press F10");
	{
		char sql[600];
		snprintf(sql, sizeof sql, "do $$ begin if not exists (select 1 from jz.follow_ups f join jz.applications a"
			 " on a.id = f.application_id join jz.persons p on p.id = a.applicant_id where p.id_number = '%s'"
			 " and f.outcome = 'change_plan' and f.notes like '老人腿脚%%' and f.done_by = 'caseworker') then"
			 " raise exception 'no outcome'; end if; end $$;", id);
		ok(as_psql(&e, sql), "the outcome, the notes and who recorded it are stored");
	}
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 5000, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves cleanly");
	vt_destroy(t);
	return tap_done();
}
