/* scr_staff.c - staff accounts (administrators): the list (login, name,
 * role, communities, active); F6 adds one; Enter on a row offers: assign a
 * community, remove a community, reset the password, disable. Role and
 * community are picked from lists (F4 or Space), never typed. Passwords are
 * typed twice; an empty pair means SSH (peer) login. The SCRAM verifier is
 * made here by libpq (db_staff_set_password / db_staff_add). Every bad
 * input gets a message at its field and nothing typed is lost. */
#include "admin_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "list.h"

typedef enum staff_mode { M_LIST, M_ACTIONS, M_ADD, M_PASSWORD, M_COMMUNITY, M_DISABLE } staff_mode;

enum { A_LOGIN, A_NAME, A_ROLE, A_COMMUNITY, A_PASS1, A_PASS2, A_COUNT };
enum { ACT_ADD_COMM, ACT_REMOVE_COMM, ACT_PASSWORD, ACT_DISABLE, ACT_COUNT };

static const db_staff_role roles[] = {
	DB_ROLE_RECEPTION, DB_ROLE_CASEWORKER, DB_ROLE_SUPERVISOR, DB_ROLE_ADMIN,
};
#define N_ROLES (int)(sizeof roles / sizeof roles[0])

typedef struct staff_state {
	ui_app *app;
	staff_mode mode;
	db_staff_row *rows;
	size_t n;
	ui_list list;
	db_community_row *comms;
	size_t n_comms;
	int act;                  /* M_ACTIONS: highlighted action */
	bool removing;            /* M_COMMUNITY: remove instead of add */
	lineedit f[A_COUNT];      /* A_ROLE / A_COMMUNITY unused: pickers */
	int role;                 /* index in roles */
	int comm;                 /* index in comms; n_comms = none */
	int focus;
	int err_field;
	char err[512];
	char target[64];          /* login the action is for */
} staff_state;

static const ui_action staff_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_NEW, UI_ACT_SAVE, UI_ACT_CHOICES, UI_ACT_REFRESH,
	UI_ACT_CANCEL, UI_ACT_SELECT, UI_ACT_NEXT, UI_ACT_PREV, UI_ACT_UP, UI_ACT_DOWN,
	UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_NONE,
};

static const ui_list_col staff_cols[] = {
	{ N_("Login"), 10, 16 },
	{ N_("Name"), 8, 14 },
	{ N_("Role"), 8, 12 },
	{ N_("Active"), 6, 6 },
	{ N_("Communities"), 10, 0 },
};

static const char *role_name(db_staff_role r)
{
	switch (r) {
	case DB_ROLE_RECEPTION:
		return _("receptionist");
	case DB_ROLE_CASEWORKER:
		return _("social worker");
	case DB_ROLE_SUPERVISOR:
		return _("supervisor");
	case DB_ROLE_ADMIN:
		return _("administrator");
	case DB_ROLE_NONE:
	default:
		return "-";
	}
}

static const char *staff_title(const ui_screen *s)
{
	(void)s;
	return _("Staff accounts");
}

static const char *staff_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_NEW:
		return _("Add");
	case UI_ACT_SAVE:
		return _("Save");
	case UI_ACT_CANCEL:
		return _("Back");
	default:
		return NULL;
	}
}

static void cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	staff_state *st = ctx;
	const db_staff_row *r = &st->rows[row];
	switch (col) {
	case 0:
		snprintf(buf, len, "%s", r->login);
		break;
	case 1:
		snprintf(buf, len, "%s", r->display_name);
		break;
	case 2:
		snprintf(buf, len, "%s", role_name(r->role));
		break;
	case 3:
		snprintf(buf, len, "%s", r->active ? _("yes") : _("no"));
		break;
	default:
		snprintf(buf, len, "%s", r->communities[0] ? r->communities : "-");
		break;
	}
}

/* Disabled accounts are marked ("!"), not hidden. */
static bool marked(void *ctx, size_t row)
{
	staff_state *st = ctx;
	return !st->rows[row].active;
}

static const ui_list_ops staff_list_ops = { .cell = cell, .marked = marked };

