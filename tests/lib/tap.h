/* tap.h - a tiny TAP producer for meson's 'tap' protocol: every check is one
 * numbered line, so `meson test` counts and names each one. Header-only. */
#ifndef JZ_TESTS_TAP_H
#define JZ_TESTS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count_;
static int tap_failed_;

/* Prints text on the current TAP line: a newline inside it (a server error
 * with its CONTEXT, a screen dump) would start a line that is not TAP, so
 * each one continues as a "# " diagnostic. */
static void tap_put_(const char *text, const char *cont)
{
	for (const char *p = text; *p; p++) {
		if (*p == '\n') {
			if (p[1] != '\0')
				fputs(cont, stdout);
		} else {
			putchar(*p);
		}
	}
}

__attribute__((format(printf, 1, 0)))
static void tap_vput_(const char *fmt, va_list ap, const char *cont)
{
	char buf[4096];
	vsnprintf(buf, sizeof buf, fmt, ap);
	tap_put_(buf, cont);
}

__attribute__((format(printf, 2, 3), unused))
static int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	printf("%sok %d - ", cond ? "" : "not ", ++tap_count_);
	va_start(ap, fmt);
	tap_vput_(fmt, ap, "\n#   ");
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!cond)
		tap_failed_++;
	return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __VA_ARGS__)

#define is_int(got, want, name) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (!tap_ok(g_ == w_, "%s", name)) \
		printf("#   got %lld, want %lld\n", g_, w_); \
} while (0)

#define is_str(got, want, name) do { \
	const char *g_ = (got), *w_ = (want); \
	int eq_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_; \
	if (!tap_ok(eq_, "%s", name)) \
		tap_diag("  got '%s', want '%s'", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

__attribute__((format(printf, 1, 2), unused))
static void tap_diag(const char *fmt, ...)
{
	va_list ap;
	printf("# ");
	va_start(ap, fmt);
	tap_vput_(fmt, ap, "\n# ");
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

__attribute__((format(printf, 1, 2), unused))
static int tap_skip_all(const char *fmt, ...)
{
	va_list ap;
	printf("1..0 # SKIP ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	/* meson's TAP protocol reads the plan: a skipped plan with status 0 is
	 * SKIP, while any other status (77 too) would count as an error */
	return 0;
}

/* Ends main(): prints the plan, exit status 1 when anything failed. */
__attribute__((unused))
static int tap_done(void)
{
	printf("1..%d\n", tap_count_);
	return tap_failed_ ? 1 : 0;
}

#endif
