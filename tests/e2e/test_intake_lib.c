/* test_intake_lib.c - shared by the 救助申请表 e2e tests (test_intake.h). */
#include "test_intake.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cluster.h"
#include "idnum.h"
#include "tap.h"

bool ie_init(ie_ctx *c, const char *locale)
{
	memset(c, 0, sizeof *c);
	c->seed = (unsigned)getpid() * 2654435761u ^ (unsigned)time(NULL);
	if (!e2e_env_init(&c->env, locale))
		return false;
	snprintf(c->print_dir, sizeof c->print_dir, "/tmp/jiuzhu-e2e-print-XXXXXX");
	if (!mkdtemp(c->print_dir)) {
		tap_diag("mkdtemp: %s", strerror(errno));
		return false;
	}
	return e2e_env_set(&c->env, "JIUZHU_PRINT_DIR", c->print_dir);
}

void ie_finish(ie_ctx *c)
{
	/* the receipts and notices of this run */
	DIR *d = c->print_dir[0] ? opendir(c->print_dir) : NULL;
	for (struct dirent *e; d && (e = readdir(d));) {
		char p[600];
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "%s/%s", c->print_dir, e->d_name);
		unlink(p);
	}
	if (d) {
		closedir(d);
		rmdir(c->print_dir);
	}
	if (c->pg)
		PQfinish(c->pg);
	c->pg = NULL;
}

bool ie_db(ie_ctx *c)
{
	db_cluster cl;
	char err[512], info[1400];
	if (c->pg)
		return true;
	if (!db_cluster_paths(c->env.data, &cl, err, sizeof err)) {
		tap_diag("cluster paths: %s", err);
		return false;
	}
	snprintf(info, sizeof info, "host='%s' port='%s' dbname=jiuzhu user=%s",
		 cl.sockdir, cl.port, DB_CLUSTER_SUPERUSER);
	c->pg = PQconnectdb(info);
	if (PQstatus(c->pg) != CONNECTION_OK) {
		tap_diag("connect %s: %s", info, PQerrorMessage(c->pg));
		PQfinish(c->pg);
		c->pg = NULL;
		return false;
	}
	return true;
}

char *ie_query(ie_ctx *c, const char *sql, int n, const char *const *params)
{
	if (!ie_db(c))
		return NULL;
	PGresult *r = PQexecParams(c->pg, sql, n, NULL, params, NULL, NULL, 0);
	char *v = NULL;
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
		tap_diag("query failed: %s: %s", sql, PQresultErrorMessage(r));
	else if (st == PGRES_TUPLES_OK && PQntuples(r) > 0 && PQnfields(r) > 0)
		v = strdup(PQgetisnull(r, 0, 0) ? "" : PQgetvalue(r, 0, 0));
	else if (st == PGRES_COMMAND_OK)
		v = strdup(PQcmdTuples(r));
	PQclear(r);
	return v;
}

void ie_clear_drafts(ie_ctx *c, const char *login)
{
	const char *p[] = { login };
	free(ie_query(c, "delete from jz.drafts where login = $1", 1, p));
}

int ie_this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

bool ie_fresh_id(ie_ctx *c, char out[19], int y, int m, int d, bool male)
{
	for (int tries = 0; tries < 500; tries++) {
		c->seed = c->seed * 1103515245u + 12345u;
		int seq = (int)((c->seed >> 8) % 500) * 2 + (male ? 1 : 0);
		char first17[18];
		snprintf(first17, sizeof first17, "110105%04d%02d%02d%03d", y, m, d, seq);
		char ck = idnum_check_char(first17);
		if (ck == '?')
			return false;
		snprintf(out, 19, "%s%c", first17, ck);
		const char *p[] = { out };
		char *hit = ie_query(c, "select count(*) from jz.persons where id_number = $1", 1, p);
		bool used = !hit || strcmp(hit, "0") != 0;
		free(hit);
		if (!used)
			return true;
	}
	return false;
}

static bool menu_or_offer(const vt *t, void *arg)
{
	(void)arg;
	char *title = vt_row_text(t, 0);
	bool hit = title && (strstr(title, "主菜单") || strstr(title, "草稿"));
	free(title);
	return hit;
}

vt *ie_login(ie_ctx *c, const char *user)
{
	vt *t = e2e_start(&c->env, 24, 80, NULL);
	if (!t)
		return NULL;
	if (!e2e_wait_login(t, E2E_FIRST_SCREEN_MS)) {
		tap_diag("no login screen");
		vt_screen_dump(t);
		vt_destroy(t);
		return NULL;
	}
	e2e_type_login(t, user, "demo");
	if (!vt_wait_until(t, menu_or_offer, NULL, E2E_SCREEN_MS)) {
		tap_diag("no main menu after login");
		vt_screen_dump(t);
		vt_destroy(t);
		return NULL;
	}
	return t;
}

bool ie_to_menu(vt *t)
{
	/* ie_login waited for the menu or the offer: one of them is up */
	if (vt_wait_text(t, "主菜单", 100))
		return true;
	vt_send(t, "n");
	return vt_wait_text(t, "主菜单", E2E_SCREEN_MS);
}

/* Only row 0 counts: the text may already be elsewhere on the screen (a
 * menu entry named like the screen), and the wait must keep reading. */
static bool title_has(const vt *t, void *arg)
{
	char *title = vt_row_text(t, 0);
	bool hit = title && strstr(title, (const char *)arg);
	free(title);
	return hit;
}

