/* queue_ui.h - the queue screens (what is waiting, what is late), the
 * preliminary review (初审) and the full record of an application. */
#ifndef JZ_TUI_QUEUE_UI_H
#define JZ_TUI_QUEUE_UI_H

#include <stdbool.h>

#include "app.h"
#include "workflow.h"

/* Which queue opens first; the F4 picker switches. */
typedef struct ui_queue_arg {
	db_queue_kind kind;
	const char *state;      /* for DB_QUEUE_STATE */
	bool review;            /* Enter opens the preliminary review */
} ui_queue_arg;

extern const ui_screen_ops ui_queue_screen;    /* arg: ui_queue_arg * */
extern const ui_screen_ops ui_review_screen;   /* arg: const db_queue_row * (copied) */
extern const ui_screen_ops ui_detail_screen;   /* arg: long long * (application id) */

/* The working-day clock in words ("剩余 3 个工作日", "已超期 2 个工作日",
 * "待确认") into buf; "" when the application has no deadline. */
void ui_queue_clock_text(const db_queue_row *r, bool long_form, char *buf, size_t len);

/* Read one application's queue row (days left, version...) by id and number. */
bool ui_queue_row_by_id(ui_app *app, long long id, const char *number, const char *state,
			db_queue_row *out, db_err *err);

#endif
