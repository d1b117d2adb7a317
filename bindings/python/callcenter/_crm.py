"""Stores and the CRM (callcenter/store.h, crm.h): customers, calls,
transcripts, tickets, agents, statistics and privacy requests.

Every call blocks on the database with the GIL released, so a CRM can be
shared by threads.  In asyncio code use crm.aio (or store.aio): the same
methods as coroutines that run in a worker thread (asyncio.to_thread).
"""
import asyncio
import ctypes
import functools
import json
import weakref
from dataclasses import dataclass
from typing import Iterable, List, Optional, Union

from . import _session
from . import _types as T
from ._lib import Buf, check, lib, opt_utf8, take, text_of, utf8

_ENOTFOUND = -4


class _Async:
    """Coroutine versions of an object's blocking methods (to_thread)."""

    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        attr = getattr(self._target, name)
        if not callable(attr):
            raise AttributeError('%s is not a method' % name)

        @functools.wraps(attr)
        async def run(*args, **kwargs):
            return await asyncio.to_thread(attr, *args, **kwargs)
        return run


async def run_blocking(fn, *args, **kwargs):
    """Runs a blocking library call in a worker thread (the GIL is released
    during C calls), e.g. await run_blocking(crm.ticket, ticket_id)."""
    return await asyncio.to_thread(fn, *args, **kwargs)


class Store:
    """An open database (a connection pool) by URI: "memory:",
    "sqlite:PATH", "postgresql://...", or a libpq conninfo.  Migrates the
    schema on open unless migrate=False."""

    def __init__(self, uri: str = 'memory:', *, migrate: bool = True,
                 pool_size: int = 0, busy_timeout_ms: int = 0,
                 max_pending: int = 0):
        o = T.StoreOptions(T.STORE_OPTIONS_VERSION, int(bool(migrate)),
                           pool_size, busy_timeout_ms, max_pending)
        out = ctypes.c_void_p()
        self._handle = None
        check(lib.cc_store_open(ctypes.byref(out), utf8(uri, 'uri'), ctypes.byref(o)))
        self._handle = out.value
        self._finalizer = weakref.finalize(self, lib.cc_store_free, out.value)
        self.aio = _Async(self)

    @property
    def handle(self) -> int:
        """The cc_store pointer; ValueError once closed."""
        if not self._handle:
            raise ValueError('the store is closed')
        return self._handle

    def close(self) -> None:
        """Closes every connection; pending writes are lost (flush first)."""
        if self._handle:
            self._handle = None
            self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def migrate(self) -> int:
        """Applies missing migrations; returns how many."""
        return check(lib.cc_store_migrate(self.handle))

    @property
    def schema_version(self) -> int:
        """The highest migration applied."""
        return check(lib.cc_store_schema_version(self.handle))

    @staticmethod
    def schema_latest() -> int:
        """The newest schema version this library knows."""
        return lib.cc_store_schema_latest()

    @property
    def backend(self) -> str:
        """"memory", "sqlite", "postgresql" or a registered backend."""
        return lib.cc_store_backend_name(self.handle).decode()

    @property
    def pending(self) -> int:
        """Writes kept for retry because the database was unreachable."""
        return check(lib.cc_store_pending(self.handle))

    def flush(self) -> int:
        """Retries the pending writes; returns how many are still pending."""
        return check(lib.cc_store_flush(self.handle))

    @property
    def dropped(self) -> int:
        """Pending writes the database refused for good."""
        return check(lib.cc_store_dropped(self.handle))


# ---- records --------------------------------------------------------------------

@dataclass(frozen=True)
class Customer:
    """A customer; times are ms since 1970 (UTC), 0 when not set."""
    id: str
    phone: Optional[str]
    name: Optional[str]
    email: Optional[str]
    tier: Optional[str]
    vip: bool
    language: Optional[str]
    notes: Optional[str]
    total_calls: int
    total_tickets: int
    last_interaction: int
    created_at: int
    updated_at: int
    erased_at: int


@dataclass(frozen=True)
class CallRecord:
    """A call as the CRM keeps it."""
    id: str
    customer_id: Optional[str]
    customer_phone: Optional[str]
    direction: Optional[str]
    status: Optional[str]
    stage: Optional[str]
    department: Optional[str]
    routing_reason: Optional[str]
    outcome: Optional[str]
    language: Optional[str]
    agent_id: Optional[str]
    started_at: int
    ended_at: int
    duration_seconds: int


