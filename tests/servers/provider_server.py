#!/usr/bin/env python3
"""A protocol test server for the network providers (standard library only).

Speaks the OpenAI-compatible endpoints (/v1/audio/transcriptions multipart,
/v1/audio/speech pcm and SSE, /v1/chat/completions with SSE streaming) and
ElevenLabs /v1/text-to-speech/{voice}/stream, on 127.0.0.1 and an
ephemeral port, printed first as "PORT <n>".

The first path segment picks a behaviour, so one server serves every case:
  /ok/v1/...        answers normally
  /r429/v1/...      first request 429 with retry-after-ms: 300, then normal
  /r429s/v1/...     first request 429 with retry-after: 1 (seconds)
  /e500/v1/...      always 500 with an OpenAI error body
  /e500once/v1/...  500 once, then normal
  /noretry/v1/...   503 with x-should-retry: false
  /slow/v1/...      waits 5 s before answering
  /badjson/v1/...   200 with malformed JSON (or a malformed SSE event)
  /midstream/v1/... fails in the middle of a streamed answer
  /nodone/v1/...    chat stream that ends without [DONE]
  /html/v1/...      200 text/html where audio is expected
  /whisper/v1/...   whisper.cpp-style error {"error": "..."} (400)
  /<other>/v1/...   answers normally (a fresh counter, e.g. for reuse tests)

Control endpoints: GET /_stats (request counts, client ports, the last
request seen per endpoint), POST /_script {"stt": [{"text":..,"language":..}]}
queues transcripts for the STT endpoint, POST /_reset clears everything.

STT cannot really recognize speech here: it checks the upload (a real WAV
or Ogg-Opus file, the fields) and answers with the next queued transcript
when the audio holds sound, or "" for silence.
"""
import argparse
import base64
import io
import json
import math
import struct
import sys
import threading
import time
import wave
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

LOCK = threading.Lock()
STATE = {"counts": {}, "ports": {}, "last": {}, "script": []}
KEY = None


def count(scenario):
    with LOCK:
        STATE["counts"][scenario] = STATE["counts"].get(scenario, 0) + 1
        return STATE["counts"][scenario]


def tone_pcm(seconds, rate, freq=440.0, amp=0.3):
    n = int(seconds * rate)
    return b"".join(struct.pack("<h", int(amp * 32767 * math.sin(2 * math.pi * freq * i / rate)))
                    for i in range(n))


def parse_multipart(body, ctype):
    boundary = None
    for piece in ctype.split(";"):
        piece = piece.strip()
        if piece.startswith("boundary="):
            boundary = piece[len("boundary="):].strip('"')
    if not boundary:
        return None
    fields = {}
    for part in body.split(b"--" + boundary.encode()):
        if part in (b"", b"--\r\n", b"--") or part.startswith(b"--"):
            continue
        part = part[2:] if part.startswith(b"\r\n") else part
        head, _, data = part.partition(b"\r\n\r\n")
        if data.endswith(b"\r\n"):
            data = data[:-2]
        headers = head.decode("utf-8", "replace").split("\r\n")
        name, filename, ptype = None, None, None
        for h in headers:
            low = h.lower()
            if low.startswith("content-disposition"):
                for item in h.split(";"):
                    item = item.strip()
                    if item.startswith("name="):
                        name = item[5:].strip('"')
                    elif item.startswith("filename="):
                        filename = item[9:].strip('"')
            elif low.startswith("content-type"):
                ptype = h.split(":", 1)[1].strip()
        if name:
            fields[name] = {"data": data, "filename": filename, "type": ptype}
    return fields


