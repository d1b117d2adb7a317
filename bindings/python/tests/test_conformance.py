"""The cross-language conformance cases (tests/conformance/): analysis,
routing and whole scripted calls must give exactly what the C program
tests/unit/conformance gives (it is run here for its results), and the CRM
script must give the records it pins."""
import json
import os
import subprocess
import tempfile
import unittest
from dataclasses import asdict

import callcenter as cc

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                     '..', '..', '..'))
FIXTURES = os.path.join(ROOT, 'tests', 'conformance')


def load(name):
    with open(os.path.join(FIXTURES, name), encoding='utf-8') as f:
        return json.load(f)


def c_results():
    """Runs the C conformance program and returns the results it wrote."""
    build = os.environ.get('CC_BUILD_ROOT') or os.path.join(ROOT, 'build')
    exe = os.path.join(build, 'tests', 'unit', 'test_conformance')
    if not os.path.exists(exe):
        raise AssertionError('%s is missing: build the C tests first (make build)' % exe)
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, 'c.json')
        p = subprocess.run([exe], env=dict(os.environ, CC_CONFORMANCE_OUT=out,
                                           CMOCKA_MESSAGE_OUTPUT='TAP'),
                           capture_output=True, text=True, timeout=120)
        if p.returncode != 0:
            raise AssertionError('the C conformance program failed:\n' + p.stdout + p.stderr)
        with open(out, encoding='utf-8') as f:
            return json.load(f)


_C = None


def c():
    global _C
    if _C is None:
        _C = c_results()
    return _C


class Conformance(unittest.TestCase):
    def same(self, got, want, where):
        """Equal, with floats equal to 1e-9."""
        if isinstance(want, float) or isinstance(got, float):
            self.assertIsInstance(got, (int, float), where)
            self.assertAlmostEqual(got, want, places=9, msg=where)
        elif isinstance(want, dict):
            self.assertIsInstance(got, dict, where)
            self.assertEqual(sorted(got), sorted(want), where)
            for k in want:
                self.same(got[k], want[k], '%s.%s' % (where, k))
        elif isinstance(want, list):
            self.assertIsInstance(got, list, where)
            self.assertEqual(len(got), len(want), where)
            for i, (g, w) in enumerate(zip(got, want)):
                self.same(g, w, '%s[%d]' % (where, i))
        else:
            self.assertEqual(got, want, where)


class TestAnalysisAndRouting(Conformance):
    def test_analysis(self):
        cases = load('analysis.json')['cases']
        self.assertEqual(len(c()['analysis']), len(cases))
        for case, want in zip(cases, c()['analysis']):
            d = cc.analyze(case['text'], case.get('region')).to_dict()
            del d['text']
            self.same(d, want, case['text'])

    def test_routing(self):
        cases = load('routing.json')['cases']
        self.assertEqual(len(c()['routing']), len(cases))
        with cc.Engine(env={}) as e:
            for case, want in zip(cases, c()['routing']):
                self.same(e.route(case['text']).to_dict(), want, case['text'])


class TestCalls(Conformance):
    def test_scripted_calls(self):
        calls = load('call.json')['calls']
        self.assertEqual(len(c()['calls']), len(calls))
        with cc.Engine(env={}) as engine:
            for call, want in zip(calls, c()['calls']):
                with cc.Session(engine, **call['options']) as s:
                    for i, step in enumerate(call['steps']):
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
                        got = [a.to_dict() for a in s]
                        self.same(got, want['steps'][i], '%s step %d' % (call['name'], i))
                    self.same(s.summary(), want['summary'], call['name'] + ' summary')


class TestCRM(Conformance):
    def test_crm_script(self):
        script = load('crm.json')
        saved = {}

        def sub(v):
            if isinstance(v, str) and v.startswith('$'):
                return saved[v[1:]]
            if isinstance(v, dict):
                return {k: sub(x) for k, x in v.items()}
            if isinstance(v, list):
                return [sub(x) for x in v]
            return v

        with cc.Store('memory:') as store, \
                cc.CRM(store, default_region=script['region'],
                       clock=lambda: script['clock_ms']) as crm:
            for i, step in enumerate(script['steps']):
                where = 'step %d (%s)' % (i, step['op'])
                try:
                    got = self.run_op(crm, step['op'], sub(step))
                except cc.CallCenterError as e:
                    self.assertEqual(e.name, step.get('error'), where)
                    continue
                self.assertNotIn('error', step, where)
                if 'save' in step:
                    saved[step['save']] = got
                if 'expect_prefix' in step:
                    self.assertTrue(got.startswith(step['expect_prefix']), where)
                if 'expect' in step:
                    want = sub(step['expect'])
                    if isinstance(want, dict):   # the fields listed
                        got = {k: got[k] for k in want}
                    self.same(got, want, where)

    @staticmethod
    def run_op(crm, op, step):
        a = step.get('args', {})
        if op == 'upsert_customer':
            return crm.upsert_customer(a['phone'], **{k: v for k, v in a.items() if k != 'phone'})
        if op == 'customer':
            return asdict(crm.customer(step['key']))
        if op == 'search_customers':
            return [c.id for c in crm.search_customers(step['query'])]
        if op == 'erase_customer':
            return crm.erase_customer(step['key'])
        if op == 'start_call':
            return crm.start_call(a['call_id'], **{k: v for k, v in a.items() if k != 'call_id'})
        if op == 'update_call':
            return crm.update_call(a['call_id'], **{k: v for k, v in a.items() if k != 'call_id'})
        if op == 'end_call':
            return crm.end_call(a['call_id'], a.get('status'), a.get('outcome'))
        if op == 'call':
            return asdict(crm.call(step['id']))
        if op == 'append_turn':
            return crm.append_turn(a['call_id'], a['speaker'], a['text'],
                                   language=a.get('language'), seq=a.get('seq', 0))
        if op == 'transcript':
            return [asdict(t) for t in crm.transcript(step['id'])]
        if op == 'create_ticket':
            return crm.create_ticket(a['subject'], **{k: v for k, v in a.items() if k != 'subject'})
        if op == 'ticket':
            return asdict(crm.ticket(step['id']))
        if op == 'ticket_history':
            return [{'action': h.action, 'old_value': h.old_value, 'new_value': h.new_value,
                     'changed_by': h.changed_by} for h in crm.ticket_history(step['id'])]
        if op == 'upsert_agent':
            return crm.upsert_agent(a['id'], **{k: v for k, v in a.items() if k != 'id'})
        if op == 'agent':
            return asdict(crm.agent(step['id']))
        if op == 'assign_ticket':
            return crm.assign_ticket(a['id'], a['agent_id'])
        if op == 'set_ticket_status':
            return crm.set_ticket_status(a['id'], a['status'], who=a.get('who'))
        raise AssertionError('unknown op ' + op)


if __name__ == '__main__':
    unittest.main()
