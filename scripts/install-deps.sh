#!/bin/sh
# Installs the Debian packages libcallcenter builds and tests with, only when
# one is missing.  Idempotent; says what it installs.  Used by `make demo` and
# `make test` (which is what .ci/run calls).
set -eu

# Build tools and the libraries the library links.
PKGS="meson ninja-build pkg-config gcc g++ clang libclang-rt-14-dev
libicu-dev libutf8proc-dev libcjson-dev libcurl4-openssl-dev libpq-dev
libsqlite3-dev libopus-dev libogg-dev libspeexdsp-dev libstemmer-dev
libespeak-ng-dev espeak-ng-data espeak-ng libcmocka-dev"

# What only the test command needs: a PostgreSQL server for the throwaway
# cluster, Doxygen, Debian's Python for the ctypes binding.
if [ "${1:-}" = "--test" ]; then
	PKGS="$PKGS postgresql doxygen python3 python3-venv sqlite3"
fi

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done

# Node.js and npm for the Node binding: any node >= 18 already on PATH will do.
if [ "${1:-}" = "--test" ] && ! command -v node >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi

[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
SUDO=""
if [ "$(id -u)" != "0" ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "install-deps: need root (or sudo) to install:$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
# A stale package list makes apt fail to find versions; refresh it once.
$SUDO apt-get update -qq >/dev/null || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "install-deps: done"
