/* test_residents_gen.h - a census file for the import test and benchmark:
 * rows with valid GB 11643 numbers (forms/idnum), 3 persons a household,
 * quoted addresses with a comma, and (for more than 100 rows) bad lines of
 * every kind at fixed places, written in the charset asked for through
 * forms/enc. Included by one .c file each (static functions). */
#ifndef JZ_TEST_RESIDENTS_GEN_H
#define JZ_TEST_RESIDENTS_GEN_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enc.h"
#include "idnum.h"

typedef struct expect {
	long line;
	const char *word;     /* a part of the reason */
} expect;

static const char *const rel[] = { "户主", "配偶", "子女" };
static const char *const given[] = { "伟", "芳", "秀英", "建国", "丽", "强", "敏", "静", "磊", "桂兰", "志明" };
static const char *const surn[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴" };
/* days since 1950-01-01 -> YYYYMMDD */
static void ymd(int days, char out[9])
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 1950, m = 0;
	for (;;) {
		int yl = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
		if (days < yl)
			break;
		days -= yl;
		y++;
	}
	for (;; m++) {
		int ml = mdays[m] + (m == 1 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
		if (days < ml)
			break;
		days -= ml;
	}
	char tmp[40];
	snprintf(tmp, sizeof tmp, "%04d%02d%02d", y % 10000, (m + 1) % 100, (days + 1) % 100);
	memcpy(out, tmp, 9);
}

static void make_id(int i, char id[19])
{
	char d[9], tmp[40];
	ymd(i % 20000, d);
	snprintf(tmp, sizeof tmp, "110105%s%03d", d, (i / 20000) % 1000);
	memcpy(id, tmp, 17);
	id[17] = idnum_check_char(id);
	id[18] = '\0';
}

/* Write the file (line 1 header, data line k+1 for row k); with_bad: bad
 * lines at fixed places (rows must be over 90,000 for all of them). Returns the number of good rows. */
static long write_file(const char *path, const char *charset, long rows, bool with_bad, expect *ex, int *nex)
{
	FILE *f = fopen(path, "wb");
	char line[512], id[19];
	long good = 0;
	int n = 0;
	char *chunk = malloc(1 << 20);
	size_t used = 0;

	if (!f || !chunk)
		return -1;
	{
		const char *h = "社区代码,户号,姓名,身份证号,与户主关系,联系电话,现住址\r\n";
		char *hc = enc_convert(charset, "UTF-8", h, strlen(h), &used);
		if (!hc)
			return -1;
		memcpy(chunk, hc, used);
		free(hc);
	}
	for (long k = 0; k < rows; k++) {
		long ln = k + 2;
		int i = (int)k;
		make_id(i, id);
		const char *name = surn[i % 10];
		char nm[40];
		snprintf(nm, sizeof nm, "%s%s", name, given[(i / 10) % 11]);
		int len = snprintf(line, sizeof line, "110105001001,H%06d,%s,%s,%s,%s,\"幸福里小区%d号楼,%d单元\"\r\n",
				   i / 3, nm, id, rel[i % 3], i % 3 == 0 ? "13900001111" : "",
				   i / 300 + 1, i % 6 + 1);
		if (with_bad && k == 10) {          /* wrong check character */
			id[17] = id[17] == '0' ? '1' : '0';
			len = snprintf(line, sizeof line, "110105001001,H%06d,%s,%s,户主,,\r\n", i / 3, nm, id);
			ex[n++] = (expect){ ln, "校验位" };
		} else if (with_bad && k == 5000) {  /* a column missing */
			len = snprintf(line, sizeof line, "110105001001,H%06d,%s,%s,户主\r\n", i / 3, nm, id);
			ex[n++] = (expect){ ln, "应有 7 列" };
		} else if (with_bad && k == 20000) { /* month 13 */
			len = snprintf(line, sizeof line, "110105001001,H%06d,%s,11010519491331002X,户主,,\r\n", i / 3, nm);
			ex[n++] = (expect){ ln, "不是有效日期" };
		} else if (with_bad && k == 30000) { /* unknown relationship */
			len = snprintf(line, sizeof line, "110105001001,H%06d,%s,%s,邻居,,\r\n", i / 3, nm, id);
			ex[n++] = (expect){ ln, "与户主关系" };
		} else if (with_bad && k == 40000) { /* the same person as row 1 */
			make_id(1, id);
			len = snprintf(line, sizeof line, "110105001001,H%06d,%s,%s,子女,,\r\n", i / 3, nm, id);
			ex[n++] = (expect){ ln, "第 3 行重复" };
		} else if (with_bad && k == 60000) { /* no community */
			len = snprintf(line, sizeof line, "999999999999,H%06d,%s,%s,户主,,\r\n", i / 3, nm, id);
			ex[n++] = (expect){ ln, "社区代码" };
		} else if (with_bad && k == 70000) { /* no name */
			len = snprintf(line, sizeof line, "110105001001,H%06d,,%s,户主,,\r\n", i / 3, id);
			ex[n++] = (expect){ ln, "姓名" };
		} else if (with_bad && k == 80000) { /* bad phone */
			len = snprintf(line, sizeof line, "110105001001,H%06d,%s,%s,户主,电话坏了,\r\n", i / 3, nm, id);
			ex[n++] = (expect){ ln, "联系电话" };
		} else {
			good++;
		}
		size_t olen = (size_t)len;
		char *conv = enc_convert(charset, "UTF-8", line, (size_t)len, &olen);
		if (!conv)
			return -1;
		if (with_bad && k == 90000) {        /* not GB18030 at all */
			free(conv);
			conv = strdup("110105001001,H0,\x81\x20\x81,X,户主,,\r\n");
			olen = strlen(conv);
			ex[n++] = (expect){ ln, "不是有效的" };
			good--;
		}
		if (used + olen > (1 << 20)) {
			fwrite(chunk, 1, used, f);
			used = 0;
		}
		memcpy(chunk + used, conv, olen);
		used += olen;
		free(conv);
	}
	fwrite(chunk, 1, used, f);
	free(chunk);
	fclose(f);
	*nex = n;
	return good;
}

#endif
