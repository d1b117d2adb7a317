"""Finds, loads and checks libcallcenter, and declares the C functions.

The library is looked up in this order: the path in the CALLCENTER_LIBRARY
environment variable; the build tree of a source checkout (build/lib/);
the system (the libdir pkg-config reports, then the dynamic loader's search
path).  A missing or too old library raises one clear ImportError.
"""
import ctypes
import ctypes.util
import os
import subprocess

from . import _errors

#: The oldest library version these bindings work with (major, minor, patch).
MIN_VERSION = (0, 1, 0)
_SONAME = 'libcallcenter.so.0'


class Buf(ctypes.Structure):
    """struct cc_buf: bytes made by the library, freed by cc_buf_dispose."""
    _fields_ = [('ptr', ctypes.c_void_p), ('reserved', ctypes.c_size_t),
                ('size', ctypes.c_size_t)]


class Error(ctypes.Structure):
    """struct cc_error: the thread-local last error."""
    _fields_ = [('code', ctypes.c_int), ('klass', ctypes.c_int),
                ('message', ctypes.c_char_p), ('backend_code', ctypes.c_int),
                ('sqlstate', ctypes.c_char * 6)]


def _candidates():
    env = os.environ.get('CALLCENTER_LIBRARY')
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    # bindings/python/callcenter -> the checkout's build/lib
    tree = os.path.normpath(os.path.join(here, '..', '..', '..', 'build', 'lib'))
    yield os.path.join(tree, _SONAME)
    try:
        libdir = subprocess.run(
            ['pkg-config', '--variable=libdir', 'libcallcenter'],
            capture_output=True, text=True, timeout=10).stdout.strip()
        if libdir:
            yield os.path.join(libdir, _SONAME)
    except (OSError, subprocess.SubprocessError):
        pass
    found = ctypes.util.find_library('callcenter')
    if found:
        yield found
    yield _SONAME


def _load():
    tried = []
    for path in _candidates():
        if os.path.sep in path and not os.path.exists(path):
            tried.append(path + ' (missing)')
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append('%s (%s)' % (path, e))
    raise ImportError('libcallcenter not found; set CALLCENTER_LIBRARY to the '
                      'path of libcallcenter.so.0. Tried: ' + '; '.join(tried))


lib, path = _load()

# Declared once, here: every function the bindings call, with exact types
# (the default restype int would truncate pointers).
_c = ctypes
_SIGNATURES = [
    ('cc_version', _c.c_int, [_c.POINTER(_c.c_int)] * 3),
    ('cc_version_string', _c.c_char_p, []),
    ('cc_features', _c.c_int, []),
    ('cc_error_last', _c.POINTER(Error), []),
    ('cc_error_clear', None, []),
    ('cc_strerror', _c.c_char_p, [_c.c_int]),
    ('cc_error_name', _c.c_char_p, [_c.c_int]),
    ('cc_error_class_name', _c.c_char_p, [_c.c_int]),
    ('cc_buf_dispose', None, [_c.POINTER(Buf)]),
    ('cc_log_set_level', _c.c_int, [_c.c_int]),
    ('cc_log_get_level', _c.c_int, []),
    ('cc_log_level_parse', _c.c_int, [_c.POINTER(_c.c_int), _c.c_char_p]),
    ('cc_log_write', _c.c_int, [_c.c_int, _c.c_char_p]),
    ('cc_log_mask_phone', _c.c_int, [_c.POINTER(Buf), _c.c_char_p]),
    ('cc_log_mask_email', _c.c_int, [_c.POINTER(Buf), _c.c_char_p]),
    ('cc_log_mask_name', _c.c_int, [_c.POINTER(Buf), _c.c_char_p]),
    ('cc_log_scrub', _c.c_int, [_c.POINTER(Buf), _c.c_char_p]),
]


def declare(signatures):
    """Sets argtypes/restype for each (name, restype, argtypes); a missing
    symbol means the library is older than these bindings."""
    for name, restype, argtypes in signatures:
        try:
            fn = getattr(lib, name)
        except AttributeError:
            raise ImportError('libcallcenter at %s is incompatible: it lacks %s '
                              '(too old?)' % (path, name)) from None
        fn.restype = restype
        fn.argtypes = argtypes


declare(_SIGNATURES)


def _check_version():
    major, minor, patch = _c.c_int(), _c.c_int(), _c.c_int()
    lib.cc_version(_c.byref(major), _c.byref(minor), _c.byref(patch))
    got = (major.value, minor.value, patch.value)
    if got < MIN_VERSION or got[0] != MIN_VERSION[0]:
        raise ImportError('libcallcenter at %s is version %d.%d.%d; these '
                          'bindings need %d.%d.%d or newer with the same major '
                          'version' % ((path,) + got + MIN_VERSION))
    return got


version_info = _check_version()


def check(rc):
    """Returns rc when it is not an error, else raises the mapped exception
    built from the thread's last error."""
    if rc >= 0:
        return rc
    e = lib.cc_error_last().contents
    message = e.message.decode('utf-8', 'replace') if e.message else ''
    if e.code != rc:
        message = lib.cc_strerror(rc).decode()
    raise _errors.from_code(rc, lib.cc_error_name(rc).decode(), message,
                            lib.cc_error_class_name(e.klass).decode(),
                            e.backend_code, e.sqlstate.decode('ascii', 'replace'))


def take(buf):
    """Copies a filled cc_buf into a str and releases it."""
    try:
        if not buf.ptr:
            return ''
        return ctypes.string_at(buf.ptr, buf.size).decode('utf-8')
    finally:
        lib.cc_buf_dispose(ctypes.byref(buf))


def take_bytes(buf):
    """Copies a filled cc_buf into bytes and releases it."""
    try:
        return ctypes.string_at(buf.ptr, buf.size) if buf.ptr else b''
    finally:
        lib.cc_buf_dispose(ctypes.byref(buf))


def call_buf(fn, *args):
    """Calls fn(&buf, *args), checks the result, returns the text."""
    buf = Buf()
    try:
        check(fn(ctypes.byref(buf), *args))
    except BaseException:
        lib.cc_buf_dispose(ctypes.byref(buf))
        raise
    return take(buf)


def utf8(text, what='text'):
    """Encodes a str argument; None and non-str are rejected clearly."""
    if not isinstance(text, str):
        raise TypeError('%s must be str, not %s' % (what, type(text).__name__))
    if '\x00' in text:
        raise ValueError('%s must not contain NUL characters' % what)
    return text.encode('utf-8')
