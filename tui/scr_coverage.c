/* scr_coverage.c - home-visit coverage (探访排班): every recipient whose
 * active plan needs visits and who has fewer than needed in the week, with
 * the shortfall and the reason the last fill gave. F6 fills the week with
 * forms/schedule and shows the proposal and who cannot be covered; F10
 * accepts it (one transaction); '<' '>' change the week; Enter opens the
 * recipient's week grid. Opened with arg non-NULL it is the supervisor's
 * 探访缺口 (this week, same list). */
#include "volunteer_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frame.h"
#include "i18n.h"
#include "list.h"
#include "volunteer.h"

typedef struct cov_state {
	char monday[11];
	db_cover_row *rows;
	size_t n;
	int needed, booked;
	db_fill *fill;          /* the proposal being reviewed, or NULL */
	ui_list list;
	ui_list plist;
	ui_app *app;
} cov_state;

static const ui_action cov_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_REFRESH, UI_ACT_NEW, UI_ACT_SAVE, UI_ACT_CANCEL,
	UI_ACT_SELECT, UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_NONE,
};

static const ui_list_col cov_cols[] = {
	{ N_("Recipient"), 8, 12 },
	{ N_("Address"), 10, 22 },
	{ N_("Need"), 4, 4 },
	{ N_("Booked"), 4, 6 },
	{ N_("Missed"), 4, 6 },
	{ N_("Short"), 4, 6 },
	{ N_("Why short"), 10, 0 },
};
static const ui_list_col prop_cols[] = {
	{ N_("Recipient"), 8, 12 },
	{ N_("Volunteer"), 8, 12 },
	{ N_("Day"), 4, 10 },
	{ N_("Time"), 11, 11 },
	{ N_("Note"), 10, 0 },
};

const char *ui_weekday_name(int day)
{
	static const char *const names[7] = {
		N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
	};
	return day >= 0 && day < 7 ? _(names[day]) : "?";
}

static const char *cov_title(const ui_screen *s)
{
	return s->data && ((cov_state *)s->data)->fill ? _("Fill the week: proposal")
						       : _("Home-visit coverage");
}

static const char *cov_action_name(const ui_screen *s, ui_action a)
{
	const cov_state *st = s->data;

	switch (a) {
	case UI_ACT_NEW:
		return _("Fill the week");
	case UI_ACT_SAVE:
		return _("Book proposal");
	case UI_ACT_CANCEL:
		/* on a proposal F12 discards it (取消); on the list it goes back */
		return st && st->fill ? NULL : _("Back");
	case UI_ACT_SELECT:
		return _("Week grid");
	default:
		return NULL;
	}
}

static void cov_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	cov_state *st = ctx;
	const db_cover_row *r = &st->rows[row];
	switch (col) {
	case 0:
		snprintf(buf, len, "%s", r->name);
		break;
	case 1:
		snprintf(buf, len, "%s", r->address);
		break;
	case 2:
		snprintf(buf, len, "%d", r->needed);
		break;
	case 3:
		snprintf(buf, len, "%d", r->booked);
		break;
	case 4:
		snprintf(buf, len, "%d", r->missed);
		break;
	case 5:
		snprintf(buf, len, "%d", r->shortfall);
		break;
	default:
		snprintf(buf, len, "%s", r->reason[0] ? db_gap_reason_text(r->reason)
						      : _("not filled yet"));
		break;
	}
}

static bool cov_marked(void *ctx, size_t row)
{
	cov_state *st = ctx;
	return st->rows[row].missed > 0;
}

/* Proposal rows first, then one row for every recipient left short. */
static void prop_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	cov_state *st = ctx;
	size_t np = 0, ng = 0, nr = 0, nv = 0;
	const struct sched_proposal *p = db_fill_proposals(st->fill, &np);
	const struct sched_gap *g = db_fill_gaps(st->fill, &ng);
	const db_fill_rec *rec = db_fill_recipients(st->fill, &nr);
	const db_fill_vol *vol = db_fill_volunteers(st->fill, &nv);

	if (row < np) {
		const struct sched_proposal *q = &p[row];
		switch (col) {
		case 0:
			snprintf(buf, len, "%s", rec[q->recipient].name);
			break;
		case 1:
			snprintf(buf, len, "%s", vol[q->volunteer].name);
			break;
		case 2:
			snprintf(buf, len, "%s", ui_weekday_name(q->day));
			break;
		case 3:
			snprintf(buf, len, "%02d:%02d-%02d:%02d", q->start / 60, q->start % 60,
				 q->end / 60, q->end % 60);
			break;
		default:
			snprintf(buf, len, "%s", q->cost == SCHED_COST_USUAL ? _("usual volunteer") : "");
			break;
		}
		return;
	}
	const struct sched_gap *q = &g[row - np];
	switch (col) {
	case 0:
		snprintf(buf, len, "%s", rec[q->recipient].name);
		break;
	case 1:
		snprintf(buf, len, "%s", _("(none)"));
		break;
	case 2:
		snprintf(buf, len, _("%d short"), q->missing);
		break;
	case 3:
		buf[0] = '\0';
		break;
	default:
		snprintf(buf, len, "%s", sched_reason_text(q->reason));
		break;
	}
}

