'use strict';
// Stores and the CRM (callcenter/store.h, crm.h).  Every method that touches
// the database has a blocking form (crm.customer(key)) and an async form
// run on koffi's worker threads (await crm.customerAsync(key)), so an agent
// host's event loop keeps running while SQLite or PostgreSQL works.
const { koffi, fn, types: T } = require('./native');
const { check, checkAsync } = require('./errors');
const { str, optStr, callBuf, callAsync } = require('./util');

const ID_MAX = 64;

// Runs one operation { call: [fnName, ...args], done(rc) } synchronously or
// on a worker thread.  Errors from the worker carry the code and its
// general text (the detailed message is thread-local in C).
function runSync(op) {
  const [name, ...args] = op.call;
  return op.done(check(fn[name](...args)));
}

async function runAsync(op) {
  const [name, ...args] = op.call;
  return op.done(checkAsync(await callAsync(fn[name], ...args)));
}

// Declares name() and nameAsync() on cls from an operation builder.
function operations(cls, builders) {
  for (const [name, build] of Object.entries(builders)) {
    cls.prototype[name] = function (...a) { return runSync(build.apply(this, a)); };
    cls.prototype[`${name}Async`] = function (...a) { return runAsync(build.apply(this, a)); };
  }
}

const idOf = (buf) => buf.toString('utf8', 0, buf.indexOf(0) < 0 ? buf.length : buf.indexOf(0));

// Decodes one record from an out pointer and frees it with the library.
function one(out, type, free, convert) {
  try {
    return convert(koffi.decode(out[0], type));
  } finally {
    fn[free](out[0]);
  }
}

function many(out, type, free, convert) {
  try {
    const list = koffi.decode(out[0], T.List);
    const n = Number(list.count);
    return n ? koffi.decode(list.items, type, n).map(convert) : [];
  } finally {
    fn[free](out[0]);
  }
}

const ms = (v) => Number(v);
const customerOf = (c) => ({
  id: c.id, phone: c.phone, name: c.name, email: c.email, tier: c.tier, vip: c.vip !== 0,
  language: c.language, notes: c.notes, totalCalls: ms(c.total_calls), totalTickets: ms(c.total_tickets),
  lastInteraction: ms(c.last_interaction), createdAt: ms(c.created_at), updatedAt: ms(c.updated_at),
  erasedAt: ms(c.erased_at),
});
const callOf = (c) => ({
  id: c.id, customerId: c.customer_id, customerPhone: c.customer_phone, direction: c.direction,
  status: c.status, stage: c.stage, department: c.department, routingReason: c.routing_reason,
  outcome: c.outcome, language: c.language, agentId: c.agent_id, startedAt: ms(c.started_at),
  endedAt: ms(c.ended_at), durationSeconds: ms(c.duration_seconds),
});
const turnOf = (t) => ({ seq: ms(t.seq), speaker: t.speaker, text: t.text, language: t.language, at: ms(t.at) });
const ticketOf = (t) => ({
  id: t.id, callId: t.call_id, customerId: t.customer_id, customerName: t.customer_name,
  customerPhone: t.customer_phone, customerEmail: t.customer_email, subject: t.subject,
  description: t.description, department: t.department, status: t.status, priority: t.priority,
  assignedTo: t.assigned_to, notes: t.notes, createdAt: ms(t.created_at), updatedAt: ms(t.updated_at),
  assignedAt: ms(t.assigned_at), resolvedAt: ms(t.resolved_at), closedAt: ms(t.closed_at),
});
const changeOf = (c) => ({
  action: c.action, oldValue: c.old_value, newValue: c.new_value, changedBy: c.changed_by,
  reason: c.reason, at: ms(c.at),
});
const agentOf = (a) => ({
  id: a.id, name: a.name, email: a.email, department: a.department, status: a.status,
  skills: a.skills ? JSON.parse(a.skills) : [], languages: a.languages ? JSON.parse(a.languages) : [],
  maxConcurrentCalls: a.max_concurrent_calls, currentCalls: a.current_calls, available: a.available !== 0,
  lastActive: ms(a.last_active),
});

const csv = (v) => (v === undefined || v === null ? null : Array.isArray(v) ? v.join(',') : str(v));

