/* schedule_priv.h - the state of a fill, shared by schedule.c (the week's
 * digest, the network, the answer) and schedule_flow.c (the flow on it).
 * Internal to forms/: callers of schedule.h see struct sched as opaque. */
#ifndef JZ_FORMS_SCHEDULE_PRIV_H
#define JZ_FORMS_SCHEDULE_PRIV_H

#include <limits.h>
#include <stddef.h>

#include "schedule.h"

#define SCHED_INF (INT_MAX / 4)
#define SCHED_SOURCE 0   /* node numbers of the source and the sink */
#define SCHED_SINK 1

struct sched {
	/* residual graph: arcs e and e^1 are a pair */
	int nv, ne, cap_e;
	int *head, *next, *to, *cap, *cost;
	int *pot, *dist, *level, *iter, *queue;
	int *heap_d, *heap_v;  /* binary heap, lazy deletion */
	int heap_n, heap_cap;

	/* input digest */
	size_t nrec, nvol;
	struct vol_key { long id; size_t v; } *vol_by_id;  /* sorted by id */
	int *k;                /* visits each volunteer can still take */
	int *slot_off;         /* nvol*7+1 offsets into slot_start */
	int *slot_start;
	int n_slots, cap_slots;
	int *vd_node;          /* nvol*7: volunteer-day node or -1 */
	int *vd_used;          /* nvol*7: slots handed out */
	int *rd_hub_arc;       /* nrec*7: arc recipient-day -> hub, or -1 */
	int *rd_usual_arc;     /* nrec*7: arc to the usual volunteer, or -1 */
	long long *pair_key;        /* distinct (area, skills) of recipients */
	int n_pairs;
	int *rec_pair;         /* nrec */
	unsigned *sk_key;      /* distinct skill sets of recipients */
	int n_sk;
	int *hub_used;         /* (n_pairs+n_sk)*7: some recipient-day enters it */
	int *hub_cursor;       /* (n_pairs+n_sk)*7: arc being handed out */
	int *rec_usual;        /* nrec: usual volunteer's index or -1 */
	int *rd_node;          /* nrec*7: recipient-day node or -1 */
	int *vnode;            /* nvol: volunteer node or -1 */
	int *node_vol;         /* nv: the volunteer of a volunteer-day node */
	int *vol_used;         /* nvol: visits proposed */
	int hub_base;          /* hub (pair p, day d) is hub_base + p*7 + d; then */
	int any_hub;           /* any-area hub (skills k, day d): any_hub + k*7 + d */

	/* results */
	struct sched_proposal *prop;
	size_t n_prop;
	struct sched_gap *gaps;
	size_t n_gaps;
	int demand, covered;
	long total_cost;
};

/* Adds u->v and its reverse; returns the forward arc or -1 (ENOMEM). */
int sched_add_arc(struct sched *s, int u, int v, int capacity, int cost);
/* Pushes the most flow from SCHED_SOURCE to SCHED_SINK at the least cost
 * over the arcs added; head, pot, dist, level, iter, queue (nv each) and
 * the heap (ne + 1) must be allocated. */
void sched_min_cost_max_flow(struct sched *s);

#endif
