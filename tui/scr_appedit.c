/* scr_appedit.c - 修改申请: the contact fields of one application (the
 * applicant's phone, 现住址, the reason), saved with optimistic locking on
 * the application's version. When someone else saved first the database
 * says JZ014; the screen then lists what they changed, takes their version
 * as the new base and KEEPS what this user typed: F10 again applies it on
 * top. Nothing typed is lost on any error. */
#include "admin_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "valid.h"
#include "workflow.h"

enum { F_NUMBER, F_PHONE, F_ADDRESS, F_REASON, F_CARD, F_COUNT };

typedef struct appedit_state {
	lineedit f[F_COUNT];
	char err[F_COUNT][VALID_MSG_SIZE];   /* the message at each field */
	int focus;
	bool loaded;
	db_app_contact base;      /* the version the edit applies to */
	db_app_change *changes;   /* what others changed (after a conflict) */
	size_t n_changes;
	bool leaving;             /* F12 once with unsaved input */
	bool quitting;            /* F3 once with unsaved input */
} appedit_state;

static const ui_action appedit_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_REFRESH, UI_ACT_SAVE, UI_ACT_CANCEL,
	UI_ACT_NEXT, UI_ACT_PREV, UI_ACT_NONE,
};

static const char *appedit_title(const ui_screen *s)
{
	(void)s;
	return _("Edit an application");
}

static const char *appedit_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_REFRESH:
		return _("Open");
	case UI_ACT_SAVE:
		return _("Save");
	case UI_ACT_CANCEL:
		return _("Back");
	default:
		return NULL;
	}
}

/* The label of a changed field, translated; the key itself when unknown. */
static const char *field_label(const char *key)
{
	static const struct { const char *key, *label; } names[] = {
		{ "phone", N_("Phone") },
		{ "address", N_("Current address") },
		{ "reason", N_("Reason") },
		{ "bank_card", N_("Bank card") },
		{ "state", N_("State") },
		{ "assigned_to", N_("Assigned to") },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(key, names[i].key) == 0)
			return _(names[i].label);
	return key;
}

static bool dirty(const appedit_state *st)
{
	return st->f[F_PHONE].dirty || st->f[F_ADDRESS].dirty || st->f[F_REASON].dirty ||
	       st->f[F_CARD].dirty;
}

static void put_base(appedit_state *st)
{
	lineedit_set_utf8(&st->f[F_PHONE], st->base.phone);
	lineedit_set_utf8(&st->f[F_ADDRESS], st->base.address);
	lineedit_set_utf8(&st->f[F_REASON], st->base.reason);
	lineedit_set_utf8(&st->f[F_CARD], st->base.bank_card);
	for (int i = F_PHONE; i < F_COUNT; i++) {
		lineedit_lock_unshowable(&st->f[i]);
		lineedit_mark_clean(&st->f[i]);
	}
}

static void forget_changes(appedit_state *st)
{
	free(st->changes);
	st->changes = NULL;
	st->n_changes = 0;
}

/* Open the application typed in the number field. */
static void load(appedit_state *st, ui_app *app)
{
	char *num = lineedit_get_utf8(&st->f[F_NUMBER]);
	db_app_contact *c = calloc(1, sizeof *c);
	bool found = false;
	db_err err;

	memset(&err, 0, sizeof err);
	st->err[F_NUMBER][0] = '\0';
	if (!num || !c) {
		ui_app_message(app, true, "%s", _("Out of memory."));
		goto out;
	}
	if (!num[0]) {
		snprintf(st->err[F_NUMBER], VALID_MSG_SIZE, "%s", _("Type the application number."));
		ui_app_message(app, true, "%s", st->err[F_NUMBER]);
		goto out;
	}
	if (!app->conn || !db_app_contact_load(app->conn, num, c, &found, &err)) {
		ui_app_message(app, true, _("The application could not be read: %s"),
			       app->conn ? err.message : _("not connected"));
		goto out;
	}
	if (!found) {
		snprintf(st->err[F_NUMBER], VALID_MSG_SIZE, "%s",
			 _("No such application in your communities."));
		ui_app_message(app, true, "%s", st->err[F_NUMBER]);
		goto out;
	}
	st->base = *c;
	st->loaded = true;
	forget_changes(st);
	put_base(st);
	memset(st->err, 0, sizeof st->err);
	lineedit_set_utf8(&st->f[F_NUMBER], st->base.number);
	st->focus = F_PHONE;
	ui_app_clear_message(app);
out:
	free(c);
	free(num);
}

