/* generate.c - scale data on the server side: every table is one
 * INSERT ... SELECT over generate_series (one statement, one transaction),
 * so 1,000,000 applications never cross the wire row by row. The SQL is
 * constant text; counts and offsets travel as parameters. See generate.h
 * for what is bypassed and why it stays valid. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "generate.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One statement; rows affected into *rows; a progress line with rows/s. */
static bool step(db_conn *c, const char *what, const char *sql, int n, const char *const *p,
		 long *rows, FILE *out, db_err *err)
{
	double t0 = now_s(), dt;
	PGresult *r = db_exec(c, sql, n, p, err);
	long k;

	if (!r)
		return false;
	k = atol(PQcmdTuples(r));
	PQclear(r);
	dt = now_s() - t0;
	if (rows)
		*rows = k;
	if (out) {
		fprintf(out, "  %-24s %10ld rows %7.1f s %10.0f rows/s\n", what, k, dt,
			dt > 0 ? (double)k / dt : 0.0);
		fflush(out);
	}
	return true;
}

static long long scalar_ll(db_conn *c, const char *sql, db_err *err, bool *good)
{
	PGresult *r = db_exec(c, sql, 0, NULL, err);
	long long v = 0;

	if (!r) {
		*good = false;
		return 0;
	}
	if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0))
		v = atoll(PQgetvalue(r, 0, 0));
	PQclear(r);
	return v;
}

/* State per percentile; a state the database does not know yet (the
 * workflow migrations not applied) counts as 'submitted'. */
static const struct { const char *state; int pct; } state_mix[] = {
	{ "submitted", 40 }, { "returned", 10 }, { "accepted", 12 }, { "assessing", 10 },
	{ "assessed", 5 }, { "approved", 3 }, { "active", 12 }, { "rejected", 3 },
	{ "denied", 2 }, { "closed", 3 },
};

static bool state_array(db_conn *c, char *buf, size_t len, db_err *err)
{
	PGresult *r = db_exec(c, "SELECT code FROM jz.application_states", 0, NULL, err);
	size_t used = 0;

	if (!r)
		return false;
	buf[used++] = '{';
	for (size_t i = 0; i < sizeof state_mix / sizeof *state_mix; i++) {
		const char *s = "submitted";
		for (int j = 0; j < PQntuples(r); j++)
			if (strcmp(PQgetvalue(r, j, 0), state_mix[i].state) == 0)
				s = state_mix[i].state;
		for (int k = 0; k < state_mix[i].pct && used + 16 < len; k++)
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used > 1 ? "," : "", s);
	}
	PQclear(r);
	snprintf(buf + used, len - used, "}");
	return true;
}

/* GB 11643: 6-digit area, birth date, 3-digit sequence, MOD 11-2 check. For
 * person k: area k % 10, birth 1940-01-01 + (k/10) % 16000 days, sequence
 * (k/10/16000) % 1000: unique for k < 160,000,000. */
#define S(i, w) "substr(s17," #i ",1)::int*" #w
#define CHECK_SUM S(1,7) "+" S(2,9) "+" S(3,10) "+" S(4,5) "+" S(5,8) "+" S(6,4) "+" S(7,2) \
	"+" S(8,1) "+" S(9,6) "+" S(10,3) "+" S(11,7) "+" S(12,9) "+" S(13,10) "+" S(14,5) \
	"+" S(15,8) "+" S(16,4) "+" S(17,2)
/* $1 households, $2 community ids, $3 person id offset */
#define HOUSE_PEOPLE \
	" FROM generate_series(1, $1::bigint) h" \
	" CROSS JOIN LATERAL generate_series(1, CASE WHEN h % 10 < 7 THEN 1 ELSE 2 END) m" \
	" CROSS JOIN LATERAL (SELECT $3::bigint + 2 * h - 2 + m AS k) kk" \
	" CROSS JOIN LATERAL (SELECT ($2::int[])[h % cardinality($2::int[]) + 1] AS cid) cc"

static const char sql_persons[] =
	"INSERT INTO jz.persons (id, community_id, id_number, name, sex, birth_date)"
	" SELECT k, cid, s17 || substr('10X98765432', (" CHECK_SUM ") % 11 + 1, 1),"
	"  (array['王','李','张','刘','陈','杨','黄','赵','吴','周','欧阳','司马'])[k % 12 + 1]"
	"  || (array['伟','芳','娜','秀英','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟',"
	"            '涛','明','超','秀兰','霞'])[(k / 7) % 20 + 1]"
	"  || CASE WHEN k % 3 > 0 THEN (array['伟','芳','娜','秀英','敏','静','丽','强','磊','军',"
	"       '洋','勇','艳','杰','娟','涛','明','超','秀兰','霞'])[(k / 131) % 20 + 1] ELSE '' END,"
	"  CASE WHEN substr(s17, 17, 1)::int % 2 = 1 THEN 'M' ELSE 'F' END, bd"
	" FROM (SELECT k, cid, bd,"
	"        (array['110101','110102','110105','110106','110107','110108','110109','110111',"
	"               '110112','110113'])[k % 10 + 1]"
	"        || to_char(bd, 'YYYYMMDD') || lpad(((k / 10 / 16000) % 1000)::text, 3, '0') AS s17"
	"       " HOUSE_PEOPLE
	"       CROSS JOIN LATERAL (SELECT date '1940-01-01' + ((k / 10) % 16000)::int AS bd) b) q";

