/* test_workflow_queue.c - taking work and watching queues: take-next from 2
 * and 16 concurrent connections (forked processes) never hands out one case
 * twice; NOTIFY reaches a second connection; keyset pages forward and back,
 * overdue first, due today, filters by name prefix, number and ID suffix,
 * masked ID numbers, days left across a holiday. */
#include <errno.h>
#include <poll.h>
#include <sys/wait.h>
#include <time.h>

#include "test_workflow_fixture.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* n accepted applications in community A */
static bool make_accepted(wf *w, int n)
{
	db_err e;

	for (int i = 0; i < n; i++) {
		long long app = wf_submit(w, "林淑珍", "19620818", true);
		if (!app || !wf_go(w, WF_REC, app, "accepted", NULL, &e)) {
			tap_diag("accepted %d: %s", i, e.message);
			return false;
		}
	}
	return true;
}

/* Fork `procs` caseworker sessions that all start at once and take until
 * the queue is empty; true when every case came out exactly once. */
static void take_race(wf *w, int procs, int cases)
{
	int ready[2], go[2], out[2];
	pid_t kids[16];
	char buf[8192];
	size_t len = 0;
	long long *seen = calloc((size_t)cases + 1, sizeof *seen);
	int got = 0, dups = 0, bad = 0;
	double t0;

	if (!seen || pipe(ready) || pipe(go) || pipe(out)) {
		ok(0, "pipes");
		free(seen);
		return;
	}
	for (int k = 0; k < procs; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			/* the parent's connections are not ours to close: _exit */
			const char *who = w->login[k % 2 ? WF_CW2 : WF_CW];
			db_err e;
			db_conn *c = testdb_connect_as(&w->t, who, WF_PW, &e);
			char line[96], number[64], gobuf;
			long long id;

			close(go[1]);   /* else the parent's close would not reach us */
			close(ready[0]);
			close(out[0]);
			if (write(ready[1], c ? "r" : "x", 1) != 1 || !c)
				_exit(2);
			if (read(go[0], &gobuf, 1) < 0)
				_exit(2);
			while (db_wf_take_next(c, &id, number, &e)) {
				int m = snprintf(line, sizeof line, "%lld\n", id);
				if (write(out[1], line, (size_t)m) != m)
					_exit(2);
			}
			if (strcmp(e.sqlstate, DB_WF_NOTHING) != 0) {
				int m = snprintf(line, sizeof line, "E%s\n", e.sqlstate);
				if (write(out[1], line, (size_t)m) != m)
					_exit(2);
			}
			db_close(c);
			_exit(0);
		}
	}
	close(ready[1]);
	close(go[0]);
	close(out[1]);
	for (int k = 0; k < procs; k++) {
		char r;
		if (read(ready[0], &r, 1) != 1 || r != 'r')
			bad++;
	}
	t0 = now_s();
	close(go[1]);   /* everyone starts now */
	for (;;) {
		ssize_t m = read(out[0], buf + len, sizeof buf - 1 - len);
		if (m < 0 && errno == EINTR)
			continue;
		if (m <= 0)
			break;
		len += (size_t)m;
		if (len >= sizeof buf - 1)
			break;
	}
	buf[len] = '\0';
	for (int k = 0; k < procs; k++) {
		int st;
		if (waitpid(kids[k], &st, 0) != kids[k] || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad++;
	}
	close(ready[0]);
	close(out[0]);
	for (char *s = buf, *nl; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
		*nl = '\0';
		if (*s == 'E') {
			tap_diag("take_next error %s", s + 1);
			bad++;
			continue;
		}
		for (int i = 0; i < got; i++)
			if (seen[i] == strtoll(s, NULL, 10))
				dups++;
		if (got < cases)
			seen[got] = strtoll(s, NULL, 10);
		got++;
	}
	ok(bad == 0, "%d sessions ran without error", procs);
	is_int(got, cases, "every waiting case was taken");
	is_int(dups, 0, "none twice");
	tap_diag("%d sessions took %d cases in %.3f s", procs, cases, now_s() - t0);
	free(seen);
}

