/* intake_ui.h - the intake screens (the 《救助申请表》, its receipt, the
 * drafts list) and what their files share. */
#ifndef JZ_TUI_INTAKE_UI_H
#define JZ_TUI_INTAKE_UI_H

#include <stdbool.h>
#include <time.h>

#include "app.h"
#include "intake.h"          /* db/: submit, drafts, missing */
#include "intake_form.h"     /* forms/: the form as data */
#include "lineedit.h"

extern const ui_screen_ops ui_intake_screen;    /* arg: ui_intake_arg or NULL (new) */
extern const ui_screen_ops ui_receipt_screen;   /* arg: ui_receipt_arg */
extern const ui_screen_ops ui_drafts_screen;    /* arg: non-NULL asks "continue?" first */

/* Resuming a draft: the form (taken over) and its row. */
typedef struct ui_intake_arg {
	intake_form *form;
	long long draft_id;
	int version;
} ui_intake_arg;

/* The receipt screen's argument; result is taken over when it opens. */
typedef struct ui_receipt_arg {
	db_intake_result result;
	char applicant_name[128];
	char applicant_id[20];
	char community[128];
} ui_receipt_arg;

/* After login: when the staff member has drafts, offer them. */
void ui_drafts_offer(ui_app *app);

/* A choice of an F4 list, made at run time. */
typedef struct ui_pick {
	char code[160];
	char label[160];
	int num;         /* the number shown and typed (a member's); 0: its place */
} ui_pick;

typedef struct intake_state {
	intake_form *form;
	int page;
	intake_item *items;
	size_t n_items;
	int focus;              /* index into items; -1 none */
	int top;                /* first layout row shown */
	lineedit le;            /* the focused typed field */
	bool le_loaded;
	char title[160];

	long long draft_id;
	int draft_version;
	bool unsaved;           /* changed since the last draft save */
	time_t last_key;        /* monotonic seconds of the last typed key */
	bool offline;           /* the last database call failed: kept in memory */

	db_intake_missing *missing;
	size_t n_missing;
	bool missing_known;

	bool picking;           /* the F4 list is open */
	ui_pick *picks;
	size_t n_picks;
	int pick_sel;
	int confirm_remove;     /* member row asked to be removed, 0 none */
} intake_state;

/* scr_intake_act.c */
bool intake_ui_typed(const intake_item *it);
void intake_ui_load_field(intake_state *st);
/* Leave the focused field: check it, keep it, look for duplicates, save the
 * draft. false: the field is in error (message shown, focus stays). */
bool intake_ui_leave(intake_state *st, ui_app *app);
void intake_ui_changed(intake_state *st, ui_app *app, const intake_item *it);
void intake_ui_save_draft(intake_state *st, ui_app *app, bool quiet);
void intake_ui_refresh_missing(intake_state *st, ui_app *app);
void intake_ui_rebuild(intake_state *st);
void intake_ui_goto(intake_state *st, int page, int focus);
bool intake_ui_open_picker(intake_state *st, ui_app *app);
void intake_ui_pick(intake_state *st, ui_app *app, int sel);
/* The choice a typed digit (1-9) names, -1 none. */
int intake_ui_pick_digit(const intake_state *st, int digit);
ui_result intake_ui_submit(ui_screen *s, ui_app *app);
void intake_ui_today(int *y, int *m, int *d);
time_t intake_ui_now(void);

#endif
