/* scr_review.c - preliminary review (初审) of a submitted application: the
 * summary, every missing proof, the 5-working-day clock, and the three
 * decisions: accept (受理), return for documents (补正: the one-time notice
 * is written by the receipt screen's writer) and reject with a reason
 * (不予受理). Each is one jz.transition() with the version read here; a
 * conflict shows what the other person changed and keeps the typed reason. */
#include "queue_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "intake_ui.h"

typedef struct review_state {
	db_queue_row row;
	db_intake_missing *missing;
	size_t n_missing;
	bool missing_known;
	bool rejecting;          /* the reason field is open */
	lineedit reason;
	char conflict[700];      /* what the other person changed, "" none */
	char title[160];
} review_state;

static const ui_action review_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_SAVE, UI_ACT_NEW, UI_ACT_CHOICES, UI_ACT_REFRESH,
	UI_ACT_CANCEL, UI_ACT_SELECT, UI_ACT_NONE,
};

static const char *review_title(const ui_screen *s)
{
	const review_state *st = s->data;
	return st ? st->title : _("Preliminary review");
}

static const char *review_action_name(const ui_screen *s, ui_action a)
{
	const review_state *st = s->data;
	switch (a) {
	case UI_ACT_SAVE:
		return st && st->rejecting ? _("Confirm rejection") : _("Accept");
	case UI_ACT_NEW:
		return _("Return for documents");
	case UI_ACT_CHOICES:
		return _("Reject");
	case UI_ACT_SELECT:
		return _("Full record");
	case UI_ACT_CANCEL:
		return _("Back");
	default:
		return NULL;
	}
}

static void load_missing(review_state *st, ui_app *app)
{
	db_err err;
	memset(&err, 0, sizeof err);
	db_intake_missing_free(st->missing);
	st->missing = NULL;
	st->n_missing = 0;
	st->missing_known = app->conn &&
		db_intake_missing_for_application(app->conn, st->row.id, &st->missing, &st->n_missing, &err);
	if (app->conn && !st->missing_known)
		ui_app_message(app, true, _("The missing proofs could not be read: %s"), err.message);
}

/* Read the row again (version, clock, state) after a conflict or F5. */
static void reload(review_state *st, ui_app *app)
{
	db_queue_row r;
	db_err err;
	memset(&err, 0, sizeof err);
	if (ui_queue_row_by_id(app, st->row.id, st->row.number, st->row.state, &r, &err))
		st->row = r;
	load_missing(st, app);
}

static bool review_open(ui_screen *s, ui_app *app, void *arg)
{
	const db_queue_row *r = arg;
	review_state *st = calloc(1, sizeof *st);
	if (!st || !r)
		return free(st), false;
	st->row = *r;
	lineedit_init(&st->reason, LINEEDIT_TEXT, 60, 2000, 0);
	snprintf(st->title, sizeof st->title, _("Preliminary review %s"), r->number);
	s->data = st;
	load_missing(st, app);
	return true;
}

static void review_close(ui_screen *s, ui_app *app)
{
	review_state *st = s->data;
	(void)app;
	if (!st)
		return;
	lineedit_finish(&st->reason);
	db_intake_missing_free(st->missing);
	free(st);
	s->data = NULL;
}

