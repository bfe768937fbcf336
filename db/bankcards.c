/* bankcards.c - the bank cards' import: the file staged by db/csv_import;
 * PostgreSQL checks and writes (0140). See bankcards.h for the format. */
#include "bankcards.h"

#include <stdlib.h>
#include <string.h>

static const char *const columns[] = { "身份证号", "姓名", "银行卡号" };

static const db_csv_spec spec = {
	.columns = columns,
	.ncols = (int)(sizeof columns / sizeof columns[0]),
	.header = "身份证号,姓名,银行卡号",
	.stage_sql = "SELECT jz.bankcards_stage()",
	.copy_sql = "COPY pg_temp.jz_bankcards_in (line, id_number, name, bank_card)"
		    " FROM STDIN WITH (FORMAT csv)",
	.bad_sql = "INSERT INTO pg_temp.jz_bankcards_bad (line, reason)"
		   " SELECT * FROM unnest($1::bigint[], $2::text[])",
	.bad_lines_sql = "SELECT line, reason FROM jz.bankcards_bad_lines()",
};

bool db_import_bankcards(db_conn *c, const char *path, const db_csv_opts *o,
			 db_bankcards_result *out, db_err *err)
{
	db_err local;
	db_err *e = err ? err : &local;
	PGresult *res;
	long lines;

	if (out)
		memset(out, 0, sizeof *out);
	if (!db_csv_begin(c, path, &spec, o, &lines, e))
		return false;
	const char *p[1] = { o->dry_run ? "true" : "false" };
	res = db_exec(c, "SELECT * FROM jz.bankcards_import($1::boolean)", 1, p, e);
	if (!res) {
		db_csv_abort(c, e);
		return false;
	}
	if (out && PQntuples(res) == 1) {
		out->lines = atol(PQgetvalue(res, 0, 0));
		out->good = atol(PQgetvalue(res, 0, 1));
		out->bad = atol(PQgetvalue(res, 0, 2));
		out->changed = atol(PQgetvalue(res, 0, 3));
		out->unchanged = atol(PQgetvalue(res, 0, 4));
	}
	PQclear(res);
	return db_csv_end(c, &spec, o, e);
}
