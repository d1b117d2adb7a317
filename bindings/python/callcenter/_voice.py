"""The voice pipeline (callcenter/voice.h): caller audio in, the IVR session
in the middle, synthesized answers out.

    voice = Voice(session, stt='my-stt', tts='espeak', on_audio=play)
    voice.push_audio(frame)          # from the host's audio loop
    event = voice.events.get()       # or on_event=...

The pipeline runs every provider request on its own I/O thread; on_event
and on_audio run there too (ctypes takes the GIL), one at a time, so they
should hand work to the host's loop (loop.call_soon_threadsafe) rather
than block.  An exception in one is kept in callback_errors.
"""
import ctypes
import enum
import queue
import weakref
from dataclasses import dataclass
from typing import Callable, List, Mapping, Optional, Union

from . import _types as T
from ._lib import Buf, check, lib, opt_utf8, take
from ._provider import LLM, STT, TTS, AudioFrame, _borrowed
from ._session import Action, Session, _action_of


class VoiceEventType(enum.IntEnum):
    """cc_voice_event_type."""
    SPEECH_START = 1
    SPEECH_END = 2
    PARTIAL = 3
    TRANSCRIPT = 4
    ACTION = 5
    REPLY = 6
    BARGE_IN = 7
    ERROR = 8
    METRICS = 9
    HANDOFF = 10
    ENDED = 11


@dataclass(frozen=True)
class VoiceMetrics:
    """Latencies of one caller turn, in microseconds."""
    stt_us: int
    session_us: int
    llm_us: int
    tts_first_us: int
    total_us: int
    pipeline_us: int


@dataclass(frozen=True)
class VoiceEvent:
    """One pipeline event; fields beyond type are set where they apply."""
    type: VoiceEventType
    text: Optional[str] = None
    language: Optional[str] = None
    confidence: float = -1.0
    action: Optional[Action] = None
    error: int = 0                  #: for ERROR, the negative error code
    error_name: str = ''            #: for ERROR, "CC_EPROVIDER" ...
    metrics: Optional[VoiceMetrics] = None


def _s(raw):
    return None if raw is None else raw.decode('utf-8', 'replace')


def _event_of(e) -> VoiceEvent:
    kind = VoiceEventType(e.type)
    action = _action_of(e.action.contents) if e.action else None
    m = e.metrics
    metrics = VoiceMetrics(m.stt_us, m.session_us, m.llm_us, m.tts_first_us, m.total_us,
                           m.pipeline_us) if kind == VoiceEventType.METRICS else None
    name = lib.cc_error_name(e.error).decode() if e.error else ''
    return VoiceEvent(kind, _s(e.text), _s(e.language), e.confidence, action, e.error, name,
                      metrics)


#: cc_voice_push_audio() result bits.
SPEECH_STARTED = 0x1
SPEECH_ENDED = 0x2
STOP_PLAYBACK = 0x4


