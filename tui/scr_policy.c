/* scr_policy.c - 政策参数 (administrators): every policy row by key then
 * date, the value in its unit (fen as yuan), the row in force today said in
 * its own column; under the list the selected row in full (name, value, the
 * days it is valid, the note wrapped whole: the column cuts it). F6 adds a figure for the selected key from a date today or
 * later; history is never edited (0100 holds the same rule on the server).
 * A bad value or date is said at its field and what was typed stays. */
#include "policy_ui.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "list.h"
#include "policy_admin.h"
#include "valid.h"

typedef enum { P_LIST, P_ADD } policy_mode;
enum { F_VALUE, F_FROM, F_NOTE, F_COUNT };

typedef struct policy_state {
	ui_app *app;
	policy_mode mode;
	db_policy_row *rows;
	size_t n;
	ui_list list;
	lineedit f[F_COUNT];
	int focus;
	int err_field;
	char err[512];
	db_policy_row target;     /* P_ADD: the key's row in force (unit, value) */
} policy_state;

static const ui_action policy_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_NEW, UI_ACT_SAVE, UI_ACT_REFRESH, UI_ACT_CANCEL,
	UI_ACT_SELECT, UI_ACT_NEXT, UI_ACT_PREV, UI_ACT_UP, UI_ACT_DOWN,
	UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_NONE,
};

/* At 80 columns a name of nine characters and the note the rest; the
 * selected row is shown whole under the list (draw_detail). */
static const ui_list_col policy_cols[] = {
	{ N_("Parameter"), 18, 18 },
	{ N_("Value"), 12, 16 },
	{ N_("From"), 10, 10 },
	{ N_("In force"), 6, 6 },
	{ N_("Note"), 8, 0 },
};

/* A figure's name in words (jz.policy_name), its key when it has none. */
static const char *policy_label(const db_policy_row *r)
{
	return r->name[0] ? r->name : r->key;
}

/* The units jz.policy uses; the table names them for translation. */
static const char *const units[] = {
	N_("working days"), N_("calendar days"), N_("seconds"), N_("years"), N_("months"),
	N_("people"), N_("visits/week"), N_("sessions/month"), N_("households/year"),
	N_("people/year"), N_("hours/week"), N_("hours/year"), N_("minutes"),
};

static const char *unit_name(const char *unit)
{
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(units[i], unit) == 0)
			return _(units[i]);
	return unit;
}

static bool is_money(const char *unit)
{
	return strncmp(unit, "fen", 3) == 0;
}

/* 50000 fen/month -> "500.00 yuan/month"; 80 percent -> "80%". */
static void value_text(const char *unit, int64_t v, char *buf, size_t len)
{
	char yuan[40];

	if (is_money(unit)) {
		valid_yuan_format(v, yuan, sizeof yuan);
		if (strcmp(unit, "fen/month") == 0)
			snprintf(buf, len, _("%s yuan/month"), yuan);
		else if (strcmp(unit, "fen/year") == 0)
			snprintf(buf, len, _("%s yuan/year"), yuan);
		else
			snprintf(buf, len, _("%s yuan"), yuan);
	} else if (strcmp(unit, "percent") == 0) {
		snprintf(buf, len, "%" PRId64 "%%", v);
	} else {
		snprintf(buf, len, "%" PRId64 " %s", v, unit_name(unit));
	}
}

static const char *policy_title(const ui_screen *s)
{
	(void)s;
	return _("Policy parameters");
}

static const char *policy_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_NEW:
		return _("New figure");
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
	policy_state *st = ctx;
	const db_policy_row *r = &st->rows[row];

	switch (col) {
	case 0:
		snprintf(buf, len, "%s", policy_label(r));
		break;
	case 1:
		value_text(r->unit, r->value, buf, len);
		break;
	case 2:
		snprintf(buf, len, "%s", r->effective);
		break;
	case 3:
		snprintf(buf, len, "%s", r->in_force ? _("now") : r->future ? _("later") : "");
		break;
	default:
		snprintf(buf, len, "%s", r->note);
		break;
	}
}

static const ui_list_ops policy_list_ops = { .cell = cell };

