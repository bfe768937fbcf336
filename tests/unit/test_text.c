#include <locale.h>
#include <wchar.h>
#include "text.h"
#include "tap.h"

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return tap_skip_all("no C.UTF-8 locale");
	is_int(text_char_width(L'a'), 1, "ASCII letter is one cell");
	is_int(text_char_width(L'张'), 2, "CJK ideograph is two cells");
	is_int(text_width(L"张伟", 10), 4, "张伟 is four cells");
	is_int(text_width(L"a张b", 2), 3, "width stops after n characters");
	size_t used = 0;
	is_int(text_fit(L"张伟明", 5, &used), 2, "5 cells fit two ideographs, not a half");
	is_int(used, 4, "and they use 4 cells");
	is_int(text_halfwidth(0xFF11), L'1', "full-width 1 becomes 1");
	is_int(text_halfwidth(0xFF38), L'X', "full-width X becomes X");
	is_int(text_halfwidth(L'张'), L'张', "ideographs are kept");

	/* a message wrapped onto two lines of 10 cells */
	text_line l[2];
	int cut = -1;
	size_t n = text_wrap(L"失业人员王秀英不在劳动年龄内", 10, 1, l, 2, &cut);
	is_int(n, 2, "14 ideographs take two lines of 10 cells");
	is_int(l[0].count, 5, "five ideographs on the first line");
	is_int(l[1].start, 5, "the second line goes on from the sixth");
	is_int(cut, 1, "what does not fit in two lines is cut");
	is_int(l[1].count, 4, "the last line leaves a cell for the ellipsis: 4 ideographs");
	is_int(l[1].cells, 8, "taking 8 cells");
	n = text_wrap(L"王秀英不在，76岁", 10, 1, l, 2, &cut);
	is_int(cut, 0, "a text of two lines is not cut");
	is_int(l[0].count, 4, "a line does not begin with ，: 王秀英不 (4) first");
	is_int(l[1].start, 4, "在，76岁 on the second line");
	is_int(l[1].count, 5, "all five characters of it");
	n = text_wrap(L"Not submitted: working age", 16, 1, l, 2, &cut);
	is_int(n, 2, "English takes two lines of 16");
	is_int(l[0].count, 14, "the line breaks at the space: 'Not submitted:'");
	is_int(l[1].start, 15, "'working age' starts the second line");
	n = text_wrap(L"a张b", 2, 1, l, 2, &cut);
	is_int(n, 2, "a wide character is never split across lines");
	is_int(l[0].count, 1, "'a' alone on a 2-cell line before 张");
	is_int(cut, 1, "b cut");
	n = text_wrap(L"", 10, 1, l, 2, &cut);
	is_int(n, 0, "no text, no line");
	return tap_done();
}
