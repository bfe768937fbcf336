/* schedule.c - fill the week by min-cost max-flow (see schedule.h).
 *
 * Why the network is exact: every rule is a capacity. One visit a day per
 * recipient is the recipient-day arc (1), the week's need the source arc.
 * A volunteer's free time on a day is a union of disjoint intervals; at most
 * floor(len / visit) visits fit in each, and chopping them back to back
 * reaches that, so "slots on the day" is exactly how many visits the
 * volunteer can make that day without overlap. Hours are the volunteer->sink
 * arc. Which visit gets which slot of the day does not matter to any rule.
 * Area hubs (area, skills, day) stand between recipient-days and
 * volunteer-days only to keep the arc count small: every recipient-day that
 * enters a hub may use every volunteer-day the hub reaches, at that arc's
 * cost (an any-area volunteer who also covers the area is reachable at 1 and
 * at 3; the least cost never takes the 3). The usual volunteer gets a
 * direct arc of cost 0.
 *
 * The flow itself is computed in schedule_flow.c. */
#include "schedule.h"
#include "schedule_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

struct sched *sched_create(void)
{
	return calloc(1, sizeof(struct sched));
}

static void free_digest(struct sched *s)
{
	free(s->head); free(s->next); free(s->to); free(s->cap); free(s->cost);
	free(s->pot); free(s->dist); free(s->level); free(s->iter); free(s->queue);
	free(s->heap_d); free(s->heap_v);
	free(s->vol_by_id); free(s->k); free(s->slot_off); free(s->slot_start);
	free(s->vd_node); free(s->vd_used); free(s->rd_hub_arc);
	free(s->rd_usual_arc); free(s->pair_key); free(s->rec_pair);
	free(s->hub_used); free(s->hub_cursor); free(s->rec_usual); free(s->sk_key);
	free(s->rd_node); free(s->vnode); free(s->node_vol); free(s->vol_used);
	free(s->prop); free(s->gaps);
	memset(s, 0, sizeof(*s));
}

void sched_destroy(struct sched *s)
{
	if (!s)
		return;
	free_digest(s);
	free(s);
}

/* ---- input digest ---- */

static int cmp_vol_key(const void *a, const void *b)
{
	long x = ((const struct vol_key *)a)->id, y = ((const struct vol_key *)b)->id;
	return (x > y) - (x < y);
}

static long find_vol(const struct sched *s, long id)
{
	struct vol_key key = {.id = id};
	const struct vol_key *f = bsearch(&key, s->vol_by_id, s->nvol, sizeof(key), cmp_vol_key);
	return f ? (long)f->v : -1;
}

struct span { int vol, day, start, end; };

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	if (x->vol != y->vol) return (x->vol > y->vol) - (x->vol < y->vol);
	if (x->day != y->day) return (x->day > y->day) - (x->day < y->day);
	if (x->start != y->start) return (x->start > y->start) - (x->start < y->start);
	return (x->end > y->end) - (x->end < y->end);
}

static int bad_span(int day, int start, int end)
{
	return day < 0 || day >= SCHED_DAYS || start < 0 || end < 0 ||
	       start > SCHED_DAY_MINUTES || end > SCHED_DAY_MINUTES;
}

static int push_slot(struct sched *s, int start)
{
	if (s->n_slots == s->cap_slots) {
		int n = s->cap_slots ? s->cap_slots * 2 : 256;
		int *q = realloc(s->slot_start, (size_t)n * sizeof(int));
		if (!q)
			return -1;
		s->slot_start = q;
		s->cap_slots = n;
	}
	s->slot_start[s->n_slots++] = start;
	return 0;
}

/* Free time [a, b) minus the sorted busy spans, chopped into visits. */
static int chop(struct sched *s, int a, int b, const struct span *busy, size_t nb, int len)
{
	int cur = a;
	for (size_t i = 0; i <= nb; i++) {
		int stop = b;
		if (i < nb) {
			if (busy[i].end <= cur || busy[i].start >= b)
				continue;
			stop = busy[i].start;
		}
		for (int x = cur; x + len <= stop; x += len)
			if (push_slot(s, x))
				return -1;
		if (i < nb && busy[i].end > cur)
			cur = busy[i].end;
	}
	return 0;
}