static void load(staff_state *st, const char *keep)
{
	db_err err;
	size_t cur = st->list.cursor;

	memset(&err, 0, sizeof err);
	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	if (!st->app->conn || !db_admin_staff_list(st->app->conn, &st->rows, &st->n, &err))
		ui_app_message(st->app, true, _("The staff list could not be read: %s"),
			       st->app->conn ? err.message : _("not connected"));
	for (size_t i = 0; keep && i < st->n; i++)
		if (strcmp(st->rows[i].login, keep) == 0)
			cur = i;
	ui_list_set_rows(&st->list, st->n, cur);
	if (!st->comms) {
		free(st->comms);
		st->comms = NULL;
		st->n_comms = 0;
		if (st->app->conn)
			db_admin_communities(st->app->conn, &st->comms, &st->n_comms, &err);
	}
}

static bool staff_open(ui_screen *s, ui_app *app, void *arg)
{
	staff_state *st = calloc(1, sizeof *st);
	(void)arg;
	if (!st)
		return false;
	st->app = app;
	lineedit_init(&st->f[A_LOGIN], LINEEDIT_TEXT, 20, 63, 0);
	lineedit_init(&st->f[A_NAME], LINEEDIT_TEXT, 20, 64, 0);
	lineedit_init(&st->f[A_ROLE], LINEEDIT_TEXT, 1, 1, 0);
	lineedit_init(&st->f[A_COMMUNITY], LINEEDIT_TEXT, 1, 1, 0);
	lineedit_init(&st->f[A_PASS1], LINEEDIT_SECRET, 20, 100, 0);
	lineedit_init(&st->f[A_PASS2], LINEEDIT_SECRET, 20, 100, 0);
	ui_list_init(&st->list, staff_cols, (int)(sizeof staff_cols / sizeof staff_cols[0]),
		     &staff_list_ops, st);
	s->data = st;
	load(st, NULL);
	return true;
}

static void wipe(lineedit *le)
{
	if (le->buf)
		memset(le->buf, 0, le->cap * sizeof *le->buf);
	lineedit_clear(le);
}

static void staff_close(ui_screen *s, ui_app *app)
{
	staff_state *st = s->data;
	(void)app;
	if (!st)
		return;
	wipe(&st->f[A_PASS1]);
	wipe(&st->f[A_PASS2]);
	for (int i = 0; i < A_COUNT; i++)
		lineedit_finish(&st->f[i]);
	ui_list_finish(&st->list);
	free(st->rows);
	free(st->comms);
	free(st);
	s->data = NULL;
}

static void label(int y, int fx, const char *text)
{
	int w = ui_text_width(text);
	ui_put(stdscr, y, fx - w - 1, text, w, A_NORMAL);
}

static void picker(int y, int x, const char *text, bool focused)
{
	char buf[200];
	snprintf(buf, sizeof buf, "< %s >", text);
	ui_put(stdscr, y, x, buf, 40, focused ? A_REVERSE : A_UNDERLINE);
}

static const char *comm_text(const staff_state *st)
{
	return st->comm < (int)st->n_comms ? st->comms[st->comm].name : _("(none)");
}

/* The add / password / community / disable forms. */
static void draw_form(staff_state *st, ui_rect r, int *cy, int *cx)
{
	static const char *const labels[A_COUNT] = {
		N_("Login name:"), N_("Display name:"), N_("Role:"), N_("Community:"),
		N_("Password:"), N_("Password again:"),
	};
	int fx = r.x + 24, y = r.y + 1, fy[A_COUNT] = { 0 };
	char line[300];

	for (int i = 0; i < A_COUNT; i++) {
		bool show = st->mode == M_ADD ||
			    (st->mode == M_PASSWORD && (i == A_PASS1 || i == A_PASS2)) ||
			    (st->mode == M_COMMUNITY && i == A_COMMUNITY);
		if (!show)
			continue;
		fy[i] = y;
		label(y, fx, _(labels[i]));
		if (i == A_ROLE)
			picker(y, fx, role_name(roles[st->role]), st->focus == i);
		else if (i == A_COMMUNITY)
			picker(y, fx, comm_text(st), st->focus == i);
		else
			ui_field_draw(stdscr, y, fx, &st->f[i], st->focus == i);
		if (st->err[0] && st->err_field == i)
			ui_put(stdscr, y + 1, fx, st->err, r.w - fx - 1, A_BOLD);
		y += 2;
	}
	if (st->mode == M_PASSWORD || st->mode == M_COMMUNITY || st->mode == M_DISABLE) {
		snprintf(line, sizeof line, _("Account: %s"), st->target);
		ui_put(stdscr, y++, fx - 10, line, r.w - fx, A_BOLD);
	}
	if (st->mode == M_DISABLE)
		ui_put(stdscr, y + 1, r.x + 4,
		       _("The account will no longer log in; its name stays in the records. F10 disables it."),
		       r.w - 6, A_NORMAL);
	else if (st->mode == M_ADD)
		ui_put(stdscr, y + 1, r.x + 4,
		       _("F4 or Space picks role and community. No password: the account logs in over SSH."),
		       r.w - 6, A_NORMAL);
	else if (st->mode == M_COMMUNITY)
		ui_put(stdscr, y + 1, r.x + 4, st->removing ? _("F10 removes this community.")
			       : _("F10 assigns this community."), r.w - 6, A_NORMAL);
	if (st->mode != M_DISABLE && fy[st->focus]) {
		if (st->focus == A_ROLE || st->focus == A_COMMUNITY)
			move(fy[st->focus], fx + 2);
		else
			ui_field_place_cursor(stdscr, fy[st->focus], fx, &st->f[st->focus]);
		getyx(stdscr, *cy, *cx);
	}
}

