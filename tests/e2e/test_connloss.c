/* test_connloss.c - "never lose what they typed" when the database goes
 * away under the 《救助申请表》 (design 5): as reception under zh_CN.UTF-8,
 * at 80x24, on the private sample database.
 *
 * 1. The app's own session is killed (pg_terminate_backend of reception's
 *    "jiuzhu" backend) while the form is half typed: the message line says
 *    the connection was lost and the input kept, the app reconnects by
 *    itself (a new backend, the same process), every field still holds
 *    what was typed, the draft is saved on the new connection, F10 makes
 *    one application.
 * 2. The session is killed while the submit runs (held on the submit's own
 *    advisory lock of its key): the submit is sent again with the same key
 *    and makes one application with the form's key.
 * 3. A submit whose answer never came (made here with the form's own key and
 *    JSON, as reception), then the session killed right before F10: F10
 *    gets the same application back (the same number), not a second one.
 * 4. The whole private server stops (pg_ctl stop -m fast) while typing,
 *    then starts again: fields kept, the app recovers alone, the draft
 *    saved, F10 makes one application. This folder's server is this build
 *    directory's own and the test runs alone (is_parallel: false).
 * 5. Killed, and a query (F5) reconnects before the app's own retry: the
 *    app says it is back and keeps that session (no second reset). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cluster.h"
#include "tap.h"
#include "test_intake.h"

#define LOST_ZH "与数据库的连接已断开。已输入的内容仍保留"
#define BACK_ZH "与数据库的连接已恢复"
#define RECONNECT_MS 45000   /* the app retries after 1, 2, 4, 8, 16 s */

/* reception's sessions of the app (application_name jiuzhu, see db_connect) */
static const char sessions_sql[] =
	"select coalesce(string_agg(pid::text, ',' order by pid), '') from pg_stat_activity"
	" where usename = 'reception' and application_name = 'jiuzhu' and backend_type = 'client backend'";

static char *sessions(ie_ctx *c)
{
	return ie_query(c, sessions_sql, 0, NULL);
}

/* Kill the app's session; how many were killed. */
static char *terminate(ie_ctx *c)
{
	return ie_query(c, "select count(pg_terminate_backend(pid)) from pg_stat_activity"
			   " where usename = 'reception' and application_name = 'jiuzhu'"
			   " and backend_type = 'client backend'", 0, NULL);
}

/* Poll a one-value query until it gives want, reading the app's screen
 * between polls (no sleep: the pty wait is the pace), up to ms. */
static bool wait_db(ie_ctx *c, vt *t, const char *sql, int n, const char *const *p,
		    const char *want, int ms)
{
	long long end = vt_now_ms() + ms;
	char *v = NULL;
	do {
		free(v);
		v = ie_query(c, sql, n, p);
		if (v && !strcmp(v, want)) {
			free(v);
			return true;
		}
		vt_pump(t, 100);
	} while (vt_now_ms() < end);
	tap_diag("query gave '%s', wanted '%s': %s", v ? v : "(null)", want, sql);
	free(v);
	return false;
}

static const char draft_has_sql[] =
	"select count(*)::text from jz.drafts where login = 'reception' and position($1 in form::text) > 0";

static bool draft_has(ie_ctx *c, vt *t, const char *text)
{
	const char *p[] = { text };
	return wait_db(c, t, draft_has_sql, 1, p, "1", E2E_SCREEN_MS);
}

static char *count_apps(ie_ctx *c, const char *id)
{
	const char *p[] = { id };
	return ie_query(c, "select count(*) from jz.applications a join jz.persons p on p.id = a.applicant_id"
			   " where p.id_number = $1", 1, p);
}

static bool field_is(vt *t, const char *label, const char *want)
{
	char *v = ie_value(t, label, NULL);
	bool hit = v && !strcmp(v, want);
	if (!hit)
		tap_diag("%s holds '%s', typed '%s'", label, v ? v : "(none)", want);
	free(v);
	return hit;
}

typedef struct applicant {
	const char *name, *phone, *addr, *home;
	char id[19];
} applicant;

static bool fields_kept(vt *t, const applicant *a)
{
	bool all = field_is(t, "姓名*", a->name) & field_is(t, "身份证号*", a->id) &
		   field_is(t, "民族", "汉族") & field_is(t, "联系电话", a->phone) &
		   field_is(t, "户籍地址", a->addr);
	if (a->home)
		all = field_is(t, "现住址", a->home) && all;
	return all;
}