class Store {
  /** Opens a database by URI: 'memory:', 'sqlite:PATH', 'postgresql://...'. */
  constructor(uri = 'memory:', { migrate = true, poolSize = 0, busyTimeoutMs = 0, maxPending = 0 } = {}) {
    this._handle = null;
    const out = [null];
    check(fn.cc_store_open(out, str(uri, 'uri'), {
      version: 1, migrate: migrate ? 1 : 0, pool_size: poolSize, busy_timeout_ms: busyTimeoutMs,
      max_pending: maxPending,
    }));
    this._handle = out[0];
  }

  /** Opens a store without blocking the event loop. */
  static async open(uri = 'memory:', { migrate = true, poolSize = 0, busyTimeoutMs = 0, maxPending = 0 } = {}) {
    const out = [null];
    checkAsync(await callAsync(fn.cc_store_open, out, str(uri, 'uri'), {
      version: 1, migrate: migrate ? 1 : 0, pool_size: poolSize, busy_timeout_ms: busyTimeoutMs,
      max_pending: maxPending,
    }));
    const s = Object.create(Store.prototype);
    s._handle = out[0];
    return s;
  }

  get handle() {
    if (!this._handle) throw new Error('the store is closed');
    return this._handle;
  }

  /** Closes every connection; pending writes are lost (flush first). */
  close() {
    if (!this._handle) return;
    fn.cc_store_free(this._handle);
    this._handle = null;
  }

  [Symbol.dispose]() { this.close(); }

  get schemaVersion() { return check(fn.cc_store_schema_version(this.handle)); }
  static schemaLatest() { return fn.cc_store_schema_latest(); }
  get backend() { return fn.cc_store_backend_name(this.handle); }
  get pending() { return check(fn.cc_store_pending(this.handle)); }
  get dropped() { return check(fn.cc_store_dropped(this.handle)); }
}
operations(Store, {
  migrate() { return { call: ['cc_store_migrate', this.handle], done: (rc) => rc }; },
  flush() { return { call: ['cc_store_flush', this.handle], done: (rc) => rc }; },
});

function callInput(f = {}) {
  return {
    version: 1, customer_phone: optStr(f.customerPhone, 'customerPhone'), direction: optStr(f.direction),
    status: optStr(f.status), stage: optStr(f.stage), department: optStr(f.department),
    routing_reason: optStr(f.routingReason), language: optStr(f.language), agent_id: optStr(f.agentId),
    at: f.at || 0,
  };
}

class CRM {
  /** The CRM over a store (which must outlive it); options: defaultRegion, clock(). */
  constructor(store, { defaultRegion = null, retentionCallsDays = 0, retentionTranscriptsDays = 0,
    retentionTicketsDays = 0, clock = null } = {}) {
    if (!(store instanceof Store)) throw new TypeError('store must be a callcenter Store');
    this._handle = null;
    this.store = store;
    this._clock = clock ? koffi.register(() => Math.floor(clock()), koffi.pointer(T.CrmClock)) : null;
    const out = [null];
    try {
      check(fn.cc_crm_open(out, store.handle, {
        version: 1, default_region: optStr(defaultRegion, 'defaultRegion'),
        retention_calls_days: retentionCallsDays, retention_transcripts_days: retentionTranscriptsDays,
        retention_tickets_days: retentionTicketsDays, clock: this._clock, clock_userdata: null,
      }));
    } catch (e) {
      if (this._clock) koffi.unregister(this._clock);
      throw e;
    }
    this._handle = out[0];
  }

  get _h() {
    if (!this._handle) throw new Error('the CRM is closed');
    return this._handle;
  }

  /** Frees the CRM (not its store). */
  close() {
    if (!this._handle) return;
    fn.cc_crm_free(this._handle);
    this._handle = null;
    if (this._clock) koffi.unregister(this._clock);
    this._clock = null;
  }

  [Symbol.dispose]() { this.close(); }

  /** A session recorder writing the call into this CRM. */
  recorder() { return new CRMRecorder(this); }

  /** A day's department and agent statistics (computeStats() first). */
  stats(date) {
    return callBuf(fn.cc_crm_stats_json, this._h, str(date, 'date'))
      .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  }
}

