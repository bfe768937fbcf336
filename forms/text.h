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
/* Normalise full-width ASCII variants (U+FF01..U+FF5E) to ASCII and the
 * ideographic space to a space; returns c unchanged otherwise. */
wchar_t text_halfwidth(wchar_t c);

#endif
