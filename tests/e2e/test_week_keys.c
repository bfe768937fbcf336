/* test_week_keys.c - the week grid's visit keys as a social worker uses
 * them (服务对象周表, 80x24, Chinese): a visit booked next week cannot be
 * logged as done or missed before its hour (it was: hours counted for a visit
 * not yet made); a key on an hour without a visit says so (it did nothing);
 * a visit last week is logged done with 1.5 hours (90 minutes stored), after
 * "1,5" was refused with the prompt and the text kept (it was stored as 60
 * minutes); the 10:00 one is logged missed only with a reason: Enter on an
 * empty or blank reason says so at once and keeps the prompt (it was the
 * database's "violates check constraint visits_check1" and the prompt gone).
 * The recipient is the sample's 刘玉兰, picked on next week's coverage list;
 * her Monday 09:00-11:00 visits of last and next week are cancelled first, so
 * a run before this one does not stand in the way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tap.h"
#include "test_intake.h"

/* The recipient's name from the grid's first line "刘玉兰，2026-11-30 当周". */
static bool recipient(const vt *t, char out[64])
{
	int r = vt_find_text(t, "当周");
	char *s = r >= 0 ? vt_row_text(t, r) : NULL;
	char *comma = s ? strstr(s, "，") : NULL;
	const char *p = s;
	out[0] = '\0';
	while (p && *p == ' ')
		p++;
	if (comma && comma > p && (size_t)(comma - p) < 64) {
		memcpy(out, p, (size_t)(comma - p));
		out[comma - p] = '\0';
	}
	free(s);
	return out[0] != '\0';
}

static char *visit_at(ie_ctx *c, const char *who, const char *week, int hour, const char *col)
{
	char sql[512];
	const char *p[1] = { who };
	snprintf(sql, sizeof sql, "select %s from jz.visits v join jz.persons p on p.id = v.recipient_id"
		 " where p.name = $1 and v.status <> 'cancelled'"
		 " and lower(v.slot) = jz.office_at(jz.week_of(now()) + %s, %d * 60)", col, week, hour);
	return ie_query(c, sql, 1, p);
}

static char *visit_of(ie_ctx *c, const char *who, const char *week, const char *col)
{
	return visit_at(c, who, week, 9, col);
}

/* The prompt's row holds want after its label. */
static bool prompt_holds(const vt *t, const char *label, const char *want)
{
	int r = vt_find_text(t, label);
	char *s = r >= 0 ? vt_row_text(t, r) : NULL;
	const char *after = s ? strstr(s, label) : NULL;
	bool good = after && strstr(after + strlen(label), want) != NULL;
	free(s);
	return good;
}

