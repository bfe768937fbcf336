/* test_lineedit.c - the field editor with no terminal: typing, limits,
 * filters, and the column-wise scrolling that never splits a wide character. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "lineedit.h"
#include "text.h"
#include "tap.h"

/* Types s one character at a time; returns how many were accepted. */
static size_t type(lineedit *le, const wchar_t *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (lineedit_insert(le, *s) == LINEEDIT_OK)
			n++;
	return n;
}

static int buf_is(const lineedit *le, const wchar_t *want)
{
	return le->buf && wcscmp(le->buf, want) == 0 && le->len == wcslen(want);
}

/* The view's promises: within the width, whole characters only, the
 * cursor's cells inside the field. Returns 1 when all hold. */
static int view_sane(lineedit *le, lineedit_view *v)
{
	int curw = 1;

	lineedit_view_get(le, v);
	if (le->cursor < le->len && text_char_width(le->buf[le->cursor]) == 2)
		curw = 2;
	if (curw > le->width)
		curw = le->width;  /* a 1-cell field: the cursor's first cell */
	return v->cells <= le->width &&
	       (size_t)v->cells == text_width(le->buf + v->first, v->count) &&
	       v->first + v->count <= le->len &&
	       v->first <= le->cursor &&
	       le->cursor <= v->first + v->count &&
	       v->cursor_col >= 0 && v->cursor_col + curw <= le->width &&
	       (size_t)v->cursor_col ==
		       text_width(le->buf + v->first, le->cursor - v->first);
}

static void test_lineedit_insert(void)
{
	lineedit le;
	lineedit_view v;

	lineedit_init(&le, LINEEDIT_TEXT, 20, 0, 0);
	is_int(type(&le, L"张伟"), 2, "insert: 张伟 accepted");
	lineedit_view_get(&le, &v);
	is_int(v.cursor_col, 4, "insert: after 张伟 the cursor is at column 4");
	is_int(le.cursor, 2, "insert: and at character 2");
	ok(le.dirty, "insert: the field is dirty");
	lineedit_home(&le);
	lineedit_right(&le);
	is_int(lineedit_insert(&le, L'·'), LINEEDIT_OK, "insert: in the middle");
	ok(buf_is(&le, L"张·伟"), "insert: 张·伟");
	is_int(lineedit_insert(&le, L'\t'), LINEEDIT_REFUSED, "insert: TEXT refuses a tab");
	is_int(lineedit_insert(&le, (wchar_t)0x1B), LINEEDIT_REFUSED, "insert: TEXT refuses ESC");
	ok(buf_is(&le, L"张·伟"), "insert: refused characters leave the text alone");
	lineedit_finish(&le);
	lineedit_finish(NULL);
}

static void test_lineedit_view_get(void)
{
	lineedit le;
	lineedit_view v;
	int all = 1;

	lineedit_init(&le, LINEEDIT_TEXT, 9, 0, 0);
	type(&le, L"张伟明张伟");  /* 10 cells in a 9-cell field */
	ok(view_sane(&le, &v), "view: cursor at the end");
	is_int(v.cursor_col, 8, "view: end cursor in the 9th cell, after 伟明张伟");
	is_int(v.first, 1, "view: first visible is 伟");
	for (size_t i = 0; i <= 5; i++) {
		lineedit_left(&le);
		all &= view_sane(&le, &v);
	}
	ok(all, "view: walking left, never over 9 cells, never a split, cursor visible");
	is_int(v.first, 0, "view: at home the view starts at 张");
	is_int(v.count, 4, "view: 张伟明张 fit, the last 伟 is left out");
	is_int(v.cells, 8, "view: 8 cells drawn, the ninth padded");
	all = 1;
	for (size_t i = 0; i <= 5; i++) {
		all &= view_sane(&le, &v);
		lineedit_right(&le);
	}
	ok(all, "view: walking right, every cursor position is sane");

	/* Every cursor position again after moving there from the far side. */
	all = 1;
	for (size_t pos = 0; pos <= 5; pos++) {
		lineedit_end(&le);
		lineedit_view_get(&le, &v);
		le.cursor = pos;
		all &= view_sane(&le, &v);
		lineedit_home(&le);
		lineedit_view_get(&le, &v);
		le.cursor = pos;
		all &= view_sane(&le, &v);
	}
	ok(all, "view: every position reached from either end is sane");

	/* Odd width, mixed widths. */
	lineedit_set_utf8(&le, "a张b伟c明d张e伟");
	lineedit_set_width(&le, 5);
	all = 1;
	for (size_t i = 0; i < 20; i++) {
		all &= view_sane(&le, &v);
		lineedit_right(&le);
	}
	for (size_t i = 0; i < 20; i++) {
		all &= view_sane(&le, &v);
		lineedit_left(&le);
	}
	ok(all, "view: width 5 over mixed text, right and back, always sane");
	lineedit_finish(&le);
}

