'use strict';
// Engine, text analysis and routing through koffi.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const cc = require('..');

// Disposes x when the test ends (Symbol.dispose, as `using` would).
const own = (t, x) => { t.after(() => x[Symbol.dispose]()); return x; };

test('text: keys, language, phones, numbers', () => {
  assert.strictEqual(cc.matchKey('إستفسار'), cc.matchKey('استفسار'));
  assert.strictEqual(cc.matchKey('٠٥٥'), '055');
  const a = cc.analyze('رقمي ٠٥٥٩٨٧٦٥٤٣', 'SA');
  assert.strictEqual(a.language, 'ar');
  assert.deepStrictEqual(a.phones.map(String), ['+966559876543']);
  assert.strictEqual(a.numbers[0].digits, '0559876543');
  assert.deepStrictEqual(cc.detectLanguage('3ndi mshkle bl fatora'), { language: 'ar', arabizi: true });
  assert.strictEqual(cc.sentiment('الخدمة سيئة جدا').label, 'negative');
  assert.strictEqual(cc.cardinal('خمسة وعشرين'), 25);
  assert.throws(() => cc.cardinal('لا شيء'), cc.NotFoundError);
  const p = cc.parsePhone('zero five five nine eight seven six five four three', 'SA');
  assert.strictEqual(p.e164, '+966559876543');
  assert.strictEqual(p.type, 'mobile');
  assert.strictEqual(p.format(cc.PhoneFormat.NATIONAL), '055 987 6543');
  assert.throws(() => cc.parsePhone('055', 'SA'), (e) => e instanceof cc.InvalidInputError && e.problem === 'too_short');
  assert.throws(() => cc.parsePhone('0559876543', 'XX'), cc.InvalidInputError);
  assert.throws(() => cc.matchKey('x'.repeat(1024 * 1024 + 1)), (e) => e.code === 'CC_ETOOBIG');
  assert.throws(() => cc.analyze(null), TypeError);
  assert.strictEqual(cc.validateEmail('Ahmed@Example.COM'), 'Ahmed@example.com');
  assert.throws(() => cc.validateEmail('ahmed.example.com'), (e) => e instanceof cc.TextParseError && e.problem === 'no_at');
  assert.strictEqual(cc.findEmail('ايميلي ahmed at gmail dot com'), 'ahmed@gmail.com');
  assert.strictEqual(cc.findEmail('ما عندي ايميل'), null);
  assert.strictEqual(cc.cleanName('اسمي أحمد صالح'), 'أحمد صالح');
  assert.throws(() => cc.cleanName('12'), (e) => e.problem === 'not_a_name');
  assert.strictEqual(cc.nameKey('محمد'), cc.nameKey('Mohammed'));
  assert.strictEqual(cc.analyze('my email is sara dot ali at example dot com').email, 'sara.ali@example.com');
});

test('engine routes Arabic and English with priority and runner-up', () => {
  const engine = new cc.Engine(null, { env: {} });
  try {
    const r = engine.route('عندي شكوى على الفاتورة، الخدمة سيئة جدا');
    assert.strictEqual(r.department, 'complaints');
    assert.ok(r.confidence > 0.5);
    assert.strictEqual(r.reason, 'keywords');
    assert.strictEqual(r.matched[0].department, 'complaints');
    assert.ok(r.runnerUp);
    assert.ok(r.runnerUpConfidence <= r.confidence);
    assert.strictEqual(engine.route('I want to buy a new package, what is the price?').department, 'sales');
    const u = engine.route('urgent complaint, my service is down and this is terrible');
    assert.ok(u.urgent);
    assert.ok(cc.priorityRank(u.priority) >= cc.priorityRank(cc.Priority.HIGH));
    const d = engine.route('');
    assert.strictEqual(d.department, engine.ivr.defaultDepartment);
    assert.strictEqual(d.reason, 'default');
  } finally {
    engine.close();
  }
});

