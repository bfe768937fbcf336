/* cluster_proc.c - the server programs of the private PostgreSQL: where
 * they live, and running them (fork + exec, no shell) as ourselves or, as
 * root, as the system user that owns the cluster. */
#include "cluster.h"
#include "cluster_priv.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Copies that say when they would cut (no snprintf: gcc's truncation
 * warnings cannot see the length checks). */
static bool copy_str(char *buf, size_t len, const char *src)
{
	size_t n = strlen(src);
	if (n >= len) {
		if (len)
			buf[0] = '\0';
		return false;
	}
	memcpy(buf, src, n + 1);
	return true;
}

static bool is_exec(const char *dir, const char *prog)
{
	char p[1024];
	return db_cluster_path_join(p, sizeof p, dir, prog) && access(p, X_OK) == 0;
}

static bool has_server_programs(const char *dir)
{
	return is_exec(dir, "initdb") && is_exec(dir, "pg_ctl") && is_exec(dir, "postgres");
}

/* Runs cmd with its stdout read into buf (first line only). */
static bool read_command_line(const char *const argv[], char *buf, size_t len)
{
	int fds[2];
	if (pipe(fds) != 0)
		return false;
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return false;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDWR);
		if (nul >= 0) {
			dup2(nul, 0);
			dup2(nul, 2);
		}
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	size_t got = 0;
	ssize_t r;
	while (got + 1 < len && ((r = read(fds[0], buf + got, len - 1 - got)) > 0 || (r < 0 && errno == EINTR)))
		if (r > 0)
			got += (size_t)r;
	close(fds[0]);
	buf[got] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 && got > 0;
}

static int version_of_bindir(const char *path)
{
	const char *p = strstr(path, "/postgresql/");
	return p ? atoi(p + strlen("/postgresql/")) : 0;
}

bool db_cluster_find_bin(const char *pgdata, char *buf, size_t len, char *err, size_t errlen)
{
	const char *env = getenv("JIUZHU_PGBIN");
	if (env && *env) {
		if (!has_server_programs(env))
			return db_cluster_fail(err, errlen, _("PostgreSQL server programs not found in JIUZHU_PGBIN=%s (it needs initdb, pg_ctl and postgres): fix or unset it"), env);
		snprintf(buf, len, "%s", env);
		return true;
	}
	/* A cluster can only be run by its own major version. */
	char ver[16] = "";
	if (pgdata) {
		char vf[700];
		FILE *f = db_cluster_path_join(vf, sizeof vf, pgdata, "PG_VERSION") ? fopen(vf, "re") : NULL;
		if (f) {
			if (!fgets(ver, sizeof ver, f))
				ver[0] = '\0';
			ver[strcspn(ver, "\r\n")] = '\0';
			fclose(f);
		}
	}
	if (ver[0]) {
		char d[256];
		snprintf(d, sizeof d, "/usr/lib/postgresql/%s/bin", ver);
		if (has_server_programs(d)) {
			snprintf(buf, len, "%s", d);
			return true;
		}
	}
	char line[512];
	const char *const pgc[] = { "pg_config", "--bindir", NULL };
	if (read_command_line(pgc, line, sizeof line) && has_server_programs(line)
	    && (!ver[0] || version_of_bindir(line) == 0 || version_of_bindir(line) == atoi(ver))) {
		snprintf(buf, len, "%s", line);
		return true;
	}
	glob_t g;
	int best = -1, bestv = 0;
	if (glob("/usr/lib/postgresql/*/bin", GLOB_ONLYDIR, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			int v = version_of_bindir(g.gl_pathv[i]);
			if (v > bestv && has_server_programs(g.gl_pathv[i])) {
				best = (int)i;
				bestv = v;
			}
		}
		if (best >= 0)
			snprintf(buf, len, "%s", g.gl_pathv[best]);
		globfree(&g);
		if (best >= 0)
			return true;
	}
	const char *path = getenv("PATH");
	if (path) {
		char *copy = strdup(path), *save = NULL;
		bool found = false;
		for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d && !found; d = strtok_r(NULL, ":", &save))
			if (*d == '/' && has_server_programs(d)) {
				snprintf(buf, len, "%s", d);
				found = true;
			}
		free(copy);
		if (found)
			return true;
	}
	return db_cluster_fail(err, errlen, _("PostgreSQL server programs not found: install the postgresql package (or set JIUZHU_PGBIN)"));
}

/* The last non-empty line of a log, for an error message. */
static void log_tail(const char *path, char *buf, size_t len)
{
	char chunk[1024];
	buf[0] = '\0';
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	off_t end = lseek(fd, 0, SEEK_END);
	off_t from = end > (off_t)sizeof chunk - 1 ? end - (off_t)sizeof chunk + 1 : 0;
	ssize_t n = pread(fd, chunk, sizeof chunk - 1, from);
	close(fd);
	if (n <= 0)
		return;
	chunk[n] = '\0';
	while (n > 0 && (chunk[n - 1] == '\n' || chunk[n - 1] == '\r'))
		chunk[--n] = '\0';
	char *nl = strrchr(chunk, '\n');
	const char *last = nl ? nl + 1 : chunk;
	/* The server's reason is its last FATAL line, not what followed it. */
	for (char *p = chunk; (p = strstr(p, "FATAL:")); p++) {
		char *bol = p;
		while (bol > chunk && bol[-1] != '\n')
			bol--;
		last = bol;
	}
	char *eol = strchr(last, '\n');
	if (eol)
		*eol = '\0';
	size_t n2 = strlen(last);
	if (n2 >= len)
		last += n2 - (len - 1);   /* keep the end: it names the cause */
	while ((*last & 0xC0) == 0x80)
		last++;               /* never start inside a UTF-8 character */
	copy_str(buf, len, last);
}

