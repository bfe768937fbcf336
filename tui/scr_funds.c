/* scr_funds.c - 资金与发放, the supervisor's funds screen: the year's
 * forecast (what the active plans and the training enrolments still owe
 * against what is left per source) with the shortfall in plain numbers, the
 * month's payments; F6 runs the month's payment run, F10 writes the bank's
 * CSV. Meaning never by colour: the shortfall line says 缺口 in words. */
#include "app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "frame.h"
#include "field.h"
#include "funds.h"
#include "i18n.h"
#include "lineedit.h"
#include "scr_funds.h"
#include "export.h"

enum { F_MONTH, F_FILE, F_ENC, F_COUNT };

typedef struct funds_state {
	lineedit f[F_COUNT];
	int focus;
	bool loaded;
	db_forecast fc;
	size_t npay;
	long long paid_fen;
	char month[11];      /* what the figures are of */
} funds_state;

static const ui_action funds_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_REFRESH, UI_ACT_NEW, UI_ACT_SAVE, UI_ACT_CANCEL,
	UI_ACT_NEXT, UI_ACT_PREV, UI_ACT_NONE,
};

static const char *funds_title(const ui_screen *s)
{
	(void)s;
	return _("Funds and payments");
}

static const char *funds_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_NEW:
		return _("Pay month");
	case UI_ACT_SAVE:
		return _("Export CSV");
	case UI_ACT_REFRESH:
		return _("Forecast");
	case UI_ACT_CANCEL:
		return _("Back");
	default:
		return NULL;
	}
}

/* "1,380,000.00": yuan with thousands separators, from fen. */
static void yuan(long long fen, char *buf, size_t len)
{
	char plain[40], grouped[56];
	const char *dot, *p;
	int n, k = 0, i = 0;

	db_fen_format(fen, plain, sizeof plain);
	p = plain;
	if (*p == '-')
		grouped[k++] = *p++;
	dot = strchr(p, '.');
	n = (int)(dot - p);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = p[i];
	}
	snprintf(grouped + k, sizeof grouped - (size_t)k, "%s", dot);
	snprintf(buf, len, "%s", grouped);
}

/* Focus on field i with the cursor after its text: the fields come filled
 * (month, file name), and at their start Backspace did nothing. */
static void focus_on(funds_state *st, int i)
{
	st->focus = i;
	lineedit_end(&st->f[i]);
}

static char *field_text(funds_state *st, int i)
{
	return lineedit_get_utf8(&st->f[i]);
}

/* The month field as YYYY-MM into month; false (message, cursor on the
 * field) when it is not one. */
static bool field_month(funds_state *st, ui_app *app, char month[11])
{
	char *m = field_text(st, F_MONTH);
	bool good = m && db_month_parse(m, month);

	free(m);
	if (!good) {
		ui_app_message(app, true, "%s", _("Month: type YYYY-MM, e.g. 2025-03."));
		focus_on(st, F_MONTH);
	}
	return good;
}

/* The file name follows the month while it is the name made for the month
 * shown, so January's list never goes out as payments-2026-11.csv; a name
 * typed by hand stays. */
static void file_follows(funds_state *st, const char *month)
{
	char *f = field_text(st, F_FILE);
	char made[80];

	snprintf(made, sizeof made, "payments-%.7s.csv", st->month);
	if (f && (!f[0] || (st->month[0] && strcmp(f, made) == 0))) {
		snprintf(made, sizeof made, "payments-%.7s.csv", month);
		lineedit_set_utf8(&st->f[F_FILE], made);
	}
	free(f);
}

static void load(funds_state *st, ui_app *app)
{
	char month[11];
	db_err e;
	db_payment_row *rows = NULL;

	st->loaded = false;
	if (!field_month(st, app, month))
		return;
	file_follows(st, month);
	snprintf(st->month, sizeof st->month, "%s", month);
	if (!db_funds_forecast(app->conn, atoi(month), month, &st->fc, &e)) {
		ui_app_message(app, true, _("The forecast could not be read: %s"), e.message);
		return;
	}
	if (!db_payment_list(app->conn, month, &rows, &st->npay, &st->paid_fen, &e)) {
		ui_app_message(app, true, _("The payments could not be read: %s"), e.message);
		return;
	}
	free(rows);
	st->loaded = true;
}

