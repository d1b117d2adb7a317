'use strict';
// The engine (callcenter/engine.h, routing.h, rules.h): configuration,
// routing, priorities, prompts, FAQ, business hours and rules.
const { koffi, fn, types: T } = require('./native');
const { check } = require('./errors');
const { str, optStr, callBuf } = require('./util');
const text = require('./text');

const PRIORITIES = ['low', 'medium', 'high', 'urgent'];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const REASONS = ['keywords', 'named', 'default', 'classifier'];
const FIELD_KINDS = ['name', 'phone', 'email', 'service_type', 'text', 'number', 'yes_no'];
const RULE_ACTIONS = ['set_priority', 'create_ticket', 'transfer', 'require_field', 'skip_field',
  'say', 'set_flag', 'route'];
const Priority = Object.freeze({ LOW: 'low', MEDIUM: 'medium', HIGH: 'high', URGENT: 'urgent' });
const Severity = Object.freeze({ LOW: 'low', MEDIUM: 'medium', HIGH: 'high', CRITICAL: 'critical' });
const EUSER = -21;
const EPASSTHROUGH = -23;
const ENOTFOUND = -4;

/** Orders priorities: priorityRank('urgent') > priorityRank('high'). */
const priorityRank = (p) => PRIORITIES.indexOf(p);

function routeOf(r) {
  const matched = r.matched.slice(0, Number(r.matched_count))
    .map((m) => ({ term: m.term, department: m.department, weight: m.weight }));
  return {
    department: r.department, confidence: r.confidence, reason: REASONS[r.reason],
    runnerUp: r.runner_up, runnerUpConfidence: r.runner_up_confidence, matched,
    matchedTerms: matched.map((m) => m.term), language: r.language, sentiment: r.sentiment,
    sentimentScore: r.sentiment_score, urgent: r.urgent !== 0, severity: SEVERITIES[r.severity],
    priority: PRIORITIES[r.priority],
  };
}

function unixSeconds(when) {
  if (when === undefined || when === null) return Math.floor(Date.now() / 1000);
  if (when instanceof Date) return Math.floor(when.getTime() / 1000);
  return Math.floor(Number(when));
}

function pointerArray(strings) {
  if (!strings.length) return null;
  return [...strings, null];
}

class Engine {
  /**
   * new Engine() uses the compiled-in defaults; new Engine(config) applies a
   * plain object on top of them; Engine.fromFile() and Engine.fromJSON()
   * read JSON.  options.env: an object read instead of the process
   * environment ({} ignores it).  options.classifier(text, keywordResult)
   * returns [department, confidence] or null; see route().
   */
  constructor(config = null, options = {}) {
    this._handle = null;
    this._callbacks = [];
    this._deptStrings = new Map();
    this._classifierError = null;
    const opts = this._options(options);
    const out = [null];
    if (options._path !== undefined) {
      check(fn.cc_engine_new_from_file(out, str(options._path, 'path'), opts));
    } else {
      let json = options._json;
      if (config !== null && json === undefined) {
        if (typeof config !== 'object') throw new TypeError('config must be an object (use Engine.fromFile or Engine.fromJSON)');
        json = JSON.stringify(config);
      }
      if (json !== undefined) check(fn.cc_engine_new_from_json(out, str(json, 'json'), Buffer.byteLength(json), opts));
      else check(fn.cc_engine_new_default(out, opts));
    }
    this._handle = out[0];
  }

  /** An engine from a JSON configuration file. */
  static fromFile(path, options = {}) { return new Engine(null, { ...options, _path: path }); }
  /** An engine from JSON configuration text. */
  static fromJSON(json, options = {}) { return new Engine(null, { ...options, _json: json }); }

  _options(options) {
    const o = { version: 1, flags: 0, env: null, classifier: null, classifier_userdata: null };
    if (options.env) o.env = [...Object.entries(options.env).map(([k, v]) => `${k}=${v}`), null];
    if (options.classifier) {
      const cb = koffi.register(this._classifierThunk(options.classifier), koffi.pointer(T.Classifier));
      this._callbacks.push(cb);
      o.classifier = cb;
    }
    return o;
  }

  _classifierThunk(classifier) {
    return (textPtr, len, keyword, deptOut, confOut) => {
      // An exception cannot cross into C: keep it for route() to throw.
      try {
        const said = Buffer.from(koffi.view(textPtr, Number(len))).toString('utf8');
        const got = classifier(said, routeOf(koffi.decode(keyword, T.RouteResult)));
        if (!got) return EPASSTHROUGH;
        const [dept, conf] = got;
        koffi.encode(deptOut, 'void *', this._deptString(dept));
        koffi.encode(confOut, 'double', Number(conf));
        return 0;
      } catch (e) {
        this._classifierError = e;
        return EUSER;
      }
    };
  }

