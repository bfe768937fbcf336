-- 0103 no JIT compilation for the office's short queries.
--
-- The proof-rule check (jz.missing_in_facts over a form's or an
-- application's facts) is planned above jit_above_cost (its jsonb function
-- scans are estimated at 100 rows each), so PostgreSQL compiled it with LLVM
-- on every call: jz.missing_proofs took 50-100 ms with jit on and 3 ms with
-- it off, on the sample community; every submit and every proof check on the
-- form paid it. Nothing here runs long enough to gain from compiling.
--
-- The database's default (new sessions) when this role may set it; and the
-- rule functions themselves, so a server where it may not (or where a DBA
-- sets jit back on for the database) still checks a form in milliseconds.
-- The private server also runs with jit = off (db/cluster.c, jiuzhu.conf).

do $$
begin
	execute format('alter database %I set jit = off', current_database());
exception when insufficient_privilege then
	raise notice 'jit stays as the server has it for database %: not its owner', current_database();
end $$;

alter function jz.missing_in_facts(jsonb) set jit = off;
alter function jz.application_facts(bigint) set jit = off;
alter function jz.form_facts(jsonb) set jit = off;
alter function jz.missing_proofs(bigint) set jit = off;
alter function jz.missing_proofs_for(jsonb) set jit = off;
alter function jz.application_check(bigint) set jit = off;
alter function jz.submit_application(jsonb, uuid) set jit = off;
