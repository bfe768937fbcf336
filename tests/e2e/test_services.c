/* test_services.c - the supervisor's service screens at 80x24: 心理辅导 (a
 * month short of the policy's 2 activities carries "!", the second activity
 * clears it; a bad date is refused at the field with the text kept),
 * 技能培训 (a class of 30 filled through SQL as the superuser, the 31st
 * unemployed plan member enrolled on the screen is refused in plain words)
 * and 满意度回访 (one answer moves the counselling share). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e.h"
#include "tap.h"
#include "vt.h"

#define COMMUNITY "110105001001"

static bool psql(const e2e_env *e, const char *sql)
{
	const char *args[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, NULL };
	int st = e2e_run_cli(e, args, NULL, true);
	return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* 31 unemployed persons (110108 + 1940 births + 8xx) with an active 2039
 * plan holding training; made once per data folder. Then a
 * fresh class of 2039 (earlier test classes removed) with the first 30. */
static const char make_trainees[] =
	"DO $d$ DECLARE cid int := (SELECT id FROM jz.communities WHERE code = '" COMMUNITY "');"
	" s17 text; sm int; pid bigint; hid bigint; aid bigint; plid bigint; cl bigint;"
	" w int[] := array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2];"
	" BEGIN"
	" IF NOT EXISTS (SELECT 1 FROM jz.plans WHERE community_id = cid AND start_date = '2039-01-01') THEN"
	" FOR i IN 1 .. 31 LOOP"
	"  s17 := '110108' || to_char(date '1940-01-01' + i, 'YYYYMMDD') || '8' || lpad(i::text, 2, '0');"
	"  sm := 0; FOR j IN 1 .. 17 LOOP sm := sm + substr(s17, j, 1)::int * w[j]; END LOOP;"
	"  INSERT INTO jz.persons (community_id, id_number, name, sex, birth_date)"
	"   VALUES (cid, s17 || substr('10X98765432', sm % 11 + 1, 1), '学员' || i,"
	"    CASE WHEN i % 2 = 1 THEN 'M' ELSE 'F' END, date '1940-01-01' + i) RETURNING id INTO pid;"
	"  INSERT INTO jz.households (community_id) VALUES (cid) RETURNING id INTO hid;"
	"  INSERT INTO jz.household_members (household_id, person_id, community_id, relationship)"
	"   VALUES (hid, pid, cid, 'self');"
	"  INSERT INTO jz.applications (community_id, household_id, applicant_id, state, reason)"
	"   VALUES (cid, hid, pid, 'returned', '培训测试') RETURNING id INTO aid;"
	"  INSERT INTO jz.plans (application_id, community_id, household_id, start_date, end_date)"
	"   VALUES (aid, cid, hid, '2039-01-01', '2039-12-31') RETURNING id INTO plid;"
	"  INSERT INTO jz.plan_items (plan_id, community_id, person_id, kind, subsidy_pct) VALUES"
	"   (plid, cid, pid, 'training', 80);"
	"  UPDATE jz.plans SET state = 'active', submitted_at = now(), activated_at = now() WHERE id = plid;"
	" END LOOP; END IF;"
	" DELETE FROM jz.training_enrolments WHERE class_id IN (SELECT id FROM jz.training_classes"
	"  WHERE community_id = cid AND starts_on >= '2039-01-01' AND starts_on < '2040-01-01');"
	" DELETE FROM jz.training_classes WHERE community_id = cid AND starts_on >= '2039-01-01' AND starts_on < '2040-01-01';"
	" INSERT INTO jz.training_classes (community_id, course, institution, starts_on, ends_on, fee_fen, capacity, subsidy_pct)"
	"  VALUES (cid, '电焊工培训', '市职业技能学校', '2039-03-01', '2039-05-31', 150000, 1, 0) RETURNING id INTO cl;"
	" INSERT INTO jz.training_enrolments (class_id, person_id)"
	"  SELECT cl, p.id FROM jz.persons p WHERE p.id_number LIKE '110108194%' AND substr(p.id_number, 15, 1) = '8'"
	"   AND substr(p.id_number, 16, 2)::int BETWEEN 1 AND 30;"
	" END $d$";

static void id_of(int i, char out[19])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	/* 1940-01-01 + i days: i = 31 is 1940-02-01 */
	snprintf(out, 19, "11010819400201%s%02d", "8", i);
	for (int j = 0; j < 17; j++)
		sum += (out[j] - '0') * w[j];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

static vt *login(const e2e_env *e)
{
	vt *t = e2e_start(e, 24, 80, NULL);
	if (!t)
		return NULL;
	if (!e2e_wait_login(t, E2E_FIRST_SCREEN_MS) || !e2e_type_login(t, "supervisor", "demo") ||
	    !vt_wait_text(t, "主菜单", E2E_SCREEN_MS)) {
		vt_screen_dump(t);
		vt_destroy(t);
		return NULL;
	}
	return t;
}

/* Answers on the share line of a service ("  心理辅导    12 ..."). */
static int answers_of(const vt *t, const char *service)
{
	for (int r = 8; r < 24; r++) {
		char *s = vt_row_text(t, r);
		char *p = s ? strstr(s, service) : NULL;
		int n = -1;
		if (p && (strstr(s, "目标") || strstr(s, "无答复")))
			sscanf(p + strlen(service), "%d", &n);
		free(s);
		if (n >= 0)
			return n;
	}
	return -1;
}

