"""Engine, text analysis and routing through the Python binding."""
import datetime as dt
import json
import os
import tempfile
import threading
import unittest

import callcenter as cc


class TestText(unittest.TestCase):
    def test_match_key_folds_spelling_variants(self):
        self.assertEqual(cc.match_key('إستفسار'), cc.match_key('استفسار'))
        self.assertEqual(cc.match_key('الفاتورة'), cc.match_key('الفاتوره'))
        self.assertEqual(cc.match_key('٠٥٥'), '055')

    def test_analysis_reads_language_numbers_and_phones(self):
        a = cc.analyze('رقمي ٠٥٥٩٨٧٦٥٤٣', 'SA')
        self.assertEqual(a.language, cc.Language.AR)
        self.assertEqual(str(a.language), 'ar')
        self.assertEqual([p.e164 for p in a.phones], ['+966559876543'])
        self.assertEqual(a.numbers[0].digits, '0559876543')
        self.assertIn('0559876543', a.key)
        d = a.to_dict()
        self.assertEqual(d['phones'], ['+966559876543'])
        json.dumps(d, ensure_ascii=False)  # plain data all the way down

    def test_arabizi_is_arabic(self):
        lang, arabizi = cc.detect_language('3ndi mshkle bl fatora')
        self.assertEqual(lang, cc.Language.AR)
        self.assertTrue(arabizi)

    def test_sentiment_negation(self):
        self.assertEqual(cc.sentiment('الخدمة سيئة جدا').label, 'negative')
        self.assertNotEqual(cc.sentiment('الخدمة مو سيئة').label, 'negative')

    def test_cardinal_and_errors(self):
        self.assertEqual(cc.cardinal('خمسة وعشرين'), 25)
        with self.assertRaises(KeyError):
            cc.cardinal('لا شيء هنا')

    def test_phone_parse_spoken_and_problem(self):
        p = cc.parse_phone('zero five five nine eight seven six five four three', 'SA')
        self.assertEqual(p.e164, '+966559876543')
        self.assertEqual(p.type, cc.PhoneType.MOBILE)
        self.assertEqual(p.format(cc.PhoneFormat.NATIONAL), '055 987 6543')
        with self.assertRaises(cc.PhoneParseError) as cm:
            cc.parse_phone('055', 'SA')
        self.assertIsInstance(cm.exception, ValueError)
        self.assertEqual(cm.exception.problem, cc.PhoneProblem.TOO_SHORT)
        with self.assertRaises(ValueError):
            cc.parse_phone('0559876543', 'XX')

    def test_emails_and_names(self):
        self.assertEqual(cc.validate_email('Ahmed@Example.COM'), 'Ahmed@example.com')
        with self.assertRaises(cc.TextParseError) as cm:
            cc.validate_email('ahmed.example.com')
        self.assertIsInstance(cm.exception, ValueError)
        self.assertEqual(cm.exception.problem, cc.EmailProblem.NO_AT)
        self.assertEqual(cc.find_email('ايميلي ahmed at gmail dot com'), 'ahmed@gmail.com')
        self.assertIsNone(cc.find_email('ما عندي ايميل'))
        self.assertEqual(cc.clean_name('اسمي أحمد صالح'), 'أحمد صالح')
        with self.assertRaises(cc.TextParseError) as cm:
            cc.clean_name('12')
        self.assertEqual(cm.exception.problem, cc.NameProblem.NOT_A_NAME)
        self.assertEqual(cc.name_key('محمد'), cc.name_key('Mohammed'))
        self.assertEqual(cc.analyze('my email is sara dot ali at example dot com').email,
                         'sara.ali@example.com')

    def test_bad_input_is_refused(self):
        with self.assertRaises(ValueError):
            cc.match_key('x' * (1024 * 1024 + 1))
        with self.assertRaises(ValueError):   # lone surrogate: not UTF-8
            cc.match_key('\ud800')
        with self.assertRaises(TypeError):
            cc.analyze(None)