/* slot_off / slot_start: each volunteer-day's visit starts. */
static int build_slots(struct sched *s, const struct sched_input *in)
{
	size_t nw = 0;
	for (size_t v = 0; v < s->nvol; v++)
		nw += in->volunteers[v].n_windows;
	struct span *win = malloc((nw + 1) * sizeof(*win));
	struct span *bk = malloc((in->n_bookings + 1) * sizeof(*bk));
	int rc = -1;
	if (!win || !bk)
		goto out;
	size_t w = 0, nbk = 0;
	for (size_t v = 0; v < s->nvol; v++)
		for (size_t j = 0; j < in->volunteers[v].n_windows; j++) {
			const struct sched_window *x = &in->volunteers[v].windows[j];
			if (x->start < x->end)
				win[w++] = (struct span){(int)v, x->day, x->start, x->end};
		}
	for (size_t j = 0; j < in->n_bookings; j++) {
		const struct sched_booking *b = &in->bookings[j];
		long v = find_vol(s, b->volunteer);
		if (v >= 0 && b->start < b->end)
			bk[nbk++] = (struct span){(int)v, b->day, b->start, b->end};
	}
	qsort(win, w, sizeof(*win), cmp_span);
	qsort(bk, nbk, sizeof(*bk), cmp_span);
	size_t wi = 0, bi = 0;
	for (size_t v = 0; v < s->nvol; v++)
		for (int d = 0; d < SCHED_DAYS; d++) {
			s->slot_off[v * SCHED_DAYS + (size_t)d] = s->n_slots;
			while (bi < nbk && (bk[bi].vol < (int)v ||
			       (bk[bi].vol == (int)v && bk[bi].day < d)))
				bi++;
			size_t be = bi;
			while (be < nbk && bk[be].vol == (int)v && bk[be].day == d)
				be++;
			while (wi < w && win[wi].vol == (int)v && win[wi].day == d) {
				/* merge overlapping or touching windows first */
				int a = win[wi].start, b = win[wi].end;
				for (wi++; wi < w && win[wi].vol == (int)v &&
				     win[wi].day == d && win[wi].start <= b; wi++)
					if (win[wi].end > b)
						b = win[wi].end;
				if (chop(s, a, b, bk + bi, be - bi, in->visit_minutes))
					goto out;
			}
			bi = be;
		}
	s->slot_off[s->nvol * SCHED_DAYS] = s->n_slots;
	rc = 0;
out:
	free(win);
	free(bk);
	return rc;
}

static int slots_of(const struct sched *s, size_t v, int d)
{
	size_t i = v * SCHED_DAYS + (size_t)d;
	return s->slot_off[i + 1] - s->slot_off[i];
}

static long long pair_of(int area, unsigned skills)
{
	return (long long)(((unsigned long long)(unsigned)area << 32) | skills);
}

static int cmp_pair(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

static int covers_area(const struct sched_volunteer *v, int area)
{
	for (size_t i = 0; i < v->n_areas; i++)
		if (v->areas[i] == area)
			return 1;
	return 0;
}

/* Cost of volunteer v going to an area, or -1 when they do not go there. */
static int area_cost(const struct sched_volunteer *v, int area)
{
	if (covers_area(v, area))
		return SCHED_COST_AREA;
	return v->any_area ? SCHED_COST_OTHER : -1;
}

static int has_skills(const struct sched_volunteer *v, unsigned need)
{
	return (v->skills & need) == need;
}

static void *zalloc(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);  /* never NULL for an empty list */
}
#define ALLOC(p, n) ((p) = zalloc((size_t)(n), sizeof(*(p))))

static int validate(const struct sched_input *in)
{
	if (in->visit_minutes <= 0 || (in->n_recipients && !in->recipients) ||
	    (in->n_volunteers && !in->volunteers) || (in->n_bookings && !in->bookings))
		return -1;
	for (size_t v = 0; v < in->n_volunteers; v++) {
		const struct sched_volunteer *x = &in->volunteers[v];
		if ((x->n_windows && !x->windows) || (x->n_areas && !x->areas))
			return -1;
		for (size_t j = 0; j < x->n_windows; j++)
			if (bad_span(x->windows[j].day, x->windows[j].start, x->windows[j].end))
				return -1;
	}
	for (size_t j = 0; j < in->n_bookings; j++)
		if (bad_span(in->bookings[j].day, in->bookings[j].start, in->bookings[j].end))
			return -1;
	return 0;
}

