/* test_queue_overdue.c - the supervisor's 超期提醒 queue on the sample data
 * (0102 puts overdue cases in both sample communities): F4 picks the queue,
 * the rows are marked "!" in bold with "超期N工作日" (the count is of working
 * days, as the record says), the longest overdue first, and every marked row
 * is, in the database, a 'submitted' application past its notify-by date by
 * exactly the working days shown. At 80 columns the 社区 column shows the
 * community's name whole, without the heading's word (幸福里, not 幸…).
 * F6 领取下一件 is not in the supervisor's legend (the database lets only
 * social workers take cases) and pressed says so, not "领取案件失败"; a
 * social worker's legend has it, but not over the F4 picker. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "test_intake.h"

/* A queue row marked overdue: "!" in column 0, bold. */
static bool marked(const vt *t, int row)
{
	vt_cell_info c;
	char *s = vt_row_text(t, row);
	bool yes = s && s[0] == '!' && vt_cell(t, row, 0, &c) && c.bold;
	free(s);
	return yes;
}

static bool any_marked(const vt *t, void *arg)
{
	int rows, cols;
	(void)arg;
	vt_size(t, &rows, &cols);
	for (int r = 1; r < rows; r++)
		if (marked(t, r))
			return true;
	return false;
}

static bool title_has(const vt *t, void *arg)
{
	char *s = vt_row_text(t, 0);
	bool hit = s && strstr(s, arg);
	free(s);
	return hit;
}

/* The legend: the second line from the bottom. */
static char *legend(const vt *t)
{
	int rows, cols;
	vt_size(t, &rows, &cols);
	return vt_row_text(t, rows - 2);
}

static bool legend_has(const vt *t, void *arg)
{
	char *l = legend(t);
	bool hit = l && strstr(l, arg);
	free(l);
	return hit;
}

/* A social worker's queue offers F6 领取下一件, but not over the F4 picker,
 * where it does nothing. */
static void caseworker_picker(ie_ctx *c)
{
	char take[] = "F6 领取下一件";
	vt *t = ie_login(c, "caseworker");
	if (!ok(t && ie_to_menu(t) && ie_menu_pick(t, "初审") && vt_wait_text(t, "实时", E2E_SCREEN_MS)
		&& vt_wait_until(t, legend_has, take, E2E_SCREEN_MS), "a social worker's 初审 offers F6 领取下一件")) {
		vt_screen_dump(t);
		vt_destroy(t);
		return;
	}
	vt_send(t, VT_F4);
	ok(vt_wait_text(t, "选择要查看的队列", E2E_SCREEN_MS), "F4 opens the picker");
	char *l = legend(t);
	ok(l && !strstr(l, "F6"), "over the picker no F6 (%s)", l ? l : "?");
	free(l);
	vt_send(t, VT_ESC);
	ok(vt_wait_text_gone(t, "选择要查看的队列", E2E_SCREEN_MS) && vt_wait_until(t, legend_has, take, E2E_SCREEN_MS),
	   "Esc: the queue again, F6 领取下一件 back");
	vt_send(t, VT_F3);
	int st;
	ok(vt_wait_exit(t, 5000, &st), "F3 leaves");
	vt_destroy(t);
}