static void test_lineedit_scroll(void)
{
	lineedit le;
	lineedit_view v;

	lineedit_init(&le, LINEEDIT_TEXT, 6, 0, 0);
	lineedit_set_utf8(&le, "张伟明阿依古丽");
	lineedit_view_get(&le, &v);
	is_int(v.first, 0, "scroll: loaded text starts at the left");
	lineedit_end(&le);
	lineedit_view_get(&le, &v);
	ok(v.first + v.count == le.len, "scroll: End shows the last character");
	is_int(v.cursor_col, 4, "scroll: End leaves the cursor on the blank after 古丽");
	lineedit_home(&le);
	lineedit_view_get(&le, &v);
	is_int(v.first, 0, "scroll: Home scrolls back to the start");
	is_int(v.cursor_col, 0, "scroll: cursor in column 0");
	for (int i = 0; i < 4; i++)
		lineedit_right(&le);
	lineedit_view_get(&le, &v);
	ok(v.first > 0 && v.cursor_col + 2 <= 6, "scroll: moving right scrolls, cursor visible");
	for (int i = 0; i < 3; i++)
		lineedit_left(&le);
	lineedit_view_get(&le, &v);
	ok(v.first <= le.cursor && v.cursor_col >= 0, "scroll: moving left scrolls back");
	is_int(v.first, 1, "scroll: back at 伟, 伟 is the first visible");
	is_int(v.cursor_col, 0, "scroll: and the cursor is at the left edge");

	/* Deleting at the end pulls hidden text back into view. */
	lineedit_end(&le);
	lineedit_view_get(&le, &v);
	for (int i = 0; i < 5; i++)
		lineedit_backspace(&le);
	lineedit_view_get(&le, &v);
	is_int(v.first, 0, "scroll: after deleting, 张伟 shows from the start");
	is_int(v.cursor_col, 4, "scroll: cursor after 张伟");
	lineedit_finish(&le);
}

static void test_lineedit_full_field_end(void)
{
	lineedit le;
	lineedit_view v;

	/* max_cells equals the width: exactly full, cursor after the last. */
	lineedit_init(&le, LINEEDIT_TEXT, 5, 0, 5);
	is_int(type(&le, L"张伟a"), 3, "full: 张伟a fills 5 cells");
	lineedit_view_get(&le, &v);
	ok(v.cursor_col < 5, "full: the end cursor's cell is inside the field");
	is_int(v.first, 1, "full: scrolled by the whole of 张");
	is_int(v.cells, 3, "full: 伟a drawn");
	lineedit_home(&le);
	lineedit_view_get(&le, &v);
	is_int(v.first, 0, "full: Home shows all of it again");
	is_int(v.cells, 5, "full: 5 cells");
	lineedit_finish(&le);
}

static void test_lineedit_limits(void)
{
	lineedit le;

	lineedit_init(&le, LINEEDIT_TEXT, 10, 3, 0);
	type(&le, L"张伟明");
	is_int(lineedit_insert(&le, L'丽'), LINEEDIT_REFUSED, "limits: a fourth character is refused");
	ok(buf_is(&le, L"张伟明"), "limits: the text is kept");
	lineedit_toggle_overwrite(&le);
	lineedit_home(&le);
	is_int(lineedit_insert(&le, L'李'), LINEEDIT_OK, "limits: overwriting in a full field works");
	ok(buf_is(&le, L"李伟明"), "limits: 李伟明");
	lineedit_finish(&le);

	lineedit_init(&le, LINEEDIT_TEXT, 10, 0, 5);
	type(&le, L"张伟");
	is_int(lineedit_insert(&le, L'明'), LINEEDIT_REFUSED, "limits: 6 cells refused by max_cells 5");
	ok(buf_is(&le, L"张伟"), "limits: the text is kept");
	is_int(lineedit_insert(&le, L'a'), LINEEDIT_OK, "limits: one narrow cell still fits");
	lineedit_toggle_overwrite(&le);
	lineedit_home(&le);
	is_int(lineedit_insert(&le, L'b'), LINEEDIT_OK, "limits: overwrite wide with narrow frees a cell");
	lineedit_end(&le);
	lineedit_toggle_overwrite(&le);
	is_int(lineedit_insert(&le, L'c'), LINEEDIT_OK, "limits: so c fits");
	ok(buf_is(&le, L"b伟ac"), "limits: b伟ac");
	lineedit_home(&le);
	lineedit_toggle_overwrite(&le);
	is_int(lineedit_insert(&le, L'张'), LINEEDIT_REFUSED, "limits: overwriting b with 张 needs 6 cells");
	ok(buf_is(&le, L"b伟ac"), "limits: refused overwrite keeps the text");
	lineedit_finish(&le);
}

