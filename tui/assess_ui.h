/* assess_ui.h - the on-site assessment checklist, the plan and the due
 * follow-ups (issue 5). */
#ifndef JZ_TUI_ASSESS_UI_H
#define JZ_TUI_ASSESS_UI_H

#include "app.h"

extern const ui_screen_ops ui_assess_screen;    /* arg: NULL (my cases) */
/* arg: ui_plan_arg *: a caseworker's plan of an application, or (supervisor)
 * the submitted plans waiting for a decision when application_id is 0. */
typedef struct ui_plan_arg {
	long long application_id;
	long long plan_id;      /* open this plan as it is (0: the application's proposal) */
} ui_plan_arg;
extern const ui_screen_ops ui_plan_screen;
/* The caseworker's due follow-ups (回访), arg NULL; and my cases' plans
 * (救助计划), arg NULL, each opening ui_plan_screen. */
extern const ui_screen_ops ui_followup_screen;
extern const ui_screen_ops ui_plans_screen;

#endif
