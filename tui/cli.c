/* cli.c - options (psql's -h -p -d -U), the private cluster's start-up and
 * the administrative subcommands. Errors go to stderr in plain words: exit
 * status 2 for usage, 1 for failures. */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "i18n.h"
#include "import.h"
#include "migrate.h"
#include "staff.h"

void cli_usage(FILE *out)
{
	fprintf(out, _("jiuzhu %s - case management for community social assistance\n"
		       "\n"
		       "Usage:\n"
		       "  jiuzhu [OPTION]...              open the terminal application\n"
		       "  jiuzhu [OPTION]... COMMAND ...  run a command\n"
		       "\n"
		       "Options:\n"
		       "  -h, --host HOST      database server host or socket folder\n"
		       "  -p, --port PORT      database server port\n"
		       "  -d, --dbname NAME    database name\n"
		       "  -U, --username USER  database user\n"
		       "      --service NAME   a service of ~/.pg_service.conf\n"
		       "      --data DIR       folder of the private database\n"
		       "      --reset          start over: delete the private database and all its data\n"
		       "  -y, --yes            do not ask for confirmation\n"
		       "      --login          always show the login screen (no peer login)\n"
		       "      --lang zh|en     language of the screens (also $JIUZHU_LANG)\n"
		       "      --help           show this help\n"
		       "      --version        show the version\n"
		       "\n"
		       "Without -h/-p/-d/-U/--service and without PGHOST, PGPORT, PGDATABASE or\n"
		       "PGSERVICE, jiuzhu runs its own private PostgreSQL in the data folder.\n"
		       "\n"
		       "Commands:\n"
		       "  migrate                          bring the database schema up to date\n"
		       "  staff add NAME --role R --community C [--name DISPLAY] [--peer]\n"
		       "                                   add a staff member (R: reception,\n"
		       "                                   caseworker, supervisor, admin)\n"
		       "  staff disable NAME               stop a staff member logging in\n"
		       "  staff passwd NAME                set a new password\n"
		       "  import holidays FILE.json        load a year's holiday calendar\n"
		       "  import areacodes FILE.csv        load the GB/T 2260 area codes\n"
		       "  psql                             open psql on the private database\n"
		       "  server status|stop               the private database server\n"),
		JZ_VERSION);
	fputs(_("  daily                            the daily jobs, for cron (plans whose\n"
		"                                   start date has come become active)\n"), out);
	fputs(_("  import residents FILE.csv [--encoding utf-8|gbk|gb18030] [--dry-run]\n"
		"                                   load a community census; every bad line\n"
		"                                   is listed with its number and reason\n"
		"  export payments YYYY-MM [--encoding utf-8|gb18030] FILE\n"
		"                                   the month's payment list for the bank (CSV)\n"), out);
	fprintf(out, _("  import bankcards FILE.csv [--encoding utf-8|gbk|gb18030] [--dry-run]\n"
		       "                                   the payees' bank cards (columns\n"
		       "                                   %s); every bad line is listed\n"),
		"身份证号,姓名,银行卡号");
}

__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("jiuzhu: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, "%s\n", _("Try 'jiuzhu --help' for more information."));
	return 2;
}

/* "--opt VALUE" or "--opt=VALUE" or "-xVALUE"; advances *i. */
static bool opt_value(int argc, char **argv, int *i, const char *shrt, const char *lng,
		      const char **val, int *err)
{
	const char *a = argv[*i];
	size_t ll = strlen(lng);

	if ((shrt && strcmp(a, shrt) == 0) || strcmp(a, lng) == 0) {
		if (*i + 1 >= argc) {
			*err = usage_error(_("option %s needs a value"), a);
			return true;
		}
		*val = argv[++*i];
		return true;
	}
	if (strncmp(a, lng, ll) == 0 && a[ll] == '=') {
		*val = a + ll + 1;
		return true;
	}
	if (shrt && strncmp(a, shrt, 2) == 0 && a[2] != '\0' && a[1] != '-') {
		*val = a + 2;
		return true;
	}
	return false;
}

