/* scr_indicators.c - 年度指标: the supervisor's one screen of how the year
 * stands against each promise of the plan (jz.year_indicators), bars of
 * block characters in eighths with the numbers beside them, and the funds
 * forecast's shortfall. Meaning never by colour: the numbers and the
 * percentage say it all. F10 writes the same lines to a UTF-8 report file
 * and a CSV (UTF-8 with BOM) in the print folder; PgUp/PgDn change year. */
#include "app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "export.h"
#include "frame.h"
#include "funds.h"
#include "i18n.h"
#include "indicators.h"

extern const ui_screen_ops ui_indicators_screen;

#define LABEL_CELLS 22
#define BAR_CELLS 22

typedef struct ind_state {
	db_indicators d;
	bool loaded;
	int year;
} ind_state;

static const struct {
	const char *key;
	const char *label;   /* N_() */
} labels[] = {
	{ "households_low_income", N_("Low-income households") },
	{ "elderly_alone", N_("Elderly living alone (people)") },
	{ "disabled", N_("Disabled people") },
	{ "unemployed", N_("Unemployed people") },
	{ "cash_paid", N_("Cash aid paid (yuan)") },
	{ "volunteer_hours", N_("Volunteer hours") },
	{ "counselling_participants", N_("Counselling (person-times)") },
	{ "counselling_satisfaction", N_("Counselling satisfaction") },
	{ "trained", N_("People trained") },
	{ "employed_share", N_("Employed after training") },
};

static const char *label_of(const char *key)
{
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].key, key) == 0)
			return _(labels[i].label);
	return key;
}

static const ui_action ind_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CANCEL, UI_ACT_REFRESH, UI_ACT_SAVE,
	UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_NONE,
};

static const char *ind_title(const ui_screen *s)
{
	(void)s;
	return _("Year's indicators");
}

static const char *ind_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_SAVE:
		return _("Write report");
	case UI_ACT_PAGE_UP:
		return _("Last year");
	case UI_ACT_PAGE_DOWN:
		return _("Next year");
	case UI_ACT_CANCEL:
		/* F12 goes back to the menu, as on every other screen */
		return _("Back");
	default:
		return NULL;
	}
}

static void load(ind_state *st, ui_app *app)
{
	db_err err;

	memset(&err, 0, sizeof err);
	st->loaded = db_year_indicators(app->conn, st->year, &st->d, &err);
	if (!st->loaded)
		ui_app_message(app, true, _("The indicators cannot be read: %s"), err.message);
}

static bool ind_open(ui_screen *s, ui_app *app, void *arg)
{
	ind_state *st = calloc(1, sizeof *st);
	time_t now = time(NULL);
	struct tm tm;

	(void)arg;
	if (!st)
		return false;
	localtime_r(&now, &tm);
	st->year = tm.tm_year + 1900;
	s->data = st;
	load(st, app);
	return true;
}

static void ind_close(ui_screen *s, ui_app *app)
{
	(void)app;
	free(s->data);
	s->data = NULL;
}

/* "  75%" achieved, or "   - " */
static void pct_text(const db_indicator *r, char *buf, size_t n)
{
	int pm = db_indicator_permille(r);
	if (pm < 0)
		snprintf(buf, n, "   - ");
	else
		snprintf(buf, n, "%4d%%", (pm + 5) / 10);
}

/* Pad s with spaces to `cells` cells (it is cut by ui_put when drawn). */
static void pad(char *dst, size_t n, const char *s, int cells)
{
	int w = ui_text_width(s);
	size_t len = strlen(s);
	if (len >= n)
		len = n - 1;
	memcpy(dst, s, len);
	while (w < cells && len + 1 < n) {
		dst[len++] = ' ';
		w++;
	}
	dst[len] = '\0';
}

/* One line of an indicator, the same on the screen and in the report. */
static void row_text(const db_indicator *r, char *buf, size_t n)
{
	char lab[128], bar[BAR_CELLS * 4 + 1], fig[96], pct[16];

	pad(lab, sizeof lab, label_of(r->key), LABEL_CELLS);
	db_indicator_bar(db_indicator_permille(r), BAR_CELLS, bar, sizeof bar);
	if (!r->available)
		snprintf(fig, sizeof fig, "%s", _("no data yet"));
	else
		db_indicator_figures(r, fig, sizeof fig);
	pct_text(r, pct, sizeof pct);
	snprintf(buf, n, "%s %s %s %s", lab, bar, pct, fig);
}

static void forecast_text(const db_indicators *d, char *buf, size_t n)
{
	char ob[32], rem[32], sh[32];

	if (!d->has_forecast) {
		snprintf(buf, n, "%s", _("Funds forecast: not available."));
		return;
	}
	db_group_digits(d->obligations_fen / 100, ob, sizeof ob);
	db_group_digits(d->remaining_fen / 100, rem, sizeof rem);
	db_group_digits(d->shortfall_fen / 100, sh, sizeof sh);
	if (d->shortfall_fen > 0)
		snprintf(buf, n, _("Shortfall: %s yuan (%d months still owe %s yuan; %s yuan of funds left)"),
			 sh, d->months_left, ob, rem);
	else
		snprintf(buf, n, _("No shortfall: %d months still owe %s yuan; %s yuan of funds left"),
			 d->months_left, ob, rem);
}

