/* cluster.c - the private PostgreSQL: found by a socket ping when it runs
 * (the common case, a few ms), else created with initdb and started with
 * pg_ctl under a lock file. As root the server runs as the system user
 * jiuzhu, because PostgreSQL refuses to run as root. Finding and running
 * the server programs (fork, exec, setuid) is in cluster_proc.c. */
#include "cluster.h"
#include "cluster_priv.h"
#include "db.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

#include <libpq-fe.h>

#define CL_PORT "5432"
#define CL_LOGFILE "postgresql.log"   /* the server's own log */
#define CL_CMDLOG "commands.log"      /* initdb, pg_ctl, useradd output */

bool db_cluster_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	if (!err || errlen == 0)
		return false;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return false;
}

bool db_cluster_path_join(char *buf, size_t len, const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na + 1 + nb >= len) {
		if (len)
			buf[0] = '\0';
		return false;
	}
	memcpy(buf, a, na);
	buf[na] = '/';
	memcpy(buf + na + 1, b, nb + 1);
	return true;
}

#define CL_SYSTEM_DIR "/var/lib/jiuzhu"

bool db_cluster_default_dir(char *buf, size_t len)
{
	const char *env = getenv("JIUZHU_DATA");
	int n;
	struct stat st;
	if (env && *env)
		n = snprintf(buf, len, "%s", env);
	/* root's, the office's; also a staff member's over SSH once root has
	 * made it (its run/ folder is there): they share one database */
	else if (geteuid() == 0 || (stat(CL_SYSTEM_DIR "/run", &st) == 0 && S_ISDIR(st.st_mode)))
		n = snprintf(buf, len, "%s", CL_SYSTEM_DIR);
	else if ((env = getenv("XDG_DATA_HOME")) && *env == '/')
		n = snprintf(buf, len, "%s/jiuzhu", env);
	else {
		const char *home = getenv("HOME");
		if (!home || !*home) {
			struct passwd *pw = getpwuid(geteuid());
			home = pw ? pw->pw_dir : NULL;
		}
		if (!home)
			return false;
		n = snprintf(buf, len, "%s/.local/share/jiuzhu", home);
	}
	return n > 0 && (size_t)n < len;
}

bool db_cluster_paths(const char *dir, db_cluster *out, char *err, size_t errlen)
{
	char def[512];
	*out = (db_cluster){ .port = CL_PORT };
	if (!dir || !*dir) {
		if (!db_cluster_default_dir(def, sizeof def))
			return db_cluster_fail(err, errlen, _("cannot tell where the data folder is: set JIUZHU_DATA"));
		dir = def;
	}
	if (dir[0] != '/')
		return db_cluster_fail(err, errlen, _("the data folder must be an absolute path: %s"), dir);
	if (strlen(dir) >= sizeof out->dir)
		return db_cluster_fail(err, errlen, _("the data folder path is too long: %s"), dir);
	/* These characters would need quoting in postgresql.conf's socket list. */
	for (const char *p = dir; *p; p++)
		if (*p == '\'' || *p == '"' || *p == '\\' || *p == ',' || (unsigned char)*p < 0x20)
			return db_cluster_fail(err, errlen, _("the data folder path %s contains a character PostgreSQL cannot use (quote, backslash, comma)"), dir);
	snprintf(out->dir, sizeof out->dir, "%s", dir);
	size_t n = strlen(out->dir);
	while (n > 1 && out->dir[n - 1] == '/')
		out->dir[--n] = '\0';
	db_cluster_path_join(out->pgdata, sizeof out->pgdata, out->dir, "pgdata");
	db_cluster_path_join(out->sockdir, sizeof out->sockdir, out->dir, "run");
	/* sun_path holds 108 bytes including "/.s.PGSQL.5432" and the NUL. */
	if (strlen(out->sockdir) + sizeof "/.s.PGSQL." CL_PORT > sizeof(((struct sockaddr_un *)0)->sun_path))
		return db_cluster_fail(err, errlen, _("the data folder path %s is too long for a Unix socket; choose a shorter one with --data"), dir);
	return true;
}

bool db_cluster_running(const db_cluster *cl)
{
	const char *const keys[] = { "host", "port", "dbname", "user", "connect_timeout", NULL };
	const char *const vals[] = { cl->sockdir, cl->port, "postgres", DB_CLUSTER_SUPERUSER, "5", NULL };
	/* PQPING_OK also covers "running but you may not log in". */
	return PQpingParams(keys, vals, 0) == PQPING_OK;
}

