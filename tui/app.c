/* app.c - the event loop: one pselect() on the terminal and the database
 * socket, with a timeout for the clock's minute and the idle lock. Signals
 * only set a flag; the loop saves, restores the terminal and leaves. */
#include "app.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "frame.h"
#include "i18n.h"
#include "plan.h"
#include "workflow.h"

/* The only mutable globals: what a signal handler may touch. */
static volatile sig_atomic_t got_quit_signal;
static volatile sig_atomic_t got_winch;

static void on_quit_signal(int sig)
{
	got_quit_signal = sig;
}

static void on_winch(int sig)
{
	(void)sig;
	got_winch = 1;
}

static time_t mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

void ui_app_init(ui_app *app)
{
	memset(app, 0, sizeof *app);
	app->tty_fd = -1;
	app->sync_fd = -1;
	app->idle_override = -1;

	const char *s = getenv("JIUZHU_SYNC_FD");
	if (s && *s) {
		char *end;
		long fd = strtol(s, &end, 10);
		if (*end == '\0' && fd >= 0 && fd < 65536)
			app->sync_fd = (int)fd;
	}
	s = getenv("JIUZHU_FAKE_TIME");
	if (s && strlen(s) == 5 && s[2] == ':')
		snprintf(app->fake_time, sizeof app->fake_time, "%s", s);
	s = getenv("JIUZHU_IDLE_LOCK");
	if (s && *s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (*end == '\0' && v >= 0 && v < 86400 * 7)
			app->idle_override = (int)v;
	}
}

void ui_app_finish(ui_app *app)
{
	if (!app)
		return;
	while (app->top)
		ui_app_pop(app);
	ui_app_session_end(app);
	free(app->target.host);
	free(app->target.port);
	free(app->target.dbname);
	free(app->target.service);
	memset(&app->target, 0, sizeof app->target);
}

void ui_app_message(ui_app *app, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->msg, sizeof app->msg, fmt, ap);
	va_end(ap);
	app->msg_error = error;
	app->msg_fresh = true;
}

void ui_app_clear_message(ui_app *app)
{
	app->msg[0] = '\0';
	app->msg_error = false;
	app->msg_fresh = false;
}

ui_screen *ui_app_push(ui_app *app, const ui_screen_ops *ops, void *arg)
{
	ui_screen *s = calloc(1, sizeof *s);
	if (!s) {
		ui_app_message(app, true, "%s", _("Out of memory."));
		return NULL;
	}
	s->ops = ops;
	s->below = app->top;
	if (ops->open && !ops->open(s, app, arg)) {
		free(s);
		return NULL;
	}
	app->top = s;
	return s;
}

void ui_app_pop(ui_app *app)
{
	ui_screen *s = app->top;
	if (!s)
		return;
	app->top = s->below;
	if (s->ops->close)
		s->ops->close(s, app);
	free(s);
}

ui_screen *ui_app_replace(ui_app *app, const ui_screen_ops *ops, void *arg)
{
	ui_app_pop(app);
	return ui_app_push(app, ops, arg);
}

void ui_app_session_begin(ui_app *app, db_conn *conn, const db_staff_info *me,
			  bool peer)
{
	ui_app_session_end(app);
	app->conn = conn;
	app->db_lost = false;
	app->listen_wanted = app->listening = false;
	app->me = *me;
	app->peer = peer;
	app->last_input = mono_now();
	/* approved plans whose start date has come become active (0063); one
	 * cheap statement, so no supervisor has to open 审批 for it */
	if (me->role == DB_ROLE_CASEWORKER || me->role == DB_ROLE_SUPERVISOR) {
		db_err e;
		int n = 0;
		if (db_plans_activate_due(conn, &n, &e) && n > 0)
			ui_app_message(app, false, _("Approved plans that became active today: %d"), n);
	}
}

void ui_app_session_end(ui_app *app)
{
	db_close(app->conn);
	app->conn = NULL;
	app->listen_wanted = app->listening = false;
	memset(&app->me, 0, sizeof app->me);
	app->peer = false;
}

int ui_app_idle_seconds(const ui_app *app)
{
	if (app->idle_override >= 0)
		return app->idle_override;
	return app->me.idle_lock_seconds > 0 ? app->me.idle_lock_seconds : 300;
}

