/* scr_menu.c - the main menu: what the staff member's role may do. Items
 * whose screens later versions build say so instead of pretending. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "i18n.h"
#include "admin_ui.h"
#include "assess_ui.h"
#include "intake_ui.h"
#include "queue_ui.h"
#include "volunteer_ui.h"
#include "scr_funds.h"
#include "services_ui.h"

typedef struct menu_item {
	const char *label;    /* N_() */
	const char *help;     /* N_() one line under the menu */
} menu_item;

static const menu_item reception_items[] = {
	{ N_("New assistance application"), N_("Enter the application form of a household") },
	{ N_("My drafts"), N_("Applications you started and have not submitted") },
	{ N_("Find an application"), N_("Answer \"where is my application?\"") },
	{ N_("Edit an application"), N_("Change the phone, address or reason of an application") },
};
static const menu_item caseworker_items[] = {
	{ N_("Preliminary review"), N_("Check submitted applications and their proofs") },
	{ N_("Home assessment"), N_("The on-site assessment checklist") },
	{ N_("Assistance plans"), N_("Plans of the households assigned to you") },
	{ N_("Follow-up visits"), N_("Visits due and visit logs") },
	{ N_("Volunteer visit rota"), N_("Coverage of home visits, fill the week, week grids") },
	{ N_("Volunteers"), N_("Volunteers, their hours this week and this year") },
	{ N_("Edit an application"), N_("Change the phone, address or reason of an application") },
};
static const menu_item supervisor_items[] = {
	{ N_("Work queue"), N_("What is waiting, by state") },
	{ N_("Overdue reminders"), N_("Applications past their deadline") },
	{ N_("Approvals"), N_("Assistance plans waiting for a decision") },
	{ N_("Year's indicators"), N_("Budget and the year's targets") },
	{ N_("Audit trail"), N_("Who changed or looked at what, and when") },
	{ N_("Funds and payments"), N_("The year's money against what the plans owe; the monthly payment run") },
	{ N_("Counselling"), N_("Counselling activities, enrolment and attendance") },
	{ N_("Skills training"), N_("Training classes, trainees, subsidies and jobs found") },
	{ N_("Satisfaction calls"), N_("Recipients' answers per service") },
	{ N_("Volunteer visit rota"), N_("Coverage of home visits, fill the week, week grids") },
	{ N_("Visit gaps"), N_("Recipients under the weekly minimum and missed visits") },
};
static const menu_item admin_items[] = {
	{ N_("Staff accounts"), N_("Add, disable and reset staff accounts") },
	{ N_("Policy parameters"), N_("Amounts, deadlines and rules with their dates") },
	{ N_("Holidays and area codes"), N_("The holiday calendar and the GB/T 2260 code list") },
	{ N_("Audit trail"), N_("Who changed or looked at what, and when") },
	{ N_("Funds and payments"), N_("The year's money against what the plans owe; the monthly payment run") },
};

typedef struct menu_state {
	const menu_item *items;
	int count;
	int sel;
} menu_state;

static const ui_action menu_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CANCEL, UI_ACT_REFRESH, UI_ACT_SELECT,
	UI_ACT_UP, UI_ACT_DOWN, UI_ACT_LIST_HELP, UI_ACT_NONE,
};

/* The key of item i: 1-9, then a, b, c... (the supervisor's menu is longer
 * than nine). */
static char menu_keych(int i)
{
	return (char)(i < 9 ? '1' + i : 'a' + (i - 9));
}

static const char *menu_title(const ui_screen *s)
{
	(void)s;
	return _("Main menu");
}

static const char *menu_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	return a == UI_ACT_CANCEL ? _("Log out") : NULL;
}

static const char *role_name(db_staff_role r)
{
	switch (r) {
	case DB_ROLE_RECEPTION:
		return _("receptionist");
	case DB_ROLE_CASEWORKER:
		return _("social worker");
	case DB_ROLE_SUPERVISOR:
		return _("supervisor");
	case DB_ROLE_ADMIN:
		return _("administrator");
	case DB_ROLE_NONE:
	default:
		return "-";
	}
}