/* name  value  valid 2025-01-01 to 2026-12-31  now */
static void head_text(const db_policy_row *r, char *buf, size_t len)
{
	char val[80], days[80];
	const char *state = r->in_force ? _("now") : r->future ? _("later") : "";

	value_text(r->unit, r->value, val, sizeof val);
	if (r->until[0])
		snprintf(days, sizeof days, _("valid %s to %s"), r->effective, r->until);
	else
		snprintf(days, sizeof days, _("valid from %s"), r->effective);
	snprintf(buf, len, "%s  %s  %s%s%s", policy_label(r), val, days, state[0] ? "  " : "", state);
}

/* Lines the detail needs for the longest row at w cells: the height stays
 * as the cursor moves, so the list does not jump. */
static int detail_want(const policy_state *st, int w)
{
	int lw = ui_text_width(_("Note:")), want = 0;
	char head[400];

	for (size_t i = 0; i < st->n; i++) {
		int note = ui_text_lines(st->rows[i].note, w - lw);
		head_text(&st->rows[i], head, sizeof head);
		int need = ui_text_lines(head, w) + (note > 1 ? note : 1);
		if (need > want)
			want = need;
	}
	return want;
}

/* The selected row in h lines from (y, x): the head in bold, then 备注：
 * and the note wrapped under itself (an ellipsis only past h lines). */
static void draw_detail(const policy_state *st, int y, int x, int w, int h)
{
	const db_policy_row *row = &st->rows[st->list.cursor];
	int lw = ui_text_width(_("Note:"));
	char head[400];

	head_text(row, head, sizeof head);
	int hl = ui_text_lines(head, w);
	if (hl > h - 1)
		hl = h - 1;
	y += ui_put_wrapped(stdscr, y, x, head, w, hl, A_BOLD);
	h -= hl;
	ui_put(stdscr, y, x, _("Note:"), lw, A_NORMAL);
	ui_put_wrapped(stdscr, y, x + lw, row->note, w - lw, h, A_NORMAL);
}

static void load(policy_state *st, const char *key, const char *date)
{
	db_err err;
	size_t cur = st->list.cursor;

	memset(&err, 0, sizeof err);
	db_policy_rows_free(st->rows, st->n);
	st->rows = NULL;
	st->n = 0;
	if (!st->app->conn || !db_policy_list(st->app->conn, &st->rows, &st->n, &err))
		ui_app_message(st->app, true, _("The policy figures could not be read: %s"),
			       st->app->conn ? err.message : _("not connected"));
	for (size_t i = 0; key && i < st->n; i++)
		if (strcmp(st->rows[i].key, key) == 0 && (!date || strcmp(st->rows[i].effective, date) == 0))
			cur = i;
	ui_list_set_rows(&st->list, st->n, cur);
}

static bool policy_open(ui_screen *s, ui_app *app, void *arg)
{
	policy_state *st = calloc(1, sizeof *st);

	(void)arg;
	if (!st)
		return false;
	st->app = app;
	lineedit_init(&st->f[F_VALUE], LINEEDIT_TEXT, 16, 20, 0);
	lineedit_init(&st->f[F_FROM], LINEEDIT_TEXT, 12, 16, 0);
	lineedit_init(&st->f[F_NOTE], LINEEDIT_TEXT, 40, 100, 0);
	ui_list_init(&st->list, policy_cols, (int)(sizeof policy_cols / sizeof policy_cols[0]),
		     &policy_list_ops, st);
	s->data = st;
	load(st, NULL, NULL);
	return true;
}

static void policy_close(ui_screen *s, ui_app *app)
{
	policy_state *st = s->data;

	(void)app;
	if (!st)
		return;
	for (int i = 0; i < F_COUNT; i++)
		lineedit_finish(&st->f[i]);
	ui_list_finish(&st->list);
	db_policy_rows_free(st->rows, st->n);
	free(st);
	s->data = NULL;
}

