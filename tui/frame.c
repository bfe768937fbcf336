/* frame.c - the lines around every screen. Everything is drawn into stdscr
 * and sent with one doupdate(): ncurses compares with what the terminal
 * shows and writes only the difference, so a typed character costs a few
 * bytes, not a screen. */
#include "frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "enc.h"
#include "i18n.h"
#include "text.h"

enum { PAIR_TITLE = 1, PAIR_ERROR = 2 };

/* utf8 as wide characters ready to draw: control characters and what the
 * charset cannot show become a placeholder. NULL when out of memory. */
static wchar_t *showable(const char *utf8, size_t *n)
{
	wchar_t *ws = enc_utf8_to_wcs(utf8, strlen(utf8), n);

	for (size_t i = 0; ws && i < *n; i++)
		if (ws[i] < L' ' || !enc_locale_can_show(ws[i]))
			ws[i] = L'?';
	return ws;
}

/* The ellipsis where the charset has it. */
static const wchar_t *ellipsis(void)
{
	return enc_locale_can_show(L'\u2026') ? L"\u2026" : L"...";
}

int ui_put(WINDOW *w, int y, int x, const char *utf8, int maxcells, attr_t attr)
{
	size_t n = 0;
	wchar_t *ws;
	int used = 0;

	if (!utf8 || maxcells <= 0)
		return 0;
	ws = showable(utf8, &n);
	if (!ws)
		return 0;
	size_t cells = 0;
	size_t fit = text_fit(ws, (size_t)maxcells, &cells);
	if (fit > 0) {
		wattr_on(w, attr, NULL);
		mvwaddnwstr(w, y, x, ws, (int)fit);
		wattr_off(w, attr, NULL);
	}
	used = (int)cells;
	free(ws);
	return used;
}

int ui_put_wrapped(WINDOW *w, int y, int x, const char *utf8, int cols, int max_lines,
		   attr_t attr)
{
	size_t n = 0, nl;
	wchar_t *ws;
	text_line *lines;
	const wchar_t *ell = ellipsis();
	int cut = 0;

	if (!utf8 || cols <= 0 || max_lines <= 0)
		return 0;
	ws = showable(utf8, &n);
	lines = ws ? malloc((size_t)max_lines * sizeof *lines) : NULL;
	if (!lines) {
		free(ws);
		return 0;
	}
	nl = text_wrap(ws, (size_t)cols, text_width(ell, 3), lines, (size_t)max_lines, &cut);
	wattr_on(w, attr, NULL);
	for (size_t k = 0; k < nl; k++)
		mvwaddnwstr(w, y + (int)k, x, ws + lines[k].start, (int)lines[k].count);
	if (cut)
		waddnwstr(w, ell, -1);
	wattr_off(w, attr, NULL);
	free(lines);
	free(ws);
	return (int)nl;
}

int ui_text_width(const char *utf8)
{
	size_t n = 0;
	wchar_t *ws = utf8 ? enc_utf8_to_wcs(utf8, strlen(utf8), &n) : NULL;
	int cells;

	if (!ws)
		return 0;
	cells = (int)text_width(ws, n);
	free(ws);
	return cells;
}

void ui_put_centred(WINDOW *w, int y, int x, int cols, const char *utf8, attr_t attr)
{
	int tw = ui_text_width(utf8);
	int off = tw < cols ? (cols - tw) / 2 : 0;
	ui_put(w, y, x + off, utf8, cols - off, attr);
}

void ui_list_text(const char *csv, char *out, size_t len)
{
	/* translators: between the items of a list; Chinese uses 、 */
	const char *sep = _(", ");
	size_t used = 0;

	if (len == 0)
		return;
	out[0] = '\0';
	for (const char *p = csv ? csv : ""; *p;) {
		size_t n = strcspn(p, ",");
		size_t need = (used ? strlen(sep) : 0) + n;
		if (n > 0) {
			if (used + need + 1 > len)
				break;
			used += (size_t)snprintf(out + used, len - used, "%s%.*s",
						 used ? sep : "", (int)n, p);
		}
		p += n;
		if (*p == ',')
			p++;
	}
}

ui_rect ui_frame_body(const ui_app *app)
{
	/* title line; body; more line, legend, message */
	ui_rect r = { .y = 1, .x = 0, .h = app->rows - 4, .w = app->cols };
	return r;
}

