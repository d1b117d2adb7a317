"""Providers written in Python (callcenter/sys/stt.h, tts.h, llm.h).

A host that already has its own recognizer, voice or model (a LiveKit
agent's STT/TTS plugins, say) registers it under a name; the library, the
voice pipeline and the TTS/STT/LLM wrappers then open it by that name like
a built-in provider:

    class Tone:
        sample_rate = 16000
        def synthesize(self, text, language, voice):
            yield pcm_bytes                       # or AudioFrame chunks

    callcenter.register_tts('tone', Tone())
    with callcenter.TTS('tone') as tts:
        frame = tts.synthesize('hello')

The object's methods (language, voice and system_prompt may be None):

- TTS: ``synthesize(text, language, voice)`` -> iterable of AudioFrame or of
  bytes (mono 16-bit PCM at the object's ``sample_rate``, default 16000).
- STT: ``transcribe(frame, language_hint)`` -> str or Transcript; frame is
  an AudioFrame.
- LLM: ``chat(messages, system_prompt)`` -> str or iterable of str pieces;
  messages is a list of (role, content) pairs, role "system", "user" or
  "assistant".
- any: optional ``cancel()`` (called from another thread while a request
  runs), optional ``capabilities`` (the class's CAP_* bits), optional
  ``open(options)`` returning a per-instance object (else every cc_*_new
  shares the object) and ``close()`` on that instance.

The library calls these methods on whatever thread made the request (the
voice pipeline's I/O thread, an asyncio worker): ctypes takes the GIL
there.  An exception never crosses into C: it becomes the request's error,
CC_EPROVIDER with the exception's text (or the code of a CallCenterError
raised on purpose), which the caller sees as a CallCenterError.
"""
import ctypes
import itertools
import threading
from dataclasses import dataclass, field
from typing import Any, Dict, Optional

from . import _types as T
from ._errors import CallCenterError
from ._lib import check, lib, utf8
from ._provider import AudioFrame, Transcript, _frame_of

_EPROVIDER = -19
_ECANCELED = -20
_ROLE_NAMES = {0: 'system', 1: 'user', 2: 'assistant'}


@dataclass(frozen=True)
class ProviderConfig:
    """The options the opener passed to TTS(...)/STT(...)/LLM(...)."""
    base_url: Optional[str] = None
    api_key: Optional[str] = None
    model: Optional[str] = None
    voice: Optional[str] = None
    language: Optional[str] = None
    sample_rate: int = 0
    timeout_ms: int = 0
    params: Dict[str, str] = field(default_factory=dict)


def _s(raw):
    return None if raw is None else raw.decode('utf-8', 'replace')


def _config_of(opts) -> ProviderConfig:
    if not opts:
        return ProviderConfig()
    o = opts.contents
    params = {}
    if o.params:
        i = 0
        while o.params[i] is not None and o.params[i + 1] is not None:
            params[_s(o.params[i])] = _s(o.params[i + 1])
            i += 2
    return ProviderConfig(_s(o.base_url), _s(o.api_key), _s(o.model), _s(o.voice),
                          _s(o.language), o.sample_rate, o.timeout_ms, params)


def _fail(name, exc):
    """Turns an exception from the provider into the request's error code
    (the thread's last error, which the library keeps)."""
    if isinstance(exc, CallCenterError) and exc.code < 0:
        code, text = exc.code, exc.message
    else:
        code, text = _EPROVIDER, '%s: %s' % (type(exc).__name__, exc)
    message = "provider '%s': %s" % (name, text)
    lib.cc_provider_set_error(code, 0, message.encode('utf-8', 'replace')[:1000])
    return code


class _Canceled(Exception):
    """The library asked the running request to stop."""


