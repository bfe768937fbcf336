/* generate.h - scale data for the benchmarks (issue 4 item 9): N synthetic
 * communities, households, persons (valid GB 11643 ID numbers, check
 * character by MOD 11-2), members, applications in realistic states with
 * notify-by dates (a share overdue), their categories and proofs, each table
 * filled by one INSERT ... SELECT generate_series (one transaction per
 * table) on the server.
 *
 * On purpose it bypasses jz.submit_application and every trigger
 * (session_replication_role = replica: needs a superuser connection), so:
 * no audit rows, no per-row numbering or completeness check. It writes what
 * those would: numbers unique per community (counters set past them),
 * notify_by = submit day + 5 working days by jz.add_working_days, and every
 * proof a complete application needs ('returned' ones lack the low-income
 * certificate, which is why they are returned). gen_verify() re-runs the
 * checks the triggers skipped on a sample, and the foreign keys on all rows. */
#ifndef JZ_BENCH_GENERATE_H
#define JZ_BENCH_GENERATE_H

#include <stdbool.h>
#include <stdio.h>

#include "db.h"

typedef struct gen_opts {
	long communities;    /* >= 1 */
	long households;     /* >= applications; 70% one person, 30% couples */
	long applications;   /* one per household, the first ones */
} gen_opts;

typedef struct gen_stats {
	long persons, households, members, applications, categories, proofs, overdue;
	int first_community_id;
	double seconds;
} gen_stats;

/* Fills the database c is connected to (as a superuser). Progress lines,
 * with rows/s per table, go to out (may be NULL). */
bool gen_run(db_conn *c, const gen_opts *o, gen_stats *s, FILE *out, db_err *err);

/* The checks the load skipped: foreign keys of every row, and
 * jz.application_check on `sample` random applications. Returns the number
 * of problems (0: valid), -1 on error. */
long gen_verify(db_conn *c, int sample, FILE *out, db_err *err);

#endif
