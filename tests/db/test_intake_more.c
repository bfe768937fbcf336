/* test_intake_more.c - 10 concurrent submits with one idempotency key make
 * one application (10 connections in 10 processes, started together through
 * a pipe, no sleeps); drafts are private to their owner and versioned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db.h"
#include "intake.h"
#include "staff.h"
#include "tap.h"
#include "testdb.h"

#define PW "测试口令pw2"
#define NPROC 10
#define KEY "5f0c2a1e-9b7d-4e3a-8c6f-2d1e0a9b7c01"

static void mkid(char out[19], const char *birth, int seq)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int s = 0;

	snprintf(out, 19, "110105%.8s%03d", birth, seq % 1000);
	for (int i = 0; i < 17; i++)
		s += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[s % 11];
	out[18] = '\0';
}

/* One child: connect, say ready, wait for go, submit, write the id back. */
static void child(const testdb *t, const char *login, const char *form, int ready, int go, int out)
{
	db_err e;
	db_intake_result r;
	char c, line[96];
	db_conn *conn = testdb_connect_as(t, login, PW, &e);
	int n;

	c = conn ? 'r' : 'x';
	if (write(ready, &c, 1) != 1 || read(go, &c, 1) != 1 || !conn)
		_exit(2);
	if (db_intake_submit(conn, form, KEY, &r, &e))
		n = snprintf(line, sizeof line, "%lld %d\n", r.application_id, r.replayed ? 1 : 0);
	else
		n = snprintf(line, sizeof line, "E %s\n", e.sqlstate);
	db_intake_result_finish(&r);
	db_close(conn);
	_exit(write(out, line, (size_t)n) == n ? 0 : 3);
}

static void concurrent(testdb *t, const char *login, const char *code)
{
	int ready[2], go[2], out[2];
	pid_t kids[NPROC];
	char x[19], form[1024], buf[2048] = "", c;
	size_t got = 0;
	int started = 0, same = 0, replays = 0, fresh = 0;
	long long first = -1;

	mkid(x, "19790312", 101);
	snprintf(form, sizeof form,
		 "{\"community\": \"%s\", \"applicant\": {\"id_number\": \"%s\", \"name\": \"欧阳娜娜\"},"
		 " \"categories\": [{\"code\": \"low_income\"}], \"reason\": \"并发测试\"}", code, x);
	if (pipe(ready) || pipe(go) || pipe(out)) {
		ok(0, "pipes");
		return;
	}
	for (int i = 0; i < NPROC; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			close(ready[0]); close(go[1]); close(out[0]);
			child(t, login, form, ready[1], go[0], out[1]);
		}
	}
	close(ready[1]); close(go[0]); close(out[1]);
	for (int i = 0; i < NPROC && read(ready[0], &c, 1) == 1; i++)
		started += c == 'r';
	is_int(started, NPROC, "10 connections open");
	for (int i = 0; i < NPROC; i++)
		if (write(go[1], "g", 1) != 1)
			break;
	close(go[1]);
	for (ssize_t n; (n = read(out[0], buf + got, sizeof buf - 1 - got)) > 0;)
		got += (size_t)n;
	buf[got] = '\0';
	for (int i = 0; i < NPROC; i++) {
		int st = 0;
		waitpid(kids[i], &st, 0);
	}
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		long long id;
		int rep;
		if (sscanf(line, "%lld %d", &id, &rep) != 2) {
			tap_diag("child: %s", line);
			continue;
		}
		if (first < 0)
			first = id;
		same += id == first;
		replays += rep;
		fresh += !rep;
	}
	is_int(same, NPROC, "all 10 calls returned the same application");
	is_int(fresh, 1, "exactly one call made it");
	is_int(replays, NPROC - 1, "the other 9 were replays");
	{
		char *v = testdb_value(t->conn, "SELECT count(*) FROM jz.applications", 0, NULL);
		is_str(v, "1", "exactly one application in the database");
		free(v);
		v = testdb_value(t->conn, "SELECT count(*) FROM jz.households", 0, NULL);
		is_str(v, "1", "and one household");
		free(v);
		v = testdb_value(t->conn, "SELECT last FROM jz.application_counters", 0, NULL);
		is_str(v, "1", "the number counter has no gap");
		free(v);
	}
}