static bool appedit_open(ui_screen *s, ui_app *app, void *arg)
{
	appedit_state *st = calloc(1, sizeof *st);
	if (!st)
		return false;
	lineedit_init(&st->f[F_NUMBER], LINEEDIT_TEXT, 28, 40, 0);
	lineedit_init(&st->f[F_PHONE], LINEEDIT_PHONE, 24, 24, 0);
	lineedit_init(&st->f[F_ADDRESS], LINEEDIT_TEXT, 50, 200, 0);
	lineedit_init(&st->f[F_REASON], LINEEDIT_TEXT, 50, 2000, 0);
	lineedit_init(&st->f[F_CARD], LINEEDIT_DIGITS, 24, 19, 0);
	s->data = st;
	if (arg) {
		lineedit_set_utf8(&st->f[F_NUMBER], arg);
		load(st, app);
	}
	return true;
}

static void appedit_close(ui_screen *s, ui_app *app)
{
	appedit_state *st = s->data;
	(void)app;
	if (!st)
		return;
	for (int i = 0; i < F_COUNT; i++)
		lineedit_finish(&st->f[i]);
	forget_changes(st);
	free(st);
	s->data = NULL;
}

static void label(int y, int fx, const char *text)
{
	int w = ui_text_width(text);
	ui_put(stdscr, y, fx - w - 1, text, w, A_NORMAL);
}

static void appedit_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	appedit_state *st = s->data;
	static const char *const labels[F_COUNT] = {
		N_("Application number:"), N_("Phone:"), N_("Current address:"), N_("Reason:"),
		N_("Bank card:"),
	};
	int fx = r.x + 20, y0 = r.y + 1, ys[F_COUNT];
	char line[1024];
	(void)app;

	for (int i = 0; i < F_COUNT; i++) {
		int y = y0 + (i == 0 ? 0 : 2 + 2 * i);
		ys[i] = y;
		if (i > 0 && !st->loaded)
			break;
		label(y, fx, _(labels[i]));
		lineedit_set_width(&st->f[i], r.w - fx - 2 < st->f[i].width ? r.w - fx - 2 : st->f[i].width);
		ui_field_draw(stdscr, y, fx, &st->f[i], st->focus == i);
		if (st->err[i][0]) {
			/* too long for under the field (the phone's two shapes in
			 * Chinese): from the left edge, to be read whole */
			int ex = ui_text_width(st->err[i]) <= r.x + r.w - fx - 1 ? fx : r.x + 1;
			ui_put(stdscr, y + 1, ex, st->err[i], r.x + r.w - ex - 1, A_BOLD);
		}
	}
	if (!st->loaded) {
		ui_put(stdscr, y0 + 2, fx, _("Type the number, then press Enter or F5."), r.w - fx - 1,
		       A_NORMAL);
	} else {
		snprintf(line, sizeof line, _("Applicant: %s    State: %s    Version: %d"),
			 st->base.applicant, st->base.state_name, st->base.version);
		ui_put(stdscr, y0 + 2, fx, line, r.w - fx - 1, A_NORMAL);
	}
	if (st->n_changes > 0) {
		int y = y0 + 13;
		ui_put(stdscr, y++, r.x + 2, _("Someone else saved this application after you opened it:"),
		       r.w - 4, A_BOLD);
		for (size_t i = 0; i < st->n_changes && y < r.y + r.h - 1; i++, y++) {
			const db_app_change *c = &st->changes[i];
			snprintf(line, sizeof line, _("%s at %s changed: %s %s -> %s"),
				 c->actor_name, c->at, field_label(c->field),
				 c->old_value[0] ? c->old_value : "-", c->new_value[0] ? c->new_value : "-");
			ui_put(stdscr, y, r.x + 4, line, r.w - 6, A_NORMAL);
		}
		if (y < r.y + r.h)
			ui_put(stdscr, y, r.x + 2,
			       _("Your input is kept above. Check it, then press F10 to save it over theirs."),
			       r.w - 4, A_NORMAL);
	}
	ui_field_place_cursor(stdscr, ys[st->focus], fx, &st->f[st->focus]);
	getyx(stdscr, *cy, *cx);
}

