'use strict';
// Strings in and out: argument checks and cc_buf results.
const { koffi, fn } = require('./native');
const { check } = require('./errors');

function str(value, what = 'text') {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  if (value.includes('\0')) throw new RangeError(`${what} must not contain NUL characters`);
  return value;
}

function optStr(value, what = 'text') {
  return value === null || value === undefined ? null : str(value, what);
}

// Calls f(buf, ...args), checks the result and returns the text, always
// releasing the library's buffer.
function callBuf(f, ...args) {
  const buf = { ptr: null, reserved: 0, size: 0 };
  try {
    check(f(buf, ...args));
    return buf.ptr ? koffi.decode(buf.ptr, 'char', Number(buf.size)) : '';
  } finally {
    fn.cc_buf_dispose(buf);
  }
}

// Runs a declared function on koffi's worker threads and resolves with its
// result (for calls that block on a database or the network).
function callAsync(f, ...args) {
  return new Promise((resolve, reject) => {
    f.async(...args, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

module.exports = { str, optStr, callBuf, callAsync };
