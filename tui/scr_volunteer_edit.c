/* scr_volunteer_edit.c - add or edit a volunteer (issue 6 item 1): the
 * person by ID number (found, or made from the number and the name), phone,
 * community, areas, skills, weekly availability windows (day 1-7 and a
 * start-end time; overlapping ones refused), maximum hours a week, training
 * sessions and active. Every refusal is said at its field; nothing typed is
 * cleared by it. F10 saves the whole record in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "field.h"
#include "frame.h"
#include "i18n.h"
#include "idnum.h"
#include "valid.h"
#include "volunteer_admin.h"
#include "volunteer_ui.h"

enum {
	F_IDNUM, F_NAME, F_PHONE, F_COMM, F_AREAS, F_SKILLS, F_MAX, F_ACTIVE,
	F_WIN,                                   /* 3 per window: day, start, end */
	F_TRAIN = F_WIN + 3 * DB_VOL_WINDOWS,    /* 2 per session: date, topic */
	F_COUNT = F_TRAIN + 2 * DB_VOL_TRAININGS,
};

typedef struct vedit_state {
	ui_app *app;
	db_vol_record rec;           /* id, version, person_id of what is edited */
	lineedit f[F_COUNT];
	int focus;
	int skill;                   /* the skill under the cursor */
	unsigned skills;
	bool active;
	db_vol_community *comms;
	size_t n_comms;
	size_t comm;
	char err[VALID_MSG_SIZE * 2];
	int err_field;
} vedit_state;

static const ui_action vedit_actions[] = {
	UI_ACT_HELP, UI_ACT_EXIT, UI_ACT_CHOICES, UI_ACT_SAVE, UI_ACT_CANCEL, UI_ACT_NEXT,
	UI_ACT_PREV, UI_ACT_UP, UI_ACT_DOWN, UI_ACT_NONE,
};

static const char *vedit_title(const ui_screen *s)
{
	const vedit_state *st = s->data;
	return st && st->rec.id ? _("Edit a volunteer") : _("New volunteer");
}

static const char *vedit_action_name(const ui_screen *s, ui_action a)
{
	(void)s;
	return a == UI_ACT_SAVE ? _("Save") : a == UI_ACT_CANCEL ? _("Back") : NULL;
}

static void set_error(vedit_state *st, int field, const char *msg)
{
	snprintf(st->err, sizeof st->err, "%s", msg);
	st->err_field = field;
	st->focus = field;
}

static void set_text(vedit_state *st, int i, const char *s)
{
	lineedit_set_utf8(&st->f[i], s);
}

static void hhmm(char *buf, size_t len, int min)
{
	snprintf(buf, len, "%02d:%02d", (min / 60) % 100, min % 60);
}

/* Fill the fields from st->rec. */
static void fill(vedit_state *st)
{
	const db_vol_record *r = &st->rec;
	char buf[64], *areas = strdup(r->areas);
	set_text(st, F_IDNUM, r->id_number);
	set_text(st, F_NAME, r->name);
	set_text(st, F_PHONE, r->phone);
	for (char *p = areas; p && *p; p++)
		if (*p == '\n')
			*p = ',';
	set_text(st, F_AREAS, areas ? areas : "");
	free(areas);
	snprintf(buf, sizeof buf, "%d", r->max_minutes / 60);
	if (r->max_minutes % 60)
		snprintf(buf, sizeof buf, "%d.%d", r->max_minutes / 60, r->max_minutes % 60 * 10 / 60);
	set_text(st, F_MAX, buf);
	st->skills = r->skills;
	st->active = r->active;
	for (size_t i = 0; i < st->n_comms; i++)
		if (st->comms[i].id == r->community_id)
			st->comm = i;
	for (size_t i = 0; i < DB_VOL_WINDOWS; i++) {
		int b = F_WIN + 3 * (int)i;
		if (i < r->n_win) {
			snprintf(buf, sizeof buf, "%d", r->win[i].day + 1);
			set_text(st, b, buf);
			hhmm(buf, sizeof buf, r->win[i].start);
			set_text(st, b + 1, buf);
			hhmm(buf, sizeof buf, r->win[i].end);
			set_text(st, b + 2, buf);
		} else {
			for (int k = 0; k < 3; k++)
				set_text(st, b + k, "");
		}
	}
	for (size_t i = 0; i < DB_VOL_TRAININGS; i++) {
		int b = F_TRAIN + 2 * (int)i;
		set_text(st, b, i < r->n_train ? r->train[i].date : "");
		set_text(st, b + 1, i < r->n_train ? r->train[i].topic : "");
	}
}