static bool funds_open(ui_screen *s, ui_app *app, void *arg)
{
	funds_state *st = calloc(1, sizeof *st);
	char month[32], file[80];
	time_t now = time(NULL);
	struct tm tm;

	(void)arg;
	if (!st)
		return false;
	localtime_r(&now, &tm);
	snprintf(month, sizeof month, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
	snprintf(file, sizeof file, "payments-%s.csv", month);  /* in the print folder */
	lineedit_init(&st->f[F_MONTH], LINEEDIT_DATE, 8, 7, 0);
	lineedit_init(&st->f[F_FILE], LINEEDIT_TEXT, 36, 200, 0);
	lineedit_init(&st->f[F_ENC], LINEEDIT_TEXT, 8, 7, 0);
	lineedit_set_utf8(&st->f[F_MONTH], month);
	lineedit_set_utf8(&st->f[F_FILE], file);
	lineedit_set_utf8(&st->f[F_ENC], "utf-8");
	focus_on(st, F_MONTH);
	s->data = st;
	load(st, app);
	return true;
}

static void funds_close(ui_screen *s, ui_app *app)
{
	funds_state *st = s->data;

	(void)app;
	if (st)
		for (int i = 0; i < F_COUNT; i++)
			lineedit_finish(&st->f[i]);
	free(st);
	s->data = NULL;
}

static void label(int y, int x, const char *text, int w)
{
	ui_put(stdscr, y, x, text, w, A_NORMAL);
}

/* One line of amounts in right-aligned 14-cell columns. */
static void amounts(int y, int x, const char *name, const long long *v, int n, attr_t at)
{
	char buf[64];

	ui_put(stdscr, y, x, name, 14, at);
	for (int i = 0; i < n; i++) {
		char cell[40];
		yuan(v[i], cell, sizeof cell);
		snprintf(buf, sizeof buf, "%14s", cell);
		ui_put(stdscr, y, x + 14 + i * 15, buf, 14, at);
	}
}

static void funds_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	funds_state *st = s->data;
	const db_forecast *f = &st->fc;
	int y = r.y, x = r.x + 1, fx[F_COUNT];
	char line[256], a[40], b[40];

	(void)app;
	label(y, x, _("Month"), 10);
	fx[F_MONTH] = x + 1 + ui_text_width(_("Month"));
	label(y, fx[F_MONTH] + 9, _("File"), 10);
	fx[F_FILE] = fx[F_MONTH] + 10 + ui_text_width(_("File"));
	label(y, fx[F_FILE] + 37, _("Encoding"), 10);
	fx[F_ENC] = fx[F_FILE] + 38 + ui_text_width(_("Encoding"));
	if (fx[F_ENC] + 8 > r.x + r.w)
		fx[F_ENC] = r.x + r.w - 8;
	for (int i = 0; i < F_COUNT; i++)
		ui_field_draw(stdscr, y, fx[i], &st->f[i], st->focus == i);
	y += 2;
	if (!st->loaded) {
		label(y, x, _("No figures: check the month and press F5."), r.w - 2);
		goto cursor;
	}
	snprintf(line, sizeof line, _("Still owed in %d from %.7s (%d months left):"), f->year, f->from_month,
		 f->months_left);
	ui_put(stdscr, y++, x, line, r.w - 2, A_BOLD);
	{
		long long v[1] = { f->cash_fen };
		amounts(y++, x + 2, _("Cash aid"), v, 1, A_NORMAL);
		v[0] = f->training_fen;
		amounts(y++, x + 2, _("Training"), v, 1, A_NORMAL);
		v[0] = f->obligations_fen;
		amounts(y++, x + 2, _("Total owed"), v, 1, A_BOLD);
	}
	y++;
	{
		const char *head[4] = { _("Allocated"), _("Received"), _("Spent"), _("Available") };
		for (int i = 0; i < 4; i++) {
			int w = ui_text_width(head[i]);
			/* right-aligned by cells, not bytes */
			ui_put(stdscr, y, x + 16 + i * 15 + (w < 14 ? 14 - w : 0), head[i], 14, A_UNDERLINE);
		}
		y++;
	}
	for (size_t i = 0; i < f->nsrc && y < r.y + r.h - 4; i++) {
		long long v[4] = { f->src[i].funding_fen, f->src[i].received_fen, f->src[i].spent_fen,
				   f->src[i].remaining_fen };
		amounts(y++, x + 2, f->src[i].name, v, 4, A_NORMAL);
	}
	{
		long long v[4] = { 0, 0, 0, f->remaining_fen };
		for (size_t i = 0; i < f->nsrc; i++) {
			v[0] += f->src[i].funding_fen;
			v[1] += f->src[i].received_fen;
			v[2] += f->src[i].spent_fen;
		}
		amounts(y++, x + 2, _("All sources"), v, 4, A_BOLD);
	}
	y++;
	yuan(f->obligations_fen, a, sizeof a);
	yuan(f->remaining_fen, b, sizeof b);
	if (f->shortfall_fen > 0) {
		char c[40];
		yuan(f->shortfall_fen, c, sizeof c);
		snprintf(line, sizeof line, _("SHORTFALL: %s yuan (owed %s, available %s)"), c, a, b);
		ui_put(stdscr, y++, x, line, r.w - 2, A_REVERSE | A_BOLD);
	} else {
		snprintf(line, sizeof line, _("Balanced: owed %s yuan, available %s yuan"), a, b);
		ui_put(stdscr, y++, x, line, r.w - 2, A_BOLD);
	}
	yuan(st->paid_fen, a, sizeof a);
	snprintf(line, sizeof line, _("Paid for %.7s: %zu payments, %s yuan"), st->month, st->npay, a);
	if (y < r.y + r.h)
		label(y, x, line, r.w - 2);
cursor:
	s->more = UI_MORE_NONE;
	*cy = r.y;
	*cx = fx[st->focus];
	ui_field_place_cursor(stdscr, r.y, fx[st->focus], &st->f[st->focus]);
	getyx(stdscr, *cy, *cx);
}

