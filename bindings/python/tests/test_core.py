"""The common API through ctypes: loading, version, errors, masking."""
import os
import subprocess
import sys
import threading
import unittest

import callcenter
from callcenter import _lib


class TestLoading(unittest.TestCase):
    def test_version_matches_loaded_library(self):
        self.assertRegex(callcenter.version(), r'^\d+\.\d+\.\d+$')
        self.assertEqual('%d.%d.%d' % callcenter.version_info,
                         callcenter.version())
        self.assertGreaterEqual(callcenter.version_info, _lib.MIN_VERSION)

    def test_library_comes_from_env_when_set(self):
        env = os.environ.get('CALLCENTER_LIBRARY')
        if env:
            self.assertEqual(callcenter.library_path, env)
        self.assertTrue(os.path.exists(callcenter.library_path)
                        or '/' not in callcenter.library_path)

    def test_missing_library_is_one_clear_import_error(self):
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        p = subprocess.run([sys.executable, '-c', 'import callcenter'], cwd=here,
                           env=dict(os.environ, CALLCENTER_LIBRARY='/nonexistent/libcallcenter.so.0'),
                           capture_output=True, text=True, timeout=60)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn('ImportError: libcallcenter not found', p.stderr)
        self.assertIn('/nonexistent/libcallcenter.so.0 (missing)', p.stderr)

    def test_features_are_flags(self):
        self.assertIn(callcenter.Feature.THREADS, callcenter.features())


class TestErrors(unittest.TestCase):
    def test_names_and_texts(self):
        self.assertEqual(callcenter.error_name(-2), 'CC_EINVAL')
        self.assertEqual(callcenter.strerror(-2), 'invalid argument')

    def test_bad_level_raises_value_error_with_message(self):
        with self.assertRaises(ValueError) as cm:
            callcenter.set_log_level('loud')
        self.assertIsInstance(cm.exception, callcenter.CallCenterError)
        self.assertEqual(cm.exception.name, 'CC_EINVAL')
        self.assertEqual(cm.exception.code, -2)
        self.assertIn('unknown log level', cm.exception.message)
        with self.assertRaises(ValueError):
            callcenter.set_log_level(42)

    def test_non_str_rejected_before_c(self):
        with self.assertRaises(TypeError):
            callcenter.mask_phone(None)
        with self.assertRaises(ValueError):
            callcenter.mask_phone('05\x0059')

    def test_levels_round_trip(self):
        old = callcenter.get_log_level()
        try:
            callcenter.set_log_level('debug')
            self.assertEqual(callcenter.get_log_level(),
                             callcenter.LogLevel.DEBUG)
        finally:
            callcenter.set_log_level(old)


class TestMasking(unittest.TestCase):
    def test_masks(self):
        self.assertEqual(callcenter.mask_phone('+966559876543'),
                         '+966*******43')
        self.assertEqual(callcenter.mask_phone('٠٥٥٩٨٧٦٥٤٣'), '055*****43')
        self.assertEqual(callcenter.mask_email('ahmed@example.com'),
                         'a****@e******.com')
        self.assertEqual(callcenter.mask_name('أحمد صالح'), 'أ*** ص***')

    def test_scrub(self):
        out = callcenter.scrub('call me on +966 55 987 6543 or a@b.com')
        self.assertNotIn('987', out)
        self.assertIn('+966*******43', out)

    def test_threads_share_the_library(self):
        results = []

        def work():
            for _ in range(200):
                results.append(callcenter.mask_phone('0559876543'))

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(results), 800)
        self.assertEqual(set(results), {'055*****43'})


if __name__ == '__main__':
    unittest.main()
