/* frame.h - the frame of every screen at 80x24 and up: title line (product,
 * screen, operator, time), body, "more" line, key legend, message line. */
#ifndef JZ_TUI_FRAME_H
#define JZ_TUI_FRAME_H

#include <curses.h>
#include "app.h"

#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24

/* Draw UTF-8 text at (y, x) in at most maxcells cells (a wide character is
 * never split); characters the terminal cannot show become '?'. Returns the
 * cells used. */
int ui_put(WINDOW *w, int y, int x, const char *utf8, int maxcells, attr_t attr);
/* UTF-8 text wrapped by display width into at most max_lines lines of cols
 * cells from (y, x), as text_wrap lays it out (Chinese broken between
 * characters, never a closing mark first); what does not fit ends in an
 * ellipsis. Returns the lines used. */
int ui_put_wrapped(WINDOW *w, int y, int x, const char *utf8, int cols, int max_lines,
		   attr_t attr);
/* Cells the UTF-8 text takes. */
int ui_text_width(const char *utf8);
/* Centre text on line y across width cols starting at x. */
void ui_put_centred(WINDOW *w, int y, int x, int cols, const char *utf8, attr_t attr);

/* A list the database joins with ',' (a staff member's communities) as the
 * language writes one: 幸福里社区、建设路社区. Items that do not fit in out
 * are left off whole, never cut inside a character. */
void ui_list_text(const char *csv, char *out, size_t len);

/* The body rectangle for the current size. */
ui_rect ui_frame_body(const ui_app *app);
/* Title, more line, legend and message around screen s. */
void ui_frame_draw(ui_app *app, const ui_screen *s);
/* The whole screen when the terminal is below 80x24. */
void ui_frame_draw_small(ui_app *app);
/* "HH:MM" (or $JIUZHU_FAKE_TIME) into buf[6]. */
void ui_frame_clock(const ui_app *app, char buf[8]);

#endif
