/* test_schedule.c - fill the week: hand-made cases for each rule, then
 * many random small weeks checked against an exhaustive search written here
 * independently (on a 30-minute grid, no flow, no slots), plus a checker
 * that re-verifies every proposed booking against every rule. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schedule.h"
#include "tap.h"

#define D SCHED_DAYS
#define CELL 30             /* every time in the random weeks is on this grid */
#define NCELL (1440 / CELL)

/* ---- a tiny week builder ---- */

struct week {
	struct sched_recipient rec[8];
	struct sched_volunteer vol[6];
	struct sched_window win[6][8];
	int area[6][3];
	struct sched_booking bk[6];
	struct sched_input in;
};

static void week_init(struct week *w, int visit)
{
	memset(w, 0, sizeof(*w));
	w->in.recipients = w->rec;
	w->in.volunteers = w->vol;
	w->in.bookings = w->bk;
	w->in.visit_minutes = visit;
}

static void add_rec(struct week *w, long id, int need, int area, long usual,
		    unsigned skills, unsigned visited)
{
	w->rec[w->in.n_recipients++] = (struct sched_recipient){
		.id = id, .need = need, .area = area, .usual_volunteer = usual,
		.skills = skills, .visited_days = visited,
	};
}

static struct sched_volunteer *add_vol(struct week *w, long id, int area, int any,
				       unsigned skills, int booked, int max)
{
	size_t v = w->in.n_volunteers++;
	w->area[v][0] = area;
	w->vol[v] = (struct sched_volunteer){
		.id = id, .areas = w->area[v], .n_areas = area >= 0 ? 1 : 0,
		.any_area = any, .skills = skills, .windows = w->win[v],
		.booked_minutes = booked, .max_minutes = max,
	};
	return &w->vol[v];
}

static void add_win(struct week *w, size_t v, int day, int start, int end)
{
	w->win[v][w->vol[v].n_windows++] = (struct sched_window){day, start, end};
}

static const struct sched_proposal *prop_of(const struct sched *s, size_t rec, size_t k)
{
	size_t n;
	const struct sched_proposal *p = sched_proposals(s, &n);
	for (size_t i = 0; i < n; i++)
		if (p[i].recipient == rec && k-- == 0)
			return &p[i];
	return NULL;
}

static enum sched_reason reason_of(const struct sched *s, size_t rec)
{
	size_t n;
	const struct sched_gap *g = sched_gaps(s, &n);
	for (size_t i = 0; i < n; i++)
		if (g[i].recipient == rec)
			return g[i].reason;
	return SCHED_REASON_NONE;
}

/* ---- the independent checker ---- */

/* Cells of volunteer v on day d inside a window and outside bookings. */
static uint64_t free_cells(const struct sched_input *in, size_t v, int d)
{
	uint64_t m = 0;
	const struct sched_volunteer *x = &in->volunteers[v];
	for (int c = 0; c < NCELL; c++) {
		int t = c * CELL, in_win = 0, busy = 0;
		for (size_t j = 0; j < x->n_windows; j++)
			if (x->windows[j].day == d && x->windows[j].start <= t &&
			    t + CELL <= x->windows[j].end)
				in_win = 1;
		for (size_t j = 0; j < in->n_bookings; j++) {
			const struct sched_booking *b = &in->bookings[j];
			if (b->volunteer == x->id && b->day == d && b->start < t + CELL && t < b->end)
				busy = 1;
		}
		if (in_win && !busy)
			m |= 1ull << c;
	}
	return m;
}

static uint64_t run_mask(int start_cell, int cells)
{
	return ((cells >= 64 ? ~0ull : (1ull << cells) - 1)) << start_cell;
}

static int has_room(uint64_t freem, int cells)
{
	for (int c = 0; c + cells <= NCELL; c++)
		if ((freem & run_mask(c, cells)) == run_mask(c, cells))
			return 1;
	return 0;
}

static int covers(const struct sched_volunteer *v, int area)
{
	for (size_t i = 0; i < v->n_areas; i++)
		if (v->areas[i] == area)
			return 1;
	return 0;
}

