'use strict';
// Runs examples/node once each, non-interactively, and checks their output.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const DIR = path.resolve(__dirname, '..', '..', '..', 'examples', 'node');
const OPEN = '2026-11-22T10:00+03:00';   // a Sunday morning in Damascus: open
const run = (script, args, input = '') =>
  execFileSync(process.execPath, [path.join(DIR, script), ...args], { input, encoding: 'utf8', timeout: 60000 });

test('text IVR: an Arabic complaint', () => {
  const out = run('text-ivr.js', ['--at', OPEN], `${['أحمد محمد', '٠٥٥٩٨٧٦٥٤٣', 'ahmed@example.com',
    'عندي شكوى، الخدمة سيئة جدا', 'نعم', 'الفاتورة جاتني مرتين والانترنت مقطوع من يومين'].join('\n')}\n`);
  assert.ok(out.includes('bot: من فضلك، ما اسمك الكريم؟'));
  assert.ok(out.includes('[routed to complaints'));
  assert.match(out, /\[ticket TKT_\d{8}_\w+: complaint, priority urgent\]/);
  assert.ok(out.includes('[transfer to complaints now'));
  assert.match(out, /crm: ticket TKT_\w+ is open, priority urgent, for \+966\*+43/);
  assert.ok(out.includes('outcome agent_answered'));
});

test('text IVR: an English sales call with keys and silence', () => {
  const out = run('text-ivr.js', ['--lang', 'en', '--at', OPEN], `${['Sara Ali', '#0501234567', '.',
    'sara dot ali at example dot com', 'I want to buy the new internet package', '#1'].join('\n')}\n`);
  assert.ok(out.includes('bot: I did not hear anything. Are you still there?'));
  assert.ok(out.includes('[queued for sales'));
  assert.ok(out.includes('department sales, ticket null'));
});

test('LiveKit-style agent with a fake host', () => {
  const out = run('livekit-agent.js', ['--at', OPEN]);
  assert.ok(out.includes('agent (ar, tts): من فضلك، ما اسمك الكريم؟'));
  assert.ok(out.includes('crm: customer أ*** م***, +966*******43'));   // region SA, masked
  assert.match(out, /host: ticket TKT_\w+ opened: .*priority urgent, status open/);
  assert.ok(out.includes('host: transferring the caller to the complaints queue'));
  assert.match(out, /crm: call CALL_\w+ status transferred, department complaints, outcome agent_answered/);
});