static void ind_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	ind_state *st = s->data;
	char line[600];
	int y = r.y;

	(void)app;
	snprintf(line, sizeof line, _("Year %d against the plan's targets (bar: share of the target reached)"),
		 st->year);
	ui_put(stdscr, y++, r.x + 1, line, r.w - 2, A_BOLD);
	y++;
	if (!st->loaded) {
		ui_put(stdscr, y, r.x + 1, _("No figures: press F5 to try again."), r.w - 2, A_NORMAL);
		return;
	}
	for (int i = 0; i < st->d.n && y < r.y + r.h - 2; i++) {
		row_text(&st->d.rows[i], line, sizeof line);
		ui_put(stdscr, y++, r.x + 1, line, r.w - 2, A_NORMAL);
	}
	y++;
	forecast_text(&st->d, line, sizeof line);
	if (y < r.y + r.h)
		ui_put(stdscr, y, r.x + 1, line, r.w - 2,
		       st->d.has_forecast && st->d.shortfall_fen > 0 ? A_BOLD : A_NORMAL);
	*cy = -1;
	*cx = -1;
}

static bool write_report(const ind_state *st, const char *dir, char *path, size_t n)
{
	char line[600], fig[96], pct[16], num[32], base[32], tgt[32];
	FILE *f;
	bool ok;

	snprintf(path, n, "%s/indicators-%d.txt", dir, st->year);
	f = fopen(path, "w");
	if (!f)
		return false;
	snprintf(line, sizeof line, _("Year %d against the plan's targets (bar: share of the target reached)"),
		 st->year);
	fprintf(f, "%s\n\n", line);
	for (int i = 0; i < st->d.n; i++) {
		row_text(&st->d.rows[i], line, sizeof line);
		fprintf(f, "%s\n", line);
	}
	forecast_text(&st->d, line, sizeof line);
	fprintf(f, "\n%s\n", line);
	ok = fclose(f) == 0;
	if (!ok)
		return false;

	/* the same figures for a spreadsheet */
	char csvpath[700];
	snprintf(csvpath, sizeof csvpath, "%s/indicators-%d.csv", dir, st->year);
	export_csv *x = export_csv_open(csvpath, EXPORT_UTF8_BOM);
	if (!x)
		return false;
	const char *head[] = { _("Indicator"), _("Actual"), _("Base"), _("Target"), _("Reached"), _("Figures") };
	ok = export_csv_row(x, head, 6);
	for (int i = 0; ok && i < st->d.n; i++) {
		const db_indicator *r = &st->d.rows[i];
		int pm = db_indicator_permille(r);
		if (r->unit == DB_IND_FEN) {
			/* the row says 元: 936000.00, not the 93600000 fen it is held in */
			db_fen_format(r->actual, num, sizeof num);
			db_fen_format(r->base, base, sizeof base);
			db_fen_format(r->target, tgt, sizeof tgt);
		} else {
			snprintf(num, sizeof num, "%lld", r->actual);
			snprintf(base, sizeof base, "%lld", r->base);
			snprintf(tgt, sizeof tgt, "%lld", r->target);
		}
		/* a number a spreadsheet reads, not the screen's padded "  95%" */
		if (pm < 0)
			pct[0] = '\0';
		else
			snprintf(pct, sizeof pct, "%d%%", (pm + 5) / 10);
		db_indicator_figures(r, fig, sizeof fig);
		const char *cells[] = { label_of(r->key), r->has_actual ? num : "", r->has_base ? base : "",
					r->has_target ? tgt : "", pct, fig };
		ok = export_csv_row(x, cells, 6);
	}
	return export_csv_destroy(x) && ok;
}

static ui_result ind_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	ind_state *st = s->data;
	char dir[512], path[700];

	(void)k;
	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;   /* F3 退出 leaves jiuzhu, as on every screen */
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		load(st, app);
		return UI_HANDLED;
	case UI_ACT_PAGE_UP:
	case UI_ACT_PAGE_DOWN:
		st->year += a == UI_ACT_PAGE_UP ? -1 : 1;
		load(st, app);
		return UI_HANDLED;
	case UI_ACT_SAVE:
		if (!st->loaded)
			return UI_HANDLED;
		if (!export_print_dir(dir, sizeof dir) || !write_report(st, dir, path, sizeof path))
			ui_app_message(app, true, _("The report cannot be written: %s"), strerror(errno));
		else
			ui_app_message(app, false, _("Report written: %s (and .csv)"), path);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

const ui_screen_ops ui_indicators_screen = {
	.id = "indicators",
	.actions = ind_actions,
	.title = ind_title,
	.open = ind_open,
	.draw = ind_draw,
	.key = ind_key,
	.close = ind_close,
	.save = NULL,
	.action_name = ind_action_name,
};