/* Cost of volunteer v visiting recipient r, -1 when not allowed. */
static int visit_cost(const struct sched_recipient *r, const struct sched_volunteer *v)
{
	if ((v->skills & r->skills) != r->skills)
		return -1;
	if (r->usual_volunteer == v->id)
		return SCHED_COST_USUAL;
	if (covers(v, r->area))
		return SCHED_COST_AREA;
	return v->any_area ? SCHED_COST_OTHER : -1;
}

/* Every proposal keeps every rule; returns the number of broken rules and
 * leaves each volunteer-day's cells still free in left[v][d]. */
static int check(const struct sched_input *in, const struct sched *s, uint64_t left[][D],
		 char *why, size_t whylen)
{
	size_t n;
	const struct sched_proposal *p = sched_proposals(s, &n);
	int bad = 0, L = in->visit_minutes;
	int used[8] = {0}, per_rec[8] = {0};
	unsigned days[8] = {0};
	long cost = 0;
	for (size_t v = 0; v < in->n_volunteers; v++)
		for (int d = 0; d < D; d++)
			left[v][d] = free_cells(in, v, d);
	why[0] = '\0';
#define BAD(...) do { bad++; snprintf(why, whylen, __VA_ARGS__); } while (0)
	for (size_t i = 0; i < n; i++) {
		const struct sched_recipient *r = &in->recipients[p[i].recipient];
		const struct sched_volunteer *v = &in->volunteers[p[i].volunteer];
		if (r->id != p[i].recipient_id || v->id != p[i].volunteer_id)
			BAD("ids of proposal %zu", i);
		if (p[i].day < 0 || p[i].day >= D || p[i].end - p[i].start != L)
			BAD("day/length of proposal %zu", i);
		if ((r->visited_days | days[p[i].recipient]) >> p[i].day & 1u)
			BAD("recipient %ld twice on day %d", r->id, p[i].day);
		days[p[i].recipient] |= 1u << p[i].day;
		if (++per_rec[p[i].recipient] > r->need)
			BAD("recipient %ld over need", r->id);
		int c = visit_cost(r, v);
		if (c < 0 || c != p[i].cost)
			BAD("volunteer %ld not allowed / wrong cost for %ld", v->id, r->id);
		cost += c;
		if (p[i].start % CELL || p[i].start < 0 || p[i].end > 1440) {
			BAD("off-grid start %d", p[i].start);
			continue;
		}
		uint64_t m = run_mask(p[i].start / CELL, L / CELL);
		uint64_t *f = &left[p[i].volunteer][p[i].day];
		if ((*f & m) != m)
			BAD("volunteer %ld outside free time or overlapping at day %d %d",
			    v->id, p[i].day, p[i].start);
		*f &= ~m;
		used[p[i].volunteer]++;
	}
	for (size_t v = 0; v < in->n_volunteers; v++)
		if (in->volunteers[v].booked_minutes + used[v] * L > in->volunteers[v].max_minutes &&
		    used[v] > 0)
			BAD("volunteer %ld over max hours", in->volunteers[v].id);
	if (cost != sched_cost(s) || (int)n != sched_covered(s))
		BAD("cost/covered totals disagree");
#undef BAD
	return bad;
}

/* ---- exhaustive search ---- */

struct search {
	const struct sched_input *in;
	int pairs[64][2];         /* (recipient, day) still open */
	int npairs, cells;
	int ahead[65][8];         /* open days of recipient i from pair k on */
	int cap_left;             /* sum of hours_left */
	uint64_t freem[6][D];
	int hours_left[6];        /* visits each volunteer may still take */
	int need_left[8];
	int best_cov, cur_cov;
	long best_cost, cur_cost;
};

static void dfs(struct search *x, int k)
{
	int room = 0;
	for (size_t i = 0; i < x->in->n_recipients; i++)
		room += x->need_left[i] < x->ahead[k][i] ? x->need_left[i] : x->ahead[k][i];
	if (room > x->cap_left)
		room = x->cap_left;
	if (x->cur_cov + room < x->best_cov ||
	    (x->cur_cov + room == x->best_cov && x->cur_cost >= x->best_cost))
		return;
	if (k == x->npairs) {
		x->best_cov = x->cur_cov;
		x->best_cost = x->cur_cost;
		return;
	}
	int i = x->pairs[k][0], d = x->pairs[k][1];
	const struct sched_recipient *r = &x->in->recipients[i];
	if (x->need_left[i] > 0)
		for (size_t v = 0; v < x->in->n_volunteers; v++) {
			int c = visit_cost(r, &x->in->volunteers[v]);
			if (c < 0 || x->hours_left[v] <= 0)
				continue;
			for (int st = 0; st + x->cells <= NCELL; st++) {
				uint64_t m = run_mask(st, x->cells);
				if ((x->freem[v][d] & m) != m)
					continue;
				x->freem[v][d] &= ~m;
				x->hours_left[v]--;
				x->cap_left--;
				x->need_left[i]--;
				x->cur_cov++;
				x->cur_cost += c;
				dfs(x, k + 1);
				x->cur_cost -= c;
				x->cur_cov--;
				x->need_left[i]++;
				x->cap_left++;
				x->hours_left[v]++;
				x->freem[v][d] |= m;
			}
		}
	dfs(x, k + 1);
}

