/* cli.h - the command line: options like psql's, the subcommands (migrate,
 * staff, import, psql, server), and how to reach the database. */
#ifndef JZ_TUI_CLI_H
#define JZ_TUI_CLI_H

#include <stdbool.h>
#include "db.h"
#include "cluster.h"

typedef struct cli_opts {
	const char *host, *port, *dbname, *user, *service;
	const char *data;      /* --data DIR */
	const char *lang;      /* --lang zh|en */
	bool reset, yes, login;
	bool real_server;      /* -h/-p/-d/-U/--service or PG* set */
	char datadir[512];     /* resolved private folder */
	int argc;              /* what follows the options: a subcommand */
	char **argv;
} cli_opts;

/* Parse argv; returns -1 to go on, else an exit status (--help, errors). */
int cli_parse(cli_opts *o, int argc, char **argv);
void cli_usage(FILE *out);

/* --reset: destroy the private cluster and its data, after a yes on the
 * terminal unless --yes. false when refused or failed (message printed). */
bool cli_reset(cli_opts *o);

/* Start (and on first use create, migrate and fill with sample data) the
 * private cluster; progress goes to stderr. sample: the sample data is
 * there. Returns false with a message printed. */
bool cli_private_ready(cli_opts *o, db_cluster *cl, bool *sample);

/* An administrative connection: the private superuser, or the real server
 * as -U / libpq's defaults. NULL with a message printed. */
db_conn *cli_admin_connect(cli_opts *o);

/* Run the subcommand in o->argv; returns the exit status. */
int cli_run(cli_opts *o);

/* Read a password from /dev/tty with echo off. false on EOF or no tty. */
bool cli_read_password(const char *prompt, char *buf, size_t len);

#endif
