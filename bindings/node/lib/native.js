'use strict';
// Finds, loads and checks libcallcenter and declares the C functions with
// koffi.  Lookup order: CALLCENTER_LIBRARY, the build tree of a source
// checkout (build/lib/), then the system's dynamic loader.
const fs = require('node:fs');
const path = require('node:path');
const koffi = require('koffi');

const MIN_VERSION = [0, 1, 0];
const SONAME = 'libcallcenter.so.0';

function candidates() {
  if (process.env.CALLCENTER_LIBRARY) return [process.env.CALLCENTER_LIBRARY];
  return [path.resolve(__dirname, '..', '..', '..', 'build', 'lib', SONAME), SONAME];
}

function load() {
  const tried = [];
  for (const p of candidates()) {
    if (p.includes('/') && !fs.existsSync(p)) {
      tried.push(`${p} (missing)`);
      continue;
    }
    try {
      return { lib: koffi.load(p), path: p };
    } catch (e) {
      tried.push(`${p} (${e.message})`);
    }
  }
  throw new Error('libcallcenter not found; set CALLCENTER_LIBRARY to the path ' +
                  `of ${SONAME}. Tried: ${tried.join('; ')}`);
}

const { lib, path: libraryPath } = load();

const Buf = koffi.struct('cc_buf', { ptr: 'void *', reserved: 'size_t', size: 'size_t' });
const ErrorInfo = koffi.struct('cc_error', {
  code: 'int', klass: 'int', message: 'const char *', backend_code: 'int', sqlstate: koffi.array('char', 6, 'String'),
});

// Every function the binding calls, declared once.  A missing symbol means
// the library is older than the binding.
const prototypes = {
  cc_version: 'int cc_version(_Out_ int *major, _Out_ int *minor, _Out_ int *patch)',
  cc_version_string: 'const char *cc_version_string(void)',
  cc_features: 'int cc_features(void)',
  cc_error_last: 'cc_error *cc_error_last(void)',
  cc_error_clear: 'void cc_error_clear(void)',
  cc_strerror: 'const char *cc_strerror(int code)',
  cc_error_name: 'const char *cc_error_name(int code)',
  cc_error_class_name: 'const char *cc_error_class_name(int klass)',
  cc_buf_dispose: 'void cc_buf_dispose(cc_buf *buf)',
  cc_log_set_level: 'int cc_log_set_level(int level)',
  cc_log_get_level: 'int cc_log_get_level(void)',
  cc_log_level_parse: 'int cc_log_level_parse(_Out_ int *out, const char *name)',
  cc_log_mask_phone: 'int cc_log_mask_phone(_Inout_ cc_buf *out, const char *phone)',
  cc_log_mask_email: 'int cc_log_mask_email(_Inout_ cc_buf *out, const char *email)',
  cc_log_mask_name: 'int cc_log_mask_name(_Inout_ cc_buf *out, const char *name)',
  cc_log_scrub: 'int cc_log_scrub(_Inout_ cc_buf *out, const char *text)',
};

const fn = {};
function declare(protos) {
  for (const [name, proto] of Object.entries(protos)) {
    try {
      fn[name] = lib.func(proto);
    } catch (e) {
      throw new Error(`libcallcenter at ${libraryPath} is incompatible: ${name}: ${e.message}`);
    }
  }
}
declare(prototypes);

const version = (() => {
  const a = [0], b = [0], c = [0];
  fn.cc_version(a, b, c);
  return [a[0], b[0], c[0]];
})();
const tooOld = version[0] !== MIN_VERSION[0] ||
  version[1] < MIN_VERSION[1] || (version[1] === MIN_VERSION[1] && version[2] < MIN_VERSION[2]);
if (tooOld) {
  throw new Error(`libcallcenter at ${libraryPath} is version ${version.join('.')}; ` +
                  `this binding needs ${MIN_VERSION.join('.')} or newer with the same major version`);
}

module.exports = { koffi, lib, fn, declare, Buf, ErrorInfo, libraryPath, version };