class _Registration:
    """One registered Python provider: its vtable, the ctypes thunks C
    calls (kept here, so alive for as long as C may call them) and the
    open instances by state id."""

    def __init__(self, kind, name, obj, capabilities):
        self.kind = kind
        self.name = name
        self.obj = obj
        self.instances: Dict[int, Any] = {}
        # Instances whose running request was canceled: a provider that
        # simply stops after cancel() still reports CC_ECANCELED.
        self.canceled = set()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.c_name = utf8(name, 'name')
        self.thunks = [T.P_CREATE(self._create), T.P_STATE(self._destroy),
                       T.P_STATE(self._cancel)]
        vt_type, method, proto, version = {
            'stt': (T.SttVtable, 'recognize', T.P_RECOGNIZE, T.STT_VTABLE_VERSION),
            'tts': (T.TtsVtable, 'synthesize', T.P_SYNTHESIZE, T.TTS_VTABLE_VERSION),
            'llm': (T.LlmVtable, 'chat', T.P_CHAT, T.LLM_VTABLE_VERSION),
        }[kind]
        work = proto(getattr(self, '_' + method))
        self.thunks.append(work)
        caps = getattr(obj, 'capabilities', 0) if capabilities is None else capabilities
        self.vtable = vt_type(version, self.c_name, int(caps or 0), self.thunks[0],
                              self.thunks[1], work, self.thunks[2])

    # -- lifecycle -----------------------------------------------------------

    def _create(self, state, opts, _ud):
        try:
            opener = getattr(self.obj, 'open', None)
            inst = opener(_config_of(opts)) if callable(opener) else self.obj
            with self._lock:
                sid = next(self._ids)
                self.instances[sid] = inst
            state[0] = sid
            return 0
        except BaseException as e:  # noqa: BLE001 - must not cross into C
            return _fail(self.name, e)

    def _destroy(self, state):
        with self._lock:
            inst = self.instances.pop(state or 0, None)
        if inst is not None and inst is not self.obj:
            try:
                close = getattr(inst, 'close', None)
                if callable(close):
                    close()
            except BaseException:  # noqa: BLE001 - nothing to report to
                pass

    def _cancel(self, state):
        inst = self.instances.get(state or 0)
        self.canceled.add(state or 0)
        try:
            cancel = getattr(inst, 'cancel', None)
            if callable(cancel):
                cancel()
        except BaseException:  # noqa: BLE001 - cancel returns nothing
            pass

    def _inst(self, state):
        inst = self.instances.get(state or 0)
        if inst is None:
            raise RuntimeError('unknown provider instance')
        self.canceled.discard(state or 0)
        return inst

    def _done(self, state):
        return _ECANCELED if (state or 0) in self.canceled else 0

    # -- requests ------------------------------------------------------------

    def _synthesize(self, state, text, language, voice, emit, emit_ud):
        emit_fn = T.TTS_AUDIO(emit)
        chunks = None
        try:
            inst = self._inst(state)
            chunks = inst.synthesize(_s(text), _s(language), _s(voice))
            if isinstance(chunks, (bytes, bytearray, AudioFrame)):
                chunks = [chunks]
            rate = int(getattr(inst, 'sample_rate', 16000) or 16000)
            for chunk in chunks:
                if not isinstance(chunk, AudioFrame):
                    chunk = AudioFrame(bytes(chunk), rate, 1)
                n = chunk.samples_per_channel
                if not n:
                    continue
                if len(chunk.samples) != n * chunk.channels * 2:
                    raise ValueError('audio chunk is not whole 16-bit frames')
                buf = ctypes.create_string_buffer(chunk.samples, len(chunk.samples))
                if emit_fn(ctypes.cast(buf, ctypes.POINTER(ctypes.c_int16)), n,
                           chunk.sample_rate, chunk.channels, emit_ud):
                    raise _Canceled()
            return self._done(state)
        except _Canceled:
            return _ECANCELED
        except BaseException as e:  # noqa: BLE001
            return _fail(self.name, e)
        finally:
            _close_iter(chunks)

    def _recognize(self, state, audio, language, emit, emit_ud):
        emit_fn = T.STT_EMIT(emit)
        try:
            inst = self._inst(state)
            frame = _frame_of(audio.contents)
            result = inst.transcribe(frame, _s(language))
            if isinstance(result, Transcript):
                text, lang, conf = result.text, result.language or None, result.confidence
            elif isinstance(result, str):
                text, lang, conf = result, None, -1.0
            else:
                raise TypeError('transcribe() must return str or Transcript, not %s'
                                % type(result).__name__)
            raw = text.encode('utf-8')
            if emit_fn(1, raw, len(raw), lang.encode() if lang else None, conf, emit_ud):
                return _ECANCELED
            return self._done(state)
        except BaseException as e:  # noqa: BLE001
            return _fail(self.name, e)

    def _chat(self, state, system_prompt, messages, count, emit, emit_ud):
        emit_fn = T.TEXT_PIECE(emit)
        pieces = None
        try:
            inst = self._inst(state)
            history = [(_ROLE_NAMES.get(messages[i].role, 'user'), _s(messages[i].content) or '')
                       for i in range(count)]
            pieces = inst.chat(history, _s(system_prompt))
            if isinstance(pieces, str):
                pieces = [pieces]
            for piece in pieces:
                if not isinstance(piece, str):
                    raise TypeError('chat() must yield str, not %s' % type(piece).__name__)
                if not piece:
                    continue
                raw = piece.encode('utf-8')
                if emit_fn(raw, len(raw), emit_ud):
                    raise _Canceled()
            return self._done(state)
        except _Canceled:
            return _ECANCELED
        except BaseException as e:  # noqa: BLE001
            return _fail(self.name, e)
        finally:
            _close_iter(pieces)