static void draw_add(policy_state *st, ui_rect r, int *cy, int *cx)
{
	static const char *const labels[F_COUNT] = {
		N_("New value:"), N_("Takes effect on:"), N_("Note:"),
	};
	int fx = r.x + 22, y = r.y + 1, fy[F_COUNT];
	char line[400], val[80];

	snprintf(line, sizeof line, _("Parameter: %s"), policy_label(&st->target));
	ui_put(stdscr, y++, r.x + 4, line, r.w - 6, A_BOLD);
	value_text(st->target.unit, st->target.value, val, sizeof val);
	snprintf(line, sizeof line, _("In force now: %s (from %s)"), val, st->target.effective);
	ui_put(stdscr, y++, r.x + 4, line, r.w - 6, A_NORMAL);
	y++;
	for (int i = 0; i < F_COUNT; i++) {
		int w = ui_text_width(_(labels[i]));
		fy[i] = y;
		ui_put(stdscr, y, fx - w - 1, _(labels[i]), w, A_NORMAL);
		ui_field_draw(stdscr, y, fx, &st->f[i], st->focus == i);
		if (st->err[0] && st->err_field == i)
			ui_put(stdscr, y + 1, fx, st->err, r.w - fx - 1, A_BOLD);
		y += 2;
	}
	ui_put(stdscr, y + 1, r.x + 4,
	       is_money(st->target.unit) ? _("The value in yuan (e.g. 520.50). The date: today or later (YYYY-MM-DD).")
	       : _("The date: today or later (YYYY-MM-DD). Past figures stay as they were."),
	       r.w - 6, A_NORMAL);
	ui_field_place_cursor(stdscr, fy[st->focus], fx, &st->f[st->focus]);
	getyx(stdscr, *cy, *cx);
}

static void policy_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	policy_state *st = s->data;

	(void)app;
	if (st->mode != P_LIST) {
		draw_add(st, r, cy, cx);
		return;
	}
	/* the detail at the foot of the body, a blank line above it */
	int w = r.w - 2, pane = 0;
	if (st->list.cursor < st->n)
		pane = ui_list_pane_lines(r.h, detail_want(st, w) + 1);
	ui_rect lr = { r.y, r.x, r.h - pane, r.w };
	s->more = ui_list_draw(&st->list, lr, cy, cx);
	if (pane > 1)
		draw_detail(st, r.y + r.h - pane + 1, r.x + 1, w, pane - 1);
}

static void field_error(policy_state *st, int field, const char *msg)
{
	st->err_field = field;
	st->focus = field;
	snprintf(st->err, sizeof st->err, "%s", msg);
	ui_app_message(st->app, true, "%s", msg);
}

/* The typed value in the key's unit: yuan to fen, whole numbers else. */
static bool parse_value(policy_state *st, const char *text, int64_t *v)
{
	char msg[256];
	const char *p = text + strspn(text, " ");
	char *end;
	long long n;

	if (is_money(st->target.unit)) {
		if (valid_yuan(text, v, msg, sizeof msg) != VALID_OK) {
			field_error(st, F_VALUE, msg);
			return false;
		}
		return true;
	}
	n = strtoll(p, &end, 10);
	end += strspn(end, " ");
	if (!*p || *end || *p < '0' || *p > '9') {
		field_error(st, F_VALUE, _("Type a whole number."));
		return false;
	}
	if (strcmp(st->target.unit, "percent") == 0 && n > 100) {
		field_error(st, F_VALUE, _("A percentage is at most 100."));
		return false;
	}
	*v = n;
	return true;
}