static bool make_dir(const char *path, mode_t mode, const db_cluster_user *who, bool *made,
		     char *err, size_t errlen)
{
	if (made)
		*made = false;
	if (mkdir(path, mode) == 0) {
		if (made)
			*made = true;
		if (chmod(path, mode) != 0)  /* the umask may have cut it */
			return db_cluster_fail(err, errlen, _("cannot set permissions of %s: %s"), path, strerror(errno));
	} else if (errno != EEXIST)
		return db_cluster_fail(err, errlen, _("cannot create the folder %s: %s"), path, strerror(errno));
	if (who->drop && chown(path, who->uid, who->gid) != 0)
		return db_cluster_fail(err, errlen, _("cannot hand %s to the user %s: %s"), path, who->name, strerror(errno));
	return true;
}

/* mkdir -p for the parents of dir (0755, as plain folders). */
static bool make_parents(const char *dir, char *err, size_t errlen)
{
	char p[512];
	snprintf(p, sizeof p, "%s", dir);
	for (char *s = p + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			return db_cluster_fail(err, errlen, _("cannot create the folder %s: %s"), p, strerror(errno));
		*s = '/';
	}
	return true;
}

/* Writes a whole file, mode 0600, owned by who; replaced atomically. */
static bool write_file(const char *dir, const char *name, const char *text, const db_cluster_user *who,
		       char *err, size_t errlen)
{
	char path[700], tmp[720];
	db_cluster_path_join(path, sizeof path, dir, name);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return db_cluster_fail(err, errlen, _("cannot write %s: %s"), tmp, strerror(errno));
	size_t len = strlen(text), off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			unlink(tmp);
			return db_cluster_fail(err, errlen, _("cannot write %s: %s"), tmp, strerror(errno));
		}
		off += (size_t)w;
	}
	bool good = (!who->drop || fchown(fd, who->uid, who->gid) == 0) && fsync(fd) == 0;
	if (close(fd) != 0 || !good || rename(tmp, path) != 0) {
		unlink(tmp);
		return db_cluster_fail(err, errlen, _("cannot write %s: %s"), path, strerror(errno));
	}
	return true;
}

/* Our settings live in their own file, included last from postgresql.conf,
 * rewritten on every start so a moved folder still finds its socket. */
static bool write_config(const db_cluster *cl, const db_cluster_user *who, bool fresh,
			 char *err, size_t errlen)
{
	char conf[2048];
	snprintf(conf, sizeof conf,
		 "# Written by jiuzhu on every start; put your own settings in postgresql.conf\n"
		 "# above the include line, or in postgresql.auto.conf (ALTER SYSTEM).\n"
		 "listen_addresses = ''\t\t# Unix socket only, no TCP\n"
		 "port = %s\t\t\t# names the socket file only\n"
		 "unix_socket_directories = '%s'\n"
		 "unix_socket_permissions = 0777\t# access is governed by pg_hba.conf\n"
		 "lc_messages = 'C'\t\t# predictable libpq error texts\n"
		 "shared_buffers = 32MB\n"
		 "jit = off\t\t\t# short queries: LLVM compiling cost more than it saved (0103)\n"
		 "max_connections = 100\n"
		 "fsync = on\n"
		 "logging_collector = off\n",
		 cl->port, cl->sockdir);
	if (!write_file(cl->pgdata, "jiuzhu.conf", conf, who, err, errlen))
		return false;
	if (!fresh)
		return true;

	char path[700];
	db_cluster_path_join(path, sizeof path, cl->pgdata, "postgresql.conf");
	FILE *f = fopen(path, "ae");
	if (!f || fputs("\n# jiuzhu's own settings (socket only, ...): keep this line last.\n"
			"include = 'jiuzhu.conf'\n", f) < 0) {
		if (f)
			fclose(f);
		return db_cluster_fail(err, errlen, _("cannot write %s: %s"), path, strerror(errno));
	}
	if (fclose(f) != 0)
		return db_cluster_fail(err, errlen, _("cannot write %s: %s"), path, strerror(errno));

	if (!write_file(cl->pgdata, "pg_hba.conf",
			"# jiuzhu: Unix socket only.\n"
			"# The cluster owner: OS users in the 'owner' map of pg_ident.conf.\n"
			"local all jiuzhu peer map=owner\n"
			"# Staff with an OS account (SSH): the OS account is the role.\n"
			"local all +jz_peer peer\n"
			"# Everyone else: password (SCRAM).\n"
			"local all all scram-sha-256\n", who, err, errlen))
		return false;

	/* root, the system user and whoever ran the first start act as the owner. */
	struct passwd *pw = getpwuid(geteuid());
	const char *names[] = { "root", DB_CLUSTER_SYSUSER, pw ? pw->pw_name : "root" };
	char ident[512] = "# MAPNAME SYSTEM-USERNAME PG-USERNAME\n", line[160];
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(line, sizeof line, "owner %.64s %s\n", names[i], DB_CLUSTER_SUPERUSER);
		if (!strstr(ident, line))
			strcat(ident, line);   /* at most 3 short lines: fits */
	}
	return write_file(cl->pgdata, "pg_ident.conf", ident, who, err, errlen);
}