/* The month typed, checked, and the figures and file name brought to it
 * when it was typed without Enter (F6/F10 straight from the field). */
static bool month_now(funds_state *st, ui_app *app, char month[11])
{
	if (!field_month(st, app, month))
		return false;
	if (strcmp(month, st->month) != 0 || !st->loaded)
		load(st, app);
	return true;
}

static void run_month(funds_state *st, ui_app *app)
{
	char m[11], shown[8];
	int made = 0;
	db_err e;

	if (!month_now(st, app, m))
		return;
	snprintf(shown, sizeof shown, "%.7s", m);
	if (!db_payment_run(app->conn, m, &made, &e))
		ui_app_message(app, true, _("The payment run failed, nothing was paid: %s"), e.message);
	else if (made == 0)
		ui_app_message(app, false, _("%s was already paid: nothing new."), shown);
	else
		ui_app_message(app, false, _("%s: %d payments made."), shown, made);
	if (!app->msg_error)
		load(st, app);
}

/* A bare file name goes to the print folder (not wherever jiuzhu was
 * started); a name with a folder in it is taken as typed. */
static bool export_where(const char *name, char *buf, size_t n)
{
	char dir[512];

	if (strchr(name, '/')) {
		snprintf(buf, n, "%s", name);
		return true;
	}
	if (!export_print_dir(dir, sizeof dir)) {
		snprintf(buf, n, "%s", dir);  /* named in the message */
		return false;
	}
	snprintf(buf, n, "%s/%s", dir, name);
	return true;
}

/* The folder the file goes in, when it is not there: "没有那个文件或目录"
 * from fopen named neither which nor that it was the folder. */
