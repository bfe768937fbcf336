/* testdb_stop.c - stop the db suite's shared cluster at the end of a run
 * (test.sh calls it; meson has no suite teardown). With arguments, stops the
 * clusters in those folders instead. As root, pg_ctl runs as the cluster's
 * owner (the system user jiuzhu). Exit 1 when one could not be stopped. */
#include <stdio.h>

#include "cluster.h"
#include "testdb.h"

int main(int argc, char **argv)
{
	char dir[512], err[512];
	int status = 0;
	if (argc < 2 && !testdb_cluster_dir(dir, sizeof dir))
		return 1;
	for (int i = 1; i < argc || i == 1; i++) {
		const char *d = argc < 2 ? dir : argv[i];
		db_cluster cl;
		if (!db_cluster_paths(d, &cl, err, sizeof err) || !db_cluster_stop(&cl, err, sizeof err)) {
			fprintf(stderr, "testdb-stop: %s: %s\n", d, err);
			status = 1;
		}
		if (argc < 2)
			break;
	}
	return status;
}