@dataclass(frozen=True)
class TranscriptEntry:
    """One turn of a stored transcript."""
    seq: int
    speaker: str
    text: str
    language: Optional[str]
    at: int


@dataclass(frozen=True)
class TicketRecord:
    """A ticket."""
    id: str
    call_id: Optional[str]
    customer_id: Optional[str]
    customer_name: Optional[str]
    customer_phone: Optional[str]
    customer_email: Optional[str]
    subject: str
    description: Optional[str]
    department: Optional[str]
    status: str
    priority: str
    assigned_to: Optional[str]
    notes: Optional[str]
    created_at: int
    updated_at: int
    assigned_at: int
    resolved_at: int
    closed_at: int


@dataclass(frozen=True)
class TicketChange:
    """One change in a ticket's history."""
    action: str
    old_value: Optional[str]
    new_value: Optional[str]
    changed_by: Optional[str]
    reason: Optional[str]
    at: int


@dataclass(frozen=True)
class Agent:
    """An agent (skills and languages as lists)."""
    id: str
    name: Optional[str]
    email: Optional[str]
    department: Optional[str]
    status: Optional[str]
    skills: List[str]
    languages: List[str]
    max_concurrent_calls: int
    current_calls: int
    available: bool
    last_active: int


def _plain(cls, s):
    """Builds dataclass cls from a C struct with the same field names."""
    vals = []
    for f in cls.__dataclass_fields__.values():
        v = getattr(s, f.name)
        if isinstance(v, bytes):
            v = v.decode('utf-8', 'replace')
        elif f.type is bool:
            v = bool(v)
        vals.append(v)
    return cls(*vals)


def _agent(s):
    def arr(raw):
        return json.loads(raw.decode()) if raw else []
    return Agent(text_of(s.id), text_of(s.name), text_of(s.email),
                 text_of(s.department), text_of(s.status), arr(s.skills),
                 arr(s.languages), s.max_concurrent_calls, s.current_calls,
                 bool(s.available), s.last_active)


def _one(fn, free, convert, crm, key, what):
    p = ctypes.POINTER(fn.argtypes[0]._type_._type_)()
    check(fn(ctypes.byref(p), crm, utf8(key, what)))
    try:
        return convert(p.contents)
    finally:
        free(p)


def _many(p, free, convert):
    try:
        lst = p.contents
        return [convert(lst.items[i]) for i in range(lst.count)]
    finally:
        free(p)


def _csv(items):
    if items is None:
        return None
    if isinstance(items, str):
        return utf8(items)
    return utf8(','.join(items))


