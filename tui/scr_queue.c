/* scr_queue.c - the queues: applications by state (overdue first), overdue,
 * due today, mine; by community. One page at a time by keyset (the rows of
 * the page are the screen's memory, the list widget paints them). Live: the
 * screen LISTENs on DB_WF_CHANNEL and re-reads the page it shows when
 * anything changes, keeping the cursor on the same application. */
#include "queue_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "i18n.h"
#include "list.h"

/* One choice of the F4 picker. */
typedef struct queue_view {
	db_queue_kind kind;
	char state[24];
	int community_id;        /* 0: all of mine */
	char community[128];
	char label[160];
} queue_view;

typedef enum queue_sort {
	SORT_SERVER = 0,     /* the queue's own order: overdue first, by deadline */
	SORT_SUBMITTED,
	SORT_NAME,
	SORT_COUNT
} queue_sort;

typedef struct queue_state {
	queue_view view;
	char community_name[128];
	bool review;

	db_queue_row *rows;          /* the page shown */
	size_t n;
	char anchor[64];             /* the key the page was read from ("" first page) */
	int anchor_dir;              /* +1: after anchor, -1: before anchor */
	char filter[256];
	queue_sort sort;
	ui_list list;


	bool picking;                /* the F4 picker is open */
	bool can_take;               /* F6: a social worker's (jz.take_next refuses others) */
	queue_view *views;
	size_t n_views;
	ui_list pick;
	char title[320];
} queue_state;

static const ui_list_col queue_cols[] = {
	{ N_("Number"), 24, 24 },
	/* at 80 columns: a 4-character name, 超期17工作日 and 幸福里 whole
	 * (a 3-character state is the one cut there: 救助… ) */
	{ N_("Applicant"), 8, 12 },
	{ N_("ID number"), 18, 18 },
	{ N_("State"), 4, 6 },
	{ N_("Deadline"), 12, 14 },
	{ N_("Handled by"), 0, 10 },
	{ N_("Community"), 6, 0 },
};

static const ui_list_col pick_cols[] = {
	{ N_("Show"), 10, 0 },
};

static const ui_action queue_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CHOICES, UI_ACT_REFRESH, UI_ACT_NEW, UI_ACT_CANCEL,
	UI_ACT_SELECT, UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN,
	UI_ACT_FILTER, UI_ACT_SORT, UI_ACT_LIST_HELP, UI_ACT_NONE,
};

static const char *queue_title(const ui_screen *s)
{
	const queue_state *st = s->data;
	return st ? st->title : _("Work queue");
}

static const char *queue_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	switch (a) {
	case UI_ACT_NEW:
		return _("Take next");
	case UI_ACT_CHOICES:
		return _("Which queue");
	case UI_ACT_CANCEL:
		return _("Back");
	default:
		return NULL;
	}
}

void ui_queue_clock_text(const db_queue_row *r, bool long_form, char *buf, size_t len)
{
	buf[0] = '\0';
	if (!r->notify_by[0])
		return;
	if (!r->notify_by_certain)
		snprintf(buf, len, "%s", _("to be confirmed"));
	else if (r->overdue || r->days_left < 0)
		snprintf(buf, len, long_form ? _("overdue by %d working days") : _("overdue %d wd"),
			 r->days_left < 0 ? -r->days_left : 0);
	else if (r->days_left == 0)
		snprintf(buf, len, "%s", _("due today"));
	else
		snprintf(buf, len, long_form ? _("%d working days left") : _("%d wd left"), r->days_left);
}

/* --- the page in memory ------------------------------------------------ */

