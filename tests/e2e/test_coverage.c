/* test_coverage.c - as a coordinator would: the supervisor opens the
 * home-visit coverage of next week on the sample data (12 recipients under
 * the minimum), fills the week, reviews the proposal and accepts; coverage
 * then lists only the two that truly cannot be covered (building 9: nobody
 * goes there; building 8: its one volunteer is free one morning), each with
 * the reason (cut with … at 80 columns: its start is checked). English screens (C.UTF-8), Chinese names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2e.h"
#include "tap.h"

#define F6 "\033[17~"
#define F10 "\033[21~"

static bool psql(const e2e_env *e, const char *sql)
{
	const char *args[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, NULL };
	int st = e2e_run_cli(e, args, NULL, false);
	return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* The screen row holding s, or "" (caller frees). */
static char *row_with(vt *t, const char *s)
{
	int r = vt_find_text(t, s);
	return r >= 0 ? vt_row_text(t, r) : strdup("");
}

int main(void)
{
	e2e_env e;
	if (!e2e_env_init_own(&e, "C.UTF-8", "rota"))
		return tap_done();
	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!t || !e2e_wait_login(t, E2E_FIRST_SCREEN_MS) || !e2e_type_login(t, "caseworker", "demo") ||
	    !vt_wait_text(t, "Main menu", E2E_SCREEN_MS)) {
		ok(0, "logged in as the caseworker");
		if (t)
			vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	/* a run before this one (same data folder) may have filled next week */
	ok(psql(&e, "update jz.visits set status = 'cancelled' where status = 'planned' "
		    "and lower(slot) >= jz.office_at(jz.week_of(now()) + 7, 0); "
		    "delete from jz.visit_gaps;"), "next week cleared");
	/* the menu item's number, as shown (other items may come before it) */
	{
		char *m = row_with(t, "Volunteer visit rota"), key[2] = "0";
		char *at = strstr(m, ". Volunteer visit rota");
		if (at && at > m && at[-1] >= '1' && at[-1] <= '9')
			key[0] = at[-1];
		free(m);
		ok(key[0] != '0', "the menu offers the rota as item %s", key);
		vt_send(t, key);
	}
	ok(vt_wait_text(t, "Home-visit coverage", E2E_SCREEN_MS), "the rota opens on coverage");
	vt_send(t, ">");
	ok(vt_wait_text(t, "36 visits needed, 0 booked; 12 recipients", E2E_SCREEN_MS),
	   "next week: 12 recipients under the minimum, 36 visits needed");
	ok(e2e_screen_has(t, "王秀英") && e2e_screen_has(t, "孙玉珍"), "names listed");
	vt_send(t, F6);
	ok(vt_wait_text(t, "31 of 36 required visits can be booked; 2 recipients short", E2E_SCREEN_MS),
	   "the proposal: 31 of 36");
	vt_send(t, F10);
	ok(vt_wait_text(t, "31 visits booked", E2E_SCREEN_MS), "accepted");
	ok(vt_wait_text(t, "36 visits needed, 31 booked; 2 recipients", E2E_SCREEN_MS),
	   "coverage now: 2 recipients under the minimum");
	ok(!e2e_screen_has(t, "王秀英") && !e2e_screen_has(t, "李桂兰"), "the covered ones are gone");
	char *a = row_with(t, "孙玉珍"), *b = row_with(t, "徐德明");
	ok(strstr(a, "no volunteer wi") != NULL,
	   "孙玉珍: nobody covers building 9 (%s)", a);
	ok(strstr(b, "no volunteer fr") != NULL,
	   "徐德明: building 8's volunteer has no other day (%s)", b);
	free(a);
	free(b);
	if (tap_failed_)
		vt_screen_dump(t);
	vt_send(t, "\033[13~");   /* F3: leave */
	int st = 0;
	ok(vt_wait_exit(t, E2E_SCREEN_MS, &st), "exits");
	vt_destroy(t);
	return tap_done();
}