static bool wait_notify(db_conn *c, double secs)
{
	double end = now_s() + secs;

	for (;;) {
		struct pollfd pfd = { .fd = PQsocket(db_pg(c)), .events = POLLIN };
		double left = end - now_s();

		if (db_wf_poll_notify(c) > 0)
			return true;
		if (left <= 0)
			return false;
		(void)poll(&pfd, 1, (int)(left * 1000) + 1);
	}
}

/* superuser: set a submitted application's clock (as jz.wf_move would) */
static bool set_due(wf *w, long long app, const char *expr_days)
{
	char id[24];
	const char *p[2] = { id, expr_days };
	db_err e;
	bool okay;

	snprintf(id, sizeof id, "%lld", app);
	okay = db_run(w->t.conn, "BEGIN", 0, NULL, &e)
	    && db_run(w->t.conn, "SELECT set_config('jz.wf_move', 'on', true)", 0, NULL, &e)
	    && db_run(w->t.conn, "UPDATE jz.applications SET notify_by = current_date + $2::int"
		      " WHERE id = $1::bigint", 2, p, &e)
	    && db_run(w->t.conn, "COMMIT", 0, NULL, &e);
	if (!okay) {
		tap_diag("set_due: %s", e.message);
		db_run(w->t.conn, "ROLLBACK", 0, NULL, &e);
	}
	return okay;
}

static void ids_of(const db_queue_row *r, size_t n, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && at + 24 < len; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s%lld", i ? "," : "", r[i].id);
}