class Voice:
    """A pipeline on a session and providers.  stt, tts and llm are opened
    provider objects or registered names (opened and closed by the Voice).
    personas maps a department to (English prompt, Arabic prompt or None);
    None keeps the built-in reception, sales and complaints personas."""

    def __init__(self, session: Session, stt: Union[STT, str], tts: Union[TTS, str],
                 llm: Union[LLM, str, None] = None, *, sample_rate: int = 16000,
                 on_event: Optional[Callable[[VoiceEvent], None]] = None,
                 on_audio: Optional[Callable[[AudioFrame], None]] = None,
                 crm_context: Optional[str] = None, llm_takes_handoff: bool = True,
                 max_history: int = 20, fallback_en: Optional[str] = None,
                 fallback_ar: Optional[str] = None,
                 personas: Optional[Mapping[str, tuple]] = None):
        if not isinstance(session, Session):
            raise TypeError('session must be a callcenter.Session')
        self._handle = None
        self._owned = []
        self.events: 'queue.Queue[VoiceEvent]' = queue.Queue()
        self.callback_errors: List[BaseException] = []
        self._on_event = on_event
        self._on_audio = on_audio
        try:
            self._stt = self._open(STT, stt, 'stt')
            self._tts = self._open(TTS, tts, 'tts')
            self._llm = self._open(LLM, llm, 'llm') if llm is not None else None
            self._session = session     # all of these must outlive the pipeline
            o = T.VoiceOptions()
            check(lib.cc_voice_options_init(ctypes.byref(o), T.VOICE_OPTIONS_VERSION))
            o.sample_rate = sample_rate
            o.crm_context = opt_utf8(crm_context, 'crm_context')
            o.llm_takes_handoff = 1 if llm_takes_handoff else 0
            o.max_history = max_history
            o.fallback_en = opt_utf8(fallback_en, 'fallback_en')
            o.fallback_ar = opt_utf8(fallback_ar, 'fallback_ar')
            if personas:
                rows = [(opt_utf8(d, 'department'), opt_utf8(p[0], 'prompt_en'),
                         opt_utf8(p[1] if len(p) > 1 else None, 'prompt_ar'))
                        for d, p in personas.items()]
                self._personas = (T.VoicePersona * len(rows))(*rows)
                o.personas = self._personas
                o.persona_count = len(rows)
            # Kept on the object: the I/O thread calls them until close().
            self._event_thunk = T.VOICE_EVENT(self._event)
            self._audio_thunk = T.VOICE_AUDIO(self._audio)
            o.on_event = self._event_thunk
            o.on_audio = self._audio_thunk
            out = ctypes.c_void_p()
            check(lib.cc_voice_new(ctypes.byref(out), session._h, self._stt._h, self._tts._h,
                                   self._llm._h if self._llm else None, ctypes.byref(o)))
            self._handle = out.value
        except BaseException:
            self._close_owned()
            raise
        self._finalizer = weakref.finalize(self, Voice._free, out.value, list(self._owned))

    def _open(self, cls, what, kind):
        if isinstance(what, str):
            p = cls(what)
            self._owned.append(p)
            return p
        if not isinstance(what, cls):
            raise TypeError('%s must be a callcenter.%s or a registered name'
                            % (kind, cls.__name__))
        return what

    @staticmethod
    def _free(handle, owned):
        lib.cc_voice_free(handle)
        for p in owned:
            p.close()

    def _close_owned(self):
        for p in self._owned:
            p.close()
        self._owned = []

    # Both run on the pipeline's I/O thread.
    def _event(self, ev, _ud):
        try:
            event = _event_of(ev.contents)
            self.events.put(event)
            if self._on_event:
                self._on_event(event)
        except BaseException as e:  # noqa: BLE001 - must not cross into C
            self.callback_errors.append(e)

    def _audio(self, samples, n, rate, _ud):
        try:
            if self._on_audio and n:
                self._on_audio(AudioFrame(ctypes.string_at(samples, n * 2), rate, 1))
        except BaseException as e:  # noqa: BLE001
            self.callback_errors.append(e)

    @property
    def _h(self):
        if not self._handle:
            raise ValueError('the voice pipeline is closed')
        return self._handle

    def push_audio(self, frame: AudioFrame) -> int:
        """Queues caller audio (any rate, any channels); returns the
        SPEECH_STARTED / SPEECH_ENDED / STOP_PLAYBACK bits."""
        with _borrowed(frame) as f:
            return check(lib.cc_voice_push_audio(self._h, ctypes.byref(f)))

    def push_opus(self, packet: bytes) -> int:
        """Queues one Opus packet of caller audio; as push_audio()."""
        if not isinstance(packet, (bytes, bytearray)):
            raise TypeError('packet must be bytes')
        return check(lib.cc_voice_push_opus(self._h, bytes(packet), len(packet)))

    def push_dtmf(self, digits: str) -> None:
        """Key presses ("1", "123#")."""
        raw = digits.encode('ascii') if isinstance(digits, str) else None
        if raw is None:
            raise TypeError('digits must be str')
        check(lib.cc_voice_push_dtmf(self._h, raw, len(raw)))

    def tick(self, now_ms: int) -> None:
        """Moves the session's clock."""
        check(lib.cc_voice_tick(self._h, now_ms))

    def playback_done(self) -> None:
        """The host finished playing what it was given."""
        check(lib.cc_voice_playback_done(self._h))

    def drain(self, timeout_ms: int = 30000) -> None:
        """Waits until every queued request is handled (batch hosts,
        tests); CallCenterTimeoutError after timeout_ms."""
        check(lib.cc_voice_drain(self._h, timeout_ms))

    def history(self) -> str:
        """The LLM conversation kept for the call, as JSON."""
        buf = Buf()
        try:
            check(lib.cc_voice_history(self._h, ctypes.byref(buf)))
        finally:
            text = take(buf)
        return text

    def close(self) -> None:
        """Stops the pipeline (joins its thread), then closes the providers
        it opened by name.  Not from on_event/on_audio."""
        if self._handle:
            self._handle = None
            self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


__all__ = ['Voice', 'VoiceEvent', 'VoiceEventType', 'VoiceMetrics', 'SPEECH_STARTED',
           'SPEECH_ENDED', 'STOP_PLAYBACK']
