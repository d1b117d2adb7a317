"""The IVR session through the Python binding: typed actions, recorder,
snapshot/restore, bad input."""
import json
import threading
import unittest

import callcenter as cc

# Sunday 2026-11-22 10:00 in Damascus: business hours.
OPEN_MS = 1795330800000


def new_session(engine, **kw):
    kw.setdefault('seed', 7)
    kw.setdefault('start_ms', 1000)
    kw.setdefault('wall_clock_ms', OPEN_MS)
    kw.setdefault('region', 'SA')
    return cc.Session(engine, **kw)


COMPLAINT_CALL = ['أحمد محمد', '٠٥٥٩٨٧٦٥٤٣', 'ahmed@example.com',
                  'عندي شكوى، الخدمة سيئة جدا', 'نعم',
                  'الفاتورة جاتني مرتين والانترنت مقطوع من يومين']


class Collecting(cc.Recorder):
    def __init__(self):
        self.events = []

    def call_started(self, rec):
        self.events.append(rec)

    def stage_changed(self, rec):
        self.events.append(rec)

    def turn_added(self, rec):
        self.events.append(rec)

    def customer_confirmed(self, rec):
        self.events.append(rec)

    def ticket_create(self, rec):
        self.events.append(rec)
        return 'TKT_FROM_RECORDER_1'

    def call_ended(self, rec):
        self.events.append(rec)