/* ---- fill ---- */

static int build_graph(struct sched *s, const struct sched_input *in)
{
	size_t nrec = s->nrec, nvol = s->nvol;
	/* node ids first (nv++): the adjacency heads are sized once */
	s->nv = 2;
	for (size_t v = 0; v < nvol; v++) {
		s->vnode[v] = s->k[v] > 0 ? s->nv++ : -1;
		for (int d = 0; d < SCHED_DAYS; d++)
			s->vd_node[v * SCHED_DAYS + (size_t)d] =
				s->vnode[v] >= 0 && slots_of(s, v, d) > 0 ? s->nv++ : -1;
	}
	s->hub_base = s->nv;
	s->any_hub = s->n_pairs * SCHED_DAYS;
	s->nv += (s->n_pairs + s->n_sk) * SCHED_DAYS;
	int rnode0 = s->nv;
	for (size_t i = 0; i < nrec; i++) {
		const struct sched_recipient *r = &in->recipients[i];
		if (r->need <= 0)
			continue;
		s->nv++;
		for (int d = 0; d < SCHED_DAYS; d++)
			s->rd_node[i * SCHED_DAYS + (size_t)d] =
				(r->visited_days >> d) & 1u ? -1 : s->nv++;
	}
	int nv = s->nv;
	if (!ALLOC(s->head, nv) || !ALLOC(s->pot, nv) || !ALLOC(s->dist, nv) ||
	    !ALLOC(s->level, nv) || !ALLOC(s->iter, nv) || !ALLOC(s->queue, nv) ||
	    !ALLOC(s->node_vol, nv))
		return -1;
	for (int v = 0; v < nv; v++)
		s->head[v] = -1;

	for (size_t v = 0; v < nvol; v++) {
		if (s->vnode[v] < 0)
			continue;
		if (sched_add_arc(s, s->vnode[v], SCHED_SINK, s->k[v], 0) < 0)
			return -1;
		for (int d = 0; d < SCHED_DAYS; d++) {
			int vd = s->vd_node[v * SCHED_DAYS + (size_t)d];
			if (vd < 0)
				continue;
			s->node_vol[vd] = (int)v;
			if (sched_add_arc(s, vd, s->vnode[v], slots_of(s, v, d), 0) < 0)
				return -1;
		}
	}
	int rn = rnode0;
	for (size_t i = 0; i < nrec; i++) {
		const struct sched_recipient *r = &in->recipients[i];
		if (r->need <= 0)
			continue;
		int node = rn++;
		if (sched_add_arc(s, SCHED_SOURCE, node, r->need, 0) < 0)
			return -1;
		for (int d = 0; d < SCHED_DAYS; d++) {
			size_t id = i * SCHED_DAYS + (size_t)d;
			int rd = s->rd_node[id];
			if (rd < 0)
				continue;
			rn++;
			if (sched_add_arc(s, node, rd, 1, 0) < 0)
				return -1;
			int h = s->rec_pair[i] * SCHED_DAYS + d;
			s->hub_used[h] = 1;
			if ((s->rd_hub_arc[id] = sched_add_arc(s, rd, s->hub_base + h, 1, 0)) < 0)
				return -1;
			int u = s->rec_usual[i];
			int uvd = u >= 0 ? s->vd_node[(size_t)u * SCHED_DAYS + (size_t)d] : -1;
			if (uvd >= 0 && has_skills(&in->volunteers[u], r->skills) &&
			    (s->rd_usual_arc[id] = sched_add_arc(s, rd, uvd, 1, SCHED_COST_USUAL)) < 0)
				return -1;
		}
	}
	/* area hubs reach the volunteers covering the area, and through one
	 * any-area hub per skill set and day the volunteers who go anywhere:
	 * arcs grow with areas + volunteers, not areas x volunteers */
	for (int p = 0; p < s->n_pairs; p++) {
		int area = (int)(unsigned)((unsigned long long)s->pair_key[p] >> 32);
		unsigned skills = (unsigned)(s->pair_key[p] & 0xffffffffLL);
		int k = (int)((const unsigned *)bsearch(&skills, s->sk_key, (size_t)s->n_sk,
				sizeof(unsigned), cmp_uint) - s->sk_key);
		for (int d = 0; d < SCHED_DAYS; d++) {
			int h = p * SCHED_DAYS + d, any = s->any_hub + k * SCHED_DAYS + d;
			if (!s->hub_used[h])
				continue;
			s->hub_used[any] = 1;
			if (sched_add_arc(s, s->hub_base + h, s->hub_base + any, SCHED_INF, 0) < 0)
				return -1;
			for (size_t v = 0; v < nvol; v++) {
				int vd = s->vd_node[v * SCHED_DAYS + (size_t)d];
				if (vd >= 0 && covers_area(&in->volunteers[v], area) &&
				    has_skills(&in->volunteers[v], skills) &&
				    sched_add_arc(s, s->hub_base + h, vd, slots_of(s, v, d), SCHED_COST_AREA) < 0)
					return -1;
			}
		}
	}
	for (int k = 0; k < s->n_sk; k++)
		for (int d = 0; d < SCHED_DAYS; d++) {
			int any = s->any_hub + k * SCHED_DAYS + d;
			for (size_t v = 0; s->hub_used[any] && v < nvol; v++) {
				int vd = s->vd_node[v * SCHED_DAYS + (size_t)d];
				if (vd >= 0 && in->volunteers[v].any_area &&
				    has_skills(&in->volunteers[v], s->sk_key[k]) &&
				    sched_add_arc(s, s->hub_base + any, vd, slots_of(s, v, d), SCHED_COST_OTHER) < 0)
					return -1;
			}
		}
	s->heap_cap = s->ne + 1;
	if (!ALLOC(s->heap_d, s->heap_cap) || !ALLOC(s->heap_v, s->heap_cap))
		return -1;
	return 0;
}

