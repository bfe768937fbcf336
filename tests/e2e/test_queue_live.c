/* test_queue_live.c - issue 4's two-terminal test: a supervisor's open
 * queue shows a new application within one second of its submit with no key
 * pressed (LISTEN/NOTIFY); two caseworkers pressing "take next" at once get
 * different cases. The applications are made by a real submit
 * (jz.submit_application as the receptionist, through `jiuzhu psql`) and a
 * real transition (jz.transition as the caseworker): the NOTIFY comes from
 * the database's own trigger, as it would from another terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e.h"
#include "tap.h"

#define COMMUNITY "110105001001"

/* An 18-digit ID: 110105 + birth YYYYMMDD + 3-digit sequence + check. */
static void mkid(char out[19], unsigned r)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int s = 0;
	snprintf(out, 19, "110105%04u%02u%02u%03u", 1950 + r % 40, 1 + (r / 40) % 12,
		 1 + (r / 480) % 28, (r / 13440) % 1000);
	for (int i = 0; i < 17; i++)
		s += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[s % 11];
	out[18] = '\0';
}

/* A name no earlier run used: 队列 + the run's digits in Chinese numerals. */
static void mkname(char *out, size_t len, unsigned r, int which)
{
	static const char *const d[10] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	size_t o = (size_t)snprintf(out, len, "%s", which ? "领取" : "队列");
	for (int i = 0; i < 7 && o + 4 < len; i++, r /= 10)
		o += (size_t)snprintf(out + o, len - o, "%s", d[r % 10]);
}

/* psql on the private database as its superuser; the statements switch to
 * a staff role themselves. */