bool ie_wait_title(vt *t, const char *s)
{
	if (vt_wait_until(t, title_has, (void *)(uintptr_t)s, E2E_SCREEN_MS))
		return true;
	tap_diag("title never showed '%s'", s);
	vt_screen_dump(t);
	return false;
}

bool ie_menu_pick(vt *t, const char *label)
{
	int rows, cols;
	vt_size(t, &rows, &cols);
	for (int r = 1; r < rows - 2; r++) {
		char *s = vt_row_text(t, r);
		char *hit = s ? strstr(s, label) : NULL;
		char *p = s;
		while (p && *p == ' ')
			p++;
		/* "   7. 修改申请": the digits, ". ", then the label */
		char *end = NULL;
		long n = p && *p >= '1' && *p <= '9' ? strtol(p, &end, 10) : 0;
		bool entry = hit && end && strncmp(end, ". ", 2) == 0 && end + 2 == hit && n < 10;
		free(s);
		if (entry) {
			char key[2] = { (char)('0' + n), '\0' };
			return vt_send(t, key);
		}
	}
	tap_diag("no menu entry '%s'", label);
	vt_screen_dump(t);
	return false;
}

bool ie_open_form(vt *t)
{
	vt_send(t, "1");
	return ie_wait_title(t, "新建救助申请 1/5");
}

static bool find_label(const vt *t, const char *label, const char *below, int *row, int *col)
{
	int rows, cols, start = 1;
	vt_size(t, &rows, &cols);
	if (below) {
		start = vt_find_text(t, below);
		if (start < 1)
			return false;
	}
	for (int r = start; r < rows - 2; r++) {
		int c = vt_text_col(t, r, label);
		if (c >= 0) {
			*row = r;
			*col = c;
			return true;
		}
	}
	return false;
}

typedef struct focus_arg {
	const char *label, *below;
} focus_arg;

static bool focus_pred(const vt *t, void *arg)
{
	const focus_arg *a = arg;
	int r, c, cr, cc;
	if (!find_label(t, a->label, a->below, &r, &c))
		return false;
	vt_cursor(t, &cr, &cc);
	return cr == r && cc > c && (c >= 40 || cc < 41);
}

bool ie_focus(vt *t, const char *label, const char *below)
{
	focus_arg a = { label, below };
	if (vt_wait_until(t, focus_pred, &a, E2E_SCREEN_MS))
		return true;
	tap_diag("the cursor never reached the field '%s'%s%s", label,
		 below ? " below " : "", below ? below : "");
	vt_screen_dump(t);
	char *m = vt_row_text(t, 23);
	tap_diag("message line: %s", m ? m : "");
	free(m);
	return false;
}

bool ie_put(vt *t, const char *label, const char *below, const char *text)
{
	return ie_focus(t, label, below) && vt_send(t, text) && vt_send(t, VT_TAB);
}

char *ie_value(const vt *t, const char *label, const char *below)
{
	int r, c;
	if (!find_label(t, label, below, &r, &c))
		return NULL;
	char *row = vt_row_text(t, r);
	if (!row)
		return NULL;
	char *p = strstr(row, label);
	p = p ? p + strlen(label) : row;
	if (*p == '*')
		p++;
	while (*p == ' ')
		p++;
	char *end = strstr(p, "   ");
	if (end)
		*end = '\0';
	char *v = strdup(p);
	free(row);
	return v;
}

bool ie_submit_low_income(ie_ctx *c, const char *id, const char *name, const char *address,
			  char number[64])
{
	char form[2000];
	const char *p[1] = { form };
	PGresult *r;
	bool good = false;

	snprintf(form, sizeof form,
		"{\"community\": \"110105001001\","
		" \"household\": {\"address\": \"%s\"},"
		" \"applicant\": {\"id_number\": \"%s\", \"name\": \"%s\", \"phone\": \"13800001111\"},"
		" \"categories\": [{\"code\": \"low_income\"}],"
		" \"proofs\": [{\"kind\": \"id_card\", \"person\": \"%s\", \"seen\": true},"
		"   {\"kind\": \"hukou\", \"seen\": true},"
		"   {\"kind\": \"low_income_cert\", \"seen\": true, \"valid_until\": \"2099-12-31\"}],"
		" \"declarations\": {\"pledge_signed\": true, \"auth_signed_by\": [\"%s\"]}}",
		address, id, name, id, id);
	PQclear(PQexec(c->pg, "SET SESSION AUTHORIZATION reception"));
	r = PQexecParams(c->pg, "SELECT (jz.submit_application($1::jsonb, gen_random_uuid())).number",
			 1, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
		snprintf(number, 64, "%s", PQgetvalue(r, 0, 0));
		good = true;
	} else {
		tap_diag("submit: %s", PQerrorMessage(c->pg));
	}
	PQclear(r);
	PQclear(PQexec(c->pg, "RESET SESSION AUTHORIZATION"));
	return good;
}

bool ie_open_edit(vt *t, const char *number)
{
	if (!ie_menu_pick(t, "修改申请"))
		return false;
	/* the menu itself says 修改申请: wait for the menu's title to go */
	if (!vt_wait_text_gone(t, "主菜单", E2E_SCREEN_MS) || !ie_wait_title(t, "修改申请")) {
		tap_diag("no 修改申请");
		vt_screen_dump(t);
		return false;
	}
	vt_send(t, number);
	vt_send(t, VT_ENTER);
	return vt_wait_text(t, "申请人", E2E_SCREEN_MS);
}
