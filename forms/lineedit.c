/* lineedit.c - one text field with no terminal. Everything is counted in
 * characters (wchar_t, one per code point, as PostgreSQL counts) or in cells
 * (wcwidth through text.h); bytes never appear here. */
#include "lineedit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "enc.h"
#include "i18n.h"
#include "text.h"

/* ID numbers are 18 characters; a check character X is only the last. */
#define IDNUM_LEN 18

/* Wipes n characters: a SECRET's old copies must not linger on the heap. */
static void wipe(wchar_t *p, size_t n)
{
	volatile wchar_t *v = p;
	for (size_t i = 0; i < n; i++)
		v[i] = 0;
}

/* Makes room for need characters plus the NUL. */
static bool reserve(lineedit *le, size_t need)
{
	size_t cap = le->cap ? le->cap : 16;
	wchar_t *nb;

	if (need >= SIZE_MAX / sizeof(wchar_t) / 2)
		return false;
	if (le->buf && need + 1 <= le->cap)
		return true;
	while (cap < need + 1)
		cap *= 2;
	if (le->kind == LINEEDIT_SECRET && le->buf) {
		/* realloc could leave the old copy behind unwiped. */
		nb = malloc(cap * sizeof(wchar_t));
		if (!nb)
			return false;
		memcpy(nb, le->buf, (le->len + 1) * sizeof(wchar_t));
		wipe(le->buf, le->cap);
		free(le->buf);
	} else {
		nb = realloc(le->buf, cap * sizeof(wchar_t));
		if (!nb)
			return false;
		if (!le->buf)
			nb[0] = L'\0';
	}
	le->buf = nb;
	le->cap = cap;
	return true;
}

void lineedit_init(lineedit *le, lineedit_kind kind, int width,
		   size_t max_chars, size_t max_cells)
{
	*le = (lineedit){
		.kind = kind,
		.width = width,
		.max_chars = max_chars,
		.max_cells = max_cells,
	};
	/* On failure buf stays NULL; every function copes and edits refuse. */
	reserve(le, 0);
}

void lineedit_finish(lineedit *le)
{
	if (!le)
		return;
	if (le->buf)
		wipe(le->buf, le->cap);
	free(le->buf);
	le->buf = NULL;
	le->len = le->cap = le->cursor = le->scroll = 0;
}

bool lineedit_set_utf8(lineedit *le, const char *s)
{
	size_t n = 0;
	wchar_t *w;

	if (!s)
		s = "";
	w = enc_utf8_to_wcs(s, strlen(s), &n);
	if (!w)
		return false;
	if (!reserve(le, n)) {
		wipe(w, n);
		free(w);
		return false;
	}
	if (n != le->len || wmemcmp(le->buf, w, n) != 0)
		le->dirty = true;
	wmemcpy(le->buf, w, n);
	wipe(le->buf + n, le->cap - n);  /* also the NUL */
	le->len = n;
	le->cursor = 0;
	le->scroll = 0;
	wipe(w, n);
	free(w);
	return true;
}

char *lineedit_get_utf8(const lineedit *le)
{
	if (!le->buf) {
		char *e = malloc(1);
		if (e)
			e[0] = '\0';
		return e;
	}
	return enc_wcs_to_utf8(le->buf, le->len);
}

void lineedit_set_width(lineedit *le, int width)
{
	le->width = width;
}

void lineedit_mark_clean(lineedit *le)
{
	le->dirty = false;
}

static bool is_digit(wchar_t c)
{
	return c >= L'0' && c <= L'9';
}

/* Would the text with c at pos (replacing the character there when
 * replace) hold an X anywhere but as the last of 18 characters? */
static bool idnum_x_misplaced(const lineedit *le, size_t pos, wchar_t c,
			      bool replace)
{
	size_t newlen = le->len + (replace ? 0 : 1);

	for (size_t i = 0; i < newlen; i++) {
		wchar_t ch;
		if (i < pos)
			ch = le->buf[i];
		else if (i == pos)
			ch = c;
		else
			ch = le->buf[replace ? i : i - 1];
		if (ch == L'X' && !(i == IDNUM_LEN - 1 && i == newlen - 1))
			return true;
	}
	return false;
}

