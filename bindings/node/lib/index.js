'use strict';
// Node bindings for libcallcenter.
const native = require('./native');
const { fn } = native;
const errors = require('./errors');
const { str, callBuf } = require('./util');
const text = require('./text');
const engine = require('./engine');
const session = require('./session');
const crm = require('./crm');
const provider = require('./provider');
const implement = require('./implement');

const Feature = Object.freeze({
  THREADS: 1 << 0, SQLITE: 1 << 1, POSTGRES: 1 << 2, OPUS: 1 << 3,
  CURL: 1 << 4, ESPEAK: 1 << 5, STEMMER: 1 << 6, SPEEXDSP: 1 << 7,
});
const LogLevel = Object.freeze({ NONE: 0, ERROR: 1, WARN: 2, INFO: 3, DEBUG: 4, TRACE: 5 });

function setLogLevel(level) {
  if (typeof level === 'string') {
    const out = [0];
    errors.check(fn.cc_log_level_parse(out, level));
    level = out[0];
  }
  errors.check(fn.cc_log_set_level(level));
}

module.exports = {
  ...errors,
  ...text,
  ...engine,
  ...session,
  ...crm,
  ...provider,
  ...implement,
  Feature,
  LogLevel,
  libraryPath: native.libraryPath,
  version: () => fn.cc_version_string(),
  versionInfo: native.version,
  features: () => fn.cc_features(),
  strerror: (code) => fn.cc_strerror(code),
  errorName: (code) => fn.cc_error_name(code),
  setLogLevel,
  getLogLevel: () => fn.cc_log_get_level(),
  maskPhone: (phone) => callBuf(fn.cc_log_mask_phone, str(phone, 'phone')),
  maskEmail: (email) => callBuf(fn.cc_log_mask_email, str(email, 'email')),
  maskName: (name) => callBuf(fn.cc_log_mask_name, str(name, 'name')),
  scrub: (text) => callBuf(fn.cc_log_scrub, str(text)),
};