static void queues(wf *w)
{
	static const struct { const char *name; int due; } people[] = {
		{ "王建军", 3 }, { "王丽", -10 }, { "李秀英", 0 }, { "王小红", 1 }, { "张敏", -1 },
		{ "刘洋", 5 }, { "陈静", 2 }, { "杨帆", -3 }, { "赵磊", 4 }, { "黄勇", 7 },
		{ "周杰", 6 }, { "吴婷", 8 }, { "徐明", 9 }, { "孙丽", 10 }, { "马超", 11 },
		{ "朱红", 12 }, { "胡军", 13 },
	};
	size_t np = sizeof people / sizeof people[0];
	db_queue_query q = { .kind = DB_QUEUE_STATE, .state = "submitted", .limit = 6 };
	db_queue_row *p1 = NULL, *p2 = NULL, *p1b = NULL, *r = NULL;
	size_t n1 = 0, n2 = 0, n1b = 0, n = 0;
	char all[2048] = "", ref[2048], a[512], b[512];
	char *v;
	db_err e;
	long long wang_li = 0;

	for (size_t i = 0; i < np; i++) {
		long long app = wf_submit(w, people[i].name, "19800101", true);
		char d[8];
		snprintf(d, sizeof d, "%d", people[i].due);
		if (!app || !set_due(w, app, d))
			ok(0, "application of %s", people[i].name);
		if (i == 1)
			wang_li = app;
	}
	(void)wf_submit(w, "王五", "19800101", false);   /* returned: no clock */

	/* page through, comparing with the order PostgreSQL gives */
	for (const char *after = NULL;;) {
		char key[64];
		q.after_key = after;
		if (!db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e)) {
			ok(0, "fetch: %s", e.message);
			break;
		}
		if (n == 0)
			break;
		for (size_t i = 0; i < n; i++)
			snprintf(all + strlen(all), sizeof all - strlen(all), "%s%lld", all[0] ? "," : "", r[i].id);
		snprintf(key, sizeof key, "%s", r[n - 1].key);
		free(r);
		r = NULL;
		after = strdup(key);
		free((void *)q.after_key);
	}
	free((void *)q.after_key);
	q.after_key = NULL;
	{
		const char *p[1] = { w->cid_a };
		v = wf_scalar(w->t.conn, "SELECT string_agg(id::text, ',' ORDER BY coalesce(notify_by, 'infinity'), id)"
			      " FROM jz.applications WHERE state = 'submitted' AND community_id = $1::int", 1, p);
		snprintf(ref, sizeof ref, "%s", v);
		free(v);
	}
	is_str(all, ref, "keyset pages, joined, are the whole queue in (notify-by, id) order");

	ok(db_queue_fetch(w->c[WF_SUP], &q, &p1, &n1, &e), "page 1: %s", e.message);
	q.after_key = n1 ? p1[n1 - 1].key : NULL;
	ok(db_queue_fetch(w->c[WF_SUP], &q, &p2, &n2, &e), "page 2: %s", e.message);
	q.after_key = NULL;
	q.before_key = n2 ? p2[0].key : NULL;
	ok(db_queue_fetch(w->c[WF_SUP], &q, &p1b, &n1b, &e), "back to page 1: %s", e.message);
	q.before_key = NULL;
	ids_of(p1, n1, a, sizeof a);
	ids_of(p1b, n1b, b, sizeof b);
	ok(n1 == 6 && n2 == 6, "pages of 6: %zu, %zu", n1, n2);
	is_str(b, a, "back from page 2 is page 1 again");
	ids_of(p2, n2, b, sizeof b);
	ok(strcmp(a, b) != 0, "page 2 is another page");

	/* overdue first, marked, days left */
	if (n1 == 6) {
		ok(p1[0].overdue && p1[1].overdue && p1[2].overdue && !p1[3].overdue,
		   "the three overdue rows come first, marked");
		ok(p1[0].id == wang_li && p1[0].days_left < 0, "the longest overdue first (王丽, %d)", p1[0].days_left);
		ok(p1[0].days_left <= p1[1].days_left && p1[1].days_left <= p1[2].days_left && p1[2].days_left <= -1,
		   "overdue by %d, %d, %d working days", p1[0].days_left, p1[1].days_left, p1[2].days_left);
		is_int(p1[3].days_left, 0, "then the one due today: 0 days left");
		is_str(p1[0].applicant, "王丽", "applicant name");
		is_str(p1[0].state_name, "受理", "state name");
		is_str(p1[0].community, "团结湖社区", "community name");
		ok(strlen(p1[0].id_masked) == 18 && strncmp(p1[0].id_masked, "110105********", 14) == 0
		   && strstr(p1[0].id_masked, "19800101") == NULL, "ID masked: %s", p1[0].id_masked);
	}
	{
		/* every row's days left equals the SQL count of working days */
		int wrong = 0;
		for (size_t i = 0; i < n2; i++) {
			const char *p[1] = { p2[i].notify_by };
			char *d = wf_scalar(w->t.conn, "SELECT jz.working_days_between(current_date, $1::date)", 1, p);
			if (atoi(d) != p2[i].days_left || p2[i].overdue)
				wrong++;
			free(d);
		}
		is_int(wrong, 0, "page 2: days left = working days from today to the notify-by date");
	}
	free(p1); free(p2); free(p1b);

	q.kind = DB_QUEUE_OVERDUE;
	q.state = NULL;
	ok(db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e) && n == 3 && r[0].id == wang_li
	   && r[0].overdue && r[2].overdue, "overdue queue: the three, oldest first (%zu)", n);
	free(r);
	q.kind = DB_QUEUE_DUE_TODAY;
	ok(db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e) && n == 1 && strcmp(r[0].applicant, "李秀英") == 0
	   && r[0].days_left == 0 && !r[0].overdue, "due today: 李秀英 (%zu)", n);
	free(r);

	/* filters */
	q.kind = DB_QUEUE_STATE;
	q.state = "submitted";
	q.limit = 50;
	q.filter = "王";
	ok(db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e) && n == 3, "name prefix 王: 3 submitted (%zu) %s", n, e.message);
	free(r);
	q.state = "returned";
	ok(db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e) && n == 1 && strcmp(r[0].applicant, "王五") == 0,
	   "and 王五 among the returned");
	free(r);
	q.state = "submitted";
	{
		const char *p[1] = { "李秀英" };
		char *num = wf_scalar(w->t.conn, "SELECT a.number FROM jz.applications a JOIN jz.persons p"
				      " ON p.id = a.applicant_id WHERE p.name = $1", 1, p);
		char *idn = wf_scalar(w->t.conn, "SELECT id_number FROM jz.persons WHERE name = $1", 1, p);
		q.filter = num;
		ok(db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e) && n == 1 && strcmp(r[0].applicant, "李秀英") == 0,
		   "application number %s", num);
		free(r);
		q.filter = idn + 14;
		ok(db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e) && n == 1 && strcmp(r[0].applicant, "李秀英") == 0,
		   "last 4 of the ID number %s", q.filter);
		free(r);
		q.filter = idn + 11;
		ok(db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e) && n == 1, "last 7 of the ID number %s", q.filter);
		free(r);
		q.filter = idn + 15;
		ok(db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e) && n == 0, "3 characters are no ID suffix");
		free(r);
		free(num);
		free(idn);
	}
	q.filter = "王%' OR 1=1 --";
	ok(db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e) && n == 0, "an injection string matches nothing: %s", e.message);
	free(r);
	q.filter = "%";
	ok(db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e) && n == 0, "%% is a character, not a wildcard");
	free(r);
	q.filter = NULL;

	/* scope: another community sees nothing of A */
	ok(db_queue_fetch(w->c[WF_CWB], &q, &r, &n, &e) && n == 0, "a caseworker of B sees none of A's queue");
	free(r);
	q.community_id = atoi(w->cid_b);
	ok(db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e) && n == 0, "community B chosen: none");
	free(r);
	q.community_id = atoi(w->cid_a);
	ok(db_queue_fetch(w->c[WF_SUP], &q, &r, &n, &e) && n == np, "community A chosen: all %zu", n);
	free(r);
}