static void staff_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	staff_state *st = s->data;
	(void)app;

	if (st->mode == M_LIST || st->mode == M_ACTIONS) {
		ui_rect lr = { r.y, r.x, st->mode == M_ACTIONS ? r.h - 6 : r.h, r.w };
		s->more = ui_list_draw(&st->list, lr, cy, cx);
		if (st->mode == M_ACTIONS) {
			static const char *const acts[ACT_COUNT] = {
				N_("Assign a community"), N_("Remove a community"), N_("Reset the password"),
				N_("Disable the account"),
			};
			int y = r.y + r.h - 5;
			char line[200];
			snprintf(line, sizeof line, _("Account %s - choose with the arrows or the number:"),
				 st->target);
			ui_put(stdscr, y, r.x + 2, line, r.w - 4, A_BOLD);
			for (int i = 0; i < ACT_COUNT; i++) {
				snprintf(line, sizeof line, " %d. %s ", i + 1, _(acts[i]));
				ui_put(stdscr, y + 1 + i, r.x + 4, line, r.w - 6,
				       i == st->act ? A_REVERSE | A_BOLD : A_NORMAL);
			}
		}
		return;
	}
	draw_form(st, r, cy, cx);
}

static void field_error(staff_state *st, int field, const char *msg)
{
	st->err_field = field;
	st->focus = field;
	snprintf(st->err, sizeof st->err, "%s", msg);
	ui_app_message(st->app, true, "%s", msg);
}

static void to_list(staff_state *st, const char *keep)
{
	wipe(&st->f[A_PASS1]);
	wipe(&st->f[A_PASS2]);
	st->err[0] = '\0';
	st->mode = M_LIST;
	load(st, keep);
}

/* Passwords: both empty (allowed only when peer is fine) or equal. */
static bool passwords(staff_state *st, char **pw, bool allow_empty)
{
	char *a = lineedit_get_utf8(&st->f[A_PASS1]);
	char *b = lineedit_get_utf8(&st->f[A_PASS2]);
	bool good = false;

	*pw = NULL;
	if (!a || !b) {
		field_error(st, A_PASS1, _("Out of memory."));
	} else if (!a[0] && !b[0] && allow_empty) {
		good = true;
	} else if (!a[0]) {
		field_error(st, A_PASS1, _("Type the new password."));
	} else if (strcmp(a, b) != 0) {
		field_error(st, A_PASS2, _("The two passwords differ: type the same one twice."));
	} else if (strlen(a) < 6) {
		field_error(st, A_PASS1, _("The password needs at least 6 characters."));
	} else {
		*pw = a;
		a = NULL;
		good = true;
	}
	if (a) {
		explicit_bzero(a, strlen(a));
		free(a);
	}
	if (b) {
		explicit_bzero(b, strlen(b));
		free(b);
	}
	return good;
}

static void free_pw(char *pw)
{
	if (pw) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
}

