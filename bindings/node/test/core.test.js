'use strict';
// The common API through koffi: loading, version, errors, masking.
const test = require('node:test');
const assert = require('node:assert');
const cc = require('..');

test('version matches the loaded library', () => {
  assert.match(cc.version(), /^\d+\.\d+\.\d+$/);
  assert.strictEqual(cc.versionInfo.join('.'), cc.version());
  if (process.env.CALLCENTER_LIBRARY) assert.strictEqual(cc.libraryPath, process.env.CALLCENTER_LIBRARY);
  assert.ok(cc.features() & cc.Feature.THREADS);
});

test('a missing library is one clear error', () => {
  const { spawnSync } = require('node:child_process');
  const r = spawnSync(process.execPath, ['-e', "require('..')"], {
    cwd: __dirname, encoding: 'utf8',
    env: { ...process.env, CALLCENTER_LIBRARY: '/nonexistent/libcallcenter.so.0' },
  });
  assert.notStrictEqual(r.status, 0);
  assert.match(r.stderr, /libcallcenter not found; set CALLCENTER_LIBRARY/);
  assert.match(r.stderr, /\/nonexistent\/libcallcenter\.so\.0 \(missing\)/);
});

test('error names and texts', () => {
  assert.strictEqual(cc.errorName(-2), 'CC_EINVAL');
  assert.strictEqual(cc.strerror(-2), 'invalid argument');
});

test('a bad log level throws InvalidInputError with the library message', () => {
  assert.throws(() => cc.setLogLevel('loud'), (e) => {
    assert.ok(e instanceof cc.InvalidInputError);
    assert.ok(e instanceof cc.CallCenterError);
    assert.strictEqual(e.code, 'CC_EINVAL');
    assert.strictEqual(e.errno, -2);
    assert.match(e.detail, /unknown log level/);
    return true;
  });
  assert.throws(() => cc.setLogLevel(42), cc.InvalidInputError);
  const old = cc.getLogLevel();
  cc.setLogLevel('debug');
  assert.strictEqual(cc.getLogLevel(), cc.LogLevel.DEBUG);
  cc.setLogLevel(old);
});

test('non-strings are refused before reaching C', () => {
  assert.throws(() => cc.maskPhone(null), TypeError);
  assert.throws(() => cc.maskPhone('05\u000059'), RangeError);
});

test('masks', () => {
  assert.strictEqual(cc.maskPhone('+966559876543'), '+966*******43');
  assert.strictEqual(cc.maskPhone('٠٥٥٩٨٧٦٥٤٣'), '055*****43');
  assert.strictEqual(cc.maskEmail('ahmed@example.com'), 'a****@e******.com');
  assert.strictEqual(cc.maskName('أحمد صالح'), 'أ*** ص***');
  const out = cc.scrub('call me on +966 55 987 6543 or a@b.com');
  assert.ok(!out.includes('987'));
  assert.ok(out.includes('+966*******43'));
});
