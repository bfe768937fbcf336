/* test_funds.c - the supervisor's 资金与发放 screen shows the seed plan's
 * shortfall in plain numbers: for 2038 (a year no other test touches) 200
 * low-income households x 500 yuan and 50 elderly x 300 yuan a month, made
 * here through `jiuzhu psql` once (a later run finds them), against the
 * policy's 1,000,000 yuan: 1,380,000 owed, 380,000 short. Then the bank's
 * list through `jiuzhu export payments 2038-01 --encoding gb18030 FILE`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e.h"
#include "enc.h"
#include "tap.h"
#include "vt.h"

#define COMMUNITY "110105001001"

static bool psql(const e2e_env *e, const char *sql)
{
	const char *args[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, NULL };
	int st = e2e_run_cli(e, args, NULL, false);
	return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Persons 110108 + birth in 1938/39 + sequence 7xx: no other test makes
 * these. Runs once per data folder (the plans are its marker). */
static const char make_plans[] =
	"DO $d$ DECLARE cid int := (SELECT id FROM jz.communities WHERE code = '" COMMUNITY "');"
	" s17 text; sm int; pid bigint; hid bigint; aid bigint; plid bigint;"
	" w int[] := array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2];"
	" BEGIN"
	" IF EXISTS (SELECT 1 FROM jz.plans WHERE community_id = cid AND start_date = '2038-01-01') THEN RETURN; END IF;"
	" PERFORM jz.funding_from_policy(2038);"
	" FOR i IN 1 .. 250 LOOP"
	"  s17 := '110108' || to_char(date '1938-01-01' + i, 'YYYYMMDD') || '7' || lpad((i % 100)::text, 2, '0');"
	"  sm := 0; FOR j IN 1 .. 17 LOOP sm := sm + substr(s17, j, 1)::int * w[j]; END LOOP;"
	"  INSERT INTO jz.persons (community_id, id_number, name, sex, birth_date)"
	"   VALUES (cid, s17 || substr('10X98765432', sm % 11 + 1, 1), '测算' || (array['甲','乙','丙','丁'])[i % 4 + 1],"
	"    CASE WHEN substr(s17, 17, 1)::int % 2 = 1 THEN 'M' ELSE 'F' END, date '1938-01-01' + i) RETURNING id INTO pid;"
	"  INSERT INTO jz.households (community_id) VALUES (cid) RETURNING id INTO hid;"
	"  INSERT INTO jz.household_members (household_id, person_id, community_id, relationship)"
	"   VALUES (hid, pid, cid, 'self');"
	"  INSERT INTO jz.applications (community_id, household_id, applicant_id, state, reason)"
	"   VALUES (cid, hid, pid, 'returned', '资金测算') RETURNING id INTO aid;"
	"  INSERT INTO jz.plans (application_id, community_id, household_id, start_date, end_date)"
	"   VALUES (aid, cid, hid, '2038-01-01', '2038-12-31') RETURNING id INTO plid;"
	"  INSERT INTO jz.plan_items (plan_id, community_id, person_id, kind, amount_fen) VALUES"
	"   (plid, cid, CASE WHEN i > 200 THEN pid END, CASE WHEN i > 200 THEN 'cash_elderly_extra' ELSE 'cash_low_income' END,"
	"    CASE WHEN i > 200 THEN 30000 ELSE 50000 END);"
	"  UPDATE jz.plans SET state = 'active', submitted_at = now(), activated_at = now() WHERE id = plid;"
	" END LOOP; END $d$";

static vt *login(const e2e_env *e, const char *user, const char *pass)
{
	vt *t = e2e_start(e, 24, 80, NULL);
	if (!t)
		return NULL;
	if (!e2e_wait_login(t, E2E_FIRST_SCREEN_MS) || !e2e_type_login(t, user, pass) ||
	    !vt_wait_text(t, "主菜单", E2E_SCREEN_MS)) {
		tap_diag("login as %s failed", user);
		vt_screen_dump(t);
		vt_destroy(t);
		return NULL;
	}
	return t;
}

int main(void)
{
	e2e_env e;
	char path[256], ctrl_u[2] = { VT_CTRL('u'), '\0' };
	int st = -1;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");

	vt *sup = login(&e, "supervisor", "demo");
	if (!ok(sup != NULL, "supervisor logged in"))
		return tap_done();
	if (!ok(psql(&e, make_plans), "250 households with active plans for 2038 and the year's funding")) {
		vt_destroy(sup);
		return tap_done();
	}
	ok(vt_wait_text(sup, "资金与发放", E2E_SCREEN_MS), "the menu offers 资金与发放");
	vt_send(sup, "6");
	if (!ok(vt_wait_text(sup, "年度拨款", E2E_SCREEN_MS), "the funds screen opens"))
		vt_screen_dump(sup);
	vt_send(sup, ctrl_u);
	vt_send(sup, "2038-01");
	vt_send(sup, VT_F5);
	if (!ok(vt_wait_text(sup, "资金缺口：380,000.00 元", E2E_SCREEN_MS), "the shortfall in plain numbers"))
		vt_screen_dump(sup);
	ok(e2e_screen_has(sup, "2038 年自 2038-01 起尚需支付（剩余 12 个月）"), "for the whole of 2038");
	ok(e2e_screen_has(sup, "1,380,000.00") && e2e_screen_has(sup, "1,000,000.00"),
	   "1,380,000 owed against 1,000,000 available");
	ok(e2e_screen_has(sup, "政府拨款") && e2e_screen_has(sup, "600,000.00") && e2e_screen_has(sup, "社区自筹"),
	   "per source, government first");
	{
		int row = vt_find_text(sup, "资金缺口");
		vt_cell_info c;
		ok(row >= 0 && vt_cell(sup, row, 1, &c) && c.reverse, "the shortfall line is reverse video too");
	}
	/* nothing received for 2038: the run is refused and says so */
	vt_send(sup, VT_F6);
	if (!ok(vt_wait_text(sup, "一笔也未发放", E2E_SCREEN_MS), "F6 with no money received: nothing paid"))
		vt_screen_dump(sup);
	vt_send(sup, VT_F3);
	ok(vt_wait_exit(sup, 5000, &st), "F3 leaves");
	vt_destroy(sup);

	/* the bank's list from the command line, in GB18030 */
	snprintf(path, sizeof path, "/tmp/jz-e2e-funds-%ld.csv", (long)getpid());
	{
		const char *args[] = { "export", "payments", "2038-01", "--encoding", "gb18030", path, NULL };
		st = e2e_run_cli(&e, args, NULL, true);
	}
	ok(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "jiuzhu export payments exits 0 (%#x)", st);
	{
		FILE *f = fopen(path, "rb");
		char buf[4096];
		size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
		char *u = n ? enc_convert("UTF-8", "GB18030", buf, n, NULL) : NULL;
		if (f)
			fclose(f);
		ok(u && strncmp(u, "序号,社区,姓名,身份证号,项目,金额(元),资金来源,月份\r\n", 10) == 0
		   && strstr(u, "合计,,,,,0.00,,"), "a GB18030 file with the header and a zero total");
		free(u);
	}
	unlink(path);
	return tap_done();
}
