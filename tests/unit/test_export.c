/* test_export.c - the CSV writer: RFC 4180 quoting (comma, quote, CR, LF;
 * quotes doubled), CRLF rows, the UTF-8 BOM for Excel, GB18030 bytes of
 * Chinese text, invalid UTF-8 refused without writing half a row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../tui/export.h"
#include "tap.h"

/* Run rows through the writer into memory; caller frees. */
static char *csv(export_encoding enc, const char *const *fields, int n, int rows, size_t *len)
{
	char *buf = NULL;
	size_t sz = 0;
	FILE *f = open_memstream(&buf, &sz);
	export_csv *x = export_csv_create(f, enc);
	for (int i = 0; i < rows; i++)
		export_csv_row(x, fields, n);
	export_csv_destroy(x);
	fclose(f);
	*len = sz;
	return buf;
}

/* export_print_dir: $JIUZHU_PRINT_DIR made when missing (0700), else
 * $HOME/jiuzhu-print; false when the folder cannot be made. */
static void print_dir(void)
{
	char base[] = "/tmp/jz-printdir-XXXXXX", want[800], got[800], file[200];
	struct stat sb;

	if (!ok(mkdtemp(base) != NULL, "a scratch folder"))
		return;
	snprintf(want, sizeof want, "%s/打印", base);
	setenv("JIUZHU_PRINT_DIR", want, 1);
	ok(export_print_dir(got, sizeof got) && strcmp(got, want) == 0, "$JIUZHU_PRINT_DIR: %s", got);
	ok(stat(want, &sb) == 0 && S_ISDIR(sb.st_mode) && (sb.st_mode & 0777) == 0700, "made, mode 0700");
	ok(export_print_dir(got, sizeof got), "already there: still true");
	unsetenv("JIUZHU_PRINT_DIR");
	setenv("HOME", base, 1);
	snprintf(want, sizeof want, "%s/jiuzhu-print", base);
	ok(export_print_dir(got, sizeof got) && strcmp(got, want) == 0, "else $HOME/jiuzhu-print: %s", got);
	snprintf(file, sizeof file, "%s/a-file", base);
	FILE *f = fopen(file, "w");
	if (f)
		fclose(f);
	snprintf(want, sizeof want, "%s/sub", file);
	setenv("JIUZHU_PRINT_DIR", want, 1);
	ok(!export_print_dir(got, sizeof got), "a folder that cannot be made: false");
	unsetenv("JIUZHU_PRINT_DIR");
	unlink(file);
	rmdir(got);
	snprintf(want, sizeof want, "%s/jiuzhu-print", base);
	rmdir(want);
	snprintf(want, sizeof want, "%s/打印", base);
	rmdir(want);
	rmdir(base);
}

int main(void)
{
	size_t len;
	char *s;
	export_encoding e;

	s = export_csv_field("张伟");
	is_str(s, "张伟", "plain field unquoted");
	free(s);
	s = export_csv_field("北京市朝阳区,幸福里");
	is_str(s, "\"北京市朝阳区,幸福里\"", "comma quoted");
	free(s);
	s = export_csv_field("他说\"好\"");
	is_str(s, "\"他说\"\"好\"\"\"", "quotes doubled");
	free(s);
	s = export_csv_field("第一行\n第二行");
	is_str(s, "\"第一行\n第二行\"", "newline quoted");
	free(s);
	s = export_csv_field("a\rb");
	is_str(s, "\"a\rb\"", "CR quoted");
	free(s);
	s = export_csv_field("");
	is_str(s, "", "empty field");
	free(s);

	const char *row[] = { "110105194912310021", "买买提·艾力", "1,000", NULL, "说\"是\"" };
	s = csv(EXPORT_UTF8, row, 5, 2, &len);
	is_str(s, "110105194912310021,买买提·艾力,\"1,000\",,\"说\"\"是\"\"\"\r\n"
		  "110105194912310021,买买提·艾力,\"1,000\",,\"说\"\"是\"\"\"\r\n", "two UTF-8 rows, CRLF");
	free(s);

	const char *one[] = { "社区", "低收入" };
	s = csv(EXPORT_UTF8_BOM, one, 2, 1, &len);
	ok(len == 3 + strlen("社区,低收入\r\n") && memcmp(s, "\xEF\xBB\xBF", 3) == 0,
	   "BOM first, once");
	free(s);

	s = csv(EXPORT_GB18030, one, 2, 1, &len);
	/* 社 = C9 E7, 区 = C7 F8, 低 = B5 CD, 收 = CA D5, 入 = C8 EB */
	ok(len == 13 && memcmp(s, "\xC9\xE7\xC7\xF8,\xB5\xCD\xCA\xD5\xC8\xEB\r\n", 13) == 0,
	   "GB18030 bytes");
	free(s);

	const char *emoji[] = { "😀" };
	s = csv(EXPORT_GB18030, emoji, 1, 1, &len);
	ok(len == 6 && memcmp(s, "\x94\x39\xFC\x36\r\n", 6) == 0, "GB18030 four-byte form for U+1F600");
	free(s);

	{
		char *buf = NULL;
		size_t sz = 0;
		FILE *f = open_memstream(&buf, &sz);
		export_csv *x = export_csv_create(f, EXPORT_GB18030);
		const char *bad[] = { "ok", "\xE5\xBC" };   /* cut UTF-8 */
		ok(!export_csv_row(x, bad, 2), "invalid UTF-8 refused");
		ok(export_csv_row(x, one, 2), "the next row still writes");
		export_csv_destroy(x);
		fclose(f);
		is_int((int)sz, 13, "nothing of the bad row was written");
		free(buf);
	}

	ok(export_encoding_parse("GBK", &e) && e == EXPORT_GB18030, "gbk -> GB18030");
	ok(export_encoding_parse("utf-8-bom", &e) && e == EXPORT_UTF8_BOM, "utf-8-bom");
	ok(!export_encoding_parse("latin1", &e), "unknown encoding refused");
	ok(export_csv_destroy(NULL), "destroy(NULL)");
	print_dir();
	return tap_done();
}
