/* field.c - paints a lineedit with the ncursesw wide API and feeds it keys.
 * All the editing logic (and the scroll that never splits a wide character)
 * lives in forms/lineedit.c; here a run of characters becomes cells. */
#include "field.h"

#include <wctype.h>

#include "text.h"

/* Control keys of the field (readline / CUA habits). */
enum {
	KEY_CTRL_A = 0x01,
	KEY_CTRL_E = 0x05,
	KEY_CTRL_H = 0x08,
	KEY_CTRL_K = 0x0B,
	KEY_CTRL_U = 0x15,
	KEY_ASCII_DEL = 0x7F,
};

/* Draws n copies of the one-cell character c. */
static void put_cells(WINDOW *win, wchar_t c, attr_t attr, size_t n)
{
	wchar_t wc[2] = { c, L'\0' };
	cchar_t cc;

	if (setcchar(&cc, wc, attr, 0, NULL) == ERR)
		return;
	for (size_t i = 0; i < n; i++)
		wadd_wch(win, &cc);
}

void ui_field_draw(WINDOW *win, int y, int x, lineedit *le, bool focused)
{
	attr_t attr = A_UNDERLINE | (focused ? A_REVERSE : A_NORMAL);
	attr_t old_attr = A_NORMAL;
	short old_pair = 0;
	lineedit_view v;
	size_t i, end;
	int col = 0;

	/* Before the view: a placeholder drawn anywhere in the text, even
	 * scrolled out of sight, already makes the whole field read-only. */
	lineedit_lock_unshowable(le);
	lineedit_view_get(le, &v);
	wattr_get(win, &old_attr, &old_pair, NULL);
	wattr_set(win, attr, 0, NULL);
	wmove(win, y, x);

	end = v.first + v.count;
	i = v.first;
	/* A combining mark first in view has no base cell inside the field. */
	while (i < end && text_char_width(le->buf[i]) == 0)
		i++;
	while (i < end) {
		wchar_t c = le->buf[i];
		size_t cells = (size_t)text_char_width(c);

		if (le->kind == LINEEDIT_SECRET || !lineedit_char_showable(c)) {
			wmove(win, y, x + col);
			put_cells(win, le->kind == LINEEDIT_SECRET ? L'*' : L'?',
				  attr, cells);
			col += (int)cells;
			i++;
		} else {
			/* The longest showable run in one call; ncurses joins
			 * combining marks to their base cell. */
			size_t j = i + 1;
			while (j < end && lineedit_char_showable(le->buf[j]))
				j++;
			mvwaddnwstr(win, y, x + col, le->buf + i, (int)(j - i));
			col += (int)text_width(le->buf + i, j - i);
			i = j;
		}
	}
	/* Pad to the full width: the odd cell a wide character at the right
	 * edge leaves, and the empty rest of the field. */
	if (le->width > col) {
		wmove(win, y, x + col);
		put_cells(win, L' ', attr, (size_t)(le->width - col));
	}
	wattr_set(win, old_attr, old_pair, NULL);
}

void ui_field_place_cursor(WINDOW *win, int y, int x, lineedit *le)
{
	lineedit_view v;

	lineedit_view_get(le, &v);
	wmove(win, y, x + v.cursor_col);
}

lineedit_result ui_field_key(lineedit *le, int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES) {
		switch (ch) {
		case KEY_LEFT:      return lineedit_left(le);
		case KEY_RIGHT:     return lineedit_right(le);
		case KEY_HOME:      return lineedit_home(le);
		case KEY_END:       return lineedit_end(le);
		case KEY_BACKSPACE: return lineedit_backspace(le);
		case KEY_DC:        return lineedit_delete(le);
		case KEY_IC:
			lineedit_toggle_overwrite(le);
			return LINEEDIT_OK;
		default:            return LINEEDIT_NOOP;
		}
	}
	if (rc != OK)
		return LINEEDIT_NOOP;
	switch (ch) {
	case KEY_ASCII_DEL:
	case KEY_CTRL_H:    return lineedit_backspace(le);
	case KEY_CTRL_A:    return lineedit_home(le);
	case KEY_CTRL_E:    return lineedit_end(le);
	case KEY_CTRL_K:    return lineedit_kill_to_end(le);
	case KEY_CTRL_U:    return lineedit_clear(le);
	default:
		break;
	}
	if (iswprint(ch))
		return lineedit_insert(le, (wchar_t)ch);
	return LINEEDIT_NOOP;
}
