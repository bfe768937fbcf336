/* list.h - the one list widget every queue uses (neomutt's menu: the widget
 * never knows what a row is). The screen owns the rows; the widget holds a
 * cursor, the first row shown and the count, and asks the screen for a
 * cell's text through a callback. Columns are laid out by display width
 * (wcwidth), a wide character is never cut, truncated text ends with "…".
 * The selected row is reverse video and a marked row (overdue) carries "!"
 * in its own column and bold: nothing depends on colour.
 *
 * Data refresh is the screen's business (on events, into memory); painting
 * only reads memory. PgUp/PgDn and Up/Down past an edge ask the screen for
 * the previous/next keyset page through page(). */
#ifndef JZ_TUI_LIST_H
#define JZ_TUI_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "lineedit.h"
#include "list_layout.h"

typedef struct ui_list_ops {
	/* Text of row's column col (UTF-8) into buf. */
	void (*cell)(void *ctx, size_t row, int col, char *buf, size_t len);
	/* Is the row marked (overdue)? May be NULL. */
	bool (*marked)(void *ctx, size_t row);
	/* Load the next (dir > 0) or previous (dir < 0) page into memory;
	 * returns false when there is none (the rows stay). May be NULL. */
	bool (*page)(void *ctx, int dir);
	/* The filter text was set ("" clears it): reload from the first page. */
	void (*filter)(void *ctx, const char *text);
	/* Switch to the next sort key: reload from the first page. */
	void (*sort)(void *ctx);
} ui_list_ops;

typedef struct ui_list {
	const ui_list_col *cols;
	int ncols;
	const ui_list_ops *ops;
	void *ctx;

	size_t count;        /* rows the screen holds */
	size_t cursor;       /* 0..count-1 */
	size_t top;          /* first row shown */
	int visible;         /* rows that fit, from the last draw (0 before) */

	bool filtering;      /* the '/' field is open */
	lineedit filter;
	char filter_text[256];   /* applied filter, UTF-8 */
} ui_list;

void ui_list_init(ui_list *l, const ui_list_col *cols, int ncols,
		  const ui_list_ops *ops, void *ctx);
void ui_list_finish(ui_list *l);

/* The screen loaded count rows; the cursor goes to row `cursor` (clamped). */
void ui_list_set_rows(ui_list *l, size_t count, size_t cursor);

/* Rows a page should hold at the current size (visible, or a default before
 * the first draw). */
int ui_list_page_rows(const ui_list *l);

/* Paint in r: header, rows, and the filter line at the bottom when open.
 * Sets *cy, *cx when the filter field has the cursor. Returns UI_MORE_*. */
ui_more ui_list_draw(ui_list *l, ui_rect r, int *cy, int *cx);

/* Up/Down/PgUp/PgDn/filter/sort, and typing while the filter is open.
 * UI_UNHANDLED for anything else (Enter opens: the screen's business). */
ui_result ui_list_key(ui_list *l, ui_app *app, ui_key k, ui_action a);

#endif
