/* scr_login.c - the login screen: user name and password, connected with
 * them (SCRAM); failure says why in plain words, keeps the user name, clears
 * the password. On the private sample database it lists the demo accounts. */
#include "app.h"

#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "intake_ui.h"

enum { F_USER, F_PASS, F_COUNT };

typedef struct login_state {
	lineedit f[F_COUNT];
	int focus;
} login_state;

static const ui_action login_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_SAVE, UI_ACT_CANCEL, UI_ACT_REFRESH,
	UI_ACT_NEXT, UI_ACT_PREV, UI_ACT_NONE,
};

static const char *login_title(const ui_screen *s)
{
	(void)s;
	return _("Login");
}

static const char *login_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_SAVE:
		return _("Log in");
	case UI_ACT_CANCEL:
		return _("Clear");
	default:
		return NULL;
	}
}

/* Passwords never linger in memory longer than the attempt. */
static void wipe_field(lineedit *le)
{
	if (le->buf)
		explicit_bzero(le->buf, le->cap * sizeof(wchar_t));
	lineedit_clear(le);
}

static bool login_open(ui_screen *s, ui_app *app, void *arg)
{
	login_state *st = calloc(1, sizeof *st);
	(void)app;
	if (!st)
		return false;
	lineedit_init(&st->f[F_USER], LINEEDIT_TEXT, 24, 63, 0);
	lineedit_init(&st->f[F_PASS], LINEEDIT_SECRET, 24, 100, 0);
	if (arg)
		lineedit_set_utf8(&st->f[F_USER], arg);
	st->focus = arg ? F_PASS : F_USER;
	s->data = st;
	return true;
}

static void login_close(ui_screen *s, ui_app *app)
{
	login_state *st = s->data;
	(void)app;
	if (!st)
		return;
	wipe_field(&st->f[F_PASS]);
	lineedit_finish(&st->f[F_USER]);
	lineedit_finish(&st->f[F_PASS]);
	free(st);
	s->data = NULL;
}

/* A label right-aligned so that its field starts at column fx. */
static void label(int y, int fx, const char *text)
{
	int w = ui_text_width(text);
	ui_put(stdscr, y, fx - w - 1, text, w, A_NORMAL);
}

static void login_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	login_state *st = s->data;
	int fx = r.x + r.w / 2 - 6;
	int y = r.y + 2;

	ui_put_centred(stdscr, y, r.x, r.w, _("Community social assistance - staff login"), A_BOLD);
	y += 3;
	label(y, fx, _("User name:"));
	ui_field_draw(stdscr, y, fx, &st->f[F_USER], st->focus == F_USER);
	label(y + 2, fx, _("Password:"));
	ui_field_draw(stdscr, y + 2, fx, &st->f[F_PASS], st->focus == F_PASS);
	ui_field_place_cursor(stdscr, st->focus == F_USER ? y : y + 2, fx, &st->f[st->focus]);
	getyx(stdscr, *cy, *cx);

	y += 5;
	ui_put_centred(stdscr, y, r.x, r.w,
		       _("Type your user name and password, then press Enter or F10."), A_NORMAL);
	if (app->target.sample) {
		static const struct { const char *login, *role; } demo[] = {
			{ "reception", N_("receptionist") },
			{ "caseworker", N_("social worker") },
			{ "supervisor", N_("supervisor") },
			{ "admin", N_("administrator") },
		};
		y += 3;
		ui_put(stdscr, y, fx - 20, _("Sample database. Demo accounts, password \"demo\":"),
		       r.w - (fx - 20), A_UNDERLINE);
		for (size_t i = 0; i < sizeof demo / sizeof demo[0]; i++) {
			int x = fx - 18;
			x += ui_put(stdscr, y + 1 + (int)i, x, demo[i].login, 12, A_BOLD);
			ui_put(stdscr, y + 1 + (int)i, fx - 4, _(demo[i].role), 30, A_NORMAL);
		}
	}
}

static ui_result submit(ui_screen *s, ui_app *app)
{
	login_state *st = s->data;
	char *user = lineedit_get_utf8(&st->f[F_USER]);
	char *pass = lineedit_get_utf8(&st->f[F_PASS]);
	ui_result res = UI_HANDLED;
	db_err err;

	memset(&err, 0, sizeof err);
	if (!user || !pass) {
		ui_app_message(app, true, "%s", _("Out of memory."));
		goto out;
	}
	if (user[0] == '\0') {
		ui_app_message(app, true, "%s", _("Enter your user name."));
		st->focus = F_USER;
		goto out;
	}
	if (pass[0] == '\0') {
		ui_app_message(app, true, "%s", _("Enter your password."));
		st->focus = F_PASS;
		goto out;
	}
	db_conn *c = ui_app_connect(app, user, pass, &err);
	wipe_field(&st->f[F_PASS]);
	st->focus = F_PASS;
	if (!c) {
		ui_app_message(app, true, "%s", ui_login_error_text(&err));
		goto out;
	}
	db_staff_info me;
	memset(&me, 0, sizeof me);
	if (!db_staff_whoami(c, &me, &err) || me.role == DB_ROLE_NONE) {
		db_close(c);
		ui_app_message(app, true, "%s",
			       _("This account is not a jiuzhu staff member. Ask the administrator."));
		goto out;
	}
	ui_app_session_begin(app, c, &me, false);
	/* s is freed here: nothing below may touch it */
	if (ui_app_replace(app, &ui_menu_screen, NULL))
		ui_drafts_offer(app);   /* "you have N drafts: continue?" */
out:
	if (pass) {
		explicit_bzero(pass, strlen(pass));
		free(pass);
	}
	free(user);
	return res;
}

static ui_result login_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	login_state *st = s->data;

	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_SAVE:
		return submit(s, app);
	case UI_ACT_NEXT:
		if (st->focus == F_PASS && k.ch != L'\t' && !k.code)
			return submit(s, app);   /* Enter on the last field logs in */
		st->focus = (st->focus + 1) % F_COUNT;
		return UI_HANDLED;
	case UI_ACT_PREV:
		st->focus = (st->focus + F_COUNT - 1) % F_COUNT;
		return UI_HANDLED;
	case UI_ACT_CANCEL:
		wipe_field(&st->f[F_PASS]);
		lineedit_clear(&st->f[F_USER]);
		st->focus = F_USER;
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		return UI_HANDLED;
	case UI_ACT_NONE:
		break;
	default:
		return UI_UNHANDLED;
	}
	lineedit_result r = ui_field_key(&st->f[st->focus], k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

const ui_screen_ops ui_login_screen = {
	.id = "login",
	.actions = login_actions,
	.title = login_title,
	.open = login_open,
	.draw = login_draw,
	.key = login_key,
	.close = login_close,
	.save = NULL,   /* a half-typed login is not worth keeping */
	.action_name = login_action_name,
};
