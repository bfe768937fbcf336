/* test_followup.c - 回访 at 80x24: a case whose plan is active and whose
 * follow-up was due three days ago (made over psql as the superuser); the
 * caseworker opens 回访, sees it marked overdue ("!" and the word, not a
 * colour), records "re-assess" with notes, and the application is in
 * assessment in PostgreSQL. A second follow-up, changed behind the screen's
 * back, is refused as a conflict with the typed notes kept. Esc or F12
 * with notes typed asks first (备注尚未保存); a second F12 drops them. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "test_assess_lib.h"
#pragma GCC diagnostic pop
#include "test_followup_lib.h"

static bool app_state_is(const e2e_env *e, const char *id, const char *state)
{
	char sql[600];
	snprintf(sql, sizeof sql, "do $$ begin if (select state from jz.applications a join jz.persons p"
		 " on p.id = a.applicant_id where p.id_number = '%s') <> '%s' then"
		 " raise exception 'not %s'; end if; end $$;", id, state, state);
	return as_psql(e, sql);
}

int main(void)
{
	e2e_env e;
	unsigned seed;
	char id[19], name[64];
	vt *t;
	int st, row;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 7);
	as_mkid(id, seed * 2654435761u + 11);
	as_mkname(name, sizeof name, "回访", seed);
	ok(as_case(&e, id, name), "an accepted case taken into assessment (%s)", name);
	ok(as_active_with_due(&e, id, 3, 1), "made active with follow-ups due 3 and 1 days ago");

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
	row = vt_find_text(t, name);
	{
		char *text = row >= 0 ? vt_row_text(t, row) : NULL;
		ok(text && text[0] == '!' && strstr(text, "逾期"), "its row is marked ! and says 逾期 (%s)",
		   text ? text : "-");
		free(text);
	}
	ok(as_pick(t, name) && vt_wait_text(t, "回访结果", E2E_SCREEN_MS), "Enter opens the follow-up");
	ok(e2e_screen_has(t, "逾期"), "the record says it is overdue");

	/* typed notes are not dropped on one key: Esc asks, F12 again drops */
	vt_send(t, "电话未接通，改日再访");
	ok(vt_wait_text(t, "电话未接通", E2E_SCREEN_MS), "notes typed");
	vt_send(t, VT_ESC);
	if (!ok(vt_wait_text(t, "备注尚未保存", E2E_SCREEN_MS), "Esc with notes typed asks first"))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, "回访结果") && e2e_screen_has(t, "电话未接通"),
	   "the follow-up stays open with the notes");
	vt_send(t, "。");
	ok(vt_wait_text(t, "改日再访。", E2E_SCREEN_MS), "typing goes on in the notes");
	vt_send(t, VT_F12);
	ok(vt_wait_text(t, "备注尚未保存", E2E_SCREEN_MS) && e2e_screen_has(t, "回访结果"),
	   "after typing, F12 asks again rather than dropping them");
	vt_send(t, VT_F12);
	if (!ok(vt_wait_text_gone(t, "回访结果", E2E_SCREEN_MS) && vt_wait_text(t, "到期回访", E2E_SCREEN_MS),
		"a second F12 goes back to the list"))
		vt_screen_dump(t);
	ok(as_pick(t, name) && vt_wait_text(t, "回访结果", E2E_SCREEN_MS), "Enter opens it again");
	ok(!e2e_screen_has(t, "电话未接通"), "with the discarded notes gone");
	vt_send(t, VT_ESC);
	ok(vt_wait_text_gone(t, "回访结果", E2E_SCREEN_MS) && !e2e_screen_has(t, "备注尚未保存"),
	   "with no notes, Esc goes back at once");
	ok(as_pick(t, name) && vt_wait_text(t, "回访结果", E2E_SCREEN_MS), "and Enter opens it once more");

	/* F3 (whose help says work is kept) asks too when notes are typed */
	vt_send(t, "家属代为接听");
	ok(vt_wait_text(t, "家属代为接听", E2E_SCREEN_MS), "notes typed again");
	vt_send(t, VT_F3);
	if (!ok(vt_wait_text(t, "再按一次 F3", E2E_SCREEN_MS) && e2e_screen_has(t, "回访结果")
		&& e2e_screen_has(t, "家属代为接听"), "F3 with notes typed asks first; the notes stay"))
		vt_screen_dump(t);
	vt_send(t, VT_F12);
	vt_send(t, VT_F12);
	ok(vt_wait_text_gone(t, "回访结果", E2E_SCREEN_MS) && vt_wait_text(t, "到期回访", E2E_SCREEN_MS),
	   "F12 twice drops them instead");
	ok(as_pick(t, name) && vt_wait_text(t, "回访结果", E2E_SCREEN_MS) && !e2e_screen_has(t, "家属代为接听"),
	   "reopened with no notes");

	/* a conflict: someone records nothing but touches the row meanwhile */
	{
		char sql[600];
		snprintf(sql, sizeof sql, "update jz.follow_ups f set version = f.version + 1 from jz.applications a"
			 " join jz.persons p on p.id = a.applicant_id where f.application_id = a.id"
			 " and p.id_number = '%s' and f.due_date = current_date - 3;", id);
		ok(as_psql(&e, sql), "the first follow-up changed behind the screen");
	}
	vt_send(t, VT_DOWN);
	vt_send(t, VT_DOWN);
	ok(vt_wait_text(t, "> 3. 重新评估", E2E_SCREEN_MS), "Down twice: re-assess chosen");
	vt_send(t, "行动能力明显下降，需重新评估");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "他人修改", E2E_SCREEN_MS), "F10: the conflict is said plainly"))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, "行动能力明显下降"), "the typed notes are kept");
	ok(app_state_is(&e, id, "active"), "nothing changed in PostgreSQL yet");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "已回到评估", E2E_SCREEN_MS), "F10 again records it on the new version"))
		vt_screen_dump(t);
	ok(app_state_is(&e, id, "assessing"), "the application is in assessment (active -> assessing) in PostgreSQL");
	{
		char sql[600];
		snprintf(sql, sizeof sql, "do $$ begin if not exists (select 1 from jz.follow_ups f join jz.applications a"
			 " on a.id = f.application_id join jz.persons p on p.id = a.applicant_id where p.id_number = '%s'"
			 " and f.outcome = 'reassess' and f.notes like '行动能力%%' and f.done_by = 'caseworker') then"
			 " raise exception 'no outcome'; end if; end $$;", id);
		ok(as_psql(&e, sql), "the outcome, the notes and who recorded it are stored");
	}
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 5000, &st), "F3 leaves");
	vt_destroy(t);
	return tap_done();
}
