/* i18n_test.c - the Chinese catalogue for unit tests (i18n_test.h). */
#include "i18n_test.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

bool i18n_test_zh(char *why, size_t n)
{
	char dir[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", dir, sizeof dir - 16);

	if (len <= 0 || !setlocale(LC_ALL, "zh_CN.UTF-8")) {
		snprintf(why, n, "no zh_CN.UTF-8 locale (run tools/setup.sh)");
		return false;
	}
	dir[len] = '\0';
	/* <build>/tests/unit/<name>: three names up */
	for (int up = 0; up < 3; up++)
		if (strrchr(dir, '/'))
			*strrchr(dir, '/') = '\0';
	strcat(dir, "/locale");
	bindtextdomain(JZ_TEXTDOMAIN, dir);
	bind_textdomain_codeset(JZ_TEXTDOMAIN, "UTF-8");
	if (strcmp(_("must not be empty"), "must not be empty") == 0) {
		snprintf(why, n, "no compiled catalogue in %s", dir);
		return false;
	}
	return true;
}
