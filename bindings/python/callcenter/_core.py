"""Version, features, logging and masking: the library's common API."""
import ctypes
import enum

from ._lib import check, call_buf, lib, utf8, version_info


class Feature(enum.IntFlag):
    """Optional parts a build of the library may have (cc_features)."""
    THREADS = 1 << 0
    SQLITE = 1 << 1
    POSTGRES = 1 << 2
    OPUS = 1 << 3
    CURL = 1 << 4
    ESPEAK = 1 << 5
    STEMMER = 1 << 6
    SPEEXDSP = 1 << 7


class LogLevel(enum.IntEnum):
    """Log levels (cc_log_level)."""
    NONE = 0
    ERROR = 1
    WARN = 2
    INFO = 3
    DEBUG = 4
    TRACE = 5


def version():
    """The loaded library's version string, e.g. "0.1.0"."""
    return lib.cc_version_string().decode()


def features():
    """The optional parts this build has, as a Feature flag set."""
    return Feature(lib.cc_features())


def strerror(code):
    """The text of an error code."""
    return lib.cc_strerror(code).decode()


def error_name(code):
    """The symbolic name of an error code, e.g. "CC_EINVAL"."""
    return lib.cc_error_name(code).decode()


def set_log_level(level):
    """Sets the most verbose level that reaches the library's logger; a
    name ("debug") or a LogLevel."""
    if isinstance(level, str):
        out = ctypes.c_int()
        check(lib.cc_log_level_parse(ctypes.byref(out), utf8(level, 'level')))
        level = out.value
    check(lib.cc_log_set_level(int(level)))


def get_log_level():
    """The current LogLevel."""
    return LogLevel(lib.cc_log_get_level())


def mask_phone(phone):
    """A phone number masked for logs: "+966*******43"."""
    return call_buf(lib.cc_log_mask_phone, utf8(phone, 'phone'))


def mask_email(email):
    """An e-mail address masked for logs: "a****@e******.com"."""
    return call_buf(lib.cc_log_mask_email, utf8(email, 'email'))


def mask_name(name):
    """A name masked for logs: "A**** S****"."""
    return call_buf(lib.cc_log_mask_name, utf8(name, 'name'))


def scrub(text):
    """The text with every phone number and e-mail address masked."""
    return call_buf(lib.cc_log_scrub, utf8(text))


__all__ = ['Feature', 'LogLevel', 'version', 'version_info', 'features',
           'strerror', 'error_name', 'set_log_level', 'get_log_level',
           'mask_phone', 'mask_email', 'mask_name', 'scrub']
