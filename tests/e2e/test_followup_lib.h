/* test_followup_lib.h - shared by the 回访 e2e tests (test_followup.c,
 * test_followup_change.c); include after test_assess_lib.h. */
#ifndef JZ_TEST_FOLLOWUP_LIB_H
#define JZ_TEST_FOLLOWUP_LIB_H

/* Logged in as user (password demo), at the main menu. */
static bool as_login(vt *t, const char *user)
{
	return t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, user, "demo")
	       && vt_wait_text(t, "主菜单", E2E_SCREEN_MS);
}

/* The case of id: active (through wf_move, as the superuser), with an
 * active plan and follow-ups due `ago` days ago. */
static bool as_active_with_due(const e2e_env *e, const char *id, int ago1, int ago2)
{
	char sql[2000];
	snprintf(sql, sizeof sql,
		"select jz.wf_move(a.id, 'active', '测试：计划执行中', a.assigned_to) from jz.applications a"
		" join jz.persons p on p.id = a.applicant_id where p.id_number = '%s'; "
		"insert into jz.plans (application_id, community_id, household_id, state, start_date, end_date,"
		" created_by, activated_at) select a.id, a.community_id, a.household_id, 'active',"
		" current_date - 100, current_date + 265, 'caseworker', now() from jz.applications a"
		" join jz.persons p on p.id = a.applicant_id where p.id_number = '%s'; "
		"insert into jz.follow_ups (plan_id, application_id, community_id, due_date)"
		" select x.id, x.application_id, x.community_id, current_date - g from jz.plans x"
		" join jz.applications a on a.id = x.application_id join jz.persons p on p.id = a.applicant_id,"
		" unnest(array[%d, %d]) g where p.id_number = '%s';",
		id, id, ago1, ago2, id);
	return as_psql(e, sql);
}

#endif
