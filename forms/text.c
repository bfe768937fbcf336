/* text.c - display widths of wide text. */
#include "text.h"

#include <wchar.h>
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

/* Marks that may not begin a line (the Chinese habit). */
static int closing_mark(wchar_t c)
{
	return c != L'\0' && wcschr(L"，。、；：？！）》」』”’,.;:?!)", c) != NULL;
}

static int latin_word(wchar_t c)
{
	return c < 0x80 && iswalnum((wint_t)c);
}

size_t text_wrap(const wchar_t *s, size_t cols, size_t ell_cells,
		 text_line *lines, size_t max_lines, int *cut)
{
	size_t k = 0, i = 0;

	*cut = 0;
	if (!s || cols == 0)
		return 0;
	while (s[i] != L'\0' && k < max_lines) {
		if (k > 0)
			while (s[i] == L' ')
				i++;
		if (s[i] == L'\0')
			break;
		size_t cells = 0, fit = text_fit(s + i, cols, &cells);
		if (fit == 0)
			break;   /* a character wider than the line */
		if (s[i + fit] != L'\0' && k + 1 == max_lines) {
			size_t room = cols > ell_cells ? cols - ell_cells : 0;
			fit = text_fit(s + i, room, &cells);
			*cut = 1;
		} else if (s[i + fit] != L'\0') {
			size_t brk = fit;
			if (latin_word(s[i + fit]) && latin_word(s[i + fit - 1])) {
				/* back to the space before the word, if the line keeps half */
				size_t b = fit;
				while (b > fit / 2 && s[i + b - 1] != L' ')
					b--;
				if (b > fit / 2)
					brk = b;
			} else if (closing_mark(s[i + fit]) && fit > 1) {
				brk = fit - 1;
			}
			fit = brk;
			while (fit > 1 && s[i + fit - 1] == L' ')
				fit--;
			cells = text_width(s + i, fit);
		}
		lines[k++] = (text_line){ .start = i, .count = fit, .cells = cells };
		i += fit;
		if (*cut)
			break;
	}
	return k;
}
