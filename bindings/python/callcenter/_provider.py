"""Speech and chat providers (callcenter/provider.h): text to speech, speech
to text and chat completion behind one interface, by registered name
("espeak", and the HTTP providers a build has).

Requests block (network, synthesis) with the GIL released; in asyncio code
use the a* methods, which run them in a worker thread.  One request at a
time per provider object; cancel() may be called from any thread.

Audio is AudioFrame: interleaved signed 16-bit PCM, the layout LiveKit's
rtc.AudioFrame(data, sample_rate, num_channels, samples_per_channel) takes.
"""
import asyncio
import ctypes
import enum
import weakref
from dataclasses import dataclass
from typing import Callable, Iterable, List, Mapping, Optional, Tuple, Union

from . import _types as T
from ._lib import Buf, check, lib, opt_utf8, take, take_bytes, utf8

_ECANCELED = -20


class ProviderKind(enum.IntEnum):
    """Kinds of provider (cc_provider_kind)."""
    STT = 1
    TTS = 2
    LLM = 3


def providers(kind: ProviderKind) -> List[str]:
    """The registered provider names of a kind, in registration order."""
    buf = Buf()
    try:
        check(lib.cc_provider_list(int(kind), ctypes.byref(buf)))
    finally:
        text = take(buf)
    return [line for line in text.splitlines() if line]


@dataclass(frozen=True)
class AudioFrame:
    """Interleaved signed 16-bit little-endian PCM."""
    samples: bytes
    sample_rate: int
    channels: int = 1

    @property
    def samples_per_channel(self) -> int:
        return len(self.samples) // (2 * self.channels)

    @property
    def duration_ms(self) -> float:
        return 1000.0 * self.samples_per_channel / self.sample_rate

    @classmethod
    def from_wav(cls, data: bytes) -> 'AudioFrame':
        """Reads a 16-bit PCM WAV file's bytes."""
        f = T.AudioFrame()
        check(lib.cc_wav_parse(data, len(data), ctypes.byref(f)))
        try:
            return _frame_of(f)
        finally:
            lib.cc_audio_frame_dispose(ctypes.byref(f))

    def to_wav(self) -> bytes:
        """The frame as a WAV file."""
        buf = Buf()
        with _borrowed(self) as f:
            try:
                check(lib.cc_wav_encode(ctypes.byref(f), ctypes.byref(buf)))
            except BaseException:
                lib.cc_buf_dispose(ctypes.byref(buf))
                raise
        return take_bytes(buf)


def _frame_of(f) -> AudioFrame:
    n = f.samples_per_channel * f.channels * 2
    return AudioFrame(ctypes.string_at(f.data, n) if n else b'', f.sample_rate, f.channels)


class _borrowed:
    """A cc_audio_frame pointing at an AudioFrame's bytes for one call."""

    def __init__(self, frame: AudioFrame):
        if not isinstance(frame, AudioFrame):
            raise TypeError('audio must be a callcenter.AudioFrame')
        if len(frame.samples) % (2 * frame.channels):
            raise ValueError('samples must hold whole 16-bit frames')
        self._buf = ctypes.create_string_buffer(frame.samples, len(frame.samples) or 1)
        self._f = T.AudioFrame(ctypes.cast(self._buf, ctypes.POINTER(ctypes.c_int16)),
                               frame.samples_per_channel, frame.sample_rate,
                               frame.channels, 0)

    def __enter__(self):
        return self._f

    def __exit__(self, *exc):
        self._buf = None