static void test_lineedit_digits(void)
{
	lineedit le;

	lineedit_init(&le, LINEEDIT_DIGITS, 10, 6, 0);
	is_int(type(&le, L"１２3"), 3, "digits: full-width digits accepted");
	ok(buf_is(&le, L"123"), "digits: and stored as ASCII");
	is_int(lineedit_insert(&le, L'a'), LINEEDIT_REFUSED, "digits: a letter is refused");
	is_int(lineedit_insert(&le, L'Ａ'), LINEEDIT_REFUSED, "digits: a full-width letter is refused");
	is_int(lineedit_insert(&le, L'张'), LINEEDIT_REFUSED, "digits: an ideograph is refused");
	is_int(lineedit_insert(&le, L'-'), LINEEDIT_REFUSED, "digits: a dash is refused");
	ok(buf_is(&le, L"123"), "digits: text unchanged");
	lineedit_finish(&le);

	lineedit_init(&le, LINEEDIT_DECIMAL, 10, 0, 0);
	is_int(type(&le, L"１２．5.0"), 5, "decimal: a second point is refused");
	ok(buf_is(&le, L"12.50"), "decimal: 12.50");
	lineedit_finish(&le);

	lineedit_init(&le, LINEEDIT_PHONE, 20, 0, 0);
	is_int(type(&le, L"+86 138-0013x8000"), 16, "phone: digits, + - space, no letters");
	ok(buf_is(&le, L"+86 138-00138000"), "phone: +86 138-00138000");
	lineedit_finish(&le);

	lineedit_init(&le, LINEEDIT_DATE, 10, 10, 0);
	is_int(type(&le, L"２０２５-01/02"), 9, "date: slash refused");
	ok(buf_is(&le, L"2025-0102"), "date: 2025-0102");
	lineedit_finish(&le);
}

static void test_lineedit_idnum(void)
{
	lineedit le;

	lineedit_init(&le, LINEEDIT_IDNUM, 20, 18, 0);
	is_int(lineedit_insert(&le, L'x'), LINEEDIT_REFUSED, "idnum: X refused as the first character");
	type(&le, L"11010519491231002");
	is_int(lineedit_insert(&le, L'x'), LINEEDIT_OK, "idnum: x accepted as the 18th");
	ok(buf_is(&le, L"11010519491231002X"), "idnum: and stored as X");
	lineedit_backspace(&le);
	is_int(lineedit_insert(&le, L'ｘ'), LINEEDIT_OK, "idnum: full-width ｘ accepted");
	ok(le.buf && le.buf[17] == L'X', "idnum: ｘ stored as X");
	lineedit_backspace(&le);
	is_int(lineedit_insert(&le, L'Ｘ'), LINEEDIT_OK, "idnum: full-width Ｘ accepted");
	ok(le.buf && le.buf[17] == L'X', "idnum: Ｘ stored as X");
	lineedit_home(&le);
	lineedit_delete(&le);
	ok(buf_is(&le, L"1010519491231002X"), "idnum: deleting shifts the X");
	lineedit_end(&le);
	is_int(lineedit_insert(&le, L'1'), LINEEDIT_REFUSED, "idnum: nothing after an X");
	lineedit_home(&le);
	is_int(lineedit_insert(&le, L'１'), LINEEDIT_OK, "idnum: a digit before it puts X back 18th");
	ok(buf_is(&le, L"11010519491231002X"), "idnum: 11010519491231002X");
	lineedit_clear(&le);
	type(&le, L"123");
	is_int(lineedit_insert(&le, L'X'), LINEEDIT_REFUSED, "idnum: X refused as the 4th");
	is_int(lineedit_insert(&le, L'a'), LINEEDIT_REFUSED, "idnum: letters refused");
	ok(buf_is(&le, L"123"), "idnum: 123");
	lineedit_finish(&le);
}

