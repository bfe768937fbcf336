/* list.c - the generic list: layout by display width, painting from the
 * screen's memory, cursor movement, keyset paging requests, the '/' filter. */
#include "list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enc.h"
#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "text.h"

#define MARK_CELLS 2        /* "! " before every row */
#define DEFAULT_PAGE 15     /* 80x24 before the first draw */

/* --- state ------------------------------------------------------------ */

void ui_list_init(ui_list *l, const ui_list_col *cols, int ncols,
		  const ui_list_ops *ops, void *ctx)
{
	memset(l, 0, sizeof *l);
	l->cols = cols;
	l->ncols = ncols;
	l->ops = ops;
	l->ctx = ctx;
	lineedit_init(&l->filter, LINEEDIT_TEXT, 30, 40, 0);
}

void ui_list_finish(ui_list *l)
{
	if (!l)
		return;
	lineedit_finish(&l->filter);
}

static void keep_visible(ui_list *l)
{
	int vis = l->visible > 0 ? l->visible : DEFAULT_PAGE;
	if (l->cursor < l->top)
		l->top = l->cursor;
	if (l->cursor >= l->top + (size_t)vis)
		l->top = l->cursor - (size_t)vis + 1;
	if (l->top + (size_t)vis > l->count)
		l->top = l->count > (size_t)vis ? l->count - (size_t)vis : 0;
}

void ui_list_set_rows(ui_list *l, size_t count, size_t cursor)
{
	l->count = count;
	l->cursor = count == 0 ? 0 : cursor < count ? cursor : count - 1;
	keep_visible(l);
}

int ui_list_page_rows(const ui_list *l)
{
	return l->visible > 0 ? l->visible : DEFAULT_PAGE;
}

/* --- painting --------------------------------------------------------- */

ui_more ui_list_draw(ui_list *l, ui_rect r, int *cy, int *cx)
{
	int widths[16];
	char cell[512];
	int n = l->ncols < 16 ? l->ncols : 16;
	int rows = r.h - 1 - (l->filtering || l->filter_text[0] ? 1 : 0);

	if (rows < 1)
		return UI_MORE_NONE;
	l->visible = rows;
	keep_visible(l);
	ui_list_layout(l->cols, n, r.w - MARK_CELLS, widths);

	/* header: underlined, so it reads as a header without colour */
	int x = r.x + MARK_CELLS;
	for (int c = 0; c < n; c++) {
		ui_list_fit(_(l->cols[c].title), widths[c], cell, sizeof cell);
		ui_put(stdscr, r.y, x, cell, widths[c], A_UNDERLINE | A_BOLD);
		x += widths[c] + 1;
	}
	for (int i = 0; i < rows && l->top + (size_t)i < l->count; i++) {
		size_t row = l->top + (size_t)i;
		bool sel = row == l->cursor;
		bool mark = l->ops->marked && l->ops->marked(l->ctx, row);
		attr_t at = (sel ? A_REVERSE : A_NORMAL) | (mark ? A_BOLD : A_NORMAL);
		int y = r.y + 1 + i;
		ui_put(stdscr, y, r.x, mark ? "! " : "  ", MARK_CELLS, at);
		x = r.x + MARK_CELLS;
		for (int c = 0; c < n; c++) {
			char text[512];
			text[0] = '\0';
			l->ops->cell(l->ctx, row, c, text, sizeof text);
			ui_list_fit(text, widths[c], cell, sizeof cell);
			ui_put(stdscr, y, x, cell, widths[c], at);
			if (c + 1 < n)   /* the gap is part of the selected bar */
				ui_put(stdscr, y, x + widths[c], " ", 1, at);
			x += widths[c] + 1;
		}
	}
	int fy = r.y + r.h - 1;
	if (l->filtering) {
		const char *lab = _("Filter (name, number or ID suffix):");
		int lw = ui_put(stdscr, fy, r.x, lab, r.w / 2, A_NORMAL);
		lineedit_set_width(&l->filter, r.w - lw - 2 > 40 ? 40 : r.w - lw - 2);
		ui_field_draw(stdscr, fy, r.x + lw + 1, &l->filter, true);
		ui_field_place_cursor(stdscr, fy, r.x + lw + 1, &l->filter);
		getyx(stdscr, *cy, *cx);
	} else if (l->filter_text[0]) {
		snprintf(cell, sizeof cell, _("Filter: %s   (/ changes it, / then Enter on an empty field clears it)"),
			 l->filter_text);
		ui_put(stdscr, fy, r.x, cell, r.w, A_NORMAL);
	}
	return l->top + (size_t)rows < l->count ? UI_MORE_MORE : UI_MORE_NONE;
}

