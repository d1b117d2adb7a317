'use strict';
// Stores and the CRM through koffi: records, errors, recorder, async calls.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const cc = require('..');

function open(t) {
  const store = new cc.Store('memory:');
  const crm = new cc.CRM(store, { defaultRegion: 'SA' });
  t.after(() => { crm.close(); store.close(); });
  return { store, crm };
}

test('stores by URI', () => {
  const st = new cc.Store('memory:');
  assert.strictEqual(st.backend, 'memory');
  assert.strictEqual(st.schemaVersion, cc.Store.schemaLatest());
  assert.strictEqual(st.migrate(), 0);
  assert.strictEqual(st.pending, 0);
  st.close();
  assert.throws(() => st.pending, /closed/);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-')), 'crm.db');
  const sq = new cc.Store(`sqlite:${file}`);
  assert.strictEqual(sq.backend, 'sqlite');
  sq.close();
  assert.ok(fs.existsSync(file));
  assert.throws(() => new cc.Store('nosuchscheme:x'), (e) => e.code === 'CC_EUNSUPPORTED');
});

test('customers', (t) => {
  const { crm } = open(t);
  const id = crm.upsertCustomer('+966559876543', { name: 'أحمد صالح', email: 'Ahmed@Example.com', vip: true });
  assert.match(id, /^CUST_/);
  assert.strictEqual(crm.upsertCustomer('00966559876543', { tier: 'gold' }), id);
  const c = crm.customer(id);
  assert.strictEqual(c.phone, '+966559876543');
  assert.strictEqual(c.email, 'ahmed@example.com');
  assert.strictEqual(c.tier, 'gold');
  assert.strictEqual(c.vip, true);
  assert.deepStrictEqual(crm.searchCustomers('أحمد').map((x) => x.id), [id]);
  assert.throws(() => crm.customer('CUST_NOPE'), cc.NotFoundError);
  assert.throws(() => crm.upsertCustomer('not a phone'), cc.InvalidInputError);
  assert.throws(() => crm.upsertCustomer('+966559876543', { tier: 'diamond' }), cc.InvalidInputError);
  crm.eraseCustomer(id);
  assert.strictEqual(crm.customer(id).phone, null);
});

test('calls, transcripts, tickets and agents', (t) => {
  const { crm } = open(t);
  const callId = crm.startCall(null, { customerPhone: '+966559876543', language: 'ar' });
  assert.match(callId, /^CALL_/);
  assert.ok(crm.updateCall(callId, { stage: 'collect_name', department: 'sales' }));
  crm.appendTurn(callId, 'customer', 'مرحبا', { seq: 1 });
  crm.appendTurn(callId, 'customer', 'مرحبا', { seq: 1 });
  crm.appendTurn(callId, 'bot', 'أهلاً', { seq: 2 });
  assert.deepStrictEqual(crm.transcript(callId).map((x) => [x.seq, x.speaker, x.text]),
    [[1, 'customer', 'مرحبا'], [2, 'bot', 'أهلاً']]);
  crm.endCall(callId, 'completed', 'resolved');
  const call = crm.call(callId);
  assert.deepStrictEqual([call.status, call.outcome, call.department], ['completed', 'resolved', 'sales']);
  assert.throws(() => crm.updateCall(callId, { status: 'exploded' }), cc.InvalidInputError);

  const tid = crm.createTicket('Internet down', { department: 'complaints', priority: 'high', idempotencyKey: 'k-1' });
  assert.strictEqual(crm.createTicket('dup', { idempotencyKey: 'k-1' }), tid);
  crm.upsertAgent('agent-1', { name: 'Sara', department: 'complaints', skills: ['billing'], languages: ['ar', 'en'] });
  crm.setAgentStatus('agent-1', 'available');
  assert.deepStrictEqual(crm.agent('agent-1').languages, ['ar', 'en']);
  assert.deepStrictEqual(crm.agents({ department: 'complaints', availableOnly: true }).map((a) => a.id), ['agent-1']);
  crm.assignTicket(tid, 'agent-1');
  assert.strictEqual(crm.ticket(tid).status, 'in_progress');
  crm.addTicketNote(tid, 'called back', { who: 'agent-1' });
  crm.setTicketStatus(tid, 'resolved');
  crm.setTicketStatus(tid, 'closed');
  assert.throws(() => crm.setTicketStatus(tid, 'resolved'), cc.StateError);
  const history = crm.ticketHistory(tid).map((h) => h.action);
  assert.strictEqual(history[0], 'created');
  assert.ok(history.includes('note'));
  assert.deepStrictEqual(crm.searchTickets({ status: 'closed' }).map((x) => x.id), [tid]);
  assert.throws(() => crm.searchTickets({ status: 'bogus' }), cc.InvalidInputError);
  assert.throws(() => crm.createTicket(''), cc.InvalidInputError);
});

