/* svc_form.h - the frame of 心理辅导 and 技能培训: a year field, the year's
 * activities in a list (F6 opens a five-field form for a new one, F5 saves
 * it, Esc goes back; Enter opens the participants in an enrol_view). The
 * screen keeps its rows and says what differs in a const svc_form_spec. */
#ifndef JZ_TUI_SVC_FORM_H
#define JZ_TUI_SVC_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "enrol_view.h"
#include "lineedit.h"
#include "list.h"
#include "valid.h"

enum { SVC_FIELDS = 5 };
enum svc_mode { SVC_LIST, SVC_FORM, SVC_PEOPLE };

typedef struct svc_form_spec {
	const ui_list_col *cols;        /* the activities */
	int ncols;
	const ui_list_ops *ops;         /* called with the screen's ctx */
	const enrol_view_spec *people;
	const char *none;               /* msgid: no activity this year */
	const char *form_title;         /* msgid */
	const char *labels[SVC_FIELDS]; /* msgids */
	lineedit_kind kinds[SVC_FIELDS];
	int widths[SVC_FIELDS];
	size_t maxc[SVC_FIELDS];
	/* Reads the year's rows (svc_form_year says which). */
	void (*load)(void *ctx);
	/* Saves the form: true with the message said. */
	bool (*save)(void *ctx);
	/* The participants' heading: the activity list.cursor. */
	void (*heading)(void *ctx, char *buf, size_t len);
} svc_form_spec;

typedef struct svc_form {
	const svc_form_spec *spec;
	void *ctx;
	ui_app *app;
	enum svc_mode mode;
	lineedit year;
	ui_list list;
	lineedit f[SVC_FIELDS];
	char ferr[SVC_FIELDS][VALID_MSG_SIZE];
	int focus;
	enrol_view view;                /* participants of list.cursor */
} svc_form;

/* The year field starts at this year. */
void svc_form_init(svc_form *sf, const svc_form_spec *spec, ui_app *app, void *ctx);
void svc_form_finish(svc_form *sf);
/* The year typed (2000-2999), or 0 with the complaint said. */
int svc_form_year(svc_form *sf);
/* "Year" and its field on the first row of r. */
void svc_form_draw_year(svc_form *sf, ui_rect r);
/* The list, the form or the participants from row y of r. */
ui_more svc_form_draw(svc_form *sf, ui_rect r, int y, int *cy, int *cx);
ui_result svc_form_key(svc_form *sf, ui_app *app, ui_key k, ui_action a);
/* The participants are shown and the F4 list is not open: F6 and F5 act
 * on them. */
bool svc_form_on_people(const svc_form *sf);
/* Whether action a does something now, for the legend: F4 and F10 on the
 * list of activities, F4 and F6 on the form, F4, F6 and F10 while the F4
 * list is open (Enter picks there) do not. */
bool svc_form_applies(const svc_form *sf, ui_action a);
/* A form field was refused: the first marked one gets the focus; says
 * nothing was saved. Returns false for the save callback. */
bool svc_form_refused(svc_form *sf);

#endif