/* The true maximum coverage and the least cost reaching it. */
static void exhaustive(const struct sched_input *in, int *cov, long *cost)
{
	struct search x = {.in = in, .cells = in->visit_minutes / CELL,
			   .best_cov = -1, .best_cost = 0};
	for (size_t v = 0; v < in->n_volunteers; v++) {
		int l = in->volunteers[v].max_minutes - in->volunteers[v].booked_minutes;
		x.hours_left[v] = l > 0 ? l / in->visit_minutes : 0;
		x.cap_left += x.hours_left[v];
		for (int d = 0; d < D; d++)
			x.freem[v][d] = free_cells(in, v, d);
	}
	for (size_t i = 0; i < in->n_recipients; i++) {
		x.need_left[i] = in->recipients[i].need;
		for (int d = 0; d < D; d++)
			if (in->recipients[i].need > 0 && !(in->recipients[i].visited_days >> d & 1u))
				x.pairs[x.npairs][0] = (int)i, x.pairs[x.npairs++][1] = d;
	}
	/* bound: per recipient, min(need left, open days still ahead) */
	for (int k = x.npairs - 1; k >= 0; k--) {
		memcpy(x.ahead[k], x.ahead[k + 1], sizeof(x.ahead[k]));
		x.ahead[k][x.pairs[k][0]]++;
	}
	dfs(&x, 0);
	*cov = x.best_cov;
	*cost = x.best_cost;
}

/* The reason given for each short recipient fits the week as it is left. */
static int check_reasons(const struct sched_input *in, const struct sched *s,
			 uint64_t left[][D], char *why, size_t whylen)
{
	size_t ng, np;
	const struct sched_gap *g = sched_gaps(s, &ng);
	const struct sched_proposal *p = sched_proposals(s, &np);
	int cells = in->visit_minutes / CELL, bad = 0;
	for (size_t k = 0; k < ng; k++) {
		const struct sched_recipient *r = &in->recipients[g[k].recipient];
		unsigned taken = r->visited_days;
		int got = 0, skilled = 0, allowed = 0, free_before = 0, idle_no_hours = 0,
		    idle_with_hours = 0;
		for (size_t i = 0; i < np; i++)
			if (p[i].recipient == g[k].recipient)
				taken |= 1u << p[i].day, got++;
		for (size_t v = 0; v < in->n_volunteers; v++) {
			const struct sched_volunteer *x = &in->volunteers[v];
			int can = sched_volunteer_left(s, v);
			skilled |= (x->skills & r->skills) == r->skills;
			if (visit_cost(r, x) < 0)
				continue;
			allowed = 1;
			for (int d = 0; d < D; d++) {
				if (taken >> d & 1u)
					continue;
				free_before |= has_room(free_cells(in, v, d), cells);
				if (has_room(left[v][d], cells)) {
					idle_no_hours |= can == 0;
					idle_with_hours |= can > 0;
				}
			}
		}
		int ok_ = g[k].missing == r->need - got && g[k].missing > 0 && !idle_with_hours;
		switch (g[k].reason) {
		case SCHED_REASON_DAYS_USED: ok_ &= (taken & 0x7fu) == 0x7fu; break;
		case SCHED_REASON_NO_SKILL: ok_ &= !skilled; break;
		case SCHED_REASON_NO_AREA: ok_ &= skilled && !allowed; break;
		case SCHED_REASON_NO_FREE: ok_ &= allowed && !free_before; break;
		case SCHED_REASON_HOURS: ok_ &= free_before && idle_no_hours; break;
		case SCHED_REASON_TAKEN: ok_ &= free_before && !idle_no_hours; break;
		default: ok_ = 0;
		}
		if (!ok_) {
			bad++;
			snprintf(why, whylen, "recipient %ld: reason %d (missing %d) does not fit",
				 r->id, (int)g[k].reason, g[k].missing);
		}
	}
	return bad;
}

