#!/bin/sh
# Runs examples/voice-file end to end without network: caller turns are
# spoken by espeak-ng (callcenter say), the STT and the persona's LLM are
# the protocol test server on 127.0.0.1, the answers come out as a WAV.
# Usage: run.sh BUILD_DIR [OUT_DIR]
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
OUT=${2:-$(mktemp -d)}
mkdir -p "$OUT"
TOOL=$BUILD/tools/callcenter
EXAMPLE=$BUILD/examples/voice-file/voice-file

# The caller's turns, as recordings.
i=0
for text in "My name is Ahmed Ali" "zero five zero one two three four five six seven" \
	"ahmed at example dot com" "I want to buy your service" "yes" \
	"I want to talk to an agent" "How much is the smart advertising package"; do
	i=$((i + 1))
	"$TOOL" say --lang en --out "$OUT/turn$i.wav" "$text" 2>/dev/null
done

# The STT stand-in: it checks each upload and answers with the transcript
# queued for it (it cannot recognize speech itself).
rm -f "$OUT/server.port" "$OUT/answers.wav"
python3 "$ROOT/tests/servers/provider_server.py" >"$OUT/server.port" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT INT TERM
while [ ! -s "$OUT/server.port" ]; do sleep 0.1; done
PORT=$(awk '{print $2}' "$OUT/server.port")
curl -sf --retry 5 --retry-connrefused --retry-delay 1 -X POST "http://127.0.0.1:$PORT/_script" -d '{"stt":[
 {"text":"My name is Ahmed Ali"},{"text":"0501234567"},{"text":"ahmed@example.com"},
 {"text":"I want to buy your service"},{"text":"yes"},{"text":"I want to talk to an agent"},
 {"text":"How much is the smart advertising package"}]}' >/dev/null

"$EXAMPLE" --stt-url "http://127.0.0.1:$PORT/ok/v1" --llm-url "http://127.0.0.1:$PORT/ok/v1" \
	--lang en --out "$OUT/answers.wav" "$OUT"/turn1.wav "$OUT"/turn2.wav "$OUT"/turn3.wav \
	"$OUT"/turn4.wav "$OUT"/turn5.wav "$OUT"/turn6.wav "$OUT"/turn7.wav >"$OUT/events.txt"
cat "$OUT/events.txt"
# The call went all the way: routed to sales, taken by the persona, and
# at least half a minute of spoken answers came out.
grep -q "^action: route sales" "$OUT/events.txt"
grep -q "^handoff: the sales persona" "$OUT/events.txt"
grep -q "^persona: .*How much is the smart advertising package" "$OUT/events.txt"
python3 - "$OUT/answers.wav" <<'PY'
import sys, wave
with wave.open(sys.argv[1]) as w:
    secs = w.getnframes() / w.getframerate()
print("answers.wav: %.1f s" % secs)
sys.exit(0 if secs > 30 else 1)
PY
