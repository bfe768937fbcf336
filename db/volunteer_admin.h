/* volunteer_admin.h - adding and editing volunteers (issue 6 item 1): the
 * person record (found by ID number or created), phone, community, areas,
 * skills, weekly availability windows, maximum hours, training sessions,
 * active. The whole record is saved in one statement (jz.volunteer_save,
 * 0072); the database refuses overlapping windows (JZ033) and a record
 * changed meanwhile (JZ034). Days 0..6 from Monday, minutes from midnight. */
#ifndef JZ_DB_VOLUNTEER_ADMIN_H
#define JZ_DB_VOLUNTEER_ADMIN_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

#define DB_VOL_SKILLS 6
#define DB_VOL_WINDOWS 6
#define DB_VOL_TRAININGS 4

typedef struct db_vol_window {
	int day, start, end;
} db_vol_window;

typedef struct db_vol_training {
	char date[11];          /* YYYY-MM-DD */
	char topic[404];        /* up to 100 characters */
} db_vol_training;

typedef struct db_vol_record {
	long long id;           /* 0: a new volunteer */
	int version;
	long long person_id;    /* 0: create the person from id_number and name */
	char id_number[19];
	char name[124];
	char phone[24];
	int community_id;
	char areas[404];        /* areas/buildings, one per line ('\n') */
	unsigned skills;        /* bit i: db_vol_skill_code(i) */
	int max_minutes;
	bool active;
	db_vol_window win[DB_VOL_WINDOWS];
	size_t n_win;
	db_vol_training train[DB_VOL_TRAININGS];
	size_t n_train;
} db_vol_record;

typedef struct db_vol_community {
	int id;
	char name[96];
} db_vol_community;

/* The stored code ("shopping") and the translated name (购物) of skill i
 * (0..DB_VOL_SKILLS-1); NULL outside. */
const char *db_vol_skill_code(int i);
const char *db_vol_skill_name(int i);

/* The first pair of windows that overlap on a day (true, *a < *b), else
 * false. Touching windows (9-12, 12-14) do not overlap. */
bool db_vol_windows_overlap(const db_vol_window *w, size_t n, size_t *a, size_t *b);

/* The caller's communities (RLS), by id. */
bool db_vol_communities(db_conn *c, db_vol_community **out, size_t *n, db_err *err);

/* The person with this ID number (any community): *found false when none.
 * person_id, name and phone filled when found; *volunteer_id the volunteer
 * already made of them (0: none). */
bool db_vol_person_find(db_conn *c, const char *id_number, bool *found, long long *person_id,
			char name[124], char phone[24], long long *volunteer_id, db_err *err);

/* Read volunteer id into rec. */
bool db_vol_load(db_conn *c, long long id, db_vol_record *rec, db_err *err);

/* Save rec: creates the person first when person_id is 0, then inserts
 * (id 0) or updates (version must match) the volunteer with its windows
 * and training sessions, all in one transaction. On success rec->id,
 * person_id and version are the stored ones. */
bool db_vol_save(db_conn *c, db_vol_record *rec, db_err *err);

#endif
