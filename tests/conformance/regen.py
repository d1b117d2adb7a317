#!/usr/bin/env python3
"""Writes the expected results of analysis.json, routing.json and call.json
from the inputs they list, through the Python binding.

The fixtures are the cross-language contract: C (tests/unit/conformance),
Python and Node must each reproduce them exactly.  Run this only when the
library's behaviour changes on purpose, and review the diff before
committing it; crm.json is written by hand.

    CALLCENTER_LIBRARY=build/lib/libcallcenter.so.0 \\
        python3 tests/conformance/regen.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'bindings', 'python'))

import callcenter as cc  # noqa: E402


def load(name):
    with open(os.path.join(HERE, name), encoding='utf-8') as f:
        return json.load(f)


def save(name, data):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8') as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write('\n')


def analysis():
    data = load('analysis.json')
    for case in data['cases']:
        d = cc.analyze(case['text'], case.get('region')).to_dict()
        del d['text']
        case['expect'] = d
    save('analysis.json', data)


def routing(engine):
    data = load('routing.json')
    for case in data['cases']:
        case['expect'] = engine.route(case['text']).to_dict()
    save('routing.json', data)


def play(engine, call):
    s = cc.Session(engine, **call['options'])
    for step in call['steps']:
        ev = step['event']
        if ev == 'start':
            s.start()
        elif ev == 'text':
            s.input_text(step['text'])
        elif ev == 'dtmf':
            s.input_dtmf(step['digits'])
        elif ev == 'silence':
            s.input_silence()
        elif ev == 'notify':
            s.notify(cc.Notice[step['notice'].upper()])
        step['actions'] = [a.to_dict() for a in s]
    call['summary'] = s.summary()
    s.close()


def calls(engine):
    data = load('call.json')
    for call in data['calls']:
        play(engine, call)
    save('call.json', data)


if __name__ == '__main__':
    with cc.Engine(env={}) as e:
        analysis()
        routing(e)
        calls(e)