static int cmp_submitted(const void *a, const void *b)
{
	const db_queue_row *x = a, *y = b;
	int c = strcmp(x->submitted, y->submitted);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static int cmp_name(const void *a, const void *b)
{
	const db_queue_row *x = a, *y = b;
	int c = strcoll(x->applicant, y->applicant);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static void sort_page(queue_state *st)
{
	if (st->sort == SORT_SUBMITTED)
		qsort(st->rows, st->n, sizeof *st->rows, cmp_submitted);
	else if (st->sort == SORT_NAME)
		qsort(st->rows, st->n, sizeof *st->rows, cmp_name);
}

/* Read a page: from anchor in direction dir ("" = first page). On success
 * the rows are replaced and the cursor is put on keep_id if it is there,
 * else on the same index. A failed read keeps what is shown. */
static bool fetch(queue_state *st, ui_app *app, const char *anchor, int dir,
		  long long keep_id, bool keep_empty)
{
	db_err err;
	db_queue_row *rows = NULL;
	size_t n = 0;
	memset(&err, 0, sizeof err);

	if (!app->conn)
		return false;
	db_queue_query q = {
		.kind = st->view.kind,
		.state = st->view.state[0] ? st->view.state : NULL,
		.community_id = st->view.community_id,
		.filter = st->filter[0] ? st->filter : NULL,
		.after_key = anchor && anchor[0] && dir > 0 ? anchor : NULL,
		.before_key = anchor && anchor[0] && dir < 0 ? anchor : NULL,
		.limit = ui_list_page_rows(&st->list),
	};
	if (!db_queue_fetch(app->conn, &q, &rows, &n, &err)) {
		ui_app_message(app, true, _("The queue could not be read: %s"), err.message);
		return false;
	}
	if (n == 0 && !keep_empty) {
		free(rows);
		return false;   /* no page there: stay on this one */
	}
	size_t old_cursor = st->list.cursor;
	free(st->rows);
	st->rows = rows;
	st->n = n;
	snprintf(st->anchor, sizeof st->anchor, "%s", anchor ? anchor : "");
	st->anchor_dir = dir;
	sort_page(st);
	size_t cur = old_cursor;
	for (size_t i = 0; keep_id && i < n; i++)
		if (st->rows[i].id == keep_id)
			cur = i;
	ui_list_set_rows(&st->list, n, cur);
	return true;
}

static long long current_id(const queue_state *st)
{
	return st->n ? st->rows[st->list.cursor].id : 0;
}

/* The same page again (after a NOTIFY, F5, a transition): cursor on the
 * same application, not the same line. */
static void refetch(queue_state *st, ui_app *app)
{
	if (!fetch(st, app, st->anchor, st->anchor_dir, current_id(st), true))
		return;
	if (st->n == 0 && st->anchor[0])   /* the page emptied: back to the start */
		fetch(st, app, "", +1, 0, true);
}

/* --- list callbacks ---------------------------------------------------- */

typedef struct queue_ctx {
	queue_state *st;
	ui_app *app;
} queue_ctx;

/* The column's heading already says 社区: 幸福里社区 is shown as 幸福里, so
 * that it fits at 80 columns. A name that is only the word stays whole. */
static void community_text(const char *name, char *buf, size_t len)
{
	const char *word = _("Community");
	size_t n = strlen(name), w = strlen(word);
	if (n > w && strcmp(name + n - w, word) == 0)
		snprintf(buf, len, "%.*s", (int)(n - w), name);
	else
		snprintf(buf, len, "%s", name);
}

static void on_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	queue_state *st = ((queue_ctx *)ctx)->st;
	const db_queue_row *r = &st->rows[row];
	switch (col) {
	case 0: snprintf(buf, len, "%s", r->number); break;
	case 1: snprintf(buf, len, "%s", r->applicant); break;
	case 2: snprintf(buf, len, "%s", r->id_masked); break;
	case 3: snprintf(buf, len, "%s", r->state_name); break;
	case 4: ui_queue_clock_text(r, false, buf, len); break;
	case 5: snprintf(buf, len, "%s", r->assigned_to); break;
	case 6: community_text(r->community, buf, len); break;
	default: buf[0] = '\0'; break;
	}
}

static bool on_marked(void *ctx, size_t row)
{
	queue_state *st = ((queue_ctx *)ctx)->st;
	return st->rows[row].overdue;
}

static bool on_page(void *ctx, int dir)
{
	queue_ctx *c = ctx;
	queue_state *st = c->st;
	if (st->n == 0)
		return false;
	const char *key = dir > 0 ? st->rows[st->n - 1].key : st->rows[0].key;
	char k[64];
	snprintf(k, sizeof k, "%s", key);
	if (st->sort != SORT_SERVER) {
		/* the keys follow the server's order, not the page's */
		st->sort = SORT_SERVER;
		sort_page(st);
	}
	return fetch(st, c->app, k, dir, 0, false);
}

static void on_filter(void *ctx, const char *text)
{
	queue_ctx *c = ctx;
	snprintf(c->st->filter, sizeof c->st->filter, "%s", text);
	fetch(c->st, c->app, "", +1, 0, true);
}

static void on_sort(void *ctx)
{
	queue_ctx *c = ctx;
	queue_state *st = c->st;
	st->sort = (queue_sort)((st->sort + 1) % SORT_COUNT);
	/* the server's order comes back by reading the page again */
	refetch(st, c->app);
}

static const ui_list_ops queue_list_ops = {
	.cell = on_cell,
	.marked = on_marked,
	.page = on_page,
	.filter = on_filter,
	.sort = on_sort,
};

static void pick_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	queue_state *st = ((queue_ctx *)ctx)->st;
	(void)col;
	snprintf(buf, len, "%s", st->views[row].label);
}

