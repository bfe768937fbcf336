/* e2e.c - shared set-up of the end-to-end tests. */
#include "e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#ifndef JZ_EXE
#error "meson passes JZ_EXE, the path of the jiuzhu binary"
#endif
#ifndef JZ_BUILD_ROOT
#error "meson passes JZ_BUILD_ROOT"
#endif

const char *e2e_exe(void)
{
	return JZ_EXE;
}

bool e2e_have_locale(const char *locale)
{
	locale_t l = newlocale(LC_ALL_MASK, locale, (locale_t)0);
	if (l == (locale_t)0)
		return false;
	freelocale(l);
	return true;
}

bool e2e_env_set(e2e_env *e, const char *name, const char *value)
{
	size_t nl = strlen(name);
	int i;
	for (i = 0; i < e->n; i++)
		if (strncmp(e->buf[i], name, nl) == 0 && e->buf[i][nl] == '=')
			break;
	if (i == e->n) {
		if (e->n >= (int)(sizeof e->buf / sizeof e->buf[0]))
			return false;
		e->n++;
	}
	int w = snprintf(e->buf[i], sizeof e->buf[i], "%s=%s", name, value);
	if (w < 0 || (size_t)w >= sizeof e->buf[i])
		return false;
	for (int k = 0; k < e->n; k++)
		e->envp[k] = e->buf[k];
	e->envp[e->n] = NULL;
	return true;
}

/* FNV-1a: a short, stable name for the build directory. */
static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

bool e2e_env_init(e2e_env *e, const char *locale)
{
	return e2e_env_init_own(e, locale, NULL);
}