db_conn *ui_app_connect(const ui_app *app, const char *user,
			const char *password, db_err *err)
{
	char conninfo[1024];
	const char *dbname = app->target.dbname;

	if (app->target.service) {
		/* conninfo quoting: 'value' with \' and \\ escaped */
		size_t o = 0;
		const char *parts[2][2] = {
			{ "service", app->target.service },
			{ "dbname", app->target.dbname },
		};
		for (int i = 0; i < 2; i++) {
			const char *v = parts[i][1];
			if (!v)
				continue;
			o += (size_t)snprintf(conninfo + o, sizeof conninfo - o, "%s%s='",
					      o ? " " : "", parts[i][0]);
			for (; *v && o + 4 < sizeof conninfo; v++) {
				if (*v == '\'' || *v == '\\')
					conninfo[o++] = '\\';
				conninfo[o++] = *v;
			}
			if (o + 2 >= sizeof conninfo)
				break;
			conninfo[o++] = '\'';
			conninfo[o] = '\0';
		}
		dbname = conninfo;
	}
	db_params p = {
		.host = app->target.host,
		.port = app->target.port,
		.dbname = dbname,
		.user = user,
		.password = password,
	};
	return db_connect(&p, err);
}

const char *ui_login_error_text(const db_err *err)
{
	switch (err->kind) {
	case DB_ERR_AUTH:
		return _("Wrong user name or password.");
	case DB_ERR_DISABLED:
		return _("This account is disabled. Ask the administrator.");
	case DB_ERR_CONNECT:
	case DB_ERR_LOST:
		return _("The database server cannot be reached. Try again later.");
	case DB_OK:
	case DB_ERR_SQL:
	case DB_ERR_OTHER:
	default:
		return _("Login failed because of a database error.");
	}
}

const char *ui_screen_action_name(const ui_screen *s, ui_action a)
{
	const char *n = s && s->ops->action_name ? s->ops->action_name(s, a) : NULL;
	const ui_action_def *d = ui_action_get(a);
	return n ? n : d ? _(d->name) : "";
}

/* --- drawing --------------------------------------------------------- */

static bool too_small(const ui_app *app)
{
	return app->rows < UI_MIN_ROWS || app->cols < UI_MIN_COLS;
}

static void render(ui_app *app, int *cursor_vis)
{
	int cy = -1, cx = -1;

	werase(stdscr);
	if (too_small(app)) {
		ui_frame_draw_small(app);
	} else if (app->top) {
		ui_screen *s = app->top;
		s->more = UI_MORE_NONE;
		s->ops->draw(s, app, ui_frame_body(app), &cy, &cx);
		ui_frame_draw(app, s);
	}
	int vis = cy >= 0 ? 1 : 0;
	if (vis != *cursor_vis) {
		curs_set(vis);
		*cursor_vis = vis;
	}
	if (vis)
		wmove(stdscr, cy, cx);
	else
		wmove(stdscr, app->rows - 1, 0);
	wnoutrefresh(stdscr);
	doupdate();
	if (app->sync_fd >= 0 && write(app->sync_fd, "\n", 1) < 0)
		app->sync_fd = -1;   /* the test went away: stop signalling */
}

