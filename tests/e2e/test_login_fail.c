/* test_login_fail.c - every way a login fails, in English (C.UTF-8): wrong
 * password and unknown user give the same plain message, keep the user name,
 * clear the password; a disabled account says so; an unreachable server
 * says so; no password text ever reaches the screen. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e.h"
#include "tap.h"

#define SECRET "Xq7wrongpass"

typedef struct attempt_done {
	e2e_field pass;
} attempt_done;

/* The attempt is over when the password field is empty again and the
 * message line says something. */
static bool attempt_over(const vt *t, void *arg)
{
	const attempt_done *a = arg;
	char *p = e2e_field_text(t, &a->pass);
	char *m = vt_row_text(t, 23);
	bool done = p && m && p[0] == '\0' && m[0] != '\0';
	free(p);
	free(m);
	return done;
}

static bool pass_typed(const vt *t, void *arg)
{
	const attempt_done *a = arg;
	char *p = e2e_field_text(t, &a->pass);
	bool done = p && strlen(p) > 0;
	free(p);
	return done;
}

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; hay && *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* Clear both fields, type user and password, press Enter, wait for the
 * verdict. Returns the message line (caller frees) or NULL. */
static char *attempt(vt *t, const e2e_field f[2], const char *user, const char *pass)
{
	if (e2e_cursor_in(t, &f[1]))
		vt_send(t, VT_SHIFT_TAB);
	vt_send(t, "\025");
	vt_send(t, user);
	vt_send(t, VT_TAB);
	vt_send(t, "\025");
	vt_send(t, pass);
	attempt_done a = { .pass = f[1] };
	if (!vt_wait_until(t, pass_typed, &a, E2E_SCREEN_MS))
		return NULL;
	vt_send(t, VT_ENTER);
	if (!vt_wait_until(t, attempt_over, &a, E2E_SCREEN_MS))
		return NULL;
	return vt_row_text(t, 23);
}

static void no_secret(const vt *t, const char *secret, const char *label)
{
	char part[5];
	snprintf(part, sizeof part, "%.4s", secret);
	ok(!e2e_screen_has(t, secret) && !e2e_screen_has(t, part),
	   "%s: no password text anywhere on the screen", label);
}

static void after_failure(vt *t, const e2e_field f[2], const char *user, const char *label)
{
	char *u = e2e_field_text(t, &f[0]);
	char *p = e2e_field_text(t, &f[1]);
	is_str(u, user, "user name kept");
	is_str(p, "", "password field cleared");
	free(u);
	free(p);
	ok(e2e_cursor_in(t, &f[1]) || e2e_cursor_in(t, &f[0]), "%s: cursor on the password or user field", label);
	vt_cell_info c;
	vt_cell(t, 23, 0, &c);
	ok(c.reverse, "%s: the message line is in reverse video (an error)", label);
}

static void disabled_account(const e2e_env *e, vt *t, const e2e_field f[2])
{
	const char *add[] = { "staff", "add", "e2e_off", "--role", "reception",
			      "--community", "110105001001", NULL };
	const char *pw[] = { "Off-e2e-7", "Off-e2e-7", NULL };
	int st = e2e_run_cli(e, add, pw, true);
	/* A second run finds the account from the first: that is fine. */
	tap_diag("staff add e2e_off: status %#x", st);
	const char *dis[] = { "staff", "disable", "e2e_off", NULL };
	st = e2e_run_cli(e, dis, NULL, true);
	ok(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "jiuzhu staff disable e2e_off (status %#x)", st);

	char *m = attempt(t, f, "e2e_off", "Off-e2e-7");
	if (!ok(m && contains_ci(m, "disabled"), "disabled account: the message says disabled ('%s')", m ? m : ""))
		vt_screen_dump(t);
	free(m);
	after_failure(t, f, "e2e_off", "disabled");
	no_secret(t, "Off-e2e-7", "disabled");
}

static void unreachable(e2e_env *e)
{
	char dir[] = "/tmp/jiuzhu-e2e-nosrv-XXXXXX";
	if (!ok(mkdtemp(dir) != NULL, "an empty socket folder"))
		return;
	e2e_env_set(e, "PGHOST", dir);
	e2e_env_set(e, "PGCONNECT_TIMEOUT", "3");
	vt *t = e2e_start(e, 24, 80, NULL);
	if (t && ok(e2e_wait_login(t, E2E_SCREEN_MS), "login screen for a server that is not there")) {
		ok(!e2e_screen_has(t, "caseworker"), "no demo accounts listed off the private database");
		e2e_field f[2];
		e2e_find_fields(t, f, 2);
		char *m = attempt(t, f, "reception", SECRET);
		if (!ok(m && contains_ci(m, "reach"), "unreachable: the message says the server cannot be reached ('%s')",
			m ? m : ""))
			vt_screen_dump(t);
		free(m);
		no_secret(t, SECRET, "unreachable");
		vt_send(t, VT_F3);
		int st;
		ok(vt_wait_exit(t, 5000, &st), "F3 exits");
	} else if (t) {
		vt_screen_dump(t);
	}
	vt_destroy(t);
	rmdir(dir);
}

int main(void)
{
	e2e_env e;
	if (!e2e_env_init(&e, "C.UTF-8"))
		return tap_skip_all("cannot prepare the data folder");
	vt *t = e2e_start(&e, 24, 80, NULL);
	if (!t)
		return tap_skip_all("cannot start jiuzhu");
	if (!ok(e2e_wait_login(t, E2E_FIRST_SCREEN_MS), "login screen drawn (English)")) {
		vt_screen_dump(t);
		vt_destroy(t);
		return tap_done();
	}
	e2e_field f[2];
	e2e_find_fields(t, f, 2);
	ok(f[0].row < f[1].row || f[0].col < f[1].col, "user field before the password field");

	char *wrong = attempt(t, f, "reception", SECRET);
	if (!ok(wrong && wrong[0], "wrong password: a message on row 23 ('%s')", wrong ? wrong : ""))
		vt_screen_dump(t);
	ok(wrong && contains_ci(wrong, "password"), "wrong password: plain words about user name or password");
	after_failure(t, f, "reception", "wrong password");
	no_secret(t, SECRET, "wrong password");

	char *unknown = attempt(t, f, "nosuchuser", SECRET);
	is_str(unknown, wrong, "unknown user gets the same message as a wrong password");
	after_failure(t, f, "nosuchuser", "unknown user");
	no_secret(t, SECRET, "unknown user");
	free(wrong);
	free(unknown);

	disabled_account(&e, t, f);

	vt_send(t, VT_F3);
	int st;
	ok(vt_wait_exit(t, 5000, &st), "F3 exits");
	vt_destroy(t);

	unreachable(&e);
	return tap_done();
}
