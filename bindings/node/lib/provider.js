'use strict';
// Speech and chat providers (callcenter/provider.h) by registered name
// ("espeak", and the HTTP providers a build has).  Requests block; the
// *Async forms run them on koffi's worker threads.  One request at a time
// per provider object.  Audio is an AudioFrame of interleaved Int16 PCM,
// the layout of @livekit/rtc-node's AudioFrame(data, sampleRate, channels,
// samplesPerChannel).
const { koffi, fn, types: T } = require('./native');
const { check, checkAsync } = require('./errors');
const { str, optStr, callBuf, callAsync } = require('./util');

const ProviderKind = Object.freeze({ STT: 1, TTS: 2, LLM: 3 });
const ECANCELED = -20;

/** The registered provider names of a kind. */
function providers(kind) {
  return callBuf((buf) => fn.cc_provider_list(kind, buf)).split('\n').filter((l) => l);
}

class AudioFrame {
  constructor(samples, sampleRate, channels = 1) {
    if (!(samples instanceof Int16Array)) throw new TypeError('samples must be an Int16Array');
    if (samples.length % channels) throw new RangeError('samples must hold whole frames');
    this.samples = samples;
    this.sampleRate = sampleRate;
    this.channels = channels;
  }

  get samplesPerChannel() { return this.samples.length / this.channels; }
  get durationMs() { return (1000 * this.samplesPerChannel) / this.sampleRate; }

  /** Reads a 16-bit PCM WAV file's bytes. */
  static fromWav(data) {
    const f = {};
    check(fn.cc_wav_parse(data, data.length, f));
    try { return frameOf(f); } finally { fn.cc_audio_frame_dispose(f); }
  }

  /** The frame as a WAV file (a Buffer). */
  toWav() {
    const buf = { ptr: null, reserved: 0, size: 0 };
    try {
      check(fn.cc_wav_encode(this._struct(), buf));
      return Buffer.from(koffi.decode(buf.ptr, 'uint8_t', Number(buf.size)));
    } finally {
      fn.cc_buf_dispose(buf);
    }
  }

  _struct() {
    return { data: this.samples, samples_per_channel: this.samplesPerChannel, sample_rate: this.sampleRate,
             channels: this.channels, capacity: 0 };
  }
}

function frameOf(f) {
  const n = Number(f.samples_per_channel) * f.channels;
  // A copy of the library's samples (they are released right after).
  const samples = n ? new Int16Array(koffi.view(f.data, n * 2).slice(0)) : new Int16Array(0);
  return new AudioFrame(samples, f.sample_rate, f.channels);
}

function options(o = {}) {
  const params = o.params ? [...Object.entries(o.params).flat().map(String), null] : null;
  return {
    version: 1, base_url: optStr(o.baseUrl), api_key: optStr(o.apiKey), model: optStr(o.model),
    voice: optStr(o.voice), language: optStr(o.language), sample_rate: o.sampleRate || 0,
    timeout_ms: o.timeoutMs || 0, connect_timeout_ms: o.connectTimeoutMs || 0,
    max_retries: o.maxRetries === undefined ? -1 : o.maxRetries, params,
  };
}

class Provider {
  constructor(kind, name, opts) {
    this._kind = kind;
    this._handle = null;
    const out = [null];
    check(fn[`cc_${kind}_new`](out, str(name, 'name'), options(opts)));
    this._handle = out[0];
  }

  get _h() {
    if (!this._handle) throw new Error('the provider is closed');
    return this._handle;
  }

  get name() { return fn[`cc_${this._kind}_name`](this._h); }
  get capabilities() { return fn[`cc_${this._kind}_capabilities`](this._h); }
  /** Cancels the request in progress. */
  cancel() { fn[`cc_${this._kind}_cancel`](this._h); }

  close() {
    if (!this._handle) return;
    fn[`cc_${this._kind}_free`](this._handle);
    this._handle = null;
  }

  [Symbol.dispose]() { this.close(); }
}

// A transient C callback receiving UTF-8 pieces; an exception cancels the
// request and is rethrown by the caller.
function pieceCallback(f, failure) {
  if (!f) return null;
  return (ptr, len) => {
    try {
      return f(Buffer.from(koffi.view(ptr, Number(len))).toString('utf8')) === false ? 1 : 0;
    } catch (e) {
      failure.push(e);
      return 1;
    }
  };
}

class TTS extends Provider {
  /** new TTS('espeak', { voice, language, sampleRate, params, ... }) */
  constructor(name, opts = {}) { super('tts', name, opts); }

  /** The whole utterance as one AudioFrame. */
  synthesize(text, language = null, voice = null) {
    const f = {};
    try {
      check(fn.cc_tts_synthesize_frame(this._h, str(text), optStr(language), optStr(voice), f));
      return frameOf(f);
    } finally {
      fn.cc_audio_frame_dispose(f);
    }
  }