static bool menu_open(ui_screen *s, ui_app *app, void *arg)
{
	menu_state *st = calloc(1, sizeof *st);
	(void)arg;
	if (!st)
		return false;
#define SET(a) do { st->items = (a); st->count = (int)(sizeof(a) / sizeof((a)[0])); } while (0)
	switch (app->me.role) {
	case DB_ROLE_RECEPTION:
		SET(reception_items);
		break;
	case DB_ROLE_CASEWORKER:
		SET(caseworker_items);
		break;
	case DB_ROLE_SUPERVISOR:
		SET(supervisor_items);
		break;
	case DB_ROLE_ADMIN:
		SET(admin_items);
		break;
	case DB_ROLE_NONE:
	default:
		break;
	}
#undef SET
	s->data = st;
	return true;
}

static void menu_close(ui_screen *s, ui_app *app)
{
	(void)app;
	free(s->data);
	s->data = NULL;
}

static void menu_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	menu_state *st = s->data;
	char line[400];
	int y = r.y + 1, x = r.x + 4;

	snprintf(line, sizeof line, _("Role: %s    Communities: %s"),
		 role_name(app->me.role), app->me.communities[0] ? app->me.communities : "-");
	ui_put(stdscr, y, x, line, r.w - x - 1, A_NORMAL);
	y += 2;
	ui_put(stdscr, y, x, _("Choose with the arrow keys or the number, then press Enter:"),
	       r.w - x - 1, A_NORMAL);
	y += 2;
	if (st->count == 0)
		ui_put(stdscr, y, x + 2, _("Your role has no functions yet."), r.w - x - 3, A_NORMAL);
	/* a long menu (the supervisor's) is drawn a line apart to fit 80x24 */
	int step = st->count > 6 ? 1 : 2;
	for (int i = 0; i < st->count && y + i * step < r.y + r.h - 2; i++) {
		attr_t at = i == st->sel ? A_REVERSE | A_BOLD : A_NORMAL;
		snprintf(line, sizeof line, " %c. %s ", menu_keych(i), _(st->items[i].label));
		ui_put(stdscr, y + i * step, x + 2, line, r.w - x - 3, at);
	}
	if (st->count > 0)
		ui_put(stdscr, r.y + r.h - 1, x, _(st->items[st->sel].help), r.w - x - 1, A_NORMAL);
	/* the highlighted item says where we are: no cursor */
	(void)cy;
	(void)cx;
}