def wav_info(data):
    with wave.open(io.BytesIO(data)) as w:
        rate, ch, width, n = w.getframerate(), w.getnchannels(), w.getsampwidth(), w.getnframes()
        frames = w.readframes(n)
    if width != 2:
        raise ValueError("not 16-bit")
    samples = struct.unpack("<%dh" % (len(frames) // 2), frames)
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))
    return {"rate": rate, "channels": ch, "duration_ms": int(n * 1000 / rate), "rms": rms}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet; the tests read /_stats
        pass

    # ---- plumbing -------------------------------------------------------
    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def send_json(self, status, obj, extra=None):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def send_raw(self, status, ctype, data):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def start_chunked(self, ctype):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def chunk(self, data):
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

    def end_chunked(self):
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def cut(self, data):
        """Sends half a chunk and drops the connection."""
        self.wfile.write(b"%x\r\n%s" % (len(data) * 2, data))
        self.wfile.flush()
        self.close_connection = True
        try:
            self.connection.shutdown(2)
        except OSError:
            pass

    def remember(self, scenario, endpoint, info):
        with LOCK:
            STATE["last"]["%s:%s" % (scenario, endpoint)] = info
            STATE["ports"].setdefault(scenario, [])
            if self.client_address[1] not in STATE["ports"][scenario]:
                STATE["ports"][scenario].append(self.client_address[1])

    # ---- dispatch -------------------------------------------------------
    def do_GET(self):
        if self.path == "/_stats":
            with LOCK:
                self.send_json(200, STATE)
            return
        self.send_json(404, {"error": {"message": "no such endpoint"}})

    def do_POST(self):
        url = urlparse(self.path)
        if url.path == "/_reset":
            self.body()
            with LOCK:
                STATE.update({"counts": {}, "ports": {}, "last": {}, "script": []})
            self.send_json(200, {"ok": True})
            return
        if url.path == "/_script":
            req = json.loads(self.body() or b"{}")
            with LOCK:
                STATE["script"] = list(req.get("stt", []))
            self.send_json(200, {"ok": True})
            return
        parts = url.path.strip("/").split("/")
        if len(parts) < 3 or parts[1] != "v1":
            self.body()
            self.send_json(404, {"error": {"message": "unknown path"}})
            return
        scenario, endpoint = parts[0], "/".join(parts[2:])
        raw = self.body()
        n = count(scenario)
        if self.failure(scenario, n, endpoint):
            return
        if endpoint == "audio/transcriptions":
            self.stt(scenario, raw)
        elif endpoint == "audio/speech":
            self.tts(scenario, raw)
        elif endpoint == "chat/completions":
            self.chat(scenario, raw)
        elif endpoint.startswith("text-to-speech/"):
            self.elevenlabs(scenario, endpoint, url, raw)
        else:
            self.send_json(404, {"error": {"message": "unknown endpoint"}})

    def failure(self, scenario, n, endpoint):
        if scenario == "r429" and n == 1:
            self.send_json(429, {"error": {"message": "slow down", "type": "rate_limit"}},
                           {"retry-after-ms": "300"})
            return True
        if scenario == "r429s" and n == 1:
            self.send_json(429, {"error": {"message": "slow down"}}, {"retry-after": "1"})
            return True
        if scenario == "e500" or (scenario == "e500once" and n == 1):
            self.send_json(500, {"error": {"message": "boom", "type": "server_error"}})
            return True
        if scenario == "noretry":
            self.send_json(503, {"error": {"message": "do not retry"}}, {"x-should-retry": "false"})
            return True
        if scenario == "slow":
            time.sleep(5)
        if scenario == "whisper":
            self.send_json(400, {"error": "failed to read audio data"})
            return True
        return False

    def authorized(self, header, prefix=""):
        if KEY is None:
            return True
        return self.headers.get(header) == prefix + KEY

    # ---- endpoints ------------------------------------------------------
    def stt(self, scenario, raw):
        if not self.authorized("Authorization", "Bearer "):
            self.send_json(401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}})
            return
        fields = parse_multipart(raw, self.headers.get("Content-Type", ""))
        if not fields or "file" not in fields or "model" not in fields:
            self.send_json(400, {"error": {"message": "file and model are required"}})
            return
        f = fields["file"]
        data = f["data"]
        info = {"model": fields["model"]["data"].decode(), "filename": f["filename"],
                "type": f["type"], "size": len(data),
                "language": fields.get("language", {}).get("data", b"").decode() or None,
                "response_format": fields.get("response_format", {}).get("data", b"json").decode()}
        if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
            try:
                info.update(wav_info(data))
            except Exception as e:  # noqa: BLE001 - reported to the client
                self.send_json(400, {"error": {"message": "bad wav: %s" % e}})
                return
            sound = info["rms"] > 50
        elif data[:4] == b"OggS" and b"OpusHead" in data[:200]:
            info["ogg"] = True
            sound = True
        else:
            self.send_json(400, {"error": {"message": "Invalid file format."}})
            return
        self.remember(scenario, "stt", info)
        text, lang = "", info["language"]
        if sound:
            with LOCK:
                entry = STATE["script"].pop(0) if STATE["script"] else None
            if entry is None:
                text = "heard %d ms" % info.get("duration_ms", 0)
            else:
                text, lang = entry.get("text", ""), entry.get("language", lang)
        if scenario == "badjson":
            self.send_raw(200, "application/json", b'{"text": "unterminated')
            return
        if fields.get("stream", {}).get("data") == b"true":
            self.start_chunked("text/event-stream")
            acc = []
            for word in text.split(" "):
                acc.append(word)
                delta = word if len(acc) == 1 else " " + word
                self.chunk(b"data: " + json.dumps({"type": "transcript.text.delta", "delta": delta}).encode() + b"\n\n")
            self.chunk(b"data: " + json.dumps({"type": "transcript.text.done", "text": text}).encode() + b"\n\n")
            self.end_chunked()
            return
        fmt = info["response_format"]
        if fmt == "text":
            self.send_raw(200, "text/plain; charset=utf-8", (text + "\n").encode())
        elif fmt == "verbose_json":
            names = {"ar": "arabic", "en": "english"}
            self.send_json(200, {"text": text, "language": names.get(lang or "en", lang),
                                 "duration": info.get("duration_ms", 0) / 1000.0, "segments": []})
        else:
            self.send_json(200, {"text": text, "usage": {"type": "duration", "seconds": 1}})

    def tts(self, scenario, raw):
        if not self.authorized("Authorization", "Bearer "):
            self.send_json(401, {"error": {"message": "Incorrect API key provided"}})
            return
        try:
            req = json.loads(raw)
        except ValueError:
            self.send_json(400, {"error": {"message": "We could not parse the JSON body"}})
            return
        for k in ("model", "input", "voice"):
            if not req.get(k):
                self.send_json(400, {"error": {"message": "missing %s" % k, "param": k}})
                return
        if req.get("response_format") != "pcm":
            self.send_json(400, {"error": {"message": "this server only speaks pcm"}})
            return
        self.remember(scenario, "tts", req)
        if scenario == "html":
            self.send_raw(200, "text/html", b"<html>gateway says hi</html>")
            return
        seconds = min(10.0, 0.04 * len(req["input"]))
        pcm = tone_pcm(seconds, 24000)
        if req.get("stream_format") == "sse":
            self.start_chunked("text/event-stream")
            for i in range(0, len(pcm), 9600):
                ev = {"type": "speech.audio.delta", "audio": base64.b64encode(pcm[i:i + 9600]).decode()}
                self.chunk(b"data: " + json.dumps(ev).encode() + b"\n\n")
            self.chunk(b'data: {"type": "speech.audio.done", "usage": {"input_tokens": 1}}\n\n')
            self.end_chunked()
            return
        self.start_chunked("audio/pcm")
        step = 4801  # odd on purpose: samples straddle chunks
        for i in range(0, len(pcm), step):
            if scenario == "midstream" and i > len(pcm) // 2:
                self.cut(pcm[i:i + step])
                return
            self.chunk(pcm[i:i + step])
        self.end_chunked()

    def chat(self, scenario, raw):
        if not self.authorized("Authorization", "Bearer "):
            self.send_json(401, {"error": {"message": "Incorrect API key provided"}})
            return
        try:
            req = json.loads(raw)
            msgs = req["messages"]
            if not isinstance(msgs, list) or not msgs:
                raise ValueError
        except (ValueError, KeyError):
            self.send_json(400, {"error": {"message": "messages are required"}})
            return
        self.remember(scenario, "chat", req)
        system = next((m["content"] for m in msgs if m["role"] == "system"), "")
        user = [m["content"] for m in msgs if m["role"] == "user"]
        reply = "[%s] you said: %s (%d messages)" % (system[:24], user[-1] if user else "", len(msgs))
        if not req.get("stream"):
            if scenario == "badjson":
                self.send_raw(200, "application/json", b"{not json")
                return
            self.send_json(200, {"id": "c1", "object": "chat.completion",
                                 "choices": [{"index": 0, "message": {"role": "assistant", "content": reply},
                                              "finish_reason": "stop"}]})
            return
        self.start_chunked("text/event-stream")
        self.chunk(b": ping\n\n")
        first = {"choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}]}
        self.chunk(b"data: " + json.dumps(first).encode() + b"\r\n\r\n")
        words = reply.split(" ")
        for i, w in enumerate(words):
            piece = w if i == 0 else " " + w
            ev = json.dumps({"object": "chat.completion.chunk",
                             "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]})
            if scenario == "badjson" and i == 1:
                self.chunk(b"data: {broken\n\n")
            if scenario == "midstream" and i == 2:
                self.chunk(b'data: {"error": {"message": "model overloaded", "type": "server_error"}}\n\n')
                self.end_chunked()
                return
            # Split events across chunks to exercise the parser.
            data = b"data: " + ev.encode() + b"\n\n"
            self.chunk(data[:7])
            self.chunk(data[7:])
        self.chunk(b'data: {"choices": [], "usage": {"prompt_tokens": 1, "completion_tokens": 2}}\n\n')
        if scenario != "nodone":
            self.chunk(b"data: [DONE]\n\n")
        self.end_chunked()

    def elevenlabs(self, scenario, endpoint, url, raw):
        if not self.authorized("xi-api-key"):
            self.send_json(401, {"detail": {"status": "invalid_api_key", "message": "Invalid API key"}})
            return
        parts = endpoint.split("/")
        voice = parts[1] if len(parts) > 1 else ""
        if voice == "missing":
            self.send_json(404, {"detail": {"status": "voice_not_found", "message": "A voice with that ID was not found"}})
            return
        try:
            req = json.loads(raw)
        except ValueError:
            req = {}
        if not req.get("text"):
            self.send_json(422, {"detail": [{"loc": ["body", "text"], "msg": "field required", "type": "value_error.missing"}]})
            return
        fmt = parse_qs(url.query).get("output_format", ["mp3_44100_128"])[0]
        if not fmt.startswith("pcm_"):
            self.send_json(400, {"detail": {"status": "bad_format", "message": "this server only speaks pcm"}})
            return
        rate = int(fmt[4:])
        req["voice"] = voice
        req["output_format"] = fmt
        self.remember(scenario, "elevenlabs", req)
        pcm = tone_pcm(min(10.0, 0.04 * len(req["text"])), rate, 330.0)
        self.start_chunked("audio/pcm")
        for i in range(0, len(pcm), 3001):
            self.chunk(pcm[i:i + 3001])
        self.end_chunked()


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients hang up mid-answer on purpose (cancel, errors); that is
        # not a server failure.  Anything else is printed.
        exc = sys.exc_info()[1]
        if isinstance(exc, (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def main():
    global KEY
    ap = argparse.ArgumentParser()
    ap.add_argument("--key", help="require this API key")
    args = ap.parse_args()
    KEY = args.key
    srv = Server(("127.0.0.1", 0), Handler)
    print("PORT %d" % srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
