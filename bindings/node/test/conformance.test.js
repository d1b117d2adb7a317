'use strict';
// The cross-language conformance cases (tests/conformance/): analysis,
// routing and whole scripted calls must give exactly what the C program
// tests/unit/conformance gives (run here for its results), and the CRM
// script the records it pins.  Node objects use camelCase; they are
// compared in the shared snake_case form.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const cc = require('..');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIR = path.join(ROOT, 'tests', 'conformance');
const load = (name) => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'));

let cResults = null;
function c() {
  if (cResults) return cResults;
  const exe = path.join(process.env.CC_BUILD_ROOT || path.join(ROOT, 'build'), 'tests', 'unit', 'test_conformance');
  assert.ok(fs.existsSync(exe), `${exe} is missing: build the C tests first (make build)`);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-conf-')), 'c.json');
  execFileSync(exe, [], { env: { ...process.env, CC_CONFORMANCE_OUT: out, CMOCKA_MESSAGE_OUTPUT: 'TAP' },
                          stdio: 'pipe', timeout: 120000 });
  cResults = JSON.parse(fs.readFileSync(out, 'utf8'));
  return cResults;
}

const snakeKey = (k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
function snake(v) {
  if (Array.isArray(v)) return v.map(snake);
  if (v instanceof cc.PhoneNumber) return v.e164;
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [snakeKey(k), snake(x)]));
  }
  return v;
}

// Equal, with numbers equal to 1e-9.
function same(got, want, where) {
  if (typeof want === 'number') {
    assert.strictEqual(typeof got, 'number', where);
    assert.ok(Math.abs(got - want) <= 1e-9, `${where}: ${got} != ${want}`);
  } else if (Array.isArray(want)) {
    assert.ok(Array.isArray(got), where);
    assert.strictEqual(got.length, want.length, where);
    want.forEach((w, i) => same(got[i], w, `${where}[${i}]`));
  } else if (want && typeof want === 'object') {
    assert.deepStrictEqual(Object.keys(got).sort(), Object.keys(want).sort(), where);
    for (const k of Object.keys(want)) same(got[k], want[k], `${where}.${k}`);
  } else {
    assert.strictEqual(got, want, where);
  }
}

test('analysis', () => {
  const cases = load('analysis.json').cases;
  assert.strictEqual(c().analysis.length, cases.length);
  cases.forEach((k, i) => {
    const a = snake(cc.analyze(k.text, k.region));
    delete a.text;
    same(a, c().analysis[i], k.text);
  });
});

test('routing', () => {
  const engine = new cc.Engine(null, { env: {} });
  const cases = load('routing.json').cases;
  assert.strictEqual(c().routing.length, cases.length);
  cases.forEach((k, i) => {
    const r = snake(engine.route(k.text));
    r.matched = r.matched_terms;   // the shared form lists the terms
    delete r.matched_terms;
    same(r, c().routing[i], k.text);
  });
  engine.close();
});

test('scripted calls', () => {
  const engine = new cc.Engine(null, { env: {} });
  const calls = load('call.json').calls;
  assert.strictEqual(c().calls.length, calls.length);
  calls.forEach((call, n) => {
    const want = c().calls[n];
    const o = call.options;
    const s = new cc.Session(engine, {
      callId: o.call_id, seed: o.seed, startMs: o.start_ms, wallClockMs: o.wall_clock_ms, region: o.region,
      language: o.language,
    });
    call.steps.forEach((step, i) => {
      if (step.event === 'start') s.start();
      else if (step.event === 'text') s.inputText(step.text);
      else if (step.event === 'dtmf') s.inputDtmf(step.digits);
      else if (step.event === 'silence') s.inputSilence();
      else if (step.event === 'notify') s.notify(cc.Notice[step.notice.toUpperCase()]);
      same(snake(s.drain()), want.steps[i], `${call.name} step ${i}`);
    });
    same(s.summary(), want.summary, `${call.name} summary`);
    s.close();
  });
  engine.close();
});

function runOp(crm, step) {
  const a = step.args || {};
  const camel = (o, skip) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== skip)
    .map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));
  switch (step.op) {
    case 'upsert_customer': return crm.upsertCustomer(a.phone, camel(a, 'phone'));
    case 'customer': return snake(crm.customer(step.key));
    case 'search_customers': return crm.searchCustomers(step.query).map((c) => c.id);
    case 'erase_customer': return crm.eraseCustomer(step.key);
    case 'start_call': return crm.startCall(a.call_id, camel(a, 'call_id'));
    case 'update_call': return crm.updateCall(a.call_id, camel(a, 'call_id'));
    case 'end_call': return crm.endCall(a.call_id, a.status, a.outcome);
    case 'call': return snake(crm.call(step.id));
    case 'append_turn': return crm.appendTurn(a.call_id, a.speaker, a.text, { language: a.language, seq: a.seq });
    case 'transcript': return snake(crm.transcript(step.id));
    case 'create_ticket': return crm.createTicket(a.subject, camel(a, 'subject'));
    case 'ticket': return snake(crm.ticket(step.id));
    case 'ticket_history': return crm.ticketHistory(step.id).map((h) => ({
      action: h.action, old_value: h.oldValue, new_value: h.newValue, changed_by: h.changedBy }));
    case 'upsert_agent': return crm.upsertAgent(a.id, camel(a, 'id'));
    case 'agent': return snake(crm.agent(step.id));
    case 'assign_ticket': return crm.assignTicket(a.id, a.agent_id);
    case 'set_ticket_status': return crm.setTicketStatus(a.id, a.status, { who: a.who });
    default: throw new Error(`unknown op ${step.op}`);
  }
}

test('CRM script', () => {
  const script = load('crm.json');
  const saved = {};
  const sub = (v) => {
    if (typeof v === 'string' && v.startsWith('$')) return saved[v.slice(1)];
    if (Array.isArray(v)) return v.map(sub);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sub(x)]));
    return v;
  };
  const store = new cc.Store('memory:');
  const crm = new cc.CRM(store, { defaultRegion: script.region, clock: () => script.clock_ms });
  script.steps.forEach((raw, i) => {
    const step = sub(raw);
    const where = `step ${i} (${step.op})`;
    let got;
    try {
      got = runOp(crm, step);
    } catch (e) {
      if (!(e instanceof cc.CallCenterError)) throw e;
      assert.strictEqual(e.code, step.error, `${where}: ${e.message}`);
      return;
    }
    assert.ok(!('error' in step), `${where}: expected ${step.error}`);
    if (step.save) saved[step.save] = got;
    if (step.expect_prefix) assert.ok(got.startsWith(step.expect_prefix), where);
    if ('expect' in step) {
      let want = step.expect;
      if (want && typeof want === 'object' && !Array.isArray(want)) {
        got = Object.fromEntries(Object.keys(want).map((k) => [k, got[k]]));
      }
      same(got, want, where);
    }
  });
  crm.close();
  store.close();
});
