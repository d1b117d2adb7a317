'use strict';
// The per-call IVR state machine (callcenter/session.h).  Feed a Session
// what happens on the call and iterate over it for the actions:
//
//   const s = new Session(engine);
//   s.start();
//   for (const action of s) { ... }   // { type: 'say', text, ... }
//   s.inputText('أحمد');
//   for (const action of s) { ... }
const { koffi, fn, types: T } = require('./native');
const { check } = require('./errors');
const { str, optStr, callBuf } = require('./util');
const { Engine } = require('./engine');

const EAGAIN = -7;
const ENOTFOUND = -4;
const EUSER = -21;
const STAGES = ['welcome', 'collect_name', 'collect_phone', 'collect_email', 'collect_service_type',
  'confirm_data', 'route_to_department', 'department_handling', 'call_ended', 'collect_field',
  'edit_field'];
const ACTION_TYPES = [null, 'say', 'expect', 'route', 'enqueue', 'transfer', 'ticket', 'hangup'];
const INPUTS = [null, 'speech', 'dtmf', 'both'];
const SPEAKERS = [null, 'caller', 'bot', 'system'];
const Notice = Object.freeze({ AGENT_ANSWERED: 1, TRANSFER_FAILED: 2, CALLER_HUNG_UP: 3, PROMPT_FINISHED: 4 });
const Stage = Object.freeze(Object.fromEntries(STAGES.map((s) => [s.toUpperCase(), s])));

// A plain action object with the fields of its type.
function actionOf(a) {
  const type = ACTION_TYPES[a.type];
  const base = { type, seq: a.seq, stage: a.stage };
  switch (type) {
    case 'say': return { ...base, text: a.text, language: a.language, key: a.key, bargeIn: a.barge_in !== 0 };
    case 'expect': return { ...base, field: a.field, input: INPUTS[a.input], timeoutMs: a.timeout_ms };
    case 'route': return { ...base, department: a.department, confidence: a.confidence, reason: a.reason };
    case 'enqueue': return { ...base, department: a.department, priority: a.priority };
    case 'transfer': return { ...base, target: a.target, priority: a.priority, reason: a.reason };
    case 'ticket': return {
      ...base, ticketId: a.ticket_id, kind: a.ticket_kind, department: a.department,
      priority: a.priority, severity: a.severity, subject: a.subject, description: a.description,
    };
    case 'hangup': return { ...base, reason: a.reason };
    default: throw new Error(`unknown action type ${a.type}`);
  }
}

const head = (h) => ({ callId: h.call_id, seq: h.seq, idempotencyKey: h.idempotency_key, atMs: Number(h.at_ms) });

const RECORDS = {
  callStarted: [T.CallRecord, (r) => ({ ...head(r.head), language: r.language, callerNumber: r.caller_number })],
  stageChanged: [T.StageRecord, (r) => ({
    ...head(r.head), stage: r.stage, previousStage: r.previous_stage, department: r.department,
    reason: r.reason, confidence: r.confidence,
  })],
  turnAdded: [T.TurnRecord, (r) => ({
    ...head(r.head), turn: r.turn, speaker: SPEAKERS[r.speaker], text: r.text, language: r.language,
    stage: r.stage,
  })],
  customerConfirmed: [T.CustomerRecord, (r) => {
    const fields = {};
    if (r.fields) {
      for (const f of koffi.decode(r.fields, T.SessionField, Number(r.field_count))) fields[f.name] = f.value;
    }
    return {
      ...head(r.head), name: r.name, phone: r.phone, email: r.email, serviceType: r.service_type,
      language: r.language, fields,
    };
  }],
  ticketCreate: [T.TicketRecord, (r) => ({
    ...head(r.head), kind: r.kind, department: r.department, priority: r.priority, severity: r.severity,
    subject: r.subject, description: r.description, customerName: r.customer_name,
    customerPhone: r.customer_phone, customerEmail: r.customer_email, language: r.language,
    proposedId: r.proposed_id,
  })],
  callEnded: [T.EndRecord, (r) => ({
    ...head(r.head), outcome: r.outcome, department: r.department, ticketId: r.ticket_id,
    durationMs: Number(r.duration_ms), turns: r.turns,
  })],
};

// Registers koffi callbacks for the methods a recorder object has.  They
// run synchronously on the main thread inside the session call; an
// exception is kept in errors and reported to C as CC_EUSER (the session
// counts it and goes on).  A recorder the C library implements (the CRM's)
// hands over its filled struct instead, and no callback is registered.
class RecorderBridge {
  constructor(recorder) {
    this.errors = [];
    this.handles = [];
    if (typeof recorder._cRecorder === 'function') {
      this.struct = recorder._cRecorder();
      return;
    }
    this.struct = { version: 1, userdata: null };
    const C = { callStarted: 'call_started', stageChanged: 'stage_changed', turnAdded: 'turn_added',
                customerConfirmed: 'customer_confirmed', callEnded: 'call_ended' };
    for (const [method, field] of Object.entries(C)) {
      if (typeof recorder[method] !== 'function') { this.struct[field] = null; continue; }
      const [type, convert] = RECORDS[method];
      this.struct[field] = this.register((rec) => {
        try {
          recorder[method](convert(koffi.decode(rec, type)));
          return 0;
        } catch (e) {
          this.errors.push(e);
          return EUSER;
        }
      }, T.RecCall);
    }
    this.struct.ticket_create = typeof recorder.ticketCreate !== 'function' ? null :
      this.register((rec, out, cap) => {
        try {
          const id = recorder.ticketCreate(RECORDS.ticketCreate[1](koffi.decode(rec, T.TicketRecord)));
          if (id) {
            const bytes = Buffer.from(`${id}\0`, 'utf8');
            if (bytes.length > Number(cap)) throw new RangeError(`ticket ID longer than ${Number(cap) - 1} bytes`);
            koffi.encode(out, 'uint8_t', [...bytes], bytes.length);
          }
          return 0;
        } catch (e) {
          this.errors.push(e);
          return EUSER;
        }
      }, T.RecTicket);
  }