static const char sql_households[] =
	"INSERT INTO jz.households (id, community_id, hukou_address, address, hukou_type, savings_fen)"
	" SELECT $3::bigint + h, ($2::int[])[h % cardinality($2::int[]) + 1],"
	"  '北京市朝阳区团结湖路' || h || '号', '同上', 'urban', (h % 50) * 1000"
	" FROM generate_series(1, $1::bigint) h";

static const char sql_members[] =
	"INSERT INTO jz.household_members (household_id, person_id, community_id, relationship,"
	"  employment, health, income_wages_fen, income_pension_fen)"
	" SELECT $4::bigint + h, k, cid, CASE m WHEN 1 THEN 'self' ELSE 'spouse' END,"
	"  CASE WHEN k % 4 = 0 THEN 'retired' ELSE 'unemployed_reg' END,"
	"  (array['healthy','chronic','serious'])[k % 3 + 1],"
	"  CASE WHEN k % 4 = 0 THEN 0 ELSE (k % 7) * 20000 END,"
	"  CASE WHEN k % 4 = 0 THEN 150000 ELSE 0 END"
	HOUSE_PEOPLE;

/* $1 applications, $2 community ids, $3 codes, $4 household offset, $5
 * application offset, $6 person offset, $7 states by percentile, $8
 * working days to notify. 'submitted' ones were handed in within 40 days
 * (most past their 5 working days: overdue), the others within a year. */
static const char sql_applications[] =
	"WITH days AS (SELECT d::date AS day, w.due, w.certain"
	"   FROM generate_series(current_date - 420, current_date, interval '1 day') d"
	"   CROSS JOIN LATERAL jz.add_working_days(d::date, $8::int) w)"
	" INSERT INTO jz.applications (id, community_id, household_id, applicant_id, number, state,"
	"  reason, submitted_at, notify_by, notify_by_certain, created_by, version)"
	" SELECT $5::bigint + h, ($2::int[])[ci], $4::bigint + h, $6::bigint + 2 * h - 1,"
	"  ($3::text[])[ci] || '-' || extract(year FROM sub)::int || '-'"
	"   || lpad(((h - 1) / n + 1)::text, greatest(6, length(((h - 1) / n + 1)::text)), '0'),"
	"  st, '家庭收入低于当地低收入标准', sub,"
	"  CASE WHEN st = 'returned' THEN NULL ELSE dy.due END,"
	"  CASE WHEN st = 'returned' THEN NULL ELSE dy.certain END, 'generator', 1"
	" FROM generate_series(1, $1::bigint) h"
	" CROSS JOIN LATERAL (SELECT cardinality($2::int[]) AS n) nn"
	" CROSS JOIN LATERAL (SELECT h % n + 1 AS ci,"
	"   ($7::text[])[((h * 2654435761) % 100)::int + 1] AS st) s"
	" CROSS JOIN LATERAL (SELECT (current_date - CASE WHEN st = 'submitted' THEN (h * 7919) % 40"
	"   ELSE 10 + (h * 7919) % 400 END::int) + time '08:30' + (h % 30000) * interval '1 second'"
	"   AS sub) t"
	" JOIN days dy ON dy.day = sub::date";

static const char sql_counters[] =
	"INSERT INTO jz.application_counters AS c (community_id, year, last)"
	" SELECT community_id, split_part(number, '-', 2)::int, max(split_part(number, '-', 3)::int)"
	"  FROM jz.applications WHERE community_id = ANY($1::int[]) GROUP BY 1, 2"
	" ON CONFLICT (community_id, year) DO UPDATE SET last = greatest(c.last, excluded.last)";

static const char sql_categories[] =
	"INSERT INTO jz.application_categories (application_id, category, member_id, community_id)"
	" SELECT id, 'low_income', NULL, community_id FROM jz.applications"
	" WHERE id > $1::bigint AND id <= $1::bigint + $2::bigint";

/* Every applicant: ID card, household register, pledge, low-income
 * certificate (not the returned ones); every member (all adults): the
 * finance-check authorisation. */
