/* scr_intake_act.c - what happens when a field of the 《救助申请表》 is left
 * (check, keep, duplicates, draft, what is still missing), the F4 lists,
 * and the submit. */
#include "intake_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "idnum.h"
#include "valid.h"

void intake_ui_today(int *y, int *m, int *d)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

time_t intake_ui_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* A failed database call: keep everything, say so. */
static void db_trouble(intake_state *st, ui_app *app, const db_err *err, const char *what)
{
	if (err->kind == DB_ERR_LOST || err->kind == DB_ERR_CONNECT || !db_ok(app->conn)) {
		st->offline = true;
		ui_app_message(app, true, "%s",
			       _("The database cannot be reached: everything you typed is kept in memory and saved when it is back."));
		return;
	}
	ui_app_message(app, true, "%s: %s", what, err->message);
}

void intake_ui_save_draft(intake_state *st, ui_app *app, bool quiet)
{
	db_err err;
	memset(&err, 0, sizeof err);
	if (!st->unsaved || !app->conn)
		return;
	char *json = intake_to_json(st->form);
	if (!json)
		return;
	long long id = st->draft_id;
	int version = st->draft_version;
	if (db_draft_save(app->conn, &id, &version, 0, json, &err)) {
		st->draft_id = id;
		st->draft_version = version;
		st->unsaved = false;
		if (st->offline) {
			st->offline = false;
			ui_app_message(app, false, "%s", _("The database is back; the draft is saved."));
		} else if (!quiet) {
			ui_app_message(app, false, "%s", _("Draft saved."));
		}
	} else if (!strcmp(err.sqlstate, DB_INTAKE_CONFLICT)) {
		ui_app_message(app, true, "%s",
			       _("This draft was saved from another session meanwhile. Your input is kept on the screen; exit and open it again from My drafts to see the other change."));
	} else {
		db_trouble(st, app, &err, _("The draft could not be saved"));
	}
	free(json);
}

void intake_ui_refresh_missing(intake_state *st, ui_app *app)
{
	db_err err;
	db_intake_missing *m = NULL;
	size_t n = 0;

	memset(&err, 0, sizeof err);
	if (!app->conn)
		return;
	char *json = intake_to_json(st->form);
	if (!json)
		return;
	if (db_intake_missing_for_form(app->conn, json, &m, &n, &err)) {
		db_intake_missing_free(st->missing);
		st->missing = m;
		st->n_missing = n;
		st->missing_known = true;
	} else if (err.kind == DB_ERR_SQL) {
		/* an incomplete form (no community yet) has no answer: not an error */
		st->missing_known = false;
	} else {
		db_trouble(st, app, &err, _("What is missing could not be checked"));
	}
	free(json);
}

/* The person is already somewhere: say where, at once. */
static void check_duplicate(intake_state *st, ui_app *app, const char *id18)
{
	db_person_where w;
	db_err err;
	char mask[19];

	memset(&err, 0, sizeof err);
	if (!app->conn)
		return;
	if (!db_intake_find_person(app->conn, id18, &w, &err)) {
		db_trouble(st, app, &err, _("The ID number could not be looked up"));
		return;
	}
	if (!w.found)
		return;
	idnum_mask(id18, mask);
	if (w.application_id)
		ui_app_message(app, true,
			       _("%s is already in application %s (%s, %s): no second one."),
			       w.name, w.application_number, w.state_name, w.application_community);
	else if (w.household_id)
		ui_app_message(app, true, _("%s (%s) is already a member of another household in %s."),
			       w.name, mask, w.household_community);
}

/* A value changed: labels, proofs and totals follow; the draft is saved. */
void intake_ui_changed(intake_state *st, ui_app *app, const intake_item *it)
{
	intake_area area = it->ref.area;
	int idx = it->ref.idx;
	st->unsaved = true;
	intake_ui_rebuild(st);
	intake_ui_load_field(st);
	intake_ui_save_draft(st, app, true);
	if (area == INTAKE_AREA_CATEGORY || area == INTAKE_AREA_PROOF ||
	    (area == INTAKE_AREA_MEMBER && idx == IM_ID) ||
	    (area == INTAKE_AREA_HOUSEHOLD && idx == IH_COMMUNITY))
		intake_ui_refresh_missing(st, app);
}

