/* test_cluster.c - the private PostgreSQL of db/cluster.c in a fresh temp
 * folder: created once (even by two racing starts), socket only, found again
 * by a quick ping, data kept across stop and start, a stale lock ignored,
 * plain errors, run as the system user when root, removed on request. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cluster.h"
#include "db.h"
#include "tap.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Line n (1-based) of a file, without its newline; false when missing. */
static bool file_line(const char *path, int n, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	bool found = false;
	if (!f)
		return false;
	for (int i = 1; fgets(buf, (int)len, f); i++)
		if (i == n) {
			buf[strcspn(buf, "\n")] = '\0';
			found = true;
			break;
		}
	fclose(f);
	return found;
}

static db_conn *connect_app(const db_cluster *cl, db_err *e)
{
	const db_params p = { .host = cl->sockdir, .port = cl->port, .dbname = "jiuzhu",
			      .user = DB_CLUSTER_SUPERUSER };
	return db_connect(&p, e);
}

static void diag_err(const db_err *e)
{
	tap_diag("%s%s%s", e->message, e->detail[0] ? " - " : "", e->detail);
}

/* One value from a query without parameters ("" on failure). */
static void query1(db_conn *c, const char *sql, char *buf, size_t len)
{
	db_err e = { 0 };
	buf[0] = '\0';
	PGresult *r = db_exec(c, sql, 0, NULL, &e);
	if (r && PQntuples(r) == 1)
		snprintf(buf, len, "%s", PQgetvalue(r, 0, 0));
	else
		diag_err(&e);
	PQclear(r);
}

static bool is_socket(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISSOCK(st.st_mode);
}

static void check_layout(const db_cluster *cl)
{
	char path[800], line[600];
	struct stat st;
	snprintf(path, sizeof path, "%s/.s.PGSQL.%s", cl->sockdir, cl->port);
	ok(is_socket(path), "the socket is in dir/run");
	ok(stat(cl->pgdata, &st) == 0 && (st.st_mode & 0777) == 0700, "pgdata is 0700");
	ok(stat(cl->sockdir, &st) == 0 && (st.st_mode & 0777) == 0755, "run is 0755 (staff reach the socket)");
	snprintf(path, sizeof path, "%s/postmaster.pid", cl->pgdata);
	ok(file_line(path, 4, line, sizeof line), "postmaster.pid has a port line");
	is_str(line, "5432", "port line names the socket file");
	ok(file_line(path, 5, line, sizeof line), "postmaster.pid has a socket line");
	is_str(line, cl->sockdir, "the only socket directory is dir/run");
	ok(file_line(path, 6, line, sizeof line), "postmaster.pid has a listen line");
	is_str(line, "", "no TCP listen address");

	db_err e = { 0 };
	db_conn *c = connect_app(cl, &e);
	ok(c != NULL, "connect to database jiuzhu as jiuzhu over the socket (peer)");
	if (!c) {
		diag_err(&e);
		return;
	}
	query1(c, "SHOW listen_addresses", line, sizeof line);
	is_str(line, "", "listen_addresses is empty");
	query1(c, "SHOW lc_messages", line, sizeof line);
	is_str(line, "C", "lc_messages is C");
	query1(c, "SELECT current_user || ' ' || pg_catalog.pg_encoding_to_char(encoding) "
	       "FROM pg_catalog.pg_database WHERE datname = current_database()", line, sizeof line);
	is_str(line, "jiuzhu UTF8", "superuser jiuzhu, database UTF8");
	query1(c, "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database "
	       "WHERE datname = 'jiuzhu'", line, sizeof line);
	is_str(line, "jiuzhu", "database jiuzhu owned by jiuzhu");
	db_close(c);

	if (geteuid() != 0) {
		ok(1, "# SKIP not root: no system user");
		return;
	}
	struct passwd *pw = getpwnam(DB_CLUSTER_SYSUSER);
	ok(pw != NULL, "system user jiuzhu exists");
	snprintf(path, sizeof path, "%s/postmaster.pid", cl->pgdata);
	char status[64], uid[64] = "";
	if (file_line(path, 1, line, sizeof line)) {
		snprintf(status, sizeof status, "/proc/%ld/status", atol(line));
		FILE *f = fopen(status, "r");
		while (f && fgets(line, sizeof line, f))
			if (sscanf(line, "Uid: %63s", uid) == 1)
				break;
		if (f)
			fclose(f);
	}
	ok(pw && uid[0] && (uid_t)atol(uid) == pw->pw_uid && pw->pw_uid != 0,
	   "the postmaster runs as user jiuzhu (uid %s)", uid);
	ok(pw && stat(cl->pgdata, &st) == 0 && st.st_uid == pw->pw_uid, "pgdata belongs to jiuzhu");
}

