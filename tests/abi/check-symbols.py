#!/usr/bin/env python3
"""Symbol-leak test: the shared library exports exactly the functions the
public headers declare with CC_EXTERN, nothing more, nothing less, and no
internal name (cc_<module>__<name>).  Prints TAP.
Usage: check-symbols.py LIBRARY GEN_SYMBOLS HEADER..."""
import subprocess
import sys


def main(argv):
    lib, gen, headers = argv[1], argv[2], argv[3:]
    declared = set(subprocess.run([sys.executable, gen, '--list'] + headers,
                                  check=True, capture_output=True,
                                  text=True).stdout.split())
    nm = subprocess.run(['nm', '-D', '--defined-only', lib], check=True,
                        capture_output=True, text=True).stdout
    exported = set()
    for line in nm.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in 'TtDdBbRrVvWwi':
            name = parts[2].split('@')[0]
            if name != 'CALLCENTER_0':
                exported.add(name)
    leaked = sorted(exported - declared)
    missing = sorted(declared - exported)
    internal = sorted(n for n in exported if '__' in n)
    print('1..4')
    print('%s 1 - nothing outside the public headers is exported' %
          ('ok' if not leaked else 'not ok'))
    for n in leaked:
        print('# leaked: %s' % n)
    print('%s 2 - every CC_EXTERN function is exported' %
          ('ok' if not missing else 'not ok'))
    for n in missing:
        print('# missing: %s' % n)
    print('%s 3 - no internal (double underscore) name is exported' %
          ('ok' if not internal else 'not ok'))
    print('%s 4 - the library exports at least the version API' %
          ('ok' if 'cc_version_string' in exported else 'not ok'))
    return 1 if (leaked or missing or internal) else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