operations(CRM, {
  /** Creates or updates the customer with this phone; returns the ID. */
  upsertCustomer(phone, f = {}) {
    const id = Buffer.alloc(ID_MAX);
    return {
      call: ['cc_crm_customer_upsert', id, this._h, {
        version: 1, phone: str(phone, 'phone'), name: optStr(f.name, 'name'), email: optStr(f.email, 'email'),
        tier: optStr(f.tier, 'tier'), vip: f.vip === undefined || f.vip === null ? -1 : (f.vip ? 1 : 0),
        language: optStr(f.language, 'language'), notes: optStr(f.notes, 'notes'),
      }],
      done: () => idOf(id),
    };
  },
  customer(key) {
    const out = [null];
    return { call: ['cc_crm_customer_get', out, this._h, str(key, 'key')],
             done: () => one(out, T.Customer, 'cc_crm_customer_free', customerOf) };
  },
  searchCustomers(query = '', { limit = 0, offset = 0 } = {}) {
    const out = [null];
    return { call: ['cc_crm_customer_search', out, this._h, str(query, 'query'), limit, offset],
             done: () => many(out, T.Customer, 'cc_crm_customer_list_free', customerOf) };
  },
  eraseCustomer(key) {
    return { call: ['cc_crm_customer_erase', this._h, str(key, 'key')], done: () => undefined };
  },
  newCallId() {
    const id = Buffer.alloc(ID_MAX);
    return { call: ['cc_crm_call_new_id', id, this._h], done: () => idOf(id) };
  },
  /** Records a call's start (idempotent by ID); makes an ID when none is given. */
  startCall(callId = null, f = {}) {
    const id = Buffer.alloc(ID_MAX);
    if (callId) {
      const raw = Buffer.from(str(callId, 'callId'), 'utf8');
      if (raw.length >= ID_MAX) throw new RangeError(`callId longer than ${ID_MAX - 1} bytes`);
      raw.copy(id);
    }
    return { call: ['cc_crm_call_start', id, this._h, callInput(f)], done: () => idOf(id) };
  },
  updateCall(callId, f = {}) {
    return { call: ['cc_crm_call_update', this._h, str(callId, 'callId'), callInput(f)], done: (rc) => rc === 0 };
  },
  endCall(callId, status = null, outcome = null, at = 0) {
    return { call: ['cc_crm_call_end', this._h, str(callId, 'callId'), optStr(status), optStr(outcome), at],
             done: (rc) => rc === 0 };
  },
  call(callId) {
    const out = [null];
    return { call: ['cc_crm_call_get', out, this._h, str(callId, 'callId')],
             done: () => one(out, T.Call, 'cc_crm_call_free', callOf) };
  },
  searchCalls(f = {}) {
    const out = [null];
    const filter = {
      version: 1, active_only: f.activeOnly ? 1 : 0, customer: optStr(f.customer), department: optStr(f.department),
      status: optStr(f.status), from: f.since || 0, to: f.until || 0, limit: f.limit || 0, offset: f.offset || 0,
    };
    return { call: ['cc_crm_call_search', out, this._h, filter],
             done: () => many(out, T.Call, 'cc_crm_call_list_free', callOf) };
  },
  appendTurn(callId, speaker, text, { language = null, seq = 0, at = 0 } = {}) {
    return {
      call: ['cc_crm_transcript_append', this._h, str(callId, 'callId'), seq, str(speaker, 'speaker'), str(text),
        optStr(language), at],
      done: (rc) => rc === 0,
    };
  },
  transcript(callId) {
    const out = [null];
    return { call: ['cc_crm_transcript_get', out, this._h, str(callId, 'callId')],
             done: () => many(out, T.CrmTurn, 'cc_crm_transcript_free', turnOf) };
  },
  createTicket(subject, f = {}) {
    const id = Buffer.alloc(ID_MAX);
    return {
      call: ['cc_crm_ticket_create', id, this._h, {
        version: 1, subject: str(subject, 'subject'), description: optStr(f.description),
        department: optStr(f.department), priority: optStr(f.priority), customer_phone: optStr(f.customerPhone),
        customer_name: optStr(f.customerName), customer_email: optStr(f.customerEmail), call_id: optStr(f.callId),
        idempotency_key: optStr(f.idempotencyKey), created_by: optStr(f.createdBy),
      }],
      done: () => idOf(id),
    };
  },
  ticket(ticketId) {
    const out = [null];
    return { call: ['cc_crm_ticket_get', out, this._h, str(ticketId, 'ticketId')],
             done: () => one(out, T.Ticket, 'cc_crm_ticket_free', ticketOf) };
  },
  searchTickets(f = {}) {
    const out = [null];
    const filter = {
      version: 1, status: optStr(f.status), department: optStr(f.department), priority: optStr(f.priority),
      customer: optStr(f.customer), assigned_to: optStr(f.assignedTo), text: optStr(f.text), from: f.since || 0,
      to: f.until || 0, limit: f.limit || 0, offset: f.offset || 0,
    };
    return { call: ['cc_crm_ticket_search', out, this._h, filter],
             done: () => many(out, T.Ticket, 'cc_crm_ticket_list_free', ticketOf) };
  },
  setTicketStatus(ticketId, status, { who = null, why = null } = {}) {
    return { call: ['cc_crm_ticket_set_status', this._h, str(ticketId, 'ticketId'), str(status, 'status'),
      optStr(who), optStr(why)], done: () => undefined };
  },
  assignTicket(ticketId, agentId, { who = null, why = null } = {}) {
    return { call: ['cc_crm_ticket_assign', this._h, str(ticketId, 'ticketId'), optStr(agentId, 'agentId'),
      optStr(who), optStr(why)], done: () => undefined };
  },
  addTicketNote(ticketId, note, { who = null } = {}) {
    return { call: ['cc_crm_ticket_add_note', this._h, str(ticketId, 'ticketId'), str(note, 'note'), optStr(who)],
             done: () => undefined };
  },
  ticketHistory(ticketId) {
    const out = [null];
    return { call: ['cc_crm_ticket_history_get', out, this._h, str(ticketId, 'ticketId')],
             done: () => many(out, T.TicketChange, 'cc_crm_ticket_history_free', changeOf) };
  },
  upsertAgent(id, f = {}) {
    return {
      call: ['cc_crm_agent_upsert', this._h, {
        version: 1, id: str(id, 'id'), name: optStr(f.name), email: optStr(f.email),
        department: optStr(f.department), skills: csv(f.skills), languages: csv(f.languages),
        max_concurrent_calls: f.maxConcurrentCalls || 0,
      }],
      done: () => undefined,
    };
  },
  setAgentStatus(agentId, status) {
    return { call: ['cc_crm_agent_set_status', this._h, str(agentId, 'agentId'), str(status, 'status')],
             done: () => undefined };
  },
  agent(agentId) {
    const out = [null];
    return { call: ['cc_crm_agent_get', out, this._h, str(agentId, 'agentId')],
             done: () => one(out, T.Agent, 'cc_crm_agent_free', agentOf) };
  },
  agents({ department = null, availableOnly = false } = {}) {
    const out = [null];
    return { call: ['cc_crm_agent_search', out, this._h, optStr(department), availableOnly ? 1 : 0],
             done: () => many(out, T.Agent, 'cc_crm_agent_list_free', agentOf) };
  },
  computeStats(date) {
    return { call: ['cc_crm_stats_compute', this._h, str(date, 'date')], done: (rc) => rc };
  },
  purge() { return { call: ['cc_crm_purge', this._h], done: (rc) => rc }; },
});

/**
 * Writes a session's call into a CRM as it happens: the call, its stage and
 * department, every transcript turn, the confirmed customer, the ticket
 * (idempotent by the record's key) and the end with its status.  The
 * writing is the library's own (cc_crm_session_recorder): no JavaScript runs
 * per event, and a failed write is counted in session.recorderFailures.
 * The CRM must stay open as long as a session records into it.
 */
class CRMRecorder {
  constructor(crm) { this.crm = crm; }

  // The cc_session_recorder the C library fills; Session passes it on.
  _cRecorder() {
    const out = {};
    check(fn.cc_crm_session_recorder(out, this.crm._h));
    return out;
  }
}

module.exports = { Store, CRM, CRMRecorder };
