/* bench.c - jiuzhu-bench: the figures of the foundation issue, side by side
 * with their goals, in one run (not a test: it prints, it does not judge
 * the build). Later issues add their rows.
 *
 *   time from exec to the login screen drawn (cluster already running)
 *   resident memory of a logged-in session next to psql's for the same login
 *   bytes written to the terminal per typed character and per full screen
 *
 * Usage: jiuzhu-bench [--runs N] [--data DIR] [--psql PATH] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "e2e.h"

typedef struct bench_opts {
	int runs;
	const char *data;
	const char *psql;
} bench_opts;

typedef struct typing {
	double ascii, chinese;   /* bytes per character, -1 when unmeasured */
	long full_redraw, resize;
} typing;

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double quantile(double *v, int n, double q)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	int i = (int)(q * (n - 1) + 0.5);
	return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* VmRSS of pid in KiB, -1 if unreadable. */
static long vm_rss_kib(pid_t pid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	long kib = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static void quit(vt *t)
{
	if (!t)
		return;
	vt_send(t, VT_F3);
	vt_wait_exit(t, 3000, NULL);
	vt_destroy(t);
}

static double ms_since(const struct timespec *a)
{
	struct timespec b;
	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) * 1e3 + (double)(b.tv_nsec - a->tv_nsec) / 1e6;
}

static bool wrote_something(const vt *t, void *arg)
{
	(void)arg;
	return vt_bytes_written(t) > 0;
}

/* The harness's own floor: fork, exec and first byte of /bin/echo. */
static double echo_floor_ms(const e2e_env *e, int runs)
{
	double *v = calloc((size_t)runs, sizeof *v);
	int n = 0;
	for (int i = 0; v && i < runs; i++) {
		const char *argv[] = { "/bin/echo", "x", NULL };
		struct timespec a;
		clock_gettime(CLOCK_MONOTONIC, &a);
		vt *t = vt_start(argv, e->envp, 24, 80, false);
		if (t && vt_wait_until(t, wrote_something, NULL, E2E_SCREEN_MS))
			v[n++] = ms_since(&a);
		vt_wait_exit(t, 1000, NULL);
		vt_destroy(t);
	}
	double m = n ? quantile(v, n, 0.5) : -1;
	free(v);
	return m;
}

typedef struct login_times {
	double median, p95;      /* exec to the login screen complete */
	double first_median;     /* exec to the first byte on the terminal */
} login_times;

/* exec → login screen drawn, in ms, over opt->runs starts. */
static bool time_login(const e2e_env *e, const bench_opts *o, login_times *lt)
{
	double *v = calloc((size_t)o->runs, sizeof *v);
	double *first = calloc((size_t)o->runs, sizeof *first);
	int n = 0;
	for (int i = 0; v && first && i < o->runs; i++) {
		struct timespec a;
		clock_gettime(CLOCK_MONOTONIC, &a);
		vt *t = e2e_start(e, 24, 80, NULL);
		/* any output counts, complete update or not */
		long long deadline = vt_now_ms() + E2E_SCREEN_MS;
		while (t && vt_bytes_written(t) == 0 && vt_now_ms() < deadline && vt_pump(t, 100))
			;
		bool any = t && vt_bytes_written(t) > 0;
		double f = ms_since(&a);
		bool drawn = any && e2e_wait_login(t, E2E_SCREEN_MS);
		if (drawn) {
			first[n] = f;
			v[n++] = ms_since(&a);
		} else if (t) {
			vt_screen_dump(t);
		}
		quit(t);
	}
	if (n > 0) {
		lt->median = quantile(v, n, 0.5);
		lt->p95 = quantile(v, n, 0.95);
		lt->first_median = quantile(first, n, 0.5);
	}
	free(v);
	free(first);
	return n > 0;
}

/* Wait for the app's own update signal, or (without it) for the field to
 * show the text typed so far. */
static bool settle(vt *t, const e2e_field *f, const char *want)
{
	if (vt_wait_update(t, 2000))
		return true;
	(void)f;
	return vt_wait_text(t, want, 2000);
}

/* Bytes written per character typed one by one into the user field. */
static double per_char(vt *t, const e2e_field *f, const char *const chars[])
{
	char typed[256] = "";
	size_t total = 0;
	int n = 0;
	vt_send(t, "\025");
	settle(t, f, "");
	for (int i = 0; chars[i]; i++) {
		size_t before = vt_bytes_written(t);
		strncat(typed, chars[i], sizeof typed - strlen(typed) - 1);
		vt_send(t, chars[i]);
		if (!settle(t, f, typed))
			return -1;
		total += vt_bytes_written(t) - before;
		n++;
	}
	return n ? (double)total / n : -1;
}

static void measure_typing(vt *t, typing *out)
{
	static const char *const ascii[] = { "z", "h", "a", "n", "g", "w", "e", "i", NULL };
	static const char *const chinese[] = { "张", "伟", "李", "娜", "王", "芳", NULL };
	e2e_field f[2];
	out->ascii = out->chinese = -1;
	if (e2e_find_fields(t, f, 2) < 1)
		return;
	out->ascii = per_char(t, &f[0], ascii);
	out->chinese = per_char(t, &f[0], chinese);
	vt_send(t, "\025");
	settle(t, &f[0], "");
}

