/* text.c - display widths of wide text. */
#include "text.h"

#include <wctype.h>

int text_char_width(wchar_t c)
{
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

size_t text_width(const wchar_t *s, size_t n)
{
	size_t cells = 0;
	for (size_t i = 0; i < n && s[i] != L'\0'; i++)
		cells += (size_t)text_char_width(s[i]);
	return cells;
}

size_t text_fit(const wchar_t *s, size_t max_cells, size_t *used)
{
	size_t cells = 0, i = 0;
	for (; s[i] != L'\0'; i++) {
		size_t w = (size_t)text_char_width(s[i]);
		if (cells + w > max_cells)
			break;
		cells += w;
	}
	if (used)
		*used = cells;
	return i;
}

wchar_t text_halfwidth(wchar_t c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		return c - 0xFF01 + 0x21;
	if (c == 0x3000)
		return L' ';
	return c;
}