static const char sql_proofs[] =
	"INSERT INTO jz.proofs (application_id, community_id, doc_kind, person_id, person_id_number,"
	"  seen, number, issuer, valid_until, checked_by, checked_at)"
	" SELECT a.id, a.community_id, v.kind, v.pid, v.pidn, true, v.num, v.issuer, v.vu,"
	"  'generator', a.submitted_at"
	" FROM jz.applications a"
	" JOIN jz.household_members hm ON hm.household_id = a.household_id"
	" JOIN jz.persons p ON p.id = hm.person_id"
	" CROSS JOIN LATERAL (VALUES"
	"   ('finance_auth'::text, p.id, p.id_number, NULL::text, NULL::text, NULL::date, true),"
	"   ('id_card', p.id, p.id_number, p.id_number::text, '北京市公安局朝阳分局', NULL,"
	"    hm.relationship = 'self'),"
	"   ('hukou', NULL, NULL, NULL, '北京市公安局朝阳分局', NULL, hm.relationship = 'self'),"
	"   ('pledge', NULL, NULL, NULL, NULL, NULL, hm.relationship = 'self'),"
	"   ('low_income_cert', NULL, NULL, NULL, '团结湖街道办事处', current_date + 365,"
	"    hm.relationship = 'self' AND a.state <> 'returned')"
	" ) v(kind, pid, pidn, num, issuer, vu, keep)"
	" WHERE a.id > $1::bigint AND a.id <= $1::bigint + $2::bigint AND v.keep";

bool gen_run(db_conn *c, const gen_opts *o, gen_stats *s, FILE *out, db_err *err)
{
	char cids[8192] = "{", codes[16384] = "{", states[1536];
	char nh[32], na[32], po[32], ho[32], ao[32], wd[32];
	bool good = true;
	double t0 = now_s();
	long long pbase, hbase, abase, cbase;
	PGresult *r;

	*s = (gen_stats){ 0 };
	if (o->communities < 1 || o->communities > 500 || o->applications < 1
	    || o->households < o->applications) {
		db_err_set(err, DB_ERR_OTHER, "need 1-500 communities and households >= applications >= 1");
		return false;
	}
	if (!db_run(c, "SET session_replication_role = replica", 0, NULL, err)
	    || !db_run(c, "SET synchronous_commit = off", 0, NULL, err)
	    || !db_run(c, "SET work_mem = '256MB'", 0, NULL, err)
	    || !state_array(c, states, sizeof states, err))
		return false;
	pbase = scalar_ll(c, "SELECT coalesce(max(id), 0) FROM jz.persons", err, &good);
	hbase = scalar_ll(c, "SELECT coalesce(max(id), 0) FROM jz.households", err, &good);
	abase = scalar_ll(c, "SELECT coalesce(max(id), 0) FROM jz.applications", err, &good);
	cbase = scalar_ll(c, "SELECT count(*) FROM jz.communities WHERE code LIKE '11010590%'", err, &good);
	if (!good)
		return false;
	if (cbase + o->communities > 9999) {
		db_err_set(err, DB_ERR_OTHER, "too many generated communities already");
		return false;
	}
	snprintf(nh, sizeof nh, "%lld", cbase);
	snprintf(na, sizeof na, "%ld", o->communities);
	r = db_exec(c, "INSERT INTO jz.communities (code, name, street)"
		    " SELECT '11010590' || lpad((k + $1::int)::text, 4, '0'), '生成社区' || (k + $1::int),"
		    " '生成街道' FROM generate_series(1, $2::int) k RETURNING id, code", 2,
		    (const char *const[]){ nh, na }, err);
	if (!r)
		return false;
	for (int i = 0; i < PQntuples(r); i++) {
		size_t l = strlen(cids), lc = strlen(codes);
		snprintf(cids + l, sizeof cids - l, "%s%s", i ? "," : "", PQgetvalue(r, i, 0));
		snprintf(codes + lc, sizeof codes - lc, "%s%s", i ? "," : "", PQgetvalue(r, i, 1));
	}
	s->first_community_id = PQntuples(r) > 0 ? atoi(PQgetvalue(r, 0, 0)) : 0;
	PQclear(r);
	strcat(cids, "}");
	strcat(codes, "}");
	if (out)
		fprintf(out, "  %-24s %10ld rows\n", "communities", o->communities);

	snprintf(nh, sizeof nh, "%ld", o->households);
	snprintf(na, sizeof na, "%ld", o->applications);
	snprintf(po, sizeof po, "%lld", pbase);
	snprintf(ho, sizeof ho, "%lld", hbase);
	snprintf(ao, sizeof ao, "%lld", abase);
	r = db_exec(c, "SELECT coalesce((jz.policy_value('notify_working_days')).value, 5)", 0, NULL, err);
	if (!r)
		return false;
	snprintf(wd, sizeof wd, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);

	if (!step(c, "persons", sql_persons, 3, (const char *const[]){ nh, cids, po },
		  &s->persons, out, err)
	    || !step(c, "households", sql_households, 3, (const char *const[]){ nh, cids, ho },
		     &s->households, out, err)
	    || !step(c, "household_members", sql_members, 4,
		     (const char *const[]){ nh, cids, po, ho }, &s->members, out, err)
	    || !step(c, "applications", sql_applications, 8,
		     (const char *const[]){ na, cids, codes, ho, ao, po, states, wd },
		     &s->applications, out, err)
	    || !step(c, "application_counters", sql_counters, 1, (const char *const[]){ cids },
		     NULL, out, err)
	    || !step(c, "application_categories", sql_categories, 2, (const char *const[]){ ao, na },
		     &s->categories, out, err)
	    || !step(c, "proofs", sql_proofs, 2, (const char *const[]){ ao, na }, &s->proofs, out, err))
		return false;
	if (!db_run(c, "SET session_replication_role = origin", 0, NULL, err)
	    || !db_run(c, "SELECT setval('jz.persons_id_seq', (SELECT max(id) FROM jz.persons)),"
		       " setval('jz.households_id_seq', (SELECT max(id) FROM jz.households)),"
		       " setval('jz.applications_id_seq', (SELECT max(id) FROM jz.applications))",
		       0, NULL, err)
	    || !step(c, "analyze", "ANALYZE", 0, NULL, NULL, out, err))
		return false;
	s->overdue = (long)scalar_ll(c, "SELECT count(*) FROM jz.applications"
				     " WHERE state = 'submitted' AND notify_by < current_date", err, &good);
	s->seconds = now_s() - t0;
	return good;
}