/* The applicant's page up to 户籍地址 (left: the draft is saved). */
static bool type_applicant(vt *t, const applicant *a)
{
	return ie_put(t, "姓名*", NULL, a->name) && ie_put(t, "身份证号*", NULL, a->id) &&
	       ie_put(t, "民族", NULL, "汉族") && ie_put(t, "联系电话", NULL, a->phone) &&
	       ie_put(t, "户籍地址", NULL, a->addr) && ie_focus(t, "现住址", NULL);
}

/* F10 on a form without its papers: saved as 补正 with the notice. */
static bool submit_wait(vt *t, char number[64])
{
	if (!vt_send(t, VT_F10) || !vt_wait_text(t, "申请编号：", E2E_SCREEN_MS)) {
		vt_screen_dump(t);
		return false;
	}
	number[0] = '\0';
	int r = vt_find_text(t, "申请编号：");
	char *row = vt_row_text(t, r);
	if (row)
		sscanf(strstr(row, "申请编号：") + strlen("申请编号："), " %63s", number);
	free(row);
	char *note = strstr(number, "（");   /* （此前已提交…） follows a replay */
	if (note)
		*note = '\0';
	return number[0] != '\0';
}

/* From a receipt or notice: F6 opens the next application. */
static bool next_form(vt *t)
{
	return vt_send(t, VT_F6) && ie_wait_title(t, "新建救助申请 1/5");
}

static bool still_running(vt *t)
{
	return kill(vt_pid(t), 0) == 0;
}

/* 1: killed while typing */
static bool case_typing(ie_ctx *c, vt *t)
{
	applicant a = { "张桂兰", "13812345678", "北京市朝阳区幸福里小区3号楼2单元101",
			"北京市朝阳区建设路12号院4号楼", "" };
	if (!ie_fresh_id(c, a.id, 1958, 3, 9, false) || !type_applicant(t, &a))
		return ok(false, "1: the applicant typed up to 户籍地址");
	ok(draft_has(c, t, a.addr), "1: field exit saved the draft with 户籍地址");
	char *before = sessions(c);
	char *killed = terminate(c);
	is_str(killed, "1", "1: the app's one session (reception, application_name jiuzhu) terminated");
	/* typed at once, before the app can have noticed: kept in the field */
	vt_send(t, "北京市朝阳区建设路12号院");
	bool lost = vt_wait_text(t, LOST_ZH, E2E_SCREEN_MS);
	if (!ok(lost, "1: the message line says: " LOST_ZH "…"))
		vt_screen_dump(t);
	bool back = vt_wait_text(t, BACK_ZH, RECONNECT_MS);
	if (!ok(back, "1: with no key pressed, it reconnects by itself: " BACK_ZH))
		vt_screen_dump(t);
	char *after = sessions(c);
	ok(after && before && after[0] && strcmp(after, before) != 0 && !strchr(after, ','),
	   "1: one new session (pid %s, was %s), the same process running", after ? after : "?",
	   before ? before : "?");
	ok(still_running(t) && e2e_screen_has(t, "新建救助申请 1/5"), "1: no restart: still on 新建救助申请 1/5");
	free(before);
	free(after);
	free(killed);
	vt_send(t, "4号楼");
	vt_send(t, VT_TAB);
	ok(ie_focus(t, "社区*", NULL), "1: Tab leaves 现住址 for 社区");
	ok(fields_kept(t, &a), "1: every field holds what was typed (姓名 身份证号 民族 联系电话 户籍地址 现住址)");
	ok(draft_has(c, t, a.home), "1: the draft saved after reconnecting holds 现住址 typed across the loss");
	char number[64];
	bool sent = submit_wait(t, number);
	ok(sent, "1: F10 submits (%s)", number);
	char *n = count_apps(c, a.id);
	is_str(n, "1", "1: exactly one application for the applicant's ID number");
	free(n);
	return sent;
}

/* The form's key, from its saved draft. */
static char *draft_key(ie_ctx *c, const char *id)
{
	const char *p[] = { id };
	return ie_query(c, "select form->>'idempotency_key' from jz.drafts where login = 'reception'"
			   " and position($1 in form::text) > 0", 1, p);
}