void ui_frame_clock(const ui_app *app, char buf[8])
{
	if (app->fake_time[0]) {
		snprintf(buf, 8, "%.5s", app->fake_time);
		return;
	}
	time_t now = time(NULL);
	struct tm tm;
	if (localtime_r(&now, &tm) == NULL) {
		snprintf(buf, 8, "--:--");
		return;
	}
	snprintf(buf, 8, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

static attr_t title_attr(const ui_app *app)
{
	return A_REVERSE | (app->colour ? COLOR_PAIR(PAIR_TITLE) : 0);
}

static void fill_line(int y, int cols, attr_t attr)
{
	wattr_on(stdscr, attr, NULL);
	wmove(stdscr, y, 0);
	for (int i = 0; i < cols; i++)
		waddch(stdscr, ' ');
	wattr_off(stdscr, attr, NULL);
}

static void draw_title(ui_app *app, const ui_screen *s)
{
	attr_t at = title_attr(app);
	char right[300], clock[8];
	const char *name = s && s->ops->title ? s->ops->title(s) : "";

	fill_line(0, app->cols, at);
	int x = 1;
	/* the product's name, not translated; a terminal that cannot show
	 * Chinese gets the pinyin alone */
	x += ui_put(stdscr, 0, x, enc_locale_can_show(L'救') ? "救助 jiuzhu" : "jiuzhu",
		    20, at | A_BOLD);
	x += ui_put(stdscr, 0, x, " - ", 3, at);
	ui_frame_clock(app, clock);
	if (app->conn && app->me.login[0])
		snprintf(right, sizeof right, "%s(%s)  %s",
			 app->me.display_name[0] ? app->me.display_name : app->me.login,
			 app->me.login, clock);
	else
		snprintf(right, sizeof right, "%s", clock);
	int rw = ui_text_width(right);
	if (rw > app->cols / 2)
		rw = app->cols / 2;
	ui_put(stdscr, 0, x, name, app->cols - x - rw - 2, at | A_BOLD);
	ui_put(stdscr, 0, app->cols - rw - 1, right, rw, at);
}

static void draw_legend(ui_app *app, const ui_screen *s)
{
	int y = app->rows - 2, x = 0;

	wmove(stdscr, y, 0);
	wclrtoeol(stdscr);
	if (!s)
		return;
	for (const ui_action *a = s->ops->actions; a && *a != UI_ACT_NONE; a++) {
		const ui_action_def *d = ui_action_get(*a);
		if (!d || !d->legend || !d->keys[0].label)
			continue;
		if (s->ops->applies && !s->ops->applies(s, *a))
			continue;
		const char *label = d->keys[0].label;
		const char *name = ui_screen_action_name(s, *a);
		int need = ui_text_width(label) + ui_text_width(name) + 1;
		if (x + need > app->cols)
			break;
		x += ui_put(stdscr, y, x, label, app->cols - x, A_BOLD);
		x += ui_put(stdscr, y, x, " ", 1, A_NORMAL);
		x += ui_put(stdscr, y, x, name, app->cols - x, A_NORMAL);
		x += 2;
	}
}

/* The message line. A message wider than it, fresh (no key since), takes
 * the legend's line too; cut by characters at two lines with an ellipsis.
 * Returns the lines used. */
static int draw_message(ui_app *app, int msg_y)
{
	size_t n = 0;
	wchar_t *ws;
	text_line lines[2];
	int cut = 0;
	const wchar_t *ell = ellipsis();
	size_t ell_cells = text_width(ell, 3);

	if (!app->msg[0])
		return 0;
	ws = showable(app->msg, &n);
	if (!ws)
		return 0;
	size_t cols = (size_t)app->cols - 1;
	size_t nl = text_wrap(ws, cols, ell_cells, lines, app->msg_fresh ? 2 : 1, &cut);
	attr_t at = app->msg_error
		? (A_REVERSE | A_BOLD | (app->colour ? COLOR_PAIR(PAIR_ERROR) : 0))
		: A_NORMAL;
	int y = msg_y - (nl > 1 ? 1 : 0);
	for (size_t k = 0; k < nl; k++, y++) {
		wmove(stdscr, y, 0);
		wclrtoeol(stdscr);
		if (app->msg_error)
			fill_line(y, app->cols - 1, at);
		wattr_on(stdscr, at, NULL);
		mvwaddnwstr(stdscr, y, 0, ws + lines[k].start, (int)lines[k].count);
		if (cut && k + 1 == nl)
			waddnwstr(stdscr, ell, -1);
		wattr_off(stdscr, at, NULL);
	}
	free(ws);
	return (int)nl;
}

void ui_frame_draw(ui_app *app, const ui_screen *s)
{
	int more_y = app->rows - 3, msg_y = app->rows - 1;

	draw_title(app, s);

	wmove(stdscr, more_y, 0);
	wclrtoeol(stdscr);
	if (s && s->more != UI_MORE_NONE) {
		const char *t = s->more == UI_MORE_MORE ? _("More...") : _("Bottom");
		int tw = ui_text_width(t);
		ui_put(stdscr, more_y, app->cols - tw - 1, t, tw, A_BOLD);
	}
	draw_legend(app, s);

	wmove(stdscr, msg_y, 0);
	wclrtoeol(stdscr);
	draw_message(app, msg_y);
}

void ui_frame_draw_small(ui_app *app)
{
	char buf[200];

	werase(stdscr);
	snprintf(buf, sizeof buf, _("Please enlarge the window to at least 80x24 (now %dx%d)"),
		 app->cols, app->rows);
	int tw = ui_text_width(buf);
	if (tw <= app->cols) {
		ui_put_centred(stdscr, app->rows / 2, 0, app->cols, buf, A_BOLD);
		return;
	}
	/* too narrow for one line: wrap by cells */
	size_t n = 0;
	wchar_t *ws = enc_utf8_to_wcs(buf, strlen(buf), &n);
	if (!ws)
		return;
	int lines = (tw + app->cols - 1) / app->cols;
	int y = app->rows / 2 - lines / 2;
	for (size_t i = 0; i < n && y < app->rows; y++) {
		size_t used = 0, fit = text_fit(ws + i, (size_t)app->cols, &used);
		if (fit == 0)
			break;
		mvwaddnwstr(stdscr, y < 0 ? 0 : y, 0, ws + i, (int)fit);
		i += fit;
	}
	free(ws);
}
