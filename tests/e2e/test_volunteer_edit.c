/* test_volunteer_edit.c - as a coordinator would: the caseworker opens
 * Volunteers, F6 adds 司马春燕 (a new person, from her ID number) covering
 * 幸福里9号楼 with two availability windows; the second typed on the same
 * Monday as the first and overlapping it is refused at the field, with
 * everything typed kept; moved to Wednesday it saves. Her phone typed as 5
 * digits first is told both shapes (a mobile or a landline), the text kept;
 * then a landline (Chinese run) or a mobile (English run) is stored. Then the coverage
 * screen's fill for next week books her for 孙玉珍 in building 9, where
 * nobody went before. The test removes her at the start and the end (the
 * e2e tests share one database; it runs alone). Locale: argv[1] or C.UTF-8;
 * the zh variant checks the Chinese screens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2e.h"
#include "tap.h"

#define F4 "\033OS"
#define F6 "\033[17~"
#define F10 "\033[21~"
#define F12 "\033[24~"
#define STAB "\033[Z"
#define BS "\177"

static bool psql(const e2e_env *e, const char *sql)
{
	const char *args[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, NULL };
	int st = e2e_run_cli(e, args, NULL, false);
	return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* The menu key shown before label ("6. Volunteers", the whole entry), or 0. */
static char menu_key(vt *t, const char *label)
{
	int rows, cols;
	char k = 0;
	size_t n = strlen(label);
	vt_size(t, &rows, &cols);
	for (int r = 1; r < rows - 2 && !k; r++) {
		char *row = vt_row_text(t, r);
		for (char *at = row ? strstr(row, label) : NULL; at && !k; at = strstr(at + 1, label))
			if (at - row >= 3 && at[-1] == ' ' && at[-2] == '.' && (at[n] == ' ' || at[n] == '\0'))
				k = at[-3];
		free(row);
	}
	return k;
}

#define CTRL_U "\025"
#define PHONE_BOTH_ZH "应为 11 位手机号（13–19 开头）或带区号的固话，如 010-12345678"
#define PHONE_BOTH_EN "must be a mobile (11 digits, 13-19...) or a landline like 010-12345678"

/* A field on screen holds exactly want and has the cursor. */
static bool phone_field_is(vt *t, const char *want)
{
	e2e_field f[32];
	int n = e2e_find_fields(t, f, 32);
	bool hit = false;
	for (int i = 0; i < n && !hit; i++) {
		char *s = e2e_field_text(t, &f[i]);
		hit = s && strcmp(s, want) == 0 && e2e_cursor_in(t, &f[i]);
		free(s);
	}
	return hit;
}

#define IDN "110108197506034579"
#define CLEAN "delete from jz.visits where volunteer_id in (select v.id from jz.volunteers v " \
	"join jz.persons p on p.id = v.person_id where p.id_number = '" IDN "'); " \
	"delete from jz.volunteers where person_id in (select id from jz.persons where id_number = '" IDN "'); " \
	"delete from jz.persons where id_number = '" IDN "'"