/* The bank card: empty clears it, else 12-19 digits (the text is kept). */
static bool check_card(appedit_state *st, char card[VALID_BANK_CARD_SIZE])
{
	char *p = lineedit_get_utf8(&st->f[F_CARD]);
	char msg[VALID_MSG_SIZE];
	bool good = true;

	card[0] = '\0';
	if (!p)
		return false;
	if (p[strspn(p, " ")] != '\0' && valid_bank_card(p, card, msg, sizeof msg) != VALID_OK) {
		snprintf(st->err[F_CARD], VALID_MSG_SIZE, "%s", msg);
		st->focus = F_CARD;
		good = false;
	}
	free(p);
	return good;
}

/* Check every field; the first bad one gets the cursor. Normalises the
 * phone into phone[] and the card into card[]. */
static bool check(appedit_state *st, char phone[VALID_LANDLINE_SIZE],
		  char card[VALID_BANK_CARD_SIZE])
{
	char *p;
	char msg[VALID_MSG_SIZE];
	bool good;

	memset(st->err, 0, sizeof st->err);
	phone[0] = '\0';
	good = check_card(st, card);
	p = lineedit_get_utf8(&st->f[F_PHONE]);
	if (!p)
		return false;
	/* unchanged: what the database holds is kept as it is, even a number
	 * the validator would not take (an imported census), so an address
	 * change is never blocked by a phone nobody touched */
	if (strcmp(p, st->base.phone) == 0 && strlen(p) < VALID_LANDLINE_SIZE) {
		snprintf(phone, VALID_LANDLINE_SIZE, "%s", p);
		free(p);
		return good;
	}
	/* a mobile or a landline: a wrong one is told both shapes */
	if (p[strspn(p, " ")] != '\0' && valid_phone(p, phone, msg, sizeof msg) != VALID_OK) {
		snprintf(st->err[F_PHONE], VALID_MSG_SIZE, "%s", msg);
		st->focus = F_PHONE;
		good = false;
	}
	free(p);
	return good;
}

static void save(appedit_state *st, ui_app *app)
{
	char phone[VALID_LANDLINE_SIZE], card[VALID_BANK_CARD_SIZE];
	char *addr = NULL, *reason = NULL;
	int nv = 0;
	db_err err;

	memset(&err, 0, sizeof err);
	if (!st->loaded) {
		load(st, app);
		return;
	}
	if (!check(st, phone, card)) {
		ui_app_message(app, true, "%s", _("Correct the marked field, then press F10 again."));
		return;
	}
	addr = lineedit_get_utf8(&st->f[F_ADDRESS]);
	reason = lineedit_get_utf8(&st->f[F_REASON]);
	if (!addr || !reason) {
		ui_app_message(app, true, "%s", _("Out of memory."));
		goto out;
	}
	if (!app->conn) {
		ui_app_message(app, true, "%s", _("Not connected: your input is kept."));
		goto out;
	}
	if (db_app_contact_save_card(app->conn, st->base.id, st->base.version, phone, addr, reason, card,
				     &nv, &err)) {
		char num[64];
		snprintf(num, sizeof num, "%s", st->base.number);
		/* read back: the base is what the database now holds */
		lineedit_set_utf8(&st->f[F_NUMBER], num);
		forget_changes(st);
		load(st, app);
		ui_app_message(app, false, _("Saved (version %d)."), nv);
		goto out;
	}
	if (strcmp(err.sqlstate, DB_WF_CONFLICT) == 0) {
		db_app_contact *now = calloc(1, sizeof *now);
		bool found = false;
		db_err e2;
		memset(&e2, 0, sizeof e2);
		forget_changes(st);
		db_app_changes_since(app->conn, st->base.id, st->base.version, &st->changes,
				     &st->n_changes, &e2);
		/* the new base; the fields keep what this user typed */
		if (now && db_app_contact_load(app->conn, st->base.number, now, &found, &e2) && found)
			st->base = *now;
		free(now);
		ui_app_message(app, true, "%s",
			       _("Not saved: someone else changed it first. Your input is kept."));
		goto out;
	}
	if (strcmp(err.sqlstate, "23514") == 0 && strstr(err.message, "phone")) {
		snprintf(st->err[F_PHONE], VALID_MSG_SIZE, "%s", _("This phone number is not accepted."));
		st->focus = F_PHONE;
	}
	ui_app_message(app, true, _("Not saved: %s Your input is kept."), err.message);
out:
	free(addr);
	free(reason);
}

