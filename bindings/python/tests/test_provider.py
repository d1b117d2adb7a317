"""Speech and chat providers through the Python binding, with the offline
espeak-ng voice (the HTTP providers need their servers)."""
import asyncio
import unittest

import callcenter as cc


class TestProviders(unittest.TestCase):
    def test_registry(self):
        self.assertIn('espeak', cc.providers(cc.ProviderKind.TTS))
        self.assertIsInstance(cc.providers(cc.ProviderKind.STT), list)
        with self.assertRaises(KeyError):
            cc.STT('no-such-provider')
        with self.assertRaises(KeyError):
            cc.LLM('no-such-provider')

    def test_espeak_speaks_arabic_and_english(self):
        with cc.TTS('espeak') as tts:
            self.assertEqual(tts.name, 'espeak')
            self.assertTrue(tts.capabilities & cc.TTS.CAP_ARABIC)
            ar = tts.synthesize('مرحبا بكم في خدمة العملاء', 'ar')
            self.assertEqual(ar.channels, 1)
            self.assertGreater(ar.duration_ms, 500)
            self.assertTrue(any(ar.samples[i] for i in range(0, len(ar.samples), 97)))
            en = tts.synthesize('Welcome to customer service', 'en')
            self.assertGreater(en.duration_ms, 500)

    def test_stream_cancel_and_callback_errors(self):
        with cc.TTS('espeak') as tts:
            chunks = []
            tts.stream('hello there, how can we help', chunks.append, 'en')
            self.assertGreater(len(chunks), 1)
            with self.assertRaises(cc.CallCenterError) as cm:
                tts.stream('hello there, how can we help', lambda c: False, 'en')
            self.assertEqual(cm.exception.name, 'CC_ECANCELED')

            def broken(chunk):
                raise RuntimeError('speaker unplugged')
            with self.assertRaises(RuntimeError):
                tts.stream('hello', broken, 'en')
            self.assertGreater(tts.synthesize('still works', 'en').duration_ms, 100)

    def test_wav_round_trip_and_async(self):
        with cc.TTS('espeak') as tts:
            frame = asyncio.run(tts.asynthesize('شكرا', 'ar'))
        self.assertEqual(cc.AudioFrame.from_wav(frame.to_wav()), frame)
        with self.assertRaises(ValueError):
            cc.AudioFrame.from_wav(b'RIFF not really')

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            cc.TTS('espeak', params={'no_such_setting': '1'})
        with cc.TTS('espeak') as tts:
            with self.assertRaises(ValueError):
                tts.synthesize('')
            tts.close()
            with self.assertRaises(ValueError):
                tts.synthesize('closed')


if __name__ == '__main__':
    unittest.main()
