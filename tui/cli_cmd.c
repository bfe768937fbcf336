/* cli_cmd.c - the subcommands: migrate, staff, import, psql, server. */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bankcards.h"
#include "funds.h"
#include "i18n.h"
#include "import.h"
#include "migrate.h"
#include "residents.h"
#include "plan.h"
#include "staff.h"

static int fail_db(const db_err *err)
{
	fprintf(stderr, "jiuzhu: %s\n", err->message[0] ? err->message : _("the database refused"));
	if (err->detail[0])
		fprintf(stderr, "  %s\n", err->detail);
	return 1;
}

static int cmd_migrate(cli_opts *o)
{
	db_err err;
	int applied = 0;
	db_conn *c;

	if (o->argc != 1) {
		fprintf(stderr, "%s\n", _("jiuzhu: usage: jiuzhu migrate"));
		return 2;
	}
	if (!o->real_server) {
		/* the private cluster is migrated on every start */
		c = cli_admin_connect(o);
		if (!c)
			return 1;
		printf("%s\n", _("The private database is up to date."));
		db_close(c);
		return 0;
	}
	c = cli_admin_connect(o);
	if (!c)
		return 1;
	memset(&err, 0, sizeof err);
	bool ok = db_migrate(c, &applied, &err);
	db_close(c);
	if (!ok)
		return fail_db(&err);
	printf(_("%d migrations applied; the database is up to date.\n"), applied);
	return 0;
}

/* Asked twice on the terminal, never echoed, never written anywhere. */
static bool ask_new_password(char *buf, size_t len)
{
	char again[256];
	bool ok = false;

	for (int tries = 0; tries < 3 && !ok; tries++) {
		if (!cli_read_password(_("New password: "), buf, len) ||
		    !cli_read_password(_("Repeat the password: "), again, sizeof again)) {
			fprintf(stderr, "jiuzhu: %s\n", _("no password was given (a terminal is needed)"));
			break;
		}
		if (buf[0] == '\0')
			fprintf(stderr, "jiuzhu: %s\n", _("the password is empty; try again"));
		else if (strcmp(buf, again) != 0)
			fprintf(stderr, "jiuzhu: %s\n", _("the two passwords differ; try again"));
		else
			ok = true;
	}
	explicit_bzero(again, sizeof again);
	if (!ok)
		explicit_bzero(buf, len);
	return ok;
}

static int cmd_staff(cli_opts *o)
{
	int argc = o->argc;
	char **argv = o->argv;
	const char *sub = argc > 1 ? argv[1] : "";
	const char *name = argc > 2 ? argv[2] : NULL;
	char password[256];
	db_err err;
	bool ok;

	memset(&err, 0, sizeof err);
	if (!name || name[0] == '-') {
		fprintf(stderr, "%s\n", _("jiuzhu: usage: jiuzhu staff add|disable|passwd NAME ..."));
		return 2;
	}
	if (strcmp(sub, "add") == 0) {
		const char *role = NULL, *community = NULL, *display = NULL;
		bool peer = false;
		for (int i = 3; i < argc; i++) {
			if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
				role = argv[++i];
			else if (strcmp(argv[i], "--community") == 0 && i + 1 < argc)
				community = argv[++i];
			else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
				display = argv[++i];
			else if (strcmp(argv[i], "--peer") == 0)
				peer = true;
			else {
				fprintf(stderr, _("jiuzhu: staff add: unexpected %s\n"), argv[i]);
				return 2;
			}
		}
		db_staff_role r = role ? db_staff_role_parse(role) : DB_ROLE_NONE;
		if (r == DB_ROLE_NONE || !community) {
			fprintf(stderr, "%s\n", _("jiuzhu: staff add needs --role reception|caseworker|supervisor|admin and --community C"));
			return 2;
		}
		if (!peer && !ask_new_password(password, sizeof password))
			return 1;
		db_conn *c = cli_admin_connect(o);
		if (!c) {
			explicit_bzero(password, sizeof password);
			return 1;
		}
		ok = db_staff_add(c, name, display ? display : name, r, community,
				  peer ? NULL : password, &err);
		explicit_bzero(password, sizeof password);
		db_close(c);
		if (!ok)
			return fail_db(&err);
		printf(_("Staff member %s added.\n"), name);
		return 0;
	}
	if (strcmp(sub, "disable") == 0 || strcmp(sub, "passwd") == 0) {
		bool disable = sub[0] == 'd';
		if (argc != 3) {
			fprintf(stderr, _("jiuzhu: usage: jiuzhu staff %s NAME\n"), sub);
			return 2;
		}
		if (!disable && !ask_new_password(password, sizeof password))
			return 1;
		db_conn *c = cli_admin_connect(o);
		if (!c) {
			explicit_bzero(password, sizeof password);
			return 1;
		}
		ok = disable ? db_staff_disable(c, name, &err)
			     : db_staff_set_password(c, name, password, &err);
		explicit_bzero(password, sizeof password);
		db_close(c);
		if (!ok)
			return fail_db(&err);
		if (disable)
			printf(_("Staff member %s can no longer log in.\n"), name);
		else
			printf(_("The password of %s was changed.\n"), name);
		return 0;
	}
	fprintf(stderr, _("jiuzhu: unknown staff command %s\n"), sub);
	return 2;
}

