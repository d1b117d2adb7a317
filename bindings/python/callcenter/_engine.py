"""The engine (callcenter/engine.h, routing.h, rules.h): configuration,
routing, priorities, prompts, FAQ, business hours and rules."""
import ctypes
import datetime as _dt
import enum
import json
import os
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Callable, Dict, Mapping, Optional, Tuple, Union

from . import _errors
from . import _text
from . import _types as T
from ._lib import Buf, call_buf, check, lib, opt_utf8, take, text_of, utf8

_ENGINE_NO_ENV = 1


class _Named(enum.IntEnum):
    """An IntEnum whose str() is the library's lower-case name."""

    def __str__(self):
        return self.name.lower()

    @classmethod
    def parse(cls, name: str):
        """The member named name ("high"), case-insensitive."""
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError('unknown %s: %r' % (cls.__name__.lower(), name)) from None


class Priority(_Named):
    """Ticket priority (cc_priority); ordered, LOW < URGENT."""
    LOW = 0
    MEDIUM = 1
    HIGH = 2
    URGENT = 3


class Severity(_Named):
    """Complaint severity (cc_severity)."""
    LOW = 0
    MEDIUM = 1
    HIGH = 2
    CRITICAL = 3


class RouteReason(_Named):
    """Why the router chose its department (cc_route_reason)."""
    KEYWORDS = 0
    NAMED = 1
    DEFAULT = 2
    CLASSIFIER = 3


class FieldKind(_Named):
    """How a field's answer is validated (cc_field_kind)."""
    NAME = 0
    PHONE = 1
    EMAIL = 2
    SERVICE_TYPE = 3
    TEXT = 4
    NUMBER = 5
    YES_NO = 6


class RuleActionKind(_Named):
    """What a fired rule asks for (cc_rule_action_kind)."""
    SET_PRIORITY = 0
    CREATE_TICKET = 1
    TRANSFER = 2
    REQUIRE_FIELD = 3
    SKIP_FIELD = 4
    SAY = 5
    SET_FLAG = 6
    ROUTE = 7


@dataclass(frozen=True)
class Match:
    """A configured routing term found in the utterance."""
    term: str
    department: str
    weight: float


@dataclass(frozen=True)
class RouteResult:
    """A routing decision with the analysis it was made from.  Departments
    are the configured ids as strings ("sales")."""
    department: str
    confidence: float
    reason: RouteReason
    runner_up: Optional[str]
    runner_up_confidence: float
    matched: Tuple[Match, ...]
    language: str
    sentiment: str
    sentiment_score: float
    urgent: bool
    severity: Severity
    priority: Priority

    @property
    def matched_terms(self) -> Tuple[str, ...]:
        """The matched terms alone, strongest first."""
        return tuple(m.term for m in self.matched)

    def to_dict(self) -> dict:
        """A plain dict with names for the enums, e.g. for JSON."""
        return {'department': self.department, 'confidence': self.confidence,
                'reason': str(self.reason), 'runner_up': self.runner_up,
                'runner_up_confidence': self.runner_up_confidence,
                'matched': list(self.matched_terms), 'language': self.language,
                'sentiment': self.sentiment,
                'sentiment_score': self.sentiment_score,
                'urgent': self.urgent, 'severity': str(self.severity),
                'priority': str(self.priority)}


@dataclass(frozen=True)
class Department:
    """A configured department."""
    id: str
    name_ar: str
    name_en: str
    description_ar: Optional[str]
    description_en: Optional[str]
    priority: int
    queue: Optional[str]
    welcome_prompt: Optional[str]
    routing_prompt: Optional[str]
    creates_ticket: bool

    def name(self, lang: str = 'en') -> str:
        """The name in "ar" or (anything else) English."""
        return self.name_ar if lang == 'ar' else self.name_en


@dataclass(frozen=True)
class FieldSpec:
    """A field the IVR collects, in the configured order."""
    name: str
    kind: FieldKind
    required: bool
    min_length: int
    max_length: int
    prompt_key: Optional[str]
    label_ar: Optional[str]
    label_en: Optional[str]
    aliases: Tuple[str, ...]