static void resize(ui_app *app)
{
	struct winsize ws;
	if (ioctl(app->tty_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	app->rows = LINES;
	app->cols = COLS;
	clearok(curscr, TRUE);   /* the terminal may have reflowed: repaint all */
}

/* --- keys -------------------------------------------------------------- */

static const ui_action small_actions[] = { UI_ACT_EXIT, UI_ACT_NONE };

static void handle_key(ui_app *app, int rc, wint_t ch)
{
	ui_key k = { .code = rc == KEY_CODE_YES, .ch = ch };
	ui_screen *s = app->top;

	if (k.code && ch == KEY_RESIZE) {
		resize(app);
		return;
	}
	app->last_input = mono_now();
	app->msg_fresh = false;   /* the key legend comes back under a long message */
	if (!s) {
		app->quit = true;
		return;
	}
	if (too_small(app)) {
		/* the screen keeps its state; only leaving works until enlarged */
		ui_action a = ui_keys_lookup(small_actions, k);
		if (a == UI_ACT_INTERRUPT || a == UI_ACT_EXIT)
			app->quit = true;
		return;
	}
	ui_action a = ui_keys_lookup(s->ops->actions, k);
	if (a == UI_ACT_INTERRUPT) {
		app->quit = true;
		return;
	}
	if (a != UI_ACT_NONE)
		ui_app_clear_message(app);
	if (a == UI_ACT_REFRESH)
		clearok(curscr, TRUE);   /* Ctrl-L habit: repaint a garbled screen */
	if ((a == UI_ACT_HELP || a == UI_ACT_LIST_HELP) && s->ops != &ui_help_screen) {
		ui_app_push(app, &ui_help_screen, s);
		return;
	}
	ui_result r = s->ops->key(s, app, k, a);
	if (r == UI_QUIT || (r == UI_UNHANDLED && a == UI_ACT_EXIT))
		app->quit = true;
	else if (r == UI_UNHANDLED && a == UI_ACT_NONE)
		beep();
}

/* Read every key that is waiting. Returns false when the terminal is gone
 * (EOF, EIO after the SSH connection dropped): the caller leaves. */
static bool drain_keys(ui_app *app)
{
	int got = 0;

	nodelay(stdscr, TRUE);
	while (!app->quit && !got_quit_signal) {
		wint_t ch;
		int rc = wget_wch(stdscr, &ch);
		if (rc == ERR)
			break;
		got++;
		handle_key(app, rc, ch);
		if (got_winch) {
			got_winch = 0;
			resize(app);
		}
	}
	nodelay(stdscr, FALSE);
	/* select() said readable yet nothing came: end of file or an error */
	return got > 0 || app->quit || got_quit_signal;
}

/* --- the loop ---------------------------------------------------------- */

static void check_idle_lock(ui_app *app)
{
	if (!app->conn || !app->top || app->top->ops == &ui_lock_screen)
		return;
	for (ui_screen *s = app->top; s; s = s->below)
		if (s->ops == &ui_lock_screen)
			return;
	int idle = ui_app_idle_seconds(app);
	if (idle > 0 && mono_now() - app->last_input >= idle)
		ui_app_push(app, &ui_lock_screen, NULL);
}

static long timeout_ms(const ui_app *app)
{
	long ms = 60000;
	struct timespec ts;

	if (!app->fake_time[0] && clock_gettime(CLOCK_REALTIME, &ts) == 0)
		ms = (60 - ts.tv_sec % 60) * 1000L - ts.tv_nsec / 1000000L + 20;
	if (app->conn && app->db_lost) {
		long left = ((long)app->retry_at - (long)mono_now()) * 1000L;
		if (left < ms)
			ms = left < 0 ? 0 : left;
	}
	if (app->conn) {
		int idle = ui_app_idle_seconds(app);
		if (idle > 0) {
			long left = ((long)(app->last_input + idle) - (long)mono_now()) * 1000L + 20;
			if (left < ms)
				ms = left < 0 ? 0 : left;
		}
	}
	return ms;
}

bool ui_app_listen(ui_app *app)
{
	db_err err;

	app->listen_wanted = true;
	if (app->listening || !app->conn || app->db_lost)
		return app->listening;
	memset(&err, 0, sizeof err);
	app->listening = db_wf_listen(app->conn, &err);
	if (!app->listening)
		ui_app_message(app, true, _("Live updates are off: %s"), err.message);
	return app->listening;
}

static void connection_lost(ui_app *app)
{
	ui_app_message(app, true, "%s",
		       _("The connection to the database was lost. Your input is kept; reconnecting..."));
	app->db_lost = true;
	app->listening = false;   /* LISTEN dies with the session */
	app->retry_delay = 1;
	app->retry_at = mono_now() + app->retry_delay;
}

/* Reconnect with backoff (1, 2, 4 ... 60 s) while the screen stays as it is. */
static void maybe_reconnect(ui_app *app)
{
	if (app->conn && !app->db_lost && PQstatus(db_pg(app->conn)) != CONNECTION_OK)
		connection_lost(app);   /* noticed by a query, not by the socket */
	if (!app->conn || !app->db_lost)
		return;
	/* a screen's query already reconnected (db_exec resets a dead
	 * connection): resetting again would drop a good session */
	bool up = PQstatus(db_pg(app->conn)) == CONNECTION_OK;
	if (!up && mono_now() < app->retry_at)
		return;
	if (up || db_reset(app->conn)) {
		app->db_lost = false;
		ui_app_message(app, false, "%s", _("The connection to the database is back."));
		if (app->listen_wanted && ui_app_listen(app))
			for (ui_screen *s = app->top; s; s = s->below)
				if (s->ops->notify)
					s->ops->notify(s, app);   /* what changed meanwhile */
		return;
	}
	app->retry_delay = app->retry_delay < 30 ? app->retry_delay * 2 : 60;
	app->retry_at = mono_now() + app->retry_delay;
}

/* Hand NOTIFYs to the screens. Also called when the socket was not
 * readable: a screen's own query may have left some in libpq's queue. */
static void deliver_notifies(ui_app *app)
{
	PGnotify *n;
	int got = 0;

	if (!app->conn)
		return;
	while ((n = PQnotifies(db_pg(app->conn))) != NULL) {
		PQfreemem(n);
		got++;
	}
	if (got == 0)
		return;
	for (ui_screen *s = app->top; s; s = s->below)
		if (s->ops->notify)
			s->ops->notify(s, app);
}

static void database_input(ui_app *app)
{
	PGconn *pg = db_pg(app->conn);
	if (!PQconsumeInput(pg) || PQstatus(pg) != CONNECTION_OK) {
		connection_lost(app);
		return;
	}
	deliver_notifies(app);
}

static bool setup_terminal(ui_app *app)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s\n", _("jiuzhu: standard input and output must be a terminal."));
		return false;
	}
	app->tty_in = stdin;
	app->tty_out = stdout;
	app->tty_fd = STDIN_FILENO;
	app->term = newterm(NULL, stdout, stdin);
	if (!app->term) {
		fprintf(stderr, "%s\n", _("jiuzhu: this terminal type is unknown (check TERM)."));
		return false;
	}
	set_term(app->term);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(200);
	typeahead(-1);
	ui_keys_define();
	const char *nc = getenv("NO_COLOR");
	if (has_colors() && !(nc && *nc)) {
		start_color();
		/* the terminal's own colours for everything else: no colour
		 * codes around every typed character */
		use_default_colors();
		/* drawn with A_REVERSE: the pair's foreground becomes the background */
		init_pair(1, COLOR_BLUE, COLOR_WHITE);
		init_pair(2, COLOR_RED, COLOR_WHITE);
		app->colour = true;
	}
	app->rows = LINES;
	app->cols = COLS;
	return true;
}

