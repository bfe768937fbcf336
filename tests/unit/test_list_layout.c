/* test_list_layout.c - the list widget's pure layout: column widths and
 * Chinese text fitted into cells (never half a wide character, "…" when
 * cut, padded to the exact width); the lines a text wraps into and the
 * lines a detail pane under the list gets. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../../tui/list_layout.h"
#include "enc.h"
#include "tap.h"
#include "text.h"

/* Display cells of a UTF-8 string, by wcwidth. */
static int cells(const char *s)
{
	size_t n = 0;
	wchar_t *w = enc_utf8_to_wcs(s, strlen(s), &n);
	int c = w ? (int)text_width(w, n) : -1;
	free(w);
	return c;
}

int main(void)
{
	char out[256];

	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "zh_CN.UTF-8"))
		return tap_skip_all("no UTF-8 locale");

	/* widths */
	static const ui_list_col cols[] = {
		{ "number", 24, 24 }, { "name", 8, 12 }, { "id", 18, 18 }, { "rest", 4, 0 },
	};
	int w[4];
	ui_list_layout(cols, 4, 76, w);
	is_int(w[0], 24, "a fixed column keeps its width");
	is_int(w[1], 12, "the name column grows to its max");
	is_int(w[2], 18, "the ID column is 18");
	is_int(w[0] + w[1] + w[2] + w[3] + 3, 76, "the columns and gaps fill the width exactly");
	ui_list_layout(cols, 4, 57, w);
	is_int(w[1], 8, "only the mins fit: the name column keeps its min");
	is_int(w[3], 4, "the rest column keeps its min");
	ui_list_layout(cols, 4, 60, w);
	is_int(w[1], 11, "three cells over the mins go to the first column that can grow");
	ui_list_layout(cols, 4, 120, w);
	is_int(w[3], 120 - 3 - 24 - 12 - 18, "a wide terminal gives the rest to the open column");

	/* fitting Chinese text */
	is_int(ui_list_fit("张伟", 8, out, sizeof out), 8, "short text: padded to 8 cells");
	is_str(out, "张伟    ", "张伟 and four spaces");
	is_int(ui_list_fit("欧阳娜娜", 8, out, sizeof out), 8, "exactly fits");
	is_str(out, "欧阳娜娜", "no ellipsis when it fits");
	ui_list_fit("欧阳娜娜娜", 8, out, sizeof out);
	ok(strstr(out, "\xe2\x80\xa6") != NULL, "cut text ends with … ('%s')", out);
	is_int(cells(out), 8, "and takes exactly 8 cells");
	/* odd width: a wide character may not be split; the pad makes it exact */
	ui_list_fit("团结湖街道办事处", 7, out, sizeof out);
	is_int(cells(out), 7, "odd width 7: exactly 7 cells");
	ok(strncmp(out, "团结湖", strlen("团结湖")) == 0, "whole characters kept from the start");
	ui_list_fit("买买提·艾力", 6, out, sizeof out);
	is_int(cells(out), 6, "a middle-dot name fits 6 cells");
	is_int(ui_list_fit("", 5, out, sizeof out), 5, "empty text: all spaces");
	is_str(out, "     ", "five spaces");
	is_int(ui_list_fit("张伟", 0, out, sizeof out), 0, "zero width: nothing");
	is_str(out, "", "empty");
	ui_list_fit("110105001001-2026-000123", 10, out, sizeof out);
	is_int(cells(out), 10, "ASCII cut to 10 cells");
	ok(strncmp(out, "110105001", 9) == 0, "nine digits and the ellipsis ('%s')", out);

	/* a detail pane under the list: the lines a note wraps into, by cells */
	is_int(ui_text_lines("", 10), 0, "an empty note takes no line");
	is_int(ui_text_lines("培训费用社区承担", 16), 1, "8 characters in 16 cells: one line");
	is_int(ui_text_lines("培训费用社区承担", 15), 2, "in 15 cells: two (a wide character never split)");
	is_int(ui_text_lines("培训费用社区承担八十", 8), 3, "10 characters at 4 a line: three lines");
	is_int(ui_text_lines("低收入家庭现金救助，每户每月", 18), 2,
	       "9 characters then ，: the comma does not begin the second line, still two");
	is_int(ui_text_lines("notify within five working days", 12), 3,
	       "Latin words move whole: three lines of 12 cells");
	is_int(ui_text_lines("张伟", 0), 0, "no width: no line");
	is_int(ui_list_pane_lines(20, 5), 5, "80x24: a note of five lines gets them");
	is_int(ui_list_pane_lines(20, 14), 10, "a longer one: the list keeps half the body");
	is_int(ui_list_pane_lines(46, 14), 14, "at 50 rows it gets all fourteen");
	is_int(ui_list_pane_lines(20, 0), 0, "nothing to show: no pane");
	is_int(ui_list_pane_lines(1, 3), 0, "no room: no pane");
	return tap_done();
}