/* 2: killed while the submit runs */
static bool case_mid_submit(ie_ctx *c, vt *t)
{
	applicant a = { "刘德明", "13911112222", "北京市朝阳区幸福里小区5号楼1单元302", NULL, "" };
	if (!next_form(t) || !ie_fresh_id(c, a.id, 1950, 11, 2, true) || !type_applicant(t, &a))
		return ok(false, "2: a second applicant typed");
	bool saved = draft_has(c, t, a.addr);
	char *key = draft_key(c, a.id);
	if (!ok(saved && key && strlen(key) == 36, "2: its draft holds the submission key %s", key ? key : "?")) {
		free(key);
		return false;
	}
	const char *kp[] = { key };
	/* jz.submit_application takes this lock before it writes: held here,
	 * the app's submit waits inside the statement */
	char *locked = ie_query(c, "select pg_advisory_lock(hashtext('jz.submit:' || $1))::text", 1, kp);
	vt_send(t, VT_F10);
	bool waiting = wait_db(c, t, "select count(*)::text from pg_stat_activity where usename = 'reception'"
			       " and application_name = 'jiuzhu' and wait_event_type = 'Lock'"
			       " and query like '%submit_application%'", 0, NULL, "1", E2E_SCREEN_MS);
	ok(locked && waiting, "2: F10's submit waits on the key's lock");
	char *killed = terminate(c);
	is_str(killed, "1", "2: the session is killed while the submit runs");
	char *un = ie_query(c, "select pg_advisory_unlock(hashtext('jz.submit:' || $1))::text", 1, kp);
	is_str(un, "true", "2: lock released");
	bool done = vt_wait_text(t, "申请编号：", RECONNECT_MS);
	if (!ok(done, "2: the submit is sent again on the new connection and answered, no second F10"))
		vt_screen_dump(t);
	char *n = ie_query(c, "select count(*) || ' ' || string_agg(p.id_number, '') from jz.applications a"
			      " join jz.persons p on p.id = a.applicant_id where a.idempotency_key = $1::uuid", 1, kp);
	char want[64];
	snprintf(want, sizeof want, "1 %s", a.id);
	is_str(n, want, "2: one application made with the form's own key");
	char *all = count_apps(c, a.id);
	is_str(all, "1", "2: and no other for the applicant");
	free(all);
	free(n);
	free(un);
	free(killed);
	free(locked);
	free(key);
	return done;
}

/* 3: answer lost after the commit, then killed right before F10 */
static bool case_replay(ie_ctx *c, vt *t)
{
	applicant a = { "赵淑珍", "13700001111", "北京市朝阳区幸福里小区8号楼3单元201", NULL, "" };
	if (!next_form(t) || !ie_fresh_id(c, a.id, 1955, 7, 21, false) || !type_applicant(t, &a))
		return ok(false, "3: a third applicant typed");
	bool saved = draft_has(c, t, a.addr);
	const char *ip[] = { a.id };
	char *form = saved ? ie_query(c, "select form::text from jz.drafts where login = 'reception'"
					 " and position($1 in form::text) > 0", 1, ip) : NULL;
	const char *fp[] = { form };
	/* as reception: the submit is hers, and so is its row's security */
	free(ie_query(c, "set role reception", 0, NULL));
	char *made = form ? ie_query(c, "select (jz.submit_application($1::jsonb,"
				       " ($1::jsonb->>'idempotency_key')::uuid)).number", 1, fp) : NULL;
	free(form);
	free(ie_query(c, "reset role", 0, NULL));
	if (!ok(made && made[0], "3: the form's submit made once with its key, its answer 'lost' (%s)",
		made ? made : "?")) {
		free(made);
		return false;
	}
	char *killed = terminate(c);
	is_str(killed, "1", "3: the session is killed right before F10");
	char number[64] = "";
	bool sent = submit_wait(t, number);
	ok(sent && !strcmp(number, made), "3: F10 shows the application already made (%s), not a new one (%s)",
	   made, number);
	ok(e2e_screen_has(t, "此前已提交"), "3: and says it had been submitted before");
	char *n = count_apps(c, a.id);
	is_str(n, "1", "3: exactly one application for the applicant");
	free(n);
	free(killed);
	free(made);
	return sent;
}