/* The application database, made once; checked on every slow start so a
 * start interrupted between initdb and here heals itself. */
static bool create_app_db(const db_cluster *cl, char *err, size_t errlen)
{
	db_err e = { 0 };
	const db_params p = { .host = cl->sockdir, .port = cl->port, .dbname = "postgres",
			      .user = DB_CLUSTER_SUPERUSER };
	db_conn *c = db_connect(&p, &e);
	if (!c)
		return db_cluster_fail(err, errlen, _("cannot connect to the new database server: %s"), e.message);
	const char *const name[] = { "jiuzhu" };
	PGresult *r = db_exec(c, "SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1", 1, name, &e);
	bool good = r != NULL;
	if (r && PQntuples(r) == 0)
		good = db_run(c, "CREATE DATABASE jiuzhu OWNER jiuzhu", 0, NULL, &e);
	PQclear(r);
	db_close(c);
	if (!good)
		return db_cluster_fail(err, errlen, _("cannot create the database jiuzhu: %s"), e.message);
	return true;
}

static bool file_exists(const char *dir, const char *name)
{
	char p[700];
	return db_cluster_path_join(p, sizeof p, dir, name) && access(p, F_OK) == 0;
}

/* Empty, or missing. */
static bool dir_empty(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return errno == ENOENT;
	struct dirent *de;
	bool empty = true;
	while (empty && (de = readdir(d)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			empty = false;
	closedir(d);
	return empty;
}

static bool ours_name(const char *n)
{
	static const char *const names[] = { "pgdata", "run", "log", "lock", "template.lock" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(n, names[i]) == 0)
			return true;
	return false;
}

/* Ours: it holds a cluster, or only our own (empty-cluster) leftovers. */
static bool looks_ours(const db_cluster *cl)
{
	if (file_exists(cl->pgdata, "PG_VERSION"))
		return true;
	DIR *d = opendir(cl->dir);
	if (!d)
		return false;
	bool foreign = false;
	struct dirent *de;
	while (!foreign && (de = readdir(d)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0 && !ours_name(de->d_name))
			foreign = true;
	closedir(d);
	return !foreign && dir_empty(cl->pgdata);
}

/* A postmaster killed outright can linger as a zombie until init reaps
 * it, and PostgreSQL takes a zombie's pid for a live server. The socket did
 * not answer; a lock file naming a zombie is stale. */
/* The pid on the first line of a lock file, 0 when there is none. */
static long lock_pid(const char *path)
{
	char line[128];
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	long pid = fgets(line, sizeof line, f) ? atol(line) : 0;
	fclose(f);
	return pid > 0 ? pid : 0;
}

static void drop_zombie_lock(const char *dir, const char *name)
{
	char path[700], line[128], status[64];
	if (!db_cluster_path_join(path, sizeof path, dir, name))
		return;
	long pid = lock_pid(path);
	if (!pid)
		return;
	snprintf(status, sizeof status, "/proc/%ld/status", pid);
	bool zombie = false;
	FILE *f = fopen(status, "re");
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "State:", 6) == 0) {
			zombie = strchr(line + 6, 'Z') != NULL;
			break;
		}
	if (f)
		fclose(f);
	if (zombie)
		unlink(path);
}

/* A live postmaster whose socket file is gone (a /tmp cleaner, a careless
 * rm) answers nobody, yet its postmaster.pid makes every new start fail with
 * "lock file already exists". The pid file still names it, so pg_ctl can stop
 * it; the start that follows makes a new socket. */
static bool stop_if_socket_lost(db_cluster *cl, char *err, size_t errlen)
{
	char path[700], sock[64], comm[64], name[32] = "";
	snprintf(sock, sizeof sock, ".s.PGSQL.%s", cl->port);
	if (file_exists(cl->sockdir, sock) || !db_cluster_path_join(path, sizeof path, cl->pgdata, "postmaster.pid"))
		return true;
	long pid = lock_pid(path);
	if (!pid)
		return true;
	/* no such process: PostgreSQL takes the pid file over itself; after a
	 * reboot the number may belong to anything: stop only a postgres */
	snprintf(comm, sizeof comm, "/proc/%ld/comm", pid);
	FILE *f = fopen(comm, "re");
	if (f) {
		if (!fgets(name, sizeof name, f))
			name[0] = '\0';
		fclose(f);
	}
	if (strcmp(name, "postgres\n") != 0)
		return true;
	return db_cluster_stop(cl, err, errlen);
}

/* The slow path, with the lock held. */
static bool start_locked(db_cluster *cl, const db_cluster_user *who, int logfd, const char *cmdlog,
			 const char *bindir, char *err, size_t errlen)
{
	char prog[1024], serverlog[700], logdir[700];
	bool made;
	db_cluster_path_join(logdir, sizeof logdir, cl->dir, "log");
	db_cluster_path_join(serverlog, sizeof serverlog, logdir, CL_LOGFILE);

	if (!make_dir(cl->sockdir, 0755, who, NULL, err, errlen)
	    || !make_dir(cl->pgdata, 0700, who, &made, err, errlen))
		return false;
	if (who->drop && !db_cluster_reachable_by(who, cl))
		return db_cluster_fail(err, errlen, _("the data folder %s is not reachable by the system user %s; choose one under /var/lib or /tmp with --data"),
			    cl->dir, who->name);

	bool fresh = !file_exists(cl->pgdata, "PG_VERSION");
	if (fresh) {
		if (!dir_empty(cl->pgdata))
			return db_cluster_fail(err, errlen, _("the folder %s holds files but no PostgreSQL cluster; move it away or choose another folder with --data"),
				    cl->pgdata);
		db_cluster_path_join(prog, sizeof prog, bindir, "initdb");
		const char *const argv[] = { prog, "-D", cl->pgdata, "-U", DB_CLUSTER_SUPERUSER,
					     "--auth-local=peer", "--auth-host=scram-sha-256",
					     "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions",
					     NULL };
		if (!db_cluster_run_checked(argv, who, logfd, cl->dir, false, cmdlog, err, errlen))
			return false;
		cl->created = true;
	} else {
		struct stat st;
		if (!who->drop && stat(cl->pgdata, &st) == 0 && st.st_uid != geteuid())
			return db_cluster_fail(err, errlen, _("the database server in %s is not running, and only root or its owner may start it"),
				    cl->dir);
	}
	if (!write_config(cl, who, fresh, err, errlen))
		return false;
	drop_zombie_lock(cl->pgdata, "postmaster.pid");
	drop_zombie_lock(cl->sockdir, ".s.PGSQL." CL_PORT ".lock");
	if (!stop_if_socket_lost(cl, err, errlen))
		return false;

	db_cluster_path_join(prog, sizeof prog, bindir, "pg_ctl");
	const char *const argv[] = { prog, "-D", cl->pgdata, "-l", serverlog, "-w", "-t", "60", "-s",
				     "start", NULL };
	if (!db_cluster_run_checked(argv, who, logfd, cl->dir, true, serverlog, err, errlen))
		return false;
	cl->started = true;
	if (!db_cluster_running(cl))
		return db_cluster_fail(err, errlen, _("the database server started but does not answer on %s; see %s"),
			    cl->sockdir, serverlog);
	return create_app_db(cl, err, errlen);
}

bool db_cluster_ensure(const char *dir, db_cluster *out, char *err, size_t errlen)
{
	if (!db_cluster_paths(dir, out, err, errlen))
		return false;
	if (db_cluster_running(out))
		return true;   /* the fast path: a few ms */

	char bindir[512], lockpath[700], logdir[700], cmdlog[720];
	if (!db_cluster_find_bin(out->pgdata, bindir, sizeof bindir, err, errlen))
		return false;

	db_cluster_user who = { .drop = false };
	bool made_dir = false;
	if (!make_parents(out->dir, err, errlen) || !make_dir(out->dir, 0755, &who, &made_dir, err, errlen))
		return false;

	db_cluster_path_join(lockpath, sizeof lockpath, out->dir, "lock");
	int lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lockfd < 0)
		lockfd = open(lockpath, O_RDONLY | O_CLOEXEC);
	if (lockfd < 0)
		return db_cluster_fail(err, errlen, _("cannot open the lock file %s: %s"), lockpath, strerror(errno));
	/* flock dies with its holder, so a lock file left by a crash never blocks. */
	while (flock(lockfd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			close(lockfd);
			return db_cluster_fail(err, errlen, _("cannot lock %s: %s"), lockpath, strerror(errno));
		}
	}

	bool good = false;
	int logfd = -1;
	if (db_cluster_running(out)) {   /* another jiuzhu started it meanwhile */
		good = true;
		goto done;
	}
	/* The log first: useradd's own output goes there too. */
	db_cluster_path_join(logdir, sizeof logdir, out->dir, "log");
	db_cluster_path_join(cmdlog, sizeof cmdlog, logdir, CL_CMDLOG);
	if (!make_dir(logdir, 0700, &who, NULL, err, errlen))
		goto done;
	logfd = open(cmdlog, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (logfd < 0) {
		db_cluster_fail(err, errlen, _("cannot write %s: %s"), cmdlog, strerror(errno));
		goto done;
	}
	if (geteuid() == 0) {
		if (!db_cluster_system_user(&who, logfd, cmdlog, err, errlen))
			goto done;
		/* Hand over the folder only when it is plainly ours, never e.g. /tmp. */
		if ((made_dir || looks_ours(out)) && chown(out->dir, who.uid, who.gid) != 0) {
			db_cluster_fail(err, errlen, _("cannot hand %s to the user %s: %s"), out->dir, who.name, strerror(errno));
			goto done;
		}
		if (!make_dir(logdir, 0700, &who, NULL, err, errlen))
			goto done;
		if (fchown(logfd, who.uid, who.gid) != 0) {
			db_cluster_fail(err, errlen, _("cannot hand %s to the user %s: %s"), cmdlog, who.name, strerror(errno));
			goto done;
		}
	}
	good = start_locked(out, &who, logfd, cmdlog, bindir, err, errlen);
done:
	if (logfd >= 0)
		close(logfd);
	close(lockfd);   /* releases the lock */
	return good;
}

bool db_cluster_stop(const db_cluster *cl, char *err, size_t errlen)
{
	if (!file_exists(cl->pgdata, "postmaster.pid"))
		return true;   /* not running */
	char bindir[512], prog[1024], logdir[700], cmdlog[720];
	db_cluster_user who;
	if (!db_cluster_find_bin(cl->pgdata, bindir, sizeof bindir, err, errlen)
	    || !db_cluster_owner_of(cl->pgdata, &who, err, errlen))
		return false;
	db_cluster_path_join(logdir, sizeof logdir, cl->dir, "log");
	db_cluster_path_join(cmdlog, sizeof cmdlog, logdir, CL_CMDLOG);
	int logfd = open(cmdlog, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	db_cluster_path_join(prog, sizeof prog, bindir, "pg_ctl");
	const char *const argv[] = { prog, "-D", cl->pgdata, "-m", "fast", "-w", "-t", "60", "-s", "stop", NULL };
	int status = 0;
	bool ran = db_cluster_run_program(argv, &who, logfd, cl->dir, false, &status);
	if (logfd >= 0)
		close(logfd);
	if (!ran)
		return db_cluster_fail(err, errlen, _("cannot run %s: %s"), prog, strerror(errno));
	/* pg_ctl says 1 for "no server running" too; the pid file tells. */
	if (status != 0 && file_exists(cl->pgdata, "postmaster.pid") && db_cluster_running(cl))
		return db_cluster_fail(err, errlen, _("pg_ctl stop failed (exit status %d); see %s"), status, cmdlog);
	return true;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 ? 0 : -1;
}

bool db_cluster_destroy(const char *dir, char *err, size_t errlen)
{
	db_cluster cl;
	if (!db_cluster_paths(dir, &cl, err, errlen))
		return false;
	if (access(cl.dir, F_OK) != 0 && errno == ENOENT)
		return true;   /* nothing to remove */
	if (!looks_ours(&cl))
		return db_cluster_fail(err, errlen, _("refusing to remove %s: it does not look like a jiuzhu data folder"), cl.dir);
	if (!db_cluster_stop(&cl, err, errlen))
		return false;
	if (nftw(cl.dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) != 0)
		return db_cluster_fail(err, errlen, _("cannot remove %s completely: %s"), cl.dir, strerror(errno));
	return true;
}