static ui_result appedit_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	appedit_state *st = s->data;
	int nf = st->loaded ? F_COUNT : 1;

	if (a != UI_ACT_CANCEL && a != UI_ACT_HELP)
		st->leaving = false;
	if (a != UI_ACT_EXIT && a != UI_ACT_HELP)
		st->quitting = false;
	switch (a) {
	case UI_ACT_EXIT:
		/* F3 says "your work is kept": unsaved input is asked about first */
		if (st->loaded && dirty(st) && !st->quitting) {
			st->quitting = true;
			ui_app_message(app, true, "%s",
				       _("Unsaved input: press F3 again to leave without it, F10 to save."));
			return UI_HANDLED;
		}
		return UI_QUIT;
	case UI_ACT_SAVE:
		save(st, app);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		if (st->loaded && dirty(st)) {
			ui_app_message(app, true, "%s",
				       _("You have unsaved input: save it with F10, or clear a field first."));
			return UI_HANDLED;
		}
		load(st, app);
		return UI_HANDLED;
	case UI_ACT_NEXT:
		if (st->focus == F_NUMBER && !k.code && k.ch != L'\t') {
			if (st->loaded && dirty(st)) {
				st->focus = F_PHONE;
				return UI_HANDLED;
			}
			load(st, app);
			return UI_HANDLED;
		}
		st->focus = (st->focus + 1) % nf;
		return UI_HANDLED;
	case UI_ACT_PREV:
		st->focus = (st->focus + nf - 1) % nf;
		return UI_HANDLED;
	case UI_ACT_CANCEL:
		if (st->loaded && dirty(st) && !st->leaving) {
			st->leaving = true;
			ui_app_message(app, true, "%s",
				       _("Unsaved input: press F12 again to discard it, F10 to save."));
			return UI_HANDLED;
		}
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_NONE:
		break;
	default:
		return UI_UNHANDLED;
	}
	if (st->focus == F_NUMBER && st->loaded && dirty(st)) {
		/* another number would drop the typed input */
		lineedit_result r = ui_field_key(&st->f[F_NUMBER], k.code ? KEY_CODE_YES : OK, k.ch);
		if (r == LINEEDIT_OK)
			ui_app_message(app, false, "%s",
				       _("Save or clear your input before opening another application."));
		lineedit_set_utf8(&st->f[F_NUMBER], st->base.number);
		return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
	}
	if (st->focus == F_CARD && !k.code && k.ch == L' ')
		return UI_HANDLED;   /* the card's groups of 4: typed, not kept */
	lineedit_result r = ui_field_key(&st->f[st->focus], k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	if (r == LINEEDIT_OK)
		st->err[st->focus][0] = '\0';
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

const ui_screen_ops ui_appedit_screen = {
	.id = "appedit",
	.actions = appedit_actions,
	.title = appedit_title,
	.open = appedit_open,
	.draw = appedit_draw,
	.key = appedit_key,
	.close = appedit_close,
	.save = NULL,   /* the record itself holds the data; input is not a draft */
	.action_name = appedit_action_name,
};
