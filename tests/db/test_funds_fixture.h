/* test_funds_fixture.h - shared by the funds and services tests: the
 * workflow fixture's communities and staff, plus households with ACTIVE
 * plans made in bulk by the superuser (one person per household; plan
 * items of the given kinds at the policy figures). The whole application
 * process is the plan tests' business; here only the plan's state and
 * items matter. */
#ifndef JZ_TEST_FUNDS_FIXTURE_H
#define JZ_TEST_FUNDS_FIXTURE_H

/* the funds tests use only part of the workflow fixture */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "test_workflow_fixture.h"
#pragma GCC diagnostic pop

/* pg_temp.fd_plans(community, households, kinds, start, end, first_seq,
 * unemployed) -> the persons made, one per household. Persons get valid
 * GB 11643 numbers 110105 + birth + sequence + check. */
static const char fd_plans_sql[] =
	"CREATE FUNCTION pg_temp.fd_plans(cid int, n int, kinds text[], st date, en date, k0 int,"
	"  unemployed boolean) RETURNS SETOF bigint LANGUAGE plpgsql AS $f$\n"
	"DECLARE s17 text; sm int; pid bigint; hid bigint; aid bigint; plid bigint; k text; i int;\n"
	"  w int[] := array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2];\n"
	"BEGIN\n"
	"  FOR i IN k0 .. k0 + n - 1 LOOP\n"
	"    s17 := '110105' || to_char(date '1970-01-01' + (i % 7000), 'YYYYMMDD') || lpad(((i / 7000) % 1000)::text, 3, '0');\n"
	"    sm := 0;\n"
	"    FOR j IN 1 .. 17 LOOP sm := sm + substr(s17, j, 1)::int * w[j]; END LOOP;\n"
	"    INSERT INTO jz.persons (community_id, id_number, name, sex, birth_date)\n"
	"      VALUES (cid, s17 || substr('10X98765432', sm % 11 + 1, 1),\n"
	"        (array['王','李','张','刘','陈','杨'])[i % 6 + 1] || (array['伟','芳','秀英','强','敏'])[i % 5 + 1],\n"
	"        CASE WHEN substr(s17, 17, 1)::int % 2 = 1 THEN 'M' ELSE 'F' END, date '1970-01-01' + (i % 7000))\n"
	"      RETURNING id INTO pid;\n"
	"    INSERT INTO jz.households (community_id) VALUES (cid) RETURNING id INTO hid;\n"
	"    INSERT INTO jz.household_members (household_id, person_id, community_id, relationship, employment)\n"
	"      VALUES (hid, pid, cid, 'self', CASE WHEN unemployed THEN 'unemployed_reg' END);\n"
	"    INSERT INTO jz.applications (community_id, household_id, applicant_id, state, reason)\n"
	"      VALUES (cid, hid, pid, 'returned', '测试') RETURNING id INTO aid;\n"
	"    INSERT INTO jz.plans (application_id, community_id, household_id, start_date, end_date)\n"
	"      VALUES (aid, cid, hid, st, en) RETURNING id INTO plid;\n"
	"    FOREACH k IN ARRAY kinds LOOP\n"
	"      INSERT INTO jz.plan_items (plan_id, community_id, person_id, kind, amount_fen, sessions_per_month, subsidy_pct)\n"
	"        VALUES (plid, cid, CASE WHEN k IN ('cash_elderly_extra', 'training') THEN pid END, k,\n"
	"          CASE k WHEN 'cash_low_income' THEN (jz.policy_value('cash_aid_low_income', st)).value\n"
	"                 WHEN 'cash_elderly_extra' THEN (jz.policy_value('cash_aid_elderly_alone_extra', st)).value END,\n"
	"          CASE WHEN k = 'counselling' THEN (jz.policy_value('counselling_per_month', st)).value END,\n"
	"          CASE WHEN k = 'training' THEN (jz.policy_value('training_fee_community_share', st)).value END);\n"
	"    END LOOP;\n"
	"    UPDATE jz.plans SET state = 'active', submitted_at = now(), activated_at = now() WHERE id = plid;\n"
	"    RETURN NEXT pid;\n"
	"  END LOOP;\n"
	"END $f$";

static bool fd_init(wf *w)
{
	db_err e;

	if (!db_run(w->t.conn, fd_plans_sql, 0, NULL, &e)) {
		tap_diag("fd_plans: %s", e.message);
		return false;
	}
	return true;
}

/* n households in community cid with active plans of kinds ("{a,b}");
 * the first person's id in *first (may be NULL). Returns how many. */
static int fd_plans(wf *w, const char *cid, int n, const char *kinds, const char *start, const char *end,
		    bool unemployed, long long *first)
{
	char sn[16], k0[16];
	const char *p[7] = { cid, sn, kinds, start, end, k0, unemployed ? "t" : "f" };
	db_err e;
	PGresult *r;
	int got;

	snprintf(sn, sizeof sn, "%d", n);
	snprintf(k0, sizeof k0, "%d", w->seq * 1 + 1);
	w->seq += n;
	r = db_exec(w->t.conn, "SELECT pg_temp.fd_plans($1::int, $2::int, $3::text[], $4::date, $5::date,"
		    " $6::int, $7::boolean)", 7, p, &e);
	if (!r) {
		tap_diag("fd_plans: %s", e.message);
		return 0;
	}
	got = PQntuples(r);
	if (first)
		*first = got > 0 ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
	PQclear(r);
	return got;
}

#endif
