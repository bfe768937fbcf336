/* test_wide.c - wide characters in the login user field: 张伟 moves the
 * cursor exactly 4 columns; a field narrower than its text never draws a
 * wide character across either edge, at any scroll position, with text of
 * either parity (the field's width is the run of underlined/reverse cells). */
#include <stdlib.h>
#include <string.h>

#include "e2e.h"
#include "tap.h"

typedef struct want_text {
	e2e_field f;
	const char *text;   /* the field must show this (or end with it) */
	bool suffix;
	int cursor_col;     /* -1: any */
} want_text;

static bool field_shows(const vt *t, void *arg)
{
	const want_text *w = arg;
	char *s = e2e_field_text(t, &w->f);
	bool hit = false;
	if (s) {
		size_t n = strlen(s), m = strlen(w->text);
		hit = w->suffix ? (n >= m && strcmp(s + n - m, w->text) == 0)
				: strcmp(s, w->text) == 0;
	}
	free(s);
	int r, c;
	vt_cursor(t, &r, &c);
	return hit && (w->cursor_col < 0 || c == w->cursor_col);
}

/* What must hold whatever the text and the scroll position: the field keeps
 * its cells, no wide character crosses either edge, the cell past the edge
 * is what it was, the cursor stays inside. Returns a reason or NULL. */
static const char *edge_violation(const vt *t, const e2e_field *f0, const char *past_before)
{
	e2e_field f[2];
	int n = e2e_find_fields(t, f, 2);
	if (n < 1 || f[0].row != f0->row || f[0].col != f0->col || f[0].width != f0->width)
		return "the field changed its cells";
	int edge = f0->col + f0->width;   /* first cell past the field */
	vt_cell_info first, last, past;
	vt_cell(t, f0->row, f0->col, &first);
	vt_cell(t, f0->row, edge - 1, &last);
	vt_cell(t, f0->row, edge, &past);
	if (first.continuation)
		return "the right half of a wide character on the field's first cell";
	if (last.width == 2)
		return "a wide character starts on the field's last cell";
	if (past.continuation)
		return "the cell past the edge is half of a wide character";
	if (strcmp(past.text, past_before) != 0 || past.underline || past.reverse)
		return "the cell past the edge changed";
	int r, c;
	vt_cursor(t, &r, &c);
	if (r != f0->row || c < f0->col || c > edge)
		return "the cursor left the field";
	return NULL;
}

/* Fill the user field past its width with prefix + Chinese, one character
 * at a time (every scroll position, both parities), checking the edges
 * after each. */
static void overflow(vt *t, const e2e_field *f0, const char *prefix, const char *label)
{
	static const char *const chars[] = {
		"社", "区", "社", "会", "救", "助", "服", "务", "体", "系", "方", "案",
		"救", "助", "服", "务", NULL
	};
	vt_send(t, "\025");   /* Ctrl-U: empty the field */
	want_text empty = { .f = *f0, .text = "", .cursor_col = f0->col };
	ok(vt_wait_until(t, field_shows, &empty, E2E_SCREEN_MS), "%s: Ctrl-U empties the field", label);

	vt_cell_info after_edge;
	vt_cell(t, f0->row, f0->col + f0->width, &after_edge);
	char before[32];
	snprintf(before, sizeof before, "%s", after_edge.text);

	int typed_cells = 0, checked = 0;
	const char *bad = NULL;
	if (prefix[0]) {
		vt_send(t, prefix);
		want_text w = { .f = *f0, .text = prefix, .suffix = true, .cursor_col = -1 };
		vt_wait_until(t, field_shows, &w, E2E_SCREEN_MS);
		typed_cells = 1;
	}
	for (int i = 0; chars[i] && !bad; i++) {
		vt_send(t, chars[i]);
		typed_cells += 2;
		want_text w = { .f = *f0, .text = chars[i], .suffix = true, .cursor_col = -1 };
		if (!vt_wait_until(t, field_shows, &w, E2E_SCREEN_MS)) {
			bad = "the character typed last is not in view";
			break;
		}
		bad = edge_violation(t, f0, before);
		checked++;
	}
	ok(typed_cells > f0->width, "%s: typed %d cells into a %d-cell field", label, typed_cells, f0->width);
	if (!ok(bad == NULL, "%s: after each of %d characters the field keeps its edges%s%s", label, checked,
		bad ? ": " : "", bad ? bad : ""))
		vt_screen_dump(t);
	vt_send(t, VT_HOME);
	int r, c;
	bool at_home = false;
	long long deadline = vt_now_ms() + E2E_SCREEN_MS;
	while (!at_home && vt_now_ms() < deadline && vt_wait_update(t, 1000)) {
		vt_cursor(t, &r, &c);
		at_home = r == f0->row && c == f0->col;
	}
	ok(at_home, "%s: Home scrolls back to the start", label);
	/* with "a" first, the 12th Chinese character would straddle the edge
	 * of the 24-cell field: the odd case */
	const char *bad_home = edge_violation(t, f0, before);
	ok(bad_home == NULL, "%s: at the start the edges hold too%s%s", label,
	   bad_home ? ": " : "", bad_home ? bad_home : "");
}

int main(void)
{
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	e2e_env e;
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!t)
		return tap_skip_all("cannot start jiuzhu");
	if (!ok(e2e_wait_login(t, E2E_FIRST_SCREEN_MS), "login screen drawn")) {
		vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	e2e_field f[2];
	e2e_find_fields(t, f, 2);
	tap_diag("user field at row %d col %d, %d cells", f[0].row, f[0].col, f[0].width);
	int r0, c0;
	vt_cursor(t, &r0, &c0);
	ok(r0 == f[0].row && c0 == f[0].col, "cursor starts at the user field (%d,%d)", r0, c0);

	vt_send(t, "张伟");
	want_text zw = { .f = f[0], .text = "张伟", .cursor_col = c0 + 4 };
	vt_wait_until(t, field_shows, &zw, E2E_SCREEN_MS);
	char *s = e2e_field_text(t, &f[0]);
	is_str(s, "张伟", "the field shows 张伟");
	free(s);
	int r1, c1;
	vt_cursor(t, &r1, &c1);
	is_int(r1, r0, "cursor on the same row");
	is_int(c1 - c0, 4, "张伟 moves the cursor exactly 4 columns");
	vt_cell_info z, z2;
	vt_cell(t, f[0].row, c0, &z);
	vt_cell(t, f[0].row, c0 + 1, &z2);
	ok(z.width == 2 && strcmp(z.text, "张") == 0 && z2.continuation,
	   "张 takes two cells");

	vt_send(t, VT_BACKSPACE);
	want_text z1 = { .f = f[0], .text = "张", .cursor_col = c0 + 2 };
	ok(vt_wait_until(t, field_shows, &z1, E2E_SCREEN_MS), "Backspace removes 伟 and moves back 2 columns");

	overflow(t, &f[0], "", "Chinese only");
	overflow(t, &f[0], "a", "one ASCII then Chinese");

	vt_send(t, VT_F3);
	int status;
	ok(vt_wait_exit(t, 5000, &status), "F3 exits");
	vt_destroy(t);
	return tap_done();
}
