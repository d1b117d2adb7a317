'use strict';
// Providers written in JavaScript (callcenter/sys/stt.h, tts.h, llm.h),
// registered under a name and opened like a built-in one:
//
//   registerTTS('tone', { sampleRate: 16000, *synthesize(text, language, voice) { yield pcm; } });
//   const tts = new TTS('tone');
//
// The methods are synchronous (a value or an iterable): the library waits
// for them.  Called from a request on a koffi worker (the *Async forms, the
// voice pipeline's thread), koffi runs them on the main thread while that
// thread waits, so the main thread must not block on such a request.
const { koffi, fn, types: T } = require('./native');
const { check, CallCenterError } = require('./errors');
const { str } = require('./util');
const { AudioFrame } = require('./provider');

const EPROVIDER = -19;
const ECANCELED = -20;
const ROLE_NAMES = ['system', 'user', 'assistant'];
const KINDS = {
  stt: { method: 'transcribe', vtable: T.SttVtable, work: 'recognize', proto: T.PRecognize },
  tts: { method: 'synthesize', vtable: T.TtsVtable, work: 'synthesize', proto: T.PSynthesize },
  llm: { method: 'chat', vtable: T.LlmVtable, work: 'chat', proto: T.PChat },
};

class Canceled extends Error {}

function configOf(ptr) {
  if (!ptr) return {};
  const o = koffi.decode(ptr, T.ProviderOptions);
  const params = {};
  if (o.params) {
    for (let i = 0; ; i += 2) {
      const k = koffi.decode(o.params, i * 8, 'const char *');
      const v = k === null ? null : koffi.decode(o.params, (i + 1) * 8, 'const char *');
      if (k === null || v === null) break;
      params[k] = v;
    }
  }
  return {
    baseUrl: o.base_url, apiKey: o.api_key, model: o.model, voice: o.voice, language: o.language,
    sampleRate: o.sample_rate, timeoutMs: o.timeout_ms, params,
  };
}

// The request's error from a thrown value: a CallCenterError keeps its code.
function fail(name, e) {
  const own = e instanceof CallCenterError && e.errno < 0;
  const code = own ? e.errno : EPROVIDER;
  const text = own ? e.detail : `${(e && e.name) || 'Error'}: ${e && e.message !== undefined ? e.message : e}`;
  fn.cc_provider_set_error(code, 0, `provider '${name}': ${text}`.slice(0, 1000));
  return code;
}

function closeIter(it) {
  if (it && typeof it.return === 'function') {
    try { it.return(); } catch (e) { /* nothing to report to */ }
  }
}

function* iterate(value, single) {
  if (single(value)) yield value;
  else yield* value;
}

class Registration {
  constructor(kind, name, obj, capabilities) {
    const k = KINDS[kind];
    this.kind = kind;
    this.name = name;
    this.obj = obj;
    this.instances = new Map();
    this.canceled = new Set();
    this.nextId = 1;
    const bytes = Buffer.from(name, 'utf8');
    this.namePtr = koffi.alloc('uint8_t', bytes.length + 1);
    koffi.encode(this.namePtr, 'uint8_t', [...bytes, 0], bytes.length + 1);
    this.handles = [
      koffi.register(this._create.bind(this), koffi.pointer(T.PCreate)),
      koffi.register(this._destroy.bind(this), koffi.pointer(T.PState)),
      koffi.register(this[`_${k.work}`].bind(this), koffi.pointer(k.proto)),
      koffi.register(this._cancel.bind(this), koffi.pointer(T.PState)),
    ];
    const caps = capabilities === undefined || capabilities === null ? obj.capabilities || 0 : capabilities;
    this.vtablePtr = koffi.alloc(k.vtable, 1);
    koffi.encode(this.vtablePtr, k.vtable, {
      version: 1, name: this.namePtr, capabilities: caps >>> 0, create: this.handles[0],
      destroy: this.handles[1], [k.work]: this.handles[2], cancel: this.handles[3],
    });
  }

  release() {
    for (const h of this.handles) koffi.unregister(h);
    koffi.free(this.vtablePtr);
    koffi.free(this.namePtr);
    this.handles = [];
  }

  _create(statePtr, opts) {
    try {
      const inst = typeof this.obj.open === 'function' ? this.obj.open(configOf(opts)) : this.obj;
      const id = this.nextId++;
      this.instances.set(id, inst);
      koffi.encode(statePtr, 'uintptr_t', BigInt(id));
      return 0;
    } catch (e) {
      return fail(this.name, e);
    }
  }

  _destroy(state) {
    const id = Number(state);
    const inst = this.instances.get(id);
    this.instances.delete(id);
    this.canceled.delete(id);
    if (inst !== undefined && inst !== this.obj && typeof inst.close === 'function') {
      try { inst.close(); } catch (e) { /* nothing to report to */ }
    }
  }

  _cancel(state) {
    const id = Number(state);
    this.canceled.add(id);
    const inst = this.instances.get(id);
    if (inst && typeof inst.cancel === 'function') {
      try { inst.cancel(); } catch (e) { /* cancel returns nothing */ }
    }
  }

