#!/usr/bin/env python3
"""Counts a meson test run from its testlog.json and writes
"passed failed skipped" to a file.  Usage: meson-counts.py BUILD_DIR OUT"""
import json
import os
import sys

PASS = {'OK', 'EXPECTEDFAIL'}
SKIP = {'SKIP'}


def main(argv):
    build, out = argv[1], argv[2]
    p = f = s = 0
    path = os.path.join(build, 'meson-logs', 'testlog.json')
    if os.path.exists(path):
        with open(path, encoding='utf-8') as log:
            for line in log:
                line = line.strip()
                if not line:
                    continue
                result = json.loads(line).get('result')
                if result in PASS:
                    p += 1
                elif result in SKIP:
                    s += 1
                else:
                    f += 1
    if p + f + s == 0:
        f = 1  # a run that ran nothing has failed
    with open(out, 'w') as o:
        o.write('%d %d %d\n' % (p, f, s))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
