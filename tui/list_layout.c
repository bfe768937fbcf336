/* list_layout.c - column widths and text fitted into cells, by display
 * width: pure, no curses (tests/unit/test_list_layout.c). */
#include "list_layout.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "enc.h"
#include "text.h"

void ui_list_layout(const ui_list_col *cols, int n, int width, int *widths)
{
	int left = width - (n > 0 ? n - 1 : 0);
	int rest = -1;

	for (int i = 0; i < n; i++) {
		widths[i] = cols[i].min;
		left -= cols[i].min;
	}
	for (int i = 0; i < n && left > 0; i++) {
		if (cols[i].max == 0) {
			if (rest < 0)
				rest = i;
			continue;
		}
		int add = cols[i].max - widths[i];
		if (add > left)
			add = left;
		if (add > 0) {
			widths[i] += add;
			left -= add;
		}
	}
	if (rest >= 0 && left > 0)
		widths[rest] += left;
	for (int i = 0; i < n; i++)
		if (widths[i] < 0)
			widths[i] = 0;
}

int ui_list_fit(const char *utf8, int cells, char *out, size_t outlen)
{
	size_t n = 0, used = 0, o = 0;
	wchar_t *ws = NULL;
	char *u = NULL;

	if (outlen == 0)
		return 0;
	out[0] = '\0';
	if (cells <= 0)
		return 0;
	ws = enc_utf8_to_wcs(utf8 ? utf8 : "", utf8 ? strlen(utf8) : 0, &n);
	if (!ws)
		return 0;
	size_t total = text_width(ws, n);
	size_t fit;
	if (total <= (size_t)cells) {
		fit = n;
		used = total;
	} else {
		/* room for the ellipsis, then never half a wide character */
		int ell = text_char_width(L'\u2026');
		fit = text_fit(ws, (size_t)(cells > ell ? cells - ell : 0), &used);
		if ((int)used + ell <= cells) {
			ws[fit++] = L'\u2026';
			used += (size_t)ell;
		}
	}
	u = enc_wcs_to_utf8(ws, fit);
	if (u) {
		o = strlen(u);
		if (o >= outlen)
			o = 0;   /* cannot happen with the callers' buffers: draw nothing */
		memcpy(out, u, o);
	}
	while ((int)used < cells && o + 1 < outlen) {
		out[o++] = ' ';
		used++;
	}
	out[o] = '\0';
	free(u);
	free(ws);
	return (int)used;
}

int ui_text_lines(const char *utf8, int cols)
{
	size_t n = 0, nl = 0;
	wchar_t *ws;
	text_line *lines;
	int cut = 0;

	if (!utf8 || !*utf8 || cols <= 0)
		return 0;
	ws = enc_utf8_to_wcs(utf8, strlen(utf8), &n);
	/* a line holds a character at least: n lines always suffice */
	lines = ws ? malloc((n + 1) * sizeof *lines) : NULL;
	if (lines)
		nl = text_wrap(ws, (size_t)cols, 0, lines, n + 1, &cut);
	free(lines);
	free(ws);
	return (int)nl;
}

int ui_list_pane_lines(int h, int want)
{
	int most = h / 2;

	if (want <= 0 || most <= 0)
		return 0;
	return want < most ? want : most;
}
