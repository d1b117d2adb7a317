#!/usr/bin/env python3
"""Runs the binding's unittest suite and writes "passed failed skipped" to
the file named by RESULTS_FILE (when set), for the project's test command."""
import os
import sys
import unittest


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.dirname(here))
    suite = unittest.defaultTestLoader.discover(here, pattern='test_*.py',
                                                top_level_dir=os.path.dirname(here))
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    out = os.environ.get('RESULTS_FILE')
    if out:
        with open(out, 'w') as f:
            f.write('%d %d %d\n' % (passed, failed, skipped))
    return 0 if failed == 0 and result.testsRun > 0 else 1


if __name__ == '__main__':
    sys.exit(main())