static bool prop_marked(void *ctx, size_t row)
{
	cov_state *st = ctx;
	size_t np = 0;
	db_fill_proposals(st->fill, &np);
	return row >= np;
}

static const ui_list_ops cov_ops = { .cell = cov_cell, .marked = cov_marked };
static const ui_list_ops prop_ops = { .cell = prop_cell, .marked = prop_marked };

static void load(cov_state *st)
{
	db_err err;
	memset(&err, 0, sizeof err);
	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	if (!db_coverage(st->app->conn, st->monday, &st->rows, &st->n, &err) ||
	    !db_coverage_totals(st->app->conn, st->monday, &st->needed, &st->booked, &err))
		ui_app_message(st->app, true, _("Coverage could not be read: %s"), err.message);
	ui_list_set_rows(&st->list, st->n, st->list.cursor);
}

/* Days of the shown week already past (0: none, 7: all). */
static int days_past(const char *monday)
{
	int y, m, d;
	time_t now = time(NULL);
	struct tm t, today;
	if (sscanf(monday, "%d-%d-%d", &y, &m, &d) != 3 || !localtime_r(&now, &today))
		return 0;
	memset(&t, 0, sizeof t);
	t.tm_year = y - 1900;
	t.tm_mon = m - 1;
	t.tm_mday = d;
	t.tm_hour = 12;
	t.tm_isdst = -1;
	today.tm_hour = 12;
	today.tm_min = today.tm_sec = 0;
	double diff = difftime(mktime(&today), mktime(&t)) / 86400.0;
	if (diff < 0.5)
		return 0;
	return diff > 6.5 ? 7 : (int)(diff + 0.5);
}

static void shift_week(cov_state *st, int days)
{
	char buf[48], out[11];
	int y, m, d;
	db_err err;
	struct tm t;
	memset(&t, 0, sizeof t);
	if (sscanf(st->monday, "%d-%d-%d", &y, &m, &d) != 3)
		return;
	t.tm_year = y - 1900;
	t.tm_mon = m - 1;
	t.tm_mday = d + days;
	t.tm_hour = 12;
	t.tm_isdst = -1;
	mktime(&t);
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday);
	if (db_week_monday(st->app->conn, buf, out, &err))
		memcpy(st->monday, out, sizeof st->monday);
}

static bool cov_open(ui_screen *s, ui_app *app, void *arg)
{
	cov_state *st = calloc(1, sizeof *st);
	db_err err;
	(void)arg;
	if (!st)
		return false;
	st->app = app;
	ui_list_init(&st->list, cov_cols, (int)(sizeof cov_cols / sizeof cov_cols[0]), &cov_ops, st);
	ui_list_init(&st->plist, prop_cols, (int)(sizeof prop_cols / sizeof prop_cols[0]), &prop_ops, st);
	s->data = st;
	if (!app->conn || !db_week_monday(app->conn, NULL, st->monday, &err)) {
		ui_app_message(app, true, "%s", _("Not connected to the database."));
		return true;
	}
	load(st);
	return true;
}

static void cov_close(ui_screen *s, ui_app *app)
{
	cov_state *st = s->data;
	(void)app;
	if (!st)
		return;
	db_fill_destroy(st->fill);
	ui_list_finish(&st->list);
	ui_list_finish(&st->plist);
	free(st->rows);
	free(st);
	s->data = NULL;
}