static const ui_list_ops pick_list_ops = {
	.cell = pick_cell,
};

/* --- views ------------------------------------------------------------- */

static void make_title(queue_state *st)
{
	const char *comm = st->view.community_id ? st->community_name : _("all my communities");
	snprintf(st->title, sizeof st->title, "%s - %s", st->view.label, comm);
}

static const char *kind_label(db_queue_kind k)
{
	switch (k) {
	case DB_QUEUE_OVERDUE:
		return _("Overdue");
	case DB_QUEUE_DUE_TODAY:
		return _("Due today");
	case DB_QUEUE_MINE:
		return _("Assigned to me");
	case DB_QUEUE_STATE:
	default:
		return _("By state");
	}
}

static bool add_view(queue_state *st, db_queue_kind kind, const char *state,
		     int community_id, const char *label)
{
	queue_view *v = realloc(st->views, (st->n_views + 1) * sizeof *v);
	if (!v)
		return false;
	st->views = v;
	v += st->n_views++;
	memset(v, 0, sizeof *v);
	v->kind = kind;
	snprintf(v->state, sizeof v->state, "%s", state ? state : "");
	v->community_id = community_id;
	snprintf(v->label, sizeof v->label, "%s", label);
	return true;
}

/* The picker: the fixed queues, every state, every community I serve. */
static void load_views(queue_state *st, ui_app *app)
{
	db_err err;
	char label[200];
	memset(&err, 0, sizeof err);

	free(st->views);
	st->views = NULL;
	st->n_views = 0;
	add_view(st, DB_QUEUE_OVERDUE, NULL, 0, kind_label(DB_QUEUE_OVERDUE));
	add_view(st, DB_QUEUE_DUE_TODAY, NULL, 0, kind_label(DB_QUEUE_DUE_TODAY));
	add_view(st, DB_QUEUE_MINE, NULL, 0, kind_label(DB_QUEUE_MINE));
	db_wf_choice *rows = NULL;
	size_t n = 0;
	if (db_wf_states(app->conn, &rows, &n, &err)) {
		for (size_t i = 0; i < n; i++) {
			snprintf(label, sizeof label, _("State: %s"), rows[i].name);
			add_view(st, DB_QUEUE_STATE, rows[i].code, 0, label);
		}
		free(rows);
	}
	if (!db_wf_communities(app->conn, &rows, &n, &err))
		n = 0;
	if (n > 1 && add_view(st, st->view.kind, st->view.state, -1, _("Community: all of mine")))
		snprintf(st->views[st->n_views - 1].community, sizeof st->views[0].community, "%s", "");
	for (size_t i = 0; i < n; i++) {
		snprintf(label, sizeof label, _("Community: %s"), rows[i].name);
		if (add_view(st, st->view.kind, st->view.state, atoi(rows[i].code), label))
			snprintf(st->views[st->n_views - 1].community, sizeof st->views[0].community,
				 "%s", rows[i].name);
	}
	free(rows);
	ui_list_set_rows(&st->pick, st->n_views, 0);
}

static void choose_view(queue_state *st, ui_app *app, size_t i)
{
	queue_view v = st->views[i];
	if (v.community_id) {
		/* a community narrows the queue shown; the view stays */
		st->view.community_id = v.community_id < 0 ? 0 : v.community_id;
		snprintf(st->community_name, sizeof st->community_name, "%s", v.community);
	} else {
		int comm = st->view.community_id;
		st->view = v;
		st->view.community_id = comm;
	}
	make_title(st);
	st->filter[0] = '\0';
	st->list.filter_text[0] = '\0';
	fetch(st, app, "", +1, 0, true);
}

