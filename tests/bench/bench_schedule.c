/* bench_schedule.c - jiuzhu-bench-schedule: time to fill a week and the
 * coverage reached (not a test: it prints, it does not judge the build).
 *
 * The week: 1,000 recipients needing 3 visits, 300 volunteers, 10 areas.
 * Each volunteer covers their home area (a third also the next one), a
 * fifth go anywhere; 2-4 windows of 3-5 hours on different days, 8:00 to
 * 20:00; 8-12 hours a week, some already booked; a tenth of the recipients
 * need personal care, half have a usual volunteer. Fixed seed.
 *
 * Printed: the median of 5 fills, the coverage (the max-flow value is the
 * optimum), two upper bounds for context (total demand and total volunteer
 * capacity; capacity counting only visits that fit in the free time), and a
 * greedy fill in input order for comparison. Run with a visit of 150 min
 * (the seed's 600 h / 240 visits) and 60 min (capacity near demand, where
 * the one-a-day and area rules bite).
 *
 * Usage: jiuzhu-bench-schedule [recipients volunteers] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "schedule.h"

#define AREAS 10
#define RUNS 5
#define CARE 8u  /* personal care skill bit */

struct bench {
	struct sched_recipient *rec;
	struct sched_volunteer *vol;
	struct sched_window (*win)[4];
	int (*area)[2];
	struct sched_booking *bk;
	struct sched_input in;
};

static uint64_t rng(uint64_t *st)
{
	*st ^= *st << 13;
	*st ^= *st >> 7;
	*st ^= *st << 17;
	return *st;
}

static int rnd(uint64_t *st, int lo, int hi)
{
	return lo + (int)(rng(st) % (uint64_t)(hi - lo + 1));
}

static int make_week(struct bench *b, size_t nrec, size_t nvol, int visit)
{
	uint64_t st = 0x2545f4914f6cdd1dull;
	b->rec = calloc(nrec, sizeof(*b->rec));
	b->vol = calloc(nvol, sizeof(*b->vol));
	b->win = calloc(nvol, sizeof(*b->win));
	b->area = calloc(nvol, sizeof(*b->area));
	b->bk = calloc(nvol, sizeof(*b->bk));
	if (!b->rec || !b->vol || !b->win || !b->area || !b->bk)
		return -1;
	size_t nb = 0;
	for (size_t v = 0; v < nvol; v++) {
		struct sched_volunteer *x = &b->vol[v];
		int home = rnd(&st, 0, AREAS - 1);
		b->area[v][0] = home;
		b->area[v][1] = (home + 1) % AREAS;
		*x = (struct sched_volunteer){
			.id = 1000 + (long)v, .areas = b->area[v],
			.n_areas = rnd(&st, 0, 2) == 0 ? 2 : 1,
			.any_area = rnd(&st, 0, 4) == 0,
			.skills = (unsigned)rnd(&st, 1, 7) | (rnd(&st, 0, 3) == 0 ? CARE : 0),
			.windows = b->win[v],
			.max_minutes = 60 * rnd(&st, 8, 12),
		};
		unsigned days = 0;
		for (int k = rnd(&st, 2, 4); k > 0; k--) {
			int d;
			do
				d = rnd(&st, 0, 6);
			while (days >> d & 1u);
			days |= 1u << d;
			int len = 30 * rnd(&st, 6, 10), start = 30 * rnd(&st, 16, 40 - len / 30);
			b->win[v][x->n_windows++] = (struct sched_window){d, start, start + len};
		}
		if (rnd(&st, 0, 4) == 0) {  /* a visit already booked this week */
			const struct sched_window *w = &b->win[v][0];
			b->bk[nb++] = (struct sched_booking){x->id, w->day, w->start, w->start + visit};
			x->booked_minutes = visit;
		}
	}
	for (size_t i = 0; i < nrec; i++) {
		int area = rnd(&st, 0, AREAS - 1);
		long usual = -1;
		if (rnd(&st, 0, 1) == 0) {  /* a usual volunteer from the same area */
			size_t v = (size_t)rnd(&st, 0, (int)nvol - 1);
			for (size_t k = 0; k < nvol; k++, v = (v + 1) % nvol)
				if (b->area[v][0] == area) {
					usual = b->vol[v].id;
					break;
				}
		}
		b->rec[i] = (struct sched_recipient){
			.id = 1 + (long)i, .need = 3, .area = area, .usual_volunteer = usual,
			.skills = rnd(&st, 0, 9) == 0 ? CARE : 0,
		};
	}
	b->in = (struct sched_input){
		.recipients = b->rec, .n_recipients = nrec,
		.volunteers = b->vol, .n_volunteers = nvol,
		.bookings = b->bk, .n_bookings = nb, .visit_minutes = visit,
	};
	return 0;
}