static vt *login(const e2e_env *e, typing *ty)
{
	vt *t = e2e_start(e, 24, 80, NULL);
	if (!t || !e2e_wait_login(t, E2E_FIRST_SCREEN_MS)) {
		if (t)
			vt_screen_dump(t);
		vt_destroy(t);
		return NULL;
	}
	if (ty)
		measure_typing(t, ty);
	e2e_type_login(t, "reception", "demo");
	if (!vt_wait_text(t, "主菜单", E2E_SCREEN_MS) && !vt_wait_text(t, "Main menu", 100)) {
		vt_screen_dump(t);
		vt_destroy(t);
		return NULL;
	}
	vt_wait_update(t, 500);   /* the rest of the menu's first update */
	return t;
}

static void measure_screens(vt *t, typing *ty)
{
	char ctrl_l[2] = { VT_CTRL('l'), '\0' };
	size_t before = vt_bytes_written(t);
	vt_send(t, ctrl_l);
	ty->full_redraw = vt_wait_update(t, 2000) ? (long)(vt_bytes_written(t) - before) : -1;
	before = vt_bytes_written(t);
	vt_resize(t, 30, 100);
	ty->resize = vt_wait_update(t, 2000) ? (long)(vt_bytes_written(t) - before) : -1;
	vt_resize(t, 24, 80);
	vt_wait_update(t, 2000);
}

/* psql in a pty, logged in as reception to the private database. */
static long psql_rss(const e2e_env *e, const bench_opts *o)
{
	char conn[600];
	snprintf(conn, sizeof conn, "host=%s/run dbname=jiuzhu user=reception", e->data);
	e2e_env pe = *e;
	e2e_env_set(&pe, "PGPASSWORD", "demo");
	const char *argv[] = { o->psql, conn, NULL };
	vt *t = vt_start(argv, pe.envp, 24, 80, false);
	if (!t)
		return -1;
	long kib = -1;
	if (vt_wait_text(t, "jiuzhu=>", E2E_SCREEN_MS))
		kib = vm_rss_kib(vt_pid(t));
	else
		vt_screen_dump(t);
	vt_send(t, "\\q\r");
	vt_wait_exit(t, 3000, NULL);
	vt_destroy(t);
	return kib;
}

static const char *verdict(bool measured, bool good)
{
	return !measured ? "n/a" : good ? "ok" : "MISSED";
}

static int usage(void)
{
	fprintf(stderr, "usage: jiuzhu-bench [--runs N] [--data DIR] [--psql PATH]\n");
	return 2;
}

int main(int argc, char **argv)
{
	bench_opts o = { .runs = 20, .psql = "/usr/lib/postgresql/15/bin/psql" };
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			o.runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
			o.data = argv[++i];
		else if (strcmp(argv[i], "--psql") == 0 && i + 1 < argc)
			o.psql = argv[++i];
		else
			return usage();
	}
	if (o.runs < 1)
		return usage();
	if (access(o.psql, X_OK) != 0)
		o.psql = "/usr/bin/psql";

	const char *loc = e2e_have_locale("zh_CN.UTF-8") ? "zh_CN.UTF-8" : "C.UTF-8";
	e2e_env e;
	if (!e2e_env_init(&e, loc))
		return 1;
	if (o.data) {
		snprintf(e.data, sizeof e.data, "%s", o.data);
		e2e_env_set(&e, "JIUZHU_DATA", o.data);
	}
	printf("jiuzhu-bench: %s, data %s, %s, %d runs\n", e2e_exe(), e.data, loc, o.runs);
	fflush(stdout);

	/* Warm-up: starts the cluster if needed (not timed), measures typing
	 * on the login screen, logs in. */
	typing ty = { -1, -1, -1, -1 };
	vt *t = login(&e, &ty);
	if (!t) {
		fprintf(stderr, "jiuzhu-bench: could not log in as reception/demo\n");
		return 1;
	}
	long rss = vm_rss_kib(vt_pid(t));
	measure_screens(t, &ty);
	quit(t);
	long prss = psql_rss(&e, &o);

	login_times lt = { -1, -1, -1 };
	bool timed = time_login(&e, &o, &lt);
	double med = lt.median, p95 = lt.p95;

	printf("\n%-44s %12s %14s  %s\n", "measure", "jiuzhu", "goal", "");
	printf("%-44s %12s %14s  %s\n", "-------", "------", "----", "");
	printf("%-44s %9.1f ms %11s ms  %s\n", "exec to login screen, median", med, "< 50",
	       verdict(timed, med < 50));
	printf("%-44s %9.1f ms %11s ms  %s\n", "exec to login screen, p95", p95, "< 50",
	       verdict(timed, p95 < 50));
	printf("%-44s %9.1f ms %14s\n", "  (of which exec to first byte, median)", lt.first_median, "-");
	printf("%-44s %9.1f ms %14s\n", "  (harness floor: /bin/echo, median)", echo_floor_ms(&e, o.runs), "-");
	char goal[64];
	snprintf(goal, sizeof goal, "< %ld (psql)", prss);
	printf("%-44s %8ld KiB %10s KiB  %s\n", "resident memory, logged in (VmRSS)", rss, goal,
	       verdict(rss > 0 && prss > 0, rss < prss));
	printf("%-44s %12.1f %14s  %s\n", "bytes per typed character, ASCII", ty.ascii, "<= 30",
	       verdict(ty.ascii >= 0, ty.ascii <= 30));
	printf("%-44s %12.1f %14s  %s\n", "bytes per typed character, Chinese", ty.chinese, "<= 30",
	       verdict(ty.chinese >= 0, ty.chinese <= 30));
	printf("%-44s %12ld %14s\n", "bytes per full screen, redraw (Ctrl-L)", ty.full_redraw, "-");
	printf("%-44s %12ld %14s\n", "bytes per full screen, resize 80x24->100x30", ty.resize, "-");
	return 0;
}