/* ---- random weeks ---- */

static uint64_t rng_next(uint64_t *st)
{
	*st ^= *st << 13;
	*st ^= *st >> 7;
	*st ^= *st << 17;
	return *st;
}

static int rnd(uint64_t *st, int lo, int hi)
{
	return lo + (int)(rng_next(st) % (uint64_t)(hi - lo + 1));
}

static void random_week(struct week *w, uint64_t *st)
{
	static const int lens[] = {60, 90, 120, 150};
	week_init(w, lens[rnd(st, 0, 3)]);
	int nvol = rnd(st, 1, 4), nrec = rnd(st, 1, 5);
	for (int v = 0; v < nvol; v++) {
		int area = rnd(st, -1, 2);
		struct sched_volunteer *x = add_vol(w, 100 + v, area, rnd(st, 0, 3) == 0,
						    (unsigned)rnd(st, 0, 3), 30 * rnd(st, 0, 4),
						    30 * rnd(st, 2, 16));
		if (area >= 0 && rnd(st, 0, 2) == 0)
			w->area[v][x->n_areas++] = (area + 1) % 3;
		for (int k = rnd(st, 0, 3); k > 0; k--) {
			int start = 30 * rnd(st, 14, 36);
			add_win(w, (size_t)v, rnd(st, 0, 3), start, start + 30 * rnd(st, 1, 10));
		}
	}
	for (int i = 0; i < nrec; i++) {
		unsigned visited = 0;
		for (int k = rnd(st, 0, 2); k > 0; k--)
			visited |= 1u << rnd(st, 0, 6);
		if (rnd(st, 0, 5) == 0)  /* visited nearly every day already */
			visited = 0x7fu & ~(1u << rnd(st, 0, 3)) & ~(1u << rnd(st, 0, 3));
		add_rec(w, 1 + i, rnd(st, 0, 3), rnd(st, 0, 2),
			rnd(st, 0, 2) == 0 ? 100 + rnd(st, 0, nvol - 1) : -1,
			rnd(st, 0, 3) == 0 ? 1u << rnd(st, 0, 2) : 0, visited);
	}
	for (int k = rnd(st, 0, 3); k > 0; k--) {
		int start = 30 * rnd(st, 14, 36);
		w->bk[w->in.n_bookings++] = (struct sched_booking){
			.volunteer = 100 + rnd(st, 0, nvol), .day = rnd(st, 0, 3),
			.start = start, .end = start + 30 * rnd(st, 1, 5),
		};
	}
}

/* ---- hand-made weeks ---- */

static int fill(struct sched *s, struct week *w)
{
	int rc = sched_fill(s, &w->in);
	uint64_t left[6][D];
	char why[160];
	if (rc == 0 && check(&w->in, s, left, why, sizeof(why)))
		tap_diag("checker: %s", why);
	return rc;
}

static void test_basic(struct sched *s)
{
	struct week w;
	week_init(&w, 150);
	add_rec(&w, 1, 3, 0, -1, 0, 0);  /* 王奶奶, 独居老人: 3 visits */
	add_vol(&w, 10, 0, 0, 0, 0, 12 * 60);
	for (int d = 0; d < 5; d++)
		add_win(&w, 0, d, 9 * 60, 14 * 60);
	is_int(fill(s, &w), 0, "王奶奶 的一周: fill succeeds");
	is_int(sched_demand(s), 3, "demand 3");
	is_int(sched_covered(s), 3, "王奶奶 gets all 3 visits");
	const struct sched_proposal *a = prop_of(s, 0, 0), *b = prop_of(s, 0, 1),
				    *c = prop_of(s, 0, 2);
	ok(a && b && c && a->day < b->day && b->day < c->day, "three different days, in order");
	ok(a && a->start == 540 && a->end == 690, "first visit 09:00-11:30");
	size_t n;
	sched_gaps(s, &n);
	is_int(n, 0, "no gaps");
	is_int(sched_volunteer_left(s, 0), 4 - 3, "volunteer has 1 visit of hours left");
}