/* Next hub->volunteer-day arc of hub h with flow not yet handed out. */
static int hub_take(struct sched *s, int h)
{
	int e = s->hub_cursor[h];
	if (e == -2)
		e = s->head[s->hub_base + h];
	for (; e != -1; e = s->next[e])
		if (!(e & 1) && s->cap[e ^ 1] > 0)
			break;
	s->hub_cursor[h] = e;
	if (e != -1)
		s->cap[e ^ 1]--;
	return e;
}

static int extract(struct sched *s, const struct sched_input *in)
{
	size_t n = 0;
	for (size_t i = 0; i < s->nrec; i++)
		if (in->recipients[i].need > 0)
			n += (size_t)in->recipients[i].need;
	if (!ALLOC(s->prop, n))
		return -1;
	for (int h = 0; h < (s->n_pairs + s->n_sk) * SCHED_DAYS; h++)
		s->hub_cursor[h] = -2;
	for (size_t i = 0; i < s->nrec; i++) {
		const struct sched_recipient *r = &in->recipients[i];
		if (r->need <= 0)
			continue;
		for (int d = 0; d < SCHED_DAYS; d++) {
			size_t id = i * SCHED_DAYS + (size_t)d;
			int ua = s->rd_usual_arc[id], ha = s->rd_hub_arc[id], v, cost;
			if (ua >= 0 && s->cap[ua ^ 1] > 0) {
				v = s->rec_usual[i];
				cost = SCHED_COST_USUAL;
			} else if (ha >= 0 && s->cap[ha ^ 1] > 0) {
				int e = hub_take(s, s->to[ha] - s->hub_base);
				if (e >= 0 && s->to[e] >= s->hub_base + s->any_hub)
					e = hub_take(s, s->to[e] - s->hub_base);
				if (e < 0)
					return -1;  /* flow not conserved: cannot happen */
				v = s->node_vol[s->to[e]];
				cost = s->cost[e];
			} else {
				continue;
			}
			size_t vd = (size_t)v * SCHED_DAYS + (size_t)d;
			int start = s->slot_start[s->slot_off[vd] + s->vd_used[vd]++];
			s->prop[s->n_prop++] = (struct sched_proposal){
				.recipient = i, .volunteer = (size_t)v,
				.recipient_id = r->id, .volunteer_id = in->volunteers[v].id,
				.day = d, .start = start, .end = start + in->visit_minutes,
				.cost = cost,
			};
			s->vol_used[v]++;
			s->total_cost += cost;
		}
	}
	s->covered = (int)s->n_prop;
	return 0;
}