test('engine configuration objects, prompts, FAQ, hours, rules', (t) => {
  const engine = own(t, new cc.Engine(null, { env: {} }));
  assert.deepStrictEqual(engine.departments.slice(0, 3).map((d) => d.id), ['reception', 'sales', 'complaints']);
  assert.strictEqual(engine.department('sales').nameEn, 'Sales');
  assert.throws(() => engine.department('nope'), RangeError);
  assert.strictEqual(engine.fields[0].name, 'name');
  assert.ok(engine.feature('crm'));
  assert.throws(() => engine.feature('no_such_feature'), cc.NotFoundError);
  assert.strictEqual(engine.retentionDays('transcripts'), 90);
  assert.strictEqual(engine.resolutionHours('critical'), 4);
  assert.ok('departments' in engine.config);
  const p = engine.prompt('ask_name', 'en-US');
  assert.strictEqual(p.language, 'en');
  assert.ok(p.text.length > 0);
  assert.throws(() => engine.prompt('no.such.prompt'), cc.NotFoundError);
  assert.strictEqual(engine.faq('zzzz qqqq'), null);
  assert.ok(engine.isOpen(new Date('2026-11-21T08:00:00Z')));      // Saturday 11:00 Damascus
  assert.ok(!engine.isOpen(new Date('2026-11-21T00:00:00Z')));
  assert.ok(engine.nextOpening(new Date('2026-11-21T00:00:00Z')) > new Date('2026-11-21T00:00:00Z'));
  const rules = engine.evaluateRules({ department: 'complaints', urgent: true, open: true }, { trace: true });
  assert.ok(rules.actions.some((a) => a.kind === 'create_ticket'));
  assert.strictEqual(rules.priority, 'urgent');
  assert.ok(rules.trace.some((l) => l.startsWith('urgent_priority: fired')));
});

test('engine from an object, a file and JSON; bad configuration names the path', (t) => {
  const cfg = { company: { name_en: 'Test Co', name_ar: 'شركة تجربة' } };
  const a = own(t, new cc.Engine(cfg, { env: {} }));
  assert.strictEqual(a.companyName('en'), 'Test Co');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-')), 'c.json');
  fs.writeFileSync(file, JSON.stringify(cfg));
  const b = own(t, cc.Engine.fromFile(file, { env: {} }));
  assert.strictEqual(b.companyName('ar'), 'شركة تجربة');
  const c = own(t, cc.Engine.fromJSON(JSON.stringify(cfg), { env: {} }));
  assert.strictEqual(c.companyName('en'), 'Test Co');
  assert.throws(() => new cc.Engine({ departments: 5 }, { env: {} }),
    (e) => e instanceof cc.InvalidInputError && e.code === 'CC_ECONFIG' && /departments/.test(e.detail));
  assert.throws(() => cc.Engine.fromJSON('{"company": ', { env: {} }), (e) => e.code === 'CC_EPARSE');
  assert.throws(() => cc.Engine.fromFile('/nonexistent/c.json', { env: {} }), (e) => e.code === 'CC_EIO');
  assert.throws(() => new cc.Engine(null, { env: { IVR_MAX_RETRIES: 'many' } }), (e) => e.code === 'CC_ECONFIG');
  const d = own(t, new cc.Engine(null, { env: { IVR_MAX_RETRIES: '5' } }));
  assert.strictEqual(d.ivr.maxRetries, 5);
});

test('classifier hook: decisions, passthrough and exceptions', (t) => {
  const seen = [];
  const e = own(t, new cc.Engine(null, {
    env: {},
    classifier: (text, keyword) => {
      seen.push([text, keyword.department]);
      if (text.includes('boom')) throw new Error('model down');
      return text.includes('widget') ? ['sales', 0.99] : null;
    },
  }));
  const r = e.route('I need a widget');
  assert.strictEqual(r.department, 'sales');
  assert.strictEqual(r.reason, 'classifier');
  assert.strictEqual(e.route('عندي شكوى').department, 'complaints');
  assert.throws(() => e.route('boom'), /model down/);
  assert.strictEqual(seen[0][0], 'I need a widget');
  e.close();
  assert.throws(() => e.route('hello'), /closed/);
});
