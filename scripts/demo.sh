#!/bin/sh
# The main job (`make demo`): installs what is missing, builds, and runs the
# IVR demo.  Until the IVR session lands it shows what is built.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
sh scripts/build.sh build
./build/tools/callcenter --version
echo "The demo will play a complete call in Arabic through the IVR session"
echo "(callcenter ivr) and show what was stored; the session is not built yet."
