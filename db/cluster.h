/* cluster.h - the private, embedded PostgreSQL: initdb on first use, started
 * on demand with pg_ctl, Unix socket only, left running for the next start. */
#ifndef JZ_DB_CLUSTER_H
#define JZ_DB_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>

#define DB_CLUSTER_SUPERUSER "jiuzhu"   /* bootstrap superuser of the cluster */
#define DB_CLUSTER_SYSUSER   "jiuzhu"   /* OS user that runs it when we are root */

typedef struct db_cluster {
	char dir[512];        /* $JIUZHU_DATA */
	char pgdata[600];     /* dir/pgdata, mode 0700 */
	char sockdir[600];    /* dir/run: where the socket lives (listen_addresses='') */
	char port[8];         /* "5432": names the socket file only */
	bool created;         /* initdb ran during this call */
	bool started;         /* pg_ctl start ran during this call */
} db_cluster;

/* Default folder: $JIUZHU_DATA, else /var/lib/jiuzhu when root, else
 * ${XDG_DATA_HOME:-$HOME/.local/share}/jiuzhu. Writes into buf. */
bool db_cluster_default_dir(char *buf, size_t len);

/* Make sure the cluster in dir exists and runs: a quick ping when it already
 * runs (the common case, a few ms); otherwise initdb and/or pg_ctl start, as
 * the unprivileged system user when euid is 0. Concurrent callers are
 * serialised with a lock file. On failure returns false with a plain-words
 * reason in err. */
bool db_cluster_ensure(const char *dir, db_cluster *out, char *err, size_t errlen);

/* Stop it (pg_ctl stop -m fast). */
bool db_cluster_stop(const db_cluster *cl, char *err, size_t errlen);

/* Remove the whole folder (the documented "start over" flag). Stops the
 * server first; refuses a folder that holds neither pgdata/PG_VERSION nor
 * only our own leftovers. A missing folder is success. */
bool db_cluster_destroy(const char *dir, char *err, size_t errlen);

/* Fill the paths of *out for dir (NULL: the default) without touching
 * anything; false when the path cannot be used (relative, too long for a
 * socket, characters postgresql.conf cannot hold). */
bool db_cluster_paths(const char *dir, db_cluster *out, char *err, size_t errlen);

/* The server of cl answers on its socket (PQping). */
bool db_cluster_running(const db_cluster *cl);

/* Where initdb/pg_ctl/postgres live: $JIUZHU_PGBIN, else the version that
 * made pgdata (may be NULL), else `pg_config --bindir`, else the highest
 * /usr/lib/postgresql/N/bin, else PATH. False (plain words in err) when none. */
bool db_cluster_find_bin(const char *pgdata, char *buf, size_t len, char *err, size_t errlen);

#endif
