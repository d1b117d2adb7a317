#!/usr/bin/env python3
"""callcenter config dump|check and callcenter route: JSON lines in and out,
bad lines reported on their own line, bad configuration named by path."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

TOOL = sys.argv.pop(1)
ENV = {k: v for k, v in os.environ.items()
       if k not in ("IVR_MAX_RETRIES", "COMPANY_NAME", "CALL_CENTER_MODE", "LOG_LEVEL")}


def run(args, stdin="", env=None):
    return subprocess.run([TOOL, *args], input=stdin, capture_output=True, text=True,
                          timeout=30, env=env or ENV)


class ConfigCommand(unittest.TestCase):
    def test_dump_is_the_effective_configuration(self):
        p = run(["config", "dump"], env=dict(ENV, COMPANY_NAME="شركة الاختبار"))
        self.assertEqual(p.returncode, 0, p.stderr)
        cfg = json.loads(p.stdout)
        self.assertEqual([d["id"] for d in cfg["departments"]],
                         ["reception", "sales", "complaints"])
        self.assertEqual(cfg["company"]["name_ar"], "شركة الاختبار")
        self.assertIn("ask_name", cfg["prompts"])

    def test_check_names_the_path(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"departments": [{"id": "x", "name_ar": "س", "name_en": "X",
                                        "keywords": ["ok", 7]}]}, f)
        try:
            p = run(["config", "check", f.name])
            self.assertEqual(p.returncode, 1)
            self.assertIn("departments[3].keywords[1]: expected string", p.stderr)
        finally:
            os.unlink(f.name)
        p = run(["config", "check", "/nonexistent.json"])
        self.assertEqual(p.returncode, 1)
        self.assertIn("CC_EIO", p.stderr)

    def test_bad_environment_names_the_variable(self):
        p = run(["config", "dump"], env=dict(ENV, IVR_MAX_RETRIES="lots"))
        self.assertEqual(p.returncode, 1)
        self.assertIn("IVR_MAX_RETRIES", p.stderr)
        self.assertEqual(p.stdout, "")


class RouteCommand(unittest.TestCase):
    def test_lines(self):
        lines = ['{"text": "بدي اشتري باقة"}', '', 'not json', '{"txt": 1}',
                 '{"text": "the delivery is late again"}', '{"text": "\\ud800"}']
        p = run(["route"], "\n".join(lines) + "\n")
        self.assertEqual(p.returncode, 0, p.stderr)
        out = [json.loads(line) for line in p.stdout.splitlines()]
        self.assertEqual(len(out), 5)
        self.assertEqual(out[0]["department"], "sales")
        for key in ("department", "confidence", "priority", "matched", "runner_up"):
            self.assertIn(key, out[0])
        self.assertIn("error", out[1])
        self.assertIn("error", out[2])
        self.assertEqual(out[3]["department"], "complaints")
        self.assertIn("error", out[4])

    def test_configured_department(self):
        cfg = {"departments": [{"id": "billing", "name_ar": "الفواتير", "name_en": "Billing",
                                "keywords": [{"term": "فاتورة", "weight": 3}, "invoice"]}]}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(cfg, f, ensure_ascii=False)
        try:
            p = run(["route", "--config", f.name],
                    '{"text": "عندي سؤال عن الفاتورة"}\n')
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(json.loads(p.stdout)["department"], "billing")
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    unittest.main(verbosity=2)
