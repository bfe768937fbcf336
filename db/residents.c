/* residents.c - the census import: the file staged by db/csv_import;
 * PostgreSQL parses and checks (0091, 0101). See residents.h for the
 * format. */
#include "residents.h"

#include <stdlib.h>
#include <string.h>

static const char *const columns[] = {
	"社区代码", "户号", "姓名", "身份证号", "与户主关系", "联系电话", "现住址",
};

static const db_csv_spec spec = {
	.columns = columns,
	.ncols = (int)(sizeof columns / sizeof columns[0]),
	.header = "社区代码,户号,姓名,身份证号,与户主关系,联系电话,现住址",
	.stage_sql = "SELECT jz.residents_stage()",
	.copy_sql = "COPY pg_temp.jz_residents_in (line, community_code, census_no, name,"
		    " id_number, relationship, phone, address) FROM STDIN WITH (FORMAT csv)",
	.bad_sql = "INSERT INTO pg_temp.jz_residents_bad (line, reason)"
		   " SELECT * FROM unnest($1::bigint[], $2::text[])",
	.bad_lines_sql = "SELECT line, reason FROM jz.residents_bad_lines()",
};

const char *db_residents_charset(const char *encoding)
{
	return db_csv_charset(encoding);
}

bool db_import_residents(db_conn *c, const char *path, const db_residents_opts *o,
			 db_residents_result *out, db_err *err)
{
	db_err local;
	db_err *e = err ? err : &local;
	PGresult *res;
	long lines;

	if (out)
		memset(out, 0, sizeof *out);
	if (!db_csv_begin(c, path, &spec, o, &lines, e))
		return false;
	if (o->copy_only) {
		if (out)
			out->lines = lines;
		db_csv_abort(c, e);
		return true;
	}
	const char *p[1] = { o->dry_run ? "true" : "false" };
	res = db_exec(c, "SELECT * FROM jz.residents_import($1::boolean)", 1, p, e);
	if (!res) {
		db_csv_abort(c, e);
		return false;
	}
	if (out && PQntuples(res) == 1) {
		out->lines = atol(PQgetvalue(res, 0, 0));
		out->good = atol(PQgetvalue(res, 0, 1));
		out->bad = atol(PQgetvalue(res, 0, 2));
		out->persons_new = atol(PQgetvalue(res, 0, 3));
		out->persons_updated = atol(PQgetvalue(res, 0, 4));
		out->households_new = atol(PQgetvalue(res, 0, 5));
	}
	PQclear(res);
	return db_csv_end(c, &spec, o, e);
}
