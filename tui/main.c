/* main.c - entry point: locale and language, the command line, the private
 * cluster or a real server, then the TUI (peer login first for SSH users). */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "i18n.h"
#include "migrate.h"
#include "staff.h"

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool charset_can_show_chinese(void)
{
	const char *cs = nl_langinfo(CODESET);
	return strcmp(cs, "UTF-8") == 0 || strcmp(cs, "GB18030") == 0;
}

/* --lang / $JIUZHU_LANG: force Chinese on a server whose locale is C, or
 * English under a Chinese locale. Must run before the first gettext call. */
static void choose_language(const char *lang)
{
	if (!lang || !*lang)
		lang = getenv("JIUZHU_LANG");
	if (!lang || !*lang)
		return;
	if (strncmp(lang, "zh", 2) == 0) {
		/* the terminal must be able to show Chinese: UTF-8 when the
		 * locale is C (C.UTF-8 is always there on glibc >= 2.35) */
		if (!charset_can_show_chinese())
			setlocale(LC_CTYPE, "C.UTF-8");
		/* gettext ignores LANGUAGE when LC_MESSAGES is C: pick a real
		 * locale for messages, the zh_CN one when it was generated */
		if (!setlocale(LC_MESSAGES, "zh_CN.UTF-8"))
			setlocale(LC_MESSAGES, "C.UTF-8");
		setenv("LANGUAGE", "zh_CN", 1);
	} else if (strncmp(lang, "en", 2) == 0) {
		setlocale(LC_MESSAGES, "C.UTF-8");
		setenv("LANGUAGE", "en", 1);
	}
}

static void bind_messages(void)
{
	const char *dir = getenv("JIUZHU_LOCALEDIR");
	if (!dir || !*dir)
		dir = is_dir(JZ_BUILD_LOCALEDIR) ? JZ_BUILD_LOCALEDIR : JZ_LOCALEDIR;
	bindtextdomain(JZ_TEXTDOMAIN, dir);
	bind_textdomain_codeset(JZ_TEXTDOMAIN, "UTF-8");
	textdomain(JZ_TEXTDOMAIN);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Try a password-less login as the OS user (SSH users: peer authentication).
 * true when it worked and the role is a staff member. */
static bool try_peer_login(ui_app *app, const char *user)
{
	db_err err;
	db_staff_info me;

	memset(&err, 0, sizeof err);
	memset(&me, 0, sizeof me);
	db_conn *c = ui_app_connect(app, user, NULL, &err);
	if (!c)
		return false;
	if (!db_staff_whoami(c, &me, &err) || me.role == DB_ROLE_NONE) {
		db_close(c);
		return false;
	}
	ui_app_session_begin(app, c, &me, true);
	return true;
}

static const char *os_user(void)
{
	struct passwd *pw = getpwuid(geteuid());
	return pw ? pw->pw_name : NULL;
}

static int run_tui(cli_opts *o)
{
	ui_app app;
	int rc = 1;

	ui_app_init(&app);
	if (o->real_server) {
		app.target.host = dup_or_null(o->host);
		app.target.port = dup_or_null(o->port);
		app.target.dbname = dup_or_null(o->dbname);
		app.target.service = dup_or_null(o->service);
	} else {
		db_cluster cl;
		bool sample = false;
		if (!cli_private_ready(o, &cl, &sample))
			goto out;
		app.target.host = strdup(cl.sockdir);
		app.target.port = strdup(cl.port);
		app.target.dbname = strdup("jiuzhu");
		app.target.private_cluster = true;
		app.target.sample = sample;
	}

	const ui_screen_ops *first = &ui_login_screen;
	if (!o->login) {
		const char *user = o->user ? o->user : os_user();
		/* root and the cluster's own superuser are no staff members */
		if (user && (o->user || geteuid() != 0) &&
		    strcmp(user, DB_CLUSTER_SUPERUSER) != 0 && try_peer_login(&app, user))
			first = &ui_menu_screen;
	}
	rc = ui_app_run(&app, first, first == &ui_login_screen ? (void *)o->user : NULL);
out:
	ui_app_finish(&app);
	return rc;
}

int main(int argc, char **argv)
{
	cli_opts o;
	int rc;

	setlocale(LC_ALL, "");
	/* --lang must act before any message is translated: find it first */
	const char *lang = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[i + 1];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
		else if (strcmp(argv[i], "--") == 0)
			break;
	}
	choose_language(lang);
	bind_messages();

	rc = cli_parse(&o, argc, argv);
	if (rc >= 0)
		return rc;
	/* start over before anything else touches the folder */
	if (o.reset && !cli_reset(&o))
		return 1;
	if (o.argc > 0)
		return cli_run(&o);
	return run_tui(&o);
}
