#!/bin/sh
# The Python binding against the freshly built library: its unittest suite
# with Debian's python3, then `pip install ./bindings/python` into a fresh
# venv with no network, and an import from outside the source tree.
set -u
cd "$CC_SOURCE_ROOT"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
export CALLCENTER_LIBRARY="$CC_SOURCE_ROOT/build/lib/libcallcenter.so.0"
counts="$RESULTS_FILE.unittest"
RESULTS_FILE="$counts" "$PY" bindings/python/tests/run.py 2>&1 | tail -n 60
rc=$?
read -r p f s <"$counts" 2>/dev/null || { p=0; f=1; s=0; }

venv="$CC_SOURCE_ROOT/build-results/venv"
rm -rf "$venv"
if "$PY" -m venv "$venv" >/dev/null 2>&1 &&
	"$venv/bin/pip" install --no-index --quiet ./bindings/python >/dev/null 2>&1 &&
	(cd / && "$venv/bin/python" -c 'import callcenter, sys; sys.exit(0 if callcenter.version() else 1)'); then
	echo "ok - pip install ./bindings/python (no network) and import"
	p=$((p + 1))
else
	echo "not ok - pip install ./bindings/python (no network) and import"
	f=$((f + 1))
fi
echo "$p $f $s" >"$RESULTS_FILE"
[ "$f" -eq 0 ]
