/* lineedit.h - the state of one text field, with no terminal: a wchar_t
 * buffer, cursor, horizontal scroll by columns, limits in characters (as
 * PostgreSQL counts) and in cells, insert/overwrite, per-character filters.
 * tui/field.c draws it; tests drive it directly. */
#ifndef JZ_FORMS_LINEEDIT_H
#define JZ_FORMS_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

typedef enum lineedit_kind {
	LINEEDIT_TEXT,      /* anything printable */
	LINEEDIT_DIGITS,    /* 0-9, full-width digits normalised */
	LINEEDIT_IDNUM,     /* digits and X (x, Ｘ normalised to X) */
	LINEEDIT_DECIMAL,   /* digits and one '.' */
	LINEEDIT_PHONE,     /* digits, '+', '-', space */
	LINEEDIT_DATE,      /* digits and '-' */
	LINEEDIT_SECRET,    /* drawn as '*', never copied anywhere */
} lineedit_kind;

typedef enum lineedit_result {
	LINEEDIT_OK,        /* changed or moved */
	LINEEDIT_REFUSED,   /* character filtered or limit reached: beep/message */
	LINEEDIT_NOOP,
} lineedit_result;

typedef struct lineedit {
	wchar_t *buf;         /* NUL-terminated, owned */
	size_t len;           /* characters */
	size_t cap;           /* allocated characters incl. NUL */
	size_t cursor;        /* 0..len, in characters */
	size_t scroll;        /* first visible character */
	size_t max_chars;     /* 0 = unlimited */
	size_t max_cells;     /* 0 = unlimited */
	int width;            /* visible cells on screen */
	lineedit_kind kind;
	bool overwrite;
	bool readonly;        /* e.g. holds a character the terminal cannot show */
	bool dirty;           /* changed since lineedit_mark_clean */
} lineedit;

void lineedit_init(lineedit *le, lineedit_kind kind, int width,
		   size_t max_chars, size_t max_cells);
void lineedit_finish(lineedit *le);                /* frees buf; accepts NULL */
bool lineedit_set_utf8(lineedit *le, const char *s); /* replace the text */
char *lineedit_get_utf8(const lineedit *le);       /* malloc'd UTF-8 */
void lineedit_set_width(lineedit *le, int width);  /* on resize */
void lineedit_mark_clean(lineedit *le);

lineedit_result lineedit_insert(lineedit *le, wchar_t c);  /* filters, normalises */
lineedit_result lineedit_backspace(lineedit *le);
lineedit_result lineedit_delete(lineedit *le);
lineedit_result lineedit_left(lineedit *le);
lineedit_result lineedit_right(lineedit *le);
lineedit_result lineedit_home(lineedit *le);
lineedit_result lineedit_end(lineedit *le);
lineedit_result lineedit_kill_to_end(lineedit *le);
lineedit_result lineedit_clear(lineedit *le);
void lineedit_toggle_overwrite(lineedit *le);

/* Can this character be drawn as itself in the current locale (printable
 * and encodable in its charset)? */
bool lineedit_char_showable(wchar_t c);
/* Sets le->readonly when the text holds a character that is not showable
 * (it is drawn as a placeholder, and an edit could not be checked by eye
 * and saved back safely); returns true when it did. */
bool lineedit_lock_unshowable(lineedit *le);
/* The message to show when an edit is refused because of that lock. */
const char *lineedit_unshowable_message(void);

/* What to draw: the visible characters [first, first+count), the cells they
 * take, and the cursor column relative to the field. A wide character is never
 * split at either edge: the scroll keeps the cursor visible. */
typedef struct lineedit_view {
	size_t first;
	size_t count;
	int cells;
	int cursor_col;
} lineedit_view;
void lineedit_view_get(lineedit *le, lineedit_view *v);

#endif