static bool folder_missing(const char *where, char *dir, size_t n)
{
	struct stat sb;
	const char *slash = strrchr(where, '/');

	if (!slash)
		return false;
	snprintf(dir, n, "%.*s", slash == where ? 1 : (int)(slash - where), where);
	return stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode);
}

static void funds_export(funds_state *st, ui_app *app)
{
	char m[11], *path = NULL, *enc = NULL, where[1024], dir[1024];
	size_t rows = 0, nocard = 0;
	db_err e;

	if (!month_now(st, app, m))
		return;
	path = field_text(st, F_FILE);
	enc = field_text(st, F_ENC);
	if (!path || !enc || !path[0]) {
		ui_app_message(app, true, "%s", _("Give a file name."));
		focus_on(st, F_FILE);
	} else if (!export_where(path, where, sizeof where)) {
		ui_app_message(app, true, _("The print folder %s cannot be made."), where);
	} else if (folder_missing(where, dir, sizeof dir)) {
		ui_app_message(app, true, _("There is no folder %s: the list was not written. Correct the file name."),
			       dir);
		focus_on(st, F_FILE);
	} else if (!db_payment_export_csv_cards(app->conn, m, enc, where, &rows, &nocard, &e)) {
		ui_app_message(app, true, _("The list was not written: %s"), e.message);
	} else if (nocard > 0) {
		/* still listed, so the bank and the office see who to ask */
		ui_app_message(app, true, _("%zu payments written to %s (%s); %zu have no bank card."),
			       rows, where, enc, nocard);
	} else {
		ui_app_message(app, false, _("%zu payments written to %s (%s)."), rows, where, enc);
	}
	free(path);
	free(enc);
}

/* The file's encoding is one of two (the bank's GB18030 or UTF-8): Space
 * switches it. Typed, "GB18030" went in before "utf-8" and was cut to
 * GButf-8, which the export then refused in English. */
static void enc_hint(funds_state *st, ui_app *app)
{
	if (st->focus == F_ENC)
		ui_app_message(app, false, "%s", _("Encoding: Space switches between utf-8 and gb18030."));
}

static ui_result enc_key(funds_state *st, ui_app *app, ui_key k)
{
	char *now;

	if (k.code)
		return UI_UNHANDLED;
	if (k.ch != L' ') {
		ui_app_message(app, true, "%s", _("Encoding: Space switches between utf-8 and gb18030."));
		return UI_HANDLED;
	}
	now = field_text(st, F_ENC);
	lineedit_set_utf8(&st->f[F_ENC], now && strcmp(now, "utf-8") == 0 ? "gb18030" : "utf-8");
	free(now);
	return UI_HANDLED;
}

static ui_result funds_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	funds_state *st = s->data;
	lineedit_result r;

	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		ui_app_clear_message(app);
		load(st, app);
		return UI_HANDLED;
	case UI_ACT_NEW:
		run_month(st, app);
		return UI_HANDLED;
	case UI_ACT_SAVE:
		funds_export(st, app);
		return UI_HANDLED;
	case UI_ACT_NEXT:
		if (st->focus == F_MONTH) {
			ui_app_clear_message(app);
			load(st, app);
		}
		focus_on(st, (st->focus + 1) % F_COUNT);
		enc_hint(st, app);
		return UI_HANDLED;
	case UI_ACT_PREV:
		focus_on(st, (st->focus + F_COUNT - 1) % F_COUNT);
		enc_hint(st, app);
		return UI_HANDLED;
	case UI_ACT_NONE:
		break;
	default:
		return UI_UNHANDLED;
	}
	if (st->focus == F_ENC)
		return enc_key(st, app, k);
	r = ui_field_key(&st->f[st->focus], k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

const ui_screen_ops ui_funds_screen = {
	.id = "funds",
	.actions = funds_actions,
	.title = funds_title,
	.open = funds_open,
	.draw = funds_draw,
	.key = funds_key,
	.close = funds_close,
	.save = NULL,
	.action_name = funds_action_name,
};
