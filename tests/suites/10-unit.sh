#!/bin/sh
# Build with -Wall -Wextra -Werror, then every meson test: unit (cmocka),
# headers alone as C99 and C++, the symbol-leak check.
set -u
cd "$CC_SOURCE_ROOT"
sh scripts/build.sh build || exit 1
meson test -C build --print-errorlogs --num-processes 2 >build/unit-tests.log 2>&1
rc=$?
grep -E '^ *[0-9]+/[0-9]+ ' build/unit-tests.log
[ $rc -ne 0 ] && sed -n '/^=* *[0-9]*\/[0-9]* .*FAIL/,$p' build/unit-tests.log | head -150
python3 scripts/meson-counts.py build "$RESULTS_FILE"
exit $rc
