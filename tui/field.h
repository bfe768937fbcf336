/* field.h - draws a forms/lineedit on an ncurses window and feeds it keys.
 * The state lives in the lineedit; this file only paints and translates. */
#ifndef JZ_TUI_FIELD_H
#define JZ_TUI_FIELD_H

#include <stdbool.h>
#include <curses.h>
#include "lineedit.h"

/* Paint le at (y, x) over le->width cells: underlined (reverse when focused),
 * padded to the full width; a wide character that would cross the right edge
 * is not drawn (the cell is padded); a character the terminal's charset cannot
 * show is drawn as a placeholder and makes the field read-only. SECRET fields
 * draw '*'. Does not refresh. */
void ui_field_draw(WINDOW *win, int y, int x, lineedit *le, bool focused);
/* Move win's cursor to the edit position of le drawn at (y, x). */
void ui_field_place_cursor(WINDOW *win, int y, int x, lineedit *le);
/* Apply one editing key as returned by wget_wch (rc is OK or KEY_CODE_YES):
 * printable characters, Left/Right/Home/End, Backspace/Delete, Insert toggles
 * overwrite, Ctrl-A/E/K/U. Returns LINEEDIT_NOOP for keys it does not edit
 * with (Tab, Enter, F-keys...), so the caller's key table gets them. */
lineedit_result ui_field_key(lineedit *le, int rc, wint_t ch);

#endif