def _options(base_url, api_key, model, voice, language, sample_rate, timeout_ms,
             connect_timeout_ms, max_retries, params, keep):
    o = T.ProviderOptions()
    o.version = T.PROVIDER_OPTIONS_VERSION
    o.base_url = opt_utf8(base_url, 'base_url')
    o.api_key = opt_utf8(api_key, 'api_key')
    o.model = opt_utf8(model, 'model')
    o.voice = opt_utf8(voice, 'voice')
    o.language = opt_utf8(language, 'language')
    o.sample_rate = sample_rate
    o.timeout_ms = timeout_ms
    o.connect_timeout_ms = connect_timeout_ms
    o.max_retries = max_retries
    if params:
        flat = []
        for k, v in params.items():
            flat += [utf8(k, 'param name'), utf8(str(v), k)]
        arr = (ctypes.c_char_p * (len(flat) + 1))(*flat, None)
        keep.append(arr)
        o.params = arr
    return o


class _Provider:
    _kind = ''

    def __init__(self, name: str, *, base_url: Optional[str] = None,
                 api_key: Optional[str] = None, model: Optional[str] = None,
                 voice: Optional[str] = None, language: Optional[str] = None,
                 sample_rate: int = 0, timeout_ms: int = 0, connect_timeout_ms: int = 0,
                 max_retries: int = -1, params: Optional[Mapping[str, str]] = None):
        keep = []
        o = _options(base_url, api_key, model, voice, language, sample_rate,
                     timeout_ms, connect_timeout_ms, max_retries, params, keep)
        out = ctypes.c_void_p()
        self._handle = None
        check(getattr(lib, 'cc_%s_new' % self._kind)(ctypes.byref(out), utf8(name, 'name'),
                                                     ctypes.byref(o)))
        self._handle = out.value
        self._finalizer = weakref.finalize(self, getattr(lib, 'cc_%s_free' % self._kind),
                                           out.value)

    @property
    def _h(self):
        if not self._handle:
            raise ValueError('the provider is closed')
        return self._handle

    @property
    def name(self) -> str:
        """The registered name it was opened with."""
        return getattr(lib, 'cc_%s_name' % self._kind)(self._h).decode()

    @property
    def capabilities(self) -> int:
        """A mask of the CAP_* bits of its class."""
        return getattr(lib, 'cc_%s_capabilities' % self._kind)(self._h)

    def cancel(self) -> None:
        """Cancels the request in progress; safe from any thread."""
        getattr(lib, 'cc_%s_cancel' % self._kind)(self._h)

    def close(self) -> None:
        """Closes the provider (not while a request runs on it)."""
        if self._handle:
            self._handle = None
            self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _piece_thunk(callback, failure):
    """A C text-piece callback calling callback(str); an exception cancels
    the request and is raised again by the caller."""
    def call(text, length, _ud):
        try:
            return 1 if callback(ctypes.string_at(text, length).decode('utf-8')) is False else 0
        except BaseException as e:  # noqa: BLE001 - must not cross into C
            failure.append(e)
            return 1
    return T.TEXT_PIECE(call)


class TTS(_Provider):
    """Text to speech, e.g. TTS("espeak") (offline, Arabic and English)."""
    _kind = 'tts'
    CAP_STREAMING = 0x1
    CAP_ARABIC = 0x2
    CAP_OFFLINE = 0x4

    def synthesize(self, text: str, language: Optional[str] = None,
                   voice: Optional[str] = None) -> AudioFrame:
        """The whole utterance as one frame."""
        f = T.AudioFrame()
        try:
            check(lib.cc_tts_synthesize_frame(self._h, utf8(text), opt_utf8(language, 'language'),
                                              opt_utf8(voice, 'voice'), ctypes.byref(f)))
            return _frame_of(f)
        finally:
            lib.cc_audio_frame_dispose(ctypes.byref(f))

    def stream(self, text: str, on_audio: Callable[[AudioFrame], Optional[bool]],
               language: Optional[str] = None, voice: Optional[str] = None) -> None:
        """Synthesizes text, calling on_audio(chunk) as audio is made (on
        this thread); returning False cancels."""
        failure = []

        def call(samples, n, rate, channels, _ud):
            try:
                chunk = AudioFrame(ctypes.string_at(samples, n * channels * 2), rate, channels)
                return 1 if on_audio(chunk) is False else 0
            except BaseException as e:  # noqa: BLE001
                failure.append(e)
                return 1
        rc = lib.cc_tts_synthesize(self._h, utf8(text), opt_utf8(language, 'language'),
                                   opt_utf8(voice, 'voice'), T.TTS_AUDIO(call), None)
        if failure:
            raise failure[0]
        check(rc)

    async def asynthesize(self, text: str, language: Optional[str] = None,
                          voice: Optional[str] = None) -> AudioFrame:
        """synthesize() in a worker thread."""
        return await asyncio.to_thread(self.synthesize, text, language, voice)


