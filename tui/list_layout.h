/* list_layout.h - the list widget's layout with no terminal: column widths
 * and fitting text into cells by wcwidth (a wide character is never cut;
 * cut text ends with "…"). tui/list.c paints with it; unit tests call it. */
#ifndef JZ_TUI_LIST_LAYOUT_H
#define JZ_TUI_LIST_LAYOUT_H

#include <stddef.h>

typedef struct ui_list_col {
	const char *title;   /* header, N_() (translated when drawn) */
	int min;             /* cells it always gets */
	int max;             /* cells it never exceeds; 0 = takes the rest */
} ui_list_col;

/* Widths of n columns in width cells (one space between columns): every
 * column gets min; what is left goes to columns in order up to max, then to
 * the first column with max 0. */
void ui_list_layout(const ui_list_col *cols, int n, int width, int *widths);
/* utf8 fitted in cells display cells into out: cut before a wide character
 * that would not fit, "…" at the end when cut, padded with spaces to cells
 * exactly. Returns the cells written (== cells unless text is unshowable). */
int ui_list_fit(const char *utf8, int cells, char *out, size_t outlen);

/* Lines utf8 takes wrapped in cols cells as text_wrap lays it out (a wide
 * character never split, Chinese broken between characters); 0 for "". */
int ui_text_lines(const char *utf8, int cols);
/* Lines a detail pane under a list gets in a body of h lines: the want its
 * longest text needs, but the list keeps at least half the body (so the
 * cursor's row and its neighbours stay in sight); 0 when want is. */
int ui_list_pane_lines(int h, int want);

#endif
