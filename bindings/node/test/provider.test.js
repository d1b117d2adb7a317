'use strict';
// Speech and chat providers through koffi, with the offline espeak-ng voice.
const test = require('node:test');
const assert = require('node:assert');
const cc = require('..');

test('registry and unknown providers', () => {
  assert.ok(cc.providers(cc.ProviderKind.TTS).includes('espeak'));
  assert.ok(Array.isArray(cc.providers(cc.ProviderKind.STT)));
  assert.throws(() => new cc.STT('no-such-provider'), cc.NotFoundError);
  assert.throws(() => new cc.LLM('no-such-provider'), cc.NotFoundError);
});

test('espeak speaks Arabic and English, streams, cancels', () => {
  const tts = new cc.TTS('espeak');
  assert.strictEqual(tts.name, 'espeak');
  assert.ok(tts.capabilities & cc.TTS.CAP_ARABIC);
  const ar = tts.synthesize('مرحبا بكم في خدمة العملاء', 'ar');
  assert.strictEqual(ar.channels, 1);
  assert.ok(ar.durationMs > 500);
  assert.ok(ar.samples.some((x) => x !== 0));
  const chunks = [];
  tts.stream('hello there, how can we help', (c) => { chunks.push(c); }, 'en');
  assert.ok(chunks.length > 1);
  assert.throws(() => tts.stream('hello there', () => false, 'en'), (e) => e.code === 'CC_ECANCELED');
  assert.throws(() => tts.stream('hello', () => { throw new Error('speaker unplugged'); }, 'en'), /unplugged/);
  assert.throws(() => tts.synthesize(''), cc.InvalidInputError);
  tts.close();
  assert.throws(() => tts.synthesize('closed'), /closed/);
});

test('WAV round trip and the async form', async () => {
  const tts = new cc.TTS('espeak');
  const frame = await tts.synthesizeAsync('شكرا', 'ar');
  tts.close();
  const back = cc.AudioFrame.fromWav(frame.toWav());
  assert.strictEqual(back.sampleRate, frame.sampleRate);
  assert.deepStrictEqual(back.samples, frame.samples);
  assert.throws(() => cc.AudioFrame.fromWav(Buffer.from('RIFF not really')), cc.InvalidInputError);
  assert.throws(() => new cc.TTS('espeak', { params: { no_such_setting: '1' } }), cc.InvalidInputError);
});
