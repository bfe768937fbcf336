/* test_sample_pending.c - the supervisor's 审批 on the sample data (0137
 * submits plans in both sample communities): the list shows, oldest first,
 * the plans the database says are waiting, each row with the applicant's
 * Chinese name and the application number of its community; rows of 幸福里
 * (110105001001) and 建设路 (110105001002) are both there; Enter opens the
 * oldest, 已提交，待审批, with its items in Chinese; F12 goes back. Nothing
 * is decided: other tests read the same sample. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "test_intake.h"

#define MAX_PLANS 8

typedef struct pending {
	char name[64];
	char number[32];
} pending;

/* The plans waiting, as 审批 orders them (submitted_at, id), at most max:
 * "name|number" joined by ";" in one query, split here. */
static int pending_plans(ie_ctx *c, pending *out, int max)
{
	char lim[8];
	snprintf(lim, sizeof lim, "%d", max);
	const char *p[1] = { lim };
	char *all = ie_query(c, "select string_agg(name || '|' || number, ';' order by submitted_at, id)"
			     " from (select pe.name, a.number, x.submitted_at, x.id from jz.plans x"
			     "  join jz.applications a on a.id = x.application_id"
			     "  join jz.persons pe on pe.id = a.applicant_id"
			     "  where x.state = 'proposed' and x.submitted_at is not null"
			     "  order by x.submitted_at, x.id limit $1::int) w", 1, p);
	int n = 0;
	for (char *save = NULL, *tok = all ? strtok_r(all, ";", &save) : NULL; tok && n < max;
	     tok = strtok_r(NULL, ";", &save)) {
		char *bar = strchr(tok, '|');
		if (!bar)
			continue;
		*bar = '\0';
		snprintf(out[n].name, sizeof out[n].name, "%s", tok);
		snprintf(out[n].number, sizeof out[n].number, "%s", bar + 1);
		n++;
	}
	free(all);
	return n;
}

/* The screen row holding name, -1 if none. */
static int row_of(const vt *t, const char *name)
{
	int rows, cols;
	vt_size(t, &rows, &cols);
	for (int r = 1; r < rows - 2; r++) {
		char *s = vt_row_text(t, r);
		bool hit = s && strstr(s, name);
		free(s);
		if (hit)
			return r;
	}
	return -1;
}

static void run(ie_ctx *c, vt *t)
{
	pending pl[MAX_PLANS];
	memset(pl, 0, sizeof pl);
	int n = pending_plans(c, pl, MAX_PLANS);
	int comm[2] = { 0, 0 };
	for (int i = 0; i < n; i++) {
		comm[0] += strncmp(pl[i].number, "110105001001-", 13) == 0;
		comm[1] += strncmp(pl[i].number, "110105001002-", 13) == 0;
	}
	ok(comm[0] >= 1 && comm[1] >= 1, "the database has plans waiting in 幸福里社区 (%d) and 建设路社区 (%d)",
	   comm[0], comm[1]);

	if (!ok(ie_to_menu(t) && ie_menu_pick(t, "审批") && vt_wait_text(t, "待您审批", E2E_SCREEN_MS),
		"主菜单: 审批 lists 待您审批的救助计划"))
		vt_screen_dump(t);
	if (n == 0 || !ok(vt_wait_text(t, pl[0].name, E2E_SCREEN_MS), "the oldest, %s, is listed",
			  n ? pl[0].name : "?"))
		vt_screen_dump(t);

	int shown = 0, chinese = 0, numbered = 0, prev = 0, ordered = 1, seen[2] = { 0, 0 };
	for (int i = 0; i < n; i++) {
		int r = row_of(t, pl[i].name);
		if (r < 0)
			continue;
		shown++;
		chinese += (unsigned char)pl[i].name[0] >= 0xe4;
		char *s = vt_row_text(t, r);
		/* the number may be cut at 80 columns, never its community's code */
		char code[13];
		snprintf(code, sizeof code, "%.12s", pl[i].number);
		if (s && strstr(s, code)) {
			numbered++;
			seen[strcmp(code, "110105001002") == 0]++;
		} else {
			tap_diag("row %d: %s lacks %s", r, s ? s : "", code);
		}
		free(s);
		ordered &= r > prev;
		prev = r;
	}
	ok(n >= 4 && shown == n, "the %d oldest waiting plans all on the screen (%d)", n, shown);
	is_int(chinese, shown, "each applicant's name in Chinese");
	is_int(numbered, shown, "each row has its application's community code");
	ok(seen[0] >= 1 && seen[1] >= 1, "rows of both communities: 幸福里 %d, 建设路 %d", seen[0], seen[1]);
	ok(ordered, "oldest submitted first, as the database orders them");

	/* open the oldest: read only, F12 back */
	vt_send(t, VT_ENTER);
	if (!ok(n > 0 && vt_wait_text(t, "已提交，待审批", E2E_SCREEN_MS) && e2e_screen_has(t, pl[0].name),
		"Enter opens %s's plan: 已提交，待审批", n ? pl[0].name : "?"))
		vt_screen_dump(t);
	if (!ok(e2e_screen_has(t, "低收入家庭生活补贴") && e2e_screen_has(t, "元/月")
		&& (e2e_screen_has(t, "心理疏导活动") || e2e_screen_has(t, "志愿者上门服务")),
		"its items in Chinese: the monthly cash and counselling or home visits"))
		vt_screen_dump(t);
	vt_send(t, VT_F12);
	if (!ok(vt_wait_text(t, "待您审批", E2E_SCREEN_MS), "F12 goes back to the list"))
		vt_screen_dump(t);
	const char *q[1] = { pl[0].number };
	char *still = ie_query(c, "select count(*) from jz.plans x join jz.applications a on a.id = x.application_id"
			       " where a.number = $1 and x.state = 'proposed' and x.submitted_at is not null", 1, q);
	ok(n > 0 && still && atoi(still) == 1, "nothing was decided: %s still waits", pl[0].name);
	free(still);

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
	ie_finish(&c);
	return tap_done();
}
