'use strict';
// The cross-language conformance fixtures (tests/conformance/), which C and
// Python reproduce too.  Node objects use camelCase; they are compared in
// the fixtures' snake_case form.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const cc = require('..');

const DIR = path.resolve(__dirname, '..', '..', '..', 'tests', 'conformance');
const load = (name) => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'));

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
  for (const c of load('analysis.json').cases) {
    const a = snake(cc.analyze(c.text, c.region));
    delete a.text;
    same(a, c.expect, c.text);
  }
});

test('routing', () => {
  const engine = new cc.Engine(null, { env: {} });
  for (const c of load('routing.json').cases) {
    const r = snake(engine.route(c.text));
    r.matched = r.matched_terms;   // the fixture lists the terms
    delete r.matched_terms;
    same(r, c.expect, c.text);
  }
  engine.close();
});

test('scripted calls', () => {
  const engine = new cc.Engine(null, { env: {} });
  for (const call of load('call.json').calls) {
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
      same(snake(s.drain()), step.actions, `${call.name} step ${i}`);
    });
    same(s.summary(), call.summary, `${call.name} summary`);
    s.close();
  }
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
