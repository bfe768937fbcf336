/* schedule.h - "fill the week": propose home-visit bookings that cover as
 * many required visits as possible (the maximum, not a greedy guess), then
 * say for every recipient left short why.
 *
 * Pure C, caller-owned plain arrays in, a reusable workspace out. Days are
 * 0..6 (0 = Monday), times are minutes from midnight, intervals [start, end).
 *
 * Rules every proposal keeps:
 *  - at most one visit to a recipient a day, counting visits already made or
 *    booked (visited_days);
 *  - a volunteer is never in two overlapping visits, existing bookings
 *    included, and only inside their availability windows;
 *  - a volunteer's week stays within max_minutes (booked_minutes counted);
 *  - a volunteer goes only where allowed: the recipient's area is in their
 *    list, or they are the recipient's usual volunteer, or they take any area;
 *  - the volunteer has every skill the recipient requires.
 * Among the proposals of maximum coverage the one of least total cost is
 * chosen: usual volunteer 0, a volunteer covering the area 1, an any-area
 * volunteer from elsewhere 3 (SCHED_COST_*).
 *
 * Method (schedule.c): min-cost max-flow, exact for these rules. Each
 * volunteer's free time on a day (windows merged, existing bookings cut out)
 * is chopped into back-to-back visit-length slots; slots of one volunteer on
 * one day are interchangeable, so they become one node whose capacity is
 * their number. source -> recipient (need) -> recipient-day (1) ->
 * [area hub] -> volunteer-day (slots) -> volunteer (hours left / visit
 * length) -> sink. */
#ifndef JZ_FORMS_SCHEDULE_H
#define JZ_FORMS_SCHEDULE_H

#include <stddef.h>

enum {
	SCHED_DAYS = 7,
	SCHED_DAY_MINUTES = 1440,
	SCHED_COST_USUAL = 0,  /* the recipient's usual volunteer */
	SCHED_COST_AREA = 1,   /* a volunteer who covers the recipient's area */
	SCHED_COST_OTHER = 3,  /* an any-area volunteer from elsewhere */
};

struct sched_recipient {
	long id;
	int need;               /* visits still required this week (<= 0: none) */
	int area;               /* area/building code */
	long usual_volunteer;   /* volunteer id, or -1 */
	unsigned skills;        /* every skill bit the visit requires; 0 = none */
	unsigned visited_days;  /* bit d: already visited or booked on day d */
};

struct sched_window {
	int day;                /* 0..6 */
	int start, end;         /* minutes, 0 <= start, end <= 1440 */
};

struct sched_volunteer {
	long id;                /* unique among the volunteers */
	const int *areas;       /* areas covered; may be NULL when n_areas is 0 */
	size_t n_areas;
	int any_area;           /* also goes to other areas (SCHED_COST_OTHER) */
	unsigned skills;
	const struct sched_window *windows;
	size_t n_windows;
	int booked_minutes;     /* already booked this week */
	int max_minutes;        /* weekly limit */
};

/* An existing booking: the volunteer is busy then. An unknown volunteer id
 * is ignored. */
struct sched_booking {
	long volunteer;
	int day, start, end;
};

struct sched_input {
	const struct sched_recipient *recipients;
	size_t n_recipients;
	const struct sched_volunteer *volunteers;
	size_t n_volunteers;
	const struct sched_booking *bookings;
	size_t n_bookings;
	int visit_minutes;      /* length of one visit, > 0 */
};

/* One proposed booking; indices are into the input arrays. */
struct sched_proposal {
	size_t recipient, volunteer;
	long recipient_id, volunteer_id;
	int day, start, end;
	int cost;               /* SCHED_COST_* */
};

enum sched_reason {
	SCHED_REASON_NONE = 0,      /* fully covered */
	SCHED_REASON_NO_SKILL,      /* no volunteer at all has the required skill */
	SCHED_REASON_NO_AREA,       /* no volunteer with the skill goes to the area */
	SCHED_REASON_DAYS_USED,     /* a visit already on every day left */
	SCHED_REASON_NO_FREE,       /* no suitable volunteer free on any day left */
	SCHED_REASON_HOURS,         /* suitable volunteers are free but out of hours */
	SCHED_REASON_TAKEN,         /* suitable free times all went to other visits */
};

/* A recipient the proposal leaves short. */
struct sched_gap {
	size_t recipient;
	long recipient_id;
	int missing;                /* visits short */
	enum sched_reason reason;
};

struct sched;

struct sched *sched_create(void);
void sched_destroy(struct sched *s);

/* Fills the week for in. Returns 0, or -1 with errno EINVAL (bad input: visit
 * length <= 0, a day outside 0..6, minutes outside 0..1440, duplicate volunteer
 * id) or ENOMEM. Results stay valid until the next sched_fill or destroy.
 * Deterministic: the same input gives the same proposals in the same order
 * (by recipient, then day). */
int sched_fill(struct sched *s, const struct sched_input *in);

const struct sched_proposal *sched_proposals(const struct sched *s, size_t *n);
/* Recipients left short, in input order. */
const struct sched_gap *sched_gaps(const struct sched *s, size_t *n);
/* Required visits (sum of positive needs), visits proposed (the maximum),
 * and the total cost of the proposal. */
int sched_demand(const struct sched *s);
int sched_covered(const struct sched *s);
long sched_cost(const struct sched *s);
/* Visits a volunteer can still take this week with the proposal applied
 * (hours left / visit length); -1 for a bad index. */
int sched_volunteer_left(const struct sched *s, size_t volunteer);

/* The reason in plain words, translated. */
const char *sched_reason_text(enum sched_reason r);

#endif
