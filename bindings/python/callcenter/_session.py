"""The per-call IVR state machine (callcenter/session.h).

Feed a Session what happens on the call (caller text, DTMF, silence, clock
ticks, notices) and iterate over it for the typed actions to carry out:

    with Session(engine) as s:
        s.start()
        for action in s:
            ...                  # Say, Expect, Route, Enqueue, Transfer...
        s.input_text('أحمد')
        for action in s:
            ...
"""
import ctypes
import enum
import json
import weakref
from dataclasses import asdict, dataclass, field
from typing import Dict, Iterator, List, Optional, Tuple

from . import _errors
from . import _types as T
from ._engine import Engine, Priority
from ._lib import call_buf, check, lib, opt_utf8, text_of, utf8

_EAGAIN = -7
_ENOTFOUND = -4


class Stage(enum.IntEnum):
    """Where a call is (cc_session_stage); str() gives the library's name."""
    WELCOME = 0
    COLLECT_NAME = 1
    COLLECT_PHONE = 2
    COLLECT_EMAIL = 3
    COLLECT_SERVICE_TYPE = 4
    CONFIRM_DATA = 5
    ROUTE_TO_DEPARTMENT = 6
    DEPARTMENT_HANDLING = 7
    CALL_ENDED = 8
    COLLECT_FIELD = 9
    EDIT_FIELD = 10

    def __str__(self):
        return self.name.lower()

    @classmethod
    def from_name(cls, name: str) -> 'Stage':
        """The stage named name ("collect_name")."""
        return cls[name.upper()]


class InputKind(enum.IntEnum):
    """How the host should listen for an Expect."""
    SPEECH = 1
    DTMF = 2
    BOTH = 3

    def __str__(self):
        return self.name.lower()


class Notice(enum.IntEnum):
    """Host notices for Session.notify()."""
    AGENT_ANSWERED = 1
    TRANSFER_FAILED = 2
    CALLER_HUNG_UP = 3
    PROMPT_FINISHED = 4


class Speaker(enum.IntEnum):
    """Who spoke a transcript turn."""
    CALLER = 1
    BOT = 2
    SYSTEM = 3

    def __str__(self):
        return self.name.lower()


# ---- actions ----------------------------------------------------------------

@dataclass(frozen=True)
class Action:
    """Base of the actions a session asks the host to carry out."""
    seq: int        #: number of the action within the call, from 1
    stage: str      #: name of the stage it belongs to

    type = 'action'

    def to_dict(self) -> dict:
        """{"type": "say", ...} with every field, enums as names."""
        d = {'type': self.type}
        for k, v in asdict(self).items():
            d[k] = str(v) if isinstance(v, enum.Enum) else v
        return d


@dataclass(frozen=True)
class Say(Action):
    """Speak text in language (prompt key); barge_in: may be interrupted."""
    text: str
    language: str
    key: Optional[str]
    barge_in: bool
    type = 'say'


@dataclass(frozen=True)
class Expect(Action):
    """Listen for field by input for at most timeout_ms, then report
    silence (Session.input_silence())."""
    field: str
    input: InputKind
    timeout_ms: int
    type = 'expect'


@dataclass(frozen=True)
class Route(Action):
    """The call was routed to department."""
    department: str
    confidence: float
    reason: Optional[str]
    type = 'route'


@dataclass(frozen=True)
class Enqueue(Action):
    """Put the caller in the queue of department at priority."""
    department: str
    priority: Optional[Priority]
    type = 'enqueue'


@dataclass(frozen=True)
class Transfer(Action):
    """Transfer the caller now to target (a department or another
    configured target) at priority."""
    target: str
    priority: Optional[Priority]
    reason: Optional[str]
    type = 'transfer'


@dataclass(frozen=True)
class Ticket(Action):
    """A ticket was made (complaint or callback)."""
    ticket_id: str
    kind: str
    department: Optional[str]
    priority: Optional[Priority]
    severity: Optional[str]
    subject: Optional[str]
    description: Optional[str]
    type = 'ticket'


