#!/usr/bin/env python3
"""callcenter analyze: JSON lines in, one JSON line out per input line, as
issue 3 specifies; malformed lines get {"error": ...} and the run goes on."""
import json
import os
import subprocess
import sys
import unittest

TOOL = sys.argv.pop(1)
ROOT = os.environ.get("CC_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
KEYS = {"display", "key", "language", "sentiment", "urgent", "phones", "emails", "numbers"}


def run(lines, *args):
    p = subprocess.run([TOOL, "analyze", *args], input="\n".join(lines) + "\n",
                       capture_output=True, text=True, timeout=30)
    if p.returncode != 0:
        raise AssertionError("exit %d: %s" % (p.returncode, p.stderr))
    return [json.loads(line) for line in p.stdout.splitlines()]


def fixture(name):
    with open(os.path.join(ROOT, "tests", "fixtures", "text", name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class Analyze(unittest.TestCase):
    def test_shape_and_fields(self):
        out = run([json.dumps({"text": "رقمي ٠٥٥٩٨٧٦٥٤٣ وايميلي ahmed at gmail dot com",
                               "region": "SA"}, ensure_ascii=False)])
        self.assertEqual(len(out), 1)
        o = out[0]
        self.assertEqual(set(o), KEYS)
        self.assertEqual(o["phones"], ["+966559876543"])
        self.assertEqual(o["emails"], ["ahmed@gmail.com"])
        self.assertEqual(o["numbers"], ["0559876543"])
        self.assertEqual(o["language"], "mixed")
        self.assertEqual(set(o["sentiment"]), {"label", "score"})
        self.assertEqual(o["key"], "رقمي 0559876543 وايميلي ahmed at gmail dot com")
        self.assertIn("٠٥٥٩٨٧٦٥٤٣", o["display"])

    def test_text_corpus(self):
        rows = fixture("text_dev.jsonl")
        out = run([json.dumps({"text": r["text"]}, ensure_ascii=False) for r in rows])
        self.assertEqual(len(out), len(rows))
        for r, o in zip(rows, out):
            if "lang" in r:
                self.assertEqual(o["language"], r["lang"], r["text"])
            if "sentiment" in r:
                self.assertEqual(o["sentiment"]["label"], r["sentiment"], r["text"])
            if "urgent" in r:
                self.assertEqual(o["urgent"], r["urgent"], r["text"])
            if "email" in r:
                self.assertEqual(o["emails"], [r["email"]], r["text"])
            if "number" in r:
                self.assertEqual(o["numbers"], [r["number"]], r["text"])

    def test_phone_corpus(self):
        rows = fixture("phones_dev.jsonl")
        out = run([json.dumps({"text": r["text"], "region": r["region"]}, ensure_ascii=False)
                   for r in rows])
        for r, o in zip(rows, out):
            self.assertEqual(o["phones"], [r["e164"]] if r["e164"] else [], r["text"])

    def test_bad_lines_do_not_stop_the_run(self):
        out = run(["not json", '{"text": 5}', "", '{"text": "x", "region": "ZZ"}',
                   '{"text": "ok", "region": 7}', "[1,2]", '{"text": "fine"}'])
        self.assertEqual(len(out), 7)
        for o in out[:6]:
            self.assertEqual(set(o), {"error"})
            self.assertTrue(o["error"])
        self.assertEqual(out[6]["key"], "fine")

    def test_region_option_and_override(self):
        out = run(['{"text": "0944556677"}', '{"text": "0944556677", "region": "SA"}'],
                  "--region", "SY")
        self.assertEqual(out[0]["phones"], ["+963944556677"])
        self.assertEqual(out[1]["phones"], [])

    def test_invalid_utf8_is_an_error_line(self):
        p = subprocess.run([TOOL, "analyze"], input=b'{"text": "a\xff"}\n{"text": "b"}\n',
                           capture_output=True, timeout=30)
        lines = p.stdout.decode().splitlines()
        self.assertEqual(len(lines), 2)
        self.assertIn("error", json.loads(lines[0]))
        self.assertEqual(json.loads(lines[1])["key"], "b")

    def test_unknown_option(self):
        p = subprocess.run([TOOL, "analyze", "--bogus"], capture_output=True, timeout=30)
        self.assertEqual(p.returncode, 2)


if __name__ == "__main__":
    unittest.main()
