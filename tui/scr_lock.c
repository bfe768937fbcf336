/* scr_lock.c - the idle lock: after the policy's idle time the screen is
 * cleared and the password asked again, checked with a new connection. The
 * screens below keep what was typed. Peer (SSH) sessions have no password:
 * typing the login name unlocks. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"

typedef struct lock_state {
	lineedit f;
} lock_state;

static const ui_action lock_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_SAVE, UI_ACT_CANCEL, UI_ACT_REFRESH,
	UI_ACT_NEXT, UI_ACT_NONE,
};

static const char *lock_title(const ui_screen *s)
{
	(void)s;
	return _("Locked");
}

static const char *lock_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_SAVE:
		return _("Unlock");
	case UI_ACT_CANCEL:
		return _("Clear");
	default:
		return NULL;
	}
}

static void wipe(lineedit *le)
{
	if (le->buf)
		explicit_bzero(le->buf, le->cap * sizeof(wchar_t));
	lineedit_clear(le);
}

static bool lock_open(ui_screen *s, ui_app *app, void *arg)
{
	lock_state *st = calloc(1, sizeof *st);
	(void)arg;
	if (!st)
		return false;
	lineedit_init(&st->f, app->peer ? LINEEDIT_TEXT : LINEEDIT_SECRET, 24, 100, 0);
	s->data = st;
	return true;
}

static void lock_close(ui_screen *s, ui_app *app)
{
	lock_state *st = s->data;
	(void)app;
	if (!st)
		return;
	wipe(&st->f);
	lineedit_finish(&st->f);
	free(st);
	s->data = NULL;
}

static void lock_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	lock_state *st = s->data;
	char line[300];
	int y = r.y + 3, fx = r.x + r.w / 2 - 6;
	int idle = ui_app_idle_seconds(app);

	if (idle >= 60)
		snprintf(line, sizeof line, _("The screen was locked after %d minutes without input."),
			 idle / 60);
	else
		snprintf(line, sizeof line, _("The screen was locked after %d seconds without input."),
			 idle);
	ui_put_centred(stdscr, y, r.x, r.w, line, A_BOLD);
	snprintf(line, sizeof line, _("Your work is kept. User: %s"), app->me.login);
	ui_put_centred(stdscr, y + 2, r.x, r.w, line, A_NORMAL);

	const char *lab = app->peer ? _("Login name:") : _("Password:");
	int lw = ui_text_width(lab);
	ui_put(stdscr, y + 5, fx - lw - 1, lab, lw, A_NORMAL);
	ui_field_draw(stdscr, y + 5, fx, &st->f, true);
	ui_field_place_cursor(stdscr, y + 5, fx, &st->f);
	getyx(stdscr, *cy, *cx);
	ui_put_centred(stdscr, y + 8, r.x, r.w,
		       app->peer ? _("Type your login name and press Enter to unlock.")
				 : _("Type your password and press Enter to unlock."),
		       A_NORMAL);
}

static ui_result unlock(ui_screen *s, ui_app *app)
{
	lock_state *st = s->data;
	char *typed = lineedit_get_utf8(&st->f);
	bool ok = false;

	wipe(&st->f);
	if (!typed) {
		ui_app_message(app, true, "%s", _("Out of memory."));
		return UI_HANDLED;
	}
	if (app->peer) {
		ok = strcmp(typed, app->me.login) == 0;
		if (!ok)
			ui_app_message(app, true, "%s", _("That is not the login name of this session."));
	} else if (typed[0] == '\0') {
		ui_app_message(app, true, "%s", _("Enter your password."));
	} else {
		db_err err;
		memset(&err, 0, sizeof err);
		db_conn *c = ui_app_connect(app, app->me.login, typed, &err);
		ok = c != NULL;
		db_close(c);
		if (!ok)
			ui_app_message(app, true, "%s", ui_login_error_text(&err));
	}
	explicit_bzero(typed, strlen(typed));
	free(typed);
	if (ok)
		ui_app_pop(app);   /* s is freed: the screen below comes back as it was */
	return UI_HANDLED;
}

static ui_result lock_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	lock_state *st = s->data;

	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_SAVE:
	case UI_ACT_NEXT:
		return unlock(s, app);
	case UI_ACT_CANCEL:
		wipe(&st->f);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		return UI_HANDLED;
	case UI_ACT_NONE:
		break;
	default:
		return UI_UNHANDLED;
	}
	lineedit_result r = ui_field_key(&st->f, k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

const ui_screen_ops ui_lock_screen = {
	.id = "lock",
	.actions = lock_actions,
	.title = lock_title,
	.open = lock_open,
	.draw = lock_draw,
	.key = lock_key,
	.close = lock_close,
	.save = NULL,
	.action_name = lock_action_name,
};