static void install_signals(sigset_t *blocked, sigset_t *orig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;   /* no SA_RESTART: interrupt pselect */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);

	/* Blocked except inside pselect(): no signal can slip in between the
	 * flag check and the wait. */
	sigemptyset(blocked);
	sigaddset(blocked, SIGHUP);
	sigaddset(blocked, SIGTERM);
	sigaddset(blocked, SIGINT);
	sigaddset(blocked, SIGWINCH);
	sigprocmask(SIG_BLOCK, blocked, orig);
}

int ui_app_run(ui_app *app, const ui_screen_ops *first, void *arg)
{
	sigset_t blocked, orig;
	int cursor_vis = -1;

	install_signals(&blocked, &orig);
	if (!setup_terminal(app)) {
		sigprocmask(SIG_SETMASK, &orig, NULL);
		return 1;
	}
	app->last_input = mono_now();
	if (!ui_app_push(app, first, arg))
		app->quit = true;

	while (!app->quit && !got_quit_signal) {
		if (got_winch) {
			got_winch = 0;
			resize(app);
		}
		maybe_reconnect(app);
		check_idle_lock(app);
		deliver_notifies(app);
		long tick_ms = app->top && app->top->ops->tick ? app->top->ops->tick(app->top, app) : -1;
		render(app, &cursor_vis);

		fd_set rd;
		int maxfd = app->tty_fd;
		FD_ZERO(&rd);
		FD_SET(app->tty_fd, &rd);
		int dbfd = -1;
		if (app->conn && PQstatus(db_pg(app->conn)) == CONNECTION_OK) {
			dbfd = PQsocket(db_pg(app->conn));
			if (dbfd >= 0 && dbfd < FD_SETSIZE) {
				FD_SET(dbfd, &rd);
				if (dbfd > maxfd)
					maxfd = dbfd;
			} else {
				dbfd = -1;
			}
		}
		long ms = timeout_ms(app);
		if (tick_ms >= 0 && tick_ms < ms)
			ms = tick_ms;
		struct timespec to = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };
		int n = pselect(maxfd + 1, &rd, NULL, NULL, &to, &orig);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;   /* EBADF: the terminal is gone */
		}
		if (n == 0)
			continue;   /* the minute changed or the idle lock is due */
		if (dbfd >= 0 && FD_ISSET(dbfd, &rd))
			database_input(app);
		if (FD_ISSET(app->tty_fd, &rd) && !drain_keys(app))
			break;
	}

	/* Leaving: every screen keeps what was typed, then the terminal is restored. */
	for (ui_screen *s = app->top; s; s = s->below)
		if (s->ops->save)
			s->ops->save(s, app);
	while (app->top)
		ui_app_pop(app);
	endwin();
	delscreen(app->term);
	app->term = NULL;
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return 0;
}