static void test_lineedit_overwrite(void)
{
	lineedit le;

	lineedit_init(&le, LINEEDIT_TEXT, 10, 0, 0);
	type(&le, L"张伟明");
	lineedit_home(&le);
	lineedit_toggle_overwrite(&le);
	ok(le.overwrite, "overwrite: toggled on");
	type(&le, L"李");
	ok(buf_is(&le, L"李伟明"), "overwrite: replaces the character under the cursor");
	is_int(le.cursor, 1, "overwrite: cursor moves on");
	lineedit_end(&le);
	type(&le, L"丽");
	ok(buf_is(&le, L"李伟明丽"), "overwrite: at the end it appends");
	lineedit_toggle_overwrite(&le);
	lineedit_home(&le);
	type(&le, L"王");
	ok(buf_is(&le, L"王李伟明丽"), "overwrite: toggled off inserts again");
	lineedit_finish(&le);
}

static void test_lineedit_backspace_delete(void)
{
	lineedit le;

	lineedit_init(&le, LINEEDIT_TEXT, 10, 0, 0);
	type(&le, L"张伟明");
	lineedit_home(&le);
	is_int(lineedit_backspace(&le), LINEEDIT_NOOP, "backspace: at the start does nothing");
	is_int(lineedit_delete(&le), LINEEDIT_OK, "delete: at the start deletes");
	ok(buf_is(&le, L"伟明"), "delete: 伟明");
	lineedit_end(&le);
	is_int(lineedit_delete(&le), LINEEDIT_NOOP, "delete: at the end does nothing");
	is_int(lineedit_backspace(&le), LINEEDIT_OK, "backspace: at the end deletes");
	ok(buf_is(&le, L"伟"), "backspace: 伟");
	is_int(le.cursor, 1, "backspace: cursor follows");
	lineedit_backspace(&le);
	ok(buf_is(&le, L"") && le.cursor == 0, "backspace: down to empty");
	is_int(lineedit_backspace(&le), LINEEDIT_NOOP, "backspace: empty field does nothing");
	is_int(lineedit_delete(&le), LINEEDIT_NOOP, "delete: empty field does nothing");

	type(&le, L"阿依古丽");
	lineedit_left(&le);
	lineedit_left(&le);
	is_int(lineedit_kill_to_end(&le), LINEEDIT_OK, "kill_to_end: cuts after the cursor");
	ok(buf_is(&le, L"阿依"), "kill_to_end: 阿依");
	is_int(lineedit_clear(&le), LINEEDIT_OK, "clear: empties");
	ok(buf_is(&le, L"") && le.cursor == 0, "clear: empty, cursor home");
	lineedit_finish(&le);
}

static void test_lineedit_utf8(void)
{
	lineedit le;
	char *s;

	lineedit_init(&le, LINEEDIT_TEXT, 10, 0, 0);
	ok(lineedit_set_utf8(&le, "张伟·阿依古丽"), "utf8: set");
	is_int(le.len, 7, "utf8: seven characters");
	is_int(le.cursor, 0, "utf8: cursor at the start");
	s = lineedit_get_utf8(&le);
	is_str(s, "张伟·阿依古丽", "utf8: get returns the same UTF-8");
	free(s);
	lineedit_mark_clean(&le);
	ok(!le.dirty, "utf8: clean after mark_clean");
	ok(!lineedit_set_utf8(&le, "张\xFF"), "utf8: invalid UTF-8 refused");
	ok(buf_is(&le, L"张伟·阿依古丽") && !le.dirty, "utf8: and the old text kept");
	ok(lineedit_set_utf8(&le, "张伟·阿依古丽") && !le.dirty, "utf8: same text stays clean");
	ok(lineedit_set_utf8(&le, "") && le.dirty && le.len == 0, "utf8: empty text, dirty");
	s = lineedit_get_utf8(&le);
	is_str(s, "", "utf8: get of empty is \"\"");
	free(s);
	lineedit_finish(&le);
}

static void test_lineedit_readonly(void)
{
	lineedit le;

	lineedit_init(&le, LINEEDIT_TEXT, 10, 0, 0);
	lineedit_set_utf8(&le, "张伟");
	lineedit_mark_clean(&le);
	le.readonly = true;
	lineedit_end(&le);
	is_int(lineedit_insert(&le, L'明'), LINEEDIT_REFUSED, "readonly: insert refused");
	is_int(lineedit_backspace(&le), LINEEDIT_REFUSED, "readonly: backspace refused");
	lineedit_home(&le);
	is_int(lineedit_delete(&le), LINEEDIT_REFUSED, "readonly: delete refused");
	is_int(lineedit_kill_to_end(&le), LINEEDIT_REFUSED, "readonly: kill refused");
	is_int(lineedit_clear(&le), LINEEDIT_REFUSED, "readonly: clear refused");
	is_int(lineedit_right(&le), LINEEDIT_OK, "readonly: moving still works");
	ok(buf_is(&le, L"张伟") && !le.dirty, "readonly: text unchanged, not dirty");
	lineedit_finish(&le);
}

