'use strict';
// Providers written in JavaScript, registered with the library and opened
// by name through the ordinary TTS/STT/LLM classes (sys/stt.h, tts.h, llm.h).
const test = require('node:test');
const assert = require('node:assert');
const cc = require('..');

function tone(hz, ms, rate = 16000, amplitude = 8000) {
  const n = (rate * ms) / 1000;
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
  return out;
}

class ToneTTS {
  constructor() { this.sampleRate = 16000; this.capabilities = cc.TTS.CAP_OFFLINE; this.calls = []; }

  * synthesize(text, language, voice) {
    this.calls.push([text, language, voice]);
    const pcm = tone(440, 10 * [...text].length);
    const third = Math.floor(pcm.length / 3);
    yield pcm.slice(0, third);
    yield new cc.AudioFrame(pcm.slice(third, 2 * third), 16000, 1);
    yield Buffer.from(pcm.slice(2 * third).buffer);
  }
}

const loudness = {
  hints: [],
  transcribe(frame, hint) {
    this.hints.push(hint);
    const peak = frame.samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0);
    return peak > 4000 ? { text: 'صوت عال', language: 'ar', confidence: 0.9 } : 'quiet';
  },
};

const echo = {
  * chat(messages, systemPrompt) {
    const [role, last] = messages[messages.length - 1];
    for (const w of [systemPrompt, role, last]) yield `${w} `;
  },
};

const broken = {
  synthesize() { throw new Error('voice engine exploded'); },
  transcribe() { throw new cc.CallCenterError(-9, 'CC_ETIMEOUT', 'recognizer took too long'); },
  * chat() { yield 'partial '; throw new RangeError('model went away'); },
};

test('a JavaScript TTS opened by name, sync and async, resampled', async () => {
  const impl = new ToneTTS();
  cc.registerTTS('js-tone', impl);
  try {
    assert.ok(cc.providers(cc.ProviderKind.TTS).includes('js-tone'));
    const tts = new cc.TTS('js-tone');
    assert.strictEqual(tts.name, 'js-tone');
    assert.strictEqual(tts.capabilities, cc.TTS.CAP_OFFLINE);
    const frame = tts.synthesize('مرحبا', 'ar', 'female');
    assert.deepStrictEqual(impl.calls, [['مرحبا', 'ar', 'female']]);
    assert.strictEqual(frame.sampleRate, 16000);
    assert.deepStrictEqual(frame.samples, tone(440, 50));
    const chunks = [];
    tts.stream('hello', (c) => { chunks.push(c); });
    assert.strictEqual(chunks.length, 3);
    assert.throws(() => tts.stream('hello', () => false), (e) => e.code === 'CC_ECANCELED');
    // From a koffi worker thread: the callback runs on this (free) main thread.
    const again = await tts.synthesizeAsync('hello', 'en');
    assert.deepStrictEqual(again.samples, tone(440, 50));
    tts.close();
    const narrow = new cc.TTS('js-tone', { sampleRate: 8000 });
    const f8 = narrow.synthesize('hello');
    assert.strictEqual(f8.sampleRate, 8000);
    assert.ok(Math.abs(f8.durationMs - 50) < 3);
    narrow.close();
  } finally {
    cc.unregisterTTS('js-tone');
  }
  assert.ok(!cc.providers(cc.ProviderKind.TTS).includes('js-tone'));
});

