#!/bin/sh
# The test command (`make test`, and what .ci/run calls): installs what is
# missing, builds, runs every suite in tests/suites/ in order, and ends with
# one line over all of them: "N passed, N failed[, N skipped]".  Exits
# non-zero when anything failed.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export CC_SOURCE_ROOT="$ROOT"
export BUILD_DIR="$ROOT/build"

sh scripts/install-deps.sh --test || {
	echo "dependencies: 0 passed, 1 failed"
	echo "0 passed, 1 failed"
	exit 1
}

RESULTS="$ROOT/build-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

total_pass=0
total_fail=0
total_skip=0
for suite in tests/suites/*.sh; do
	name=$(basename "$suite" .sh)
	counts="$RESULTS/$name.counts"
	echo "== suite $name"
	RESULTS_FILE="$counts" sh "$suite"
	rc=$?
	if [ -s "$counts" ]; then
		read -r p f s <"$counts"
	else
		# A suite that died before counting anything counts as one failure.
		p=0 f=1 s=0
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	line="$p passed, $f failed"
	[ "$s" -gt 0 ] && line="$line, $s skipped"
	echo "$name: $line"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + s))
done

summary="$total_pass passed, $total_fail failed"
[ "$total_skip" -gt 0 ] && summary="$summary, $total_skip skipped"
echo "$summary"
[ "$total_fail" -eq 0 ]
