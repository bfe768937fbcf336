/* text.h - display widths of wide text, by wcwidth, never by bytes. */
#ifndef JZ_FORMS_TEXT_H
#define JZ_FORMS_TEXT_H

#include <stddef.h>
#include <wchar.h>

/* Cells one character takes: 0, 1 or 2. Non-printable characters count as 1
 * (they are drawn as a placeholder). */
int text_char_width(wchar_t c);
/* Cells of the first n characters of s (n may exceed the length: stops at NUL). */
size_t text_width(const wchar_t *s, size_t n);
/* How many leading characters of s fit in max_cells without splitting a
 * wide character; *used receives the cells they take (may be NULL). */
size_t text_fit(const wchar_t *s, size_t max_cells, size_t *used);
/* One line of wrapped text: characters [start, start + count), cells wide. */
typedef struct text_line {
	size_t start, count, cells;
} text_line;
/* Lays the NUL-ended s out in at most max_lines lines of at most cols cells,
 * never splitting a wide character: Chinese breaks between any two
 * characters (not before a closing mark such as ，or ）), a Latin word moves
 * whole to the next line when a space allows. Text left over after the last
 * line is cut by characters, leaving ell_cells for the caller's ellipsis,
 * and *cut is set. Returns the lines used (0 for an empty text). */
size_t text_wrap(const wchar_t *s, size_t cols, size_t ell_cells,
		 text_line *lines, size_t max_lines, int *cut);
/* Normalise full-width ASCII variants (U+FF01..U+FF5E) to ASCII and the
 * ideographic space to a space; returns c unchanged otherwise. */
wchar_t text_halfwidth(wchar_t c);

#endif
