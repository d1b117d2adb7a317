"""The voice pipeline through the Python binding: a Python STT (registered
by name) and the offline espeak-ng voice around a real session."""
import json
import threading
import unittest

import callcenter as cc
from callcenter import Voice, VoiceEventType, SPEECH_STARTED, SPEECH_ENDED

# Sunday 2026-11-22 10:00 in Damascus: business hours.
OPEN_MS = 1795330800000


class ScriptedSTT:
    """Answers each utterance with the next scripted line; records the
    audio it was given and the thread it ran on."""

    def __init__(self, lines):
        self.lines = list(lines)
        self.heard_ms = []
        self.threads = set()

    def transcribe(self, frame, hint):
        self.heard_ms.append(frame.duration_ms)
        self.threads.add(threading.get_ident())
        line = self.lines.pop(0)
        if isinstance(line, Exception):
            raise line
        return cc.Transcript(line, 'en', 0.95)


def caller_audio(tts, text):
    """text spoken by espeak at 16 kHz, then a second of silence."""
    speech = tts.synthesize(text, 'en')
    return cc.AudioFrame(speech.samples + b'\x00\x00' * 16000, speech.sample_rate)


def push(voice, frame, ms=20):
    step = frame.sample_rate * ms // 1000 * 2
    flags = 0
    for off in range(0, len(frame.samples), step):
        flags |= voice.push_audio(cc.AudioFrame(frame.samples[off:off + step], frame.sample_rate))
    return flags


class TestVoice(unittest.TestCase):
    def setUp(self):
        self.engine = cc.Engine()
        self.session = cc.Session(self.engine, seed=7, start_ms=1000, wall_clock_ms=OPEN_MS,
                                  region='SA', language='en')
        self.espeak = cc.TTS('espeak', sample_rate=16000)

    def tearDown(self):
        self.espeak.close()
        self.session.close()
        self.engine.close()
        try:
            cc.unregister_stt('py-script')
        except cc.NotFoundError:
            pass

    def test_call_turns_through_a_python_stt_and_espeak(self):
        stt = ScriptedSTT(['My name is Ahmed Ali'])
        cc.register_stt('py-script', stt)
        audio = []
        with Voice(self.session, 'py-script', 'espeak', on_audio=audio.append) as voice:
            voice.drain(20000)
            greeting = sum(f.duration_ms for f in audio)
            self.assertGreater(greeting, 1000)          # the greeting was spoken
            self.assertTrue(all(f.sample_rate == 16000 for f in audio))
            flags = push(voice, caller_audio(self.espeak, 'My name is Ahmed Ali'))
            self.assertTrue(flags & SPEECH_STARTED)
            self.assertTrue(flags & SPEECH_ENDED)
            voice.drain(20000)
            events = []
            while not voice.events.empty():
                events.append(voice.events.get_nowait())
        self.assertEqual(voice.callback_errors, [])
        kinds = [e.type for e in events]
        self.assertIn(VoiceEventType.SPEECH_START, kinds)
        self.assertIn(VoiceEventType.SPEECH_END, kinds)
        transcripts = [e for e in events if e.type == VoiceEventType.TRANSCRIPT]
        self.assertEqual([(t.text, t.language) for t in transcripts],
                         [('My name is Ahmed Ali', 'en')])
        says = [e.action.key for e in events
                if e.type == VoiceEventType.ACTION and isinstance(e.action, cc.Say)]
        self.assertIn('greeting', says)
        self.assertIn('ask_phone', says)                 # the name was taken
        self.assertEqual(len(stt.heard_ms), 1)
        self.assertGreater(stt.heard_ms[0], 500)
        self.assertNotIn(threading.get_ident(), stt.threads)   # the I/O thread
        metrics = [e.metrics for e in events if e.type == VoiceEventType.METRICS]
        self.assertTrue(metrics and metrics[-1].total_us >= metrics[-1].stt_us)

    def test_a_failing_python_stt_is_an_error_event_and_an_apology(self):
        cc.register_stt('py-script', ScriptedSTT([RuntimeError('recognizer crashed')]))
        audio = []
        with Voice(self.session, 'py-script', self.espeak, on_audio=audio.append) as voice:
            voice.drain(20000)
            before = len(audio)
            push(voice, caller_audio(self.espeak, 'hello'))
            voice.drain(20000)
            self.assertGreater(len(audio), before)       # an apology, not silence
            events = []
            while not voice.events.empty():
                events.append(voice.events.get_nowait())
        errors = [e for e in events if e.type == VoiceEventType.ERROR]
        self.assertEqual([e.error_name for e in errors], ['CC_EPROVIDER'])

    def test_bad_input(self):
        cc.register_stt('py-script', ScriptedSTT([]))
        with self.assertRaises(TypeError):
            Voice('not a session', 'py-script', 'espeak')
        with self.assertRaises(KeyError):
            Voice(self.session, 'no-such-stt', 'espeak')
        with self.assertRaises(ValueError):
            Voice(self.session, 'py-script', 'espeak', sample_rate=1000)
        voice = Voice(self.session, 'py-script', 'espeak')
        with self.assertRaises(ValueError):
            voice.push_audio(cc.AudioFrame(b'\x00', 16000))
        with self.assertRaises(ValueError):
            voice.push_dtmf('x')
        voice.close()
        with self.assertRaises(ValueError):
            voice.push_audio(cc.AudioFrame(b'\x00\x00', 16000))


if __name__ == '__main__':
    unittest.main()
