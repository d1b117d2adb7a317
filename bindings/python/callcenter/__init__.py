"""Python bindings for libcallcenter (ctypes, standard library only).

The library is loaded from CALLCENTER_LIBRARY, then the build tree of a
source checkout, then the system.  Every C call releases the GIL, so the
bindings may be used from several threads under the library's own rules
(an Engine is shared freely; a Session belongs to one thread at a time).
"""
from ._errors import (AlreadyExistsError, CallCenterError,
                      CallCenterMemoryError, CallCenterTimeoutError,
                      InvalidInputError, NotFoundError, StateError,
                      StoreError)
from ._core import (Feature, LogLevel, error_name, features, get_log_level,
                    mask_email, mask_name, mask_phone, scrub, set_log_level,
                    strerror, version, version_info)
from ._lib import path as library_path
from ._text import *  # noqa: F401,F403
from ._text import __all__ as _text_all
from ._engine import *  # noqa: F401,F403
from ._engine import __all__ as _engine_all
from ._session import *  # noqa: F401,F403
from ._session import __all__ as _session_all
from ._crm import *  # noqa: F401,F403
from ._crm import __all__ as _crm_all
from ._provider import *  # noqa: F401,F403
from ._provider import __all__ as _provider_all
from ._implement import *  # noqa: F401,F403
from ._implement import __all__ as _implement_all
from ._voice import *  # noqa: F401,F403
from ._voice import __all__ as _voice_all

__all__ = [
    'AlreadyExistsError', 'CallCenterError', 'CallCenterMemoryError',
    'CallCenterTimeoutError', 'InvalidInputError', 'NotFoundError',
    'Feature', 'LogLevel', 'error_name', 'features', 'get_log_level',
    'library_path', 'mask_email', 'mask_name', 'mask_phone', 'scrub',
    'set_log_level', 'strerror', 'version', 'version_info', 'StateError',
    'StoreError',
] + _text_all + _engine_all + _session_all + _crm_all + _provider_all + _implement_all + _voice_all
