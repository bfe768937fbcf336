/* volunteer_ui.h - the volunteer and home-visit screens (issue 6). */
#ifndef JZ_TUI_VOLUNTEER_UI_H
#define JZ_TUI_VOLUNTEER_UI_H

#include "app.h"

/* The week grid of one volunteer or one recipient (the other id 0). */
typedef struct ui_week_arg {
	char monday[11];
	long long volunteer_id, recipient_id;
	char name[96];
} ui_week_arg;

extern const ui_screen_ops ui_coverage_screen;   /* arg: NULL */
extern const ui_screen_ops ui_week_screen;       /* arg: ui_week_arg * (copied) */
extern const ui_screen_ops ui_volunteer_screen;  /* arg: NULL: the list with hours */

/* "Mon".."Sun", translated; day 0 = Monday. */
const char *ui_weekday_name(int day);

#endif