int main(void)
{
	char root[] = "/tmp/jz-cluster-XXXXXX", dir[600], err[512], bin[512], path[800];
	db_cluster cl, cl2;
	db_err e = { 0 };
	double t0;

	const char *env = getenv("JIUZHU_PGBIN");
	if ((!env || !*env) && !db_cluster_find_bin(NULL, bin, sizeof bin, err, sizeof err))
		return tap_skip_all("%s", err);
	if (!mkdtemp(root) || chmod(root, 0755) != 0) {   /* the system user must pass through */
		printf("Bail out! cannot make a temp folder: %s\n", strerror(errno));
		return 1;
	}
	snprintf(dir, sizeof dir, "%s/data", root);

	/* Two starts race on a fresh folder: the lock lets exactly one initdb. */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		db_cluster c;
		char e2[512];
		bool good = db_cluster_ensure(dir, &c, e2, sizeof e2);
		if (!good)
			fprintf(stderr, "racing start: %s\n", e2);
		_exit(!good ? 0 : (c.created && c.started) ? 3 : 1);
	}
	t0 = now_ms();
	bool good = db_cluster_ensure(dir, &cl, err, sizeof err);
	tap_diag("first start: %.0f ms", now_ms() - t0);
	int st = 0;
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	int child = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
	if (!ok(good, "ensure creates and starts a cluster in a fresh folder"))
		tap_diag("%s", err);
	ok(child != 0, "a racing second start succeeds too");
	is_int((cl.created ? 1 : 0) + (child == 3 ? 1 : 0), 1, "exactly one of the two ran initdb");
	ok(!cl.created || cl.started, "the one that created it also started it");
	if (!good) {
		db_cluster_destroy(dir, err, sizeof err);
		rmdir(root);
		return tap_done();
	}
	check_layout(&cl);

	t0 = now_ms();
	good = db_cluster_ensure(dir, &cl2, err, sizeof err);
	double warm = now_ms() - t0;
	tap_diag("warm ping: %.2f ms", warm);
	ok(good && !cl2.created && !cl2.started, "a second ensure only pings");
	ok(warm < 250.0, "the ping is quick (%.2f ms)", warm);

	db_conn *c = connect_app(&cl, &e);
	const char *const name[] = { "张伟" };
	ok(c && db_run(c, "CREATE TABLE kept (name text)", 0, NULL, &e)
	   && db_run(c, "INSERT INTO kept VALUES ($1)", 1, name, &e), "write a row");
	db_close(c);

	ok(db_cluster_stop(&cl, err, sizeof err), "stop");
	ok(!db_cluster_running(&cl), "it no longer answers");
	snprintf(path, sizeof path, "%s/postmaster.pid", cl.pgdata);
	ok(access(path, F_OK) != 0, "postmaster.pid is gone");
	ok(db_cluster_stop(&cl, err, sizeof err), "stopping a stopped cluster is fine");

	/* A lock file with junk in it, last held by a process that died. */
	snprintf(path, sizeof path, "%s/lock", dir);
	FILE *f = fopen(path, "w");
	ok(f && fputs("4242 stale\n", f) >= 0, "write junk into the lock file");
	if (f)
		fclose(f);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int fd = open(path, O_RDWR);
		_exit(fd >= 0 && flock(fd, LOCK_EX) == 0 ? 0 : 1);   /* dies holding it */
	}
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	ok(pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "a process took the lock and died");
	t0 = now_ms();
	good = db_cluster_ensure(dir, &cl2, err, sizeof err);
	tap_diag("restart: %.0f ms", now_ms() - t0);
	if (!ok(good && cl2.started && !cl2.created, "ensure restarts it; the stale lock does not block"))
		tap_diag("%s", err);

	/* A crashed server: its pid file stays behind (naming a zombie until
	 * init reaps it); the next start must recover, not refuse. */
	char line[256] = "";
	snprintf(path, sizeof path, "%s/postmaster.pid", cl.pgdata);
	long pm = file_line(path, 1, line, sizeof line) ? atol(line) : 0;
	ok(pm > 0 && kill((pid_t)pm, SIGKILL) == 0, "kill -9 the postmaster");
	good = db_cluster_ensure(dir, &cl2, err, sizeof err);
	if (!ok(good && cl2.started, "ensure starts it again after a crash"))
		tap_diag("%s", err);

	/* A live server whose socket file was removed (a /tmp cleaner): it
	 * answers nobody and its pid file blocked every start. */
	char sock[800];
	snprintf(sock, sizeof sock, "%s/.s.PGSQL.%s", cl.sockdir, cl.port);
	ok(unlink(sock) == 0, "remove the running server's socket file");
	ok(!db_cluster_running(&cl), "the server no longer answers");
	good = db_cluster_ensure(dir, &cl2, err, sizeof err);
	if (!ok(good && cl2.started && db_cluster_running(&cl), "ensure stops it and starts it with a new socket"))
		tap_diag("%s", err);
	ok(is_socket(sock), "the socket is back");

	line[0] = '\0';
	c = connect_app(&cl, &e);
	if (c)
		query1(c, "SELECT string_agg(name, ',') FROM kept", line, sizeof line);
	is_str(line, "张伟", "the row survived stop and start");
	db_close(c);

	/* Plain errors. */
	char other[700];
	snprintf(other, sizeof other, "%s/other", root);
	setenv("JIUZHU_PGBIN", "/nonexistent/pgbin", 1);
	good = db_cluster_ensure(other, &cl2, err, sizeof err);
	ok(!good && strstr(err, "PostgreSQL server programs not found") && strstr(err, "JIUZHU_PGBIN"),
	   "a bad JIUZHU_PGBIN gives the plain error");
	tap_diag("%s", err);
	ok(access(other, F_OK) != 0, "and creates nothing");
	if (env)
		setenv("JIUZHU_PGBIN", env, 1);
	else
		unsetenv("JIUZHU_PGBIN");
	ok(!db_cluster_ensure("relative/data", &cl2, err, sizeof err) && strstr(err, "absolute"),
	   "a relative folder is refused");

	char priv[600];
	snprintf(priv, sizeof priv, "%s/private", root);
	if (geteuid() == 0 && mkdir(priv, 0700) == 0) {
		snprintf(other, sizeof other, "%s/data", priv);
		good = db_cluster_ensure(other, &cl2, err, sizeof err);
		ok(!good && strstr(err, "not reachable by the system user jiuzhu"),
		   "a folder the system user cannot reach is refused plainly");
		tap_diag("%s", err);
		ok(db_cluster_destroy(other, err, sizeof err), "destroy removes its empty leftovers");
		rmdir(priv);
	} else {
		ok(1, "# SKIP not root: no system user");
		ok(1, "# SKIP not root: no system user");
	}

	/* destroy refuses a folder that is not ours. */
	snprintf(other, sizeof other, "%s/foreign", root);
	snprintf(path, sizeof path, "%s/notes.txt", other);
	ok(mkdir(other, 0755) == 0 && (f = fopen(path, "w")) && fclose(f) == 0, "make a foreign folder");
	ok(!db_cluster_destroy(other, err, sizeof err) && strstr(err, "refusing"), "destroy refuses it");
	ok(access(path, F_OK) == 0, "and leaves its files");
	unlink(path);
	rmdir(other);

	ok(db_cluster_destroy(dir, err, sizeof err), "destroy");
	ok(access(dir, F_OK) != 0 && errno == ENOENT, "the folder is gone");
	ok(!db_cluster_running(&cl), "the server is gone");
	ok(db_cluster_destroy(dir, err, sizeof err), "destroying nothing is fine");
	rmdir(root);
	return tap_done();
}
