/* test_errtext.c - db/errtext.c's table against the migrations: every JZ
 * code a migration raises (errcode = 'JZnnn') has an English sentence, and
 * no JZ entry is for a code raised nowhere, so a new code without English
 * fails here. Then the message as shown: English sentence and the
 * database's Chinese in parentheses under C.UTF-8, the Chinese alone under
 * zh_CN with the catalogue, cut on a character with the parenthesis closed. */
#include <ctype.h>
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../db/errtext.h"
#include "i18n_test.h"
#include "tap.h"

#ifndef JZ_SOURCE_ROOT
#error "meson passes JZ_SOURCE_ROOT"
#endif

enum { MAX_CODES = 200 };

typedef struct codes {
	char code[MAX_CODES][6];
	int n;
} codes;

static void add_code(codes *c, const char *s)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->code[i], s) == 0)
			return;
	if (c->n < MAX_CODES)
		snprintf(c->code[c->n++], sizeof c->code[0], "%s", s);
}

static bool has_code(const codes *c, const char *s)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->code[i], s) == 0)
			return true;
	return false;
}

/* Every "errcode = 'JZnnn'" (any case, "=" or ":=") in text. */
static int scan(codes *c, const char *text)
{
	int found = 0;

	for (const char *p = text; *p; p++) {
		if (strncasecmp(p, "errcode", 7) != 0)
			continue;
		const char *q = p + 7;
		while (*q == ' ' || *q == '\t' || *q == '\n')
			q++;
		if (*q == ':')
			q++;
		if (*q != '=')
			continue;
		q++;
		while (*q == ' ' || *q == '\t' || *q == '\n')
			q++;
		if (q[0] != '\'' || strncmp(q + 1, "JZ", 2) != 0)
			continue;
		char code[6] = "";
		int k = 0;
		for (q++; k < 5 && isalnum((unsigned char)*q); q++)
			code[k++] = *q;
		code[k] = '\0';
		if (k == 5 && *q == '\'') {
			add_code(c, code);
			found++;
		}
	}
	return found;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		size_t got = fread(buf, 1, (size_t)n, f);
		buf[got] = '\0';
	}
	fclose(f);
	return buf;
}

/* The JZ codes raised by every migration; how many raise sites. */
static int raised_codes(codes *c, int *files)
{
	const char *dir = JZ_SOURCE_ROOT "/db/migrations";
	DIR *d = opendir(dir);
	struct dirent *e;
	int sites = 0;

	*files = 0;
	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".sql") != 0)
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		char *text = slurp(path);
		if (!text) {
			closedir(d);
			return -1;
		}
		sites += scan(c, text);
		free(text);
		(*files)++;
	}
	closedir(d);
	return sites;
}

static bool valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0)
			return false;
		p++;
		while (n-- > 0)
			if ((*p++ & 0xC0) != 0x80)
				return false;
	}
	return true;
}

static void table_against_migrations(void)
{
	codes raised = { .n = 0 };
	int files = 0;
	int sites = raised_codes(&raised, &files);
	size_t n;
	const db_errtext *t = db_errtext_table(&n);

	/* the scanner itself: it must see the rules the brief counts */
	ok(files > 50 && sites > 100 && raised.n > 20, "the migrations raise JZ codes: %d sites of %d codes in %d files",
	   sites, raised.n, files);
	ok(has_code(&raised, "JZ031") && has_code(&raised, "JZ035") && has_code(&raised, "JZ100"),
	   "among them JZ031 (0070, 0080), JZ035 (0136), JZ100 (0100, upper-case ERRCODE)");

	for (int i = 0; i < raised.n; i++) {
		const char *text = NULL;
		for (size_t j = 0; j < n; j++)
			if (strcmp(t[j].sqlstate, raised.code[i]) == 0)
				text = t[j].text;
		ok(text && *text, "%s is raised and has an English sentence: %s", raised.code[i], text ? text : "NONE");
	}
	for (size_t j = 0; j < n; j++) {
		ok(strlen(t[j].sqlstate) == 5, "entry %zu's SQLSTATE has five characters (%s)", j, t[j].sqlstate);
		for (size_t k = j + 1; k < n; k++)
			if (strcmp(t[j].sqlstate, t[k].sqlstate) == 0)
				ok(false, "%s has two entries", t[j].sqlstate);
		if (strncmp(t[j].sqlstate, "JZ", 2) == 0)
			ok(has_code(&raised, t[j].sqlstate), "%s has an entry and some migration raises it",
			   t[j].sqlstate);
	}
}