/* The character to store for c in this field, or 0 to refuse it. */
static wchar_t filter(const lineedit *le, wchar_t c, bool replace)
{
	if (le->kind != LINEEDIT_TEXT && le->kind != LINEEDIT_SECRET) {
		c = text_halfwidth(c);  /* ０-９ typed with an IME */
		if (c == 0x3002)        /* 。 the ideographic full stop */
			c = L'.';
	}
	switch (le->kind) {
	case LINEEDIT_TEXT:
	case LINEEDIT_SECRET:
		return c != L'\0' && iswprint((wint_t)c) ? c : 0;
	case LINEEDIT_DIGITS:
		return is_digit(c) ? c : 0;
	case LINEEDIT_IDNUM:
		if (c == L'x')
			c = L'X';
		if (!is_digit(c) && c != L'X')
			return 0;
		/* A typed X must land last of 18; a digit must not push an
		 * X already there out of that place. */
		return idnum_x_misplaced(le, le->cursor, c, replace) ? 0 : c;
	case LINEEDIT_DECIMAL:
		if (c == L'.') {
			for (size_t i = 0; i < le->len; i++)
				if (le->buf[i] == L'.' &&
				    !(replace && i == le->cursor))
					return 0;
			return c;
		}
		return is_digit(c) ? c : 0;
	case LINEEDIT_PHONE:
		return is_digit(c) || c == L'+' || c == L'-' || c == L' ' ? c : 0;
	case LINEEDIT_DATE:
		return is_digit(c) || c == L'-' ? c : 0;
	}
	return 0;
}

lineedit_result lineedit_insert(lineedit *le, wchar_t c)
{
	bool replace = le->overwrite && le->cursor < le->len;
	size_t newlen = le->len + (replace ? 0 : 1);
	size_t cells;

	if (le->readonly || !le->buf)
		return LINEEDIT_REFUSED;
	c = filter(le, c, replace);
	if (c == 0)
		return LINEEDIT_REFUSED;
	if (le->max_chars && newlen > le->max_chars)
		return LINEEDIT_REFUSED;
	cells = text_width(le->buf, le->len) + (size_t)text_char_width(c);
	if (replace)
		cells -= (size_t)text_char_width(le->buf[le->cursor]);
	if (le->max_cells && cells > le->max_cells)
		return LINEEDIT_REFUSED;
	if (!reserve(le, newlen))
		return LINEEDIT_REFUSED;
	if (!replace)
		wmemmove(le->buf + le->cursor + 1, le->buf + le->cursor,
			 le->len - le->cursor + 1);
	le->buf[le->cursor] = c;
	le->len = newlen;
	le->buf[le->len] = L'\0';
	le->cursor++;
	le->dirty = true;
	return LINEEDIT_OK;
}

/* Removes n characters at pos. */
static void cut(lineedit *le, size_t pos, size_t n)
{
	wmemmove(le->buf + pos, le->buf + pos + n, le->len - pos - n + 1);
	wipe(le->buf + le->len - n + 1, n);
	le->len -= n;
	le->dirty = true;
}

lineedit_result lineedit_backspace(lineedit *le)
{
	if (le->readonly)
		return LINEEDIT_REFUSED;
	if (le->cursor == 0)
		return LINEEDIT_NOOP;
	le->cursor--;
	cut(le, le->cursor, 1);
	return LINEEDIT_OK;
}

lineedit_result lineedit_delete(lineedit *le)
{
	size_t n = 1;

	if (le->readonly)
		return LINEEDIT_REFUSED;
	if (le->cursor >= le->len)
		return LINEEDIT_NOOP;
	/* Combining marks go with their base character. */
	while (le->cursor + n < le->len &&
	       text_char_width(le->buf[le->cursor + n]) == 0)
		n++;
	cut(le, le->cursor, n);
	return LINEEDIT_OK;
}

/* Movement steps over zero-width characters so the cursor always sits on
 * a cell boundary the terminal can show. */
lineedit_result lineedit_left(lineedit *le)
{
	if (le->cursor == 0)
		return LINEEDIT_NOOP;
	do
		le->cursor--;
	while (le->cursor > 0 && text_char_width(le->buf[le->cursor]) == 0);
	return LINEEDIT_OK;
}