static void submit(policy_state *st)
{
	char *value = lineedit_get_utf8(&st->f[F_VALUE]);
	char *from = lineedit_get_utf8(&st->f[F_FROM]);
	char *note = lineedit_get_utf8(&st->f[F_NOTE]);
	char msg[256], date[11];
	valid_day day, today;
	int64_t v = 0;
	time_t now = time(NULL);
	struct tm tm;
	db_err err;

	memset(&err, 0, sizeof err);
	st->err[0] = '\0';
	localtime_r(&now, &tm);
	today = (valid_day){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
	if (!value || !from || !note) {
		ui_app_message(st->app, true, "%s", _("Out of memory."));
	} else if (!parse_value(st, value, &v)) {
		/* said at the field */
	} else if (valid_date(from, NULL, NULL, &day, msg, sizeof msg) != VALID_OK) {
		field_error(st, F_FROM, msg);
	} else if (valid_day_cmp(&day, &today) < 0) {
		field_error(st, F_FROM, _("That date is in the past: a new figure takes effect today or later; "
					  "past figures stay as they were."));
	} else {
		snprintf(date, sizeof date, "%04d-%02d-%02d", day.y, day.m, day.d);
		if (db_policy_add(st->app->conn, st->target.key, v, date, note, &err)) {
			char val[80];
			value_text(st->target.unit, v, val, sizeof val);
			ui_app_message(st->app, false, _("%s: %s from %s added."), policy_label(&st->target), val, date);
			for (int i = 0; i < F_COUNT; i++)
				lineedit_clear(&st->f[i]);
			st->mode = P_LIST;
			load(st, st->target.key, date);
		} else if (strcmp(err.sqlstate, "JZ100") == 0) {
			field_error(st, F_FROM, _("That date is in the past: a new figure takes effect today or later; "
						  "past figures stay as they were."));
		} else if (strcmp(err.sqlstate, "JZ103") == 0) {
			field_error(st, F_FROM, _("This parameter already has a figure from that date."));
		} else if (strcmp(err.sqlstate, "JZ102") == 0) {
			field_error(st, F_VALUE, err.message);
		} else {
			ui_app_message(st->app, true, _("Not added: %s"), err.message);
		}
	}
	free(value);
	free(from);
	free(note);
}

/* F6 on a row: a new figure for its key, shown against the one in force. */
static void start_add(policy_state *st)
{
	const db_policy_row *sel = &st->rows[st->list.cursor];

	st->target = *sel;
	for (size_t i = 0; i < st->n; i++)
		if (strcmp(st->rows[i].key, sel->key) == 0 && st->rows[i].in_force)
			st->target = st->rows[i];
	st->target.note = NULL;   /* the rows own it, and a reload frees them */
	st->mode = P_ADD;
	st->focus = F_VALUE;
	st->err[0] = '\0';
}

static ui_result add_key(policy_state *st, ui_key k, ui_action a)
{
	lineedit_result r;

	if (a == UI_ACT_SELECT)
		a = UI_ACT_NEXT;   /* Enter: next field, or save on the last */
	switch (a) {
	case UI_ACT_SAVE:
		submit(st);
		return UI_HANDLED;
	case UI_ACT_NEXT:
		if (st->focus == F_COUNT - 1 && !k.code && k.ch != L'\t')
			submit(st);
		else
			st->focus = (st->focus + 1) % F_COUNT;
		return UI_HANDLED;
	case UI_ACT_PREV:
		st->focus = (st->focus + F_COUNT - 1) % F_COUNT;
		return UI_HANDLED;
	case UI_ACT_NONE:
		break;
	default:
		return UI_UNHANDLED;
	}
	r = ui_field_key(&st->f[st->focus], k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	if (r == LINEEDIT_OK && st->err_field == st->focus)
		st->err[0] = '\0';
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

static ui_result policy_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	policy_state *st = s->data;

	if (a == UI_ACT_EXIT)
		return UI_QUIT;
	if (a == UI_ACT_CANCEL) {
		if (st->mode == P_LIST) {
			ui_app_pop(app);   /* frees st */
			return UI_HANDLED;
		}
		st->mode = P_LIST;   /* what was typed stays for the next F6 */
		st->err[0] = '\0';
		return UI_HANDLED;
	}
	if (st->mode == P_ADD)
		return add_key(st, k, a);
	if (a == UI_ACT_NEW && st->n) {
		start_add(st);
		return UI_HANDLED;
	}
	if (a == UI_ACT_REFRESH) {
		load(st, st->n ? st->rows[st->list.cursor].key : NULL,
		     st->n ? st->rows[st->list.cursor].effective : NULL);
		return UI_HANDLED;
	}
	return ui_list_key(&st->list, app, k, a);
}

/* The legend: F10 saves a new figure; the list has nothing to save. */
static bool policy_applies(const ui_screen *s, ui_action a)
{
	const policy_state *st = s->data;
	bool list = !st || st->mode == P_LIST;

	if (a == UI_ACT_SAVE)
		return !list;
	if (a == UI_ACT_NEW)
		return list;
	return true;
}

const ui_screen_ops ui_policy_screen = {
	.id = "policy",
	.actions = policy_actions,
	.title = policy_title,
	.open = policy_open,
	.draw = policy_draw,
	.key = policy_key,
	.close = policy_close,
	.save = NULL,
	.action_name = policy_action_name,
	.applies = policy_applies,
};
