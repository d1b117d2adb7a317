'use strict';
// Errors thrown for the library's negative return codes.
const { koffi, fn, ErrorInfo } = require('./native');

class CallCenterError extends Error {
  constructor(code, name, message, klass = '', backendCode = 0, sqlstate = '') {
    super(`${name}: ${message}`);
    this.name = 'CallCenterError';
    this.code = name;         // "CC_EINVAL", as Node errors carry string codes
    this.errno = code;        // the negative number
    this.detail = message;
    this.klass = klass;
    this.backendCode = backendCode;
    this.sqlstate = sqlstate;
  }
}
class InvalidInputError extends CallCenterError {
  constructor(...a) { super(...a); this.name = 'InvalidInputError'; }
}
class NotFoundError extends CallCenterError {
  constructor(...a) { super(...a); this.name = 'NotFoundError'; }
}
class AlreadyExistsError extends CallCenterError {
  constructor(...a) { super(...a); this.name = 'AlreadyExistsError'; }
}
class StateError extends CallCenterError {
  constructor(...a) { super(...a); this.name = 'StateError'; }
}
class StoreError extends CallCenterError {
  constructor(...a) { super(...a); this.name = 'StoreError'; }
}

const BY_NAME = {
  CC_EINVAL: InvalidInputError, CC_EUTF8: InvalidInputError, CC_EPARSE: InvalidInputError,
  CC_ERANGE: InvalidInputError, CC_ETOOBIG: InvalidInputError, CC_ECONFIG: InvalidInputError,
  CC_ENOTFOUND: NotFoundError, CC_EEXISTS: AlreadyExistsError, CC_ESTATE: StateError,
  CC_ESTORE: StoreError, CC_ENETWORK: StoreError, CC_EBUSY: StoreError,
};

// Returns rc when it is not an error, else throws the mapped error built
// from the thread's last error.
function check(rc) {
  if (rc >= 0) return rc;
  // cc_error_last() is never NULL; koffi returns the pointer, decoded here.
  const e = koffi.decode(fn.cc_error_last(), ErrorInfo);
  const name = fn.cc_error_name(rc);
  const message = e.code === rc ? e.message : fn.cc_strerror(rc);
  const Cls = BY_NAME[name] || CallCenterError;
  throw new Cls(rc, name, message, fn.cc_error_class_name(e.klass),
                e.backend_code, e.sqlstate);
}

// check() for a call that ran on a koffi worker thread: the thread-local
// last error stayed there, so the error has the code and its general text.
function checkAsync(rc) {
  if (rc >= 0) return rc;
  const name = fn.cc_error_name(rc);
  const Cls = BY_NAME[name] || CallCenterError;
  throw new Cls(rc, name, fn.cc_strerror(rc));
}

module.exports = {
  CallCenterError, InvalidInputError, NotFoundError, AlreadyExistsError, StateError, StoreError,
  check, checkAsync,
};
