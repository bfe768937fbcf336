/* app.h - the application: one terminal, a stack of screens, the staff
 * session, the event loop. Screens are objects behind a small table of
 * function pointers (open, draw, key, close, save), one file each. */
#ifndef JZ_TUI_APP_H
#define JZ_TUI_APP_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>
#include <curses.h>

#include "db.h"
#include "staff.h"
#include "keys.h"

typedef struct ui_app ui_app;
typedef struct ui_screen ui_screen;

/* What the loop must do after a key (htop's HandlerResult). */
typedef enum ui_result {
	UI_UNHANDLED = 0,
	UI_HANDLED,      /* state changed: the screen is drawn again */
	UI_QUIT,         /* save every screen and leave */
} ui_result;

typedef enum ui_more {
	UI_MORE_NONE = 0,   /* everything fits: the line stays empty */
	UI_MORE_MORE,       /* "More..." */
	UI_MORE_BOTTOM,     /* "Bottom" */
} ui_more;

/* The body: the lines between the title line and the "more" line. */
typedef struct ui_rect {
	int y, x, h, w;
} ui_rect;

typedef struct ui_screen_ops {
	const char *id;                    /* "login", for tests and logs */
	const ui_action *actions;          /* ended by UI_ACT_NONE */
	/* Title shown on line 1, already translated. */
	const char *(*title)(const ui_screen *s);
	bool (*open)(ui_screen *s, ui_app *app, void *arg);
	/* Paint the body into stdscr within r; set cy, cx to the cursor or
	 * leave them -1 to hide it. */
	void (*draw)(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx);
	ui_result (*key)(ui_screen *s, ui_app *app, ui_key k, ui_action a);
	void (*close)(ui_screen *s, ui_app *app);
	/* Keep what was typed (drafts) before the program leaves. May be NULL. */
	void (*save)(ui_screen *s, ui_app *app);
	/* What an action is called on this screen (F10 "Log in"), translated;
	 * NULL for the table's name. May be NULL. */
	const char *(*action_name)(const ui_screen *s, ui_action a);
	/* Whether action a does something on this screen now: the legend leaves
	 * out the keys that do not (F10 保存 on a list with nothing to save).
	 * NULL: every action of the table applies. */
	bool (*applies)(const ui_screen *s, ui_action a);
	/* Called by the loop of the top screen before every wait (timers such as
	 * the idle draft save); returns the milliseconds until it wants to be
	 * called again, -1 for no wish. May be NULL. */
	long (*tick)(ui_screen *s, ui_app *app);
	/* A NOTIFY arrived on the session's connection (queues LISTEN): called
	 * for every screen on the stack that has it, top first, so a queue
	 * under a detail screen is current when it shows again. May be NULL. */
	void (*notify)(ui_screen *s, ui_app *app);
} ui_screen_ops;

/* The name of action a on screen s, translated. */
const char *ui_screen_action_name(const ui_screen *s, ui_action a);

struct ui_screen {
	const ui_screen_ops *ops;
	void *data;          /* the screen's own state */
	ui_more more;        /* set by draw */
	ui_screen *below;    /* the stack */
};

/* How to reach the database for staff logins. Strings are owned. */
typedef struct ui_target {
	char *host, *port, *dbname, *service;
	bool private_cluster;   /* the embedded one */
	bool sample;            /* it holds the sample data: list demo accounts */
} ui_target;

struct ui_app {
	SCREEN *term;
	FILE *tty_out;
	FILE *tty_in;
	int tty_fd;
	int rows, cols;
	bool colour;
	int sync_fd;            /* $JIUZHU_SYNC_FD, -1 when unset */
	char fake_time[8];      /* $JIUZHU_FAKE_TIME or "" */
	int idle_override;      /* $JIUZHU_IDLE_LOCK seconds, -1 when unset */

	ui_screen *top;
	ui_target target;
	db_conn *conn;          /* the staff session, NULL before login */
	db_staff_info me;
	bool peer;              /* logged in without a password (SSH) */
	bool quit;

	char msg[512];          /* the message line, UTF-8 */
	bool msg_error;
	bool msg_fresh;         /* no key since it was set: a long one may take the legend's line */
	time_t last_input;      /* for the idle lock (monotonic seconds) */
	bool db_lost;           /* the session's connection dropped */
	bool listen_wanted;     /* a screen lives on NOTIFYs (queues, 审批) */
	bool listening;         /* LISTEN is on in this session's connection */
	time_t retry_at;        /* next reconnect attempt (monotonic seconds) */
	int retry_delay;        /* seconds; doubles up to a minute */
};

/* Message line: error=true draws it reversed. Formats with printf. */
void ui_app_message(ui_app *app, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_app_clear_message(ui_app *app);

/* The screen stack. push opens a new screen on top (NULL on failure, with a
 * message); pop closes the top one; replace pops then pushes. */
ui_screen *ui_app_push(ui_app *app, const ui_screen_ops *ops, void *arg);
void ui_app_pop(ui_app *app);
ui_screen *ui_app_replace(ui_app *app, const ui_screen_ops *ops, void *arg);

/* LISTEN on the queues' channel for a live screen (its ops->notify is
 * called on each NOTIFY). Once per session; after a dropped connection
 * comes back the app LISTENs again and calls every screen's notify, as
 * changes made meanwhile sent none. False (with a message) when it failed. */
bool ui_app_listen(ui_app *app);

/* A staff session began (conn is taken over) / ended. */
void ui_app_session_begin(ui_app *app, db_conn *conn, const db_staff_info *me,
			  bool peer);
void ui_app_session_end(ui_app *app);
int ui_app_idle_seconds(const ui_app *app);

/* Connect as a staff member to the target (password NULL: peer). */
db_conn *ui_app_connect(const ui_app *app, const char *user,
			const char *password, db_err *err);
/* Plain words for a failed login, translated. */
const char *ui_login_error_text(const db_err *err);

/* Set up the terminal, run until quit or a signal, restore the terminal.
 * first/arg: the screen to open. Returns the exit status. */
int ui_app_run(ui_app *app, const ui_screen_ops *first, void *arg);

void ui_app_init(ui_app *app);
void ui_app_finish(ui_app *app);

/* The screens. */
extern const ui_screen_ops ui_login_screen;
extern const ui_screen_ops ui_menu_screen;
extern const ui_screen_ops ui_help_screen;   /* arg: the screen to explain */
extern const ui_screen_ops ui_lock_screen;

#endif