static void test_one_a_day(struct sched *s)
{
	struct week w;
	week_init(&w, 150);
	add_rec(&w, 1, 3, 0, -1, 0, 0);
	add_vol(&w, 10, 0, 0, 0, 0, 40 * 60);
	add_win(&w, 0, 2, 8 * 60, 18 * 60);  /* four slots, all on Wednesday */
	fill(s, &w);
	is_int(sched_covered(s), 1, "one visit a day: a long Wednesday gives one visit");
	is_int(reason_of(s, 0), SCHED_REASON_NO_FREE, "reason: no volunteer free on other days");

	week_init(&w, 150);
	add_rec(&w, 1, 3, 0, -1, 0, 0x7eu);  /* already visited Tuesday..Sunday */
	add_vol(&w, 10, 0, 0, 0, 0, 40 * 60);
	for (int d = 0; d < D; d++)
		add_win(&w, 0, d, 9 * 60, 12 * 60);
	fill(s, &w);
	is_int(sched_covered(s), 1, "visited every day but Monday: one more visit");
	ok(prop_of(s, 0, 0) && prop_of(s, 0, 0)->day == 0, "on Monday");
	is_int(reason_of(s, 0), SCHED_REASON_DAYS_USED, "reason: every day used");
}

static void test_overlap(struct sched *s)
{
	struct week w;
	week_init(&w, 150);
	add_rec(&w, 1, 1, 0, -1, 0, 0x7eu);
	add_rec(&w, 2, 1, 0, -1, 0, 0x7eu);
	add_vol(&w, 10, 0, 0, 0, 0, 40 * 60);
	add_win(&w, 0, 0, 9 * 60, 14 * 60);
	w.bk[w.in.n_bookings++] = (struct sched_booking){10, 0, 10 * 60, 11 * 60};
	w.bk[w.in.n_bookings++] = (struct sched_booking){99, 0, 9 * 60, 23 * 60};  /* someone else */
	fill(s, &w);
	is_int(sched_covered(s), 1, "a booking at 10:00-11:00 leaves room for one visit");
	const struct sched_proposal *p = prop_of(s, 0, 0) ? prop_of(s, 0, 0) : prop_of(s, 1, 0);
	ok(p && p->start == 11 * 60, "the visit starts 11:00, after the booking");
	is_int(reason_of(s, p && p->recipient == 0 ? 1 : 0), SCHED_REASON_TAKEN,
	       "the other: free time taken by a visit");

	week_init(&w, 150);
	add_rec(&w, 1, 1, 0, -1, 0, 0);
	add_vol(&w, 10, 0, 0, 0, 0, 40 * 60);
	add_win(&w, 0, 0, 9 * 60, 11 * 60);
	add_win(&w, 0, 0, 11 * 60, 13 * 60);  /* touching windows merge */
	fill(s, &w);
	is_int(sched_covered(s), 1, "two touching 2 h windows hold a 2.5 h visit");
}

static void test_hours_and_skills(struct sched *s)
{
	struct week w;
	week_init(&w, 150);
	add_rec(&w, 1, 3, 0, -1, 0, 0);
	add_vol(&w, 10, 0, 0, 0, 150, 300);  /* one visit of hours left */
	for (int d = 0; d < 3; d++)
		add_win(&w, 0, d, 9 * 60, 12 * 60);
	fill(s, &w);
	is_int(sched_covered(s), 1, "max hours: one visit");
	is_int(reason_of(s, 0), SCHED_REASON_HOURS, "reason: hours used up");

	week_init(&w, 150);
	add_rec(&w, 1, 1, 0, -1, 4u, 0);  /* personal care */
	add_rec(&w, 2, 1, 1, -1, 2u, 0);  /* housework, in area 1 */
	add_vol(&w, 10, 0, 0, 1u, 0, 600);
	add_vol(&w, 11, 2, 0, 2u, 0, 600);
	add_win(&w, 0, 0, 540, 720);
	add_win(&w, 1, 0, 540, 720);
	fill(s, &w);
	is_int(sched_covered(s), 0, "nobody skilled and allowed");
	is_int(reason_of(s, 0), SCHED_REASON_NO_SKILL, "reason: no volunteer has the skill");
	is_int(reason_of(s, 1), SCHED_REASON_NO_AREA, "reason: the skilled one covers another area");
	w.vol[1].any_area = 1;
	fill(s, &w);
	is_int(sched_covered(s), 1, "an any-area volunteer may go");
	ok(prop_of(s, 1, 0) && prop_of(s, 1, 0)->cost == SCHED_COST_OTHER, "at the other-area cost");
}