static void cov_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	cov_state *st = s->data;
	char line[400];
	(void)app;
	if (st->fill) {
		size_t ng = 0;
		db_fill_gaps(st->fill, &ng);
		snprintf(line, sizeof line,
			 _("Week of %s: %d of %d required visits can be booked; %zu recipients short."),
			 st->monday, db_fill_covered(st->fill), db_fill_demand(st->fill), ng);
		ui_put(stdscr, r.y, r.x + 1, line, r.w - 2, A_BOLD);
		ui_put(stdscr, r.y + 1, r.x + 1, _("F10 accepts and books them all; Esc discards the proposal."),
		       r.w - 2, A_NORMAL);
		ui_rect lr = { r.y + 2, r.x, r.h - 2, r.w };
		s->more = ui_list_draw(&st->plist, lr, cy, cx);
		return;
	}
	snprintf(line, sizeof line, _("Week of %s: %d visits needed, %d booked; %zu recipients under the minimum."),
		 st->monday, st->needed, st->booked, st->n);
	ui_put(stdscr, r.y, r.x + 1, line, r.w - 2, A_BOLD);
	ui_put(stdscr, r.y + 1, r.x + 1, _("F6 fills the week; < and > change the week; Enter shows the week grid."),
	       r.w - 2, A_NORMAL);
	ui_rect lr = { r.y + 2, r.x, r.h - 2, r.w };
	if (st->n == 0)
		ui_put(stdscr, r.y + 3, r.x + 2, _("Every recipient has the visits the plan requires this week."),
		       r.w - 4, A_NORMAL);
	else
		s->more = ui_list_draw(&st->list, lr, cy, cx);
}

static void fill(cov_state *st)
{
	db_err err;
	memset(&err, 0, sizeof err);
	db_fill_destroy(st->fill);
	st->fill = db_fill_create(st->app->conn, st->monday, days_past(st->monday), &err);
	if (!st->fill) {
		ui_app_message(st->app, true, _("The week could not be filled: %s"), err.message);
		return;
	}
	size_t np = 0, ng = 0;
	db_fill_proposals(st->fill, &np);
	db_fill_gaps(st->fill, &ng);
	ui_list_set_rows(&st->plist, np + ng, 0);
}

static void accept(cov_state *st)
{
	db_err err;
	memset(&err, 0, sizeof err);
	int covered = db_fill_covered(st->fill);
	if (!db_fill_accept(st->app->conn, st->fill, &err)) {
		ui_app_message(st->app, true, _("Nothing was booked: %s"), err.message);
		return;
	}
	db_fill_destroy(st->fill);
	st->fill = NULL;
	load(st);
	ui_app_message(st->app, false, _("%d visits booked."), covered);
}

static ui_result cov_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	cov_state *st = s->data;
	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_CANCEL:
		if (st->fill) {
			db_fill_destroy(st->fill);
			st->fill = NULL;
		} else {
			ui_app_pop(app);
		}
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		load(st);
		return UI_HANDLED;
	case UI_ACT_NEW:
		if (app->conn)
			fill(st);
		return UI_HANDLED;
	case UI_ACT_SAVE:
		if (st->fill)
			accept(st);
		else
			ui_app_message(app, false, "%s", _("F10 books a proposal: press F6 first to fill the week."));
		return UI_HANDLED;
	case UI_ACT_SELECT:
		if (!st->fill && st->n) {
			ui_week_arg w = { .recipient_id = st->rows[st->list.cursor].recipient_id };
			snprintf(w.name, sizeof w.name, "%s", st->rows[st->list.cursor].name);
			memcpy(w.monday, st->monday, sizeof w.monday);
			ui_app_push(app, &ui_week_screen, &w);
		}
		return UI_HANDLED;
	case UI_ACT_NONE:
		if (!st->fill && !k.code && (k.ch == L'<' || k.ch == L'>' || k.ch == L',' || k.ch == L'.')) {
			shift_week(st, k.ch == L'<' || k.ch == L',' ? -7 : 7);
			load(st);
			return UI_HANDLED;
		}
		break;
	default:
		break;
	}
	return ui_list_key(st->fill ? &st->plist : &st->list, app, k, a);
}

/* F10 books a proposal: none before F6 made one. Enter opens a week grid
 * from the list only. */
static bool cov_applies(const ui_screen *s, ui_action a)
{
	const cov_state *st = s->data;

	if (!st)
		return true;
	switch (a) {
	case UI_ACT_SAVE:
		return st->fill != NULL;
	case UI_ACT_SELECT:
		return !st->fill && st->n > 0;
	default:
		return true;
	}
}

const ui_screen_ops ui_coverage_screen = {
	.id = "coverage",
	.actions = cov_actions,
	.title = cov_title,
	.open = cov_open,
	.draw = cov_draw,
	.key = cov_key,
	.close = cov_close,
	.save = NULL,
	.action_name = cov_action_name,
	.applies = cov_applies,
};