/* days left by the calendar of 0010: the National Day week of 2025 */
static void holidays(wf *w)
{
	static const struct { const char *a, *b, *want, *why; } cases[] = {
		{ "2025-09-30", "2025-10-09", "1", "Oct 1-8 off: one working day to the 9th" },
		{ "2025-09-30", "2025-10-11", "3", "the 11th (Saturday) is a make-up working day" },
		{ "2025-09-26", "2025-09-29", "2", "Sunday 28 Sep is a make-up day" },
		{ "2025-10-09", "2025-09-30", "-1", "counted backwards: negative" },
		{ "2025-10-08", "2025-10-08", "0", "the same day" },
		{ "2027-03-05", "2027-03-08", "1", "an unloaded year: weekends only" },
	};
	char *v;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *p[2] = { cases[i].a, cases[i].b };
		v = wf_scalar(w->t.conn, "SELECT jz.working_days_between($1::date, $2::date)", 2, p);
		is_str(v, cases[i].want, cases[i].why);
		free(v);
	}
	/* against the day-by-day walk of jz.add_working_days, 2024-2027 */
	v = wf_scalar(w->t.conn, "SELECT count(*) FILTER (WHERE jz.working_days_between(d, (jz.add_working_days(d, k)).due) <> k)"
		      " || '/' || count(*)"
		      " FROM generate_series(date '2024-12-01', date '2027-01-31', interval '1 day') g(g),"
		      " LATERAL (SELECT g::date AS d) x, generate_series(0, 12) k", 0, NULL);
	ok(strncmp(v, "0/", 2) == 0, "working_days_between inverts add_working_days on every day and 0-12 days: %s wrong", v);
	free(v);
}