static void print_bad_line(void *ctx, long line, const char *reason)
{
	(void)ctx;
	printf(_("line %ld: %s\n"), line, reason);
}

/* The arguments of a CSV import: FILE.csv --encoding E [--dry-run];
 * false on anything else. */
static bool import_args(cli_opts *o, db_csv_opts *co, const char **path)
{
	*path = NULL;
	for (int i = 2; i < o->argc; i++) {
		if (strcmp(o->argv[i], "--encoding") == 0 && i + 1 < o->argc)
			co->encoding = o->argv[++i];
		else if (strncmp(o->argv[i], "--encoding=", 11) == 0)
			co->encoding = o->argv[i] + 11;
		else if (strcmp(o->argv[i], "--dry-run") == 0)
			co->dry_run = true;
		else if (!*path && o->argv[i][0] != '-')
			*path = o->argv[i];
		else
			return false;
	}
	return *path && db_csv_charset(co->encoding);
}

/* The file readable, then the administrative connection. */
static db_conn *import_connect(cli_opts *o, const char *path)
{
	if (access(path, R_OK) != 0) {
		fprintf(stderr, _("jiuzhu: cannot read %s: %s\n"), path, strerror(errno));
		return NULL;
	}
	return cli_admin_connect(o);
}

/* jiuzhu import residents FILE.csv --encoding utf-8|gbk|gb18030 [--dry-run]
 * Exit 0: every line imported; 3: some lines were bad (listed); 1: failed. */
static int cmd_import_residents(cli_opts *o)
{
	db_residents_opts ro = { .encoding = "utf-8", .bad = print_bad_line };
	db_residents_result res;
	const char *path;
	db_err err;

	if (!import_args(o, &ro, &path)) {
		fprintf(stderr, "%s\n", _("jiuzhu: usage: jiuzhu import residents FILE.csv --encoding utf-8|gbk|gb18030 [--dry-run]"));
		return 2;
	}
	db_conn *c = import_connect(o, path);
	if (!c)
		return 1;
	bool ok = db_import_residents(c, path, &ro, &res, &err);
	db_close(c);
	if (!ok)
		return fail_db(&err);
	if (ro.dry_run)
		printf(_("Dry run: %ld lines checked, %ld good, %ld bad; nothing was imported.\n"),
		       res.lines, res.good, res.bad);
	else
		printf(_("%ld lines: %ld imported (%ld new persons, %ld updated, %ld new households), %ld bad.\n"),
		       res.lines, res.good, res.persons_new, res.persons_updated, res.households_new, res.bad);
	return res.bad > 0 ? 3 : 0;
}

/* jiuzhu import bankcards FILE.csv --encoding utf-8|gbk|gb18030 [--dry-run]
 * Exit as import residents. */