@dataclass(frozen=True)
class Transcript:
    """What speech to text heard."""
    text: str
    language: str       #: ISO 639-1 the provider reported, or ""
    confidence: float   #: 0..1, or -1 when the provider gives none


class STT(_Provider):
    """Speech to text by registered name."""
    _kind = 'stt'
    CAP_PARTIALS = 0x1
    CAP_LANGUAGE_HINT = 0x2
    CAP_DETECTS_LANGUAGE = 0x4

    def recognize(self, audio: AudioFrame, language: Optional[str] = None,
                  on_partial: Optional[Callable[[str], Optional[bool]]] = None) -> Transcript:
        """Transcribes one utterance; on_partial(text) gets partial
        transcripts where the provider has them (False cancels)."""
        failure = []
        thunk = _piece_thunk(on_partial, failure) if on_partial else T.TEXT_PIECE()
        r = T.SttResult()
        r.confidence = -1.0
        with _borrowed(audio) as f:
            try:
                rc = lib.cc_stt_recognize(self._h, ctypes.byref(f), opt_utf8(language, 'language'),
                                          thunk, None, ctypes.byref(r))
                if failure:
                    raise failure[0]
                check(rc)
                text = ctypes.string_at(r.text_ptr, r.text_size).decode('utf-8') \
                    if r.text_ptr else ''
                return Transcript(text, r.language.decode(), r.confidence)
            finally:
                lib.cc_stt_result_dispose(ctypes.byref(r))

    async def arecognize(self, audio: AudioFrame, language: Optional[str] = None) -> Transcript:
        """recognize() in a worker thread."""
        return await asyncio.to_thread(self.recognize, audio, language)


_ROLES = {'system': 0, 'user': 1, 'assistant': 2}
Message = Union[Tuple[str, str], Mapping[str, str]]


class LLM(_Provider):
    """Chat completion by registered name."""
    _kind = 'llm'
    CAP_STREAMING = 0x1

    def chat(self, messages: Iterable[Message], system_prompt: Optional[str] = None,
             on_token: Optional[Callable[[str], Optional[bool]]] = None) -> str:
        """The next reply to messages: ("user", "...") pairs or
        {"role": ..., "content": ...} dicts.  on_token(text) gets the reply
        as it is generated where the provider streams (False cancels)."""
        items = []
        for m in messages:
            role, content = (m['role'], m['content']) if isinstance(m, Mapping) else m
            if role not in _ROLES:
                raise ValueError('unknown role %r' % role)
            items.append((_ROLES[role], utf8(content, 'content')))
        arr = (T.LlmMessage * max(1, len(items)))(*items)
        failure = []
        thunk = _piece_thunk(on_token, failure) if on_token else T.TEXT_PIECE()
        buf = Buf()
        rc = lib.cc_llm_chat(self._h, opt_utf8(system_prompt, 'system_prompt'), arr,
                             len(items), thunk, None, ctypes.byref(buf))
        reply = take(buf)
        if failure:
            raise failure[0]
        check(rc)
        return reply

    async def achat(self, messages, system_prompt: Optional[str] = None) -> str:
        """chat() in a worker thread."""
        return await asyncio.to_thread(self.chat, list(messages), system_prompt)


__all__ = ['ProviderKind', 'providers', 'AudioFrame', 'TTS', 'STT', 'LLM', 'Transcript']