  register(f, type) {
    const h = koffi.register(f, koffi.pointer(type));
    this.handles.push(h);
    return h;
  }

  close() {
    for (const h of this.handles) koffi.unregister(h);
    this.handles = [];
  }
}

class Session {
  /**
   * One call on an engine.  options: callId, language ('ar'|'en'), region,
   * callerNumber, seed, startMs, wallClockMs (reproducible calls), and
   * recorder: an object with any of callStarted, stageChanged, turnAdded,
   * customerConfirmed, ticketCreate (returns the ticket ID) and callEnded.
   */
  constructor(engine, options = {}) {
    if (!(engine instanceof Engine)) throw new TypeError('engine must be a callcenter Engine');
    this._handle = null;
    this._engine = engine;
    this._bridge = options.recorder ? new RecorderBridge(options.recorder) : null;
    const opts = {
      version: 1, call_id: optStr(options.callId, 'callId'), language: optStr(options.language, 'language'),
      region: optStr(options.region, 'region'), caller_number: optStr(options.callerNumber, 'callerNumber'),
      seed: options.seed || 0, start_ms: options.startMs || 0, wall_clock_ms: options.wallClockMs || 0,
      recorder: this._bridge ? this._bridge.struct : null,
    };
    const out = [null];
    try {
      if (options._snapshot !== undefined) {
        const snap = str(options._snapshot, 'snapshot');
        check(fn.cc_session_restore(out, engine.handle, snap, Buffer.byteLength(snap), opts));
      } else {
        check(fn.cc_session_new(out, engine.handle, opts));
      }
    } catch (e) {
      if (this._bridge) this._bridge.close();
      throw e;
    }
    this._handle = out[0];
  }

  /** Brings a call back from snapshot() (same engine configuration). */
  static restore(engine, snapshot, options = {}) {
    return new Session(engine, { recorder: options.recorder, _snapshot: snapshot });
  }

  get _h() {
    if (!this._handle) throw new Error('the session is closed');
    return this._handle;
  }

  /** Frees the session (a call not ended is forgotten, not ended). */
  close() {
    if (!this._handle) return;
    fn.cc_session_free(this._handle);
    this._handle = null;
    if (this._bridge) this._bridge.close();
  }

  [Symbol.dispose]() { this.close(); }

  start() { check(fn.cc_session_start(this._h)); }

  /** The caller said text; options: confidence, language (the STT's), nowMs. */
  inputText(text, { confidence = null, language = null, nowMs = 0 } = {}) {
    str(text);
    const info = { version: 1, confidence: confidence === null ? -1 : confidence,
                   language: optStr(language, 'language'), now_ms: nowMs };
    check(fn.cc_session_input_text(this._h, text, Buffer.byteLength(text), info));
  }

  inputDtmf(digits) {
    str(digits, 'digits');
    check(fn.cc_session_input_dtmf(this._h, digits, Buffer.byteLength(digits)));
  }

  inputSilence() { check(fn.cc_session_input_silence(this._h)); }
  tick(nowMs) { check(fn.cc_session_tick(this._h, nowMs)); }
  notify(notice, detail = null) { check(fn.cc_session_notify(this._h, notice, optStr(detail, 'detail'))); }

  /** Yields the queued actions in order until none is left for now. */
  * actions() {
    const out = [null];
    for (;;) {
      const rc = fn.cc_session_next_action(out, this._h);
      if (rc === EAGAIN) return;
      check(rc);
      yield actionOf(koffi.decode(out[0], T.Action));
    }
  }

  [Symbol.iterator]() { return this.actions(); }
  drain() { return [...this.actions()]; }

  get stage() { return STAGES[fn.cc_session_stage_get(this._h)]; }
  get ended() { return fn.cc_session_ended(this._h) === 1; }
  get callId() { return fn.cc_session_call_id(this._h); }
  get language() { return fn.cc_session_language(this._h); }
  get department() { return fn.cc_session_department(this._h); }
  get ticketId() { return fn.cc_session_ticket_id(this._h); }
  field(name) { return fn.cc_session_field_value(this._h, str(name, 'name')); }

  get fields() {
    const out = {};
    for (const f of this._engine.fields) out[f.name] = this.field(f.name);
    return out;
  }

  get nextDeadline() {
    const out = [0];
    const rc = fn.cc_session_next_deadline(out, this._h);
    if (rc === ENOTFOUND) return null;
    check(rc);
    return Number(out[0]);
  }

  get recorderFailures() { return fn.cc_session_recorder_failures(this._h); }
  get recorderErrors() { return this._bridge ? [...this._bridge.errors] : []; }

  get transcript() {
    const out = [];
    const n = Number(fn.cc_session_transcript_count(this._h));
    for (let i = 0; i < n; i++) {
      const t = {};
      check(fn.cc_session_transcript_turn(t, this._h, i));
      out.push({ speaker: SPEAKERS[t.speaker], text: t.text, language: t.language, stage: t.stage,
                 atMs: Number(t.at_ms) });
    }
    return out;
  }

  snapshot() { return callBuf(fn.cc_session_snapshot, this._h); }
  summary() { return JSON.parse(callBuf(fn.cc_session_summary, this._h)); }
}

module.exports = { Session, Notice, Stage };
