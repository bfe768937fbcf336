/* test_field9.c - a 9-column field never draws a wide character past its
 * edge (issue 2). No jiuzhu screen has an odd-width text field, so
 * field_probe draws one 9-cell field with tui/field.c in a real pty. Typing
 * 张伟明张伟 and more (Chinese only, then "a" first for the other parity),
 * moving through it with Home/Right/Left/End, inserting in the middle and
 * deleting it all again, after every key: the field keeps its 9 cells, no
 * wide character starts on its last cell or straddles either edge, the '#'
 * after it is untouched, the cursor is inside and on the character it edits,
 * and what shows is a run of the text typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2e.h"
#include "tap.h"

#ifndef FIELD_PROBE
#error "meson passes FIELD_PROBE, the path of field_probe"
#endif

#define ROW 5
#define COL 10
#define WIDTH 9
/* xterm's keys once the application set keypad mode (terminfo kcuf1...) */
#define K_RIGHT "\033OC"
#define K_LEFT  "\033OD"
#define K_HOME  "\001"   /* Ctrl-A */
#define K_END   "\005"   /* Ctrl-E */

/* The text as the test typed it: characters (UTF-8), cursor index. */
typedef struct model {
	char ch[32][8];
	int n, cursor;
} model;

static int char_cells(const char *c)
{
	return (unsigned char)c[0] < 0x80 ? 1 : 2;
}

static void model_insert(model *m, const char *c)
{
	memmove(m->ch[m->cursor + 1], m->ch[m->cursor], (size_t)(m->n - m->cursor) * sizeof m->ch[0]);
	snprintf(m->ch[m->cursor], sizeof m->ch[0], "%s", c);
	m->n++;
	m->cursor++;
}

static void model_backspace(model *m)
{
	if (m->cursor == 0)
		return;
	memmove(m->ch[m->cursor - 1], m->ch[m->cursor], (size_t)(m->n - m->cursor) * sizeof m->ch[0]);
	m->n--;
	m->cursor--;
}

/* Everything that must hold after each key; NULL or the broken rule. The
 * visible characters are matched against the model: the view starts at some
 * character k, shows the ones after it that fit, and the cursor's cell holds
 * the character at the cursor (or is padding past the end). */
static const char *violation(const vt *t, const model *m, char *why, size_t len)
{
	e2e_field f[2];
	int nf = e2e_find_fields(t, f, 2);
	if (nf != 1 || f[0].row != ROW || f[0].col != COL || f[0].width != WIDTH)
		return "the field is not 9 cells at (5,10) any more";
	vt_cell_info first, last, past;
	vt_cell(t, ROW, COL, &first);
	vt_cell(t, ROW, COL + WIDTH - 1, &last);
	vt_cell(t, ROW, COL + WIDTH, &past);
	if (first.continuation)
		return "the right half of a wide character on the first cell";
	if (last.width == 2)
		return "a wide character starts on the last cell (it straddles the edge)";
	if (past.continuation || strcmp(past.text, "#") != 0 || past.underline || past.reverse)
		return "the cell after the field is no longer the plain '#'";
	int r, c;
	vt_cursor(t, &r, &c);
	if (r != ROW || c < COL || c >= COL + WIDTH)
		return "the cursor is not inside the field";

	/* the view starts at some character k (the same character may occur
	 * twice: try each) and matches cell by cell, padding after it, with the
	 * cursor on the character at the cursor (or after the last at the end) */
	for (int k = 0; k <= m->n; k++) {
		int col = COL, i = k, cur_col = -1;
		bool match = true;
		for (; i < m->n && col + char_cells(m->ch[i]) <= COL + WIDTH; i++) {
			vt_cell_info ci;
			vt_cell(t, ROW, col, &ci);
			if (strcmp(ci.text, m->ch[i]) != 0 || ci.width != char_cells(m->ch[i])) {
				match = false;
				break;
			}
			if (i == m->cursor)
				cur_col = col;
			col += char_cells(m->ch[i]);
		}
		if (match && i == m->n && m->cursor == m->n)
			cur_col = col;
		for (int p = col; match && p < COL + WIDTH; p++) {
			vt_cell_info ci;
			vt_cell(t, ROW, p, &ci);
			if (ci.ch != 0 && ci.ch != ' ')
				match = false;
		}
		if (match && cur_col == c)
			return NULL;
	}
	snprintf(why, len, "what shows is not a run of the text with the cursor on character %d (cursor col %d)",
		 m->cursor, c - COL);
	return why;
}

