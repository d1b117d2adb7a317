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
from . import _types as T

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
    # text.h
    ('cc_text_key_buf', _c.c_int, [_c.POINTER(Buf), _c.c_char_p]),
    ('cc_text_display_buf', _c.c_int, [_c.POINTER(Buf), _c.c_char_p, _c.c_uint]),
    ('cc_text_stems', _c.c_int, [_c.POINTER(Buf), _c.c_char_p]),
    ('cc_text_detect_language', _c.c_int,
     [_c.POINTER(_c.c_int), _c.POINTER(_c.c_int), _c.c_char_p]),
    ('cc_text_language_name', _c.c_char_p, [_c.c_int]),
    ('cc_text_sentiment_score', _c.c_int, [_c.POINTER(T.Sentiment), _c.c_char_p]),
    ('cc_text_sentiment_name', _c.c_char_p, [_c.c_int]),
    ('cc_text_numbers', _c.c_int, [_c.POINTER(T.Number), _c.c_size_t,
                                   _c.POINTER(_c.c_size_t), _c.c_char_p]),
    ('cc_text_cardinal', _c.c_int, [_c.POINTER(_c.c_int64), _c.c_char_p]),
    ('cc_text_phone_region_known', _c.c_int, [_c.c_char_p]),
    ('cc_text_phone_parse', _c.c_int, [_c.POINTER(T.Phone), _c.c_char_p, _c.c_char_p]),
    ('cc_text_phone_find', _c.c_int, [_c.POINTER(T.Phone), _c.c_size_t,
                                      _c.POINTER(_c.c_size_t), _c.c_char_p, _c.c_char_p]),
    ('cc_text_phone_format', _c.c_int, [_c.POINTER(Buf), _c.POINTER(T.Phone), _c.c_int]),
    ('cc_text_email_validate', _c.c_int, [_c.POINTER(Buf), _c.POINTER(_c.c_int), _c.c_char_p]),
    ('cc_text_email_find', _c.c_int, [_c.POINTER(Buf), _c.c_char_p]),
    ('cc_text_name_clean', _c.c_int, [_c.POINTER(Buf), _c.POINTER(_c.c_int), _c.c_char_p]),
    ('cc_text_name_key', _c.c_int, [_c.POINTER(Buf), _c.c_char_p]),
    # engine.h
    ('cc_engine_new_default', _c.c_int, [_c.POINTER(_c.c_void_p), _c.POINTER(T.EngineOptions)]),
    ('cc_engine_new_from_file', _c.c_int,
     [_c.POINTER(_c.c_void_p), _c.c_char_p, _c.POINTER(T.EngineOptions)]),
    ('cc_engine_new_from_json', _c.c_int,
     [_c.POINTER(_c.c_void_p), _c.c_char_p, _c.c_size_t, _c.POINTER(T.EngineOptions)]),
    ('cc_engine_free', None, [_c.c_void_p]),
    ('cc_engine_config_json', _c.c_int, [_c.POINTER(Buf), _c.c_void_p]),
    ('cc_engine_company_name', _c.c_char_p, [_c.c_void_p, _c.c_char_p]),
    ('cc_engine_field_count', _c.c_size_t, [_c.c_void_p]),
    ('cc_engine_field', _c.POINTER(T.Field), [_c.c_void_p, _c.c_size_t]),
    ('cc_engine_ivr', _c.POINTER(T.IvrSettings), [_c.c_void_p]),
    ('cc_engine_feature', _c.c_int, [_c.c_void_p, _c.c_char_p]),
    ('cc_engine_retention_days', _c.c_int, [_c.c_void_p, _c.c_char_p]),
    ('cc_engine_department_count', _c.c_size_t, [_c.c_void_p]),
    ('cc_engine_department', _c.POINTER(T.Department), [_c.c_void_p, _c.c_size_t]),
    ('cc_engine_prompt', _c.c_int,
     [_c.POINTER(Buf), _c.POINTER(_c.c_char_p), _c.c_void_p, _c.c_char_p, _c.c_char_p,
      _c.POINTER(T.PromptVar), _c.c_size_t, _c.c_uint]),
    ('cc_engine_prompt_exists', _c.c_int, [_c.c_void_p, _c.c_char_p]),
    ('cc_engine_faq', _c.c_int, [_c.POINTER(T.FaqMatch), _c.c_void_p, _c.c_char_p,
                                 _c.c_size_t, _c.c_char_p]),
    ('cc_engine_is_open', _c.c_int, [_c.c_void_p, _c.c_int64]),
    ('cc_engine_next_opening', _c.c_int,
     [_c.POINTER(_c.c_int64), _c.c_void_p, _c.c_int64]),
    ('cc_engine_time_zone', _c.c_char_p, [_c.c_void_p]),
    # routing.h, rules.h
    ('cc_engine_route', _c.c_int, [_c.POINTER(T.RouteResult), _c.c_void_p,
                                   _c.c_char_p, _c.c_size_t]),
    ('cc_priority_name', _c.c_char_p, [_c.c_int]),
    ('cc_severity_name', _c.c_char_p, [_c.c_int]),
    ('cc_route_reason_name', _c.c_char_p, [_c.c_int]),
    ('cc_engine_resolution_hours', _c.c_int, [_c.c_void_p, _c.c_int]),
    ('cc_engine_rules_eval', _c.c_int, [_c.POINTER(T.RulesResult), _c.POINTER(Buf),
                                        _c.c_void_p, _c.POINTER(T.CallContext)]),
    ('cc_rule_action_name', _c.c_char_p, [_c.c_int]),
    # session.h
    ('cc_session_new', _c.c_int, [_c.POINTER(_c.c_void_p), _c.c_void_p,
                                  _c.POINTER(T.SessionOptions)]),
    ('cc_session_free', None, [_c.c_void_p]),
    ('cc_session_start', _c.c_int, [_c.c_void_p]),
    ('cc_session_input_text', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.c_size_t,
                                         _c.POINTER(T.TextInfo)]),
    ('cc_session_input_dtmf', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.c_size_t]),
    ('cc_session_input_silence', _c.c_int, [_c.c_void_p]),
    ('cc_session_tick', _c.c_int, [_c.c_void_p, _c.c_uint64]),
    ('cc_session_next_deadline', _c.c_int, [_c.POINTER(_c.c_uint64), _c.c_void_p]),
    ('cc_session_notify', _c.c_int, [_c.c_void_p, _c.c_int, _c.c_char_p]),
    ('cc_session_next_action', _c.c_int, [_c.POINTER(_c.POINTER(T.Action)), _c.c_void_p]),
    ('cc_session_stage_get', _c.c_int, [_c.c_void_p]),
    ('cc_session_stage_name', _c.c_char_p, [_c.c_int]),
    ('cc_session_ended', _c.c_int, [_c.c_void_p]),
    ('cc_session_call_id', _c.c_char_p, [_c.c_void_p]),
    ('cc_session_language', _c.c_char_p, [_c.c_void_p]),
    ('cc_session_field_value', _c.c_char_p, [_c.c_void_p, _c.c_char_p]),
    ('cc_session_department', _c.c_char_p, [_c.c_void_p]),
    ('cc_session_ticket_id', _c.c_char_p, [_c.c_void_p]),
    ('cc_session_recorder_failures', _c.c_uint32, [_c.c_void_p]),
    ('cc_session_transcript_count', _c.c_size_t, [_c.c_void_p]),
    ('cc_session_transcript_turn', _c.c_int, [_c.POINTER(T.Turn), _c.c_void_p, _c.c_size_t]),
    ('cc_speaker_name', _c.c_char_p, [_c.c_int]),
    ('cc_session_snapshot', _c.c_int, [_c.POINTER(Buf), _c.c_void_p]),
    ('cc_session_restore', _c.c_int, [_c.POINTER(_c.c_void_p), _c.c_void_p, _c.c_char_p,
                                      _c.c_size_t, _c.POINTER(T.SessionOptions)]),
    ('cc_session_summary', _c.c_int, [_c.POINTER(Buf), _c.c_void_p]),
    # store.h
    ('cc_store_open', _c.c_int, [_c.POINTER(_c.c_void_p), _c.c_char_p,
                                 _c.POINTER(T.StoreOptions)]),
    ('cc_store_free', None, [_c.c_void_p]),
    ('cc_store_migrate', _c.c_int, [_c.c_void_p]),
    ('cc_store_schema_version', _c.c_int, [_c.c_void_p]),
    ('cc_store_schema_latest', _c.c_int, []),
    ('cc_store_backend_name', _c.c_char_p, [_c.c_void_p]),
    ('cc_store_pending', _c.c_int, [_c.c_void_p]),
    ('cc_store_flush', _c.c_int, [_c.c_void_p]),
    ('cc_store_dropped', _c.c_int, [_c.c_void_p]),
    # crm.h
    ('cc_crm_open', _c.c_int, [_c.POINTER(_c.c_void_p), _c.c_void_p,
                               _c.POINTER(T.CrmOptions)]),
    ('cc_crm_free', None, [_c.c_void_p]),
    ('cc_crm_session_recorder', _c.c_int, [_c.POINTER(T.Recorder), _c.c_void_p]),
    ('cc_crm_customer_upsert', _c.c_int, [_c.c_char_p, _c.c_void_p,
                                          _c.POINTER(T.CrmCustomerInput)]),
    ('cc_crm_customer_get', _c.c_int, [_c.POINTER(_c.POINTER(T.CrmCustomer)),
                                       _c.c_void_p, _c.c_char_p]),
    ('cc_crm_customer_search', _c.c_int, [_c.POINTER(_c.POINTER(T.CrmCustomerList)),
                                          _c.c_void_p, _c.c_char_p, _c.c_size_t,
                                          _c.c_size_t]),
    ('cc_crm_customer_erase', _c.c_int, [_c.c_void_p, _c.c_char_p]),
    ('cc_crm_customer_free', None, [_c.POINTER(T.CrmCustomer)]),
    ('cc_crm_customer_list_free', None, [_c.POINTER(T.CrmCustomerList)]),
    ('cc_crm_call_new_id', _c.c_int, [_c.c_char_p, _c.c_void_p]),
    ('cc_crm_call_start', _c.c_int, [_c.c_char_p, _c.c_void_p, _c.POINTER(T.CrmCallInput)]),
    ('cc_crm_call_update', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.POINTER(T.CrmCallInput)]),
    ('cc_crm_call_end', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.c_char_p, _c.c_char_p,
                                   _c.c_int64]),
    ('cc_crm_call_get', _c.c_int, [_c.POINTER(_c.POINTER(T.CrmCall)), _c.c_void_p,
                                   _c.c_char_p]),
    ('cc_crm_call_search', _c.c_int, [_c.POINTER(_c.POINTER(T.CrmCallList)), _c.c_void_p,
                                      _c.POINTER(T.CrmCallFilter)]),
    ('cc_crm_call_free', None, [_c.POINTER(T.CrmCall)]),
    ('cc_crm_call_list_free', None, [_c.POINTER(T.CrmCallList)]),
    ('cc_crm_transcript_append', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.c_int64,
                                            _c.c_char_p, _c.c_char_p, _c.c_char_p,
                                            _c.c_int64]),
    ('cc_crm_transcript_get', _c.c_int, [_c.POINTER(_c.POINTER(T.CrmTranscript)),
                                         _c.c_void_p, _c.c_char_p]),
    ('cc_crm_transcript_free', None, [_c.POINTER(T.CrmTranscript)]),
    ('cc_crm_ticket_create', _c.c_int, [_c.c_char_p, _c.c_void_p,
                                        _c.POINTER(T.CrmTicketInput)]),
    ('cc_crm_ticket_get', _c.c_int, [_c.POINTER(_c.POINTER(T.CrmTicket)), _c.c_void_p,
                                     _c.c_char_p]),
    ('cc_crm_ticket_search', _c.c_int, [_c.POINTER(_c.POINTER(T.CrmTicketList)),
                                        _c.c_void_p, _c.POINTER(T.CrmTicketFilter)]),
    ('cc_crm_ticket_set_status', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.c_char_p,
                                            _c.c_char_p, _c.c_char_p]),
    ('cc_crm_ticket_assign', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.c_char_p,
                                        _c.c_char_p, _c.c_char_p]),
    ('cc_crm_ticket_add_note', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.c_char_p,
                                          _c.c_char_p]),
    ('cc_crm_ticket_history_get', _c.c_int, [_c.POINTER(_c.POINTER(T.CrmTicketHistory)),
                                             _c.c_void_p, _c.c_char_p]),
    ('cc_crm_ticket_free', None, [_c.POINTER(T.CrmTicket)]),
    ('cc_crm_ticket_list_free', None, [_c.POINTER(T.CrmTicketList)]),
    ('cc_crm_ticket_history_free', None, [_c.POINTER(T.CrmTicketHistory)]),
    ('cc_crm_agent_upsert', _c.c_int, [_c.c_void_p, _c.POINTER(T.CrmAgentInput)]),
    ('cc_crm_agent_set_status', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.c_char_p]),
    ('cc_crm_agent_get', _c.c_int, [_c.POINTER(_c.POINTER(T.CrmAgent)), _c.c_void_p,
                                    _c.c_char_p]),
    ('cc_crm_agent_search', _c.c_int, [_c.POINTER(_c.POINTER(T.CrmAgentList)),
                                       _c.c_void_p, _c.c_char_p, _c.c_int]),
    ('cc_crm_agent_free', None, [_c.POINTER(T.CrmAgent)]),
    ('cc_crm_agent_list_free', None, [_c.POINTER(T.CrmAgentList)]),
    ('cc_crm_stats_compute', _c.c_int, [_c.c_void_p, _c.c_char_p]),
    ('cc_crm_stats_json', _c.c_int, [_c.POINTER(Buf), _c.c_void_p, _c.c_char_p]),
    ('cc_crm_purge', _c.c_int, [_c.c_void_p]),
    # audio.h (frames the providers exchange)
    ('cc_audio_frame_dispose', None, [_c.POINTER(T.AudioFrame)]),
    ('cc_wav_parse', _c.c_int, [_c.c_void_p, _c.c_size_t, _c.POINTER(T.AudioFrame)]),
    ('cc_wav_encode', _c.c_int, [_c.POINTER(T.AudioFrame), _c.POINTER(Buf)]),
    # provider.h
    ('cc_provider_list', _c.c_int, [_c.c_int, _c.POINTER(Buf)]),
    ('cc_tts_new', _c.c_int, [_c.POINTER(_c.c_void_p), _c.c_char_p,
                              _c.POINTER(T.ProviderOptions)]),
    ('cc_tts_synthesize', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.c_char_p, _c.c_char_p,
                                     T.TTS_AUDIO, _c.c_void_p]),
    ('cc_tts_synthesize_frame', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.c_char_p,
                                           _c.c_char_p, _c.POINTER(T.AudioFrame)]),
    ('cc_tts_cancel', None, [_c.c_void_p]),
    ('cc_tts_capabilities', _c.c_uint, [_c.c_void_p]),
    ('cc_tts_name', _c.c_char_p, [_c.c_void_p]),
    ('cc_tts_free', None, [_c.c_void_p]),
    ('cc_stt_new', _c.c_int, [_c.POINTER(_c.c_void_p), _c.c_char_p,
                              _c.POINTER(T.ProviderOptions)]),
    ('cc_stt_recognize', _c.c_int, [_c.c_void_p, _c.POINTER(T.AudioFrame), _c.c_char_p,
                                    T.TEXT_PIECE, _c.c_void_p, _c.POINTER(T.SttResult)]),
    ('cc_stt_result_dispose', None, [_c.POINTER(T.SttResult)]),
    ('cc_stt_cancel', None, [_c.c_void_p]),
    ('cc_stt_capabilities', _c.c_uint, [_c.c_void_p]),
    ('cc_stt_name', _c.c_char_p, [_c.c_void_p]),
    ('cc_stt_free', None, [_c.c_void_p]),
    ('cc_llm_new', _c.c_int, [_c.POINTER(_c.c_void_p), _c.c_char_p,
                              _c.POINTER(T.ProviderOptions)]),
    ('cc_llm_chat', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.POINTER(T.LlmMessage),
                               _c.c_size_t, T.TEXT_PIECE, _c.c_void_p, _c.POINTER(Buf)]),
    ('cc_llm_cancel', None, [_c.c_void_p]),
    ('cc_llm_capabilities', _c.c_uint, [_c.c_void_p]),
    ('cc_llm_name', _c.c_char_p, [_c.c_void_p]),
    ('cc_llm_free', None, [_c.c_void_p]),
    # sys/provider.h, sys/stt.h, sys/tts.h, sys/llm.h (providers written in Python)
    ('cc_provider_set_error', _c.c_int, [_c.c_int, _c.c_int, _c.c_char_p]),
    ('cc_stt_register', _c.c_int, [_c.POINTER(T.SttVtable), _c.c_void_p]),
    ('cc_stt_unregister', _c.c_int, [_c.c_char_p]),
    ('cc_tts_register', _c.c_int, [_c.POINTER(T.TtsVtable), _c.c_void_p]),
    ('cc_tts_unregister', _c.c_int, [_c.c_char_p]),
    ('cc_llm_register', _c.c_int, [_c.POINTER(T.LlmVtable), _c.c_void_p]),
    ('cc_llm_unregister', _c.c_int, [_c.c_char_p]),
    # voice.h
    ('cc_voice_options_init', _c.c_int, [_c.POINTER(T.VoiceOptions), _c.c_uint]),
    ('cc_voice_new', _c.c_int, [_c.POINTER(_c.c_void_p), _c.c_void_p, _c.c_void_p, _c.c_void_p,
                                _c.c_void_p, _c.POINTER(T.VoiceOptions)]),
    ('cc_voice_push_audio', _c.c_int, [_c.c_void_p, _c.POINTER(T.AudioFrame)]),
    ('cc_voice_push_opus', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.c_size_t]),
    ('cc_voice_push_dtmf', _c.c_int, [_c.c_void_p, _c.c_char_p, _c.c_size_t]),
    ('cc_voice_tick', _c.c_int, [_c.c_void_p, _c.c_uint64]),
    ('cc_voice_playback_done', _c.c_int, [_c.c_void_p]),
    ('cc_voice_drain', _c.c_int, [_c.c_void_p, _c.c_uint32]),
    ('cc_voice_history', _c.c_int, [_c.c_void_p, _c.POINTER(Buf)]),
    ('cc_voice_free', None, [_c.c_void_p]),
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


def text_of(raw):
    """bytes from a c_char_p (or None) as str (or None)."""
    return None if raw is None else raw.decode('utf-8', 'replace')


def opt_utf8(text, what='text'):
    """As utf8(), but None stays None (a NULL pointer)."""
    return None if text is None else utf8(text, what)


def utf8(text, what='text'):
    """Encodes a str argument; None and non-str are rejected clearly."""
    if not isinstance(text, str):
        raise TypeError('%s must be str, not %s' % (what, type(text).__name__))
    if '\x00' in text:
        raise ValueError('%s must not contain NUL characters' % what)
    return text.encode('utf-8')