  /** synthesize() on a worker thread. */
  async synthesizeAsync(text, language = null, voice = null) {
    const f = {};
    const rc = await callAsync(fn.cc_tts_synthesize_frame, this._h, str(text), optStr(language), optStr(voice), f);
    try {
      checkAsync(rc);
      return frameOf(f);
    } finally {
      fn.cc_audio_frame_dispose(f);
    }
  }

  /** Calls onAudio(chunk) as audio is made; returning false cancels. */
  stream(text, onAudio, language = null, voice = null) {
    const failure = [];
    const rc = fn.cc_tts_synthesize(this._h, str(text), optStr(language), optStr(voice),
      (samples, n, rate, channels) => {
        try {
          const count = Number(n) * channels;
          const chunk = new AudioFrame(new Int16Array(koffi.view(samples, count * 2).slice(0)), rate, channels);
          return onAudio(chunk) === false ? 1 : 0;
        } catch (e) {
          failure.push(e);
          return 1;
        }
      }, null);
    if (failure.length) throw failure[0];
    check(rc);
  }
}
TTS.CAP_STREAMING = 0x1;
TTS.CAP_ARABIC = 0x2;
TTS.CAP_OFFLINE = 0x4;

function transcriptOf(r) {
  const text = r.text_ptr ? Buffer.from(koffi.view(r.text_ptr, Number(r.text_size))).toString('utf8') : '';
  return { text, language: r.language, confidence: r.confidence };
}

class STT extends Provider {
  constructor(name, opts = {}) { super('stt', name, opts); }

  /** Transcribes one AudioFrame: { text, language, confidence }. */
  recognize(audio, language = null, onPartial = null) {
    if (!(audio instanceof AudioFrame)) throw new TypeError('audio must be an AudioFrame');
    const failure = [];
    const r = { text_ptr: null, text_reserved: 0, text_size: 0, language: '', confidence: -1 };
    try {
      const rc = fn.cc_stt_recognize(this._h, audio._struct(), optStr(language), pieceCallback(onPartial, failure), null, r);
      if (failure.length) throw failure[0];
      check(rc);
      return transcriptOf(r);
    } finally {
      fn.cc_stt_result_dispose(r);
    }
  }

  async recognizeAsync(audio, language = null) {
    if (!(audio instanceof AudioFrame)) throw new TypeError('audio must be an AudioFrame');
    const r = { text_ptr: null, text_reserved: 0, text_size: 0, language: '', confidence: -1 };
    const rc = await callAsync(fn.cc_stt_recognize, this._h, audio._struct(), optStr(language), null, null, r);
    try {
      checkAsync(rc);
      return transcriptOf(r);
    } finally {
      fn.cc_stt_result_dispose(r);
    }
  }
}
STT.CAP_PARTIALS = 0x1;
STT.CAP_LANGUAGE_HINT = 0x2;
STT.CAP_DETECTS_LANGUAGE = 0x4;

const ROLES = { system: 0, user: 1, assistant: 2 };
function messagesOf(messages) {
  return messages.map((m) => {
    const [role, content] = Array.isArray(m) ? m : [m.role, m.content];
    if (!(role in ROLES)) throw new RangeError(`unknown role ${role}`);
    return { role: ROLES[role], content: str(content, 'content') };
  });
}

class LLM extends Provider {
  constructor(name, opts = {}) { super('llm', name, opts); }

  /** The next reply to messages ([role, content] or { role, content }). */
  chat(messages, { systemPrompt = null, onToken = null } = {}) {
    const list = messagesOf(messages);
    const failure = [];
    const buf = { ptr: null, reserved: 0, size: 0 };
    try {
      const rc = fn.cc_llm_chat(this._h, optStr(systemPrompt), list, list.length, pieceCallback(onToken, failure), null, buf);
      if (failure.length) throw failure[0];
      check(rc);
      return buf.ptr ? koffi.decode(buf.ptr, 'char', Number(buf.size)) : '';
    } finally {
      fn.cc_buf_dispose(buf);
    }
  }

  async chatAsync(messages, { systemPrompt = null } = {}) {
    const list = messagesOf(messages);
    const buf = { ptr: null, reserved: 0, size: 0 };
    const rc = await callAsync(fn.cc_llm_chat, this._h, optStr(systemPrompt), list, list.length, null, null, buf);
    try {
      checkAsync(rc);
      return buf.ptr ? koffi.decode(buf.ptr, 'char', Number(buf.size)) : '';
    } finally {
      fn.cc_buf_dispose(buf);
    }
  }
}
LLM.CAP_STREAMING = 0x1;

module.exports = { ProviderKind, providers, AudioFrame, TTS, STT, LLM, ECANCELED };
