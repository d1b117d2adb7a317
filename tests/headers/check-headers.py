#!/usr/bin/env python3
"""Compiles every public header alone, as C99 and as C++, with warnings as
errors; prints TAP.  Usage: check-headers.py INCLUDE_DIR CC CXX HEADER..."""
import os
import subprocess
import sys
import tempfile


def main(argv):
    inc, cc, cxx, headers = argv[1], argv[2], argv[3], argv[4:]
    cases = []
    for h in headers:
        rel = os.path.relpath(h, inc)
        cases.append((rel, [cc, '-std=c99', '-pedantic', '-Wall', '-Wextra',
                            '-Werror', '-Wno-long-long', '-x', 'c']))
        cases.append((rel, [cxx, '-std=c++11', '-pedantic', '-Wall', '-Wextra',
                            '-Werror', '-x', 'c++']))
    print('1..%d' % len(cases))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (rel, cmd) in enumerate(cases, 1):
            lang = 'C99' if cmd[0] == cc else 'C++'
            src = os.path.join(tmp, 'h.txt')
            with open(src, 'w') as f:
                # Twice, to prove the include guard works.
                f.write('#include <%s>\n#include <%s>\n' % (rel, rel))
                f.write('int cc_header_test_anchor;\n')
            r = subprocess.run(cmd + ['-I', inc, '-fsyntax-only', src],
                               capture_output=True, text=True)
            if r.returncode == 0:
                print('ok %d - %s compiles alone as %s' % (i, rel, lang))
            else:
                failed += 1
                print('not ok %d - %s compiles alone as %s' % (i, rel, lang))
                for line in r.stderr.splitlines():
                    print('# ' + line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