int main(void)
{
	wf w;
	db_err e;
	db_queue_row *r = NULL;
	size_t n = 0;

	if (!wf_setup(&w, "workflow_queue"))
		goto done;

	/* NOTIFY reaches another session */
	{
		char *payload = NULL;
		long long app;

		ok(db_wf_listen(w.c[WF_SUP], &e), "the supervisor's queue listens: %s", e.message);
		ok(db_run(w.t.conn, "LISTEN " DB_WF_CHANNEL, 0, NULL, &e), "so does a raw connection");
		app = wf_submit(&w, "郭雪梅", "19690909", true);
		ok(wait_notify(w.c[WF_SUP], 5.0), "a submit is heard within 5 s");
		ok(wf_go(&w, WF_REC, app, "accepted", NULL, &e), "accepted: %s", e.message);
		ok(wait_notify(w.c[WF_SUP], 5.0), "a transition is heard");
		is_int(db_wf_poll_notify(w.c[WF_SUP]), 0, "consumed: nothing more");
		{
			PGconn *pg = db_pg(w.t.conn);
			PGnotify *nt;
			char want[64];

			PQconsumeInput(pg);
			while ((nt = PQnotifies(pg)) != NULL) {
				free(payload);
				payload = strdup(nt->extra);
				PQfreemem(nt);
			}
			snprintf(want, sizeof want, "%s:%lld", w.cid_a, app);
			is_str(payload, want, "payload community:application");
			free(payload);
		}
	}

	/* take next */
	{
		long long id = 0;
		char number[64];

		ok(!db_wf_take_next(w.c[WF_REC], &id, number, &e) && strcmp(e.sqlstate, DB_WF_ROLE) == 0,
		   "a receptionist cannot take: %s", e.sqlstate);
		ok(db_wf_take_next(w.c[WF_CW], &id, number, &e), "the caseworker takes the accepted case: %s", e.message);
		ok(!db_wf_take_next(w.c[WF_CW2], &id, number, &e) && strcmp(e.sqlstate, DB_WF_NOTHING) == 0,
		   "then nothing is left: %s %s", e.sqlstate, e.message);
		ok(make_accepted(&w, 1), "one more");
		ok(!db_wf_take_next(w.c[WF_CWB], &id, number, &e) && strcmp(e.sqlstate, DB_WF_NOTHING) == 0,
		   "not for a caseworker of another community");
		{
			db_queue_query q = { .kind = DB_QUEUE_MINE, .limit = 10 };
			ok(db_queue_fetch(w.c[WF_CW], &q, &r, &n, &e) && n == 1 && strcmp(r[0].state, "assessing") == 0
			   && strcmp(r[0].assigned_to, w.login[WF_CW]) == 0, "my queue holds it, assigned to me");
			free(r);
		}
		{
			char id_s[24], *v;
			const char *p[2] = { id_s, w.login[WF_CW] };
			snprintf(id_s, sizeof id_s, "%lld", id);
			v = wf_scalar(w.t.conn, "SELECT count(*) FROM jz.application_events WHERE application_id = $1::bigint"
				      " AND to_state = 'assessing' AND actor = $2 AND assigned_to = $2", 2, p);
			is_str(v, "1", "the assignment is an event");
			free(v);
		}
		{
			/* a supervisor assigns the other one */
			char *v = wf_scalar(w.t.conn, "SELECT id || ',' || version FROM jz.applications"
					    " WHERE state = 'accepted'", 0, NULL);
			char ver[16];
			const char *p[3] = { v, w.login[WF_CW2], ver };
			char *comma = strchr(v, ',');
			if (comma) {
				*comma = '\0';
				snprintf(ver, sizeof ver, "%s", comma + 1);
			}
			ok(db_run(w.c[WF_SUP], "SELECT jz.assign($1::bigint, $2, $3::int)", 3, p, &e),
			   "the supervisor assigns it to %s: %s", w.login[WF_CW2], e.message);
			p[1] = w.login[WF_CWB];
			snprintf(ver, sizeof ver, "%d", wf_version(&w, atoll(v), NULL));
			ok(!db_run(w.c[WF_SUP], "SELECT jz.assign($1::bigint, $2, $3::int)", 3, p, &e)
			   && strcmp(e.sqlstate, "22023") == 0, "not to a caseworker of another community: %s", e.message);
			free(v);
		}
	}
	ok(make_accepted(&w, 10), "10 accepted cases");
	take_race(&w, 2, 10);
	ok(make_accepted(&w, 48), "48 accepted cases");
	take_race(&w, 16, 48);

	queues(&w);
	holidays(&w);
done:
	wf_teardown(&w);
	return tap_done();
}