static void run(ie_ctx *c, vt *t)
{
	const char *who = "刘玉兰";   /* the sample's 张雪 visits her on Monday mornings */
	const char *p[1] = { who };
	char *n = ie_query(c, "update jz.visits v set status = 'cancelled', actual_minutes = null"
			   " from jz.persons p, unnest(array[-7, 7]) w(d)"
			   " where p.id = v.recipient_id and p.name = $1 and v.status <> 'cancelled'"
			   " and v.slot && tstzrange(jz.office_at(jz.week_of(now()) + w.d, 9 * 60),"
			   "                         jz.office_at(jz.week_of(now()) + w.d, 11 * 60))", 1, p);
	ok(n != NULL, "%s's Monday 09:00-11:00 visits of last and next week cancelled (%s)", who, n ? n : "?");
	free(n);
	if (!ok(ie_menu_pick(t, "志愿者/探访排班") && ie_wait_title(t, "探访"), "the rota opens")) {
		vt_screen_dump(t);
		return;
	}
	char *next = ie_query(c, "select (jz.week_of(now()) + 7)::text || ' 当周'", 0, NULL);
	vt_send(t, ">");
	int head = -1, row = -1;
	if (next && vt_wait_text(t, next, E2E_SCREEN_MS) && vt_wait_text(t, who, E2E_SCREEN_MS)) {
		head = vt_find_text(t, "服务对象");
		row = vt_find_text(t, who);
	}
	if (!ok(head >= 0 && row > head, "next week's coverage (%s) lists %s (row %d)", next ? next : "?", who,
		row)) {
		vt_screen_dump(t);
		free(next);
		return;
	}
	free(next);
	for (int i = head + 1; i < row; i++)
		vt_send(t, VT_DOWN);
	vt_send(t, VT_ENTER);
	char shown[64];
	if (!ok(ie_wait_title(t, "服务对象周表") && vt_wait_text(t, "当周", E2E_SCREEN_MS) && recipient(t, shown)
		&& strcmp(shown, who) == 0, "Enter opens %s's week", who)) {
		vt_screen_dump(t);
		return;
	}

	/* the cursor starts on Monday 09:00 */
	vt_send(t, VT_F6);
	if (!ok(vt_wait_text(t, "已排探访", E2E_SCREEN_MS), "F6 books %s next Monday at 09:00", who))
		vt_screen_dump(t);
	vt_send(t, "d");
	ok(vt_wait_text(t, "这次探访还没到时间", E2E_SCREEN_MS), "d on next week's visit: not yet");
	ok(!e2e_screen_has(t, "服务小时数"), "no hours asked");
	/* x neither: a prompt opened by x would take the Down and the d */
	vt_send(t, "x");
	vt_send(t, VT_DOWN);
	vt_send(t, "d");
	if (!ok(vt_wait_text(t, "此时段没有探访", E2E_SCREEN_MS), "x asks no reason; d at 10:00 (no visit) says so"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "未到原因") && !e2e_screen_has(t, "服务小时数"), "no prompt open");
	char *s = visit_of(c, who, "7", "v.status");
	is_str(s ? s : "?", "planned", "the visit stays planned");
	free(s);

	vt_send(t, "<");
	vt_send(t, VT_UP);
	vt_send(t, "<");   /* last week */
	vt_send(t, VT_F6);
	if (!ok(vt_wait_text(t, "已排探访", E2E_SCREEN_MS) && (s = visit_of(c, who, "-7", "v.status")) != NULL
		&& strcmp(s, "planned") == 0, "F6 books last Monday at 09:00"))
		vt_screen_dump(t);
	free(s);
	vt_send(t, "d");
	if (!ok(vt_wait_text(t, "服务小时数", E2E_SCREEN_MS), "d on last week's visit asks the hours"))
		vt_screen_dump(t);
	vt_send(t, "1,5");
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "0.01 至 12 之间的小时数", E2E_SCREEN_MS), "1,5 is refused: hours from 0.01 to 12"))
		vt_screen_dump(t);
	ok(prompt_holds(t, "服务小时数", "1,5"), "the prompt stays open with 1,5 in it");
	s = visit_of(c, who, "-7", "v.status");
	is_str(s ? s : "?", "planned", "nothing stored");
	free(s);
	vt_send(t, VT_BACKSPACE VT_BACKSPACE VT_BACKSPACE);
	vt_send(t, "1.5");
	vt_send(t, VT_ENTER);
	ok(vt_wait_text(t, "已记为完成", E2E_SCREEN_MS), "logged as done");
	s = visit_of(c, who, "-7", "v.status || ' ' || v.actual_minutes");
	is_str(s ? s : "?", "done 90", "stored: done, 90 minutes");
	free(s);

	/* missed at 10:00: a reason or nothing */
	vt_send(t, VT_DOWN);
	vt_send(t, VT_F6);
	if (!ok(vt_wait_text(t, "已排探访", E2E_SCREEN_MS) && (s = visit_at(c, who, "-7", 10, "v.status")) != NULL
		&& strcmp(s, "planned") == 0, "F6 books last Monday at 10:00"))
		vt_screen_dump(t);
	free(s);
	vt_send(t, "x");
	if (!ok(vt_wait_text(t, "未到原因", E2E_SCREEN_MS), "x asks the reason"))
		vt_screen_dump(t);
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "请填写未到原因", E2E_SCREEN_MS), "Enter with no reason: the reason is asked for"))
		vt_screen_dump(t);
	ok(!e2e_screen_has(t, "visits_check1") && e2e_screen_has(t, "未到原因："), "no database words; the prompt stays");
	vt_send(t, "\xe3\x80\x80 ");   /* a full-width and a plain space */
	vt_send(t, VT_ENTER);
	ok(vt_wait_text(t, "请填写未到原因", E2E_SCREEN_MS) && e2e_screen_has(t, "未到原因："),
	   "a blank reason neither");
	s = visit_at(c, who, "-7", 10, "v.status");
	is_str(s ? s : "?", "planned", "nothing stored");
	free(s);
	vt_send(t, VT_BACKSPACE VT_BACKSPACE);
	vt_send(t, "老人外出就医");
	vt_send(t, VT_ENTER);
	if (!ok(vt_wait_text(t, "已记为未到", E2E_SCREEN_MS), "with a reason: logged as missed"))
		vt_screen_dump(t);
	s = visit_at(c, who, "-7", 10, "v.status || ' ' || v.note");
	is_str(s ? s : "?", "missed 老人外出就医", "stored: missed, with the reason");
	free(s);

	/* cancel at 11:00: c asks once, another key keeps it, c twice cancels */
	vt_send(t, VT_DOWN);
	vt_send(t, VT_F6);
	if (!ok(vt_wait_text(t, "已排探访", E2E_SCREEN_MS) && (s = visit_at(c, who, "-7", 11, "v.status")) != NULL
		&& strcmp(s, "planned") == 0, "F6 books last Monday at 11:00"))
		vt_screen_dump(t);
	free(s);
	vt_send(t, "c");
	if (!ok(vt_wait_text(t, "再按一次 c 取消这次探访", E2E_SCREEN_MS), "c asks before cancelling"))
		vt_screen_dump(t);
	s = visit_at(c, who, "-7", 11, "v.status");
	is_str(s ? s : "?", "planned", "one c cancels nothing");
	free(s);
	vt_send(t, VT_RIGHT VT_LEFT "c");
	ok(vt_wait_text(t, "再按一次 c 取消这次探访", E2E_SCREEN_MS), "after other keys, c asks again");
	s = visit_at(c, who, "-7", 11, "v.status");
	is_str(s ? s : "?", "planned", "still planned");
	free(s);
	vt_send(t, "c");
	if (!ok(vt_wait_text(t, "探访已取消", E2E_SCREEN_MS), "c again: cancelled"))
		vt_screen_dump(t);
	{
		s = ie_query(c, "select count(*) filter (where v.status = 'cancelled')::text || ' '"
			     " || count(*) filter (where v.status <> 'cancelled')::text"
			     " from jz.visits v join jz.persons p on p.id = v.recipient_id where p.name = $1"
			     " and lower(v.slot) = jz.office_at(jz.week_of(now()) - 7, 11 * 60)", 1, p);
		const char *live = s ? strchr(s, ' ') : NULL;
		ok(s && s[0] != '0' && live && strcmp(live, " 0") == 0,
		   "stored: cancelled, none left planned at 11:00 (cancelled, live: %s)", s ? s : "?");
		free(s);
	}

	vt_send(t, VT_F3);
	int st = -1;
	bool left = vt_wait_exit(t, 5000, &st);
	ok(left && WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 leaves cleanly (%#x)", st);
}

int main(void)
{
	ie_ctx c;
	if (!e2e_have_locale("zh_CN.UTF-8"))
		return tap_skip_all("locale zh_CN.UTF-8 missing (run tools/setup.sh)");
	if (!ie_init(&c, "zh_CN.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	vt *t = ie_login(&c, "caseworker");
	if (ok(t != NULL, "caseworker logged in") && ok(ie_db(&c), "the private database is reachable"))
		run(&c, t);
	vt_destroy(t);
	ie_finish(&c);
	return tap_done();
}
