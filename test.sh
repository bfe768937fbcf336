#!/usr/bin/env bash
# README command two: install what is missing, build, run every test suite
# (unit, db, e2e), then again under address+undefined sanitizers.
# Ends with one line: "N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$top"

status=0
results=()
build_failures=0
run_suite() {   # builddir, then meson options
	local dir=$1; shift
	if ! tools/setup.sh "$dir" "$@"; then
		echo "jiuzhu: build in $dir failed" >&2
		status=1
		build_failures=$((build_failures + 1))
		return 1
	fi
	meson test -C "$dir" --print-errorlogs --num-processes 2 || status=1
	results+=("$dir/meson-logs/testlog.json")
	stop_clusters "$dir"
}

# meson has no suite teardown: stop the throwaway clusters the db and e2e
# suites started for this build directory, so no server outlives the run.
stop_clusters() {
	local dir=$1 d
	[ -x "$dir/tests/db/testdb-stop" ] && "$dir/tests/db/testdb-stop" >/dev/null 2>&1
	# the e2e folders of this build directory only (tests/e2e/e2e.c names
	# them by the FNV-1a hash of its absolute path), never another's
	local h
	h=$(python3 -c 'import sys
h = 2166136261
for b in sys.argv[1].encode():
    h = ((h ^ b) * 16777619) & 0xffffffff
print("%08x" % h)' "$(cd "$dir" && pwd)")
	for d in "/tmp/jiuzhu-e2e-$h" /tmp/jiuzhu-e2e-"$h"-*; do
		[ -f "$d/pgdata/postmaster.pid" ] &&
			"$dir/tui/jiuzhu" --data "$d" server stop >/dev/null 2>&1
	done
	return 0
}

run_suite build
# The e2e suite again with the binary under valgrind (not with the sanitizer
# build: the two do not mix).
if [ "${JIUZHU_SKIP_VALGRIND:-0}" != 1 ] && [ $build_failures -eq 0 ]; then
	meson test -C build --setup valgrind --suite e2e --print-errorlogs \
		--num-processes 2 --logbase valgrind || status=1
	results+=("build/meson-logs/valgrind-valgrind.json")
	stop_clusters build
fi
if [ "${JIUZHU_SKIP_SANITIZERS:-0}" != 1 ]; then
	run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false
fi

python3 - "$build_failures" "${results[@]}" <<'PY'
import json, sys
passed = skipped = 0
failed = int(sys.argv[1])   # a build that failed is a failure, not zero tests
for path in sys.argv[2:]:
    try:
        lines = open(path, encoding='utf-8').read().splitlines()
    except OSError:
        failed += 1
        continue
    for line in lines:
        r = json.loads(line).get('result')
        if r in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif r == 'SKIP':
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
