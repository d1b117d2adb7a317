#!/usr/bin/env python3
"""callcenter say: text and configured prompts rendered to WAV files with
espeak-ng, measured (length, loudness); bad input refused clearly."""
import math
import os
import struct
import subprocess
import sys
import tempfile
import unittest
import wave

TOOL = sys.argv.pop(1)


def run(args):
    return subprocess.run([TOOL, "say", *args], capture_output=True, text=True, timeout=60)


def measure(path):
    with wave.open(path) as w:
        n, rate = w.getnframes(), w.getframerate()
        data = w.readframes(n)
    samples = struct.unpack("<%dh" % (len(data) // 2), data)
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))
    return n / rate, rate, 20 * math.log10(max(rms, 1) / 32768)


class Say(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.out = os.path.join(self.dir.name, "out.wav")

    def tearDown(self):
        self.dir.cleanup()

    def test_text_in_arabic_and_english(self):
        p = run(["--lang", "ar", "--out", self.out, "مرحبا بكم في مركز الاتصال"])
        self.assertEqual(p.returncode, 0, p.stderr)
        secs, rate, level = measure(self.out)
        self.assertEqual(rate, 22050)
        self.assertTrue(1.0 < secs < 6.0, secs)
        self.assertGreater(level, -30)
        p = run(["--lang", "en", "--rate", "16000", "--out", self.out, "Hello", "there"])
        self.assertEqual(p.returncode, 0, p.stderr)
        secs, rate, _ = measure(self.out)
        self.assertEqual(rate, 16000)
        self.assertTrue(0.3 < secs < 3.0, secs)

    def test_configured_prompt(self):
        p = run(["--prompt", "ask_name", "--lang", "en", "--out", self.out])
        self.assertEqual(p.returncode, 0, p.stderr)
        short, _, _ = measure(self.out)
        p = run(["--prompt", "confirm_data", "--lang", "en", "--var", "name=Ahmed Ali",
                 "--var", "phone=+966501234567", "--var", "email=a@example.com",
                 "--var", "service_type=sales", "--out", self.out])
        self.assertEqual(p.returncode, 0, p.stderr)
        long_, _, _ = measure(self.out)
        self.assertGreater(long_, short * 2)

    def test_errors(self):
        p = run(["--prompt", "no_such_prompt", "--out", self.out])
        self.assertEqual(p.returncode, 1)
        self.assertIn("CC_ENOTFOUND", p.stderr)
        p = run(["--prompt", "confirm_data", "--lang", "en", "--out", self.out])
        self.assertEqual(p.returncode, 1)
        self.assertIn("variable", p.stderr)
        p = run(["--lang", "xx", "--out", self.out, "hi"])
        self.assertEqual(p.returncode, 1)
        self.assertIn("no voice", p.stderr)
        p = run(["--out", os.path.join(self.dir.name, "missing", "x.wav"), "hi"])
        self.assertEqual(p.returncode, 1)
        self.assertIn("CC_EIO", p.stderr)
        self.assertEqual(run(["hi"]).returncode, 2)
        self.assertFalse(os.path.exists(self.out))


if __name__ == "__main__":
    unittest.main(verbosity=2)
