/* scr_menu.c - the main menu: what the staff member's role may do. Items
 * whose screens later versions build say so instead of pretending. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>

#include "frame.h"
#include "i18n.h"
#include "admin_ui.h"
#include "assess_ui.h"
#include "intake_ui.h"
#include "queue_ui.h"
#include "volunteer_ui.h"
#include "scr_funds.h"
#include "services_ui.h"
#include "find_ui.h"
#include "policy_ui.h"

/* Every item names the screen it opens and that screen's argument (htop's
 * and tig's tables): one dispatch below, no matching of labels. An item
 * without a screen says a later version provides it. */
typedef struct menu_item {
	const char *label;    /* N_() */
	const char *help;     /* N_() one line under the menu */
	const ui_screen_ops *screen;   /* NULL: not available yet */
	const void *arg;      /* the screen's open() argument; they only read it */
} menu_item;

extern const ui_screen_ops ui_indicators_screen;   /* scr_indicators.c */

static const ui_queue_arg q_review = { .kind = DB_QUEUE_STATE, .state = "submitted", .review = true };
static const ui_queue_arg q_submitted = { .kind = DB_QUEUE_STATE, .state = "submitted" };
static const ui_queue_arg q_overdue = { .kind = DB_QUEUE_OVERDUE };
static const ui_plan_arg plan_decisions = { .application_id = 0 };

#define EDIT_ITEM { .label = N_("Edit an application"), \
	.help = N_("Change the phone, address or reason of an application"), .screen = &ui_appedit_screen }
#define ROTA_ITEM { .label = N_("Volunteer visit rota"), \
	.help = N_("Coverage of home visits, fill the week, week grids"), .screen = &ui_coverage_screen }
#define AUDIT_ITEM { .label = N_("Audit trail"), \
	.help = N_("Who changed or looked at what, and when"), .screen = &ui_audit_screen }
/* Social workers run the counselling activities and classes and make the
 * satisfaction calls too (the database grants them: 0081). */
#define SERVICE_ITEMS \
	{ .label = N_("Counselling"), .help = N_("Counselling activities, enrolment and attendance"), \
	  .screen = &ui_counsel_screen }, \
	{ .label = N_("Skills training"), .help = N_("Training classes, trainees, subsidies and jobs found"), \
	  .screen = &ui_training_screen }, \
	{ .label = N_("Satisfaction calls"), .help = N_("Recipients' answers per service"), \
	  .screen = &ui_feedback_screen }
#define FUNDS_ITEM { .label = N_("Funds and payments"), \
	.help = N_("The year's money against what the plans owe; the monthly payment run"), \
	.screen = &ui_funds_screen }

static const menu_item reception_items[] = {
	{ .label = N_("New assistance application"), .help = N_("Enter the application form of a household"),
	  .screen = &ui_intake_screen },
	{ .label = N_("My drafts"), .help = N_("Applications you started and have not submitted"),
	  .screen = &ui_drafts_screen },
	{ .label = N_("Find an application"), .help = N_("Answer \"where is my application?\""),
	  .screen = &ui_find_screen },
	EDIT_ITEM,
};
static const menu_item caseworker_items[] = {
	{ .label = N_("Preliminary review"), .help = N_("Check submitted applications and their proofs"),
	  .screen = &ui_queue_screen, .arg = &q_review },
	{ .label = N_("Home assessment"), .help = N_("The on-site assessment checklist"),
	  .screen = &ui_assess_screen },
	{ .label = N_("Assistance plans"), .help = N_("Plans of the households assigned to you"),
	  .screen = &ui_plans_screen },
	{ .label = N_("Follow-up visits"), .help = N_("Visits due and visit logs"),
	  .screen = &ui_followup_screen },
	ROTA_ITEM,
	{ .label = N_("Volunteers"), .help = N_("Volunteers, their hours this week and this year"),
	  .screen = &ui_volunteer_screen },
	EDIT_ITEM,
	SERVICE_ITEMS,
};
static const menu_item supervisor_items[] = {
	{ .label = N_("Work queue"), .help = N_("What is waiting, by state"),
	  .screen = &ui_queue_screen, .arg = &q_submitted },
	{ .label = N_("Overdue reminders"), .help = N_("Applications past their deadline"),
	  .screen = &ui_queue_screen, .arg = &q_overdue },
	{ .label = N_("Approvals"), .help = N_("Assistance plans waiting for a decision"),
	  .screen = &ui_plan_screen, .arg = &plan_decisions },
	{ .label = N_("Year's indicators"), .help = N_("Budget and the year's targets"),
	  .screen = &ui_indicators_screen },
	AUDIT_ITEM,
	FUNDS_ITEM,
	SERVICE_ITEMS,
	ROTA_ITEM,
	{ .label = N_("Visit gaps"), .help = N_("Recipients under the weekly minimum and missed visits"),
	  .screen = &ui_coverage_screen },
};
static const menu_item admin_items[] = {
	{ .label = N_("Staff accounts"), .help = N_("Add, disable and reset staff accounts"),
	  .screen = &ui_staff_screen },
	{ .label = N_("Policy parameters"), .help = N_("Amounts, deadlines and rules with their dates"),
	  .screen = &ui_policy_screen },
	{ .label = N_("Holidays and area codes"), .help = N_("The holiday calendar and the GB/T 2260 code list"),
	  .screen = &ui_holidays_screen },
	AUDIT_ITEM,
	FUNDS_ITEM,
};

#undef EDIT_ITEM
#undef ROTA_ITEM
#undef AUDIT_ITEM
#undef FUNDS_ITEM
#undef SERVICE_ITEMS

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
	char line[600], comms[400];
	int y = r.y + 1, x = r.x + 4;

	/* the session keeps the database's ',' (the intake form splits on it) */
	ui_list_text(app->me.communities, comms, sizeof comms);
	snprintf(line, sizeof line, _("Role: %s    Communities: %s"),
		 role_name(app->me.role), comms[0] ? comms : "-");
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
	case UI_ACT_SELECT: {
		const menu_item *it = st->count ? &st->items[st->sel] : NULL;
		if (it && it->screen)
			ui_app_push(app, it->screen, (void *)it->arg);   /* open() only reads it */
		else if (it)
			ui_app_message(app, false, "%s",
				       _("This function is not available yet (a later version provides it)."));
		return UI_HANDLED;
	}
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