  // The id must stay valid until the engine is freed: one C copy per id.
  _deptString(dept) {
    let p = this._deptStrings.get(dept);
    if (!p) {
      const bytes = Buffer.from(`${dept}\0`, 'utf8');
      p = koffi.alloc('uint8_t', bytes.length);
      koffi.encode(p, 'uint8_t', [...bytes], bytes.length);
      this._deptStrings.set(dept, p);
    }
    return p;
  }

  get handle() {
    if (!this._handle) throw new Error('the engine is closed');
    return this._handle;
  }

  /** Drops this reference; close sessions made from it first. */
  close() {
    if (!this._handle) return;
    fn.cc_engine_free(this._handle);
    this._handle = null;
    for (const cb of this._callbacks) koffi.unregister(cb);
    for (const p of this._deptStrings.values()) koffi.free(p);
    this._callbacks = [];
    this._deptStrings.clear();
  }

  [Symbol.dispose]() { this.close(); }

  /** Reads one utterance (phones in the configured region). */
  analyze(utterance) { return text.analyze(utterance, this.ivr.defaultRegion || null); }

  /**
   * Routes an utterance: { department, confidence, reason, runnerUp,
   * runnerUpConfidence, matched, language, sentiment, urgent, severity,
   * priority }.  A classifier's exception is thrown from here.
   */
  route(utterance) {
    str(utterance);
    const r = {};
    this._classifierError = null;
    const rc = fn.cc_engine_route(r, this.handle, utterance, Buffer.byteLength(utterance));
    const err = this._classifierError;
    this._classifierError = null;
    if (err) throw err;
    check(rc);
    return routeOf(r);
  }

  resolutionHours(severity) {
    return check(fn.cc_engine_resolution_hours(this.handle, SEVERITIES.indexOf(severity)));
  }

  /** The effective configuration as a plain object. */
  get config() { return JSON.parse(callBuf(fn.cc_engine_config_json, this.handle)); }

  companyName(lang = 'ar') { return fn.cc_engine_company_name(this.handle, str(lang, 'lang')); }

  get departments() {
    const out = [];
    const n = Number(fn.cc_engine_department_count(this.handle));
    for (let i = 0; i < n; i++) {
      const d = koffi.decode(fn.cc_engine_department(this.handle, i), T.Department);
      out.push({
        id: d.id, nameAr: d.name_ar, nameEn: d.name_en, descriptionAr: d.description_ar,
        descriptionEn: d.description_en, priority: d.priority, queue: d.queue,
        welcomePrompt: d.welcome_prompt, routingPrompt: d.routing_prompt,
        createsTicket: d.creates_ticket !== 0,
      });
    }
    return out;
  }

  department(id) {
    const d = this.departments.find((x) => x.id === id);
    if (!d) throw new RangeError(`no department ${id}`);
    return d;
  }

  get fields() {
    const out = [];
    const n = Number(fn.cc_engine_field_count(this.handle));
    for (let i = 0; i < n; i++) {
      const f = koffi.decode(fn.cc_engine_field(this.handle, i), T.Field);
      const aliases = [];
      for (let j = 0; f.aliases; j++) {
        const p = koffi.decode(f.aliases, j * koffi.sizeof('void *'), 'const char *');
        if (p === null) break;
        aliases.push(p);
      }
      out.push({
        name: f.name, kind: FIELD_KINDS[f.kind], required: f.required !== 0, minLength: f.min_length,
        maxLength: f.max_length, promptKey: f.prompt_key, labelAr: f.label_ar, labelEn: f.label_en,
        aliases,
      });
    }
    return out;
  }

  get ivr() {
    const s = koffi.decode(fn.cc_engine_ivr(this.handle), T.IvrSettings);
    return {
      maxRetries: s.max_retries, confirmationRetries: s.confirmation_retries,
      noInputTimeoutMs: s.no_input_timeout_ms, inactivityLimitMs: s.inactivity_limit_ms,
      callLimitMs: s.call_limit_ms, maxQueueSize: s.max_queue_size, maxWaitMs: s.max_wait_ms,
      requireConfirmation: s.require_confirmation !== 0, autoDetectLanguage: s.auto_detect_language !== 0,
      saveTranscript: s.save_transcript !== 0, defaultLanguage: s.default_language,
      fallbackLanguage: s.fallback_language, defaultRegion: s.default_region,
      defaultDepartment: s.default_department,
    };
  }