static bool psql(const e2e_env *e, const char *sql)
{
	const char *args[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, NULL };
	int st = e2e_run_cli(e, args, NULL, false);
	return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Submit a complete application as the receptionist (state submitted);
 * with accept, the caseworker then accepts it (waiting to be taken). */
static bool submit(const e2e_env *e, const char *id, const char *name, bool accept)
{
	char sql[3000];
	int n = snprintf(sql, sizeof sql,
		"set session authorization reception; "
		"select (jz.submit_application('{\"community\": \"%s\","
		" \"applicant\": {\"id_number\": \"%s\", \"name\": \"%s\"},"
		" \"categories\": [{\"code\": \"low_income\"}],"
		" \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true, \"number\": \"%s\"},"
		"   {\"kind\": \"hukou\", \"seen\": true},"
		"   {\"kind\": \"low_income_cert\", \"seen\": true, \"issuer\": \"团结湖街道办事处\","
		"    \"valid_until\": \"2099-12-31\"}],"
		" \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\"]}}'::jsonb,"
		" gen_random_uuid())).state;",
		COMMUNITY, id, name, id, id, id);
	if (accept && n > 0 && (size_t)n < sizeof sql)
		snprintf(sql + n, sizeof sql - (size_t)n,
			 " set session authorization caseworker; "
			 "select jz.transition(a.id, 'accepted', null, a.version) from jz.applications a"
			 " join jz.persons p on p.id = a.applicant_id where p.id_number = '%s';", id);
	return psql(e, sql);
}

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

/* The number a caseworker took, from the message line ("您已领取 N。"). */
static bool taken_number(vt *t, char out[64])
{
	if (!vt_wait_text(t, "您已领取", E2E_SCREEN_MS) && !vt_wait_text(t, "没有待领取", 1))
		return false;
	int row = vt_find_text(t, "您已领取");
	char *s = row >= 0 ? vt_row_text(t, row) : NULL;
	const char *p = s ? strstr(s, COMMUNITY "-") : NULL;
	size_t n = 0;
	while (p && p[n] && p[n] != ' ' && (unsigned char)p[n] < 0x80 && n < 63)
		n++;
	if (p)
		memcpy(out, p, n);
	out[n] = '\0';
	free(s);
	return n > 0;
}

/* Is the line showing text the selected one (reverse video)? */
static bool selected(const vt *t, void *arg)
{
	int row = vt_find_text(t, arg);
	vt_cell_info c;
	return row >= 0 && vt_cell(t, row, 2, &c) && c.reverse;
}

static bool gone(const vt *t, void *arg)
{
	return vt_find_text(t, arg) < 0;
}

/* Three applications under one name prefix; the cursor on the second; the
 * first leaves the queue (accepted on another terminal): the cursor stays on
 * the second application, now one line higher. */
static void cursor_follows(const e2e_env *e, vt *sup, unsigned seed)
{
	char prefix[64], nm[3][80], ids[3][19];
	static const char *const tag[3] = { "甲", "乙", "丙" };
	/* short enough for the applicant column at 80 columns: 5 letters + 1 */
	unsigned r = seed * 2654435761u + 99u;
	for (int i = 0; i < 5; i++, r /= 26)
		prefix[i] = (char)('A' + r % 26);
	prefix[5] = '\0';
	for (int i = 0; i < 3; i++) {
		snprintf(nm[i], sizeof nm[i], "%s%s", prefix, tag[i]);
		mkid(ids[i], seed * 40503u + 17u * (unsigned)i + 5u);
		if (!submit(e, ids[i], nm[i], false)) {
			ok(false, "submitted %s", nm[i]);
			return;
		}
	}
	vt_send(sup, "/");
	vt_send(sup, "\025");
	vt_send(sup, prefix);
	vt_send(sup, VT_ENTER);
	ok(vt_wait_text(sup, nm[2], E2E_SCREEN_MS), "three applications %s甲/乙/丙 listed", prefix);
	vt_send(sup, VT_DOWN);
	if (!ok(vt_wait_until(sup, selected, nm[1], E2E_SCREEN_MS), "the cursor on %s", nm[1]))
		vt_screen_dump(sup);
	char sql[600];
	snprintf(sql, sizeof sql,
		 "set session authorization caseworker; "
		 "select jz.transition(a.id, 'accepted', null, a.version) from jz.applications a"
		 " join jz.persons p on p.id = a.applicant_id where p.id_number = '%s';", ids[0]);
	ok(psql(e, sql), "another terminal accepts %s", nm[0]);
	ok(vt_wait_until(sup, gone, nm[0], E2E_SCREEN_MS), "%s leaves the queue without a key", nm[0]);
	if (!ok(vt_wait_until(sup, selected, nm[1], E2E_SCREEN_MS),
		"the cursor stays on %s (the same application, not the same line)", nm[1]))
		vt_screen_dump(sup);
	ok(!selected(sup, nm[2]), "%s is not selected", nm[2]);
}

int main(void)
{
	e2e_env e;
	const char *loc = e2e_have_locale("zh_CN.UTF-8") ? "zh_CN.UTF-8" : NULL;
	if (!loc)
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, loc))
		return tap_skip_all("cannot prepare the data folder");
	/* under valgrind everything is slower: the 1 s budget is the plain run's */
	const char *wrapper = getenv("JZ_E2E_WRAPPER");
	long budget = wrapper && *wrapper ? 5000 : 1000;

	unsigned seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 7);
	char id[19], name[64], id2[19], name2[64], id3[19];
	mkid(id, seed);
	mkid(id2, seed * 2654435761u + 1);
	mkid(id3, seed * 2246822519u + 7);
	mkname(name, sizeof name, seed, 0);
	mkname(name2, sizeof name2, seed, 1);

	vt *sup = login(&e, "supervisor", "demo");
	if (!ok(sup != NULL, "supervisor logged in"))
		return tap_done();

	/* a second caseworker (a second run finds it there: fine) */
	const char *add[] = { "staff", "add", "e2e_cw2", "--role", "caseworker",
			      "--community", COMMUNITY, "--name", "第二社工", NULL };
	const char *pw[] = { "Cw2-e2e-pass", "Cw2-e2e-pass", NULL };
	int st = e2e_run_cli(&e, add, pw, false);
	tap_diag("staff add e2e_cw2: status %#x", st);

	/* the supervisor's queue, filtered to the name about to be submitted */
	vt_send(sup, "1");
	if (!ok(vt_wait_text(sup, "实时", E2E_SCREEN_MS), "the work queue opens and listens (实时)"))
		vt_screen_dump(sup);
	vt_send(sup, "/");
	vt_send(sup, name);
	vt_send(sup, VT_ENTER);
	if (!ok(vt_wait_text(sup, "没有符合筛选条件", E2E_SCREEN_MS), "filtered to %s: nothing yet", name))
		vt_screen_dump(sup);

	long long t0 = vt_now_ms();
	ok(submit(&e, id, name, false), "a receptionist submits %s (jz.submit_application)", name);
	long long left = budget - (vt_now_ms() - t0);
	bool seen = vt_wait_text(sup, name, left > 0 ? (int)left : 1);
	long long took = vt_now_ms() - t0;
	if (!ok(seen, "the supervisor's queue shows it without a key, %lld ms after the submit began (budget %ld ms)",
		took, budget))
		vt_screen_dump(sup);
	ok(vt_wait_text(sup, "110105********", E2E_SCREEN_MS), "the ID number is masked in the queue");
	{
		char full[19];
		snprintf(full, sizeof full, "%s", id);
		ok(!e2e_screen_has(sup, full), "the full ID number %s is not on the queue", full);
	}
	/* Enter opens the full record: the unmasked number only there */
	vt_send(sup, VT_ENTER);
	if (!ok(vt_wait_text(sup, id, E2E_SCREEN_MS), "Enter opens the record with the full ID number"))
		vt_screen_dump(sup);
	vt_send(sup, VT_ESC);
	ok(vt_wait_text_gone(sup, id, E2E_SCREEN_MS), "Esc goes back to the queue");
	cursor_follows(&e, sup, seed);

	/* two cases waiting to be taken */
	ok(submit(&e, id2, name2, true), "a second application, accepted by a caseworker");
	char name3[64];
	mkname(name3, sizeof name3, seed + 1, 1);
	ok(submit(&e, id3, name3, true), "a third application, accepted");

	vt *cw1 = login(&e, "caseworker", "demo");
	vt *cw2 = login(&e, "e2e_cw2", "Cw2-e2e-pass");
	if (ok(cw1 && cw2, "two caseworkers logged in")) {
		vt_send(cw1, "1");
		vt_send(cw2, "1");
		ok(vt_wait_text(cw1, "领取下一件", E2E_SCREEN_MS) && vt_wait_text(cw2, "领取下一件", E2E_SCREEN_MS),
		   "both see the review queue with F6 领取下一件");
		/* at the same moment */
		vt_send(cw1, VT_F6);
		vt_send(cw2, VT_F6);
		char n1[64] = "", n2[64] = "";
		bool g1 = taken_number(cw1, n1), g2 = taken_number(cw2, n2);
		if (!ok(g1, "caseworker 1 took %s", n1))
			vt_screen_dump(cw1);
		if (!ok(g2, "caseworker 2 took %s", n2))
			vt_screen_dump(cw2);
		ok(g1 && g2 && strcmp(n1, n2) != 0, "two different cases (%s, %s)", n1, n2);
		ok(vt_wait_text(cw1, "评估中", E2E_SCREEN_MS), "the taken case opens, in assessment");
	}
	vt_destroy(cw1);
	vt_destroy(cw2);
	vt_send(sup, VT_F3);
	ok(vt_wait_exit(sup, 5000, &st), "F3 leaves");
	vt_destroy(sup);
	return tap_done();
}
