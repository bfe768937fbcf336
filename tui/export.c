/* export.c - RFC 4180 CSV writer; conversion through forms/enc.c. */
#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "enc.h"

struct export_csv {
	FILE *f;
	bool own;            /* opened by export_csv_open: close it */
	bool failed;
	export_encoding enc;
	char *line;          /* one row, UTF-8, reused */
	size_t cap;
};

export_csv *export_csv_create(FILE *f, export_encoding enc)
{
	export_csv *x;

	if (!f) {
		errno = EINVAL;
		return NULL;
	}
	x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	x->f = f;
	x->enc = enc;
	if (enc == EXPORT_UTF8_BOM && fwrite("\xEF\xBB\xBF", 1, 3, f) != 3) {
		free(x);
		return NULL;
	}
	return x;
}

export_csv *export_csv_open(const char *path, export_encoding enc)
{
	FILE *f = fopen(path, "wb");
	export_csv *x;

	if (!f)
		return NULL;
	x = export_csv_create(f, enc);
	if (!x) {
		int e = errno;
		fclose(f);
		errno = e;
		return NULL;
	}
	x->own = true;
	return x;
}

static bool needs_quotes(const char *s)
{
	return strpbrk(s, ",\"\r\n") != NULL;
}

/* Room for need more bytes in x->line after used. */
static bool reserve(export_csv *x, size_t used, size_t need)
{
	if (used + need > x->cap) {
		size_t cap = (used + need) * 2;
		char *p = realloc(x->line, cap);
		if (!p)
			return false;
		x->line = p;
		x->cap = cap;
	}
	return true;
}

/* Append s (quoted when needed) to x->line at *used. */
static bool append_field(export_csv *x, size_t *used, const char *s)
{
	bool q = needs_quotes(s);

	if (!reserve(x, *used, strlen(s) * 2 + 3))
		return false;
	if (q)
		x->line[(*used)++] = '"';
	for (; *s; s++) {
		if (*s == '"')
			x->line[(*used)++] = '"';
		x->line[(*used)++] = *s;
	}
	if (q)
		x->line[(*used)++] = '"';
	return true;
}

char *export_csv_field(const char *utf8)
{
	export_csv x = { 0 };
	size_t used = 0;

	if (!append_field(&x, &used, utf8 ? utf8 : "")) {
		free(x.line);
		return NULL;
	}
	x.line[used] = '\0';
	return x.line;
}

bool export_csv_row(export_csv *x, const char *const *fields, int n)
{
	size_t used = 0;
	bool ok;

	if (!x)
		return false;
	for (int i = 0; i < n; i++) {
		if (i > 0) {
			if (!reserve(x, used, 1))
				return false;
			x->line[used++] = ',';
		}
		if (!append_field(x, &used, fields[i] ? fields[i] : ""))
			return false;
	}
	if (!reserve(x, used, 3))
		return false;
	x->line[used++] = '\r';
	x->line[used++] = '\n';
	if (x->enc == EXPORT_GB18030) {
		size_t olen = 0;
		char *g = enc_convert("GB18030", "UTF-8", x->line, used, &olen);
		if (!g)
			return false;
		ok = fwrite(g, 1, olen, x->f) == olen;
		free(g);
	} else {
		/* check the UTF-8 the same way GB18030 text is checked */
		size_t olen = 0;
		char *u = enc_convert("UTF-8", "UTF-8", x->line, used, &olen);
		if (!u)
			return false;
		free(u);
		ok = fwrite(x->line, 1, used, x->f) == used;
	}
	if (!ok)
		x->failed = true;
	return ok;
}

bool export_csv_destroy(export_csv *x)
{
	bool ok;

	if (!x)
		return true;
	ok = !x->failed && fflush(x->f) == 0 && !ferror(x->f);
	if (x->own && fclose(x->f) != 0)
		ok = false;
	free(x->line);
	free(x);
	return ok;
}

bool export_encoding_parse(const char *name, export_encoding *out)
{
	if (!name)
		return false;
	if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0)
		*out = EXPORT_UTF8;
	else if (strcasecmp(name, "utf-8-bom") == 0 || strcasecmp(name, "excel") == 0)
		*out = EXPORT_UTF8_BOM;
	else if (strcasecmp(name, "gb18030") == 0 || strcasecmp(name, "gbk") == 0)
		*out = EXPORT_GB18030;
	else
		return false;
	return true;
}

bool export_print_dir(char *buf, size_t n)
{
	const char *d = getenv("JIUZHU_PRINT_DIR");
	const char *home = getenv("HOME");

	if (d && *d)
		snprintf(buf, n, "%s", d);
	else
		snprintf(buf, n, "%s/jiuzhu-print", home && *home ? home : ".");
	return mkdir(buf, 0700) == 0 || errno == EEXIST;
}