  feature(name) { return check(fn.cc_engine_feature(this.handle, str(name, 'name'))) === 1; }
  retentionDays(kind) { return check(fn.cc_engine_retention_days(this.handle, str(kind, 'kind'))); }

  /** Renders prompt key: { text, language }.  vars fill {name} placeholders. */
  prompt(key, lang = null, vars = {}, { forDisplay = false } = {}) {
    const list = Object.entries(vars).map(([name, value]) => ({ name, value: String(value), kind: 0 }));
    const buf = { ptr: null, reserved: 0, size: 0 };
    const used = [null];
    try {
      check(fn.cc_engine_prompt(buf, used, this.handle, str(key, 'key'), optStr(lang, 'lang'),
        list.length ? list : null, list.length, forDisplay ? 1 : 0));
      const out = buf.ptr ? koffi.decode(buf.ptr, 'char', Number(buf.size)) : '';
      return { text: out, language: used[0] || '' };
    } finally {
      fn.cc_buf_dispose(buf);
    }
  }

  hasPrompt(key) { return check(fn.cc_engine_prompt_exists(this.handle, str(key, 'key'))) === 1; }

  /** The best FAQ answer, or null when nothing matches well enough. */
  faq(question, lang = null) {
    str(question);
    const m = {};
    const rc = fn.cc_engine_faq(m, this.handle, question, Buffer.byteLength(question), optStr(lang, 'lang'));
    if (rc === ENOTFOUND) return null;
    check(rc);
    return { id: m.id, question: m.question, answer: m.answer, language: m.language, score: m.score };
  }

  /** Whether it is open at when (a Date or Unix seconds; now by default). */
  isOpen(when) { return check(fn.cc_engine_is_open(this.handle, unixSeconds(when))) === 1; }

  nextOpening(when) {
    const out = [0];
    check(fn.cc_engine_next_opening(out, this.handle, unixSeconds(when)));
    return new Date(Number(out[0]) * 1000);
  }

  get timeZone() { return fn.cc_engine_time_zone(this.handle); }

  /** Runs the configured rules over a call context; actions in order. */
  evaluateRules(ctx = {}, { trace = false } = {}) {
    const textArg = optStr(ctx.text);
    const fields = Object.entries(ctx.fields || {}).map(([name, value]) => ({ name, value }));
    const matched = ctx.matched || [];
    const flags = ctx.flags || [];
    const c = {
      version: 1, department: optStr(ctx.department), language: optStr(ctx.language), text: textArg,
      text_len: textArg === null ? 0 : Buffer.byteLength(textArg), sentiment: optStr(ctx.sentiment),
      sentiment_score: ctx.sentimentScore || 0, urgent: ctx.urgent ? 1 : 0,
      severity: SEVERITIES.indexOf(ctx.severity || 'low'), priority: PRIORITIES.indexOf(ctx.priority || 'medium'),
      fields: fields.length ? fields : null, field_count: fields.length,
      matched: pointerArray(matched), matched_count: matched.length,
      open: ctx.open === undefined || ctx.open === null ? -1 : (ctx.open ? 1 : 0),
      now_unix: unixSeconds(ctx.now), retries: ctx.retries || 0, stage: optStr(ctx.stage),
      customer_tier: optStr(ctx.customerTier), vip: ctx.vip ? 1 : 0, flags: pointerArray(flags),
      flag_count: flags.length,
    };
    const out = {};
    const buf = { ptr: null, reserved: 0, size: 0 };
    try {
      check(fn.cc_engine_rules_eval(out, trace ? buf : null, this.handle, c));
      const lines = buf.ptr ? koffi.decode(buf.ptr, 'char', Number(buf.size)) : '';
      return {
        actions: out.actions.slice(0, Number(out.action_count)).map((a) => ({
          kind: RULE_ACTIONS[a.kind], rule: a.rule, arg: a.arg, priority: PRIORITIES[a.priority],
        })),
        fired: Number(out.fired_count), priority: PRIORITIES[out.priority],
        trace: trace ? lines.split('\n').filter((l) => l) : [],
      };
    } finally {
      if (trace) fn.cc_buf_dispose(buf);
    }
  }
}

module.exports = { Engine, Priority, Severity, priorityRank, PRIORITIES };

