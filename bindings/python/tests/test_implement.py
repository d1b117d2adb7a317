"""Providers written in Python, registered with the library and opened by
name through the ordinary TTS/STT/LLM wrappers (sys/stt.h, tts.h, llm.h)."""
import array
import asyncio
import math
import threading
import unittest

import callcenter as cc


def tone(hz, ms, rate=16000, amplitude=8000):
    n = rate * ms // 1000
    return array.array('h', (int(amplitude * math.sin(2 * math.pi * hz * i / rate))
                             for i in range(n))).tobytes()


class ToneTTS:
    """Speaks every text as a 440 Hz tone, 10 ms per character, in 3 chunks."""
    sample_rate = 16000
    capabilities = cc.TTS.CAP_OFFLINE

    def __init__(self):
        self.calls = []

    def synthesize(self, text, language, voice):
        self.calls.append((text, language, voice))
        pcm = tone(440, 10 * len(text))
        third = len(pcm) // 6 * 2
        yield pcm[:third]
        yield cc.AudioFrame(pcm[third:2 * third], 16000, 1)
        yield pcm[2 * third:]


class LoudnessSTT:
    """'loud' or 'quiet' from the peak sample, to show the audio arrived."""

    def __init__(self):
        self.hints = []
        self.threads = set()

    def transcribe(self, frame, language_hint):
        self.hints.append(language_hint)
        self.threads.add(threading.get_ident())
        samples = array.array('h', frame.samples)
        peak = max((abs(s) for s in samples), default=0)
        if peak > 4000:
            return cc.Transcript('صوت عال', 'ar', 0.9)
        return 'quiet'


class EchoLLM:
    def chat(self, messages, system_prompt):
        role, last = messages[-1]
        for word in ('%s|%s|%s' % (system_prompt, role, last)).split('|'):
            yield word + ' '


class Broken:
    def synthesize(self, text, language, voice):
        raise RuntimeError('voice engine exploded')

    def transcribe(self, frame, language_hint):
        raise cc.CallCenterTimeoutError(-9, 'CC_ETIMEOUT', 'recognizer took too long')

    def chat(self, messages, system_prompt):
        yield 'partial '
        raise ValueError('model went away')