class CRM:
    """The CRM over a Store (which must outlive it).  Shareable by threads.

    default_region: ISO region for phones without a country code ("SA").
    clock: a callable giving ms since 1970, for tests and replays.
    """

    def __init__(self, store: Store, *, default_region: Optional[str] = None,
                 retention_calls_days: int = 0, retention_transcripts_days: int = 0,
                 retention_tickets_days: int = 0, clock=None):
        if not isinstance(store, Store):
            raise TypeError('store must be a callcenter.Store')
        self._handle = None
        self.store = store
        self._region = opt_utf8(default_region, 'default_region')
        o = T.CrmOptions()
        o.version = T.CRM_OPTIONS_VERSION
        o.default_region = self._region
        o.retention_calls_days = retention_calls_days
        o.retention_transcripts_days = retention_transcripts_days
        o.retention_tickets_days = retention_tickets_days
        if clock is not None:
            self._clock = T.CRM_CLOCK(lambda _ud: int(clock()))
            o.clock = self._clock
        out = ctypes.c_void_p()
        check(lib.cc_crm_open(ctypes.byref(out), store.handle, ctypes.byref(o)))
        self._handle = out.value
        self._finalizer = weakref.finalize(self, lib.cc_crm_free, out.value)
        self.aio = _Async(self)

    @property
    def _h(self):
        if not self._handle:
            raise ValueError('the CRM is closed')
        return self._handle

    def close(self) -> None:
        """Frees the CRM (not its store)."""
        if self._handle:
            self._handle = None
            self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- customers ----------------------------------------------------------

    def upsert_customer(self, phone: str, *, name: Optional[str] = None,
                        email: Optional[str] = None, tier: Optional[str] = None,
                        vip: Optional[bool] = None, language: Optional[str] = None,
                        notes: Optional[str] = None) -> str:
        """Creates or updates the customer with this phone (any form: local,
        E.164, Arabic-Indic, spoken).  Returns the ID ("" when the write was
        kept for retry)."""
        i = T.CrmCustomerInput(1, utf8(phone, 'phone'),
                               opt_utf8(name, 'name'), opt_utf8(email, 'email'),
                               opt_utf8(tier, 'tier'),
                               -1 if vip is None else int(bool(vip)),
                               opt_utf8(language, 'language'), opt_utf8(notes, 'notes'))
        out = ctypes.create_string_buffer(T.CRM_ID_MAX)
        check(lib.cc_crm_customer_upsert(out, self._h, ctypes.byref(i)))
        return out.value.decode()

    def customer(self, key: str) -> Customer:
        """The customer by ID or phone (any form); KeyError if none."""
        return _one(lib.cc_crm_customer_get, lib.cc_crm_customer_free,
                    functools.partial(_plain, Customer), self._h, key, 'key')

    def search_customers(self, query: str = '', limit: int = 0,
                         offset: int = 0) -> List[Customer]:
        """Customers by phone, e-mail or name ("محمد" finds "Mohammed")."""
        p = ctypes.POINTER(T.CrmCustomerList)()
        check(lib.cc_crm_customer_search(ctypes.byref(p), self._h, utf8(query, 'query'),
                                         limit, offset))
        return _many(p, lib.cc_crm_customer_list_free, functools.partial(_plain, Customer))

    def erase_customer(self, key: str) -> None:
        """Anonymizes a customer (GDPR/PDPL erasure); statistics stay."""
        check(lib.cc_crm_customer_erase(self._h, utf8(key, 'key')))

    # ---- calls ----------------------------------------------------------------

    def new_call_id(self) -> str:
        """A new unique call ID ("CALL_YYYYMMDDHHMMSS_...")."""
        out = ctypes.create_string_buffer(T.CRM_ID_MAX)
        check(lib.cc_crm_call_new_id(out, self._h))
        return out.value.decode()

    @staticmethod
    def _call_input(customer_phone=None, direction=None, status=None, stage=None,
                    department=None, routing_reason=None, language=None,
                    agent_id=None, at=0):
        return T.CrmCallInput(1, opt_utf8(customer_phone, 'customer_phone'),
                              opt_utf8(direction), opt_utf8(status), opt_utf8(stage),
                              opt_utf8(department), opt_utf8(routing_reason),
                              opt_utf8(language), opt_utf8(agent_id), int(at))

    def start_call(self, call_id: Optional[str] = None, **fields) -> str:
        """Records the start of a call (idempotent by ID); a new ID is made
        when none is given.  fields: customer_phone, direction, status,
        stage, department, routing_reason, language, agent_id, at (ms)."""
        buf = ctypes.create_string_buffer(T.CRM_ID_MAX)
        if call_id:
            raw = utf8(call_id, 'call_id')
            if len(raw) >= T.CRM_ID_MAX:
                raise ValueError('call_id longer than %d bytes' % (T.CRM_ID_MAX - 1))
            buf.value = raw
        i = self._call_input(**fields)
        check(lib.cc_crm_call_start(buf, self._h, ctypes.byref(i)))
        return buf.value.decode()

    def update_call(self, call_id: str, **fields) -> bool:
        """Changes a call (same fields as start_call); False when the write
        was kept for retry."""
        i = self._call_input(**fields)
        return check(lib.cc_crm_call_update(self._h, utf8(call_id, 'call_id'),
                                            ctypes.byref(i))) == 0

    def end_call(self, call_id: str, status: Optional[str] = None,
                 outcome: Optional[str] = None, at: int = 0) -> bool:
        """Records the end of a call (status completed by default)."""
        return check(lib.cc_crm_call_end(self._h, utf8(call_id, 'call_id'),
                                         opt_utf8(status), opt_utf8(outcome), at)) == 0

    def call(self, call_id: str) -> CallRecord:
        """One call; KeyError if none."""
        return _one(lib.cc_crm_call_get, lib.cc_crm_call_free,
                    functools.partial(_plain, CallRecord), self._h, call_id, 'call_id')

    def search_calls(self, *, active_only: bool = False, customer: Optional[str] = None,
                     department: Optional[str] = None, status: Optional[str] = None,
                     since: int = 0, until: int = 0, limit: int = 0,
                     offset: int = 0) -> List[CallRecord]:
        """Calls, newest first."""
        f = T.CrmCallFilter(1, int(active_only), opt_utf8(customer), opt_utf8(department),
                            opt_utf8(status), since, until, limit, offset)
        p = ctypes.POINTER(T.CrmCallList)()
        check(lib.cc_crm_call_search(ctypes.byref(p), self._h, ctypes.byref(f)))
        return _many(p, lib.cc_crm_call_list_free, functools.partial(_plain, CallRecord))

    def append_turn(self, call_id: str, speaker: str, text: str, *,
                    language: Optional[str] = None, seq: int = 0, at: int = 0) -> bool:
        """Appends a transcript turn (speaker: customer, agent, bot or
        system); with seq > 0 writing the same turn twice stores it once."""
        return check(lib.cc_crm_transcript_append(
            self._h, utf8(call_id, 'call_id'), seq, utf8(speaker, 'speaker'),
            utf8(text), opt_utf8(language), at)) == 0

    def transcript(self, call_id: str) -> List[TranscriptEntry]:
        """A call's transcript, in order."""
        p = ctypes.POINTER(T.CrmTranscript)()
        check(lib.cc_crm_transcript_get(ctypes.byref(p), self._h, utf8(call_id, 'call_id')))
        return _many(p, lib.cc_crm_transcript_free,
                     functools.partial(_plain, TranscriptEntry))

    # ---- tickets ----------------------------------------------------------------

    def create_ticket(self, subject: str, *, description: Optional[str] = None,
                      department: Optional[str] = None, priority=None,
                      customer_phone: Optional[str] = None,
                      customer_name: Optional[str] = None,
                      customer_email: Optional[str] = None,
                      call_id: Optional[str] = None,
                      idempotency_key: Optional[str] = None,
                      created_by: Optional[str] = None) -> str:
        """Creates a ticket and returns its ID ("TKT_YYYYMMDD_...").  The
        same idempotency_key twice gives the first ticket's ID."""
        i = T.CrmTicketInput(1, utf8(subject, 'subject'), opt_utf8(description),
                             opt_utf8(department),
                             None if priority is None else utf8(str(priority)),
                             opt_utf8(customer_phone), opt_utf8(customer_name),
                             opt_utf8(customer_email), opt_utf8(call_id),
                             opt_utf8(idempotency_key), opt_utf8(created_by))
        out = ctypes.create_string_buffer(T.CRM_ID_MAX)
        check(lib.cc_crm_ticket_create(out, self._h, ctypes.byref(i)))
        return out.value.decode()

    def ticket(self, ticket_id: str) -> TicketRecord:
        """One ticket; KeyError if none."""
        return _one(lib.cc_crm_ticket_get, lib.cc_crm_ticket_free,
                    functools.partial(_plain, TicketRecord), self._h, ticket_id,
                    'ticket_id')

    def search_tickets(self, *, status: Optional[str] = None,
                       department: Optional[str] = None, priority=None,
                       customer: Optional[str] = None, assigned_to: Optional[str] = None,
                       text: Optional[str] = None, since: int = 0, until: int = 0,
                       limit: int = 0, offset: int = 0) -> List[TicketRecord]:
        """Tickets, newest first; status "active" means open, in_progress
        or pending; assigned_to "" means unassigned."""
        f = T.CrmTicketFilter(1, opt_utf8(status), opt_utf8(department),
                              None if priority is None else utf8(str(priority)),
                              opt_utf8(customer), opt_utf8(assigned_to), opt_utf8(text),
                              since, until, limit, offset)
        p = ctypes.POINTER(T.CrmTicketList)()
        check(lib.cc_crm_ticket_search(ctypes.byref(p), self._h, ctypes.byref(f)))
        return _many(p, lib.cc_crm_ticket_list_free,
                     functools.partial(_plain, TicketRecord))

    def set_ticket_status(self, ticket_id: str, status: str, *, who: Optional[str] = None,
                          why: Optional[str] = None) -> None:
        """Moves a ticket through its state machine; StateError for a move
        it forbids (closed → resolved)."""
        check(lib.cc_crm_ticket_set_status(self._h, utf8(ticket_id, 'ticket_id'),
                                           utf8(status, 'status'), opt_utf8(who),
                                           opt_utf8(why)))

    def assign_ticket(self, ticket_id: str, agent_id: Optional[str], *,
                      who: Optional[str] = None, why: Optional[str] = None) -> None:
        """Assigns a ticket to an agent (None unassigns)."""
        check(lib.cc_crm_ticket_assign(self._h, utf8(ticket_id, 'ticket_id'),
                                       opt_utf8(agent_id), opt_utf8(who), opt_utf8(why)))

    def add_ticket_note(self, ticket_id: str, note: str, *,
                        who: Optional[str] = None) -> None:
        """Adds a note to a ticket."""
        check(lib.cc_crm_ticket_add_note(self._h, utf8(ticket_id, 'ticket_id'),
                                         utf8(note, 'note'), opt_utf8(who)))

    def ticket_history(self, ticket_id: str) -> List[TicketChange]:
        """A ticket's changes, oldest first."""
        p = ctypes.POINTER(T.CrmTicketHistory)()
        check(lib.cc_crm_ticket_history_get(ctypes.byref(p), self._h,
                                            utf8(ticket_id, 'ticket_id')))
        return _many(p, lib.cc_crm_ticket_history_free,
                     functools.partial(_plain, TicketChange))

    # ---- agents --------------------------------------------------------------------

    def upsert_agent(self, id: str, *, name: Optional[str] = None,
                     email: Optional[str] = None, department: Optional[str] = None,
                     skills: Union[None, str, Iterable[str]] = None,
                     languages: Union[None, str, Iterable[str]] = None,
                     max_concurrent_calls: int = 0) -> None:
        """Creates or updates an agent."""
        i = T.CrmAgentInput(1, utf8(id, 'id'), opt_utf8(name), opt_utf8(email),
                            opt_utf8(department), _csv(skills), _csv(languages),
                            max_concurrent_calls)
        check(lib.cc_crm_agent_upsert(self._h, ctypes.byref(i)))

    def set_agent_status(self, agent_id: str, status: str) -> None:
        """available, busy, away or offline."""
        check(lib.cc_crm_agent_set_status(self._h, utf8(agent_id, 'agent_id'),
                                          utf8(status, 'status')))

    def agent(self, agent_id: str) -> Agent:
        """One agent; KeyError if none."""
        return _one(lib.cc_crm_agent_get, lib.cc_crm_agent_free, _agent, self._h,
                    agent_id, 'agent_id')

    def agents(self, department: Optional[str] = None,
               available_only: bool = False) -> List[Agent]:
        """Agents by ID, optionally of one department or only available."""
        p = ctypes.POINTER(T.CrmAgentList)()
        check(lib.cc_crm_agent_search(ctypes.byref(p), self._h, opt_utf8(department),
                                      int(available_only)))
        return _many(p, lib.cc_crm_agent_list_free, _agent)

    # ---- statistics and privacy ----------------------------------------------------

    def compute_stats(self, date: str) -> int:
        """Computes a UTC day's statistics ("YYYY-MM-DD")."""
        return check(lib.cc_crm_stats_compute(self._h, utf8(date, 'date')))

    def stats(self, date: str) -> List[dict]:
        """A day's department and agent statistics."""
        buf = Buf()
        try:
            check(lib.cc_crm_stats_json(ctypes.byref(buf), self._h, utf8(date, 'date')))
        finally:
            text = take(buf)
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def purge(self) -> int:
        """Deletes what is past the retention periods; returns the rows."""
        return check(lib.cc_crm_purge(self._h))

    def recorder(self) -> 'CRMRecorder':
        """A session recorder that writes the call into this CRM."""
        return CRMRecorder(self)


