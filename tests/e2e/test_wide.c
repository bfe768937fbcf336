/* test_wide.c - wide characters in the login user field: 张伟 moves the
 * cursor exactly 4 columns; a field narrower than its text never draws a
 * wide character across its right edge (the field's width is the run of
 * underlined/reverse cells). */
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

/* Fill the user field past its width with prefix + Chinese and look at the
 * right edge. */
static void overflow(vt *t, const e2e_field *f0, const char *prefix, const char *label)
{
	static const char text[] = "社区社会救助服务体系方案救助服务";
	vt_send(t, "\025");   /* Ctrl-U: empty the field */
	want_text empty = { .f = *f0, .text = "", .cursor_col = f0->col };
	ok(vt_wait_until(t, field_shows, &empty, E2E_SCREEN_MS), "%s: Ctrl-U empties the field", label);

	vt_cell_info after_edge;
	vt_cell(t, f0->row, f0->col + f0->width, &after_edge);
	char before[32];
	snprintf(before, sizeof before, "%s", after_edge.text);

	vt_send(t, prefix);
	vt_send(t, text);
	want_text tail = { .f = *f0, .text = "务", .suffix = true, .cursor_col = -1 };
	bool shown = vt_wait_until(t, field_shows, &tail, E2E_SCREEN_MS);
	ok(shown, "%s: the end of the text is in view after horizontal scrolling", label);

	e2e_field f[2];
	int n = e2e_find_fields(t, f, 2);
	ok(n >= 1 && f[0].row == f0->row && f[0].col == f0->col && f[0].width == f0->width,
	   "%s: the field keeps its %d cells (now %d)", label, f0->width, n >= 1 ? f[0].width : -1);

	int edge = f0->col + f0->width;   /* first cell past the field */
	vt_cell_info last, past;
	vt_cell(t, f0->row, edge - 1, &last);
	vt_cell(t, f0->row, edge, &past);
	ok(last.width != 2, "%s: no wide character starts on the field's last cell", label);
	ok(!past.continuation, "%s: the cell past the edge is not half of a wide character", label);
	ok(strcmp(past.text, before) == 0 && !past.underline && !past.reverse,
	   "%s: the cell past the edge is unchanged ('%s', was '%s')", label, past.text, before);
	bool inside = true;
	for (int c = f0->col; c < edge; c++) {
		vt_cell_info ci;
		vt_cell(t, f0->row, c, &ci);
		if (ci.width == 2 && c + 1 >= edge)
			inside = false;
	}
	ok(inside, "%s: every wide character lies wholly inside the field", label);
	int r, c;
	vt_cursor(t, &r, &c);
	ok(r == f0->row && c >= f0->col && c <= edge, "%s: cursor inside the field (col %d)", label, c);
	if (!shown || !inside || past.continuation)
		vt_screen_dump(t);
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