int main(int argc, char **argv)
{
	const char *loc = argc > 1 ? argv[1] : "C.UTF-8";
	bool zh = strncmp(loc, "zh", 2) == 0;
	e2e_env e;
	if (zh && !e2e_have_locale(loc)) {
		tap_skip_all("locale %s is not installed (tools/setup.sh adds it)", loc);
		return 0;
	}
	if (!e2e_env_init_own(&e, loc, "rota"))
		return tap_done();
	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!t || !e2e_wait_login(t, E2E_FIRST_SCREEN_MS) || !e2e_type_login(t, "caseworker", "demo") ||
	    !vt_wait_text(t, zh ? "主菜单" : "Main menu", E2E_SCREEN_MS)) {
		ok(0, "logged in as the caseworker");
		if (t)
			vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	ok(psql(&e, CLEAN), "no 司马春燕 from an earlier run");
	ok(psql(&e, "update jz.visits set status = 'cancelled' where status = 'planned' "
		    "and lower(slot) >= jz.office_at(jz.week_of(now()) + 7, 0); delete from jz.visit_gaps;"),
	   "next week cleared");

	char k[2] = { menu_key(t, zh ? "志愿者" : "Volunteers"), '\0' };
	ok(k[0] != 0, "the menu offers the volunteers as item %s", k);
	vt_send(t, k);
	ok(vt_wait_text(t, zh ? "志愿者与服务时长" : "Volunteers and hours", E2E_SCREEN_MS), "the volunteers");
	if (zh) {
		/* hours, whole: 本周时 read as "this week's o'clock" */
		int hr = vt_find_text(t, "本周时数");
		char *h = hr >= 0 ? vt_row_text(t, hr) : NULL;
		if (!ok(h && strstr(h, "已排时数") && strstr(h, "上限时数") && strstr(h, "全年时数")
			&& !strstr(h, "…"), "the hour columns are headed whole: %s", h ? h : "?"))
			vt_screen_dump(t);
		free(h);
	}
	vt_send(t, F6);
	ok(vt_wait_text(t, zh ? "新增志愿者" : "New volunteer", E2E_SCREEN_MS), "F6: a new volunteer");
	vt_send(t, IDN "\t");
	vt_send(t, "司马春燕\t");
	vt_send(t, "12345\t\t");   /* 5 digits: told both shapes, below */
	vt_send(t, "幸福里9号楼\t");
	vt_send(t, " 3\t");        /* shopping (Space on the first) and company (3) */
	vt_send(t, "\001\013" "6\t\t");  /* 6 hours a week; active stays */
	vt_send(t, "1\t09:00\t12:00\t");
	vt_send(t, "1\t11:00\t13:00");
	vt_send(t, F10);
	/* the phone takes a mobile or a landline: a wrong one is told both,
	 * the whole sentence in either language */
	if (!ok(vt_wait_text(t, zh ? PHONE_BOTH_ZH : PHONE_BOTH_EN, E2E_SCREEN_MS),
		"5 digits in the phone: told a mobile or a landline with area code"))
		vt_screen_dump(t);
	ok(phone_field_is(t, "12345"), "the typed 12345 is kept, with the cursor on it");
	/* the landline in Chinese, the mobile with spaces in English */
	vt_send(t, CTRL_U);
	vt_send(t, zh ? "010-12345678" : "139 1234 5678");
	vt_send(t, F10);
	if (!ok(vt_wait_text(t, zh ? "时间重叠" : "Windows overlap on Mon", E2E_SCREEN_MS),
		"the overlapping Monday window is refused at the field"))
		vt_screen_dump(t);
	ok(e2e_screen_has(t, "司马春燕") && e2e_screen_has(t, "幸福里9号楼") && e2e_screen_has(t, "13:00"),
	   "nothing typed is lost");
	vt_send(t, STAB BS "3");     /* the second window's day: Wednesday */
	vt_send(t, F10);
	ok(vt_wait_text(t, zh ? "已添加" : "added", E2E_SCREEN_MS), "saved");
	char stored[1024];
	snprintf(stored, sizeof stored, "do $$ begin if (select count(*) from jz.volunteer_availability a join jz.volunteers v "
		    "on v.id = a.volunteer_id join jz.persons p on p.id = v.person_id where p.id_number = '" IDN "' "
		    "and v.skills @> '{shopping,company}' and v.max_minutes_week = 360 and v.phone = '%s' "
		    "and p.name = '司马春燕' and p.sex = 'M') <> 2 then raise exception 'not stored'; end if; end $$",
		 zh ? "010-12345678" : "13912345678");
	ok(psql(&e, stored), "stored: the person, phone (%s), skills, 6 h and two windows",
	   zh ? "the landline" : "the mobile's 11 digits");
	vt_send(t, F12);
	ok(vt_wait_text(t, "司马春燕", E2E_SCREEN_MS), "the list shows her on return");
	vt_send(t, F12);
	ok(vt_wait_text(t, zh ? "主菜单" : "Main menu", E2E_SCREEN_MS), "back to the menu");

	k[0] = menu_key(t, zh ? "志愿者/探访排班" : "Volunteer visit rota");
	vt_send(t, k);
	ok(vt_wait_text(t, zh ? "探访排班" : "Home-visit coverage", E2E_SCREEN_MS), "coverage");
	vt_send(t, ">");
	ok(vt_wait_text(t, "孙玉珍", E2E_SCREEN_MS), "孙玉珍 short next week");
	vt_send(t, F6);
	vt_send(t, F10);
	ok(vt_wait_text(t, zh ? "次探访。" : "visits booked", E2E_SCREEN_MS), "the fill accepted");
	ok(psql(&e, "do $$ begin if (select count(*) from jz.visits x join jz.volunteers v on v.id = x.volunteer_id "
		    "join jz.persons p on p.id = v.person_id join jz.persons r on r.id = x.recipient_id "
		    "where p.id_number = '" IDN "' and r.name = '孙玉珍' and x.status = 'planned' "
		    "and lower(x.slot) >= jz.office_at(jz.week_of(now()) + 7, 0)) < 1 "
		    "then raise exception 'not booked'; end if; end $$"),
	   "the fill booked 司马春燕 for 孙玉珍 (building 9)");
	if (tap_failed_)
		vt_screen_dump(t);
	ok(psql(&e, CLEAN "; update jz.visits set status = 'cancelled' where status = 'planned' "
		    "and lower(slot) >= jz.office_at(jz.week_of(now()) + 7, 0); delete from jz.visit_gaps;"),
	   "removed again");
	vt_send(t, "\033[13~");
	int st = 0;
	ok(vt_wait_exit(t, E2E_SCREEN_MS, &st), "exits");
	vt_destroy(t);
	return tap_done();
}
