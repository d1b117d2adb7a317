#!/usr/bin/env python3
"""callcenter ivr --json: the scripted interface, line by line as issue 5
specifies it (one JSON object per action, a summary when input ends)."""
import json
import os
import subprocess
import tempfile
import sys
import unittest

TOOL = sys.argv.pop(1)
OPEN = "1763884800"    # a Sunday, 11:00 in Damascus
CLOSED = "1763924400"  # the same Sunday, 22:00

SHAPES = {
    "say": {"type", "stage", "lang", "key", "text"},
    "expect": {"type", "field", "input"},
    "route": {"type", "department", "confidence"},
    "enqueue": {"type", "department", "priority"},
    "transfer": {"type", "department", "priority"},
    "ticket": {"type", "id", "priority"},
    "hangup": {"type", "reason"},
    "summary": {"type", "call_id", "language", "fields", "department", "ticket", "turns"},
    "error": {"type", "error", "code"},
}


def run(lines, *args, store="none"):
    p = subprocess.run([TOOL, "ivr", "--json", "--region", "SA", "--seed", "9",
                        "--store", store, *args],
                       input="\n".join(lines) + "\n", capture_output=True,
                       text=True, timeout=30)
    if p.returncode != 0:
        raise AssertionError("exit %d: %s" % (p.returncode, p.stderr))
    out = [json.loads(line) for line in p.stdout.splitlines()]
    for o in out:
        if set(o) != SHAPES[o["type"]]:
            raise AssertionError("bad members %s for %s" % (sorted(o), o["type"]))
    return out


class IvrJson(unittest.TestCase):
    def test_arabic_call_to_confirmation(self):
        out = run(["السلام عليكم، معك أحمد الخطيب",
                   "صفر خمسة صفر واحد اثنين ثلاثة أربعة خمسة ستة سبعة",
                   "ahmed at example dot com",
                   "عندي سؤال عن الخدمات",
                   "نعم"], "--lang", "ar", "--epoch", OPEN)
        self.assertEqual(out[0]["type"], "say")
        self.assertEqual(out[0]["key"], "greeting")
        self.assertEqual(out[0]["lang"], "ar")
        self.assertEqual([o["field"] for o in out if o["type"] == "expect"][:5],
                         ["name", "phone", "email", "service_type", "confirmation"])
        self.assertIn("route", [o["type"] for o in out])
        s = out[-1]
        self.assertEqual(s["type"], "summary")
        self.assertEqual(s["language"], "ar")
        self.assertEqual(s["fields"], {"name": "أحمد الخطيب", "phone": "+966501234567",
                                       "email": "ahmed@example.com",
                                       "service_type": "عندي سؤال عن الخدمات"})
        self.assertTrue(s["call_id"].startswith("CALL_20251123080000_"))
        self.assertGreater(s["turns"], 10)

    def test_same_script_same_output(self):
        script = ["Nour", "dtmf:0501234567#", "nour@example.com", "price", "dtmf:1"]
        a = run(script, "--lang", "en", "--epoch", OPEN)
        b = run(script, "--lang", "en", "--epoch", OPEN)
        self.assertEqual(a, b)
        self.assertTrue(all(o.get("lang", "en") == "en" for o in a))

    def test_silence_and_bad_keys(self):
        out = run(["", "dtmf:12x"], "--lang", "en", "--epoch", OPEN)
        self.assertIn("no_input", [o.get("key") for o in out])
        errors = [o for o in out if o["type"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertEqual(errors[0]["code"], "CC_EINVAL")
        self.assertEqual(out[-1]["type"], "summary")
        self.assertIsNone(out[-1]["fields"]["name"])

    def test_after_hours_callback(self):
        out = run(["Hala", "0501234567", "hala@example.com", "I want to buy", "yes", "yes"],
                  "--lang", "en", "--epoch", CLOSED)
        keys = [o.get("key") for o in out]
        self.assertIn("after_hours", keys)
        tickets = [o for o in out if o["type"] == "ticket"]
        self.assertEqual(len(tickets), 1)
        self.assertTrue(tickets[0]["id"].startswith("TKT_20251123_"))
        self.assertEqual(out[-2]["type"], "hangup")
        self.assertEqual(out[-1]["ticket"], tickets[0]["id"])

    def test_the_call_is_recorded(self):
        with tempfile.TemporaryDirectory() as d:
            uri = "sqlite:" + os.path.join(d, "cc.db")
            out = run(["Salma Odeh", "0501234567", "salma@example.com",
                       "I have a complaint about my bill", "yes",
                       "you charged me twice this month"],
                      "--lang", "en", "--epoch", OPEN, store=uri)
            ticket = [o for o in out if o["type"] == "ticket"][0]["id"]
            call = out[-1]["call_id"]
            p = subprocess.run([TOOL, "crm", "--store", uri, "show", call, "--json"],
                               capture_output=True, text=True, timeout=30)
            self.assertEqual(p.returncode, 0, p.stderr)
            shown = json.loads(p.stdout.splitlines()[0])
            self.assertEqual(shown["id"], call)
            self.assertIn("transcript", p.stdout)
            self.assertIn("you charged me twice this month", p.stdout)
            p = subprocess.run([TOOL, "crm", "--store", uri, "tickets", "--json"],
                               capture_output=True, text=True, timeout=30)
            tickets = [json.loads(x) for x in p.stdout.splitlines()]
            self.assertEqual([t["id"] for t in tickets], [ticket])
            self.assertEqual(tickets[0]["customer_phone"], "+966501234567")
            p = subprocess.run([TOOL, "crm", "--store", uri, "customers", "--json"],
                               capture_output=True, text=True, timeout=30)
            customers = [json.loads(x) for x in p.stdout.splitlines()]
            self.assertEqual(len(customers), 1)
            self.assertEqual(customers[0]["email"], "salma@example.com")

    def test_bad_options(self):
        p = subprocess.run([TOOL, "ivr", "--lang", "fr"], input="", capture_output=True,
                           text=True, timeout=30)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("language", p.stderr)


if __name__ == "__main__":
    unittest.main()