static int goes_to(const struct sched *s, const struct sched_input *in, size_t i, size_t v)
{
	const struct sched_recipient *r = &in->recipients[i];
	return has_skills(&in->volunteers[v], r->skills) &&
	       (s->rec_usual[i] == (int)v || area_cost(&in->volunteers[v], r->area) >= 0);
}

static enum sched_reason why_short(const struct sched *s, const struct sched_input *in,
				   size_t i, unsigned days_taken)
{
	const struct sched_recipient *r = &in->recipients[i];
	int skilled = 0, eligible = 0, free_any = 0, idle_slot = 0;
	for (size_t v = 0; v < s->nvol; v++) {
		if (!has_skills(&in->volunteers[v], r->skills))
			continue;
		skilled = 1;
		if (!goes_to(s, in, i, v))
			continue;
		eligible = 1;
		for (int d = 0; d < SCHED_DAYS; d++) {
			size_t vd = v * SCHED_DAYS + (size_t)d;
			if ((days_taken >> d) & 1u || slots_of(s, v, d) == 0)
				continue;
			free_any = 1;
			if (s->vd_used[vd] < slots_of(s, v, d))
				idle_slot = 1;  /* the maximum left it: no hours */
		}
	}
	if ((days_taken & 0x7fu) == 0x7fu)
		return SCHED_REASON_DAYS_USED;
	if (!skilled)
		return SCHED_REASON_NO_SKILL;
	if (!eligible)
		return SCHED_REASON_NO_AREA;
	if (!free_any)
		return SCHED_REASON_NO_FREE;
	return idle_slot ? SCHED_REASON_HOURS : SCHED_REASON_TAKEN;
}

static int find_gaps(struct sched *s, const struct sched_input *in)
{
	if (!ALLOC(s->gaps, s->nrec))
		return -1;
	size_t p = 0;
	for (size_t i = 0; i < s->nrec; i++) {
		const struct sched_recipient *r = &in->recipients[i];
		unsigned taken = r->visited_days;
		int got = 0;
		for (; p < s->n_prop && s->prop[p].recipient == i; p++) {
			taken |= 1u << s->prop[p].day;
			got++;
		}
		if (r->need <= got)
			continue;
		s->gaps[s->n_gaps++] = (struct sched_gap){
			.recipient = i, .recipient_id = r->id, .missing = r->need - got,
			.reason = why_short(s, in, i, taken),
		};
	}
	return 0;
}

