/* test_audit_change.c - 审计日志 as an administrator reads it at 80x24: the
 * list's 变更 column has room for ten cells (notify_by…), so the selected
 * row's change is shown whole under the list (变更（表 行）：), and moving
 * the cursor shows the next row's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2e.h"
#include "tap.h"
#include "vt.h"

/* The text of row from display column col to the end, trailing spaces
 * and a trailing "…" removed (the cut the list makes). */
static void cells_from(const vt *t, int row, int col, char *out, size_t len)
{
	int rows, cols;
	size_t n = 0;
	vt_size(t, &rows, &cols);
	out[0] = '\0';
	for (int c = col; c >= 0 && c < cols; c++) {
		vt_cell_info ci;
		if (!vt_cell(t, row, c, &ci) || ci.continuation)
			continue;
		const char *txt = ci.text[0] ? ci.text : " ";
		if (n + strlen(txt) + 1 >= len)
			break;
		strcpy(out + n, txt);
		n += strlen(txt);
	}
	while (n && out[n - 1] == ' ')
		out[--n] = '\0';
	if (n >= 3 && strcmp(out + n - 3, "…") == 0)
		out[n -= 3] = '\0';
}

/* The pane (the row under 变更（…）：) starts with what list row `row`'s
 * 变更 column shows. */
static bool pane_holds(const vt *t, int row)
{
	int head = vt_find_text(t, "变更（"), hdr = vt_find_text(t, "  时间");
	int col = hdr >= 0 ? vt_text_col(t, hdr, "变更") : -1;
	char start[512], pane[512];
	const char *p = pane;

	if (head < 0 || col < 0)
		return false;
	cells_from(t, row, col, start, sizeof start);
	cells_from(t, head + 1, 0, pane, sizeof pane);
	while (*p == ' ')
		p++;
	/* an empty change (an update of no shown key) leaves the pane empty too */
	bool yes = start[0] ? strncmp(p, start, strlen(start)) == 0 : p[0] == '\0';
	if (!yes)
		tap_diag("list: \"%s\", pane: \"%s\"", start, p);
	return yes;
}

static bool pane_is(const vt *t, void *arg)
{
	return pane_holds(t, *(const int *)arg + 1);
}

int main(void)
{
	e2e_env e;
	int st = -1;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");

	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!ok(t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, "admin", "demo")
		&& vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "admin logged in")) {
		vt_destroy(t);
		return tap_done();
	}
	{
		int r = vt_find_text(t, ". 审计日志");
		char *m = r >= 0 ? vt_row_text(t, r) : NULL, key[2] = "0";
		char *at = m ? strstr(m, ". 审计日志") : NULL;
		if (at && at > m && at[-1] >= '1' && at[-1] <= '9')
			key[0] = at[-1];
		free(m);
		ok(key[0] != '0', "the menu offers 审计日志 as item %s", key);
		vt_send(t, key);
	}
	if (!ok(vt_wait_text(t, "变更（", E2E_SCREEN_MS), "the selected row's change is shown under the list"))
		vt_screen_dump(t);

	int first = vt_find_text(t, "  时间") + 1;
	ok(first > 0 && pane_holds(t, first), "the pane holds the first row's change whole");
	for (int i = 0; i < 5; i++)
		vt_send(t, VT_TAB);   /* past the five filters to the list */
	vt_send(t, VT_DOWN);
	ok(vt_wait_until(t, pane_is, &first, E2E_SCREEN_MS), "Down: the pane shows the second row's change");

	vt_send(t, VT_F3);
	bool left = vt_wait_exit(t, 5000, &st);
	ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves cleanly (%#x)", st);
	vt_destroy(t);
	return tap_done();
}