class TestSession(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = cc.Engine(env={})

    def test_start_gives_greeting_question_and_expect(self):
        with new_session(self.engine) as s:
            self.assertEqual(s.stage, cc.Stage.WELCOME)
            s.start()
            actions = s.drain()
            self.assertIsInstance(actions[0], cc.Say)
            self.assertEqual(actions[0].key, 'greeting')
            self.assertEqual(actions[0].language, 'ar')
            self.assertIsInstance(actions[-1], cc.Expect)
            self.assertEqual(actions[-1].field, 'name')
            self.assertEqual([a.seq for a in actions], list(range(1, len(actions) + 1)))
            self.assertEqual(s.drain(), [])      # drained until CC_EAGAIN
            self.assertEqual(s.stage, cc.Stage.COLLECT_NAME)
            self.assertEqual(str(s.stage), 'collect_name')
            with self.assertRaises(cc.StateError):
                s.start()

    def test_complaint_call_routes_and_makes_a_ticket(self):
        rec = Collecting()
        with new_session(self.engine, recorder=rec) as s:
            s.start()
            seen = s.drain()
            for text in COMPLAINT_CALL:
                s.input_text(text)
                seen += list(s)
            routes = [a for a in seen if isinstance(a, cc.Route)]
            self.assertEqual(len(routes), 1)
            self.assertEqual(routes[0].department, 'complaints')
            tickets = [a for a in seen if isinstance(a, cc.Ticket)]
            self.assertEqual(len(tickets), 1)
            self.assertEqual(tickets[0].ticket_id, 'TKT_FROM_RECORDER_1')
            self.assertEqual(tickets[0].kind, 'complaint')
            self.assertIsInstance(tickets[0].priority, cc.Priority)
            self.assertEqual(s.ticket_id, 'TKT_FROM_RECORDER_1')
            self.assertEqual(s.field('phone'), '+966559876543')
            self.assertEqual(s.fields['email'], 'ahmed@example.com')
            self.assertEqual(s.department, 'complaints')
            summary = s.summary()
            self.assertEqual(summary['ticket'], 'TKT_FROM_RECORDER_1')
            self.assertEqual(summary['fields']['name'], 'أحمد محمد')
            d = tickets[0].to_dict()
            self.assertEqual(d['type'], 'ticket')
            json.dumps([a.to_dict() for a in seen], ensure_ascii=False)
        kinds = {type(e) for e in rec.events}
        self.assertIn(cc.CallStarted, kinds)
        self.assertIn(cc.CustomerConfirmed, kinds)
        self.assertIn(cc.TicketRequested, kinds)
        turns = [e for e in rec.events if isinstance(e, cc.TurnAdded)]
        self.assertEqual(turns[0].speaker, cc.Speaker.BOT)
        self.assertTrue(any(t.speaker == cc.Speaker.CALLER and t.text == 'أحمد محمد'
                            for t in turns))
        keys = [e.idempotency_key for e in rec.events]
        self.assertEqual(len(keys), len(set(keys)))

    def test_recorder_exceptions_are_counted_not_raised(self):
        class Broken(cc.Recorder):
            def turn_added(self, rec):
                raise RuntimeError('database down')

        old = cc.get_log_level()
        cc.set_log_level('none')      # the session logs each failure
        try:
            with new_session(self.engine, recorder=Broken()) as s:
                s.start()
                s.input_text('أحمد محمد')
                s.drain()
                self.assertGreater(s.recorder_failures, 0)
                self.assertIsInstance(s.recorder_errors[0], RuntimeError)
                self.assertEqual(s.stage, cc.Stage.COLLECT_PHONE)
        finally:
            cc.set_log_level(old)

    def test_dtmf_silence_and_hangup(self):
        with new_session(self.engine) as s:
            s.start()
            s.drain()
            with self.assertRaises(ValueError):
                s.input_dtmf('12x')
            for _ in range(10):
                if s.ended:
                    break
                s.input_silence()
                s.drain()
            self.assertTrue(s.ended)
            self.assertEqual(s.summary()['outcome'], 'no_input')
            with self.assertRaises(cc.StateError):
                s.input_text('hello')
            s.notify(cc.Notice.CALLER_HUNG_UP)      # accepted after the end

    def test_snapshot_restore_continues_identically(self):
        a = new_session(self.engine, call_id='CALL_SNAPSHOT_TEST')
        a.start()
        a.drain()
        a.input_text(COMPLAINT_CALL[0])
        a.drain()
        b = cc.Session.restore(self.engine, a.snapshot())
        self.assertEqual(b.call_id, 'CALL_SNAPSHOT_TEST')
        self.assertEqual(b.stage, a.stage)
        for text in COMPLAINT_CALL[1:]:
            a.input_text(text)
            b.input_text(text)
            self.assertEqual([x.to_dict() for x in a], [x.to_dict() for x in b])
        a.close()
        b.close()
        with self.assertRaises(ValueError):
            cc.Session.restore(self.engine, '{"not": "a snapshot"}')

    def test_bad_options_and_input(self):
        with self.assertRaises(ValueError):
            cc.Session(self.engine, language='fr')
        with self.assertRaises(ValueError):
            cc.Session(self.engine, call_id='x' * 100)
        with self.assertRaises(TypeError):
            cc.Session(object())
        with new_session(self.engine) as s:
            s.start()
            with self.assertRaises(ValueError):
                s.input_text('x' * 5000)
            self.assertEqual(s.stage, cc.Stage.COLLECT_NAME)
        with self.assertRaises(ValueError):
            s.input_text('after close')

    def test_transcript(self):
        with new_session(self.engine) as s:
            s.start()
            s.input_text('Sara Ali', language='en')
            s.drain()
            t = s.transcript
            self.assertEqual(t[0].speaker, cc.Speaker.BOT)
            self.assertTrue(any(x.speaker == cc.Speaker.CALLER and x.text == 'Sara Ali'
                                for x in t))

    def test_sessions_on_threads_share_an_engine(self):
        results, errors = [], []

        def call():
            try:
                with new_session(self.engine) as s:
                    s.start()
                    s.drain()
                    for text in COMPLAINT_CALL:
                        s.input_text(text)
                        s.drain()
                    results.append((s.department, s.field('phone')))
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

        threads = [threading.Thread(target=call) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(results, [('complaints', '+966559876543')] * 4)


if __name__ == '__main__':
    unittest.main()