static bool vedit_open(ui_screen *s, ui_app *app, void *arg)
{
	vedit_state *st = calloc(1, sizeof *st);
	db_err err;
	memset(&err, 0, sizeof err);
	if (!st)
		return false;
	st->app = app;
	st->err_field = -1;
	s->data = st;
	lineedit_init(&st->f[F_IDNUM], LINEEDIT_IDNUM, 19, 18, 0);
	lineedit_init(&st->f[F_NAME], LINEEDIT_TEXT, 16, 30, 0);
	lineedit_init(&st->f[F_PHONE], LINEEDIT_PHONE, 21, 20, 0);
	lineedit_init(&st->f[F_COMM], LINEEDIT_TEXT, 1, 1, 0);
	lineedit_init(&st->f[F_AREAS], LINEEDIT_TEXT, 50, 200, 0);
	lineedit_init(&st->f[F_SKILLS], LINEEDIT_TEXT, 1, 1, 0);
	lineedit_init(&st->f[F_MAX], LINEEDIT_DECIMAL, 6, 5, 0);
	lineedit_init(&st->f[F_ACTIVE], LINEEDIT_TEXT, 1, 1, 0);
	for (int i = 0; i < DB_VOL_WINDOWS; i++) {
		lineedit_init(&st->f[F_WIN + 3 * i], LINEEDIT_DIGITS, 1, 1, 0);
		lineedit_init(&st->f[F_WIN + 3 * i + 1], LINEEDIT_TEXT, 6, 5, 0);
		lineedit_init(&st->f[F_WIN + 3 * i + 2], LINEEDIT_TEXT, 6, 5, 0);
	}
	for (int i = 0; i < DB_VOL_TRAININGS; i++) {
		lineedit_init(&st->f[F_TRAIN + 2 * i], LINEEDIT_DATE, 11, 10, 0);
		lineedit_init(&st->f[F_TRAIN + 2 * i + 1], LINEEDIT_TEXT, 24, 100, 0);
	}
	st->rec.active = true;
	st->rec.max_minutes = 600;
	if (app->conn && !db_vol_communities(app->conn, &st->comms, &st->n_comms, &err))
		ui_app_message(app, true, _("The communities could not be read: %s"), err.message);
	if (arg && *(const long long *)arg > 0 && app->conn &&
	    !db_vol_load(app->conn, *(const long long *)arg, &st->rec, &err))
		ui_app_message(app, true, _("The volunteer could not be read: %s"), err.message);
	if (st->rec.id)
		st->focus = F_PHONE;
	fill(st);
	return true;
}

static void vedit_close(ui_screen *s, ui_app *app)
{
	vedit_state *st = s->data;
	(void)app;
	if (!st)
		return;
	for (int i = 0; i < F_COUNT; i++)
		lineedit_finish(&st->f[i]);
	free(st->comms);
	free(st);
	s->data = NULL;
}

/* Label at x, field after it; returns the field's column. */
static int labelled(int y, int x, int lw, const char *text)
{
	ui_put(stdscr, y, x, text, lw, A_NORMAL);
	return x + lw + 1;
}

static int max_width(const char *const *texts, int n)
{
	int w = 0;
	for (int i = 0; i < n; i++) {
		int t = ui_text_width(texts[i]);
		w = t > w ? t : w;
	}
	return w;
}