@dataclass(frozen=True)
class IvrSettings:
    """The IVR settings of a configuration."""
    max_retries: int
    confirmation_retries: int
    no_input_timeout_ms: int
    inactivity_limit_ms: int
    call_limit_ms: int
    max_queue_size: int
    max_wait_ms: int
    require_confirmation: bool
    auto_detect_language: bool
    save_transcript: bool
    default_language: str
    fallback_language: str
    default_region: str
    default_department: str


@dataclass(frozen=True)
class Prompt:
    """A rendered prompt and the language it was rendered in."""
    text: str
    language: str

    def __str__(self):
        return self.text


@dataclass(frozen=True)
class FaqAnswer:
    """The FAQ entry that best answers a question."""
    id: str
    question: Optional[str]
    answer: str
    language: Optional[str]
    score: float


@dataclass(frozen=True)
class RuleAction:
    """One action of the rules, in order."""
    kind: RuleActionKind
    rule: str
    arg: Optional[str]
    priority: Priority


@dataclass(frozen=True)
class RulesResult:
    """The outcome of Engine.evaluate_rules()."""
    actions: Tuple[RuleAction, ...]
    fired: int
    priority: Priority
    trace: Tuple[str, ...] = field(default=())


#: A classifier: (text, keyword_result) -> (department, confidence) or None.
Classifier = Callable[[str, RouteResult], Optional[Tuple[str, float]]]


def _route_of(r):
    return RouteResult(
        department=r.department.decode(), confidence=r.confidence,
        reason=RouteReason(r.reason), runner_up=text_of(r.runner_up),
        runner_up_confidence=r.runner_up_confidence,
        matched=tuple(Match(m.term.decode(), m.department.decode(), m.weight)
                      for m in r.matched[:r.matched_count]),
        language=r.language.decode(), sentiment=r.sentiment.decode(),
        sentiment_score=r.sentiment_score, urgent=bool(r.urgent),
        severity=Severity(r.severity), priority=Priority(r.priority))


def _unix(when):
    if when is None:
        return int(time.time())
    if isinstance(when, _dt.datetime):
        if when.tzinfo is None:
            raise ValueError('a naive datetime is ambiguous; give tzinfo')
        return int(when.timestamp())
    return int(when)