def _close_iter(it):
    close = getattr(it, 'close', None)
    if callable(close):
        try:
            close()
        except BaseException:  # noqa: BLE001
            pass


_lock = threading.Lock()
_registered: Dict[tuple, _Registration] = {}
# Unregistered while instances were still open: C may still call their
# thunks, so they stay alive until the last instance is freed.
_retired = []


def _sweep():
    _retired[:] = [r for r in _retired if r.instances]


def _register(kind, name, obj, capabilities):
    method = {'stt': 'transcribe', 'tts': 'synthesize', 'llm': 'chat'}[kind]
    opener = getattr(obj, 'open', None)
    if not callable(opener) and not callable(getattr(obj, method, None)):
        raise TypeError('a %s provider needs a %s() method (or open())' % (kind.upper(), method))
    reg = _Registration(kind, name, obj, capabilities)
    with _lock:
        _sweep()
        check(getattr(lib, 'cc_%s_register' % kind)(ctypes.byref(reg.vtable), None))
        _registered[(kind, name)] = reg


def _unregister(kind, name):
    with _lock:
        check(getattr(lib, 'cc_%s_unregister' % kind)(utf8(name, 'name')))
        reg = _registered.pop((kind, name), None)
        if reg is not None and reg.instances:
            _retired.append(reg)
        _sweep()


def register_tts(name: str, obj: Any, capabilities: Optional[int] = None) -> None:
    """Registers a Python text-to-speech provider under name (see the
    module help for the methods obj needs).  AlreadyExistsError when the
    name is taken."""
    _register('tts', name, obj, capabilities)


def register_stt(name: str, obj: Any, capabilities: Optional[int] = None) -> None:
    """Registers a Python speech-to-text provider under name."""
    _register('stt', name, obj, capabilities)


def register_llm(name: str, obj: Any, capabilities: Optional[int] = None) -> None:
    """Registers a Python chat provider under name."""
    _register('llm', name, obj, capabilities)


def unregister_tts(name: str) -> None:
    """Removes a TTS provider from the registry (NotFoundError if absent);
    instances already open keep working."""
    _unregister('tts', name)


def unregister_stt(name: str) -> None:
    """Removes an STT provider from the registry."""
    _unregister('stt', name)


def unregister_llm(name: str) -> None:
    """Removes a chat provider from the registry."""
    _unregister('llm', name)


__all__ = ['ProviderConfig', 'register_tts', 'register_stt', 'register_llm',
           'unregister_tts', 'unregister_stt', 'unregister_llm']