/* --- the screen -------------------------------------------------------- */

static bool queue_open(ui_screen *s, ui_app *app, void *arg)
{
	const ui_queue_arg *a = arg;
	queue_state *st = calloc(1, sizeof *st + sizeof(queue_ctx));
	if (!st)
		return false;
	queue_ctx *ctx = (queue_ctx *)(st + 1);
	ctx->st = st;
	ctx->app = app;
	st->view.kind = a ? a->kind : DB_QUEUE_STATE;
	snprintf(st->view.state, sizeof st->view.state, "%s",
		 a && a->state ? a->state : st->view.kind == DB_QUEUE_STATE ? "submitted" : "");
	st->review = a && a->review;
	st->can_take = app->me.role == DB_ROLE_CASEWORKER;
	if (st->view.kind == DB_QUEUE_STATE)
		snprintf(st->view.label, sizeof st->view.label, "%s",
			 st->review ? _("Preliminary review") : _("Work queue"));
	else
		snprintf(st->view.label, sizeof st->view.label, "%s", kind_label(st->view.kind));
	make_title(st);
	ui_list_init(&st->list, queue_cols, (int)(sizeof queue_cols / sizeof queue_cols[0]),
		     &queue_list_ops, ctx);
	ui_list_init(&st->pick, pick_cols, 1, &pick_list_ops, ctx);
	s->data = st;
	ui_app_listen(app);
	fetch(st, app, "", +1, 0, true);
	return true;
}

static void queue_close(ui_screen *s, ui_app *app)
{
	queue_state *st = s->data;
	(void)app;
	if (!st)
		return;
	ui_list_finish(&st->list);
	ui_list_finish(&st->pick);
	free(st->rows);
	free(st->views);
	free(st);
	s->data = NULL;
}

static void queue_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	queue_state *st = s->data;
	char line[300];
	static const char *const sort_names[SORT_COUNT] = {
		[SORT_SERVER] = N_("deadline, overdue first"),
		[SORT_SUBMITTED] = N_("date submitted (this page)"),
		[SORT_NAME] = N_("applicant (this page)"),
	};
	(void)app;

	if (st->picking) {
		ui_put(stdscr, r.y, r.x + 1, _("Choose the queue to show and press Enter (Esc: keep this one):"),
		       r.w - 2, A_BOLD);
		ui_rect pr = { .y = r.y + 2, .x = r.x + 2, .h = r.h - 2, .w = r.w - 4 < 60 ? r.w - 4 : 60 };
		s->more = ui_list_draw(&st->pick, pr, cy, cx);
		return;
	}
	snprintf(line, sizeof line, _("%zu shown   sorted by: %s   %s"), st->n, _(sort_names[st->sort]),
		 app->listening ? _("live") : _("not live (F5 refreshes)"));
	ui_put(stdscr, r.y, r.x + 1, line, r.w - 2, A_NORMAL);
	ui_rect lr = { .y = r.y + 1, .x = r.x, .h = r.h - 1, .w = r.w };
	if (st->n == 0 && !st->list.filtering) {
		ui_put(stdscr, r.y + 3, r.x + 4, st->filter[0] ? _("Nothing matches the filter.")
			: _("Nothing is waiting here."), r.w - 8, A_NORMAL);
		if (st->filter[0])
			ui_list_draw(&st->list, lr, cy, cx);
		return;
	}
	s->more = ui_list_draw(&st->list, lr, cy, cx);
	if (s->more == UI_MORE_NONE && st->n >= (size_t)ui_list_page_rows(&st->list))
		s->more = UI_MORE_MORE;   /* a full page: PgDn reads the next one */
}

static void open_current(queue_state *st, ui_app *app)
{
	if (st->n == 0)
		return;
	const db_queue_row *r = &st->rows[st->list.cursor];
	if (st->review && (strcmp(r->state, "submitted") == 0 || strcmp(r->state, "returned") == 0)) {
		ui_app_push(app, &ui_review_screen, (void *)r);
	} else {
		long long id = r->id;
		ui_app_push(app, &ui_detail_screen, &id);
	}
}