int cli_parse(cli_opts *o, int argc, char **argv)
{
	int err = -1, i;

	memset(o, 0, sizeof *o);
	for (i = 1; i < argc && err < 0; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || strcmp(a, "-") == 0)
			break;
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-?") == 0) {
			cli_usage(stdout);
			return 0;
		}
		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			printf("jiuzhu %s\n", JZ_VERSION);
			return 0;
		}
		if (strcmp(a, "--reset") == 0)
			o->reset = true;
		else if (strcmp(a, "--yes") == 0 || strcmp(a, "-y") == 0)
			o->yes = true;
		else if (strcmp(a, "--login") == 0)
			o->login = true;
		else if (opt_value(argc, argv, &i, "-h", "--host", &o->host, &err) ||
			 opt_value(argc, argv, &i, "-p", "--port", &o->port, &err) ||
			 opt_value(argc, argv, &i, "-d", "--dbname", &o->dbname, &err) ||
			 opt_value(argc, argv, &i, "-U", "--username", &o->user, &err) ||
			 opt_value(argc, argv, &i, NULL, "--service", &o->service, &err) ||
			 opt_value(argc, argv, &i, NULL, "--data", &o->data, &err) ||
			 opt_value(argc, argv, &i, NULL, "--lang", &o->lang, &err))
			continue;
		else
			return usage_error(_("unknown option %s"), a);
	}
	if (err >= 0)
		return err;
	if (o->lang && strncmp(o->lang, "zh", 2) != 0 && strncmp(o->lang, "en", 2) != 0)
		return usage_error(_("--lang takes zh or en, not %s"), o->lang);
	o->argc = argc - i;
	o->argv = argv + i;

	const char *envs[] = { "PGHOST", "PGPORT", "PGDATABASE", "PGSERVICE" };
	o->real_server = o->host || o->port || o->dbname || o->user || o->service;
	for (size_t k = 0; k < sizeof envs / sizeof envs[0]; k++) {
		const char *v = getenv(envs[k]);
		if (v && *v)
			o->real_server = true;
	}
	if (o->data) {
		if (o->data[0] != '/') {
			char cwd[256];
			if (!getcwd(cwd, sizeof cwd))
				return usage_error(_("cannot use the data folder %s"), o->data);
			if ((size_t)snprintf(o->datadir, sizeof o->datadir, "%s/%s", cwd, o->data)
			    >= sizeof o->datadir)
				return usage_error(_("the data folder name is too long: %s"), o->data);
		} else if ((size_t)snprintf(o->datadir, sizeof o->datadir, "%s", o->data)
			   >= sizeof o->datadir) {
			return usage_error(_("the data folder name is too long: %s"), o->data);
		}
	} else if (!db_cluster_default_dir(o->datadir, sizeof o->datadir)) {
		fprintf(stderr, "jiuzhu: %s\n", _("cannot find a folder for the private database (set JIUZHU_DATA)"));
		return 1;
	}
	if (o->reset && o->real_server)
		return usage_error("%s", _("--reset is for the private database only"));
	return -1;
}

static bool confirm(const char *question)
{
	char answer[16];
	FILE *tty = fopen("/dev/tty", "r+");
	bool yes = false;

	if (!tty) {
		fprintf(stderr, "jiuzhu: %s\n", _("there is no terminal to confirm on; add --yes"));
		return false;
	}
	fprintf(tty, "%s ", question);
	fflush(tty);
	if (fgets(answer, sizeof answer, tty))
		yes = answer[0] == 'y' || answer[0] == 'Y' ||
		      strncmp(answer, "是", strlen("是")) == 0;
	fclose(tty);
	return yes;
}

bool cli_reset(cli_opts *o)
{
	char err[512], q[800];

	snprintf(q, sizeof q, _("Delete the private database in %s with ALL its data? [y/N]"),
		 o->datadir);
	if (!o->yes && !confirm(q)) {
		fprintf(stderr, "jiuzhu: %s\n", _("nothing was deleted"));
		return false;
	}
	if (!db_cluster_destroy(o->datadir, err, sizeof err)) {
		fprintf(stderr, "jiuzhu: %s\n", err);
		return false;
	}
	fprintf(stderr, _("jiuzhu: the private database in %s was deleted\n"), o->datadir);
	return true;
}

static db_conn *superuser_connect(const db_cluster *cl)
{
	db_err err;
	memset(&err, 0, sizeof err);
	db_params p = {
		.host = cl->sockdir, .port = cl->port,
		.dbname = "jiuzhu", .user = DB_CLUSTER_SUPERUSER,
	};
	db_conn *c = db_connect(&p, &err);
	if (!c)
		fprintf(stderr, _("jiuzhu: cannot connect to the private database: %s\n"), err.message);
	return c;
}