test('the CRM recorder writes a whole session', (t) => {
  const { crm } = open(t);
  const engine = new cc.Engine(null, { env: {} });
  const s = new cc.Session(engine, {
    seed: 7, startMs: 1000, wallClockMs: 1795330800000, region: 'SA', callerNumber: '+966559876543',
    recorder: crm.recorder(),
  });
  s.start();
  for (const x of ['أحمد محمد', '٠٥٥٩٨٧٦٥٤٣', 'ahmed@example.com', 'عندي شكوى، الخدمة سيئة جدا', 'نعم',
    'الفاتورة جاتني مرتين']) {
    s.inputText(x);
    s.drain();
  }
  assert.deepStrictEqual(s.recorderErrors, []);
  assert.strictEqual(crm.call(s.callId).department, 'complaints');
  const ticket = crm.ticket(s.ticketId);
  assert.strictEqual(ticket.callId, s.callId);
  assert.strictEqual(ticket.customerName, 'أحمد محمد');
  assert.strictEqual(crm.transcript(s.callId).length, s.transcript.length);
  assert.strictEqual(crm.customer('+966559876543').email, 'ahmed@example.com');
  s.close();
  engine.close();
});

test('the CRM recorder is the library\'s own', (t) => {
  const { crm } = open(t);
  // The CRM methods a JavaScript recorder would call are switched off: the
  // call is still written, so no JavaScript runs per event.
  for (const m of ['startCall', 'updateCall', 'appendTurn', 'upsertCustomer', 'createTicket', 'endCall']) {
    crm[m] = () => { throw new Error('the recorder ran JavaScript'); };
  }
  const engine = new cc.Engine(null, { env: {} });
  const s = new cc.Session(engine, { seed: 7, region: 'SA', callerNumber: 'anonymous', recorder: crm.recorder() });
  s.start();
  s.drain();
  s.inputText('أحمد محمد');
  s.drain();
  assert.strictEqual(s.recorderFailures, 0);
  // A caller ID that is no phone number still records the call.
  const call = crm.call(s.callId);
  assert.strictEqual(call.customerPhone, null);
  assert.strictEqual(call.status, 'ivr_processing');
  assert.strictEqual(crm.transcript(s.callId).length, s.transcript.length);
  s.close();
  engine.close();
});

test('async forms run on worker threads, in parallel', async (t) => {
  const { store, crm } = open(t);
  const ids = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    crm.upsertCustomerAsync(`+96655${String(1000000 + i)}`, { name: `Caller ${i}` })));
  assert.strictEqual(new Set(ids).size, 20);
  assert.strictEqual((await crm.customerAsync(ids[3])).name, 'Caller 3');
  await assert.rejects(crm.customerAsync('CUST_NOPE'), cc.NotFoundError);
  assert.strictEqual(await store.flushAsync(), 0);
  const st = await cc.Store.open('memory:');
  assert.strictEqual(st.backend, 'memory');
  st.close();
});