bool intake_ui_leave(intake_state *st, ui_app *app)
{
	char norm[2048], msg[INTAKE_MSG_SIZE];

	if (st->focus < 0 || !st->le_loaded)
		return true;
	const intake_item *it = &st->items[st->focus];
	char *text = lineedit_get_utf8(&st->le);
	if (!text)
		return false;
	bool changed = strcmp(text, intake_get(st->form, it->ref)) != 0 || st->le.dirty;
	idnum old_id;
	bool from15 = it->kind == INTAKE_IDNUM &&
		idnum_parse(text, 0, 0, 0, &old_id) == IDNUM_OK && old_id.from15;
	if (!intake_check(st->form, it, text, norm, sizeof norm, msg, sizeof msg)) {
		/* the input stays, in the field and in the draft; the cursor too */
		intake_set(st->form, it->ref, text);
		st->unsaved = true;
		ui_app_message(app, true, "%s", msg);
		free(text);
		beep();
		return false;
	}
	free(text);
	bool was_error = app->msg_error;
	const char *old = intake_get(st->form, it->ref);
	changed = changed || strcmp(old, norm) != 0;
	if (!changed) {
		if (was_error)
			ui_app_clear_message(app);
		return true;
	}
	intake_set(st->form, it->ref, norm);
	lineedit_set_utf8(&st->le, norm);
	lineedit_mark_clean(&st->le);
	if (was_error)
		ui_app_clear_message(app);
	intake_item copy = *it;
	intake_ui_changed(st, app, &copy);
	if (from15)
		/* the number on the screen is not the one typed: say why */
		ui_app_message(app, false, _("The old 15-digit number was converted to 18 digits: %s"), norm);
	if (copy.kind == INTAKE_IDNUM && norm[0])
		check_duplicate(st, app, norm);
	if (copy.ref.area == INTAKE_AREA_PROOF && copy.ref.idx == IP_NUMBER && norm[0] &&
	    strcmp(intake_get(st->form, (intake_ref){ INTAKE_AREA_PROOF, copy.ref.row, IP_SEEN }), "y") != 0)
		/* a number alone does not count: the original must be seen */
		ui_app_message(app, false, "%s",
			       _("Number filled in: check the original, then set \"Seen\" to yes."));
	return true;
}

/* ---- F4 lists ---- */

static bool add_pick(intake_state *st, const char *code, const char *label)
{
	ui_pick *np = realloc(st->picks, (st->n_picks + 1) * sizeof *np);
	if (!np)
		return false;
	st->picks = np;
	snprintf(np[st->n_picks].code, sizeof np->code, "%s", code);
	snprintf(np[st->n_picks].label, sizeof np->label, "%s", label);
	np[st->n_picks].num = 0;
	st->n_picks++;
	return true;
}

bool intake_ui_open_picker(intake_state *st, ui_app *app)
{
	const intake_item *it = &st->items[st->focus];
	char label[200];

	free(st->picks);
	st->picks = NULL;
	st->n_picks = 0;
	switch (it->list) {
	case INTAKE_LIST_COMMUNITY: {
		/* the staff member's own communities, comma-separated */
		const char *p = app->me.communities;
		while (*p) {
			size_t n = strcspn(p, ",");
			snprintf(label, sizeof label, "%.*s", (int)n, p);
			if (label[0])
				add_pick(st, label, label);
			p += n;
			if (*p == ',')
				p++;
		}
		break;
	}
	case INTAKE_LIST_ETHNIC:
		for (int c = 1; c <= VALID_ETHNIC_COUNT; c++) {
			snprintf(label, sizeof label, "%02d %s", c, valid_ethnic_name(c));
			add_pick(st, valid_ethnic_name(c), label);
		}
		break;
	case INTAKE_LIST_MEMBER:
		for (size_t r = 0; r < st->form->n_members; r++) {
			const intake_member *m = &st->form->m[r];
			if (!m->v[IM_ID][0])
				continue;
			/* the list's number is the member's: no second one */
			if (add_pick(st, m->v[IM_ID], m->v[IM_NAME]))
				st->picks[st->n_picks - 1].num = (int)r + 1;
		}
		break;
	case INTAKE_LIST_NONE:
		break;
	case INTAKE_LIST_HUKOU:
	case INTAKE_LIST_RELATIONSHIP:
	case INTAKE_LIST_EMPLOYMENT:
	case INTAKE_LIST_HEALTH:
	case INTAKE_LIST_DIS_CATEGORY:
	case INTAKE_LIST_DIS_GRADE:
	case INTAKE_LIST_YESNO:
	default: {
		size_t n;
		const intake_choice *c = intake_list_choices(it->list, &n);
		for (size_t i = 0; i < n; i++)
			add_pick(st, c[i].code, _(c[i].label));
		break;
	}
	}
	if (st->n_picks == 0) {
		ui_app_message(app, true, "%s",
			       it->list == INTAKE_LIST_MEMBER
			       ? _("No member has an ID number yet: enter the members first (page 2).")
			       : _("There is nothing to choose from."));
		return false;
	}
	st->pick_sel = 0;
	const char *cur = intake_get(st->form, it->ref);
	for (size_t i = 0; i < st->n_picks; i++)
		if (!strcmp(st->picks[i].code, cur))
			st->pick_sel = (int)i;
	st->picking = true;
	return true;
}

int intake_ui_pick_digit(const intake_state *st, int digit)
{
	for (size_t i = 0; i < st->n_picks; i++)
		if (st->picks[i].num ? st->picks[i].num == digit : (int)i + 1 == digit)
			return (int)i;
	return -1;
}