bool db_cluster_run_program(const char *const argv[], const db_cluster_user *who, int logfd,
			    const char *workdir, bool new_session, int *status)
{
	char pathenv[1024];
	const char *path = getenv("PATH");
	snprintf(pathenv, sizeof pathenv, "PATH=%s", path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
	const char *tz = getenv("TZ");
	char tzenv[256];
	snprintf(tzenv, sizeof tzenv, "TZ=%s", tz ? tz : "");
	/* Messages in the log stay English and predictable; no PG* variables leak in. */
	const char *envp[] = { pathenv, "LC_ALL=C", "LANG=C", tz ? tzenv : NULL, NULL };

	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);
		if (nul >= 0)
			dup2(nul, 0);
		if (logfd >= 0) {
			dup2(logfd, 1);
			dup2(logfd, 2);
		}
		if (new_session)
			setsid();
		if (who->drop && (setgid(who->gid) != 0 || initgroups(who->name, who->gid) != 0
				  || setuid(who->uid) != 0)) {
			dprintf(2, "jiuzhu: cannot switch to user %s: %s\n", who->name, strerror(errno));
			_exit(126);
		}
		if (!workdir || chdir(workdir) != 0)
			(void)!chdir("/");
		execve(argv[0], (char *const *)argv, (char *const *)envp);
		dprintf(2, "jiuzhu: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int st = 0;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR)
			return false;
	}
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return true;
}

bool db_cluster_run_checked(const char *const argv[], const db_cluster_user *who, int logfd,
			    const char *workdir, bool new_session,
			    const char *logpath, char *err, size_t errlen)
{
	int status = 0;
	if (!db_cluster_run_program(argv, who, logfd, workdir, new_session, &status))
		return db_cluster_fail(err, errlen, _("cannot run %s: %s"), argv[0], strerror(errno));
	if (status != 0) {
		char tail[300];
		log_tail(logpath, tail, sizeof tail);
		const char *base = strrchr(argv[0], '/');
		return db_cluster_fail(err, errlen, _("%s failed (exit status %d): %s; see %s"),
			    base ? base + 1 : argv[0], status, tail[0] ? tail : "?", logpath);
	}
	return true;
}

bool db_cluster_system_user(db_cluster_user *who, int logfd, const char *logpath, char *err, size_t errlen)
{
	struct passwd *pw = getpwnam(DB_CLUSTER_SYSUSER);
	if (!pw) {
		const db_cluster_user self = { .drop = false };
		const char *useradd = access("/usr/sbin/useradd", X_OK) == 0 ? "/usr/sbin/useradd" : "/sbin/useradd";
		const char *const argv[] = { useradd, "--system", "--user-group", "--home-dir", "/nonexistent",
					     "--shell", "/usr/sbin/nologin", DB_CLUSTER_SYSUSER, NULL };
		if (!db_cluster_run_checked(argv, &self, logfd, "/", false, logpath, err, errlen))
			return false;
		pw = getpwnam(DB_CLUSTER_SYSUSER);
		if (!pw)
			return db_cluster_fail(err, errlen, _("could not create the system user %s"), DB_CLUSTER_SYSUSER);
	}
	who->drop = true;
	who->uid = pw->pw_uid;
	who->gid = pw->pw_gid;
	snprintf(who->name, sizeof who->name, "%s", pw->pw_name);
	return true;
}

bool db_cluster_reachable_by(const db_cluster_user *who, const db_cluster *cl)
{
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		if (setgid(who->gid) != 0 || initgroups(who->name, who->gid) != 0 || setuid(who->uid) != 0)
			_exit(2);
		_exit(access(cl->pgdata, R_OK | W_OK | X_OK) == 0 && access(cl->sockdir, W_OK | X_OK) == 0 ? 0 : 1);
	}
	int st = 0;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

bool db_cluster_owner_of(const char *pgdata, db_cluster_user *who, char *err, size_t errlen)
{
	struct stat st;
	*who = (db_cluster_user){ .drop = false };
	if (geteuid() != 0 || stat(pgdata, &st) != 0 || st.st_uid == 0)
		return true;
	struct passwd *pw = getpwuid(st.st_uid);
	if (!pw)
		return db_cluster_fail(err, errlen, _("the owner (uid %u) of %s has no user name"), (unsigned)st.st_uid, pgdata);
	who->drop = true;
	who->uid = pw->pw_uid;
	who->gid = pw->pw_gid;
	snprintf(who->name, sizeof who->name, "%s", pw->pw_name);
	return true;
}
