#!/bin/sh
# The C unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer
# (leaks included): any report fails the test.
set -u
cd "$CC_SOURCE_ROOT"
sh scripts/build.sh build-asan -Db_sanitize=address,undefined -Db_lundef=false \
	-Ddocs=disabled -Dc_args=-fno-sanitize-recover=all || exit 1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C build-asan --suite unit --print-errorlogs --num-processes 2 \
	>build-asan/unit-tests.log 2>&1
rc=$?
grep -E '^ *[0-9]+/[0-9]+ ' build-asan/unit-tests.log
[ $rc -ne 0 ] && sed -n '/^=* *[0-9]*\/[0-9]* .*FAIL/,$p' build-asan/unit-tests.log | head -150
python3 scripts/meson-counts.py build-asan "$RESULTS_FILE"
exit $rc