static void free_week(struct bench *b)
{
	free(b->rec);
	free(b->vol);
	free(b->win);
	free(b->area);
	free(b->bk);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Visits that fit in volunteer v's windows (they never overlap here),
 * less the one already booked. */
static int fits(const struct bench *b, size_t v, int d)
{
	const struct sched_volunteer *x = &b->vol[v];
	int n = 0;
	for (size_t k = 0; k < x->n_windows; k++)
		if (x->windows[k].day == d)
			n += (x->windows[k].end - x->windows[k].start) / b->in.visit_minutes;
	for (size_t k = 0; k < b->in.n_bookings; k++)
		if (b->bk[k].volunteer == x->id && b->bk[k].day == d)
			n--;
	return n;
}

static int allowed(const struct sched_volunteer *x, const struct sched_recipient *r)
{
	if ((x->skills & r->skills) != r->skills)
		return 0;
	if (x->id == r->usual_volunteer || x->any_area)
		return 1;
	for (size_t k = 0; k < x->n_areas; k++)
		if (x->areas[k] == r->area)
			return 1;
	return 0;
}

/* First come, first served: each recipient in turn takes, day by day, the
 * first volunteer with a free visit and hours left. */
static int greedy(const struct bench *b, int *cap_fit)
{
	size_t nvol = b->in.n_volunteers;
	int (*slots)[SCHED_DAYS] = calloc(nvol, sizeof(*slots));
	int *hours = calloc(nvol, sizeof(int)), got = 0;
	*cap_fit = 0;
	if (!slots || !hours)
		goto out;
	for (size_t v = 0; v < nvol; v++) {
		int l = b->vol[v].max_minutes - b->vol[v].booked_minutes, all = 0;
		hours[v] = l > 0 ? l / b->in.visit_minutes : 0;
		for (int d = 0; d < SCHED_DAYS; d++)
			all += slots[v][d] = fits(b, v, d);
		*cap_fit += all < hours[v] ? all : hours[v];
	}
	for (size_t i = 0; i < b->in.n_recipients; i++) {
		const struct sched_recipient *r = &b->rec[i];
		int n = 0;
		for (int d = 0; d < SCHED_DAYS && n < r->need; d++)
			for (size_t v = 0; v < nvol; v++)
				if (slots[v][d] > 0 && hours[v] > 0 && allowed(&b->vol[v], r)) {
					slots[v][d]--;
					hours[v]--;
					n++;
					break;
				}
		got += n;
	}
out:
	free(slots);
	free(hours);
	return got;
}

static int run(size_t nrec, size_t nvol, int visit)
{
	struct bench b = {0};
	struct sched *s = sched_create();
	double t[RUNS];
	int rc = 1;
	if (!s || make_week(&b, nrec, nvol, visit)) {
		fprintf(stderr, "out of memory\n");
		goto out;
	}
	for (int k = 0; k < RUNS; k++) {
		double t0 = now_ms();
		if (sched_fill(s, &b.in)) {
			perror("sched_fill");
			goto out;
		}
		t[k] = now_ms() - t0;
	}
	qsort(t, RUNS, sizeof(t[0]), cmp_double);
	long cap = 0;
	for (size_t v = 0; v < nvol; v++) {
		int l = b.vol[v].max_minutes - b.vol[v].booked_minutes;
		cap += l > 0 ? l / visit : 0;
	}
	int cap_fit, greedy_got = greedy(&b, &cap_fit), demand = sched_demand(s);
	int covered = sched_covered(s);
	size_t ng;
	const struct sched_gap *g = sched_gaps(s, &ng);
	int why[SCHED_REASON_TAKEN + 1] = {0};
	for (size_t k = 0; k < ng; k++)
		why[g[k].reason] += g[k].missing;
	printf("fill the week: %zu recipients x 3 visits, %zu volunteers, %d areas, visit %d min\n",
	       nrec, nvol, AREAS, visit);
	printf("  time to fill (median of %d): %.1f ms   (min %.1f, max %.1f; goal < 1000 ms)\n",
	       RUNS, t[RUNS / 2], t[0], t[RUNS - 1]);
	printf("  covered %d of %d required visits (%.1f%%) = the optimum (max-flow value)\n",
	       covered, demand, 100.0 * covered / (demand ? demand : 1));
	printf("  upper bounds: demand %d; volunteer hours %ld visits; hours and free time %d%s\n",
	       demand, cap, cap_fit,
	       covered == cap_fit || covered == demand ? " (reached: optimal by the bound too)" : "");
	printf("  greedy in input order: %d (%.1f%% of the optimum)\n", greedy_got,
	       100.0 * greedy_got / (covered ? covered : 1));
	printf("  cost %ld (usual 0, area 1, other 3); %zu recipients short:", sched_cost(s), ng);
	for (int r = SCHED_REASON_NO_SKILL; r <= SCHED_REASON_TAKEN; r++)
		if (why[r])
			printf(" %s %d;", sched_reason_text((enum sched_reason)r), why[r]);
	printf("\n");
	rc = 0;
out:
	sched_destroy(s);
	free_week(&b);
	return rc;
}

int main(int argc, char **argv)
{
	size_t nrec = 1000, nvol = 300;
	if (argc == 3) {
		nrec = strtoul(argv[1], NULL, 10);
		nvol = strtoul(argv[2], NULL, 10);
	}
	if (nvol == 0) {
		fprintf(stderr, "usage: jiuzhu-bench-schedule [recipients volunteers]\n");
		return 2;
	}
	int rc = run(nrec, nvol, 150);
	return rc ? rc : run(nrec, nvol, 60);
}