static void test_lineedit_secret(void)
{
	lineedit le;
	char *s;

	lineedit_init(&le, LINEEDIT_SECRET, 8, 0, 0);
	is_int(type(&le, L"口令pass1234567890"), 16, "secret: long input grows the buffer");
	s = lineedit_get_utf8(&le);
	is_str(s, "口令pass1234567890", "secret: stored as typed");
	free(s);
	lineedit_finish(&le);
	ok(le.buf == NULL && le.len == 0, "secret: finish frees and resets");
}

static void test_lineedit_combining(void)
{
	lineedit le;
	lineedit_view v;

	/* é as e + U+0301: one cell, two characters (PostgreSQL counts 2). */
	lineedit_init(&le, LINEEDIT_TEXT, 3, 0, 0);
	is_int(type(&le, L"ae\u0301b"), 4, "combining: a, e, U+0301, b typed");
	lineedit_home(&le);
	lineedit_right(&le);
	lineedit_right(&le);
	is_int(le.cursor, 3, "combining: Right steps over the mark with its base");
	lineedit_left(&le);
	is_int(le.cursor, 1, "combining: Left steps back over both");
	lineedit_delete(&le);
	ok(buf_is(&le, L"ab"), "combining: Delete takes the mark with its base");
	lineedit_set_utf8(&le, "ae\xCC\x81" "bcd");
	lineedit_end(&le);
	lineedit_view_get(&le, &v);
	ok(v.first < le.len && text_char_width(le.buf[v.first]) > 0,
	   "combining: the view never starts on a mark");
	ok(view_sane(&le, &v), "combining: the view is sane");
	lineedit_finish(&le);
}

static void test_lineedit_set_width(void)
{
	lineedit le;
	lineedit_view v;

	lineedit_init(&le, LINEEDIT_TEXT, 4, 0, 0);
	type(&le, L"张伟明");
	lineedit_mark_clean(&le);
	lineedit_view_get(&le, &v);
	ok(v.first > 0, "set_width: 6 cells scroll in a 4-cell field");
	lineedit_set_width(&le, 10);
	lineedit_view_get(&le, &v);
	is_int(v.first, 0, "set_width: a wider field shows it all again");
	is_int(v.cells, 6, "set_width: 6 cells");
	lineedit_set_width(&le, 1);
	lineedit_home(&le);
	ok(view_sane(&le, &v), "set_width: a 1-cell field stays sane on a wide character");
	is_int(v.cells, 0, "set_width: half of 张 is never drawn");
	ok(!le.dirty, "set_width: moving and resizing do not dirty the field");
	lineedit_finish(&le);
}

static void test_lineedit_lock_unshowable(void)
{
	lineedit le;

	lineedit_init(&le, LINEEDIT_TEXT, 10, 0, 0);
	lineedit_set_utf8(&le, "张伟");
	ok(!lineedit_lock_unshowable(&le), "lock: 张伟 is showable under C.UTF-8");
	ok(!le.readonly, "lock: field stays editable");
	ok(lineedit_char_showable(L'张'), "showable: 张 under C.UTF-8");
	ok(!lineedit_char_showable(L'\t'), "showable: a tab is not");
	if (setlocale(LC_CTYPE, "C")) {
		ok(lineedit_lock_unshowable(&le), "lock: 张伟 is not showable under C");
		ok(le.readonly, "lock: so the field is read-only");
		is_int(lineedit_insert(&le, L'a'), LINEEDIT_REFUSED, "lock: typing is refused");
		setlocale(LC_CTYPE, "C.UTF-8");
	}
	ok(lineedit_unshowable_message() != NULL, "lock: there is a message for it");
	lineedit_finish(&le);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return tap_skip_all("no C.UTF-8 locale");
	test_lineedit_insert();
	test_lineedit_view_get();
	test_lineedit_scroll();
	test_lineedit_full_field_end();
	test_lineedit_limits();
	test_lineedit_digits();
	test_lineedit_idnum();
	test_lineedit_overwrite();
	test_lineedit_backspace_delete();
	test_lineedit_utf8();
	test_lineedit_readonly();
	test_lineedit_secret();
	test_lineedit_combining();
	test_lineedit_set_width();
	test_lineedit_lock_unshowable();
	return tap_done();
}
