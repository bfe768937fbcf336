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
	return tap_done();
}