  _inst(state) {
    const id = Number(state);
    const inst = this.instances.get(id);
    if (inst === undefined) throw new Error('unknown provider instance');
    this.canceled.delete(id);
    return inst;
  }

  _done(state) { return this.canceled.has(Number(state)) ? ECANCELED : 0; }

  _synthesize(state, text, language, voice, emit, emitUd) {
    let it = null;
    try {
      const inst = this._inst(state);
      const rate = inst.sampleRate || 16000;
      const out = inst.synthesize(text, language, voice);
      it = iterate(out, (v) => v instanceof AudioFrame || v instanceof Int16Array || Buffer.isBuffer(v));
      for (let chunk of it) {
        if (Buffer.isBuffer(chunk)) {
          chunk = new Int16Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + (chunk.length & ~1)));
        }
        if (chunk instanceof Int16Array) chunk = new AudioFrame(chunk, rate, 1);
        if (!(chunk instanceof AudioFrame)) {
          throw new TypeError('synthesize() must give AudioFrame, Int16Array or Buffer chunks');
        }
        if (!chunk.samples.length) continue;
        if (koffi.call(emit, T.TtsAudio, chunk.samples, chunk.samplesPerChannel,
          chunk.sampleRate, chunk.channels, emitUd)) throw new Canceled();
      }
      return this._done(state);
    } catch (e) {
      return e instanceof Canceled ? ECANCELED : fail(this.name, e);
    } finally {
      closeIter(it);
    }
  }

  _recognize(state, audio, language, emit, emitUd) {
    try {
      const inst = this._inst(state);
      const f = koffi.decode(audio, T.AudioFrameT);
      const n = Number(f.samples_per_channel) * f.channels;
      const samples = n ? new Int16Array(koffi.view(f.data, n * 2).slice(0)) : new Int16Array(0);
      const result = inst.transcribe(new AudioFrame(samples, f.sample_rate, f.channels), language);
      let text;
      let lang = null;
      let confidence = -1;
      if (typeof result === 'string') {
        text = result;
      } else if (result && typeof result.text === 'string') {
        ({ text } = result);
        lang = result.language || null;
        confidence = typeof result.confidence === 'number' ? result.confidence : -1;
      } else {
        throw new TypeError('transcribe() must return a string or { text, language, confidence }');
      }
      const raw = Buffer.from(text, 'utf8');
      if (koffi.call(emit, T.SttEmit, 1, raw, raw.length, lang, confidence, emitUd)) {
        return ECANCELED;
      }
      return this._done(state);
    } catch (e) {
      return fail(this.name, e);
    }
  }

  _chat(state, systemPrompt, messages, count, emit, emitUd) {
    let it = null;
    try {
      const inst = this._inst(state);
      const n = Number(count);
      const list = n ? koffi.decode(messages, T.LlmMessage, n) : [];
      const history = list.map((m) => [ROLE_NAMES[m.role] || 'user', m.content || '']);
      it = iterate(inst.chat(history, systemPrompt), (v) => typeof v === 'string');
      for (const piece of it) {
        if (typeof piece !== 'string') throw new TypeError('chat() must give strings');
        if (!piece) continue;
        const raw = Buffer.from(piece, 'utf8');
        if (koffi.call(emit, T.TextPiece, raw, raw.length, emitUd)) throw new Canceled();
      }
      return this._done(state);
    } catch (e) {
      return e instanceof Canceled ? ECANCELED : fail(this.name, e);
    } finally {
      closeIter(it);
    }
  }
}

const registered = new Map();
// Unregistered while instances were open: C may still call their
// callbacks, so they stay registered until the last instance is freed.
let retired = [];

function sweep() {
  retired = retired.filter((r) => {
    if (r.instances.size) return true;
    r.release();
    return false;
  });
}

function register(kind, name, obj, capabilities) {
  str(name, 'name');
  const { method } = KINDS[kind];
  if (!obj || (typeof obj[method] !== 'function' && typeof obj.open !== 'function')) {
    throw new TypeError(`a ${kind.toUpperCase()} provider needs a ${method}() method (or open())`);
  }
  sweep();
  const reg = new Registration(kind, name, obj, capabilities);
  try {
    check(fn[`cc_${kind}_register`](reg.vtablePtr, null));
  } catch (e) {
    reg.release();
    throw e;
  }
  registered.set(`${kind}:${name}`, reg);
}

function unregister(kind, name) {
  check(fn[`cc_${kind}_unregister`](str(name, 'name')));
  const key = `${kind}:${name}`;
  const reg = registered.get(key);
  registered.delete(key);
  if (reg) retired.push(reg);
  sweep();
}

module.exports = {
  registerTTS: (name, obj, capabilities) => register('tts', name, obj, capabilities),
  registerSTT: (name, obj, capabilities) => register('stt', name, obj, capabilities),
  registerLLM: (name, obj, capabilities) => register('llm', name, obj, capabilities),
  unregisterTTS: (name) => unregister('tts', name),
  unregisterSTT: (name) => unregister('stt', name),
  unregisterLLM: (name) => unregister('llm', name),
};
