"""Stores and the CRM through the Python binding: dataclass records,
exceptions, the session recorder, threads and asyncio."""
import asyncio
import os
import tempfile
import threading
import unittest

import callcenter as cc

from tests.test_session import COMPLAINT_CALL, new_session


class TestStore(unittest.TestCase):
    def test_memory_and_sqlite(self):
        with cc.Store('memory:') as st:
            self.assertEqual(st.backend, 'memory')
            self.assertEqual(st.schema_version, cc.Store.schema_latest())
            self.assertEqual(st.pending, 0)
            self.assertEqual(st.migrate(), 0)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'crm.db')
            with cc.Store('sqlite:' + path) as st:
                self.assertEqual(st.backend, 'sqlite')
            self.assertTrue(os.path.exists(path))

    def test_bad_uris(self):
        with self.assertRaises(cc.CallCenterError) as cm:
            cc.Store('nosuchscheme:x')
        self.assertEqual(cm.exception.name, 'CC_EUNSUPPORTED')
        with self.assertRaises(cc.CallCenterError):
            cc.Store('sqlite:/nonexistent/dir/crm.db')
        st = cc.Store('memory:')
        st.close()
        with self.assertRaises(ValueError):
            st.pending


class TestCRM(unittest.TestCase):
    def setUp(self):
        self.store = cc.Store('memory:')
        self.crm = cc.CRM(self.store, default_region='SA')

    def tearDown(self):
        self.crm.close()
        self.store.close()

    def test_customers(self):
        cid = self.crm.upsert_customer('+966559876543', name='أحمد صالح',
                                       email='Ahmed@Example.com', vip=True)
        self.assertTrue(cid.startswith('CUST_'))
        again = self.crm.upsert_customer('00966559876543', tier='gold')
        self.assertEqual(again, cid)          # same person, other spelling
        c = self.crm.customer(cid)
        self.assertIsInstance(c, cc.Customer)
        self.assertEqual(c.phone, '+966559876543')
        self.assertEqual(c.email, 'ahmed@example.com')
        self.assertEqual(c.tier, 'gold')
        self.assertIs(c.vip, True)
        self.assertEqual(self.crm.customer('+966559876543').id, cid)
        self.assertEqual([x.id for x in self.crm.search_customers('أحمد')], [cid])
        with self.assertRaises(KeyError):
            self.crm.customer('CUST_NOPE')
        with self.assertRaises(ValueError):
            self.crm.upsert_customer('not a phone')
        with self.assertRaises(ValueError):
            self.crm.upsert_customer('+966559876543', tier='diamond')
        self.crm.erase_customer(cid)
        erased = self.crm.customer(cid)
        self.assertIsNone(erased.phone)
        self.assertGreater(erased.erased_at, 0)

    def test_calls_and_transcripts(self):
        call_id = self.crm.start_call(customer_phone='+966559876543', language='ar')
        self.assertTrue(call_id.startswith('CALL_'))
        self.assertTrue(self.crm.update_call(call_id, stage='collect_name',
                                             department='sales'))
        self.crm.append_turn(call_id, 'customer', 'مرحبا', language='ar', seq=1)
        self.crm.append_turn(call_id, 'customer', 'مرحبا', language='ar', seq=1)
        self.crm.append_turn(call_id, 'bot', 'أهلاً', seq=2)
        turns = self.crm.transcript(call_id)
        self.assertEqual([(t.seq, t.speaker, t.text) for t in turns],
                         [(1, 'customer', 'مرحبا'), (2, 'bot', 'أهلاً')])
        self.assertEqual([c.id for c in self.crm.search_calls(active_only=True)], [call_id])
        self.crm.end_call(call_id, 'completed', 'resolved')
        call = self.crm.call(call_id)
        self.assertEqual((call.status, call.outcome, call.department),
                         ('completed', 'resolved', 'sales'))
        self.assertGreater(call.ended_at, 0)
        self.assertEqual(self.crm.search_calls(active_only=True), [])
        with self.assertRaises(ValueError):
            self.crm.update_call(call_id, status='exploded')

    def test_tickets_and_agents(self):
        tid = self.crm.create_ticket('Internet down', description='since yesterday',
                                     department='complaints', priority=cc.Priority.HIGH,
                                     customer_phone='+966559876543',
                                     idempotency_key='k-1')
        self.assertEqual(self.crm.create_ticket('dup', idempotency_key='k-1'), tid)
        t = self.crm.ticket(tid)
        self.assertEqual((t.status, t.priority, t.subject), ('open', 'high', 'Internet down'))
        self.crm.upsert_agent('agent-1', name='Sara', department='complaints',
                              skills=['billing', 'internet'], languages=['ar', 'en'])
        a = self.crm.agent('agent-1')
        self.assertEqual(a.skills, ['billing', 'internet'])
        self.assertEqual(a.languages, ['ar', 'en'])
        self.crm.set_agent_status('agent-1', 'available')
        self.assertEqual([x.id for x in self.crm.agents('complaints', available_only=True)],
                         ['agent-1'])
        self.crm.assign_ticket(tid, 'agent-1')
        self.assertEqual(self.crm.ticket(tid).status, 'in_progress')
        self.crm.add_ticket_note(tid, 'called back', who='agent-1')
        self.crm.set_ticket_status(tid, 'resolved', who='agent-1')
        self.crm.set_ticket_status(tid, 'closed')
        with self.assertRaises(cc.StateError):
            self.crm.set_ticket_status(tid, 'resolved')
        actions = [h.action for h in self.crm.ticket_history(tid)]
        self.assertEqual(actions[0], 'created')
        self.assertIn('assigned', actions)
        self.assertIn('note', actions)
        self.assertEqual([x.id for x in self.crm.search_tickets(status='closed')], [tid])
        self.assertEqual(self.crm.search_tickets(status='active'), [])
        with self.assertRaises(ValueError):
            self.crm.search_tickets(status='bogus')
        with self.assertRaises(cc.StateError):     # closed: reopen first
            self.crm.assign_ticket(tid, 'agent-1')
        other = self.crm.create_ticket('Billing question')
        with self.assertRaises(KeyError):
            self.crm.assign_ticket(other, 'nobody')
        with self.assertRaises(ValueError):
            self.crm.create_ticket('')

    def test_session_recorder_writes_the_whole_call(self):
        engine = cc.Engine(env={})
        with new_session(engine, recorder=self.crm.recorder(),
                         caller_number='+966559876543') as s:
            s.start()
            s.drain()
            for text in COMPLAINT_CALL:
                s.input_text(text)
                s.drain()
            self.assertEqual(s.recorder_errors, ())
            self.assertEqual(s.recorder_failures, 0)
            call = self.crm.call(s.call_id)
            self.assertEqual(call.department, 'complaints')
            self.assertEqual(call.customer_phone, '+966559876543')
            ticket = self.crm.ticket(s.ticket_id)
            self.assertEqual(ticket.call_id, s.call_id)
            self.assertEqual(ticket.customer_name, 'أحمد محمد')
            self.assertEqual(ticket.department, 'complaints')
            turns = self.crm.transcript(s.call_id)
            self.assertEqual(len(turns), len(s.transcript))
            self.assertTrue(any(t.speaker == 'customer' and t.text == 'أحمد محمد'
                                for t in turns))
            self.assertEqual(self.crm.customer('+966559876543').email, 'ahmed@example.com')
        engine.close()

    def test_session_recorder_is_the_library_s_own(self):
        # The CRM methods a Python recorder would call are switched off:
        # the call is still written, so no Python runs per event.
        def no_python(*_a, **_k):
            raise AssertionError('the recorder ran Python')
        for name in ('start_call', 'update_call', 'append_turn', 'upsert_customer',
                     'create_ticket', 'end_call'):
            setattr(self.crm, name, no_python)
        engine = cc.Engine(env={})
        with new_session(engine, recorder=self.crm.recorder(),
                         caller_number='anonymous') as s:
            s.start()
            s.drain()
            s.input_text('أحمد محمد')
            s.drain()
            self.assertEqual(s.recorder_failures, 0)
            # A caller ID that is no phone number still records the call.
            call = self.crm.call(s.call_id)
            self.assertIsNone(call.customer_phone)
            self.assertEqual(call.status, 'ivr_processing')
            self.assertEqual(len(self.crm.transcript(s.call_id)), len(s.transcript))
        engine.close()

    def test_session_recorder_methods_cannot_be_overridden(self):
        class Logged(cc.CRMRecorder):
            def turn_added(self, rec):
                pass
        engine = cc.Engine(env={})
        with self.assertRaises(TypeError):
            new_session(engine, recorder=Logged(self.crm))
        engine.close()

    def test_threads_share_one_crm(self):
        ids, errors = [], []

        def work(n):
            try:
                for i in range(20):
                    ids.append(self.crm.upsert_customer('+96655%07d' % (n * 100 + i)))
            except Exception as e:  # pragma: no cover
                errors.append(e)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(set(ids)), 80)

    def test_asyncio_helpers(self):
        async def main():
            cid = await self.crm.aio.upsert_customer('+966501234567', name='Sara')
            got = await self.crm.aio.customer(cid)
            n = await cc.run_blocking(self.store.flush)
            return got, n

        got, pending = asyncio.run(main())
        self.assertEqual(got.name, 'Sara')
        self.assertEqual(pending, 0)

    def test_clock_option(self):
        fixed = 1795330800000
        with cc.CRM(self.store, clock=lambda: fixed) as crm:
            call_id = crm.start_call()
            self.assertEqual(crm.call(call_id).started_at, fixed)
            self.assertIn('20261122', call_id)


if __name__ == '__main__':
    unittest.main()