class CRMRecorder(_session.Recorder):
    """Writes a session's call into a CRM as it happens: the call, its stage
    and department, every transcript turn, the confirmed customer, the
    ticket (idempotent by the record's key, so a replay makes no
    duplicate) and the end with its status.

    The writing is the library's own (cc_crm_session_recorder): no Python
    runs per event, and a failed write is counted in
    Session.recorder_failures.  The CRM must stay open as long as a session
    records into it.  Its methods cannot be overridden (they are never
    called); to follow a call in Python, write a Recorder of your own."""

    def __init__(self, crm: CRM):
        self.crm = crm

    def _c_recorder(self) -> T.Recorder:
        """The cc_session_recorder the C library fills; Session passes it on."""
        for name in ('call_started', 'stage_changed', 'turn_added',
                     'customer_confirmed', 'ticket_create', 'call_ended'):
            if getattr(type(self), name) is not getattr(_session.Recorder, name):
                raise TypeError('CRMRecorder.%s cannot be overridden: the '
                                'library writes the call' % name)
        s = T.Recorder()
        check(lib.cc_crm_session_recorder(ctypes.byref(s), self.crm._h))
        return s


__all__ = ['Store', 'CRM', 'CRMRecorder', 'Customer', 'CallRecord', 'TranscriptEntry',
           'TicketRecord', 'TicketChange', 'Agent', 'run_blocking']