long gen_verify(db_conn *c, int sample, FILE *out, db_err *err)
{
	static const struct { const char *what, *sql; } fk[] = {
		{ "applications without household/applicant",
		  "SELECT count(*) FROM jz.applications a WHERE NOT EXISTS (SELECT 1 FROM jz.households h"
		  " WHERE h.id = a.household_id) OR NOT EXISTS (SELECT 1 FROM jz.household_members m"
		  " WHERE m.person_id = a.applicant_id AND m.household_id = a.household_id)" },
		{ "members without person/household",
		  "SELECT count(*) FROM jz.household_members m WHERE NOT EXISTS (SELECT 1 FROM jz.persons p"
		  " WHERE p.id = m.person_id) OR NOT EXISTS (SELECT 1 FROM jz.households h"
		  " WHERE h.id = m.household_id)" },
		{ "proofs without application or with a wrong person ID",
		  "SELECT count(*) FROM jz.proofs r WHERE NOT EXISTS (SELECT 1 FROM jz.applications a"
		  " WHERE a.id = r.application_id) OR (r.person_id IS NOT NULL AND NOT EXISTS (SELECT 1"
		  " FROM jz.persons p WHERE p.id = r.person_id AND p.id_number = r.person_id_number))" },
		{ "persons whose ID area is unknown",
		  "SELECT count(*) FROM jz.persons WHERE NOT jz.id_area_ok(id_number)" },
	};
	long bad = 0;
	bool good = true;
	char n[16];
	PGresult *r;

	for (size_t i = 0; i < sizeof fk / sizeof *fk; i++) {
		long long k = scalar_ll(c, fk[i].sql, err, &good);
		if (!good)
			return -1;
		if (out)
			fprintf(out, "  verify: %-52s %lld\n", fk[i].what, k);
		bad += (long)k;
	}
	snprintf(n, sizeof n, "%d", sample);
	r = db_exec(c, "SELECT id, state = 'returned' FROM jz.applications TABLESAMPLE BERNOULLI (1)"
		    " ORDER BY random() LIMIT $1::int", 1, (const char *const[]){ n }, err);
	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		const char *id = PQgetvalue(r, i, 0);
		bool returned = PQgetvalue(r, i, 1)[0] == 't';
		db_err e;
		PGresult *m;

		if (!db_run(c, "SELECT jz.application_check($1::bigint)", 1, (const char *const[]){ id }, &e)) {
			if (out)
				fprintf(out, "  verify: application %s: %s\n", id, e.message);
			bad++;
			continue;
		}
		m = db_exec(c, "SELECT count(*) FROM jz.missing_proofs($1::bigint)", 1,
			    (const char *const[]){ id }, &e);
		if (!m || (atoi(PQgetvalue(m, 0, 0)) > 0) != returned) {
			if (out)
				fprintf(out, "  verify: application %s: missing proofs do not fit its state\n", id);
			bad++;
		}
		PQclear(m);
	}
	if (out)
		fprintf(out, "  verify: jz.application_check and missing_proofs on %d sampled applications\n",
			PQntuples(r));
	PQclear(r);
	return bad;
}
