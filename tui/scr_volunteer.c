/* scr_volunteer.c - the volunteers with their hours: this week's done and
 * planned against their maximum, the year's done; totals against the seed's
 * 600 hours a week and 31,200 a year (policy rows). F6 adds a volunteer,
 * Enter edits one (scr_volunteer_edit.c), F4 opens the volunteer's week grid. */
#include "volunteer_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "i18n.h"
#include "list.h"
#include "volunteer.h"

typedef struct vol_state {
	char monday[11];
	db_volunteer_row *rows;
	size_t n;
	long target_week, target_year, year_done;
	ui_list list;
	ui_app *app;
	bool stale;            /* an edit screen was opened: read again on return */
} vol_state;

extern const ui_screen_ops ui_volunteer_edit_screen;   /* scr_volunteer_edit.c */

static const ui_action vol_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_REFRESH, UI_ACT_CANCEL, UI_ACT_SELECT, UI_ACT_NEW, UI_ACT_CHOICES,
	UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_NONE,
};

static const ui_list_col vol_cols[] = {
	{ N_("Volunteer"), 8, 12 },
	{ N_("Phone"), 11, 11 },
	/* headings of four characters (本周时数): hours, not 时 (o'clock) */
	{ N_("Week h"), 8, 8 },
	{ N_("Planned h"), 8, 8 },
	{ N_("Max h"), 8, 8 },
	{ N_("Year h"), 8, 8 },
	{ N_("Areas"), 8, 0 },
};

static const char *vol_title(const ui_screen *s)
{
	(void)s;
	return _("Volunteers and hours");
}

static const char *vol_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	return a == UI_ACT_CANCEL ? _("Back") : a == UI_ACT_SELECT ? _("Edit") : a == UI_ACT_NEW ? _("New volunteer")
		: a == UI_ACT_CHOICES ? _("Week grid") : NULL;
}

static void hours(char *buf, size_t len, long minutes)
{
	snprintf(buf, len, "%ld.%ld", minutes / 60, (minutes % 60) * 10 / 60);
}

static void vol_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	vol_state *st = ctx;
	const db_volunteer_row *r = &st->rows[row];
	switch (col) {
	case 0:
		snprintf(buf, len, "%s%s", r->name, r->active ? "" : _(" (inactive)"));
		break;
	case 1:
		snprintf(buf, len, "%s", r->phone);
		break;
	case 2:
		hours(buf, len, r->week_done);
		break;
	case 3:
		hours(buf, len, r->week_planned);
		break;
	case 4:
		hours(buf, len, r->max_minutes);
		break;
	case 5:
		hours(buf, len, r->year_done);
		break;
	default:
		snprintf(buf, len, "%s", r->areas);
		break;
	}
}

static const ui_list_ops vol_ops = { .cell = vol_cell };

static void load(vol_state *st)
{
	db_err err;
	memset(&err, 0, sizeof err);
	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	if (!db_volunteers(st->app->conn, st->monday, &st->rows, &st->n, &err) ||
	    !db_volunteer_targets(st->app->conn, st->monday, &st->target_week, &st->target_year,
				  &st->year_done, &err))
		ui_app_message(st->app, true, _("The volunteers could not be read: %s"), err.message);
	ui_list_set_rows(&st->list, st->n, st->list.cursor);
}

static bool vol_open(ui_screen *s, ui_app *app, void *arg)
{
	vol_state *st = calloc(1, sizeof *st);
	db_err err;
	(void)arg;
	if (!st)
		return false;
	st->app = app;
	ui_list_init(&st->list, vol_cols, (int)(sizeof vol_cols / sizeof vol_cols[0]), &vol_ops, st);
	s->data = st;
	if (app->conn && db_week_monday(app->conn, NULL, st->monday, &err))
		load(st);
	return true;
}

static void vol_close(ui_screen *s, ui_app *app)
{
	vol_state *st = s->data;
	(void)app;
	if (!st)
		return;
	ui_list_finish(&st->list);
	free(st->rows);
	free(st);
	s->data = NULL;
}

static void vol_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	vol_state *st = s->data;
	char line[400], a[24], b[24], c[24], d[24];
	long week = 0, planned = 0;
	if (st->stale && app->top == s) {
		st->stale = false;
		load(st);
	}
	for (size_t i = 0; i < st->n; i++) {
		week += st->rows[i].week_done;
		planned += st->rows[i].week_planned;
	}
	hours(a, sizeof a, week);
	hours(b, sizeof b, planned);
	hours(c, sizeof c, st->target_week);
	snprintf(line, sizeof line, _("Week of %s: %s h done + %s h planned of the %s h target"),
		 st->monday, a, b, c);
	ui_put(stdscr, r.y, r.x + 1, line, r.w - 2, A_BOLD);
	hours(a, sizeof a, st->year_done);
	hours(d, sizeof d, st->target_year);
	snprintf(line, sizeof line, _("This year: %s h done of the %s h target; %zu volunteers"), a, d, st->n);
	ui_put(stdscr, r.y + 1, r.x + 1, line, r.w - 2, A_NORMAL);
	ui_rect lr = { r.y + 2, r.x, r.h - 2, r.w };
	s->more = ui_list_draw(&st->list, lr, cy, cx);
}

static ui_result vol_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	vol_state *st = s->data;
	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		load(st);
		return UI_HANDLED;
	case UI_ACT_NEW:
	case UI_ACT_SELECT: {
		long long id = a == UI_ACT_SELECT && st->n ? st->rows[st->list.cursor].id : 0;
		if (a == UI_ACT_NEW || id) {
			st->stale = true;
			ui_app_push(app, &ui_volunteer_edit_screen, &id);
		}
		return UI_HANDLED;
	}
	case UI_ACT_CHOICES:
		if (st->n) {
			ui_week_arg w = { .volunteer_id = st->rows[st->list.cursor].id };
			snprintf(w.name, sizeof w.name, "%s", st->rows[st->list.cursor].name);
			memcpy(w.monday, st->monday, sizeof w.monday);
			ui_app_push(app, &ui_week_screen, &w);
		}
		return UI_HANDLED;
	default:
		break;
	}
	return ui_list_key(&st->list, app, k, a);
}

const ui_screen_ops ui_volunteer_screen = {
	.id = "volunteers",
	.actions = vol_actions,
	.title = vol_title,
	.open = vol_open,
	.draw = vol_draw,
	.key = vol_key,
	.close = vol_close,
	.save = NULL,
	.action_name = vol_action_name,
};