static void drafts(testdb *t, const char *la, const char *lb)
{
	db_err e;
	db_conn *a = testdb_connect_as(t, la, PW, &e), *b = testdb_connect_as(t, lb, PW, &e);
	long long id = 0;
	int ver = 0, ver2;
	char *json = NULL;
	db_draft_info *list = NULL;
	size_t n = 0;

	ok(a && b, "two staff members log in");
	if (!a || !b)
		goto out;
	ok(db_draft_save(a, &id, &ver, 0, "{\"applicant\": {\"name\": \"王小二\"}}", &e),
	   "a draft is saved: %s", e.message);
	ok(id > 0 && ver == 1, "it has an id and version 1");
	ok(db_draft_save(a, &id, &ver, 0,
			 "{\"applicant\": {\"name\": \"王小二\", \"id_number\": \"1101\"}, \"reason\": \"'); DROP TABLE jz.drafts;--\"}",
			 &e) && ver == 2, "saved again on the next field: version 2");
	ver2 = 1;
	ok(!db_draft_save(a, &id, &ver2, 0, "{}", &e) && strcmp(e.sqlstate, DB_INTAKE_CONFLICT) == 0,
	   "a save from a stale version is a conflict (%s)", e.sqlstate);
	ok(db_draft_load(a, id, &json, &ver2, &e) && ver2 == 2 && strstr(json, "DROP TABLE jz.drafts")
	   && strstr(json, "王小二"), "the owner loads it, text kept literally");
	free(json);
	json = NULL;
	ok(db_draft_list(a, &list, &n, &e) && n == 1 && strcmp(list[0].applicant_name, "王小二") == 0,
	   "the owner's list offers it by applicant name");
	free(list);
	list = NULL;
	ok(db_draft_list(b, &list, &n, &e) && n == 0, "another staff member's list is empty");
	free(list);
	list = NULL;
	ok(!db_draft_load(b, id, &json, &ver2, &e), "another staff member cannot load it");
	free(json);
	json = NULL;
	ok(db_draft_delete(b, id, &e), "another staff member's delete does nothing");
	{
		long long bid = id;
		int bver = 2;
		ok(!db_draft_save(b, &bid, &bver, 0, "{}", &e), "nor can they overwrite it");
	}
	ok(db_draft_load(a, id, &json, &ver2, &e) && strstr(json, "王小二"), "it is still the owner's");
	free(json);
	json = NULL;
	{
		const char *p[1] = { lb };
		ok(!db_run(a, "INSERT INTO jz.drafts (login, form) VALUES ($1, '{}')", 1, p, &e),
		   "a draft cannot be planted in someone else's name");
	}
	ok(db_draft_delete(a, id, &e), "the owner deletes it");
	ok(db_draft_list(a, &list, &n, &e) && n == 0, "and it is gone");
	free(list);
out:
	db_close(a);
	db_close(b);
}

int main(void)
{
	testdb t;
	char errbuf[512], la[64], lb[64], code[16];
	db_err e;
	long pid = (long)getpid();

	if (!testdb_init(&t, "intake_more", errbuf, sizeof errbuf)) {
		ok(0, "testdb_init: %s", errbuf);
		return tap_done();
	}
	snprintf(code, sizeof code, "1101058%05ld", pid % 100000);
	{
		const char *p[1] = { code };
		ok(db_run(t.conn, "INSERT INTO jz.communities (code, name, street)"
			  " VALUES ($1, '劲松社区', '劲松街道')", 1, p, &e), "a community: %s", e.message);
	}
	snprintf(la, sizeof la, "tintakem%ld_a", pid);
	snprintf(lb, sizeof lb, "tintakem%ld_b", pid);
	ok(db_staff_add(t.conn, la, "前台丙", DB_ROLE_RECEPTION, code, PW, &e), "receptionist: %s", e.message);
	ok(db_staff_add(t.conn, lb, "社工丁", DB_ROLE_CASEWORKER, code, PW, &e), "caseworker: %s", e.message);
	concurrent(&t, la, code);
	drafts(&t, la, lb);
	testdb_finish(&t);
	return tap_done();
}
