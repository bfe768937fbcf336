/* scr_holidays.c - 节假日与区划代码 (administrators): the holiday years
 * loaded (year, when, from where, days listed) and whether the GB/T 2260
 * code list is loaded. F6 imports a file by its path: a holiday-cn .json
 * calendar or the area-code .csv, through db/import (PostgreSQL parses
 * them). An error is said under the path, which stays as typed. */
#include "policy_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "import.h"
#include "list.h"
#include "policy_admin.h"

typedef struct holidays_state {
	ui_app *app;
	bool importing;
	db_holiday_year_row *rows;
	size_t n;
	long long area_codes;
	bool area_known;
	ui_list list;
	lineedit path;
	char err[1280];   /* message and detail (512 each) and the path */
} holidays_state;

static const ui_action holidays_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_NEW, UI_ACT_SAVE, UI_ACT_REFRESH, UI_ACT_CANCEL,
	UI_ACT_SELECT, UI_ACT_NEXT, UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN,
	UI_ACT_NONE,
};

static const ui_list_col holiday_cols[] = {
	{ N_("Year"), 4, 6 },
	{ N_("Loaded at"), 16, 16 },
	{ N_("Days"), 4, 6 },
	{ N_("Source"), 10, 0 },
};

static const char *holidays_title(const ui_screen *s)
{
	(void)s;
	return _("Holidays and area codes");
}

static const char *holidays_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_NEW:
		return _("Import");
	case UI_ACT_SAVE:
		return _("Import");
	case UI_ACT_CANCEL:
		return _("Back");
	default:
		return NULL;
	}
}

static void cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	holidays_state *st = ctx;
	const db_holiday_year_row *r = &st->rows[row];

	switch (col) {
	case 0:
		snprintf(buf, len, "%d", r->year);
		break;
	case 1:
		snprintf(buf, len, "%s", r->loaded_at);
		break;
	case 2:
		snprintf(buf, len, "%d", r->days);
		break;
	default:
		snprintf(buf, len, "%s", r->source[0] ? r->source : "-");
		break;
	}
}

static const ui_list_ops holiday_list_ops = { .cell = cell };

static void load(holidays_state *st)
{
	db_err err;

	memset(&err, 0, sizeof err);
	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	if (!st->app->conn || !db_holiday_years(st->app->conn, &st->rows, &st->n, &err))
		ui_app_message(st->app, true, _("The holiday years could not be read: %s"),
			       st->app->conn ? err.message : _("not connected"));
	st->area_known = st->app->conn && db_area_code_count(st->app->conn, &st->area_codes, &err);
	ui_list_set_rows(&st->list, st->n, st->n ? st->n - 1 : 0);
}

static bool holidays_open(ui_screen *s, ui_app *app, void *arg)
{
	holidays_state *st = calloc(1, sizeof *st);

	(void)arg;
	if (!st)
		return false;
	st->app = app;
	lineedit_init(&st->path, LINEEDIT_TEXT, 50, 1000, 0);
	ui_list_init(&st->list, holiday_cols, (int)(sizeof holiday_cols / sizeof holiday_cols[0]),
		     &holiday_list_ops, st);
	s->data = st;
	load(st);
	return true;
}

static void holidays_close(ui_screen *s, ui_app *app)
{
	holidays_state *st = s->data;

	(void)app;
	if (!st)
		return;
	lineedit_finish(&st->path);
	ui_list_finish(&st->list);
	free(st->rows);
	free(st);
	s->data = NULL;
}

static void holidays_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	holidays_state *st = s->data;
	int below = st->importing ? 8 : 3;
	ui_rect lr = { r.y, r.x, r.h - below, r.w };
	char line[300];
	int y = r.y + r.h - below + 1;

	(void)app;
	s->more = ui_list_draw(&st->list, lr, cy, cx);
	if (!st->area_known)
		snprintf(line, sizeof line, "%s", _("Area codes: could not be read."));
	else if (st->area_codes == 0)
		snprintf(line, sizeof line, "%s", _("Area codes: not loaded (ID numbers are checked without them)."));
	else
		snprintf(line, sizeof line, _("Area codes: loaded, %lld codes."), st->area_codes);
	ui_put(stdscr, y++, r.x + 2, line, r.w - 4, A_BOLD);
	if (!st->importing) {
		ui_put(stdscr, y, r.x + 2, _("F6 imports a holiday calendar (.json) or the area-code list (.csv)."),
		       r.w - 4, A_NORMAL);
		return;
	}
	y++;
	int fx = r.x + 2 + ui_text_width(_("File:")) + 1;
	ui_put(stdscr, y, r.x + 2, _("File:"), fx - r.x - 2, A_NORMAL);
	lineedit_set_width(&st->path, r.w - fx - 2 > 10 ? r.w - fx - 2 : 10);
	ui_field_draw(stdscr, y, fx, &st->path, true);
	if (st->err[0])
		ui_put(stdscr, y + 1, fx, st->err, r.w - fx - 1, A_BOLD);
	/* two lines: as one it was cut at 80 columns in both languages */
	ui_put(stdscr, y + 3, r.x + 2, _("A holiday-cn calendar (e.g. 2026.json) replaces that year's holidays;"),
	       r.w - 4, A_NORMAL);
	ui_put(stdscr, y + 4, r.x + 2, _("a .csv file is the GB/T 2260 area-code list. F10 imports."),
	       r.w - 4, A_NORMAL);
	ui_field_place_cursor(stdscr, y, fx, &st->path);
	getyx(stdscr, *cy, *cx);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && strcasecmp(s + a - b, tail) == 0;
}