int main(void)
{
	char out[512], why[128];

	table_against_migrations();

	is_str(db_errtext_lookup("JZ031") ? db_errtext_lookup("JZ031") : "",
	       "Not allowed: over the volunteer's weekly hours, or a change to an add-only funds record.",
	       "JZ031 names both of its rules");
	ok(db_errtext_lookup("JZ999") != NULL, "an unknown JZ code gets the general sentence");
	ok(db_errtext_lookup("22P02") == NULL && db_errtext_lookup("") == NULL && db_errtext_lookup(NULL) == NULL,
	   "another code, none or NULL: no sentence");

	/* English: no catalogue for C.UTF-8 */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return tap_skip_all("no C.UTF-8 locale");
	ok(!db_errtext_ui_chinese(), "C.UTF-8: the screens are in English");
	const char *server = "志愿者在 2026-12-07 18:00 至 19:00 不在可服务时间内";
	db_errtext_compose(out, sizeof out, "JZ030", server);
	char want[512];
	snprintf(want, sizeof want, "%s (%s)", db_errtext_lookup("JZ030"), server);
	is_str(out, want, "JZ030 in English: the sentence, then the database's own words in parentheses");
	db_errtext_compose(out, sizeof out, "22P02", "invalid input syntax for type integer");
	is_str(out, "invalid input syntax for type integer", "a code without a sentence: the server's text alone");
	db_errtext_compose(out, sizeof out, "", "连接中断");
	is_str(out, "连接中断", "no SQLSTATE: unchanged");
	db_errtext_compose(out, sizeof out, "JZ015", "");
	is_str(out, "There is no case waiting to be taken.", "no server text: the sentence without empty parentheses");

	/* too long for the buffer: cut inside the Chinese on a character, ")" kept */
	char longer[600] = "";
	while (strlen(longer) + 3 < sizeof longer - 1)
		strcat(longer, "缺");
	char small[100];
	db_errtext_compose(small, sizeof small, "JZ013", longer);
	ok(strlen(small) < sizeof small && small[strlen(small) - 1] == ')' && valid_utf8(small),
	   "cut to %zu bytes on a character, the parenthesis closed: %s", strlen(small), small);
	ok(strncmp(small, "The conditions for this step are not met yet. (缺", strlen("The conditions for this step are not met yet. (缺")) == 0,
	   "the sentence whole and the start of the database's text");
	db_errtext_compose(small, 8, "JZ013", "缺少材料");
	ok(strlen(small) < 8 && valid_utf8(small), "a tiny buffer: cut, still valid UTF-8 (%s)", small);

	/* Chinese: the database's text exactly */
	if (!i18n_test_zh(why, sizeof why)) {
		tap_diag("skipping the Chinese half: %s", why);
		return tap_done();
	}
	ok(db_errtext_ui_chinese(), "zh_CN with the catalogue: the screens are in Chinese");
	db_errtext_compose(out, sizeof out, "JZ030", server);
	is_str(out, server, "JZ030 in Chinese: the database's text as it is");
	db_errtext_compose(out, sizeof out, "23505", "计划中已有“上门探访”（同一对象）");
	is_str(out, "计划中已有“上门探访”（同一对象）", "23505 in Chinese: unchanged");
	return tap_done();
}
