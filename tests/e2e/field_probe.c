/* field_probe.c - one 9-cell field drawn by tui/field.c, for test_field9.
 * No screen of jiuzhu has an odd-width text field, and the odd width is the
 * case where a wide character can end one cell short of the edge. Row 5:
 * "姓名：" then the field at column 10, then '#' in the cell after it (the
 * test checks it is never overwritten). Keys go to ui_field_key; F3 or
 * Ctrl-X exits. After each update "\n" goes to $JIUZHU_SYNC_FD, as jiuzhu
 * does, so the test waits on complete screens. */
#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include "field.h"

#define ROW 5
#define COL 10
#define WIDTH 9

static int sync_fd(void)
{
	const char *s = getenv("JIUZHU_SYNC_FD");
	char *end;
	long fd = s && *s ? strtol(s, &end, 10) : -1;
	return fd >= 0 && fd < 65536 && *end == '\0' ? (int)fd : -1;
}

int main(void)
{
	lineedit le;
	int fd = sync_fd(), rc;
	wint_t ch;

	setlocale(LC_ALL, "");
	if (!initscr())
		return 1;
	raw();
	noecho();
	keypad(stdscr, TRUE);
	lineedit_init(&le, LINEEDIT_TEXT, WIDTH, 64, 0);
	mvaddstr(ROW, 2, "姓名：");
	mvaddch(ROW, COL + WIDTH, '#');
	for (;;) {
		ui_field_draw(stdscr, ROW, COL, &le, true);
		ui_field_place_cursor(stdscr, ROW, COL, &le);
		refresh();
		if (fd >= 0 && write(fd, "\n", 1) != 1)
			fd = -1;
		rc = get_wch(&ch);
		if (rc == ERR)
			break;
		if ((rc == KEY_CODE_YES && ch == KEY_F(3)) || (rc == OK && ch == 0x18))
			break;
		if (ui_field_key(&le, rc, ch) == LINEEDIT_REFUSED)
			beep();
	}
	endwin();
	lineedit_finish(&le);
	return 0;
}
