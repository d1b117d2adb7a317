#!/bin/sh
# Doxygen over the public headers; any warning (an undocumented symbol, a
# parameter without @param) is an error.
set -u
cd "$CC_SOURCE_ROOT"
if ninja -C build docs >build/docs.log 2>&1; then
	echo "ok - API reference builds without warnings"
	echo "1 0 0" >"$RESULTS_FILE"
else
	grep -E 'error|warning' build/docs.log | head -50
	echo "not ok - API reference builds without warnings"
	echo "0 1 0" >"$RESULTS_FILE"
	exit 1
fi
