"""Exceptions raised for the library's error codes."""


class CallCenterError(Exception):
    """Base of every error from libcallcenter.

    Attributes: code (negative int), name ("CC_EINVAL"), message, klass
    (which part of the library: "text", "store", ...), backend_code (SQLite
    code, HTTP status, ...) and sqlstate (PostgreSQL).
    """

    def __init__(self, code, name, message, klass='', backend_code=0,
                 sqlstate=''):
        super().__init__('%s: %s' % (name, message))
        self.code = code
        self.name = name
        self.message = message
        self.klass = klass
        self.backend_code = backend_code
        self.sqlstate = sqlstate


class InvalidInputError(CallCenterError, ValueError):
    """Bad input: invalid argument, UTF-8, JSON, configuration, range."""


class NotFoundError(CallCenterError, KeyError):
    """The record, key or name does not exist."""

    def __str__(self):  # KeyError would quote the message
        return Exception.__str__(self)


class AlreadyExistsError(CallCenterError):
    """The record already exists."""


class CallCenterTimeoutError(CallCenterError, TimeoutError):
    """An operation timed out."""


class CallCenterMemoryError(CallCenterError, MemoryError):
    """The library ran out of memory."""


class StateError(CallCenterError, RuntimeError):
    """Not allowed in the current state (a session already started or
    ended, a ticket move the state machine forbids)."""


class StoreError(CallCenterError):
    """The database failed, could not be reached, or is busy."""


#: Codes a Python callback may return to the library.
EUSER = -21
EPASSTHROUGH = -23


_BY_NAME = {
    'CC_EINVAL': InvalidInputError,
    'CC_EUTF8': InvalidInputError,
    'CC_EPARSE': InvalidInputError,
    'CC_ERANGE': InvalidInputError,
    'CC_ETOOBIG': InvalidInputError,
    'CC_ECONFIG': InvalidInputError,
    'CC_ENOTFOUND': NotFoundError,
    'CC_EEXISTS': AlreadyExistsError,
    'CC_ETIMEOUT': CallCenterTimeoutError,
    'CC_ENOMEM': CallCenterMemoryError,
    'CC_ESTATE': StateError,
    'CC_ESTORE': StoreError,
    'CC_ENETWORK': StoreError,
    'CC_EBUSY': StoreError,
}


def from_code(code, name, message, klass='', backend_code=0, sqlstate=''):
    """Builds the exception for an error code."""
    cls = _BY_NAME.get(name, CallCenterError)
    return cls(code, name, message, klass, backend_code, sqlstate)