/* Greedy in input order gives 李爷爷 his usual volunteer and leaves 张阿姨
 * with nobody; the maximum moves 李爷爷 to the other volunteer. */
static void test_greedy_trap(struct sched *s)
{
	struct week w;
	week_init(&w, 120);
	add_rec(&w, 1, 1, 0, 10, 0, 0x7eu);  /* 李爷爷, usual volunteer 10 */
	add_rec(&w, 2, 1, 1, -1, 0, 0x7eu);  /* 张阿姨, only volunteer 10 covers area 1 */
	add_vol(&w, 10, 1, 0, 0, 0, 120);
	add_vol(&w, 11, 0, 0, 0, 0, 120);
	add_win(&w, 0, 0, 540, 660);
	add_win(&w, 1, 0, 540, 660);
	fill(s, &w);
	is_int(sched_covered(s), 2, "greedy trap: both covered");
	ok(prop_of(s, 0, 0) && prop_of(s, 0, 0)->volunteer_id == 11, "李爷爷 goes to volunteer 11");
	ok(prop_of(s, 1, 0) && prop_of(s, 1, 0)->volunteer_id == 10, "张阿姨 gets volunteer 10");
	is_int(sched_cost(s), 2, "cost: two area visits");

	/* a longer chain: 3 recipients, 3 volunteers, one day each */
	week_init(&w, 60);
	for (int i = 0; i < 3; i++)
		add_rec(&w, 1 + i, 1, i, -1, 0, 0x7eu);
	add_vol(&w, 10, 0, 0, 0, 0, 60);  /* covers area 0 only */
	add_vol(&w, 11, 0, 0, 0, 0, 60);
	w.area[1][w.vol[1].n_areas++] = 1;  /* 11: areas 0, 1 */
	add_vol(&w, 12, 0, 0, 0, 0, 60);
	w.area[2][0] = 2;
	w.area[2][w.vol[2].n_areas++] = 1;  /* 12: areas 2, 1 */
	for (size_t v = 0; v < 3; v++)
		add_win(&w, v, 0, 600, 660);
	fill(s, &w);
	is_int(sched_covered(s), 3, "chain of three: all covered");
}

static void test_preference(struct sched *s)
{
	struct week w;
	week_init(&w, 150);
	add_rec(&w, 1, 2, 0, 12, 0, 0);   /* usual volunteer 12 lives elsewhere */
	add_vol(&w, 10, 0, 0, 0, 0, 600); /* area volunteer */
	add_vol(&w, 11, -1, 1, 0, 0, 600);
	add_vol(&w, 12, 5, 0, 0, 0, 600);
	for (size_t v = 0; v < 3; v++)
		for (int d = 0; d < 4; d++)
			add_win(&w, v, d, 540, 720);
	fill(s, &w);
	is_int(sched_covered(s), 2, "preference: covered");
	ok(prop_of(s, 0, 0) && prop_of(s, 0, 0)->volunteer_id == 12 &&
	   prop_of(s, 0, 1) && prop_of(s, 0, 1)->volunteer_id == 12,
	   "the usual volunteer takes both visits");
	is_int(sched_cost(s), 0, "cost 0");
	w.rec[0].usual_volunteer = -1;
	fill(s, &w);
	ok(prop_of(s, 0, 0) && prop_of(s, 0, 0)->volunteer_id == 10, "no usual: the area volunteer");
	is_int(sched_cost(s), 2 * SCHED_COST_AREA, "cost 2");
	w.vol[0].max_minutes = 150;  /* area volunteer: one visit only */
	fill(s, &w);
	is_int(sched_covered(s), 2, "coverage kept when the area volunteer runs out");
	is_int(sched_cost(s), SCHED_COST_AREA + SCHED_COST_OTHER, "then an any-area volunteer");
}