class Engine:
    """The immutable configuration and decision object; share one per
    process among threads and sessions.

    Engine() uses the compiled-in defaults, Engine(config_dict) applies a
    dict on top of them; Engine.from_file() and Engine.from_json() read
    JSON.  env: None reads the process environment, a mapping is read
    instead of it ({} ignores the environment).  classifier: a callable
    consulted after the keyword router, see route().
    """

    def __init__(self, config: Optional[Mapping] = None, *,
                 env: Optional[Mapping[str, str]] = None,
                 classifier: Optional[Classifier] = None,
                 _path: Optional[str] = None, _json: Optional[str] = None):
        self._handle = None
        self._keep = []   # what C may read while the engine lives
        self._dept_strings: Dict[str, ctypes.Array] = {}
        self._lock = threading.Lock()
        self._failure = threading.local()
        opts = self._options(env, classifier)
        out = ctypes.c_void_p()
        if _path is not None:
            check(lib.cc_engine_new_from_file(ctypes.byref(out),
                                              os.fsencode(_path), opts))
        else:
            if config is not None and _json is None:
                if not isinstance(config, Mapping):
                    raise TypeError('config must be a dict (use Engine.from_file '
                                    'or Engine.from_json for text)')
                _json = json.dumps(config, ensure_ascii=False)
            if _json is not None:
                raw = utf8(_json, 'json')
                check(lib.cc_engine_new_from_json(ctypes.byref(out), raw,
                                                  len(raw), opts))
            else:
                check(lib.cc_engine_new_default(ctypes.byref(out), opts))
        self._handle = out.value
        self._finalizer = weakref.finalize(self, lib.cc_engine_free, out.value)

    @classmethod
    def from_file(cls, path: Union[str, os.PathLike], **kw) -> 'Engine':
        """An engine from a JSON configuration file (on top of defaults)."""
        return cls(_path=os.fspath(path), **kw)

    @classmethod
    def from_json(cls, text: str, **kw) -> 'Engine':
        """An engine from JSON configuration text (on top of defaults)."""
        return cls(_json=text, **kw)

    def _options(self, env, classifier):
        opts = T.EngineOptions()
        opts.version = T.ENGINE_OPTIONS_VERSION
        if env is not None:
            items = [('%s=%s' % (k, v)).encode() for k, v in env.items()]
            arr = (ctypes.c_char_p * (len(items) + 1))(*items, None)
            self._keep.append(arr)
            opts.env = arr
        if classifier is not None:
            thunk = T.CLASSIFIER(self._classifier_thunk(classifier))
            self._keep.append(thunk)   # ctypes does not keep it alive
            opts.classifier = thunk
        return ctypes.byref(opts)

    def _classifier_thunk(self, classifier):
        def call(text, length, keyword, dept_out, conf_out, _userdata):
            # Exceptions cannot cross into C: report CC_EUSER instead.
            try:
                said = ctypes.string_at(text, length).decode('utf-8')
                got = classifier(said, _route_of(keyword.contents))
                if got is None:
                    return _errors.EPASSTHROUGH
                dept, conf = got
                dept_out[0] = ctypes.addressof(self._dept_cstring(dept))
                conf_out[0] = float(conf)
                return 0
            except BaseException as e:  # noqa: BLE001 - must not cross into C
                # route() raises it on this thread once C has returned.
                self._failure.exc = e
                return _errors.EUSER
        return call

    def _dept_cstring(self, dept):
        # The id must stay valid until the engine is freed: keep one copy.
        with self._lock:
            buf = self._dept_strings.get(dept)
            if buf is None:
                buf = ctypes.create_string_buffer(dept.encode('utf-8'))
                self._dept_strings[dept] = buf
            return buf

    @property
    def handle(self) -> int:
        """The cc_engine pointer; raises ValueError once closed."""
        if not self._handle:
            raise ValueError('the engine is closed')
        return self._handle

    def close(self) -> None:
        """Drops this reference; sessions made from it must be closed first."""
        if self._handle:
            self._handle = None
            self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- analysis and routing ------------------------------------------

    def analyze(self, text: str) -> '_text.Analysis':
        """Reads one utterance: display form, match key, stems, language,
        sentiment, numbers, phones (national numbers in the configured
        region)."""
        return _text.analyze(text, self.ivr.default_region or None)

    def route(self, text: str) -> RouteResult:
        """Routes an utterance to a department, with the analysis behind the
        decision (priority, severity, sentiment, matched terms).

        With a classifier, it is called as classifier(text, keyword_result)
        and returns (department_id, confidence) or None for no opinion; the
        more confident decision wins.  An exception it raises comes out of
        route()."""
        raw = utf8(text)
        r = T.RouteResult()
        self._failure.exc = None
        rc = lib.cc_engine_route(ctypes.byref(r), self.handle, raw, len(raw))
        exc, self._failure.exc = self._failure.exc, None
        if exc is not None:
            raise exc       # the classifier's own exception
        check(rc)
        return _route_of(r)

    def resolution_hours(self, severity: Severity) -> int:
        """The longest resolution time for a severity, in hours."""
        return check(lib.cc_engine_resolution_hours(self.handle, int(severity)))

    # ---- configuration --------------------------------------------------

    @property
    def config(self) -> dict:
        """The effective configuration (defaults, file, environment)."""
        return json.loads(call_buf(lib.cc_engine_config_json, self.handle))

    def company_name(self, lang: str = 'ar') -> str:
        """The company's name in a language."""
        return lib.cc_engine_company_name(self.handle, utf8(lang, 'lang')).decode()

    @property
    def departments(self) -> Tuple[Department, ...]:
        """The departments, in configuration order."""
        out = []
        for i in range(lib.cc_engine_department_count(self.handle)):
            d = lib.cc_engine_department(self.handle, i).contents
            out.append(Department(
                d.id.decode(), text_of(d.name_ar), text_of(d.name_en),
                text_of(d.description_ar), text_of(d.description_en),
                d.priority, text_of(d.queue), text_of(d.welcome_prompt),
                text_of(d.routing_prompt), bool(d.creates_ticket)))
        return tuple(out)

    def department(self, id: str) -> Department:
        """The department with this id; KeyError when there is none."""
        for d in self.departments:
            if d.id == id:
                return d
        raise KeyError(id)

    @property
    def fields(self) -> Tuple[FieldSpec, ...]:
        """The fields the IVR collects, in order."""
        out = []
        for i in range(lib.cc_engine_field_count(self.handle)):
            f = lib.cc_engine_field(self.handle, i).contents
            aliases = []
            if f.aliases:
                j = 0
                while f.aliases[j] is not None:
                    aliases.append(f.aliases[j].decode())
                    j += 1
            out.append(FieldSpec(f.name.decode(), FieldKind(f.kind),
                                 bool(f.required), f.min_length, f.max_length,
                                 text_of(f.prompt_key), text_of(f.label_ar),
                                 text_of(f.label_en), tuple(aliases)))
        return tuple(out)

    @property
    def ivr(self) -> IvrSettings:
        """The IVR settings."""
        s = lib.cc_engine_ivr(self.handle).contents
        return IvrSettings(
            s.max_retries, s.confirmation_retries, s.no_input_timeout_ms,
            s.inactivity_limit_ms, s.call_limit_ms, s.max_queue_size,
            s.max_wait_ms, bool(s.require_confirmation),
            bool(s.auto_detect_language), bool(s.save_transcript),
            text_of(s.default_language), text_of(s.fallback_language),
            text_of(s.default_region), text_of(s.default_department))

    def feature(self, name: str) -> bool:
        """Whether a feature or host capability is on; KeyError if unknown."""
        return bool(check(lib.cc_engine_feature(self.handle, utf8(name, 'name'))))

    def retention_days(self, kind: str) -> int:
        """Days records of a kind ("transcripts", "calls"...) are kept."""
        return check(lib.cc_engine_retention_days(self.handle, utf8(kind, 'kind')))

    # ---- prompts and FAQ ------------------------------------------------

    def prompt(self, key: str, lang: Optional[str] = None, *,
               for_display: bool = False, **variables: str) -> Prompt:
        """Renders prompt key in lang ("ar", "en-US"; None: the default)
        with {name} variables.  Phones and e-mails are spoken digit by digit
        unless for_display.  KeyError for an unknown key."""
        names = [utf8(k, 'variable name') for k in variables]
        values = [utf8(str(v), k) for k, v in variables.items()]
        arr = (T.PromptVar * max(1, len(names)))()
        for i, (n, v) in enumerate(zip(names, values)):
            arr[i].name, arr[i].value, arr[i].kind = n, v, 0
        buf, used = Buf(), ctypes.c_char_p()
        try:
            check(lib.cc_engine_prompt(ctypes.byref(buf), ctypes.byref(used),
                                       self.handle, utf8(key, 'key'),
                                       opt_utf8(lang, 'lang'), arr, len(names),
                                       1 if for_display else 0))
        except BaseException:
            lib.cc_buf_dispose(ctypes.byref(buf))
            raise
        return Prompt(take(buf), text_of(used.value) or '')

    def has_prompt(self, key: str) -> bool:
        """Whether a prompt key exists."""
        return bool(check(lib.cc_engine_prompt_exists(self.handle, utf8(key, 'key'))))

    def faq(self, question: str, lang: Optional[str] = None) -> Optional[FaqAnswer]:
        """The best FAQ answer, or None when nothing matches well enough."""
        raw = utf8(question)
        m = T.FaqMatch()
        rc = lib.cc_engine_faq(ctypes.byref(m), self.handle, raw, len(raw),
                               opt_utf8(lang, 'lang'))
        if rc == -4:  # CC_ENOTFOUND
            return None
        check(rc)
        return FaqAnswer(m.id.decode(), text_of(m.question), m.answer.decode(),
                         text_of(m.language), m.score)

    # ---- hours -------------------------------------------------------------

    def is_open(self, when: Union[None, int, float, _dt.datetime] = None) -> bool:
        """Whether the call center is open at when (now by default; Unix
        seconds or an aware datetime)."""
        return bool(check(lib.cc_engine_is_open(self.handle, _unix(when))))

    def next_opening(self, when=None) -> _dt.datetime:
        """The next moment it opens (when itself if open), in UTC."""
        out = ctypes.c_int64()
        check(lib.cc_engine_next_opening(ctypes.byref(out), self.handle, _unix(when)))
        return _dt.datetime.fromtimestamp(out.value, _dt.timezone.utc)

    @property
    def time_zone(self) -> str:
        """The configured IANA time zone."""
        return lib.cc_engine_time_zone(self.handle).decode()

    # ---- rules --------------------------------------------------------------

    def evaluate_rules(self, *, department=None, language=None, text=None,
                       sentiment=None, sentiment_score=0.0, urgent=False,
                       severity=Severity.LOW, priority=Priority.MEDIUM,
                       fields: Optional[Mapping[str, str]] = None,
                       matched=(), open: Optional[bool] = None, now=None,
                       retries=0, stage=None, customer_tier=None, vip=False,
                       flags=(), trace=False) -> RulesResult:
        """Runs the configured rules over a call context and returns their
        actions in order (with a trace of every rule tried when asked)."""
        keep = []

        def cstrs(items):
            arr = (ctypes.c_char_p * max(1, len(items)))(
                *[utf8(x) for x in items])
            keep.append(arr)
            return arr

        ctx = T.CallContext()
        ctx.version = T.CALL_CONTEXT_VERSION
        ctx.department = opt_utf8(department)
        ctx.language = opt_utf8(language)
        if text is not None:
            raw = utf8(text)
            ctx.text, ctx.text_len = raw, len(raw)
        ctx.sentiment = opt_utf8(sentiment)
        ctx.sentiment_score = sentiment_score
        ctx.urgent = int(bool(urgent))
        ctx.severity = int(severity)
        ctx.priority = int(priority)
        fields = dict(fields or {})
        fv = (T.FieldValue * max(1, len(fields)))()
        for i, (k, v) in enumerate(fields.items()):
            fv[i].name, fv[i].value = utf8(k), opt_utf8(v)
        ctx.fields, ctx.field_count = fv, len(fields)
        matched, flags = list(matched), list(flags)
        ctx.matched, ctx.matched_count = cstrs(matched), len(matched)
        ctx.open = -1 if open is None else int(bool(open))
        ctx.now_unix = _unix(now)
        ctx.retries = retries
        ctx.stage = opt_utf8(stage)
        ctx.customer_tier = opt_utf8(customer_tier)
        ctx.vip = int(bool(vip))
        ctx.flags, ctx.flag_count = cstrs(flags), len(flags)
        out = T.RulesResult()
        buf = Buf()
        try:
            check(lib.cc_engine_rules_eval(ctypes.byref(out),
                                           ctypes.byref(buf) if trace else None,
                                           self.handle, ctypes.byref(ctx)))
        finally:
            lines = take(buf)
        actions = tuple(RuleAction(RuleActionKind(a.kind), a.rule.decode(),
                                   text_of(a.arg), Priority(a.priority))
                        for a in out.actions[:out.action_count])
        return RulesResult(actions, out.fired_count, Priority(out.priority),
                           tuple(lines.splitlines()) if trace else ())


__all__ = ['Priority', 'Severity', 'RouteReason', 'FieldKind', 'RuleActionKind',
           'Match', 'RouteResult', 'Department', 'FieldSpec', 'IvrSettings',
           'Prompt', 'FaqAnswer', 'RuleAction', 'RulesResult', 'Engine']
