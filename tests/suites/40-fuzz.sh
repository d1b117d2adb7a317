#!/bin/sh
# libFuzzer smoke runs: clang with -fsanitize=fuzzer,address in build-fuzz/
# (the library instrumented for coverage), each target for a short, fixed
# number of runs from its seed corpus.  A crash, a leak or a read past the
# input fails the suite; so does any clang warning (-Werror, as in the gcc
# builds).  Skipped (counted) when clang is missing.
set -u
cd "$CC_SOURCE_ROOT"
if ! command -v clang >/dev/null 2>&1; then
	echo "skip: clang not installed"
	echo "0 0 1" >"$RESULTS_FILE"
	exit 0
fi
# Only the fuzz targets are built: they link the internal static library,
# and the shared library cannot link with clang's static ASan runtime.
if [ ! -f build-fuzz/build.ninja ]; then
	CC=clang CXX=clang++ meson setup build-fuzz -Dfuzz=true \
		-Db_sanitize=address -Db_lundef=false -Ddocs=disabled \
		-Dc_args=-fsanitize=fuzzer-no-link \
		>build-fuzz.setup.log 2>&1 || {
		cat build-fuzz.setup.log
		echo "0 1 0" >"$RESULTS_FILE"
		exit 1
	}
fi
targets=$(sed -n "s/.*\['\(fuzz_[a-z_]*\)'.*/tests\/fuzz\/\1/p" tests/fuzz/meson.build)
ninja -C build-fuzz $targets >build-fuzz/build.log 2>&1 || {
	tail -40 build-fuzz/build.log
	echo "0 1 0" >"$RESULTS_FILE"
	exit 1
}
pass=0
fail=0
for target in $targets; do
	exe="build-fuzz/$target"
	name=$(basename "$exe")
	corpus="tests/fuzz/corpus_${name#fuzz_}"
	work="build-fuzz/$name.corpus"
	rm -rf "$work"
	mkdir -p "$work"
	[ -d "$corpus" ] && cp "$corpus"/* "$work"/ 2>/dev/null
	if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		"$exe" -runs=30000 -max_len=1024 -max_total_time=20 \
		-print_final_stats=0 "$work" >"build-fuzz/$name.log" 2>&1; then
		echo "ok - $name ($(grep -o 'Done [0-9]* runs' "build-fuzz/$name.log"))"
		pass=$((pass + 1))
	else
		echo "not ok - $name"
		tail -40 "build-fuzz/$name.log"
		fail=$((fail + 1))
	fi
done
echo "$pass $fail 0" >"$RESULTS_FILE"
[ "$fail" -eq 0 ]