static void vedit_draw(ui_screen *s, ui_app *app, ui_rect r, int *cy, int *cx)
{
	vedit_state *st = s->data;
	int fx[F_COUNT], fy[F_COUNT], ey[F_COUNT];
	char line[300];
	const char *left[] = { _("ID number:"), _("Phone:"), _("Areas:"), _("Skills:"), _("Max hours a week:") };
	const char *right[] = { _("Name:"), _("Community:"), _("Active:") };
	int lw = max_width(left, 5), rw = max_width(right, 3);
	int x = r.x + 1, y = r.y, rx = r.x + 44;
	(void)app;
	memset(fx, 0, sizeof fx);

	fx[F_IDNUM] = labelled(y, x, lw, left[0]);
	fx[F_NAME] = labelled(y, rx, rw, right[0]);
	fy[F_IDNUM] = fy[F_NAME] = y;
	ey[F_IDNUM] = ey[F_NAME] = y + 1;
	y += 2;
	fx[F_PHONE] = labelled(y, x, lw, left[1]);
	fx[F_COMM] = labelled(y, rx, rw, right[1]);
	fy[F_PHONE] = fy[F_COMM] = y;
	ey[F_PHONE] = ey[F_COMM] = y + 1;
	y += 2;
	fx[F_AREAS] = labelled(y, x, lw, left[2]);
	fy[F_AREAS] = y;
	ey[F_AREAS] = y + 1;
	y += 2;
	fx[F_SKILLS] = labelled(y, x, lw, left[3]);
	fy[F_SKILLS] = y;
	y++;
	fx[F_MAX] = labelled(y, x, lw, left[4]);
	fx[F_ACTIVE] = labelled(y, rx, rw, right[2]);
	fy[F_MAX] = fy[F_ACTIVE] = y;
	ey[F_SKILLS] = ey[F_MAX] = ey[F_ACTIVE] = y + 1;
	y += 2;
	ui_put(stdscr, y++, x, _("Weekly availability (day 1=Mon ... 7=Sun, from - to):"), r.w - 2, A_BOLD);
	for (int i = 0; i < DB_VOL_WINDOWS; i++) {
		int b = F_WIN + 3 * i, wy = y + i / 2, wx = x + (i % 2) * 38;
		snprintf(line, sizeof line, "%d.", i + 1);
		ui_put(stdscr, wy, wx, line, 3, A_NORMAL);
		fx[b] = wx + 3;
		fx[b + 1] = wx + 10;
		fx[b + 2] = wx + 18;
		fy[b] = fy[b + 1] = fy[b + 2] = wy;
		ey[b] = ey[b + 1] = ey[b + 2] = y + DB_VOL_WINDOWS / 2;
		char *d = lineedit_get_utf8(&st->f[b]);
		int day = d && d[0] >= '1' && d[0] <= '7' ? d[0] - '1' : -1;
		free(d);
		ui_put(stdscr, wy, wx + 5, day >= 0 ? ui_weekday_name(day) : "", 4, A_NORMAL);
		ui_put(stdscr, wy, wx + 16, "-", 1, A_NORMAL);
	}
	y += DB_VOL_WINDOWS / 2 + 1;
	ui_put(stdscr, y++, x, _("Training sessions attended (date, topic):"), r.w - 2, A_BOLD);
	for (int i = 0; i < DB_VOL_TRAININGS; i++) {
		int b = F_TRAIN + 2 * i, wy = y + i / 2, wx = x + (i % 2) * 38;
		fx[b] = wx;
		fx[b + 1] = wx + 12;
		fy[b] = fy[b + 1] = wy;
		ey[b] = ey[b + 1] = y + DB_VOL_TRAININGS / 2;
	}

	for (int i = 0; i < F_COUNT; i++) {
		bool foc = st->focus == i;
		if (i == F_COMM) {
			snprintf(line, sizeof line, "< %s >", st->comm < st->n_comms ? st->comms[st->comm].name : "-");
			ui_put(stdscr, fy[i], fx[i], line, r.w - fx[i] - 1, foc ? A_REVERSE : A_UNDERLINE);
		} else if (i == F_SKILLS) {
			int sx = fx[i];
			for (int k = 0; k < DB_VOL_SKILLS; k++) {
				snprintf(line, sizeof line, "[%s]%s", st->skills & (1u << k) ? "x" : " ",
					 db_vol_skill_name(k));
				int w = ui_text_width(line);
				if (sx + w >= r.x + r.w)
					break;
				ui_put(stdscr, fy[i], sx, line, w, foc && st->skill == k ? A_REVERSE : A_NORMAL);
				if (foc && st->skill == k) {
					*cy = fy[i];
					*cx = sx + 1;
				}
				sx += w + 1;
			}
		} else if (i == F_ACTIVE) {
			snprintf(line, sizeof line, "[%s] %s", st->active ? "x" : " ",
				 st->active ? _("on duty") : _("off duty"));
			ui_put(stdscr, fy[i], fx[i], line, 20, foc ? A_REVERSE : A_NORMAL);
		} else {
			ui_field_draw(stdscr, fy[i], fx[i], &st->f[i], foc);
		}
		if (st->err[0] && st->err_field == i) {
			/* the row under a field holds only its message: one too long
			 * for under the field (the phone's two shapes in Chinese)
			 * starts at the left edge, to be read whole */
			int ex = fx[i] > r.x + 40 ? r.x + 40 : fx[i];
			if (ui_text_width(st->err) > r.x + r.w - ex - 1)
				ex = r.x + 1;
			ui_put(stdscr, ey[i], ex, st->err, r.x + r.w - ex - 1, A_BOLD);
		}
	}
	if (st->focus == F_COMM || st->focus == F_ACTIVE) {
		*cy = fy[st->focus];
		*cx = fx[st->focus] + 1;
	} else if (st->focus != F_SKILLS) {
		ui_field_place_cursor(stdscr, fy[st->focus], fx[st->focus], &st->f[st->focus]);
		getyx(stdscr, *cy, *cx);
	}
	s->more = UI_MORE_NONE;
}