class TestEngine(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = cc.Engine(env={})

    @classmethod
    def tearDownClass(cls):
        cls.engine.close()

    def test_route_arabic_complaint(self):
        r = self.engine.route('عندي شكوى على الفاتورة، الخدمة سيئة جدا')
        self.assertEqual(r.department, 'complaints')
        self.assertGreater(r.confidence, 0.5)
        self.assertEqual(r.reason, cc.RouteReason.KEYWORDS)
        self.assertTrue(r.matched)
        self.assertEqual(r.matched[0].department, 'complaints')
        self.assertEqual(r.sentiment, 'negative')
        self.assertIsNotNone(r.runner_up)
        self.assertLessEqual(r.runner_up_confidence, r.confidence)

    def test_route_english_sales_and_urgency_priority(self):
        r = self.engine.route('I want to buy a new package, what is the price?')
        self.assertEqual(r.department, 'sales')
        self.assertEqual(r.language, 'en')
        u = self.engine.route('urgent complaint, my service is down and this is terrible')
        self.assertTrue(u.urgent)
        self.assertGreaterEqual(u.priority, cc.Priority.HIGH)
        self.assertEqual(str(cc.Priority.URGENT), 'urgent')
        self.assertEqual(cc.Priority.parse('High'), cc.Priority.HIGH)

    def test_empty_utterance_goes_to_default(self):
        r = self.engine.route('')
        self.assertEqual(r.department, self.engine.ivr.default_department)
        self.assertEqual(r.reason, cc.RouteReason.DEFAULT)

    def test_configuration_objects(self):
        ids = [d.id for d in self.engine.departments]
        self.assertEqual(ids[:3], ['reception', 'sales', 'complaints'])
        self.assertEqual(self.engine.department('sales').name('en'), 'Sales')
        with self.assertRaises(KeyError):
            self.engine.department('nope')
        self.assertEqual(self.engine.fields[0].name, 'name')
        self.assertEqual(self.engine.ivr.default_language, 'ar')
        self.assertIn('departments', self.engine.config)
        self.assertTrue(self.engine.feature('crm'))
        with self.assertRaises(KeyError):
            self.engine.feature('no_such_feature')
        self.assertEqual(self.engine.retention_days('transcripts'), 90)
        self.assertEqual(self.engine.resolution_hours(cc.Severity.CRITICAL), 4)

    def test_prompts(self):
        p = self.engine.prompt('ask_name', 'en-US')
        self.assertEqual(p.language, 'en')
        self.assertTrue(str(p))
        self.assertTrue(self.engine.has_prompt('ask_name'))
        with self.assertRaises(KeyError):
            self.engine.prompt('no.such.prompt')

    def test_faq_and_hours(self):
        self.assertIsNone(self.engine.faq('zzzz qqqq'))
        # Saturday 2026-11-21 11:00 in Damascus (UTC+3) is open; 03:00 not.
        tz = dt.timezone(dt.timedelta(hours=3))
        self.assertTrue(self.engine.is_open(dt.datetime(2026, 11, 21, 11, tzinfo=tz)))
        night = dt.datetime(2026, 11, 21, 3, tzinfo=tz)
        self.assertFalse(self.engine.is_open(night))
        self.assertGreater(self.engine.next_opening(night), night)
        with self.assertRaises(ValueError):
            self.engine.is_open(dt.datetime(2026, 11, 21, 11))

    def test_rules(self):
        res = self.engine.evaluate_rules(department='complaints', urgent=True,
                                         open=True, trace=True)
        kinds = [a.kind for a in res.actions]
        self.assertIn(cc.RuleActionKind.CREATE_TICKET, kinds)
        self.assertEqual(res.priority, cc.Priority.URGENT)
        self.assertTrue(any(line.startswith('urgent_priority: fired') for line in res.trace))

    def test_routing_is_thread_safe(self):
        texts = ['بدي اشتري باقة', 'عندي شكوى', 'hello', 'I have a complaint']
        expected = [self.engine.route(t).department for t in texts]
        errors = []

        def work():
            for _ in range(100):
                got = [self.engine.route(t).department for t in texts]
                if got != expected:
                    errors.append(got)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])


class TestEngineConstruction(unittest.TestCase):
    def test_from_dict_file_and_json(self):
        cfg = {'company': {'name_en': 'Test Co', 'name_ar': 'شركة تجربة'}}
        with cc.Engine(cfg, env={}) as e:
            self.assertEqual(e.company_name('en'), 'Test Co')
        with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as f:
            json.dump(cfg, f)
        try:
            with cc.Engine.from_file(f.name, env={}) as e:
                self.assertEqual(e.company_name('ar'), 'شركة تجربة')
        finally:
            os.unlink(f.name)
        with cc.Engine.from_json(json.dumps(cfg), env={}) as e:
            self.assertEqual(e.company_name('en'), 'Test Co')

    def test_bad_configuration_names_the_path(self):
        with self.assertRaises(ValueError) as cm:
            cc.Engine({'departments': 5}, env={})
        self.assertEqual(cm.exception.name, 'CC_ECONFIG')
        self.assertIn('departments', cm.exception.message)
        with self.assertRaises(ValueError) as cm:
            cc.Engine.from_json('{"company": ', env={})
        self.assertEqual(cm.exception.name, 'CC_EPARSE')
        with self.assertRaises(cc.CallCenterError) as cm:
            cc.Engine.from_file('/nonexistent/config.json', env={})
        self.assertEqual(cm.exception.name, 'CC_EIO')
        with self.assertRaises(TypeError):
            cc.Engine('{"a": 1}')

    def test_env_mapping_is_read_instead_of_process_env(self):
        with self.assertRaises(ValueError) as cm:
            cc.Engine(env={'IVR_MAX_RETRIES': 'many'})
        self.assertEqual(cm.exception.name, 'CC_ECONFIG')
        with cc.Engine(env={'IVR_MAX_RETRIES': '5'}) as e:
            self.assertEqual(e.ivr.max_retries, 5)

    def test_classifier_hook(self):
        seen = []

        def classify(text, keyword):
            seen.append((text, keyword.department))
            return ('sales', 0.99) if 'widget' in text else None

        with cc.Engine(env={}, classifier=classify) as e:
            r = e.route('I need a widget')
            self.assertEqual(r.department, 'sales')
            self.assertEqual(r.reason, cc.RouteReason.CLASSIFIER)
            self.assertEqual(e.route('عندي شكوى').department, 'complaints')
            self.assertEqual(seen[0][0], 'I need a widget')

        def broken(text, keyword):
            if 'شكوى' in text:
                return None
            raise RuntimeError('model down')

        with cc.Engine(env={}, classifier=broken) as e:
            with self.assertRaises(RuntimeError) as cm:
                e.route('hello')
            self.assertEqual(str(cm.exception), 'model down')
            self.assertEqual(e.route('عندي شكوى').department, 'complaints')

    def test_closed_engine_refuses_calls(self):
        e = cc.Engine(env={})
        e.close()
        e.close()  # twice is fine
        with self.assertRaises(ValueError):
            e.route('hello')


if __name__ == '__main__':
    unittest.main()