int sched_fill(struct sched *s, const struct sched_input *in)
{
	free_digest(s);
	if (!in || validate(in)) {
		errno = EINVAL;
		return -1;
	}
	size_t nrec = s->nrec = in->n_recipients, nvol = s->nvol = in->n_volunteers;
	int rc = -1, err = ENOMEM;
	if (!ALLOC(s->vol_by_id, nvol) || !ALLOC(s->k, nvol) ||
	    !ALLOC(s->slot_off, nvol * SCHED_DAYS + 1) ||
	    !ALLOC(s->vd_node, nvol * SCHED_DAYS) || !ALLOC(s->vd_used, nvol * SCHED_DAYS) ||
	    !ALLOC(s->rd_hub_arc, nrec * SCHED_DAYS) ||
	    !ALLOC(s->rd_usual_arc, nrec * SCHED_DAYS) || !ALLOC(s->rd_node, nrec * SCHED_DAYS) ||
	    !ALLOC(s->pair_key, nrec) || !ALLOC(s->rec_pair, nrec) ||
	    !ALLOC(s->rec_usual, nrec) || !ALLOC(s->vnode, nvol) || !ALLOC(s->vol_used, nvol))
		goto out;
	for (size_t v = 0; v < nvol; v++)
		s->vol_by_id[v] = (struct vol_key){in->volunteers[v].id, v};
	qsort(s->vol_by_id, nvol, sizeof(*s->vol_by_id), cmp_vol_key);
	for (size_t v = 1; v < nvol; v++)
		if (s->vol_by_id[v].id == s->vol_by_id[v - 1].id) {
			err = EINVAL;
			goto out;
		}
	for (size_t v = 0; v < nvol; v++) {
		const struct sched_volunteer *x = &in->volunteers[v];
		long left = (long)x->max_minutes - x->booked_minutes;
		s->k[v] = left > 0 ? (int)(left / in->visit_minutes) : 0;
	}
	if (build_slots(s, in))
		goto out;
	size_t np = 0;
	for (size_t i = 0; i < nrec; i++) {
		const struct sched_recipient *r = &in->recipients[i];
		s->rec_usual[i] = r->usual_volunteer == -1 ? -1
			: (int)find_vol(s, r->usual_volunteer);
		for (int d = 0; d < SCHED_DAYS; d++)
			s->rd_hub_arc[i * SCHED_DAYS + (size_t)d] =
			s->rd_usual_arc[i * SCHED_DAYS + (size_t)d] = -1;
		if (r->need > 0) {
			s->demand += r->need;
			s->pair_key[np++] = pair_of(r->area, r->skills);
		}
	}
	qsort(s->pair_key, np, sizeof(long long), cmp_pair);
	for (size_t i = 0; i < np; i++)
		if (i == 0 || s->pair_key[i] != s->pair_key[s->n_pairs - 1])
			s->pair_key[s->n_pairs++] = s->pair_key[i];
	for (size_t i = 0; i < nrec; i++) {
		long long key = pair_of(in->recipients[i].area, in->recipients[i].skills);
		const long long *f = in->recipients[i].need > 0
			? bsearch(&key, s->pair_key, (size_t)s->n_pairs, sizeof(key), cmp_pair) : NULL;
		s->rec_pair[i] = f ? (int)(f - s->pair_key) : -1;
	}
	if (!ALLOC(s->sk_key, s->n_pairs))
		goto out;
	for (int p = 0; p < s->n_pairs; p++)
		s->sk_key[p] = (unsigned)(s->pair_key[p] & 0xffffffffLL);
	qsort(s->sk_key, (size_t)s->n_pairs, sizeof(unsigned), cmp_uint);
	for (int p = 0; p < s->n_pairs; p++)
		if (p == 0 || s->sk_key[p] != s->sk_key[s->n_sk - 1])
			s->sk_key[s->n_sk++] = s->sk_key[p];
	if (!ALLOC(s->hub_used, (s->n_pairs + s->n_sk) * SCHED_DAYS) ||
	    !ALLOC(s->hub_cursor, (s->n_pairs + s->n_sk) * SCHED_DAYS))
		goto out;
	if (build_graph(s, in))
		goto out;
	sched_min_cost_max_flow(s);
	if (extract(s, in) || find_gaps(s, in))
		goto out;
	rc = 0;
out:
	if (rc) {
		free_digest(s);
		errno = err;
	}
	return rc;
}

const struct sched_proposal *sched_proposals(const struct sched *s, size_t *n)
{
	*n = s->n_prop;
	return s->prop;
}

const struct sched_gap *sched_gaps(const struct sched *s, size_t *n)
{
	*n = s->n_gaps;
	return s->gaps;
}

int sched_demand(const struct sched *s) { return s->demand; }
int sched_covered(const struct sched *s) { return s->covered; }
long sched_cost(const struct sched *s) { return s->total_cost; }

int sched_volunteer_left(const struct sched *s, size_t volunteer)
{
	if (volunteer >= s->nvol)
		return -1;
	return s->k[volunteer] - s->vol_used[volunteer];
}

const char *sched_reason_text(enum sched_reason r)
{
	switch (r) {
	case SCHED_REASON_NONE:
		return _("covered");
	case SCHED_REASON_NO_SKILL:
		return _("no volunteer has the skill this visit needs");
	case SCHED_REASON_NO_AREA:
		return _("no volunteer with the skill covers this area");
	case SCHED_REASON_DAYS_USED:
		return _("already visited on every day left this week");
	case SCHED_REASON_NO_FREE:
		return _("no volunteer free on any remaining day");
	case SCHED_REASON_HOURS:
		return _("volunteers are free but their hours are used up");
	case SCHED_REASON_TAKEN:
		return _("every free volunteer time is taken by other visits");
	}
	return _("unknown reason");
}