/* 4: the whole server stops, then starts again */
static bool case_server(ie_ctx *c, vt *t)
{
	applicant a = { "孙玉芬", "13655556666", "北京市朝阳区建设路7号院2号楼502",
			"北京市朝阳区建设路7号院2号楼502", "" };
	if (!next_form(t) || !ie_fresh_id(c, a.id, 1962, 1, 30, false) ||
	    !ie_put(t, "姓名*", NULL, a.name) || !ie_put(t, "身份证号*", NULL, a.id) ||
	    !ie_put(t, "民族", NULL, "汉族") || !ie_focus(t, "联系电话", NULL))
		return ok(false, "4: a fourth applicant's name and ID typed");
	db_cluster cl;
	char err[512];
	bool stopped = db_cluster_paths(c->env.data, &cl, err, sizeof err) &&
		       db_cluster_stop(&cl, err, sizeof err);
	if (!ok(stopped, "4: the private server stopped"))
		tap_diag("%s", err);
	PQfinish(c->pg);   /* ours went with it */
	c->pg = NULL;
	ok(vt_wait_text(t, LOST_ZH, E2E_SCREEN_MS), "4: the message line says the connection is lost, input kept");
	/* typed and left while there is no server at all */
	bool typed = ie_put(t, "联系电话", NULL, a.phone) && ie_put(t, "户籍地址", NULL, a.addr) &&
		     ie_put(t, "现住址", NULL, a.home) && ie_focus(t, "社区*", NULL);
	ok(typed, "4: 联系电话, 户籍地址, 现住址 typed and left with the server down");
	ok(vt_wait_text(t, "数据库无法连接", E2E_SCREEN_MS) || e2e_screen_has(t, LOST_ZH),
	   "4: leaving a field says the database cannot be reached and the input is kept");
	ok(fields_kept(t, &a), "4: every field holds what was typed");
	bool started = db_cluster_ensure(c->env.data, &cl, err, sizeof err);
	if (!ok(started, "4: the private server started again"))
		tap_diag("%s", err);
	bool back = vt_wait_text(t, "已恢复", RECONNECT_MS);
	if (!ok(back, "4: with no key pressed the app gets its connection back"))
		vt_screen_dump(t);
	ok(still_running(t) && fields_kept(t, &a), "4: the same process, every field as typed");
	ok(draft_has(c, t, a.home), "4: the draft is saved after the server is back");
	char number[64];
	bool sent = submit_wait(t, number);
	ok(sent, "4: F10 submits (%s)", number);
	char *n = count_apps(c, a.id);
	is_str(n, "1", "4: exactly one application for the applicant");
	free(n);
	return sent;
}

/* 5: a screen's own query reconnects first (F5 reads what is missing) */
static bool case_query_first(ie_ctx *c, vt *t)
{
	if (!next_form(t) || !ie_put(t, "姓名*", NULL, "周建华") || !ie_focus(t, "身份证号*", NULL))
		return ok(false, "5: a fifth form opened and a name typed");
	char *killed = terminate(c);
	is_str(killed, "1", "5: the session is killed");
	bool lost = vt_wait_text(t, LOST_ZH, E2E_SCREEN_MS);
	/* F5 at once: its query finds the connection dead and reconnects
	 * before the app's own retry is due */
	vt_send(t, VT_F5);
	bool one = wait_db(c, t, "select (count(*) = 1)::text from pg_stat_activity where usename = 'reception'"
			   " and application_name = 'jiuzhu' and backend_type = 'client backend'",
			   0, NULL, "true", E2E_SCREEN_MS);
	char *first = sessions(c);
	bool back = vt_wait_text(t, BACK_ZH, RECONNECT_MS);
	char *later = sessions(c);
	ok(lost && one && back, "5: lost, F5 reconnected, the message line says it is back");
	ok(first && later && !strcmp(first, later),
	   "5: the session F5's query opened is kept (%s, then %s): no second reconnect", first ? first : "?",
	   later ? later : "?");
	ok(field_is(t, "姓名*", "周建华"), "5: the name is kept");
	free(killed);
	free(first);
	free(later);
	return back;
}

int main(void)
{
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	ie_ctx c;
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data and print folders");
	vt *t = ie_login(&c, "reception");
	if (!ok(t != NULL, "reception/demo logged in")) {
		ie_finish(&c);
		return tap_done();
	}
	ie_clear_drafts(&c, "reception");
	ie_to_menu(t);
	bool pass = ok(ie_open_form(t), "1 on the main menu opens 新建救助申请 1/5");
	pass = pass && case_typing(&c, t);
	pass = pass && case_mid_submit(&c, t);
	pass = pass && case_replay(&c, t);
	pass = pass && case_server(&c, t);
	pass = pass && case_query_first(&c, t);
	(void)pass;

	vt_send(t, VT_F3);
	int status = -1;
	ok(vt_wait_exit(t, 5000, &status) && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "F3 exits with status 0");
	vt_destroy(t);
	ie_clear_drafts(&c, "reception");
	ie_finish(&c);
	return tap_done();
}