typedef struct run {
	vt *t;
	model m;
	int steps;
	const char *bad;
	char why[200];
	char at[64];
} run;

/* Send one key, wait for the probe's next screen, check. */
static void step(run *r, const char *key, const char *label)
{
	if (r->bad)
		return;
	vt_send(r->t, key);
	if (!vt_wait_update(r->t, E2E_SCREEN_MS)) {
		r->bad = "no screen update after the key";
	} else {
		r->bad = violation(r->t, &r->m, r->why, sizeof r->why);
	}
	r->steps++;
	if (r->bad)
		snprintf(r->at, sizeof r->at, "%s", label);
}

static void type(run *r, const char *const chars[])
{
	for (int i = 0; chars[i] && !r->bad; i++) {
		model_insert(&r->m, chars[i]);
		step(r, chars[i], chars[i]);
	}
}

static void round_trip(run *r, const char *const chars[], const char *label)
{
	int before = r->steps;
	type(r, chars);
	int cells = 0;
	for (int i = 0; i < r->m.n; i++)
		cells += char_cells(r->m.ch[i]);
	ok(cells > WIDTH, "%s: %d cells typed into the %d-cell field", label, cells, WIDTH);

	r->m.cursor = 0;
	step(r, K_HOME, "Home");
	for (int i = 0; i < r->m.n + 1 && !r->bad; i++) {
		if (r->m.cursor < r->m.n)
			r->m.cursor++;
		step(r, K_RIGHT, "Right");
	}
	for (int i = 0; i < 3 && !r->bad; i++) {
		r->m.cursor--;
		step(r, K_LEFT, "Left");
	}
	static const char *const mid[] = { "王", "a", NULL };
	type(r, mid);              /* insert in the middle */
	r->m.cursor = r->m.n;
	step(r, K_END, "End");
	while (r->m.n > 0 && !r->bad) {
		model_backspace(&r->m);
		step(r, VT_BACKSPACE, "Backspace");
	}
	if (!ok(r->bad == NULL, "%s: after each of %d keys the field keeps its edges%s%s%s%s", label,
		r->steps - before, r->bad ? " - at " : "", r->bad ? r->at : "", r->bad ? ": " : "",
		r->bad ? r->bad : ""))
		vt_screen_dump(r->t);
}

int main(void)
{
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	e2e_env e;
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the environment");
	const char *argv[] = { FIELD_PROBE, NULL };
	run r = { .t = vt_start(argv, e.envp, 24, 80, true) };
	if (!r.t)
		return tap_skip_all("cannot start field_probe");
	if (!ok(vt_wait_text(r.t, "姓名：", E2E_SCREEN_MS),
		"the probe draws its field")) {
		vt_screen_dump(r.t);
		vt_destroy(r.t);
		return tap_done();
	}
	char why[200];
	const char *bad = violation(r.t, &r.m, why, sizeof why);
	if (!ok(bad == NULL, "empty 9-cell field at (5,10), cursor at its start, '#' after it%s%s",
		bad ? ": " : "", bad ? bad : ""))
		vt_screen_dump(r.t);

	/* 张伟 moves the cursor 4 columns here too */
	static const char *const zw[] = { "张", "伟", NULL };
	type(&r, zw);
	int row, col;
	vt_cursor(r.t, &row, &col);
	is_int(col - COL, 4, "张伟: the cursor 4 columns into the field");
	static const char *const rest[] = { "明", "张", "伟", "明", "张", "伟", NULL };
	type(&r, rest);
	char *s = e2e_field_text(r.t, &(e2e_field){ ROW, COL, WIDTH });
	tap_diag("张伟明张伟明张伟 shows as '%s'", s ? s : "");
	ok(s && strcmp(s, "伟明张伟") == 0, "at the end the field shows the last 4 characters (伟明张伟), one pad cell");
	free(s);
	static const char *const none[] = { NULL };
	round_trip(&r, none, "张伟明张伟明张伟");

	static const char *const odd[] = { "a", "张", "伟", "明", "张", "伟", "明", NULL };
	round_trip(&r, odd, "a张伟明张伟明");
	static const char *const odd2[] = { "张", "a", "伟", "b", "明", "张", "c", "伟", NULL };
	round_trip(&r, odd2, "张a伟b明张c伟");

	vt_send(r.t, VT_F3);
	int st;
	ok(vt_wait_exit(r.t, 5000, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 exits the probe");
	vt_destroy(r.t);
	return tap_done();
}
