#!/bin/sh
# Installs the library into a scratch root (DESTDIR) and builds the smallest
# example against it with nothing but pkg-config, then runs it.
set -u
cd "$CC_SOURCE_ROOT"
dest="$CC_SOURCE_ROOT/build-results/destdir"
rm -rf "$dest"
pass=0 fail=0
check() {
	if "$@"; then pass=$((pass + 1)); echo "ok - $desc"
	else fail=$((fail + 1)); echo "not ok - $desc"; fi
}
desc="meson install into a scratch root"
check sh -c "meson install -C build --no-rebuild --destdir '$dest' >build/install.log 2>&1"
pcdir=$(dirname "$(find "$dest" -name libcallcenter.pc | head -1)")
export PKG_CONFIG_PATH="$pcdir" PKG_CONFIG_SYSROOT_DIR="$dest"
desc="pkg-config finds libcallcenter"
check pkg-config --exists libcallcenter
desc="examples/c/version.c builds with pkg-config alone"
check sh -c "cc -o '$dest/version' examples/c/version.c \$(pkg-config --cflags --libs libcallcenter)"
libdir=$(pkg-config --variable=libdir libcallcenter)
version=$(sed -n 's/^#define CC_VERSION "\(.*\)"/\1/p' include/callcenter/version.h)
desc="the example runs against the installed library"
check sh -c "LD_LIBRARY_PATH='$libdir' '$dest/version' | grep -q 'libcallcenter $version'"
echo "$pass $fail 0" >"$RESULTS_FILE"
[ $fail -eq 0 ]
