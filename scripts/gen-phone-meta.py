#!/usr/bin/env python3
"""Compiles lib/text/phone_regions.txt into the C table phone_meta.h."""
import re
import sys

TYPES = {'mobile': 'CC_TEXT_PHONE_MOBILE', 'fixed': 'CC_TEXT_PHONE_FIXED',
         'tollfree': 'CC_TEXT_PHONE_TOLL_FREE',
         'any': 'CC_TEXT_PHONE_FIXED_OR_MOBILE'}
PATTERN = re.compile(r'^(?:\d|\[(?:\d(?:-\d)?)+\])+$')


def fail(path, lineno, msg):
    sys.exit('%s:%d: %s' % (path, lineno, msg))


def main(src, dst):
    regions, rules = [], []
    for lineno, line in enumerate(open(src, encoding='utf-8'), 1):
        line = line.split('#', 1)[0].split()
        if not line:
            continue
        if line[0] == 'region':
            if len(line) != 5 or not re.match(r'^[A-Z]{2}$', line[1]):
                fail(src, lineno, 'region CODE CC TRUNK INTL expected')
            cc, trunk, intl = line[2], line[3], line[4]
            if not cc.isdigit() or len(cc) > 3:
                fail(src, lineno, 'bad country code')
            if trunk != '-' and not trunk.isdigit():
                fail(src, lineno, 'bad trunk prefix')
            regions.append([line[1], int(cc), '' if trunk == '-' else trunk,
                            intl, len(rules), 0])
            continue
        if not regions:
            fail(src, lineno, 'rule before any region')
        if line[0] not in TYPES or len(line) < 3:
            fail(src, lineno, 'TYPE LENGTHS PATTERN... expected')
        m = re.match(r'^(\d+)(?:-(\d+))?$', line[1])
        if not m:
            fail(src, lineno, 'bad length')
        lo = int(m.group(1))
        hi = int(m.group(2) or lo)
        if not 4 <= lo <= hi <= 14:
            fail(src, lineno, 'length out of range')
        for pat in line[2:]:
            if not PATTERN.match(pat):
                fail(src, lineno, 'bad pattern %r' % pat)
            rules.append((TYPES[line[0]], lo, hi, pat))
            regions[-1][5] += 1
    with open(dst, 'w', encoding='utf-8') as out:
        out.write('/* Generated from phone_regions.txt by '
                  'scripts/gen-phone-meta.py; do not edit. */\n')
        out.write('static const phone_rule phone_rules[] = {\n')
        for t, lo, hi, pat in rules:
            out.write('\t{ %s, %d, %d, "%s" },\n' % (t, lo, hi, pat))
        out.write('};\n\nstatic const phone_region phone_regions[] = {\n')
        for code, cc, trunk, intl, first, n in regions:
            out.write('\t{ "%s", %d, "%s", "%s", %d, %d },\n'
                      % (code, cc, trunk, intl, first, n))
        out.write('};\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
