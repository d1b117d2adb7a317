'use strict';
// The IVR session through koffi: actions, recorder callbacks, snapshot.
const test = require('node:test');
const assert = require('node:assert');
const cc = require('..');

const OPEN_MS = 1795330800000;   // Sunday 2026-11-22 10:00 in Damascus
const CALL = ['أحمد محمد', '٠٥٥٩٨٧٦٥٤٣', 'ahmed@example.com', 'عندي شكوى، الخدمة سيئة جدا', 'نعم',
  'الفاتورة جاتني مرتين والانترنت مقطوع من يومين'];
const engine = new cc.Engine(null, { env: {} });
test.after(() => engine.close());

const newSession = (options = {}) =>
  new cc.Session(engine, { seed: 7, startMs: 1000, wallClockMs: OPEN_MS, region: 'SA', ...options });

test('start gives the greeting, the first question and an expect', () => {
  const s = newSession();
  assert.strictEqual(s.stage, cc.Stage.WELCOME);
  s.start();
  const actions = s.drain();
  assert.strictEqual(actions[0].type, 'say');
  assert.strictEqual(actions[0].key, 'greeting');
  assert.strictEqual(actions.at(-1).type, 'expect');
  assert.strictEqual(actions.at(-1).field, 'name');
  assert.deepStrictEqual(actions.map((a) => a.seq), actions.map((_, i) => i + 1));
  assert.deepStrictEqual(s.drain(), []);
  assert.strictEqual(s.stage, 'collect_name');
  assert.throws(() => s.start(), cc.StateError);
  s.close();
  assert.throws(() => s.inputText('after close'), /closed/);
});

test('a complaint call routes, and the recorder makes the ticket', () => {
  const events = [];
  const recorder = {
    callStarted: (r) => events.push(['callStarted', r]),
    turnAdded: (r) => events.push(['turnAdded', r]),
    customerConfirmed: (r) => events.push(['customerConfirmed', r]),
    ticketCreate: (r) => { events.push(['ticketCreate', r]); return 'TKT_FROM_RECORDER_1'; },
    callEnded: (r) => events.push(['callEnded', r]),
  };
  const s = newSession({ recorder });
  s.start();
  const seen = s.drain();
  for (const t of CALL) { s.inputText(t); seen.push(...s); }
  const routes = seen.filter((a) => a.type === 'route');
  assert.strictEqual(routes.length, 1);
  assert.strictEqual(routes[0].department, 'complaints');
  const tickets = seen.filter((a) => a.type === 'ticket');
  assert.strictEqual(tickets.length, 1);
  assert.strictEqual(tickets[0].ticketId, 'TKT_FROM_RECORDER_1');
  assert.strictEqual(tickets[0].kind, 'complaint');
  assert.strictEqual(s.ticketId, 'TKT_FROM_RECORDER_1');
  assert.strictEqual(s.field('phone'), '+966559876543');
  assert.strictEqual(s.fields.email, 'ahmed@example.com');
  assert.strictEqual(s.summary().ticket, 'TKT_FROM_RECORDER_1');
  const kinds = new Set(events.map((e) => e[0]));
  for (const k of ['callStarted', 'turnAdded', 'customerConfirmed', 'ticketCreate']) assert.ok(kinds.has(k), k);
  const confirmed = events.find((e) => e[0] === 'customerConfirmed')[1];
  assert.strictEqual(confirmed.fields.phone, '+966559876543');
  assert.ok(events.some((e) => e[0] === 'turnAdded' && e[1].speaker === 'caller' && e[1].text === 'أحمد محمد'));
  const keys = events.map((e) => e[1].idempotencyKey);
  assert.strictEqual(new Set(keys).size, keys.length);
  s.close();
});

test('recorder exceptions are counted, not thrown', () => {
  const old = cc.getLogLevel();
  cc.setLogLevel('none');
  try {
    const s = newSession({ recorder: { turnAdded: () => { throw new Error('database down'); } } });
    s.start();
    s.inputText('أحمد محمد');
    s.drain();
    assert.ok(s.recorderFailures > 0);
    assert.match(s.recorderErrors[0].message, /database down/);
    assert.strictEqual(s.stage, 'collect_phone');
    s.close();
  } finally {
    cc.setLogLevel(old);
  }
});

test('silence ends the call; bad DTMF and input after the end are refused', () => {
  const s = newSession();
  s.start();
  s.drain();
  assert.throws(() => s.inputDtmf('12x'), cc.InvalidInputError);
  for (let i = 0; i < 10 && !s.ended; i++) { s.inputSilence(); s.drain(); }
  assert.ok(s.ended);
  assert.strictEqual(s.summary().outcome, 'no_input');
  assert.strictEqual(s.nextDeadline, null);
  assert.throws(() => s.inputText('hello'), cc.StateError);
  s.notify(cc.Notice.CALLER_HUNG_UP);
  s.close();
});

test('snapshot and restore continue identically', () => {
  const a = newSession({ callId: 'CALL_SNAPSHOT_TEST' });
  a.start();
  a.drain();
  a.inputText(CALL[0]);
  a.drain();
  const b = cc.Session.restore(engine, a.snapshot());
  assert.strictEqual(b.callId, 'CALL_SNAPSHOT_TEST');
  for (const t of CALL.slice(1)) {
    a.inputText(t);
    b.inputText(t);
    assert.deepStrictEqual(b.drain(), a.drain());
  }
  a.close();
  b.close();
  assert.throws(() => cc.Session.restore(engine, '{"not": "a snapshot"}'), cc.InvalidInputError);
});

test('bad options and oversized input change nothing', () => {
  assert.throws(() => new cc.Session(engine, { language: 'fr' }), cc.InvalidInputError);
  assert.throws(() => new cc.Session({}), TypeError);
  const s = newSession();
  s.start();
  assert.throws(() => s.inputText('x'.repeat(5000)), (e) => e.code === 'CC_ETOOBIG');
  assert.strictEqual(s.stage, 'collect_name');
  s.inputText('Sara Ali', { language: 'en' });
  assert.ok(s.transcript.some((t) => t.speaker === 'caller' && t.text === 'Sara Ali'));
  s[Symbol.dispose]();
});
