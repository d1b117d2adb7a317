#!/bin/sh
# The Node binding against the freshly built library: `npm install` (it pulls
# only koffi) and `node --test`.
set -u
cd "$CC_SOURCE_ROOT/bindings/node"
if ! command -v node >/dev/null 2>&1; then
	echo "not ok - node is not installed"
	echo "0 1 0" >"$RESULTS_FILE"
	exit 1
fi
if [ ! -d node_modules/koffi ]; then
	npm install --no-audit --no-fund --loglevel=error >npm-install.log 2>&1 || {
		cat npm-install.log
		echo "0 1 0" >"$RESULTS_FILE"
		exit 1
	}
fi
export CALLCENTER_LIBRARY="$CC_SOURCE_ROOT/build/lib/libcallcenter.so.0"
node --test --test-reporter=tap test/ >"$CC_SOURCE_ROOT/build-results/node.tap" 2>&1
rc=$?
grep -E '^(not )?ok |^# Subtest' "$CC_SOURCE_ROOT/build-results/node.tap" | grep -v '^# Subtest' | sed 's/^/  /' | tail -n 80
[ $rc -ne 0 ] && grep -A30 '^not ok' "$CC_SOURCE_ROOT/build-results/node.tap" | head -80
p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$CC_SOURCE_ROOT/build-results/node.tap")
f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$CC_SOURCE_ROOT/build-results/node.tap")
s=$(sed -n 's/^# skipped \([0-9]*\)/\1/p' "$CC_SOURCE_ROOT/build-results/node.tap")
[ -n "$p" ] || { p=0; f=1; }
[ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ] && f=1
echo "$p ${f:-0} ${s:-0}" >"$RESULTS_FILE"
[ "$rc" -eq 0 ]