void intake_ui_pick(intake_state *st, ui_app *app, int sel)
{
	st->picking = false;
	if (sel < 0 || (size_t)sel >= st->n_picks)
		return;
	const intake_item *it = &st->items[st->focus];
	if (st->le_loaded) {
		/* a typed field with a list (民族): the choice becomes the text */
		lineedit_set_utf8(&st->le, st->picks[sel].code);
		lineedit_end(&st->le);
		st->le.dirty = true;
		intake_ui_leave(st, app);
		return;
	}
	intake_item copy = *it;
	intake_set(st->form, it->ref, st->picks[sel].code);
	intake_ui_changed(st, app, &copy);
}

/* ---- submit ---- */

/* Every field of every page checked; the first one in error gets the
 * page, the focus and the message. */
static bool check_all(intake_state *st, ui_app *app)
{
	char norm[2048], msg[INTAKE_MSG_SIZE];
	for (int p = 0; p < INTAKE_PAGES; p++) {
		size_t n;
		intake_item *items = intake_page_items(st->form, p, &n);
		for (size_t i = 0; i < n; i++) {
			if (items[i].kind == INTAKE_HEADING || items[i].kind == INTAKE_COMPUTED)
				continue;
			if (!intake_check(st->form, &items[i], intake_get(st->form, items[i].ref),
					  norm, sizeof norm, msg, sizeof msg)) {
				free(items);
				intake_ui_goto(st, p, (int)i);
				ui_app_message(app, true, "%s", msg);
				return false;
			}
		}
		free(items);
	}
	return true;
}

/* A refusal that says what it is about (the category and member of a
 * broken rule, the member already elsewhere) puts the cursor on that field;
 * false when it names nothing the form has. */
static bool refusal_focus(intake_state *st, const db_err *err)
{
	db_intake_about about;
	intake_ref want;
	int page;

	if (!db_intake_refusal_about(err, &about))
		return false;
	int c = intake_category_by_code(about.category);
	if (c >= 0) {
		/* the member it names is chosen there; else its yes/no */
		page = INTAKE_PAGE_PROOFS;
		want = (intake_ref){ INTAKE_AREA_CATEGORY, c,
				     c == IC_DISABLED || c == IC_UNEMPLOYED ? 1 : 0 };
	} else {
		int r = about.id_number[0] ? intake_member_by_id(st->form, about.id_number) : -1;
		if (r < 0)
			return false;
		page = r == 0 ? INTAKE_PAGE_APPLICANT : INTAKE_PAGE_MEMBERS;
		want = (intake_ref){ INTAKE_AREA_MEMBER, r, IM_ID };
	}
	size_t n;
	int at = -1;
	intake_item *items = intake_page_items(st->form, page, &n);
	for (size_t i = 0; items && i < n && at < 0; i++)
		if (items[i].ref.area == want.area && items[i].ref.row == want.row &&
		    items[i].ref.idx == want.idx && items[i].kind != INTAKE_HEADING)
			at = (int)i;
	free(items);
	if (at < 0)
		return false;
	intake_ui_goto(st, page, at);
	return true;
}

ui_result intake_ui_submit(ui_screen *s, ui_app *app)
{
	intake_state *st = s->data;
	db_intake_result res;
	db_err err;

	memset(&err, 0, sizeof err);
	memset(&res, 0, sizeof res);
	if (!intake_ui_leave(st, app) || !check_all(st, app))
		return UI_HANDLED;
	if (!app->conn) {
		ui_app_message(app, true, "%s", _("Not connected to the database."));
		return UI_HANDLED;
	}
	char *json = intake_to_json(st->form);
	if (!json)
		return UI_HANDLED;
	/* the key is the form's: a retry after a lost answer makes no second one */
	bool okay = db_intake_submit(app->conn, json, st->form->idem_key, &res, &err);
	free(json);
	if (!okay) {
		if (err.kind == DB_ERR_SQL) {
			refusal_focus(st, &err);
			ui_app_message(app, true, _("Not submitted: %s"), err.message);
		} else
			ui_app_message(app, true, "%s",
				       _("Not submitted: the database cannot be reached. Everything is kept; press F10 again later (it will not be submitted twice)."));
		st->unsaved = true;
		intake_ui_save_draft(st, app, true);
		return UI_HANDLED;
	}
	if (st->draft_id && !db_draft_delete(app->conn, st->draft_id, &err))
		ui_app_message(app, true, "%s", _("Submitted, but the draft could not be deleted."));
	st->draft_id = 0;
	st->unsaved = false;

	ui_receipt_arg ra;
	memset(&ra, 0, sizeof ra);
	ra.result = res;   /* taken over by the receipt screen */
	snprintf(ra.applicant_name, sizeof ra.applicant_name, "%s", st->form->m[0].v[IM_NAME]);
	snprintf(ra.applicant_id, sizeof ra.applicant_id, "%s", st->form->m[0].v[IM_ID]);
	snprintf(ra.community, sizeof ra.community, "%s", st->form->h[IH_COMMUNITY]);
	/* s is freed here: nothing below may touch it */
	if (!ui_app_replace(app, &ui_receipt_screen, &ra))
		db_intake_result_finish(&ra.result);
	return UI_HANDLED;
}
