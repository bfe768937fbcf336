/* cluster_priv.h - shared by cluster.c (folders, configuration, start and
 * stop) and cluster_proc.c (the server programs and running them). Internal
 * to db/: not for callers of cluster.h. */
#ifndef JZ_DB_CLUSTER_PRIV_H
#define JZ_DB_CLUSTER_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cluster.h"

/* Who runs the server programs: ourselves, or (as root) the system user. */
typedef struct db_cluster_user {
	bool drop;        /* switch to uid/gid before exec */
	uid_t uid;
	gid_t gid;
	char name[64];
} db_cluster_user;

/* Writes the message into err (when not NULL) and returns false. */
__attribute__((format(printf, 3, 4)))
bool db_cluster_fail(char *err, size_t errlen, const char *fmt, ...);
/* a/b into buf; false (and an empty buf) when it would not fit. */
bool db_cluster_path_join(char *buf, size_t len, const char *a, const char *b);

/* fork + exec with no shell; output appended to logfd; as the system user
 * when who->drop. new_session detaches a server from our terminal so a
 * Ctrl-C or hang-up meant for jiuzhu never reaches the postmaster. */
bool db_cluster_run_program(const char *const argv[], const db_cluster_user *who, int logfd,
			    const char *workdir, bool new_session, int *status);
/* db_cluster_run_program, with a non-zero exit status as a failure whose
 * message quotes the last line of logpath. */
bool db_cluster_run_checked(const char *const argv[], const db_cluster_user *who, int logfd,
			    const char *workdir, bool new_session,
			    const char *logpath, char *err, size_t errlen);
/* As root: find or create the system user that will own the cluster. */
bool db_cluster_system_user(db_cluster_user *who, int logfd, const char *logpath,
			    char *err, size_t errlen);
/* The real test: can the system user open the folders it needs? */
bool db_cluster_reachable_by(const db_cluster_user *who, const db_cluster *cl);
/* As root, act as whoever owns the cluster; otherwise as ourselves. */
bool db_cluster_owner_of(const char *pgdata, db_cluster_user *who, char *err, size_t errlen);

#endif
