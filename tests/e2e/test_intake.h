/* test_intake.h - what the 救助申请表 e2e tests share: a private print
 * folder, the private database read as its superuser (libpq, parameters
 * only), fresh valid ID numbers nobody has used yet, logging in as
 * reception, and moving through the form by the labels on the screen.
 *
 * The tests log in as reception, whose drafts are offered after login to
 * every other test that logs in as reception: they clear that account's
 * drafts before and after, and run alone (is_parallel: false). */
#ifndef JZ_TESTS_E2E_INTAKE_H
#define JZ_TESTS_E2E_INTAKE_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "e2e.h"

typedef struct ie_ctx {
	e2e_env env;
	char print_dir[256];   /* $JIUZHU_PRINT_DIR, made fresh */
	PGconn *pg;            /* superuser jiuzhu on the private cluster */
	unsigned seed;
} ie_ctx;

/* env for locale, a fresh print folder. False: skip (reason printed). */
bool ie_init(ie_ctx *c, const char *locale);
void ie_finish(ie_ctx *c);
/* Connect to the private database (it runs once jiuzhu started). */
bool ie_db(ie_ctx *c);
/* First column of the first row, malloc'd; NULL on error (printed) or no row. */
char *ie_query(ie_ctx *c, const char *sql, int n, const char *const *params);
/* Delete the drafts of login (test data of the shared e2e folder). */
void ie_clear_drafts(ie_ctx *c, const char *login);

/* A valid GB 11643 number of 朝阳区 (110105) born y-m-d, sex from seq's
 * parity, that no person in the database has. */
bool ie_fresh_id(ie_ctx *c, char out[19], int y, int m, int d, bool male);
/* The current year (ages are relative to it). */
int ie_this_year(void);

/* Start jiuzhu, log in as user/demo; waits for 主菜单 or the drafts offer. */
vt *ie_login(ie_ctx *c, const char *user);
/* From 主菜单: 1 opens 新建救助申请 1/5. */
bool ie_open_form(vt *t);
/* After ie_login (zh_CN): decline the drafts offer if it is up; true on the
 * main menu. */
bool ie_to_menu(vt *t);
/* A complete low-income application of one person (幸福里社区, 13800001111)
 * submitted as reception through jz.submit_application; its number. */
bool ie_submit_low_income(ie_ctx *c, const char *id, const char *name, const char *address,
			  char number[64]);
/* From the main menu: 修改申请, the number, Enter; true when it is open. */
bool ie_open_edit(vt *t, const char *number);

/* The cursor is in the field of label (the first row at or below the row
 * holding below, if given, whose text has label; the field to its right). */
bool ie_focus(vt *t, const char *label, const char *below);
/* ie_focus, then type text and Tab. */
bool ie_put(vt *t, const char *label, const char *below, const char *text);
/* Text of the row right of label (trimmed), malloc'd, or NULL. */
char *ie_value(const vt *t, const char *label, const char *below);
/* Wait until the title row (0) has s. */
bool ie_wait_title(vt *t, const char *s);
/* On 主菜单: type the number of the entry labelled label ("N. label"),
 * wherever the role's menu puts it. False (screen dumped) if none. */
bool ie_menu_pick(vt *t, const char *label);

#endif
