/* test_plan_layout.c - the proposed plan as the social worker sees it after
 * the checklist, at 80x24: its items in columns by display width (the
 * figures of 最低生活保障金 and of a shorter kind start in the same column:
 * printf padded bytes, three a Chinese character), and the period reads
 * 期限：<date> with no space after the full-width colon. Its key legend
 * offers F10 提交, F6 and F4 while the plan can be changed, and no longer
 * once it is submitted (ui_screen_ops.applies). */
#include "test_assess_lib.h"

/* Rows showing a plan item's figure: 元/月, 每周 or 每月. */
static int item_rows(const vt *t, int *rows_out, int max)
{
	int rows, cols, n = 0;
	vt_size(t, &rows, &cols);
	for (int r = 3; r < rows - 2 && n < max; r++) {
		char *s = vt_row_text(t, r);
		if (s && (strstr(s, "元/月") || strstr(s, "每周") || strstr(s, "每月")) && !strstr(s, "合计") && !strstr(s, "政策"))
			rows_out[n++] = r;
		free(s);
	}
	return n;
}

/* The display column where a row's figure (its last field) starts: from
 * the right end of the text back to the first gap of two spaces. */
static int figure_col(const vt *t, int row)
{
	int rows, cols;
	vt_size(t, &rows, &cols);
	int c = cols - 1;
	vt_cell_info ci;
	while (c >= 0 && vt_cell(t, row, c, &ci) && (!ci.text[0] || strcmp(ci.text, " ") == 0) && !ci.continuation)
		c--;
	/* now inside the figure; walk back to two spaces */
	while (c > 1) {
		vt_cell_info a, b;
		if (vt_cell(t, row, c - 1, &a) && vt_cell(t, row, c - 2, &b) && !a.continuation && !b.continuation
		    && (!a.text[0] || strcmp(a.text, " ") == 0) && (!b.text[0] || strcmp(b.text, " ") == 0))
			break;
		c--;
	}
	return c;
}

static bool legend_has(const vt *t, void *arg)
{
	char *l = vt_row_text(t, 24 - 2);
	bool hit = l && strstr(l, arg);
	free(l);
	return hit;
}

int main(void)
{
	e2e_env e;
	char id[19], name[64];
	int i, st = -1;

	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("no zh_CN.UTF-8 locale (run tools/setup.sh)");
	if (!e2e_env_init(&e, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	char print_dir[] = "/tmp/jiuzhu-e2e-planlayout-XXXXXX";
	if (!mkdtemp(print_dir))
		return tap_skip_all("cannot make a print folder");
	e2e_env_set(&e, "JIUZHU_PRINT_DIR", print_dir);
	unsigned seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 9);
	as_mkid(id, seed * 2246822519u + 13);
	as_mkname(name, sizeof name, "列计", seed);
	ok(as_case(&e, id, name), "an elderly disabled applicant in assessment (%s)", name);

	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!ok(t && e2e_wait_login(t, E2E_FIRST_SCREEN_MS) && e2e_type_login(t, "caseworker", "demo")
		&& vt_wait_text(t, "主菜单", E2E_SCREEN_MS), "caseworker logged in")
	    || !ok(as_open_checklist(t, name), "checklist opened")) {
		if (t)
			vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	for (i = 0; i < AS_NANSWERS - 1; i++)
		if (!as_answer(t, as_answers[i], i + 2))
			break;
	vt_send(t, "\025");
	vt_send(t, as_answers[AS_NANSWERS - 1]);
	vt_send(t, VT_F10);
	if (!ok(i == AS_NANSWERS - 1 && vt_wait_text(t, "500.00 元/月", E2E_SCREEN_MS),
		"completed: the proposed plan"))
		vt_screen_dump(t);

	int r = vt_find_text(t, "期限：");
	char *s = r >= 0 ? vt_row_text(t, r) : NULL;
	const char *p = s ? strstr(s, "期限：") : NULL;
	ok(p && p[strlen("期限：")] >= '0' && p[strlen("期限：")] <= '9', "期限：<date>, no space after ： (%s)",
	   s ? s : "?");
	free(s);

	int rows[8];
	int n = item_rows(t, rows, 8), same = 0, col0 = n > 0 ? figure_col(t, rows[0]) : -1;
	for (int k = 0; k < n; k++) {
		int c = figure_col(t, rows[k]);
		if (c == col0)
			same++;
		else
			tap_diag("row %d: figure at column %d, first at %d", rows[k], c, col0);
	}
	ok(n >= 4, "%d items with figures (500 + 300 yuan, visits, counselling)", n);
	if (!ok(n > 0 && same == n, "their figures start in one column (%d)", col0))
		vt_screen_dump(t);

	int lrow = 24 - 2;
	/* the long message about the report covers the legend until a key */
	vt_send(t, VT_UP);
	char f10[] = "F10 提交";
	vt_wait_until(t, legend_has, f10, E2E_SCREEN_MS);
	char *l = vt_row_text(t, lrow);
	ok(l && strstr(l, "F10 提交") && strstr(l, "F6") && strstr(l, "F4"), "the proposal's legend: F10 提交, F6, F4 (%s)",
	   l ? l : "?");
	free(l);
	vt_send(t, VT_F10);
	if (!ok(vt_wait_text(t, "已提交审批", E2E_SCREEN_MS), "F10 submits it"))
		vt_screen_dump(t);
	l = vt_row_text(t, lrow);
	ok(l && !strstr(l, "F10") && !strstr(l, "F6") && !strstr(l, "F4"),
	   "submitted: F10, F6 and F4 left out of the legend (%s)", l ? l : "?");
	free(l);

	vt_send(t, VT_F3);
	bool left = vt_wait_exit(t, 5000, &st);
	ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves cleanly (%#x)", st);
	vt_destroy(t);
	e2e_rmtree(print_dir);
	return tap_done();
}