static int cmd_import_bankcards(cli_opts *o)
{
	db_csv_opts bo = { .encoding = "utf-8", .bad = print_bad_line };
	db_bankcards_result res;
	const char *path;
	db_err err;

	if (!import_args(o, &bo, &path)) {
		fprintf(stderr, "%s\n", _("jiuzhu: usage: jiuzhu import bankcards FILE.csv --encoding utf-8|gbk|gb18030 [--dry-run]"));
		return 2;
	}
	db_conn *c = import_connect(o, path);
	if (!c)
		return 1;
	bool ok = db_import_bankcards(c, path, &bo, &res, &err);
	db_close(c);
	if (!ok)
		return fail_db(&err);
	if (bo.dry_run)
		printf(_("Dry run: %ld lines: %ld persons' bank cards would be updated, %ld unchanged, %ld bad lines (listed above); nothing was written.\n"),
		       res.lines, res.changed, res.unchanged, res.bad);
	else
		printf(_("%ld lines: %ld persons' bank cards updated, %ld unchanged, %ld bad lines (listed above).\n"),
		       res.lines, res.changed, res.unchanged, res.bad);
	return res.bad > 0 ? 3 : 0;
}

static int cmd_import(cli_opts *o)
{
	const char *what = o->argc > 1 ? o->argv[1] : "";
	db_err err;
	int rows = 0;
	bool holidays = strcmp(what, "holidays") == 0;

	if (strcmp(what, "residents") == 0)
		return cmd_import_residents(o);
	if (strcmp(what, "bankcards") == 0)
		return cmd_import_bankcards(o);

	if (o->argc != 3 || (!holidays && strcmp(what, "areacodes") != 0)) {
		fprintf(stderr, "%s\n", _("jiuzhu: usage: jiuzhu import holidays FILE.json | import areacodes FILE.csv | import residents FILE.csv --encoding utf-8|gbk|gb18030 [--dry-run]"));
		fprintf(stderr, "%s\n", _("       jiuzhu import bankcards FILE.csv --encoding utf-8|gbk|gb18030 [--dry-run]"));
		return 2;
	}
	if (access(o->argv[2], R_OK) != 0) {
		fprintf(stderr, _("jiuzhu: cannot read %s: %s\n"), o->argv[2], strerror(errno));
		return 1;
	}
	db_conn *c = cli_admin_connect(o);
	if (!c)
		return 1;
	memset(&err, 0, sizeof err);
	bool ok = holidays ? db_import_holidays(c, o->argv[2], &rows, &err)
			   : db_import_areacodes(c, o->argv[2], &rows, &err);
	db_close(c);
	if (!ok)
		return fail_db(&err);
	if (holidays)
		printf(_("%d days of the holiday calendar loaded.\n"), rows);
	else
		printf(_("%d area codes loaded.\n"), rows);
	return 0;
}

/* jiuzhu export payments YYYY-MM [--encoding utf-8|gb18030] FILE: the
 * month's bank list (db/funds.h), as the administrative connection. */
static int cmd_export_payments(cli_opts *o)
{
	const char *month = NULL, *file = NULL, *enc = "utf-8";
	db_err err;
	size_t rows = 0, nocard = 0;

	for (int i = 2; i < o->argc; i++) {
		if (strcmp(o->argv[i], "--encoding") == 0 && i + 1 < o->argc)
			enc = o->argv[++i];
		else if (!month)
			month = o->argv[i];
		else if (!file)
			file = o->argv[i];
		else
			month = NULL, i = o->argc;
	}
	if (!month || !file) {
		fprintf(stderr, "%s\n", _("jiuzhu: usage: jiuzhu export payments YYYY-MM [--encoding utf-8|gb18030] FILE"));
		return 2;
	}
	db_conn *c = cli_admin_connect(o);
	if (!c)
		return 1;
	memset(&err, 0, sizeof err);
	bool ok = db_payment_export_csv_cards(c, month, enc, file, &rows, &nocard, &err);
	db_close(c);
	if (!ok)
		return fail_db(&err);
	printf(_("%zu payments of %s written to %s.\n"), rows, month, file);
	if (nocard > 0)
		printf(_("%zu of them have no bank card.\n"), nocard);
	return 0;
}