bool cli_private_ready(cli_opts *o, db_cluster *cl, bool *sample)
{
	char err[512], path[700];
	struct stat st;
	db_err derr;
	int applied = 0;

	/* A staff member's own account (an SSH user) on the office's database,
	 * which root started: the server runs as its system user, so this
	 * account can neither start it nor migrate it, and needs neither: it
	 * connects as itself (peer) once the server answers. */
	if (geteuid() != 0 && stat(o->datadir, &st) == 0 && st.st_uid != geteuid()) {
		if (!db_cluster_paths(o->datadir, cl, err, sizeof err)) {
			fprintf(stderr, "jiuzhu: %s\n", err);
			return false;
		}
		if (!db_cluster_running(cl)) {
			fprintf(stderr, _("jiuzhu: the database in %s is not running; an administrator starts it (as root, run jiuzhu once).\n"),
				o->datadir);
			return false;
		}
		if (sample)
			*sample = false;
		return true;
	}
	snprintf(path, sizeof path, "%s/pgdata/PG_VERSION", o->datadir);
	if (stat(path, &st) != 0)
		fprintf(stderr, _("First start: creating the database in %s...\n"), o->datadir);
	else {
		snprintf(path, sizeof path, "%s/pgdata/postmaster.pid", o->datadir);
		if (stat(path, &st) != 0)
			fprintf(stderr, "%s\n", _("Starting the database..."));
	}
	if (!db_cluster_ensure(o->datadir, cl, err, sizeof err)) {
		fprintf(stderr, "jiuzhu: %s\n", err);
		return false;
	}
	db_conn *c = superuser_connect(cl);
	if (!c)
		return false;
	memset(&derr, 0, sizeof derr);
	bool ok = db_migrate(c, &applied, &derr);
	if (!ok)
		fprintf(stderr, _("jiuzhu: the database schema cannot be updated: %s\n"), derr.message);
	if (ok && cl->created) {
		fprintf(stderr, "%s\n", _("Loading the sample data..."));
		ok = db_load_sample(c, &derr);
		if (!ok)
			fprintf(stderr, _("jiuzhu: the sample data cannot be loaded: %s\n"), derr.message);
	}
	if (sample)
		*sample = ok && db_has_sample(c);
	db_close(c);
	return ok;
}

db_conn *cli_admin_connect(cli_opts *o)
{
	if (!o->real_server) {
		db_cluster cl;
		if (!cli_private_ready(o, &cl, NULL))
			return NULL;
		return superuser_connect(&cl);
	}
	char conninfo[600];
	const char *dbname = o->dbname;
	if (o->service) {
		/* a service name is a bare word: quoting keeps it one value */
		if (strchr(o->service, '\'') || strchr(o->service, '\\')) {
			fprintf(stderr, "jiuzhu: %s\n", _("the service name contains a quote"));
			return NULL;
		}
		snprintf(conninfo, sizeof conninfo, "service='%s'", o->service);
		dbname = conninfo;
	}
	db_err err;
	memset(&err, 0, sizeof err);
	db_params p = { .host = o->host, .port = o->port, .dbname = dbname, .user = o->user };
	db_conn *c = db_connect(&p, &err);
	if (!c)
		fprintf(stderr, _("jiuzhu: cannot connect to the database: %s\n"), err.message);
	return c;
}

bool cli_read_password(const char *prompt, char *buf, size_t len)
{
	struct termios old, quiet;
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	bool ok = false;
	size_t n = 0;

	if (fd < 0)
		return false;
	if (tcgetattr(fd, &old) != 0)
		goto out;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	/* echo off before the prompt shows, and no flush: an answer typed
	 * (or sent by a script) as soon as the prompt appears is kept */
	if (tcsetattr(fd, TCSANOW, &quiet) != 0)
		goto out;
	if (write(fd, prompt, strlen(prompt)) < 0) {
		tcsetattr(fd, TCSANOW, &old);
		goto out;
	}
	while (n + 1 < len) {
		char ch;
		ssize_t r = read(fd, &ch, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (ch == '\n' || ch == '\r') {
			ok = true;
			break;
		}
		buf[n++] = ch;
	}
	buf[n] = '\0';
	tcsetattr(fd, TCSANOW, &old);
	if (write(fd, "\n", 1) < 0)
		ok = false;
out:
	close(fd);
	if (!ok)
		explicit_bzero(buf, len);
	return ok;
}