@dataclass(frozen=True)
class Hangup(Action):
    """End the call for reason ("completed", "no_input"...)."""
    reason: Optional[str]
    type = 'hangup'


def _prio(raw):
    return Priority.parse(raw.decode()) if raw else None


def _action_of(a) -> Action:
    seq, stage = a.seq, text_of(a.stage)
    t = a.type
    if t == 1:
        return Say(seq, stage, text_of(a.text), text_of(a.language),
                   text_of(a.key), bool(a.barge_in))
    if t == 2:
        return Expect(seq, stage, text_of(a.field), InputKind(a.input), a.timeout_ms)
    if t == 3:
        return Route(seq, stage, text_of(a.department), a.confidence, text_of(a.reason))
    if t == 4:
        return Enqueue(seq, stage, text_of(a.department), _prio(a.priority))
    if t == 5:
        return Transfer(seq, stage, text_of(a.target), _prio(a.priority),
                        text_of(a.reason))
    if t == 6:
        return Ticket(seq, stage, text_of(a.ticket_id), text_of(a.ticket_kind),
                      text_of(a.department), _prio(a.priority), text_of(a.severity),
                      text_of(a.subject), text_of(a.description))
    if t == 7:
        return Hangup(seq, stage, text_of(a.reason))
    raise _errors.CallCenterError(-1, 'CC_ERROR', 'unknown action type %d' % t)


# ---- the recorder -----------------------------------------------------------

@dataclass(frozen=True)
class Record:
    """What every record carries; idempotency_key is "call_id:seq"."""
    call_id: str
    seq: int
    idempotency_key: str
    at_ms: int      #: wall-clock milliseconds since 1970 (UTC)


@dataclass(frozen=True)
class CallStarted(Record):
    """A call began."""
    language: str
    caller_number: Optional[str]


@dataclass(frozen=True)
class StageChanged(Record):
    """The call moved to another stage or department."""
    stage: str
    previous_stage: Optional[str]
    department: Optional[str]
    reason: Optional[str]
    confidence: float


@dataclass(frozen=True)
class TurnAdded(Record):
    """A transcript turn was added."""
    turn: int
    speaker: Speaker
    text: str
    language: Optional[str]
    stage: Optional[str]