static void review_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	review_state *st = s->data;
	const db_queue_row *q = &st->row;
	char line[800], clock[128];
	int y = r.y + 1, x = r.x + 2, w = r.w - 4;
	(void)app;

	snprintf(line, sizeof line, _("Application number: %s   State: %s"), q->number, q->state_name);
	ui_put(stdscr, y++, x, line, w, A_BOLD);
	snprintf(line, sizeof line, _("Applicant: %s   ID number: %s"), q->applicant, q->id_masked);
	ui_put(stdscr, y++, x, line, w, A_NORMAL);
	snprintf(line, sizeof line, _("Community: %s   Submitted: %s"), q->community, q->submitted);
	ui_put(stdscr, y++, x, line, w, A_NORMAL);
	ui_queue_clock_text(q, true, clock, sizeof clock);
	if (q->notify_by[0]) {
		snprintf(line, sizeof line, _("Notify by %s: %s"), q->notify_by, clock);
		/* overdue is said in words and bold, not by colour */
		ui_put(stdscr, y, x, line, w, q->overdue ? A_BOLD | A_UNDERLINE : A_NORMAL);
	}
	y += 2;
	if (!st->missing_known) {
		ui_put(stdscr, y++, x, _("Missing proofs: unknown (F5 reads them again)"), w, A_NORMAL);
	} else if (st->n_missing == 0) {
		ui_put(stdscr, y++, x, _("Every required proof is there."), w, A_NORMAL);
	} else {
		snprintf(line, sizeof line, _("Missing proofs (%zu):"), st->n_missing);
		ui_put(stdscr, y++, x, line, w, A_BOLD);
		int room = r.y + r.h - y - 5;
		for (size_t i = 0; i < st->n_missing && (int)i < room; i++) {
			const db_intake_missing *m = &st->missing[i];
			int n = snprintf(line, sizeof line, "%2zu. %s", i + 1, m->doc_name);
			if (m->person_name[0] && n > 0 && (size_t)n < sizeof line)
				n += snprintf(line + n, sizeof line - (size_t)n, _(" (of %s)"), m->person_name);
			if (m->alternatives[0] && n > 0 && (size_t)n < sizeof line)
				snprintf(line + n, sizeof line - (size_t)n, _(", or instead: %s"), m->alternatives);
			ui_put(stdscr, y++, x + 2, line, w - 2, A_NORMAL);
		}
		if ((int)st->n_missing > room && room >= 0)
			s->more = UI_MORE_MORE;
	}
	int by = r.y + r.h - 4;
	if (st->conflict[0])
		ui_put(stdscr, by, x, st->conflict, w, A_BOLD);
	by += 1;
	if (st->rejecting) {
		const char *lab = _("Reason for rejection (required):");
		int lw = ui_put(stdscr, by, x, lab, w / 2, A_NORMAL);
		lineedit_set_width(&st->reason, w - lw - 1);
		ui_field_draw(stdscr, by, x + lw + 1, &st->reason, true);
		ui_field_place_cursor(stdscr, by, x + lw + 1, &st->reason);
		getyx(stdscr, *cy, *cx);
		ui_put(stdscr, by + 1, x, _("F10 rejects with this reason; Esc goes back without deciding."), w,
		       A_NORMAL);
	} else {
		ui_put(stdscr, by + 1, x,
		       _("F10 accept   F6 return for documents   F4 reject   Enter full record"),
		       w, A_NORMAL);
	}
}

/* A decision failed: say why in plain words; on a version conflict show
 * the other change, read the row again and keep what was typed. */
static void decision_failed(review_state *st, ui_app *app, const db_err *err)
{
	if (strcmp(err->sqlstate, DB_WF_CONFLICT) == 0) {
		snprintf(st->conflict, sizeof st->conflict, _("Changed meanwhile by someone else: %s"),
			 err->detail[0] ? err->detail : err->message);
		reload(st, app);
		ui_app_message(app, true, "%s",
			       _("Someone else changed this application. Check the change; your input is kept. Decide again."));
		return;
	}
	if (strcmp(err->sqlstate, DB_WF_PRECONDITION) == 0) {
		load_missing(st, app);
		ui_app_message(app, true, _("Not possible yet: %s"), err->message);
		return;
	}
	if (strcmp(err->sqlstate, DB_WF_REASON) == 0) {
		st->rejecting = true;
		ui_app_message(app, true, "%s", _("A reason is required."));
		return;
	}
	ui_app_message(app, true, _("The decision was not saved: %s"), err->message);
}