/* The application number on a row: "<12 digits>-<year>-<6 digits>". */
static bool row_number(const char *s, char out[32])
{
	const char *p = strstr(s, "110105");
	size_t n = 0;
	while (p && n < 31 && (p[n] == '-' || (p[n] >= '0' && p[n] <= '9')))
		n++;
	if (n != 24)
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

/* Every marked row against the database; the number of marked rows. */
static int check_rows(ie_ctx *c, vt *t, const char *first)
{
	int rows, cols, n_marked = 0, agree = 0, first_row = -1, named = 0;
	bool comm[2] = { false, false };
	vt_size(t, &rows, &cols);
	for (int r = 1; r < rows; r++) {
		char num[32];
		char *s = vt_row_text(t, r);
		if (!s || !marked(t, r) || !row_number(s, num)) {
			free(s);
			continue;
		}
		n_marked++;
		if (first_row < 0)
			first_row = r;
		comm[0] |= strncmp(num, "110105001001-", 13) == 0;
		comm[1] |= strncmp(num, "110105001002-", 13) == 0;
		const char *p[1] = { num };
		char *days = ie_query(c, "select -jz.days_left(notify_by) from jz.applications"
				      " where number = $1 and state = 'submitted' and notify_by < current_date",
				      1, p);
		char want[64];
		snprintf(want, sizeof want, "超期%s工作日", days ? days : "?");
		if (days && atoi(days) >= 1 && strstr(s, want))
			agree++;
		else
			tap_diag("row %d: %s (database: %s)", r, s, days ? days : "not overdue");
		const char *comm_name = strncmp(num, "110105001001-", 13) == 0 ? "幸福里" : "建设路";
		size_t ln = strlen(s);
		while (ln > 0 && s[ln - 1] == ' ')
			s[--ln] = '\0';
		if (ln >= strlen(comm_name) && strcmp(s + ln - strlen(comm_name), comm_name) == 0)
			named++;
		else
			tap_diag("row %d: the 社区 column is not %s: %s", r, comm_name, s);
		free(days);
		free(s);
	}
	ok(n_marked >= 2, "%d rows marked overdue", n_marked);
	is_int(agree, n_marked, "each is overdue in the database by the working days it shows (超期N工作日)");
	is_int(named, n_marked, "each ends with its community's name whole (幸福里 or 建设路, not 幸…)");
	ok(comm[0] && comm[1], "cases of both communities are among them");
	char *s = first_row >= 0 ? vt_row_text(t, first_row) : NULL;
	ok(first && s && strstr(s, first), "the longest overdue (%s) is on top", first ? first : "?");
	free(s);
	return n_marked;
}

static void run(ie_ctx *c, vt *t)
{
	/* what the database says the supervisor should see */
	char *n1 = ie_query(c, "select count(*) from jz.applications a join jz.communities k"
			    " on k.id = a.community_id where k.code = '110105001001'"
			    " and a.state = 'submitted' and a.notify_by < current_date", 0, NULL);
	char *n2 = ie_query(c, "select count(*) from jz.applications a join jz.communities k"
			    " on k.id = a.community_id where k.code = '110105001002'"
			    " and a.state = 'submitted' and a.notify_by < current_date", 0, NULL);
	ok(n1 && n2 && atoi(n1) >= 1 && atoi(n2) >= 1,
	   "the sample has overdue cases in 幸福里社区 (%s) and 建设路社区 (%s)", n1 ? n1 : "?",
	   n2 ? n2 : "?");
	free(n1);
	free(n2);
	char *first = ie_query(c, "select number from jz.applications a where a.state = 'submitted'"
			       " and a.notify_by < current_date order by a.notify_by, a.id limit 1", 0, NULL);

	vt_send(t, "1");
	if (!ok(vt_wait_text(t, "实时", E2E_SCREEN_MS), "the work queue opens, live"))
		vt_screen_dump(t);
	vt_send(t, VT_F4);
	if (!ok(vt_wait_text(t, "选择要查看的队列", E2E_SCREEN_MS), "F4 offers the queues"))
		vt_screen_dump(t);
	char overdue_title[] = "超期提醒";
	ok(e2e_screen_has(t, overdue_title), "超期提醒 is among them");
	vt_send(t, VT_ENTER);   /* the first choice: 超期提醒 */
	if (!ok(vt_wait_until(t, title_has, overdue_title, E2E_SCREEN_MS), "the title says 超期提醒"))
		vt_screen_dump(t);
	if (!ok(vt_wait_until(t, any_marked, NULL, E2E_SCREEN_MS), "rows marked ! (bold) are listed"))
		vt_screen_dump(t);
	if (check_rows(c, t, first) < 2)
		vt_screen_dump(t);
	free(first);

	/* F6 领取下一件 is a social worker's: jz.take_next refuses a supervisor */
	char *l = legend(t);
	ok(l && strstr(l, "F4 选择队列") && !strstr(l, "F6"), "the supervisor's legend has no F6 领取下一件 (%s)",
	   l ? l : "?");
	free(l);
	vt_send(t, VT_F6);
	if (!ok(vt_wait_text(t, "只有社工可以领取案件", E2E_SCREEN_MS) && !e2e_screen_has(t, "失败"),
		"F6 pressed anyway says only social workers take cases, not that taking failed"))
		vt_screen_dump(t);

	vt_send(t, VT_F3);
	int st;
	ok(vt_wait_exit(t, 5000, &st), "F3 leaves");
}

int main(void)
{
	ie_ctx c;
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	vt *t = ie_login(&c, "supervisor");
	if (ok(t != NULL, "supervisor logged in") && ok(ie_db(&c), "the private database is reachable"))
		run(&c, t);
	vt_destroy(t);
	caseworker_picker(&c);
	ie_finish(&c);
	return tap_done();
}