static void take_next(queue_state *st, ui_app *app)
{
	db_err err;
	long long id = 0;
	char number[64] = "";
	memset(&err, 0, sizeof err);

	if (!st->can_take) {
		/* a supervisor's F6 read "领取案件失败：只有社工可以领取案件"
		 * from the database: not a fault, the key is not theirs */
		ui_app_message(app, false, "%s", _("Only social workers take cases."));
		return;
	}
	if (!db_wf_take_next(app->conn, &id, number, &err)) {
		/* F6 takes accepted cases into assessment; in 初审 the rows are not
		 * those, and "nothing to take" over a full list read as a fault */
		if (strcmp(err.sqlstate, DB_WF_NOTHING) == 0 && st->review && st->n)
			ui_app_message(app, false, "%s", _("None to take: F6 takes accepted cases; these need review first (Enter)."));
		else if (strcmp(err.sqlstate, DB_WF_NOTHING) == 0)
			ui_app_message(app, false, "%s", _("No case is waiting to be taken."));
		else
			ui_app_message(app, true, _("Taking a case failed: %s"), err.message);
		return;
	}
	refetch(st, app);
	ui_app_message(app, false, _("You took %s."), number);
	ui_app_push(app, &ui_detail_screen, &id);
}

static ui_result queue_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	queue_state *st = s->data;

	if (st->picking) {
		if (a == UI_ACT_CANCEL || a == UI_ACT_CHOICES) {
			st->picking = false;
			return UI_HANDLED;
		}
		if (a == UI_ACT_SELECT) {
			st->picking = false;
			if (st->n_views)
				choose_view(st, app, st->pick.cursor);
			return UI_HANDLED;
		}
		if (a == UI_ACT_EXIT)
			return UI_QUIT;
		ui_result r = ui_list_key(&st->pick, app, k, a);
		return r;
	}
	if (!st->list.filtering) {
		switch (a) {
		case UI_ACT_EXIT:
			return UI_QUIT;
		case UI_ACT_CANCEL:
			ui_app_pop(app);
			return UI_HANDLED;
		case UI_ACT_CHOICES:
			load_views(st, app);
			st->picking = true;
			return UI_HANDLED;
		case UI_ACT_REFRESH:
			ui_app_listen(app);
			refetch(st, app);
			return UI_HANDLED;
		case UI_ACT_NEW:
			take_next(st, app);
			return UI_HANDLED;
		case UI_ACT_SELECT:
			open_current(st, app);
			return UI_HANDLED;
		default:
			break;
		}
	}
	return ui_list_key(&st->list, app, k, a);
}

static void queue_notify(ui_screen *s, ui_app *app)
{
	refetch(s->data, app);
}

/* The legend shows F6 领取下一件 only to a social worker, and not over the
 * F4 picker, where it does nothing. */
static bool queue_applies(const ui_screen *s, ui_action a)
{
	const queue_state *st = s->data;

	if (!st || a != UI_ACT_NEW)
		return true;
	return st->can_take && !st->picking;
}

const ui_screen_ops ui_queue_screen = {
	.id = "queue",
	.actions = queue_actions,
	.title = queue_title,
	.open = queue_open,
	.draw = queue_draw,
	.key = queue_key,
	.close = queue_close,
	.save = NULL,
	.action_name = queue_action_name,
	.applies = queue_applies,
	.notify = queue_notify,
};

bool ui_queue_row_by_id(ui_app *app, long long id, const char *number, const char *state,
			db_queue_row *out, db_err *err)
{
	db_queue_row *rows = NULL;
	size_t n = 0;
	bool found = false;
	char now_state[24] = "";

	/* the state it is in now (it may have moved since it was read) */
	if (app->conn)
		(void)db_wf_state_of(app->conn, id, now_state, err);
	db_queue_query q = {
		.kind = DB_QUEUE_STATE,
		.state = now_state[0] ? now_state : state,
		.filter = number,
		.limit = 5,
	};
	if (!app->conn || !db_queue_fetch(app->conn, &q, &rows, &n, err))
		return false;
	for (size_t i = 0; i < n && !found; i++) {
		if (rows[i].id == id) {
			*out = rows[i];
			found = true;
		}
	}
	free(rows);
	return found;
}