lineedit_result lineedit_right(lineedit *le)
{
	if (le->cursor >= le->len)
		return LINEEDIT_NOOP;
	do
		le->cursor++;
	while (le->cursor < le->len &&
	       text_char_width(le->buf[le->cursor]) == 0);
	return LINEEDIT_OK;
}

lineedit_result lineedit_home(lineedit *le)
{
	if (le->cursor == 0)
		return LINEEDIT_NOOP;
	le->cursor = 0;
	return LINEEDIT_OK;
}

lineedit_result lineedit_end(lineedit *le)
{
	if (le->cursor == le->len)
		return LINEEDIT_NOOP;
	le->cursor = le->len;
	return LINEEDIT_OK;
}

lineedit_result lineedit_kill_to_end(lineedit *le)
{
	if (le->readonly)
		return LINEEDIT_REFUSED;
	if (le->cursor >= le->len)
		return LINEEDIT_NOOP;
	cut(le, le->cursor, le->len - le->cursor);
	return LINEEDIT_OK;
}

lineedit_result lineedit_clear(lineedit *le)
{
	if (le->readonly)
		return LINEEDIT_REFUSED;
	if (le->len == 0)
		return LINEEDIT_NOOP;
	cut(le, 0, le->len);
	le->cursor = 0;
	le->scroll = 0;
	return LINEEDIT_OK;
}

void lineedit_toggle_overwrite(lineedit *le)
{
	le->overwrite = !le->overwrite;
}

bool lineedit_char_showable(wchar_t c)
{
	return c != L'\0' && iswprint((wint_t)c) && enc_locale_can_show(c);
}

bool lineedit_lock_unshowable(lineedit *le)
{
	if (!le->buf || le->readonly)
		return false;
	for (size_t i = 0; i < le->len; i++) {
		if (!lineedit_char_showable(le->buf[i])) {
			le->readonly = true;
			return true;
		}
	}
	return false;
}

const char *lineedit_unshowable_message(void)
{
	return _("This field holds a character this terminal cannot show; "
		 "it is read-only so that saving cannot damage it.");
}

/* Cells the cursor needs from its own column: the character under it (a
 * wide one entirely), or one blank cell at the end of the text. */
static size_t cursor_cells(const lineedit *le, size_t width)
{
	size_t w = 1;

	if (le->cursor < le->len && text_char_width(le->buf[le->cursor]) > 1)
		w = (size_t)text_char_width(le->buf[le->cursor]);
	return w < width ? w : width;
}

void lineedit_view_get(lineedit *le, lineedit_view *v)
{
	size_t width = le->width > 0 ? (size_t)le->width : 0;
	size_t need, used = 0;

	if (!le->buf || width == 0) {
		if (le->scroll > le->cursor)
			le->scroll = le->cursor;
		*v = (lineedit_view){ .first = le->scroll };
		return;
	}
	if (le->cursor > le->len)
		le->cursor = le->len;
	if (le->scroll > le->cursor)
		le->scroll = le->cursor;
	/* Scroll right, a whole character at a time, until the cursor's
	 * cells fit; at the end of a full field this shows the blank cell. */
	need = text_width(le->buf + le->scroll, le->cursor - le->scroll) +
	       cursor_cells(le, width);
	while (need > width && le->scroll < le->cursor) {
		need -= (size_t)text_char_width(le->buf[le->scroll]);
		le->scroll++;
	}
	/* Scroll back left while everything from there to the end (and the
	 * blank cell of an end cursor) fits: deleting must not leave a field
	 * half empty with text hidden at its left. */
	while (le->scroll > 0) {
		size_t tail = text_width(le->buf + le->scroll - 1,
					 le->len - le->scroll + 1) +
			      (le->cursor == le->len ? 1 : 0);
		if (tail > width)
			break;
		le->scroll--;
	}
	/* Never start on a combining mark: it would join the cell left of
	 * the field. */
	while (le->scroll < le->cursor &&
	       text_char_width(le->buf[le->scroll]) == 0)
		le->scroll++;
	v->first = le->scroll;
	v->count = text_fit(le->buf + le->scroll, width, &used);
	v->cells = (int)used;
	v->cursor_col = (int)text_width(le->buf + le->scroll,
					le->cursor - le->scroll);
}