/* "9", "9:30", "09:30", "0930", "24:00" (an end) into minutes; -1 if not. */
static int parse_time(const char *s)
{
	int h = 0, m = 0, digits = 0;
	const char *p = s;
	while (*p == ' ')
		p++;
	for (; *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
		h = h * 10 + (*p - '0');
	if (digits == 0)
		return -1;
	if (digits >= 3) {            /* 0930 */
		m = h % 100;
		h /= 100;
	} else if (*p == ':' || *p == '.') {
		int md = 0;
		for (p++; *p >= '0' && *p <= '9' && md < 2; p++, md++)
			m = m * 10 + (*p - '0');
		if (md != 2)
			return -1;
	}
	if (*p != '\0' || m > 59 || h > 24 || (h == 24 && m))
		return -1;
	return h * 60 + m;
}

static char *get(const vedit_state *st, int i)
{
	char *s = lineedit_get_utf8(&st->f[i]);
	return s ? s : strdup("");
}

/* Leaving the ID number: a known person fills the name; a person who is
 * already a volunteer opens that record (adding them twice is refused). */
static bool check_idnum(vedit_state *st, bool lookup)
{
	char *s = get(st, F_IDNUM), msg[VALID_MSG_SIZE];
	idnum id;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	idnum_err e = idnum_parse(s, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &id);
	free(s);
	if (e != IDNUM_OK) {
		idnum_explain(e, &id, msg, sizeof msg);
		set_error(st, F_IDNUM, msg);
		return false;
	}
	set_text(st, F_IDNUM, id.id);
	if (!lookup || !st->app->conn || st->rec.id)
		return true;
	bool found = false;
	long long pid = 0, vid = 0;
	char name[124], phone[24];
	db_err err;
	memset(&err, 0, sizeof err);
	if (!db_vol_person_find(st->app->conn, id.id, &found, &pid, name, phone, &vid, &err)) {
		ui_app_message(st->app, true, _("The person could not be looked up: %s"), err.message);
		return true;
	}
	st->rec.person_id = found ? pid : 0;
	if (found && vid) {
		if (db_vol_load(st->app->conn, vid, &st->rec, &err)) {
			fill(st);
			ui_app_message(st->app, false, _("%s is already a volunteer: the record is open for editing."),
				       st->rec.name);
		}
		return true;
	}
	if (found) {
		set_text(st, F_NAME, name);
		char *ph = get(st, F_PHONE);
		if (!ph[0])
			set_text(st, F_PHONE, phone);
		free(ph);
		ui_app_message(st->app, false, _("Found in the records: %s."), name);
	}
	return true;
}

/* Everything typed into st->rec; false with the message at the first bad field. */
static bool collect(vedit_state *st)
{
	db_vol_record *r = &st->rec;
	char msg[VALID_MSG_SIZE], *s;
	bool good = true;

	if (!r->person_id) {
		if (!check_idnum(st, false))
			return false;
		s = get(st, F_IDNUM);
		snprintf(r->id_number, sizeof r->id_number, "%s", s);
		free(s);
		char out[VALID_NAME_SIZE];
		s = get(st, F_NAME);
		valid_err e = valid_name(s, out, msg, sizeof msg);
		free(s);
		if (e != VALID_OK) {
			set_error(st, F_NAME, msg);
			return false;
		}
		snprintf(r->name, sizeof r->name, "%s", out);
	}
	s = get(st, F_PHONE);
	{
		/* a mobile or a landline: a wrong one is told both shapes */
		char phone[VALID_LANDLINE_SIZE];
		good = valid_phone(s, phone, msg, sizeof msg) == VALID_OK;
		if (good)
			snprintf(r->phone, sizeof r->phone, "%s", phone);
	}
	free(s);
	if (!good) {
		set_error(st, F_PHONE, msg);
		return false;
	}
	if (st->comm >= st->n_comms) {
		set_error(st, F_COMM, _("You have no community to register volunteers in."));
		return false;
	}
	r->community_id = st->comms[st->comm].id;
	/* areas: split at , ， 、 ; and spaces, one per line */
	s = get(st, F_AREAS);
	{
		size_t o = 0;
		const char *p = s;
		while (*p && o + 5 < sizeof r->areas) {
			if (*p == ',' || *p == ';' || *p == ' ' || strncmp(p, "，", 3) == 0 ||
			    strncmp(p, "、", 3) == 0 || strncmp(p, "；", 3) == 0) {
				if (o && r->areas[o - 1] != '\n')
					r->areas[o++] = '\n';
				p += (unsigned char)*p < 0x80 ? 1 : 3;
				continue;
			}
			r->areas[o++] = *p++;
		}
		while (o && r->areas[o - 1] == '\n')
			o--;
		r->areas[o] = '\0';
	}
	free(s);
	r->skills = st->skills;
	if (!r->skills) {
		set_error(st, F_SKILLS, _("Pick at least one skill with Space."));
		return false;
	}
	s = get(st, F_MAX);
	{
		int h = 0, tenth = 0, nd = 0, nt = 0;
		const char *p = s;
		for (; *p >= '0' && *p <= '9'; p++, nd++)
			h = h * 10 + (*p - '0');
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9'; p++, nt++)
				tenth = nt ? tenth : *p - '0';
		good = nd > 0 && nd <= 3 && *p == '\0' && h * 60 + tenth * 6 <= 168 * 60;
		r->max_minutes = h * 60 + tenth * 6;
	}
	free(s);
	if (!good) {
		set_error(st, F_MAX, _("Type the hours a week, 0 to 168 (e.g. 10 or 7.5)."));
		return false;
	}
	r->active = st->active;
	r->n_win = 0;
	for (int i = 0; i < DB_VOL_WINDOWS; i++) {
		int b = F_WIN + 3 * i;
		char *d = get(st, b), *a = get(st, b + 1), *e = get(st, b + 2);
		int sa = parse_time(a), se = parse_time(e);
		bool empty = !d[0] && !a[0] && !e[0];
		if (!empty && !(d[0] >= '1' && d[0] <= '7'))
			set_error(st, b, _("Day: 1 (Monday) to 7 (Sunday)."));
		else if (!empty && (sa < 0 || sa >= 1440))
			set_error(st, b + 1, _("From: a time such as 09:00."));
		else if (!empty && se < 0)
			set_error(st, b + 2, _("To: a time such as 12:00."));
		else if (!empty && se <= sa)
			set_error(st, b + 2, _("To must be later than from."));
		else if (!empty)
			r->win[r->n_win++] = (db_vol_window){ d[0] - '1', sa, se };
		free(d);
		free(a);
		free(e);
		if (st->err[0])
			return false;
	}
	size_t wa, wb;
	if (db_vol_windows_overlap(r->win, r->n_win, &wa, &wb)) {
		char a1[16], a2[16], b1[16], b2[16];
		hhmm(a1, sizeof a1, r->win[wa].start);
		hhmm(a2, sizeof a2, r->win[wa].end);
		hhmm(b1, sizeof b1, r->win[wb].start);
		hhmm(b2, sizeof b2, r->win[wb].end);
		snprintf(msg, sizeof msg, _("Windows overlap on %s: %s-%s and %s-%s."),
			 ui_weekday_name(r->win[wa].day), a1, a2, b1, b2);
		/* the later of the two typed windows: find its field */
		int idx = 0;
		for (int i = 0, k = 0; i < DB_VOL_WINDOWS; i++) {
			char *d = get(st, F_WIN + 3 * i);
			if (d[0] && (size_t)k++ == wb)
				idx = i;
			free(d);
		}
		set_error(st, F_WIN + 3 * idx + 1, msg);
		return false;
	}
	r->n_train = 0;
	for (int i = 0; i < DB_VOL_TRAININGS; i++) {
		int b = F_TRAIN + 2 * i;
		char *d = get(st, b), *t = get(st, b + 1);
		if (d[0] || t[0]) {
			time_t now = time(NULL);
			struct tm tm;
			localtime_r(&now, &tm);
			valid_day day, today = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
			db_vol_training *tr = &r->train[r->n_train];
			if (valid_date(d, NULL, &today, &day, msg, sizeof msg) != VALID_OK)
				set_error(st, b, msg);
			else if (valid_text_required(t, 100, tr->topic, sizeof tr->topic, msg, sizeof msg) != VALID_OK)
				set_error(st, b + 1, msg);
			else
				snprintf(tr->date, sizeof tr->date, "%04d-%02d-%02d", day.y, day.m, day.d), r->n_train++;
		}
		if (st->err[0]) {
			free(d);
			free(t);
			return false;
		}
		free(d);
		free(t);
	}
	return true;
}

static void save(vedit_state *st)
{
	db_err err;
	memset(&err, 0, sizeof err);
	st->err[0] = '\0';
	st->err_field = -1;
	if (!collect(st) || !st->app->conn)
		return;
	bool is_new = st->rec.id == 0;
	if (db_vol_save(st->app->conn, &st->rec, &err)) {
		ui_app_message(st->app, false, is_new ? _("Volunteer %s added.") : _("Volunteer %s saved."),
			       st->rec.name);
		return;
	}
	if (strcmp(err.sqlstate, "JZ033") == 0 || strcmp(err.sqlstate, "23P01") == 0)
		set_error(st, F_WIN + 1, err.message);
	else if (strcmp(err.sqlstate, "42501") == 0)
		set_error(st, F_COMM, err.message);
	else if (strstr(err.message, "persons") || strstr(err.message, "身份证") || strcmp(err.sqlstate, "23505") == 0)
		set_error(st, F_IDNUM, err.message);
	else if (strstr(err.message, "phone"))
		set_error(st, F_PHONE, err.message);
	else
		ui_app_message(st->app, true, _("Not saved: %s"), err.message);
}

static ui_result vedit_key(ui_screen *s, ui_app *app, ui_key k, ui_action a)
{
	vedit_state *st = s->data;
	bool space = !k.code && k.ch == L' ';

	switch (a) {
	case UI_ACT_EXIT:
		return UI_QUIT;
	case UI_ACT_CANCEL:
		ui_app_pop(app);
		return UI_HANDLED;
	case UI_ACT_SAVE:
		save(st);
		return UI_HANDLED;
	case UI_ACT_NEXT:
	case UI_ACT_DOWN:
		if (st->focus == F_IDNUM && !st->rec.id && !check_idnum(st, true))
			return UI_HANDLED;
		if (st->err_field == st->focus)
			st->err[0] = '\0';
		st->focus = (st->focus + 1) % F_COUNT;
		if (st->focus == F_NAME && st->rec.person_id)
			st->focus++;
		return UI_HANDLED;
	case UI_ACT_PREV:
	case UI_ACT_UP:
		st->focus = (st->focus + F_COUNT - 1) % F_COUNT;
		if ((st->focus == F_NAME && st->rec.person_id) || (st->focus == F_IDNUM && st->rec.id))
			st->focus = st->focus == F_IDNUM ? F_COUNT - 1 : F_IDNUM;
		return UI_HANDLED;
	case UI_ACT_CHOICES:
		if (st->focus == F_COMM && st->n_comms)
			st->comm = (st->comm + 1) % st->n_comms;
		return UI_HANDLED;
	case UI_ACT_NONE:
		break;
	default:
		return UI_UNHANDLED;
	}
	if (st->focus == F_COMM) {
		if (space && st->n_comms)
			st->comm = (st->comm + 1) % st->n_comms;
		return UI_HANDLED;
	}
	if (st->focus == F_ACTIVE) {
		if (space)
			st->active = !st->active;
		return UI_HANDLED;
	}
	if (st->focus == F_SKILLS) {
		if (space)
			st->skills ^= 1u << st->skill;
		else if (k.code && k.ch == KEY_LEFT)
			st->skill = (st->skill + DB_VOL_SKILLS - 1) % DB_VOL_SKILLS;
		else if (k.code && k.ch == KEY_RIGHT)
			st->skill = (st->skill + 1) % DB_VOL_SKILLS;
		else if (!k.code && k.ch >= L'1' && k.ch < L'1' + DB_VOL_SKILLS)
			st->skills ^= 1u << (st->skill = (int)(k.ch - L'1'));
		if (st->err_field == F_SKILLS)
			st->err[0] = '\0';
		return UI_HANDLED;
	}
	if ((st->focus == F_IDNUM && st->rec.id) || (st->focus == F_NAME && st->rec.person_id))
		return UI_HANDLED;   /* the person record is not changed here */
	lineedit_result r = ui_field_key(&st->f[st->focus], k.code ? KEY_CODE_YES : OK, k.ch);
	if (r == LINEEDIT_REFUSED)
		beep();
	if (r == LINEEDIT_OK && st->focus == F_IDNUM && st->rec.person_id && !st->rec.id) {
		st->rec.person_id = 0;   /* another number: look it up again */
		set_text(st, F_NAME, "");
	}
	if (r == LINEEDIT_OK && st->err_field == st->focus)
		st->err[0] = '\0';
	return r == LINEEDIT_NOOP ? UI_UNHANDLED : UI_HANDLED;
}

const ui_screen_ops ui_volunteer_edit_screen = {
	.id = "volunteer_edit",
	.actions = vedit_actions,
	.title = vedit_title,
	.open = vedit_open,
	.draw = vedit_draw,
	.key = vedit_key,
	.close = vedit_close,
	.save = NULL,
	.action_name = vedit_action_name,
};
