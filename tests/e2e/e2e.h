/* e2e.h - what every end-to-end test shares: the jiuzhu binary (path from
 * meson), one private data folder per build directory under /tmp (only the
 * first test pays initdb; the binary's own lock serialises starts), the
 * environment of a front-desk terminal, and finding fields on the grid. */
#ifndef JZ_TESTS_E2E_H
#define JZ_TESTS_E2E_H

#include <stdbool.h>
#include <stddef.h>
#include "vt.h"

/* Deadlines (ms). The first start of a build dir runs initdb and migrations. */
#define E2E_FIRST_SCREEN_MS 45000
#define E2E_SCREEN_MS 10000

typedef struct e2e_env {
	char data[256];                 /* JIUZHU_DATA */
	char buf[24][512];
	const char *envp[25];
	int n;
} e2e_env;

/* The jiuzhu binary meson built. */
const char *e2e_exe(void);

/* LANG/LC_ALL = locale (e.g. "zh_CN.UTF-8", "C.UTF-8"), the shared data
 * folder (created 0755 so the cluster's system user can reach it), PATH,
 * HOME, JIUZHU_FAKE_TIME=09:41, sanitizer options passed through. No PG*
 * variable: the private cluster. False with a reason printed as TAP
 * diagnostics. */
bool e2e_env_init(e2e_env *e, const char *locale);
/* The same with a data folder of its own (the shared one's name + "-" + tag),
 * for tests whose assertions count what the whole database holds (the week's
 * visit coverage): other tests' cases would change their figures. Its first
 * start pays initdb and the sample. */
bool e2e_env_init_own(e2e_env *e, const char *locale, const char *tag);
/* Stop and remove this build directory's shared data folders (the shared
 * one and every "-tag" sibling), so the run that follows starts from a fresh
 * cluster and a sample made today. The sample's dates count from the day it
 * is loaded, and the folders outlive a run: one left by a run days earlier
 * (CI reuses /tmp of the same machine) has no overdue case, no visit next
 * week, and whatever earlier tests changed. Only for e2e_prepare, which runs
 * alone. False with a reason printed as TAP diagnostics. */
bool e2e_wipe_shared(const e2e_env *e);
/* Remove a folder a test made (a print folder) and all in it. */
bool e2e_rmtree(const char *dir);
/* Add or replace NAME=value. */
bool e2e_env_set(e2e_env *e, const char *name, const char *value);
/* Whether the C library has this locale (tests skip-all without it). */
bool e2e_have_locale(const char *locale);

/* Start jiuzhu with extra arguments (a NULL-ended list, may be NULL). */
vt *e2e_start(const e2e_env *e, int rows, int cols, const char *const args[]);

/* Wait for the login screen: the title (row 0) saying "登录"/"Login" and
 * the two fields drawn. */
bool e2e_wait_login(vt *t, int timeout_ms);
/* Type user, Tab, password, Enter on the login screen. */
bool e2e_type_login(vt *t, const char *user, const char *password);

/* A run of cells drawn as a field (underlined or reverse) on a body row. */
typedef struct e2e_field {
	int row, col, width;
} e2e_field;
/* Fields of the body (rows 1..rows-4), top to bottom, left to right, at
 * least 3 cells wide. Returns how many (up to max). */
int e2e_find_fields(const vt *t, e2e_field *out, int max);
/* Text inside a field, trailing padding trimmed. Caller frees. */
char *e2e_field_text(const vt *t, const e2e_field *f);
bool e2e_cursor_in(const vt *t, const e2e_field *f);

/* Does any row contain s? */
bool e2e_screen_has(const vt *t, const char *s);

/* Run `jiuzhu ARGS` in a pty, typing each of answers (NULL-ended) at each
 * prompt (a line ending in ':' with the cursor after it, each below the
 * last). Returns the exit status (waitpid form) or -1; its screen is dumped
 * as diagnostics when verbose. */
int e2e_run_cli(const e2e_env *e, const char *const args[],
		const char *const answers[], bool verbose);

#endif