static bool login_ok(const char *s)
{
	if (!s[0] || strlen(s) > 63 || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return strncmp(s, "pg_", 3) != 0 && strncmp(s, "jz_", 3) != 0;
}

static void submit_add(staff_state *st)
{
	char *login = lineedit_get_utf8(&st->f[A_LOGIN]);
	char *name = lineedit_get_utf8(&st->f[A_NAME]);
	char *pw = NULL;
	db_err err;

	memset(&err, 0, sizeof err);
	st->err[0] = '\0';
	if (!login || !name) {
		ui_app_message(st->app, true, "%s", _("Out of memory."));
	} else if (!login_ok(login)) {
		field_error(st, A_LOGIN, _("Login: lower-case letters, digits and _, not starting with pg_ or jz_."));
	} else if (name[strspn(name, " ")] == '\0') {
		field_error(st, A_NAME, _("Type the name staff and records show."));
	} else if (passwords(st, &pw, true)) {
		const char *comm = st->comm < (int)st->n_comms ? st->comms[st->comm].code : NULL;
		if (db_staff_add(st->app->conn, login, name, roles[st->role], comm, pw, &err)) {
			ui_app_message(st->app, false, _("Account %s added."), login);
			lineedit_clear(&st->f[A_LOGIN]);
			lineedit_clear(&st->f[A_NAME]);
			to_list(st, login);
		} else if (strcmp(err.sqlstate, "42710") == 0 || strstr(err.message, "ogin")) {
			field_error(st, A_LOGIN, err.message);
		} else if (strcmp(err.sqlstate, "23503") == 0) {
			field_error(st, A_COMMUNITY, err.message);
		} else if (strstr(err.detail, "display") || strstr(err.message, "64")) {
			field_error(st, A_NAME, err.message);
		} else {
			ui_app_message(st->app, true, _("Not added: %s"), err.message);
		}
	}
	free_pw(pw);
	free(login);
	free(name);
}

static void submit(staff_state *st)
{
	db_err err;
	char *pw = NULL;
	bool done = false;
	const char *comm;

	memset(&err, 0, sizeof err);
	switch (st->mode) {
	case M_ADD:
		submit_add(st);
		return;
	case M_PASSWORD:
		if (!passwords(st, &pw, false))
			return;
		done = db_staff_set_password(st->app->conn, st->target, pw, &err);
		free_pw(pw);
		if (done)
			ui_app_message(st->app, false, _("The password of %s is reset."), st->target);
		break;
	case M_COMMUNITY:
		if (st->comm >= (int)st->n_comms) {
			field_error(st, A_COMMUNITY, _("Pick a community with F4 or Space."));
			return;
		}
		comm = st->comms[st->comm].code;
		done = st->removing ? db_admin_staff_remove_community(st->app->conn, st->target, comm, &err)
			: db_admin_staff_add_community(st->app->conn, st->target, comm, &err);
		if (done)
			ui_app_message(st->app, false, "%s", _("Communities updated."));
		break;
	case M_DISABLE:
		done = db_staff_disable(st->app->conn, st->target, &err);
		if (done)
			ui_app_message(st->app, false, _("Account %s is disabled."), st->target);
		break;
	case M_LIST:
	case M_ACTIONS:
	default:
		return;
	}
	if (done) {
		char keep[64];
		snprintf(keep, sizeof keep, "%s", st->target);
		to_list(st, keep);
	} else {
		ui_app_message(st->app, true, _("Not done: %s"), err.message);
	}
}

static void start(staff_state *st, int act)
{
	st->err[0] = '\0';
	switch (act) {
	case ACT_ADD_COMM:
	case ACT_REMOVE_COMM:
		st->mode = M_COMMUNITY;
		st->removing = act == ACT_REMOVE_COMM;
		st->comm = 0;
		st->focus = A_COMMUNITY;
		break;
	case ACT_PASSWORD:
		st->mode = M_PASSWORD;
		st->focus = A_PASS1;
		break;
	default:
		if (strcmp(st->target, st->app->me.login) == 0) {
			st->mode = M_LIST;
			ui_app_message(st->app, true, "%s", _("You cannot disable your own account."));
			return;
		}
		st->mode = M_DISABLE;
		break;
	}
}

static ui_result form_key(staff_state *st, ui_key k, ui_action a)
{
	bool picking = st->focus == A_ROLE || st->focus == A_COMMUNITY;
	int first = st->mode == M_ADD ? A_LOGIN : st->mode == M_PASSWORD ? A_PASS1 : A_COMMUNITY;
	int last = st->mode == M_ADD ? A_PASS2 : st->mode == M_PASSWORD ? A_PASS2 : A_COMMUNITY;

	if (a == UI_ACT_CHOICES || (picking && a == UI_ACT_NONE && !k.code && k.ch == L' ')) {
		if (st->focus == A_ROLE)
			st->role = (st->role + 1) % N_ROLES;
		else if (st->focus == A_COMMUNITY) {
			/* the add form may leave it empty: one more choice, "(none)" */
			int n = (int)st->n_comms + (st->mode == M_ADD ? 1 : 0);
			st->comm = n > 0 ? (st->comm + 1) % n : 0;
		}
		return UI_HANDLED;
	}
	if (a == UI_ACT_SELECT)
		a = UI_ACT_NEXT;   /* Enter: next field, or save on the last */
	switch (a) {
	case UI_ACT_SAVE:
		submit(st);
		return UI_HANDLED;
	case UI_ACT_NEXT:
		if (st->focus == last && !k.code && k.ch != L'\t') {
			submit(st);
			return UI_HANDLED;
		}
		st->focus = st->focus >= last ? first : st->focus + 1;
		return UI_HANDLED;
	case UI_ACT_PREV:
		st->focus = st->focus <= first ? last : st->focus - 1;
		return UI_HANDLED;
	case UI_ACT_NONE:
		break;
	default:
		return UI_UNHANDLED;
	}
	if (picking || st->mode == M_DISABLE)
		return UI_UNHANDLED;
	lineedit_result r = ui_field_key(&st->f[st->focus], k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	if (r == LINEEDIT_OK && st->err_field == st->focus)
		st->err[0] = '\0';
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

static ui_result staff_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	staff_state *st = s->data;

	if (a == UI_ACT_EXIT)
		return UI_QUIT;
	if (a == UI_ACT_CANCEL) {
		if (st->mode == M_LIST) {
			ui_app_pop(app);
		} else {
			/* back to the list; what was typed in the add form stays */
			st->mode = M_LIST;
			st->err[0] = '\0';
			wipe(&st->f[A_PASS1]);
			wipe(&st->f[A_PASS2]);
		}
		return UI_HANDLED;
	}
	switch (st->mode) {
	case M_LIST:
		if (a == UI_ACT_NEW) {
			st->mode = M_ADD;
			st->focus = A_LOGIN;
			st->comm = 0;
			return UI_HANDLED;
		}
		if (a == UI_ACT_REFRESH) {
			load(st, st->n ? st->rows[st->list.cursor].login : NULL);
			return UI_HANDLED;
		}
		if (a == UI_ACT_SELECT && st->n) {
			snprintf(st->target, sizeof st->target, "%s", st->rows[st->list.cursor].login);
			st->mode = M_ACTIONS;
			st->act = 0;
			return UI_HANDLED;
		}
		return ui_list_key(&st->list, app, k, a);
	case M_ACTIONS:
		if (a == UI_ACT_NONE && !k.code && k.ch >= L'1' && k.ch < L'1' + ACT_COUNT) {
			start(st, (int)(k.ch - L'1'));
			return UI_HANDLED;
		}
		if (a == UI_ACT_UP || a == UI_ACT_PREV)
			st->act = (st->act + ACT_COUNT - 1) % ACT_COUNT;
		else if (a == UI_ACT_DOWN || (a == UI_ACT_NEXT && (k.code || k.ch == L'\t')))
			st->act = (st->act + 1) % ACT_COUNT;
		else if (a == UI_ACT_SELECT || a == UI_ACT_NEXT || a == UI_ACT_SAVE)
			start(st, st->act);
		else
			return UI_UNHANDLED;
		return UI_HANDLED;
	case M_ADD:
	case M_PASSWORD:
	case M_COMMUNITY:
	case M_DISABLE:
	default:
		return form_key(st, k, a);
	}
}

/* The legend shows only what the keys do now: nothing to save on the list. */
static bool staff_applies(const ui_screen *s, ui_action a)
{
	const staff_state *st = s->data;
	bool form = st && st->mode != M_LIST && st->mode != M_ACTIONS;

	switch (a) {
	case UI_ACT_NEW:
	case UI_ACT_REFRESH:
		return !st || st->mode == M_LIST;
	case UI_ACT_SAVE:
		return form;
	case UI_ACT_CHOICES:
		return form && (st->focus == A_ROLE || st->focus == A_COMMUNITY);
	default:
		return true;
	}
}

const ui_screen_ops ui_staff_screen = {
	.id = "staff",
	.actions = staff_actions,
	.title = staff_title,
	.open = staff_open,
	.draw = staff_draw,
	.key = staff_key,
	.close = staff_close,
	.save = NULL,
	.action_name = staff_action_name,
	.applies = staff_applies,
};