static bool decide(review_state *st, ui_app *app, const char *to, const char *reason)
{
	db_err err;
	int newv = 0;
	memset(&err, 0, sizeof err);
	if (!app->conn || !db_wf_transition(app->conn, st->row.id, to, reason, st->row.version, &newv, &err)) {
		if (!app->conn)
			db_err_set(&err, DB_ERR_CONNECT, "%s", _("not connected"));
		decision_failed(st, app, &err);
		return false;
	}
	st->row.version = newv;
	st->conflict[0] = '\0';
	return true;
}

/* 补正: move to returned, then the receipt screen writes the one-time
 * notice of every missing paper (its writer, not a copy). */
static void return_for_documents(review_state *st, ui_app *app)
{
	load_missing(st, app);
	if (!decide(st, app, "returned", NULL))
		return;
	ui_receipt_arg a;
	memset(&a, 0, sizeof a);
	a.result.application_id = st->row.id;
	snprintf(a.result.number, sizeof a.result.number, "%s", st->row.number);
	snprintf(a.result.state, sizeof a.result.state, "%s", "returned");
	snprintf(a.result.state_name, sizeof a.result.state_name, "%s", _("returned for documents"));
	a.result.missing = st->missing;      /* taken over by the receipt */
	a.result.n_missing = st->n_missing;
	st->missing = NULL;
	st->n_missing = 0;
	snprintf(a.applicant_name, sizeof a.applicant_name, "%s", st->row.applicant);
	/* the masked number: the notice never carries more */
	snprintf(a.applicant_id, sizeof a.applicant_id, "%s", st->row.id_masked);
	snprintf(a.community, sizeof a.community, "%s", st->row.community);
	if (!ui_app_replace(app, &ui_receipt_screen, &a))
		db_intake_result_finish(&a.result);
}

static ui_result review_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	review_state *st = s->data;

	if (a == UI_ACT_EXIT)
		return UI_QUIT;
	if (st->rejecting) {
		if (a == UI_ACT_CANCEL) {
			st->rejecting = false;   /* the typed reason stays for next time */
			return UI_HANDLED;
		}
		if (a == UI_ACT_SAVE) {
			char *reason = lineedit_get_utf8(&st->reason);
			const char *p = reason;
			while (p && (*p == ' ' || *p == '\t'))
				p++;
			if (!p || !*p) {
				ui_app_message(app, true, "%s", _("A reason is required."));
			} else if (decide(st, app, "rejected", reason)) {
				ui_app_pop(app);
				ui_app_message(app, false, "%s", _("Rejected; the reason is recorded."));
			}
			free(reason);
			return UI_HANDLED;
		}
		if (a != UI_ACT_NONE && a != UI_ACT_SELECT && a != UI_ACT_CHOICES && a != UI_ACT_NEW)
			return UI_UNHANDLED;
		lineedit_result r = ui_field_key(&st->reason, k.code ? KEY_CODE_YES : OK, k.ch);
		return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
	}
	switch (a) {
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_REFRESH:
		reload(st, app);
		return UI_HANDLED;
	case UI_ACT_SAVE:
		if (decide(st, app, "accepted", NULL)) {
			ui_app_pop(app);
			ui_app_message(app, false, "%s", _("Accepted."));
		}
		return UI_HANDLED;
	case UI_ACT_NEW:
		return_for_documents(st, app);
		return UI_HANDLED;
	case UI_ACT_CHOICES:
		st->rejecting = true;
		return UI_HANDLED;
	case UI_ACT_SELECT: {
		long long id = st->row.id;
		ui_app_push(app, &ui_detail_screen, &id);
		return UI_HANDLED;
	}
	default:
		return UI_UNHANDLED;
	}
}

const ui_screen_ops ui_review_screen = {
	.id = "review",
	.actions = review_actions,
	.title = review_title,
	.open = review_open,
	.draw = review_draw,
	.key = review_key,
	.close = review_close,
	.save = NULL,
	.action_name = review_action_name,
	.tick = NULL,
	.notify = NULL,
};
