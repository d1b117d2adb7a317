#!/usr/bin/env python3
"""Turns default_config.json into a C array: embed-json.py IN OUT."""
import json
import sys

src, dst = sys.argv[1], sys.argv[2]
with open(src, encoding='utf-8') as f:
    text = f.read()
json.loads(text)  # a broken default fails the build, not the first call
data = text.encode('utf-8')
with open(dst, 'w', encoding='utf-8') as f:
    f.write('/* Generated from default_config.json by embed-json.py. */\n')
    f.write('#include <stddef.h>\n\n')
    f.write('extern const char cc_engine__default_json[];\n')
    f.write('extern const size_t cc_engine__default_json_len;\n\n')
    f.write('const char cc_engine__default_json[] = {\n')
    for i in range(0, len(data), 16):
        f.write('\t' + ', '.join('0x%02x' % b for b in data[i:i + 16]) + ',\n')
    f.write('\t0x00\n};\n')
    f.write('const size_t cc_engine__default_json_len = %d;\n' % len(data))
