/* schedule_flow.c - the min-cost max-flow under sched_fill (schedule.c).
 *
 * Primal-dual. Dijkstra on reduced costs gives potentials; then Dinic
 * pushes a blocking flow along arcs of reduced cost 0 (shortest paths
 * only) until none is left; repeat. Costs are tiny, so few rounds. */
#include "schedule.h"
#include "schedule_priv.h"

#include <stdlib.h>
#include <string.h>

int sched_add_arc(struct sched *s, int u, int v, int capacity, int cost)
{
	if (s->ne + 2 > s->cap_e) {
		int n = s->cap_e ? s->cap_e * 2 : 1024;
		int **arr[] = {&s->next, &s->to, &s->cap, &s->cost};
		for (size_t i = 0; i < sizeof(arr) / sizeof(arr[0]); i++) {
			int *q = realloc(*arr[i], (size_t)n * sizeof(int));
			if (!q)
				return -1;  /* the ones grown already are merely larger */
			*arr[i] = q;
		}
		s->cap_e = n;
	}
	int e = s->ne;
	s->to[e] = v; s->cap[e] = capacity; s->cost[e] = cost;
	s->next[e] = s->head[u]; s->head[u] = e;
	s->to[e + 1] = u; s->cap[e + 1] = 0; s->cost[e + 1] = -cost;
	s->next[e + 1] = s->head[v]; s->head[v] = e + 1;
	s->ne += 2;
	return e;
}

static int reduced(const struct sched *s, int e)
{
	return s->cost[e] + s->pot[s->to[e ^ 1]] - s->pot[s->to[e]];
}

static void heap_push(struct sched *s, int d, int v)
{
	int i = s->heap_n++;
	while (i > 0) {
		int p = (i - 1) / 2;
		if (s->heap_d[p] <= d)
			break;
		s->heap_d[i] = s->heap_d[p];
		s->heap_v[i] = s->heap_v[p];
		i = p;
	}
	s->heap_d[i] = d;
	s->heap_v[i] = v;
}

static void heap_pop(struct sched *s, int *d, int *v)
{
	*d = s->heap_d[0];
	*v = s->heap_v[0];
	int n = --s->heap_n, ld = s->heap_d[n], lv = s->heap_v[n], i = 0;
	for (;;) {
		int c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && s->heap_d[c + 1] < s->heap_d[c])
			c++;
		if (s->heap_d[c] >= ld)
			break;
		s->heap_d[i] = s->heap_d[c];
		s->heap_v[i] = s->heap_v[c];
		i = c;
	}
	s->heap_d[i] = ld;
	s->heap_v[i] = lv;
}

/* Shortest reduced distances from the source; moves the potentials so the
 * shortest paths have reduced cost 0. Returns 0 when the sink is unreachable. */
static int dijkstra(struct sched *s)
{
	for (int v = 0; v < s->nv; v++)
		s->dist[v] = SCHED_INF;
	s->dist[SCHED_SOURCE] = 0;
	s->heap_n = 0;
	heap_push(s, 0, SCHED_SOURCE);
	while (s->heap_n) {
		int d, u;
		heap_pop(s, &d, &u);
		if (d > s->dist[u])
			continue;
		if (u == SCHED_SINK)
			break;  /* the rest are no nearer than the sink */
		for (int e = s->head[u]; e != -1; e = s->next[e]) {
			if (s->cap[e] <= 0)
				continue;
			int v = s->to[e], nd = d + reduced(s, e);
			if (nd < s->dist[v]) {
				s->dist[v] = nd;
				heap_push(s, nd, v);  /* heap holds <= ne + 1 entries */
			}
		}
	}
	int dt = s->dist[SCHED_SINK];
	if (dt >= SCHED_INF)
		return 0;
	for (int v = 0; v < s->nv; v++)
		s->pot[v] += s->dist[v] < dt ? s->dist[v] : dt;
	return 1;
}

/* BFS levels over arcs of reduced cost 0. */
static int bfs_levels(struct sched *s)
{
	for (int v = 0; v < s->nv; v++)
		s->level[v] = -1;
	int qh = 0, qt = 0;
	s->level[SCHED_SOURCE] = 0;
	s->queue[qt++] = SCHED_SOURCE;
	while (qh < qt) {
		int u = s->queue[qh++];
		for (int e = s->head[u]; e != -1; e = s->next[e]) {
			int v = s->to[e];
			if (s->cap[e] > 0 && s->level[v] < 0 && reduced(s, e) == 0) {
				s->level[v] = s->level[u] + 1;
				s->queue[qt++] = v;
			}
		}
	}
	return s->level[SCHED_SINK] >= 0;
}

static int dfs(struct sched *s, int u, int f)
{
	if (u == SCHED_SINK)
		return f;
	for (; s->iter[u] != -1; s->iter[u] = s->next[s->iter[u]]) {
		int e = s->iter[u], v = s->to[e];
		if (s->cap[e] <= 0 || s->level[v] != s->level[u] + 1 ||
		    reduced(s, e) != 0)
			continue;
		int d = dfs(s, v, f < s->cap[e] ? f : s->cap[e]);
		if (d > 0) {
			s->cap[e] -= d;
			s->cap[e ^ 1] += d;
			return d;
		}
	}
	return 0;
}

void sched_min_cost_max_flow(struct sched *s)
{
	while (dijkstra(s)) {
		while (bfs_levels(s)) {
			memcpy(s->iter, s->head, (size_t)s->nv * sizeof(int));
			while (dfs(s, SCHED_SOURCE, SCHED_INF) > 0)
				;
		}
	}
}