class TestPythonProviders(unittest.TestCase):
    def setUp(self):
        self.names = []

    def tearDown(self):
        for kind, name in self.names:
            try:
                getattr(cc, 'unregister_' + kind)(name)
            except cc.NotFoundError:
                pass

    def reg(self, kind, name, obj, **kw):
        getattr(cc, 'register_' + kind)(name, obj, **kw)
        self.names.append((kind, name))

    def test_python_tts_by_name(self):
        impl = ToneTTS()
        self.reg('tts', 'py-tone', impl)
        self.assertIn('py-tone', cc.providers(cc.ProviderKind.TTS))
        with cc.TTS('py-tone') as tts:
            self.assertEqual(tts.name, 'py-tone')
            self.assertEqual(tts.capabilities, cc.TTS.CAP_OFFLINE)
            frame = tts.synthesize('مرحبا', 'ar', 'female')
            self.assertEqual(impl.calls, [('مرحبا', 'ar', 'female')])
            self.assertEqual(frame.sample_rate, 16000)
            self.assertEqual(frame.samples, tone(440, 50))
            chunks = []
            tts.stream('hello', chunks.append)
            self.assertEqual(len(chunks), 3)
            self.assertEqual(b''.join(c.samples for c in chunks), tone(440, 50))
            with self.assertRaises(cc.CallCenterError) as cm:
                tts.stream('hello', lambda c: False)
            self.assertEqual(cm.exception.name, 'CC_ECANCELED')
        # The library resamples a Python voice like any other.
        with cc.TTS('py-tone', sample_rate=8000) as tts:
            frame = tts.synthesize('hello')
            self.assertEqual(frame.sample_rate, 8000)
            self.assertAlmostEqual(frame.duration_ms, 50, delta=3)

    def test_python_stt_by_name_from_worker_thread(self):
        impl = LoudnessSTT()
        self.reg('stt', 'py-loud', impl, capabilities=cc.STT.CAP_LANGUAGE_HINT)
        with cc.STT('py-loud') as stt:
            self.assertEqual(stt.capabilities, cc.STT.CAP_LANGUAGE_HINT)
            loud = stt.recognize(cc.AudioFrame(tone(300, 200), 16000), 'ar')
            self.assertEqual(loud, cc.Transcript('صوت عال', 'ar', 0.9))
            quiet = asyncio.run(stt.arecognize(cc.AudioFrame(tone(300, 200, amplitude=100),
                                                             16000)))
            self.assertEqual(quiet.text, 'quiet')
            self.assertEqual(quiet.confidence, -1)
        self.assertEqual(impl.hints, ['ar', None])
        self.assertEqual(len(impl.threads), 2)

    def test_python_llm_streams_tokens(self):
        self.reg('llm', 'py-echo', EchoLLM())
        with cc.LLM('py-echo') as llm:
            tokens = []
            reply = llm.chat([('user', 'hi'), ('assistant', 'hello'), ('user', 'وين طلبي')],
                             'be brief', on_token=tokens.append)
            self.assertEqual(reply, 'be brief user وين طلبي ')
            self.assertEqual(tokens, ['be brief ', 'user ', 'وين طلبي '])

    def test_exceptions_become_errors_not_crashes(self):
        for kind in ('tts', 'stt', 'llm'):
            self.reg(kind, 'py-broken', Broken())
        with cc.TTS('py-broken') as tts:
            with self.assertRaises(cc.CallCenterError) as cm:
                tts.synthesize('hello')
            self.assertEqual(cm.exception.name, 'CC_EPROVIDER')
            self.assertIn('voice engine exploded', cm.exception.message)
            self.assertIn('RuntimeError', cm.exception.message)
        with cc.STT('py-broken') as stt:
            with self.assertRaises(cc.CallCenterTimeoutError) as cm:
                stt.recognize(cc.AudioFrame(tone(300, 20), 16000))
            self.assertIn('recognizer took too long', cm.exception.message)
        with cc.LLM('py-broken') as llm:
            with self.assertRaises(cc.CallCenterError) as cm:
                llm.chat([('user', 'hi')])
            self.assertEqual(cm.exception.name, 'CC_EPROVIDER')
            self.assertIn('model went away', cm.exception.message)

    def test_per_instance_open_close_and_cancel(self):
        events = []
        started = threading.Event()
        stop = threading.Event()

        class Instance:
            def __init__(self, config):
                self.config = config

            def synthesize(self, text, language, voice):
                started.set()
                while not stop.wait(0.01):
                    yield b'\x00\x00' * 160
                events.append('stopped')

            def cancel(self):
                events.append('cancel')
                stop.set()

            def close(self):
                events.append('close')

        class Factory:
            def open(self, config):
                events.append(('open', config.voice, config.params))
                return Instance(config)

        self.reg('tts', 'py-slow', Factory())
        tts = cc.TTS('py-slow', voice='v1', params={'speed': 'fast'})
        self.assertEqual(events, [('open', 'v1', {'speed': 'fast'})])
        errors = []

        def run():
            try:
                tts.synthesize('a long answer')
            except cc.CallCenterError as e:
                errors.append(e.name)
        t = threading.Thread(target=run)
        t.start()
        self.assertTrue(started.wait(5))
        tts.cancel()
        t.join(5)
        self.assertFalse(t.is_alive())
        self.assertEqual(errors, ['CC_ECANCELED'])
        self.assertIn('cancel', events)
        # Unregistered while open: the instance keeps working until freed.
        cc.unregister_tts('py-slow')
        self.assertNotIn('py-slow', cc.providers(cc.ProviderKind.TTS))
        tts.close()
        self.assertEqual(events[-1], 'close')

    def test_bad_registrations(self):
        self.reg('tts', 'py-dup', ToneTTS())
        with self.assertRaises(cc.AlreadyExistsError):
            cc.register_tts('py-dup', ToneTTS())
        with self.assertRaises(cc.AlreadyExistsError):
            cc.register_tts('espeak', ToneTTS())
        with self.assertRaises(TypeError):
            cc.register_stt('py-nothing', object())
        with self.assertRaises(ValueError):
            cc.register_llm('', EchoLLM())
        with self.assertRaises(cc.NotFoundError):
            cc.unregister_llm('py-never-registered')
        with self.assertRaises(TypeError):
            cc.register_tts(None, ToneTTS())

        class WrongType:
            def transcribe(self, frame, hint):
                return 42
        self.reg('stt', 'py-wrong', WrongType())
        with cc.STT('py-wrong') as stt:
            with self.assertRaises(cc.CallCenterError) as cm:
                stt.recognize(cc.AudioFrame(tone(300, 20), 16000))
            self.assertIn('must return str', cm.exception.message)


if __name__ == '__main__':
    unittest.main()