static void add_activity(vt *t, const char *date, const char *topic)
{
	char ctrl_u[2] = { VT_CTRL('u'), '\0' };

	vt_send(t, VT_F6);
	vt_wait_text(t, "新增心理辅导活动", E2E_SCREEN_MS);
	vt_send(t, ctrl_u);
	vt_send(t, date);
	vt_send(t, "\t王老师\t社区活动室\t20\t");
	vt_send(t, topic);
	vt_send(t, VT_F10);
}

int main(void)
{
	e2e_env e;
	char ctrl_u[2] = { VT_CTRL('u'), '\0' }, year[8], date[16], cell[32], id31[19];
	int y = 2050 + (int)(getpid() % 40), st = -1;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	vt *t = login(&e);
	if (!ok(t != NULL, "supervisor logged in"))
		return tap_done();

	/* counselling */
	vt_send(t, "7");
	if (!ok(vt_wait_text(t, "! = 活动少于政策规定的每月 2 次", E2E_SCREEN_MS), "心理辅导 opens with the policy's 2"))
		vt_screen_dump(t);
	snprintf(year, sizeof year, "%d", y);
	vt_send(t, ctrl_u);
	vt_send(t, year);
	vt_send(t, VT_F5);
	ok(vt_wait_text(t, "05月 0!", E2E_SCREEN_MS), "an empty May of %d is flagged", y);
	snprintf(date, sizeof date, "%d-02-30", y);
	add_activity(t, date, "情绪疏导");
	if (!ok(vt_wait_text(t, "请改正标出的栏目", E2E_SCREEN_MS), "30 February refused"))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, date), "the bad date stays in the field");
	vt_send(t, VT_F12);
	snprintf(date, sizeof date, "%d-05-10", y);
	add_activity(t, date, "情绪疏导");
	snprintf(cell, sizeof cell, "05月 1!");
	if (!ok(vt_wait_text(t, cell, E2E_SCREEN_MS), "one activity in May: still flagged"))
		vt_screen_dump(t);
	snprintf(date, sizeof date, "%d-05-24", y);
	add_activity(t, date, "亲子沟通");
	if (!ok(vt_wait_text(t, "05月 2 ", E2E_SCREEN_MS), "the second activity clears the flag"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "05月 2!") && e2e_screen_has(t, "亲子沟通") && e2e_screen_has(t, "0/20"),
	   "May unflagged, the activity listed with 0/20 places");
	vt_send(t, VT_F12);
	ok(vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "back to the menu");

	/* training: 30 through SQL, the 31st on the screen */
	if (!ok(psql(&e, make_trainees), "a 2039 class of 30 filled as the superuser"))
		goto out;
	vt_send(t, "8");
	if (!ok(vt_wait_text(t, "技能培训", E2E_SCREEN_MS), "技能培训 opens"))
		vt_screen_dump(t);
	vt_send(t, ctrl_u);
	vt_send(t, "2039");
	vt_send(t, VT_F5);
	if (!ok(vt_wait_text(t, "电焊工培训", E2E_SCREEN_MS) && e2e_screen_has(t, "30/30") &&
		e2e_screen_has(t, "1500.00"), "the class with 30/30 seats and the fee in yuan"))
		vt_screen_dump(t);
	vt_send(t, "\r");
	if (!ok(vt_wait_text(t, "补贴 80% = 1200.00 元", E2E_SCREEN_MS), "trainees, 80%% subsidy from the policy"))
		vt_screen_dump(t);
	id_of(31, id31);
	vt_send(t, id31);
	vt_send(t, VT_F6);
	if (!ok(vt_wait_text(t, "培训班已满：30 个名额都已报满", E2E_SCREEN_MS), "the 31st refused in plain words"))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, id31), "the ID number stays in the field");
	vt_send(t, VT_F12);
	vt_send(t, VT_F12);
	ok(vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "back to the menu");

	/* feedback: one satisfied answer about counselling */
	vt_send(t, "9");
	if (!ok(vt_wait_text(t, "满意（4-5 分）答复占比", E2E_SCREEN_MS), "满意度回访 opens"))
		vt_screen_dump(t);
	int before = answers_of(t, "心理辅导");
	ok(before >= 0, "counselling answers so far: %d", before);
	vt_send(t, id31);
	vt_send(t, "\t\t6");
	vt_send(t, VT_F10);
	ok(vt_wait_text(t, "1（很不满意）至 5（很满意）", E2E_SCREEN_MS), "6 refused at the field");
	vt_send(t, ctrl_u);
	vt_send(t, "5\t很耐心");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "的答复已保存", E2E_SCREEN_MS), "the answer saved"))
		vt_screen_dump(t);
	ok(answers_of(t, "心理辅导") == before + 1, "the counselling share counts one more answer");
	vt_send(t, VT_F3);
	ok(vt_wait_exit(t, 5000, &st), "F3 leaves");
out:
	vt_destroy(t);
	return tap_done();
}