test('a JavaScript STT and LLM opened by name', async () => {
  cc.registerSTT('js-loud', loudness, cc.STT.CAP_LANGUAGE_HINT);
  cc.registerLLM('js-echo', echo);
  try {
    const stt = new cc.STT('js-loud');
    assert.strictEqual(stt.capabilities, cc.STT.CAP_LANGUAGE_HINT);
    const loud = stt.recognize(new cc.AudioFrame(tone(300, 200), 16000), 'ar');
    assert.strictEqual(loud.text, 'صوت عال');
    assert.strictEqual(loud.language, 'ar');
    assert.ok(Math.abs(loud.confidence - 0.9) < 1e-9);
    const quiet = await stt.recognizeAsync(new cc.AudioFrame(tone(300, 200, 16000, 100), 16000));
    assert.strictEqual(quiet.text, 'quiet');
    assert.deepStrictEqual(loudness.hints, ['ar', null]);
    stt.close();
    const llm = new cc.LLM('js-echo');
    const tokens = [];
    const reply = llm.chat([['user', 'hi'], ['assistant', 'hello'], ['user', 'وين طلبي']],
      { systemPrompt: 'be brief', onToken: (t) => { tokens.push(t); } });
    assert.strictEqual(reply, 'be brief user وين طلبي ');
    assert.deepStrictEqual(tokens, ['be brief ', 'user ', 'وين طلبي ']);
    assert.strictEqual(await llm.chatAsync([['user', 'x']]), 'null user x ');
    llm.close();
  } finally {
    cc.unregisterSTT('js-loud');
    cc.unregisterLLM('js-echo');
  }
});

test('exceptions in a JavaScript provider become errors, not crashes', async () => {
  cc.registerTTS('js-broken', broken);
  cc.registerSTT('js-broken', broken);
  cc.registerLLM('js-broken', broken);
  try {
    const tts = new cc.TTS('js-broken');
    assert.throws(() => tts.synthesize('hello'),
      (e) => e.code === 'CC_EPROVIDER' && /voice engine exploded/.test(e.message));
    await assert.rejects(tts.synthesizeAsync('hello'), (e) => e.code === 'CC_EPROVIDER');
    tts.close();
    const stt = new cc.STT('js-broken');
    assert.throws(() => stt.recognize(new cc.AudioFrame(tone(300, 20), 16000)),
      (e) => e.code === 'CC_ETIMEOUT' && /too long/.test(e.message));
    stt.close();
    const llm = new cc.LLM('js-broken');
    assert.throws(() => llm.chat([['user', 'hi']]),
      (e) => e.code === 'CC_EPROVIDER' && /RangeError: model went away/.test(e.message));
    llm.close();
  } finally {
    cc.unregisterTTS('js-broken');
    cc.unregisterSTT('js-broken');
    cc.unregisterLLM('js-broken');
  }
});

test('per-instance open/close; unregistered while open keeps working', () => {
  const events = [];
  cc.registerTTS('js-factory', {
    open(config) {
      events.push(['open', config.voice, config.params]);
      return { * synthesize() { yield tone(200, 10); }, close() { events.push('close'); } };
    },
  });
  const tts = new cc.TTS('js-factory', { voice: 'v1', params: { speed: 'fast' } });
  assert.deepStrictEqual(events, [['open', 'v1', { speed: 'fast' }]]);
  cc.unregisterTTS('js-factory');
  assert.strictEqual(tts.synthesize('still here').samples.length, 160);
  tts.close();
  assert.strictEqual(events[events.length - 1], 'close');
});

test('bad registrations are refused clearly', () => {
  cc.registerTTS('js-dup', new ToneTTS());
  try {
    assert.throws(() => cc.registerTTS('js-dup', new ToneTTS()), cc.AlreadyExistsError);
    assert.throws(() => cc.registerTTS('espeak', new ToneTTS()), cc.AlreadyExistsError);
  } finally {
    cc.unregisterTTS('js-dup');
  }
  assert.throws(() => cc.registerSTT('js-nothing', {}), TypeError);
  assert.throws(() => cc.registerLLM('', echo), cc.InvalidInputError);
  assert.throws(() => cc.registerTTS(null, new ToneTTS()), TypeError);
  assert.throws(() => cc.unregisterLLM('js-never'), cc.NotFoundError);
  cc.registerSTT('js-wrong', { transcribe: () => 42 });
  try {
    const stt = new cc.STT('js-wrong');
    assert.throws(() => stt.recognize(new cc.AudioFrame(tone(300, 20), 16000)), /must return a string/);
    stt.close();
  } finally {
    cc.unregisterSTT('js-wrong');
  }
});