static void test_errors(struct sched *s)
{
	struct week w;
	week_init(&w, 0);
	ok(sched_fill(s, &w.in) == -1, "visit length 0 refused");
	week_init(&w, 150);
	add_vol(&w, 10, 0, 0, 0, 0, 600);
	add_win(&w, 0, 7, 540, 720);
	ok(sched_fill(s, &w.in) == -1, "day 7 refused");
	w.win[0][0].day = 0;
	w.win[0][0].end = 1500;
	ok(sched_fill(s, &w.in) == -1, "minute 1500 refused");
	w.win[0][0].end = 720;
	add_vol(&w, 10, 0, 0, 0, 0, 600);
	ok(sched_fill(s, &w.in) == -1, "duplicate volunteer id refused");
	week_init(&w, 150);
	is_int(sched_fill(s, &w.in), 0, "an empty week is fine");
	is_int(sched_covered(s) + sched_demand(s), 0, "nothing to do");
	ok(sched_fill(s, NULL) == -1, "NULL input refused");
	size_t n = 1;
	sched_proposals(s, &n);
	is_int(n, 0, "no proposals after a refusal");
}

static void test_random(struct sched *s, int count, uint64_t seed)
{
	uint64_t st = seed;
	int bad_cov = 0, bad_cost = 0, bad_rules = 0, bad_reasons = 0, short_weeks = 0,
	    reasons_seen[8] = {0}, det = 0;
	struct week *w = malloc(sizeof(*w));
	struct sched *s2 = sched_create();
	for (int t = 0; t < count; t++) {
		random_week(w, &st);
		if (sched_fill(s, &w->in)) {
			bad_rules++;
			continue;
		}
		int cov;
		long cost;
		exhaustive(&w->in, &cov, &cost);
		uint64_t left[6][D];
		char why[160];
		if (sched_covered(s) != cov) {
			if (bad_cov++ < 3)
				tap_diag("week %d: fill %d, exhaustive %d", t, sched_covered(s), cov);
		} else if (sched_cost(s) != cost && bad_cost++ < 3) {
			tap_diag("week %d: cost %ld, exhaustive %ld", t, sched_cost(s), cost);
		}
		if (check(&w->in, s, left, why, sizeof(why)) && bad_rules++ < 3)
			tap_diag("week %d: %s", t, why);
		if (check_reasons(&w->in, s, left, why, sizeof(why)) && bad_reasons++ < 3)
			tap_diag("week %d: %s", t, why);
		size_t ng, n1, n2;
		const struct sched_gap *g = sched_gaps(s, &ng);
		for (size_t k = 0; k < ng; k++)
			reasons_seen[g[k].reason]++;
		short_weeks += cov < sched_demand(s);
		const struct sched_proposal *p1 = sched_proposals(s, &n1);
		if (sched_fill(s2, &w->in) == 0) {
			const struct sched_proposal *p2 = sched_proposals(s2, &n2);
			det += n1 != n2 || memcmp(p1, p2, n1 * sizeof(*p1)) != 0;
		}
	}
	is_int(bad_cov, 0, "random weeks: coverage equals the exhaustive maximum");
	is_int(bad_cost, 0, "random weeks: least cost among maximum coverage");
	is_int(bad_rules, 0, "random weeks: no proposal breaks a rule");
	is_int(bad_reasons, 0, "random weeks: every shortfall reason fits");
	is_int(det, 0, "random weeks: a second workspace gives the same proposals");
	ok(short_weeks > count / 10, "random weeks: many weeks cannot be fully covered (%d)",
	   short_weeks);
	for (int r = SCHED_REASON_NO_SKILL; r <= SCHED_REASON_TAKEN; r++)
		ok(reasons_seen[r] > 0, "random weeks: reason %d seen (%d)", r, reasons_seen[r]);
	sched_destroy(s2);
	free(w);
}

int main(void)
{
	struct sched *s = sched_create();
	ok(s != NULL, "create");
	test_basic(s);
	test_one_a_day(s);
	test_overlap(s);
	test_hours_and_skills(s);
	test_greedy_trap(s);
	test_preference(s);
	test_errors(s);
	test_random(s, 1000, 0x9e3779b97f4a7c15ull);
	ok(sched_reason_text(SCHED_REASON_HOURS)[0] != '\0', "reason text");
	sched_destroy(s);
	sched_destroy(NULL);
	return tap_done();
}