static void set_err(holidays_state *st, const db_err *e)
{
	if (e->detail[0])
		snprintf(st->err, sizeof st->err, "%s (%s)", e->message, e->detail);
	else
		snprintf(st->err, sizeof st->err, "%s", e->message);
	ui_app_message(st->app, true, "%s", st->err);
}

static void submit(holidays_state *st)
{
	char *raw = lineedit_get_utf8(&st->path);
	const char *path;
	db_err err;
	int rows = 0;

	memset(&err, 0, sizeof err);
	st->err[0] = '\0';
	if (!raw) {
		ui_app_message(st->app, true, "%s", _("Out of memory."));
		return;
	}
	path = raw + strspn(raw, " ");
	if (!*path) {
		snprintf(st->err, sizeof st->err, "%s", _("Type the path of the file to import."));
		ui_app_message(st->app, true, "%s", st->err);
	} else if (ends_with(path, ".json")) {
		if (db_import_holidays(st->app->conn, path, &rows, &err)) {
			ui_app_message(st->app, false, _("Holiday calendar imported: %d days."), rows);
			st->importing = false;
			load(st);
		} else {
			set_err(st, &err);
		}
	} else if (ends_with(path, ".csv")) {
		if (db_import_areacodes(st->app->conn, path, &rows, &err)) {
			ui_app_message(st->app, false, _("Area codes imported: %d codes."), rows);
			st->importing = false;
			load(st);
		} else if (strcmp(err.sqlstate, "42501") == 0) {
			/* the administrator's login may lack a right the import needs */
			snprintf(st->err, sizeof st->err,
				 _("Your login may not import the area codes here (%s). "
				   "On the server run: jiuzhu import areacodes %s"), err.message, path);
			ui_app_message(st->app, true, "%s", st->err);
		} else {
			set_err(st, &err);
		}
	} else {
		snprintf(st->err, sizeof st->err, "%s",
			 _("Name a holiday calendar ending in .json or an area-code list ending in .csv."));
		ui_app_message(st->app, true, "%s", st->err);
	}
	free(raw);
}

static ui_result holidays_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	holidays_state *st = s->data;
	lineedit_result r;

	if (a == UI_ACT_EXIT)
		return UI_QUIT;
	if (a == UI_ACT_CANCEL) {
		if (!st->importing) {
			ui_app_pop(app);   /* frees st */
			return UI_HANDLED;
		}
		st->importing = false;   /* the path stays for the next F6 */
		st->err[0] = '\0';
		return UI_HANDLED;
	}
	if (!st->importing) {
		if (a == UI_ACT_NEW) {
			st->importing = true;
			return UI_HANDLED;
		}
		if (a == UI_ACT_REFRESH) {
			load(st);
			return UI_HANDLED;
		}
		return ui_list_key(&st->list, app, k, a);
	}
	if (a == UI_ACT_SAVE || a == UI_ACT_SELECT || (a == UI_ACT_NEXT && !k.code && k.ch != L'\t')) {
		submit(st);
		return UI_HANDLED;
	}
	if (a != UI_ACT_NONE)
		return UI_UNHANDLED;
	r = ui_field_key(&st->path, k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	if (r == LINEEDIT_OK)
		st->err[0] = '\0';
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

const ui_screen_ops ui_holidays_screen = {
	.id = "holidays",
	.actions = holidays_actions,
	.title = holidays_title,
	.open = holidays_open,
	.draw = holidays_draw,
	.key = holidays_key,
	.close = holidays_close,
	.save = NULL,
	.action_name = holidays_action_name,
};