/* jiuzhu daily: the jobs of a new day, for cron (e.g. "5 0 * * *"), as the
 * administrative connection: approved plans whose start date has come
 * become active in every community (0063). Staff logins and the 回访 queue
 * run the same job for their communities, so a missed night loses nothing. */
static int cmd_daily(cli_opts *o)
{
	db_err err;
	int n = 0;

	if (o->argc > 1) {
		fprintf(stderr, "%s\n", _("jiuzhu: usage: jiuzhu daily"));
		return 2;
	}
	db_conn *c = cli_admin_connect(o);
	if (!c)
		return 1;
	memset(&err, 0, sizeof err);
	bool ok = db_plans_activate_due(c, &n, &err);
	db_close(c);
	if (!ok)
		return fail_db(&err);
	printf(_("Daily jobs done: %d approved plans became active.\n"), n);
	return 0;
}

static int cmd_psql(cli_opts *o)
{
	db_cluster cl;
	char conninfo[1400];

	if (o->real_server) {
		fprintf(stderr, "jiuzhu: %s\n", _("psql is for the private database; use psql itself for a server"));
		return 2;
	}
	if (!cli_private_ready(o, &cl, NULL))
		return 1;
	snprintf(conninfo, sizeof conninfo, "host='%s' port='%s' dbname=jiuzhu user=%s",
		 cl.sockdir, cl.port, DB_CLUSTER_SUPERUSER);
	char *args[64];
	int n = 0;
	args[n++] = (char *)"psql";
	args[n++] = conninfo;
	for (int i = 1; i < o->argc && n < 63; i++)
		args[n++] = o->argv[i];   /* e.g. -c 'SELECT ...' */
	args[n] = NULL;
	fflush(NULL);
	execvp("psql", args);
	execv("/usr/lib/postgresql/15/bin/psql", args);
	fprintf(stderr, _("jiuzhu: cannot run psql: %s\n"), strerror(errno));
	return 1;
}

static int cmd_server(cli_opts *o)
{
	const char *what = o->argc > 1 ? o->argv[1] : "";
	db_cluster cl;
	char err[512];

	if (o->argc != 2 || (strcmp(what, "status") != 0 && strcmp(what, "stop") != 0)) {
		fprintf(stderr, "%s\n", _("jiuzhu: usage: jiuzhu server status|stop"));
		return 2;
	}
	if (o->real_server) {
		fprintf(stderr, "jiuzhu: %s\n", _("server status and stop are for the private database"));
		return 2;
	}
	if (!db_cluster_paths(o->datadir, &cl, err, sizeof err)) {
		fprintf(stderr, "jiuzhu: %s\n", err);
		return 1;
	}
	bool running = db_cluster_running(&cl);
	if (strcmp(what, "status") == 0) {
		if (running)
			printf(_("The private database in %s is running.\n"), cl.dir);
		else
			printf(_("The private database in %s is not running.\n"), cl.dir);
		return running ? 0 : 3;
	}
	if (!db_cluster_stop(&cl, err, sizeof err)) {
		fprintf(stderr, "jiuzhu: %s\n", err);
		return 1;
	}
	printf(_("The private database in %s is stopped.\n"), cl.dir);
	return 0;
}

int cli_run(cli_opts *o)
{
	const char *cmd = o->argv[0];

	if (strcmp(cmd, "migrate") == 0)
		return cmd_migrate(o);
	if (strcmp(cmd, "staff") == 0)
		return cmd_staff(o);
	if (strcmp(cmd, "import") == 0)
		return cmd_import(o);
	if (strcmp(cmd, "psql") == 0)
		return cmd_psql(o);
	if (strcmp(cmd, "export") == 0 && o->argc > 1 && strcmp(o->argv[1], "payments") == 0)
		return cmd_export_payments(o);
	if (strcmp(cmd, "server") == 0)
		return cmd_server(o);
	if (strcmp(cmd, "daily") == 0)
		return cmd_daily(o);
	fprintf(stderr, _("jiuzhu: unknown command %s\n"), cmd);
	fprintf(stderr, "%s\n", _("Try 'jiuzhu --help' for more information."));
	return 2;
}