static ui_result menu_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	menu_state *st = s->data;

	for (int i = 0; a == UI_ACT_NONE && !k.code && i < st->count; i++)
		if (k.ch == (wint_t)menu_keych(i) || (i >= 9 && k.ch == (wint_t)(menu_keych(i) - 'a' + 'A'))) {
			st->sel = i;
			a = UI_ACT_SELECT;
		}
	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_UP:
		if (st->count)
			st->sel = (st->sel + st->count - 1) % st->count;
		return UI_HANDLED;
	case UI_ACT_DOWN:
		if (st->count)
			st->sel = (st->sel + 1) % st->count;
		return UI_HANDLED;
	case UI_ACT_SELECT:
		/* the intake screens (scr_intake.c, scr_drafts.c) */
		if (st->items == reception_items && st->sel <= 1) {
			ui_app_push(app, st->sel == 0 ? &ui_intake_screen : &ui_drafts_screen, NULL);
			return UI_HANDLED;
		}
		/* the queues (scr_queue.c, scr_review.c) */
		if (st->items == caseworker_items && st->sel == 0) {
			ui_queue_arg q = { .kind = DB_QUEUE_STATE, .state = "submitted", .review = true };
			ui_app_push(app, &ui_queue_screen, &q);
			return UI_HANDLED;
		}
		/* the assessment and the plans (scr_assess.c, scr_plan.c) */
		if (st->items == caseworker_items && st->sel == 1) {
			ui_app_push(app, &ui_assess_screen, NULL);
			return UI_HANDLED;
		}
		/* 救助计划 and 回访 (scr_plans.c, scr_followup.c) */
		if (st->items == caseworker_items && (st->sel == 2 || st->sel == 3)) {
			ui_app_push(app, st->sel == 2 ? &ui_plans_screen : &ui_followup_screen, NULL);
			return UI_HANDLED;
		}
		if (st->items == supervisor_items && st->sel == 2) {
			ui_app_push(app, &ui_plan_screen, &(ui_plan_arg){ .application_id = 0 });
			return UI_HANDLED;
		}
		if (st->items == supervisor_items && st->sel <= 1) {
			static const ui_queue_arg qs[2] = {
				{ .kind = DB_QUEUE_STATE, .state = "submitted" },
				{ .kind = DB_QUEUE_OVERDUE },
			};
			ui_app_push(app, &ui_queue_screen, (void *)&qs[st->sel]);
			return UI_HANDLED;
		}
		/* scr_appedit.c, scr_audit.c, scr_staff.c: matched by label */
		if (st->count && strcmp(st->items[st->sel].label, "Edit an application") == 0) {
			ui_app_push(app, &ui_appedit_screen, NULL);
			return UI_HANDLED;
		}
		/* scr_indicators.c */
		if (st->count && strcmp(st->items[st->sel].label, "Year's indicators") == 0) {
			extern const ui_screen_ops ui_indicators_screen;
			ui_app_push(app, &ui_indicators_screen, NULL);
			return UI_HANDLED;
		}
		if (st->count && strcmp(st->items[st->sel].label, "Audit trail") == 0) {
			ui_app_push(app, &ui_audit_screen, NULL);
			return UI_HANDLED;
		}
		if (st->count && strcmp(st->items[st->sel].label, "Funds and payments") == 0) {
			ui_app_push(app, &ui_funds_screen, NULL);
			return UI_HANDLED;
		}
		/* scr_counsel.c, scr_training.c, scr_feedback.c */
		if (st->count && strcmp(st->items[st->sel].label, "Counselling") == 0) {
			ui_app_push(app, &ui_counsel_screen, NULL);
			return UI_HANDLED;
		}
		if (st->count && strcmp(st->items[st->sel].label, "Skills training") == 0) {
			ui_app_push(app, &ui_training_screen, NULL);
			return UI_HANDLED;
		}
		if (st->count && strcmp(st->items[st->sel].label, "Satisfaction calls") == 0) {
			ui_app_push(app, &ui_feedback_screen, NULL);
			return UI_HANDLED;
		}
		/* scr_coverage.c, scr_volunteer.c */
		if (st->count && (strcmp(st->items[st->sel].label, "Volunteer visit rota") == 0 ||
				  strcmp(st->items[st->sel].label, "Visit gaps") == 0)) {
			ui_app_push(app, &ui_coverage_screen, NULL);
			return UI_HANDLED;
		}
		if (st->count && strcmp(st->items[st->sel].label, "Volunteers") == 0) {
			ui_app_push(app, &ui_volunteer_screen, NULL);
			return UI_HANDLED;
		}
		if (st->items == admin_items && st->sel == 0) {
			ui_app_push(app, &ui_staff_screen, NULL);
			return UI_HANDLED;
		}
		if (st->count)
			ui_app_message(app, false, "%s",
				       _("This function is not available yet (a later version provides it)."));
		return UI_HANDLED;
	case UI_ACT_CANCEL:
		/* log out: the next person at a shared terminal logs in */
		ui_app_session_end(app);
		ui_app_replace(app, &ui_login_screen, NULL);
		ui_app_message(app, false, "%s", _("You are logged out."));
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		return UI_HANDLED;
	case UI_ACT_NONE:
	default:
		return UI_UNHANDLED;
	}
}

const ui_screen_ops ui_menu_screen = {
	.id = "menu",
	.actions = menu_actions,
	.title = menu_title,
	.open = menu_open,
	.draw = menu_draw,
	.key = menu_key,
	.close = menu_close,
	.save = NULL,
	.action_name = menu_action_name,
};