bool e2e_env_init_own(e2e_env *e, const char *locale, const char *tag)
{
	memset(e, 0, sizeof *e);
	snprintf(e->data, sizeof e->data, "/tmp/jiuzhu-e2e-%08x%s%s",
		 (unsigned)fnv1a(JZ_BUILD_ROOT), tag ? "-" : "", tag ? tag : "");
	if (mkdir(e->data, 0755) != 0 && errno != EEXIST) {
		tap_diag("mkdir %s: %s", e->data, strerror(errno));
		return false;
	}
	/* Reachable by the cluster's system user when we run as root. */
	(void)chmod(e->data, 0755);
	const char *path = getenv("PATH");
	const char *home = getenv("HOME");
	bool okay = e2e_env_set(e, "PATH", path ? path : "/usr/bin:/bin") &&
		    e2e_env_set(e, "HOME", home ? home : "/tmp") &&
		    e2e_env_set(e, "LANG", locale) &&
		    e2e_env_set(e, "LC_ALL", locale) &&
		    e2e_env_set(e, "JIUZHU_DATA", e->data) &&
		    e2e_env_set(e, "JIUZHU_FAKE_TIME", "09:41");
	static const char *const pass[] = {
		"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "MSAN_OPTIONS",
		"MALLOC_PERTURB_",
	};
	for (size_t i = 0; okay && i < sizeof pass / sizeof pass[0]; i++) {
		const char *v = getenv(pass[i]);
		if (v)
			okay = e2e_env_set(e, pass[i], v);
	}
	if (!okay)
		tap_diag("environment too long");
	return okay;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	if (remove(path) != 0 && errno != ENOENT) {
		tap_diag("remove %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* `jiuzhu --data DIR server stop`, without the test wrapper: the binary's own
 * stop (the postmaster may run as the cluster's system user). */
static bool stop_server(const e2e_env *e, const char *dir)
{
	char pid[PATH_MAX + 32];
	struct stat st;
	snprintf(pid, sizeof pid, "%s/pgdata/postmaster.pid", dir);
	if (stat(pid, &st) != 0)
		return true;
	pid_t child = fork();
	if (child < 0)
		return false;
	if (child == 0) {
		const char *argv[] = { e2e_exe(), "--data", dir, "server", "stop", NULL };
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execve(argv[0], (char *const *)argv, (char *const *)e->envp);
		_exit(127);
	}
	int status = 0;
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		tap_diag("jiuzhu --data %s server stop: status %#x", dir, status);
		return false;
	}
	return true;
}

bool e2e_rmtree(const char *dir)
{
	return nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0;
}

bool e2e_wipe_shared(const e2e_env *e)
{
	char base[300], pattern[310];
	/* the shared folder's name whatever tag e was made with */
	snprintf(base, sizeof base, "/tmp/jiuzhu-e2e-%08x", (unsigned)fnv1a(JZ_BUILD_ROOT));
	snprintf(pattern, sizeof pattern, "%s-*", base);
	glob_t g;
	memset(&g, 0, sizeof g);
	int rc = glob(pattern, GLOB_NOSORT, NULL, &g);
	if (rc != 0 && rc != GLOB_NOMATCH) {
		tap_diag("glob %s failed", pattern);
		return false;
	}
	bool okay = true;
	for (size_t i = 0; i <= g.gl_pathc; i++) {
		const char *dir = i < g.gl_pathc ? g.gl_pathv[i] : base;
		struct stat st;
		if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		/* removed even when the stop failed: the folder must not be reused */
		bool stopped = stop_server(e, dir);
		if (!e2e_rmtree(dir) || !stopped)
			okay = false;
	}
	globfree(&g);
	return okay;
}

vt *e2e_start(const e2e_env *e, int rows, int cols, const char *const args[])
{
	/* $JZ_E2E_WRAPPER (e.g. "/usr/bin/valgrind -q --error-exitcode=99")
	 * runs the binary under a tool: words split at spaces. */
	const char *argv[32];
	char wrap[256] = "";
	int n = 0;
	const char *w = getenv("JZ_E2E_WRAPPER");
	if (w)
		snprintf(wrap, sizeof wrap, "%s", w);
	char *save = NULL;
	for (char *tok = strtok_r(wrap, " ", &save); tok && n < 16; tok = strtok_r(NULL, " ", &save))
		argv[n++] = tok;
	argv[n++] = e2e_exe();
	for (int i = 0; args && args[i] && n < 31; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	vt *t = vt_start(argv, e->envp, rows, cols, true);
	if (!t)
		tap_diag("could not start %s", e2e_exe());
	return t;
}

bool e2e_screen_has(const vt *t, const char *s)
{
	return vt_find_text(t, s) >= 0;
}

static bool login_drawn(const vt *t, void *arg)
{
	(void)arg;
	char *title = vt_row_text(t, 0);
	bool hit = title && (strstr(title, "登录") || strstr(title, "Login"));
	free(title);
	e2e_field f[2];
	return hit && e2e_find_fields(t, f, 2) == 2;
}

bool e2e_wait_login(vt *t, int timeout_ms)
{
	return vt_wait_until(t, login_drawn, NULL, timeout_ms);
}

bool e2e_type_login(vt *t, const char *user, const char *password)
{
	return vt_send(t, user) && vt_send(t, VT_TAB) &&
	       vt_send(t, password) && vt_send(t, VT_ENTER);
}

static bool field_cell(const vt *t, int row, int col)
{
	vt_cell_info c;
	return vt_cell(t, row, col, &c) && (c.underline || c.reverse);
}

int e2e_find_fields(const vt *t, e2e_field *out, int max)
{
	int rows, cols, n = 0;
	vt_size(t, &rows, &cols);
	for (int r = 1; r <= rows - 4 && n < max; r++) {
		for (int c = 0; c < cols && n < max;) {
			if (!field_cell(t, r, c)) {
				c++;
				continue;
			}
			int start = c;
			while (c < cols && field_cell(t, r, c))
				c++;
			if (c - start >= 3)
				out[n++] = (e2e_field){ .row = r, .col = start, .width = c - start };
		}
	}
	return n;
}

char *e2e_field_text(const vt *t, const e2e_field *f)
{
	size_t cap = (size_t)f->width * 8 + 1, k = 0, keep = 0;
	char *s = malloc(cap);
	if (!s)
		return NULL;
	for (int c = f->col; c < f->col + f->width; c++) {
		vt_cell_info ci;
		if (!vt_cell(t, f->row, c, &ci) || ci.continuation)
			continue;
		const char *txt = ci.ch ? ci.text : " ";
		size_t n = strlen(txt);
		if (k + n >= cap)
			break;
		memcpy(s + k, txt, n);
		k += n;
		if (ci.ch && ci.ch != ' ' && ci.ch != '_')
			keep = k;
	}
	s[keep] = '\0';
	return s;
}

bool e2e_cursor_in(const vt *t, const e2e_field *f)
{
	int r, c;
	vt_cursor(t, &r, &c);
	return r == f->row && c >= f->col && c <= f->col + f->width;
}

/* A prompt waits for input: the cursor sits after a line ending in ':' (or
 * the full-width '：'), below the previous prompt. */
typedef struct prompt_wait {
	int after_row;
	int row;
} prompt_wait;

static bool prompt_shown(const vt *t, void *arg)
{
	prompt_wait *p = arg;
	int r, c;
	vt_cursor(t, &r, &c);
	if (r <= p->after_row)
		return false;
	char *s = vt_row_text(t, r);
	size_t n = s ? strlen(s) : 0;
	bool hit = n > 0 && (s[n - 1] == ':' || (n >= 3 && strcmp(s + n - 3, "：") == 0));
	free(s);
	if (hit)
		p->row = r;
	return hit;
}

int e2e_run_cli(const e2e_env *e, const char *const args[],
		const char *const answers[], bool verbose)
{
	const char *argv[16] = { e2e_exe() };
	int n = 1;
	for (int i = 0; args && args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	vt *t = vt_start(argv, e->envp, 24, 80, false);
	if (!t)
		return -1;
	int status = -1;
	prompt_wait p = { .after_row = -1 };
	for (int i = 0; answers && answers[i]; i++) {
		if (!vt_wait_until(t, prompt_shown, &p, E2E_FIRST_SCREEN_MS))
			break;
		p.after_row = p.row;
		vt_send(t, answers[i]);
		vt_send(t, "\r");
	}
	if (!vt_wait_exit(t, E2E_FIRST_SCREEN_MS, &status))
		status = -1;
	if (verbose)
		vt_screen_dump(t);
	vt_destroy(t);
	return status;
}