@dataclass(frozen=True)
class CustomerConfirmed(Record):
    """The caller confirmed the collected data."""
    name: Optional[str]
    phone: Optional[str]
    email: Optional[str]
    service_type: Optional[str]
    language: Optional[str]
    fields: Dict[str, Optional[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class TicketRequested(Record):
    """A ticket is to be created; proposed_id is the session's own ID."""
    kind: str
    department: Optional[str]
    priority: Optional[str]
    severity: Optional[str]
    subject: Optional[str]
    description: Optional[str]
    customer_name: Optional[str]
    customer_phone: Optional[str]
    customer_email: Optional[str]
    language: Optional[str]
    proposed_id: str


@dataclass(frozen=True)
class CallEnded(Record):
    """The session's part of the call is over."""
    outcome: str
    department: Optional[str]
    ticket_id: Optional[str]
    duration_ms: int
    turns: int


class Recorder:
    """Follows a call (a CRM, a log, a dashboard): override what you need.

    Methods run synchronously on the session's thread, inside the session
    call that caused the event.  An exception is caught, counted by the
    session (Session.recorder_failures) and kept in Session.recorder_errors;
    the call goes on, since a live caller cannot wait for a database.
    ticket_create() may return the real ticket ID to use instead of
    rec.proposed_id.
    """

    def call_started(self, rec: CallStarted) -> None:
        """The call started."""

    def stage_changed(self, rec: StageChanged) -> None:
        """The stage or department changed."""

    def turn_added(self, rec: TurnAdded) -> None:
        """A transcript turn was added."""

    def customer_confirmed(self, rec: CustomerConfirmed) -> None:
        """The caller confirmed the collected data."""

    def ticket_create(self, rec: TicketRequested) -> Optional[str]:
        """A ticket is needed; return its ID, or None to keep proposed_id."""
        return None

    def call_ended(self, rec: CallEnded) -> None:
        """The session's part of the call ended."""


def _head(h):
    return (text_of(h.call_id), h.seq, text_of(h.idempotency_key), h.at_ms)


def _rec_call(r):
    return CallStarted(*_head(r.head), text_of(r.language), text_of(r.caller_number))


def _rec_stage(r):
    return StageChanged(*_head(r.head), text_of(r.stage), text_of(r.previous_stage),
                        text_of(r.department), text_of(r.reason), r.confidence)


def _rec_turn(r):
    return TurnAdded(*_head(r.head), r.turn, Speaker(r.speaker), text_of(r.text),
                     text_of(r.language), text_of(r.stage))


def _rec_customer(r):
    fields = {text_of(r.fields[i].name): text_of(r.fields[i].value)
              for i in range(r.field_count)}
    return CustomerConfirmed(*_head(r.head), text_of(r.name), text_of(r.phone),
                             text_of(r.email), text_of(r.service_type),
                             text_of(r.language), fields)


def _rec_ticket(r):
    return TicketRequested(*_head(r.head), text_of(r.kind), text_of(r.department),
                           text_of(r.priority), text_of(r.severity),
                           text_of(r.subject), text_of(r.description),
                           text_of(r.customer_name), text_of(r.customer_phone),
                           text_of(r.customer_email), text_of(r.language),
                           text_of(r.proposed_id))


def _rec_end(r):
    return CallEnded(*_head(r.head), text_of(r.outcome), text_of(r.department),
                     text_of(r.ticket_id), r.duration_ms, r.turns)


class _RecorderBridge:
    """Owns the C callback thunks of one Python Recorder (they must live as
    long as the session may call them).  A recorder the C library
    implements (the CRM's) hands over its filled struct instead."""

    def __init__(self, recorder: Recorder):
        self.recorder = recorder
        self.errors: List[BaseException] = []
        native = getattr(recorder, '_c_recorder', None)
        if native is not None:
            self.thunks = []
            self.struct = native()
            return
        s = T.Recorder()
        s.version = T.SESSION_RECORDER_VERSION
        self.thunks = [
            T.REC_CALL(self._wrap(recorder.call_started, _rec_call)),
            T.REC_STAGE(self._wrap(recorder.stage_changed, _rec_stage)),
            T.REC_TURN(self._wrap(recorder.turn_added, _rec_turn)),
            T.REC_CUSTOMER(self._wrap(recorder.customer_confirmed, _rec_customer)),
            T.REC_TICKET(self._ticket),
            T.REC_END(self._wrap(recorder.call_ended, _rec_end)),
        ]
        (s.call_started, s.stage_changed, s.turn_added, s.customer_confirmed,
         s.ticket_create, s.call_ended) = self.thunks
        self.struct = s

    def _wrap(self, method, convert):
        def call(rec, _userdata):
            try:
                method(convert(rec.contents))
                return 0
            except BaseException as e:  # noqa: BLE001 - must not cross into C
                self.errors.append(e)
                return _errors.EUSER
        return call

    def _ticket(self, rec, out, cap, _userdata):
        try:
            got = self.recorder.ticket_create(_rec_ticket(rec.contents))
            if got:
                raw = got.encode('utf-8')
                if len(raw) >= cap:
                    raise ValueError('ticket ID longer than %d bytes' % (cap - 1))
                ctypes.memmove(out, raw + b'\0', len(raw) + 1)
            return 0
        except BaseException as e:  # noqa: BLE001
            self.errors.append(e)
            return _errors.EUSER


@dataclass(frozen=True)
class TranscriptTurn:
    """One turn of a session's transcript."""
    speaker: Speaker
    text: str
    language: Optional[str]
    stage: Optional[str]
    at_ms: int


def _options(call_id, language, region, caller_number, seed, start_ms,
             wall_clock_ms, bridge):
    o = T.SessionOptions()
    o.version = T.SESSION_OPTIONS_VERSION
    o.call_id = opt_utf8(call_id, 'call_id')
    o.language = opt_utf8(language, 'language')
    o.region = opt_utf8(region, 'region')
    o.caller_number = opt_utf8(caller_number, 'caller_number')
    o.seed, o.start_ms, o.wall_clock_ms = seed, start_ms, wall_clock_ms
    if bridge is not None:
        o.recorder = ctypes.pointer(bridge.struct)
    return o


class Session:
    """One call's IVR state on an Engine; one thread at a time.

    Iterating over a session takes the actions queued so far, in order.
    seed, start_ms and wall_clock_ms make a call reproducible (IDs, times);
    the defaults take them from the system.
    """

    def __init__(self, engine: Engine, *, call_id: Optional[str] = None,
                 language: Optional[str] = None, region: Optional[str] = None,
                 caller_number: Optional[str] = None, seed: int = 0,
                 start_ms: int = 0, wall_clock_ms: int = 0,
                 recorder: Optional[Recorder] = None, _snapshot: Optional[str] = None):
        if not isinstance(engine, Engine):
            raise TypeError('engine must be a callcenter.Engine')
        self._handle = None
        self._engine = engine          # the engine must outlive the session
        self._bridge = _RecorderBridge(recorder) if recorder is not None else None
        opts = _options(call_id, language, region, caller_number, seed,
                        start_ms, wall_clock_ms, self._bridge)
        out = ctypes.c_void_p()
        if _snapshot is None:
            check(lib.cc_session_new(ctypes.byref(out), engine.handle, ctypes.byref(opts)))
        else:
            raw = utf8(_snapshot, 'snapshot')
            check(lib.cc_session_restore(ctypes.byref(out), engine.handle, raw,
                                         len(raw), ctypes.byref(opts)))
        self._handle = out.value
        self._finalizer = weakref.finalize(self, lib.cc_session_free, out.value)

    @classmethod
    def restore(cls, engine: Engine, snapshot: str,
                recorder: Optional[Recorder] = None) -> 'Session':
        """Brings a call back from snapshot() (same engine configuration)."""
        return cls(engine, recorder=recorder, _snapshot=snapshot)

    @property
    def _h(self):
        if not self._handle:
            raise ValueError('the session is closed')
        return self._handle

    def close(self) -> None:
        """Frees the session (a call not ended is forgotten, not ended)."""
        if self._handle:
            self._handle = None
            self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- events in ------------------------------------------------------

    def start(self) -> None:
        """Starts the call: the greeting and the first question."""
        check(lib.cc_session_start(self._h))

    def input_text(self, text: str, *, confidence: Optional[float] = None,
                   language: Optional[str] = None, now_ms: int = 0) -> None:
        """The caller said (or typed) text; confidence and language are the
        STT's when known."""
        raw = utf8(text)
        info = T.TextInfo()
        info.version = T.SESSION_TEXT_INFO_VERSION
        info.confidence = -1.0 if confidence is None else float(confidence)
        info.language = opt_utf8(language, 'language')
        info.now_ms = now_ms
        check(lib.cc_session_input_text(self._h, raw, len(raw), ctypes.byref(info)))

    def input_dtmf(self, digits: str) -> None:
        """The caller pressed keys ("0"-"9", "*", "#", "A"-"D")."""
        raw = utf8(digits, 'digits')
        check(lib.cc_session_input_dtmf(self._h, raw, len(raw)))

    def input_silence(self) -> None:
        """The caller said nothing before the Expect timeout."""
        check(lib.cc_session_input_silence(self._h))

    def tick(self, now_ms: int) -> None:
        """Moves the session's monotonic clock; fires what is due."""
        check(lib.cc_session_tick(self._h, now_ms))

    def notify(self, notice: Notice, detail: Optional[str] = None) -> None:
        """Tells the session what happened outside it."""
        check(lib.cc_session_notify(self._h, int(notice), opt_utf8(detail, 'detail')))

    # ---- actions out ----------------------------------------------------

    def __iter__(self) -> Iterator[Action]:
        return self.actions()

    def actions(self) -> Iterator[Action]:
        """Yields the queued actions in order until none is left for now."""
        p = ctypes.POINTER(T.Action)()
        while True:
            rc = lib.cc_session_next_action(ctypes.byref(p), self._h)
            if rc == _EAGAIN:
                return
            check(rc)
            yield _action_of(p.contents)

    def drain(self) -> List[Action]:
        """The queued actions as a list."""
        return list(self.actions())

    # ---- state ------------------------------------------------------------

    @property
    def stage(self) -> Stage:
        """The current stage."""
        return Stage(lib.cc_session_stage_get(self._h))

    @property
    def ended(self) -> bool:
        """True once the session's part of the call is over."""
        return bool(lib.cc_session_ended(self._h))

    @property
    def call_id(self) -> str:
        """The call's ID."""
        return text_of(lib.cc_session_call_id(self._h))

    @property
    def language(self) -> str:
        """The call's current language, "ar" or "en"."""
        return text_of(lib.cc_session_language(self._h))

    @property
    def department(self) -> Optional[str]:
        """The department the call was routed to, or None."""
        return text_of(lib.cc_session_department(self._h))

    @property
    def ticket_id(self) -> Optional[str]:
        """The ticket made during the call, or None."""
        return text_of(lib.cc_session_ticket_id(self._h))

    def field(self, name: str) -> Optional[str]:
        """A collected field's normalized value (phone in E.164), or None."""
        return text_of(lib.cc_session_field_value(self._h, utf8(name, 'name')))

    @property
    def fields(self) -> Dict[str, Optional[str]]:
        """Every configured field and its value so far."""
        return {f.name: self.field(f.name) for f in self._engine.fields}

    @property
    def next_deadline(self) -> Optional[int]:
        """Monotonic ms of the next timeout, or None when nothing is due."""
        out = ctypes.c_uint64()
        rc = lib.cc_session_next_deadline(ctypes.byref(out), self._h)
        if rc == _ENOTFOUND:
            return None
        check(rc)
        return out.value

    @property
    def recorder_failures(self) -> int:
        """How many recorder callbacks failed so far."""
        return lib.cc_session_recorder_failures(self._h)

    @property
    def recorder_errors(self) -> Tuple[BaseException, ...]:
        """The exceptions the Python recorder raised, oldest first."""
        return tuple(self._bridge.errors) if self._bridge else ()

    @property
    def transcript(self) -> Tuple[TranscriptTurn, ...]:
        """The transcript so far."""
        out = []
        t = T.Turn()
        for i in range(lib.cc_session_transcript_count(self._h)):
            check(lib.cc_session_transcript_turn(ctypes.byref(t), self._h, i))
            out.append(TranscriptTurn(Speaker(t.speaker), text_of(t.text),
                                      text_of(t.language), text_of(t.stage), t.at_ms))
        return tuple(out)

    def snapshot(self) -> str:
        """The whole state of the call as JSON, for Session.restore()."""
        return call_buf(lib.cc_session_snapshot, self._h)

    def summary(self) -> dict:
        """The call's summary (call_id, language, stage, fields,
        department, ticket, outcome, turns)."""
        return json.loads(call_buf(lib.cc_session_summary, self._h))


__all__ = ['Stage', 'InputKind', 'Notice', 'Speaker', 'Action', 'Say', 'Expect',
           'Route', 'Enqueue', 'Transfer', 'Ticket', 'Hangup', 'Record',
           'CallStarted', 'StageChanged', 'TurnAdded', 'CustomerConfirmed',
           'TicketRequested', 'CallEnded', 'Recorder', 'TranscriptTurn', 'Session']
