/* enrol_view.h - the participants of one activity (心理辅导, 技能培训):
 * enrol a person by ID number (F4 lists the eligible, Enter picks one), the
 * enrolled in a list, and two fields about the one under the cursor that F5
 * saves. The screen keeps its activity and says what differs in a const
 * enrol_view_spec (labels as msgids, callbacks for the database). */
#ifndef JZ_TUI_ENROL_VIEW_H
#define JZ_TUI_ENROL_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "db.h"
#include "lineedit.h"
#include "list.h"
#include "valid.h"

enum { ENROL_ID, ENROL_F1, ENROL_F2, ENROL_FIELDS };
enum enrol_saved { ENROL_FAILED = -1, ENROL_INVALID = 0, ENROL_SAVED = 1 };

typedef struct enrol_view enrol_view;

typedef struct enrol_view_spec {
	const ui_list_col *cols;        /* column 0 the name, 1 the ID number */
	int ncols;
	size_t row_size;                /* of one person row */
	lineedit_kind kind2;            /* field 2; field 1 is yes/no text */
	int width2;
	size_t max2;
	const char *label1, *label2;    /* msgids */
	int label2_width, field2_x;     /* field 2 at x + field2_x */
	const char *pick_title, *pick_none;   /* msgids */
	/* The enrolled (or the eligible not enrolled) into a malloc'd array;
	 * says why in the message line when it fails. */
	bool (*load)(void *ctx, bool enrolled, void **rows, size_t *n);
	void (*cell)(const void *row, int col, char *buf, size_t len);
	/* Fields 1 and 2 from row (NULL: nobody). */
	void (*show)(enrol_view *v, const void *row);
	/* Enrols person pid: true with the message said, or the refusal in
	 * plain words in err. */
	bool (*enrol)(void *ctx, long long pid, const char *name, char *err, size_t len);
	/* Saves fields 1 (yes) and 2 of row: ENROL_INVALID with v->perr[ENROL_F2]
	 * set, ENROL_FAILED with e set, ENROL_SAVED with the message said. */
	enum enrol_saved (*save)(void *ctx, enrol_view *v, const void *row, bool yes, db_err *e);
	/* An enrolment or a save changed the counts: reload the activities. */
	void (*changed)(void *ctx);
} enrol_view_spec;

struct enrol_view {
	const enrol_view_spec *spec;
	void *ctx;
	ui_app *app;
	bool picking;                   /* the F4 list is open */
	void *people, *pick;
	size_t npeople, npick;
	ui_list plist, klist;
	lineedit p[ENROL_FIELDS];
	char perr[ENROL_FIELDS][VALID_MSG_SIZE];
	int pfocus;
};

void enrol_view_init(enrol_view *v, const enrol_view_spec *spec, ui_app *app, void *ctx);
void enrol_view_finish(enrol_view *v);
/* Opens the view on the screen's current activity. */
void enrol_view_open(enrol_view *v);
/* Draws from row y of r (below the screen's heading). */
ui_more enrol_view_draw(enrol_view *v, ui_rect r, int y, int *cy, int *cx);
ui_result enrol_view_key(enrol_view *v, ui_app *app, ui_key k, ui_action a);
/* The person row i of the enrolled. */
const void *enrol_view_row(const enrol_view *v, size_t i);

/* Shared by the screens' own forms: a label, its field at x + 14 and the
 * field's complaint after it; a key typed into a field. */
void enrol_form_line(int y, int x, int w, const char *label, lineedit *le, bool focus, const char *err);
ui_result enrol_field_key(lineedit *le, ui_key k);

#endif