/* --- keys ------------------------------------------------------------- */

static ui_result filter_key(ui_list *l, ui_key k, ui_action a)
{
	if (a == UI_ACT_CANCEL) {
		l->filtering = false;
		return UI_HANDLED;
	}
	if (a == UI_ACT_SELECT || a == UI_ACT_NEXT || (!k.code && (k.ch == L'\r' || k.ch == L'\n'))) {
		char *t = lineedit_get_utf8(&l->filter);
		l->filtering = false;
		snprintf(l->filter_text, sizeof l->filter_text, "%s", t ? t : "");
		free(t);
		if (l->ops->filter)
			l->ops->filter(l->ctx, l->filter_text);
		return UI_HANDLED;
	}
	lineedit_result r = ui_field_key(&l->filter, k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_NOOP)
		return a == UI_ACT_NONE ? UI_UNHANDLED : UI_HANDLED;
	return UI_HANDLED;
}

static void move_to(ui_list *l, int dir, bool page)
{
	if (dir < 0) {
		if (!page && l->cursor > 0) {
			l->cursor--;
		} else if (l->ops->page && l->ops->page(l->ctx, -1)) {
			/* the screen set the new rows; land at the bottom of them */
			l->cursor = l->count ? l->count - 1 : 0;
			if (page)
				l->cursor = 0;
		} else if (page) {
			l->cursor = 0;
		}
	} else {
		if (!page && l->cursor + 1 < l->count) {
			l->cursor++;
		} else if (l->ops->page && l->ops->page(l->ctx, +1)) {
			l->cursor = 0;
		} else if (page && l->count) {
			l->cursor = l->count - 1;
		}
	}
	keep_visible(l);
}

ui_result ui_list_key(ui_list *l, ui_app *app, ui_key k, ui_action a)
{
	(void)app;
	if (l->filtering)
		return filter_key(l, k, a);
	switch (a) {
	case UI_ACT_UP:
	case UI_ACT_PREV:
		move_to(l, -1, false);
		return UI_HANDLED;
	case UI_ACT_DOWN:
	case UI_ACT_NEXT:
		move_to(l, +1, false);
		return UI_HANDLED;
	case UI_ACT_PAGE_UP:
		move_to(l, -1, true);
		return UI_HANDLED;
	case UI_ACT_PAGE_DOWN:
		move_to(l, +1, true);
		return UI_HANDLED;
	case UI_ACT_FILTER:
		l->filtering = true;
		lineedit_set_utf8(&l->filter, l->filter_text);
		lineedit_end(&l->filter);
		return UI_HANDLED;
	case UI_ACT_SORT:
		if (l->ops->sort)
			l->ops->sort(l->ctx);
		return UI_HANDLED;
	default:
		break;
	}
	if (k.code && k.ch == KEY_HOME) {
		l->cursor = 0;
		keep_visible(l);
		return UI_HANDLED;
	}
	if (k.code && k.ch == KEY_END) {
		l->cursor = l->count ? l->count - 1 : 0;
		keep_visible(l);
		return UI_HANDLED;
	}
	return UI_UNHANDLED;
}
