-- 0095 the ID number checks as inlinable SQL (issue 7's import benchmark).
-- A STRICT SQL function is not inlined unless its body is provably strict,
-- so jz.id_check_ok (the CHECK on jz.persons, and the census import's reason)
-- and jz.yyyymmdd_ok ran as a separate function call per row, and
-- id_check_ok also ran a generate_series subquery per call: 7.7 µs a row.
-- Same results for every input, NULL included (NULL in, NULL out: every
-- conjunct is NULL or the first is false either way); the weighted sum is
-- written out (ISO 7064 MOD 11-2 weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2).
create or replace function jz.id_check_ok(idnum text) returns boolean
language sql immutable called on null input parallel safe as $$
	select idnum ~ '^[0-9]{17}[0-9X]$'
	   and substr('10X98765432',
		((ascii(substr(idnum, 1, 1)) - 48) * 7 + (ascii(substr(idnum, 2, 1)) - 48) * 9
		 + (ascii(substr(idnum, 3, 1)) - 48) * 10 + (ascii(substr(idnum, 4, 1)) - 48) * 5
		 + (ascii(substr(idnum, 5, 1)) - 48) * 8 + (ascii(substr(idnum, 6, 1)) - 48) * 4
		 + (ascii(substr(idnum, 7, 1)) - 48) * 2 + (ascii(substr(idnum, 8, 1)) - 48) * 1
		 + (ascii(substr(idnum, 9, 1)) - 48) * 6 + (ascii(substr(idnum, 10, 1)) - 48) * 3
		 + (ascii(substr(idnum, 11, 1)) - 48) * 7 + (ascii(substr(idnum, 12, 1)) - 48) * 9
		 + (ascii(substr(idnum, 13, 1)) - 48) * 10 + (ascii(substr(idnum, 14, 1)) - 48) * 5
		 + (ascii(substr(idnum, 15, 1)) - 48) * 8 + (ascii(substr(idnum, 16, 1)) - 48) * 4
		 + (ascii(substr(idnum, 17, 1)) - 48) * 2) % 11 + 1, 1) = substr(idnum, 18, 1)
$$;

create or replace function jz.yyyymmdd_ok(s text) returns boolean
language sql immutable called on null input parallel safe as $$
	select s ~ '^[0-9]{8}$'
	   and substr(s, 1, 4)::int >= 1900
	   and substr(s, 5, 2)::int between 1 and 12
	   and substr(s, 7, 2)::int between 1 and
		extract(day from make_date(substr(s, 1, 4)::int, substr(s, 5, 2)::int, 1)
				 + interval '1 month - 1 day')::int
$$;
