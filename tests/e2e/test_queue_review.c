/* test_queue_review.c - the preliminary review (初审) screen: the working-day
 * clock in words, rejecting needs a reason, a conflicting change by another
 * person is shown and the typed reason is kept for the second try, and
 * "return for documents" writes the one-time notice file. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e.h"
#include "tap.h"

#define COMMUNITY "110105001001"
#define REASON "申请人户籍不在本社区"

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

static void mkname(char *out, size_t len, const char *prefix, unsigned r)
{
	static const char *const d[10] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	size_t o = (size_t)snprintf(out, len, "%s", prefix);
	for (int i = 0; i < 7 && o + 4 < len; i++, r /= 10)
		o += (size_t)snprintf(out + o, len - o, "%s", d[r % 10]);
}

static bool psql(const e2e_env *e, const char *sql)
{
	const char *args[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, NULL };
	int st = e2e_run_cli(e, args, NULL, false);
	return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static bool submit(const e2e_env *e, const char *id, const char *name)
{
	char sql[3000];
	snprintf(sql, sizeof sql,
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
	return psql(e, sql);
}

/* Another person moves it meanwhile (the receptionist returns it). */
static bool other_person_returns(const e2e_env *e, const char *id)
{
	char sql[600];
	snprintf(sql, sizeof sql,
		"set session authorization reception; "
		"select jz.transition(a.id, 'returned', null, a.version) from jz.applications a"
		" join jz.persons p on p.id = a.applicant_id where p.id_number = '%s';", id);
	return psql(e, sql);
}

/* Open the review of the application of name from the 初审 queue. */
static bool open_review(vt *t, const char *name)
{
	vt_send(t, "/");
	vt_send(t, "\025");   /* Ctrl-U: clear the field */
	vt_send(t, name);
	vt_send(t, VT_ENTER);
	if (!vt_wait_text(t, name, E2E_SCREEN_MS))
		return false;
	vt_send(t, VT_ENTER);
	return vt_wait_text(t, "初审 110105", E2E_SCREEN_MS);
}

static bool reason_shown(const vt *t, void *arg)
{
	(void)arg;
	e2e_field f[4];
	int n = e2e_find_fields(t, f, 4);
	for (int i = 0; i < n; i++) {
		char *s = e2e_field_text(t, &f[i]);
		bool hit = s && strcmp(s, REASON) == 0;
		free(s);
		if (hit)
			return true;
	}
	return false;
}

int main(void)
{
	e2e_env e;
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	char print_dir[] = "/tmp/jiuzhu-e2e-print-XXXXXX";
	if (!mkdtemp(print_dir))
		return tap_skip_all("cannot make a print folder");
	e2e_env_set(&e, "JIUZHU_PRINT_DIR", print_dir);

	unsigned seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 9);
	char id1[19], id2[19], n1[64], n2[64];
	mkid(id1, seed * 2654435761u + 3);
	mkid(id2, seed * 2246822519u + 11);
	mkname(n1, sizeof n1, "初审", seed);
	mkname(n2, sizeof n2, "补正", seed);
	ok(submit(&e, id1, n1) && submit(&e, id2, n2), "two applications submitted (%s, %s)", n1, n2);

	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!t || !e2e_wait_login(t, E2E_FIRST_SCREEN_MS) || !e2e_type_login(t, "caseworker", "demo") ||
	    !vt_wait_text(t, "主菜单", E2E_SCREEN_MS)) {
		ok(false, "caseworker logged in");
		if (t)
			vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	vt_send(t, "1");
	ok(vt_wait_text(t, "初审", E2E_SCREEN_MS), "初审 opens the review queue");
	if (!ok(open_review(t, n1), "Enter opens the review of %s", n1))
		vt_screen_dump(t);
	ok(vt_wait_text(t, "个工作日", 2000) || e2e_screen_has(t, "待确认"),
	   "the clock in words: 剩余/已超期 N 个工作日 or 待确认");
	ok(e2e_screen_has(t, "所需材料齐全"), "every proof is there");

	/* reject: a reason is required */
	vt_send(t, VT_F4);
	ok(vt_wait_text(t, "不予受理理由", E2E_SCREEN_MS), "F4 asks for the reason");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "必须填写理由", E2E_SCREEN_MS), "F10 with no reason: 必须填写理由"))
		vt_screen_dump(t);
	vt_send(t, REASON);
	ok(vt_wait_until(t, reason_shown, NULL, E2E_SCREEN_MS), "the reason is typed");

	/* someone else moves it first */
	ok(other_person_returns(&e, id1), "meanwhile the receptionist returns it");
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "他人已修改", E2E_SCREEN_MS), "the conflict is shown (他人已修改)"))
		vt_screen_dump(t);
	ok(vt_wait_until(t, reason_shown, NULL, E2E_SCREEN_MS), "the typed reason is kept");
	ok(vt_wait_text(t, "状态：补正", E2E_SCREEN_MS), "the screen shows the state the other person set");
	vt_send(t, VT_ESC);   /* close the reason field */
	vt_send(t, VT_ESC);   /* back to the queue */
	ok(vt_wait_text_gone(t, "初审 110105", E2E_SCREEN_MS), "back in the queue");

	/* return for documents: the notice file */
	if (!ok(open_review(t, n2), "Enter opens the review of %s", n2))
		vt_screen_dump(t);
	vt_send(t, VT_F6);
	if (!ok(vt_wait_text(t, "一次性告知书", E2E_SCREEN_MS), "F6 returns it and shows the one-time notice"))
		vt_screen_dump(t);
	/* the file the receipt screen's writer made in the print folder */
	char path[600] = "";
	ok(vt_wait_text(t, "notice-", E2E_SCREEN_MS), "the notice file is named on the screen");
	DIR *dir = opendir(print_dir);
	struct dirent *de;
	while (dir && (de = readdir(dir)) != NULL)
		if (strncmp(de->d_name, "notice-", 7) == 0)
			snprintf(path, sizeof path, "%s/%s", print_dir, de->d_name);
	if (dir)
		closedir(dir);
	struct stat sb;
	ok(path[0] && stat(path, &sb) == 0 && sb.st_size > 0, "the notice file %s was written", path);
	FILE *fp = path[0] ? fopen(path, "r") : NULL;
	char text[4096] = "";
	size_t got = fp ? fread(text, 1, sizeof text - 1, fp) : 0;
	text[got] = '\0';
	if (fp)
		fclose(fp);
	ok(strstr(text, n2) != NULL, "the notice names the applicant");
	ok(strstr(text, id2) == NULL, "the notice carries no full ID number");
	if (path[0])
		unlink(path);
	rmdir(print_dir);

	vt_send(t, VT_F3);
	int st;
	ok(vt_wait_exit(t, 5000, &st), "F3 leaves");
	vt_destroy(t);
	return tap_done();
}
