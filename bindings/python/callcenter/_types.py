"""ctypes mirrors of the public C structs and callback types.

Each class follows its C declaration field for field (see the header named
in its docstring); the layout must match exactly, so change both together.
Structs the library documents as "never copy by value" (cc_department,
cc_field, cc_ivr_settings) are only ever read through pointers here.
"""
import ctypes as c

_p = c.c_char_p
_v = c.c_void_p


class RouteMatch(c.Structure):
    """struct cc_route_match (routing.h)."""
    _fields_ = [('term', _p), ('department', _p), ('weight', c.c_double)]


ROUTE_MAX_MATCHED = 8


class RouteResult(c.Structure):
    """struct cc_route_result (routing.h)."""
    _fields_ = [('department', _p), ('confidence', c.c_double),
                ('reason', c.c_int), ('runner_up', _p),
                ('runner_up_confidence', c.c_double),
                ('matched_count', c.c_size_t),
                ('matched', RouteMatch * ROUTE_MAX_MATCHED),
                ('language', _p), ('sentiment', _p),
                ('sentiment_score', c.c_double), ('urgent', c.c_int),
                ('severity', c.c_int), ('priority', c.c_int)]


class Sentiment(c.Structure):
    """struct cc_text_sentiment (text.h)."""
    _fields_ = [('label', c.c_int), ('score', c.c_double),
                ('urgent', c.c_int), ('urgency', c.c_int)]


class Number(c.Structure):
    """struct cc_text_number (text.h)."""
    _fields_ = [('digits', c.c_char * 64), ('value', c.c_int64),
                ('has_value', c.c_int), ('plus', c.c_int),
                ('first_word', c.c_size_t), ('nwords', c.c_size_t)]


class Phone(c.Structure):
    """struct cc_text_phone (text.h)."""
    _fields_ = [('e164', c.c_char * 20), ('region', c.c_char * 3),
                ('country_code', c.c_int), ('type', c.c_int),
                ('problem', c.c_int)]


class Department(c.Structure):
    """struct cc_department (engine.h); read through pointers only."""
    _fields_ = [('id', _p), ('name_ar', _p), ('name_en', _p),
                ('description_ar', _p), ('description_en', _p),
                ('priority', c.c_int), ('queue', _p),
                ('welcome_prompt', _p), ('routing_prompt', _p),
                ('creates_ticket', c.c_int)]


class Field(c.Structure):
    """struct cc_field (engine.h); read through pointers only."""
    _fields_ = [('name', _p), ('kind', c.c_int), ('required', c.c_int),
                ('min_length', c.c_uint), ('max_length', c.c_uint),
                ('prompt_key', _p), ('retry_prompt_key', _p),
                ('invalid_prompt_key', _p), ('label_ar', _p),
                ('label_en', _p), ('aliases', c.POINTER(_p))]


class IvrSettings(c.Structure):
    """struct cc_ivr_settings (engine.h); read through pointers only."""
    _fields_ = [('max_retries', c.c_uint), ('confirmation_retries', c.c_uint),
                ('no_input_timeout_ms', c.c_uint),
                ('inactivity_limit_ms', c.c_uint), ('call_limit_ms', c.c_uint),
                ('max_queue_size', c.c_uint), ('max_wait_ms', c.c_uint),
                ('require_confirmation', c.c_int),
                ('auto_detect_language', c.c_int),
                ('save_transcript', c.c_int), ('default_language', _p),
                ('fallback_language', _p), ('default_region', _p),
                ('default_department', _p)]


class FaqMatch(c.Structure):
    """struct cc_faq_match (engine.h)."""
    _fields_ = [('id', _p), ('question', _p), ('answer', _p),
                ('language', _p), ('score', c.c_double)]


class PromptVar(c.Structure):
    """struct cc_prompt_var (engine.h)."""
    _fields_ = [('name', _p), ('value', _p), ('kind', c.c_int)]


#: cc_route_classifier_fn; the text is not NUL-terminated, so void *.
CLASSIFIER = c.CFUNCTYPE(c.c_int, _v, c.c_size_t, c.POINTER(RouteResult),
                         c.POINTER(_v), c.POINTER(c.c_double), _v)

ENGINE_OPTIONS_VERSION = 1


class EngineOptions(c.Structure):
    """struct cc_engine_options (engine.h)."""
    _fields_ = [('version', c.c_uint), ('flags', c.c_uint),
                ('env', c.POINTER(_p)), ('classifier', CLASSIFIER),
                ('classifier_userdata', _v)]


class FieldValue(c.Structure):
    """struct cc_field_value (rules.h)."""
    _fields_ = [('name', _p), ('value', _p)]


CALL_CONTEXT_VERSION = 1


class CallContext(c.Structure):
    """struct cc_call_context (rules.h)."""
    _fields_ = [('version', c.c_uint), ('department', _p), ('language', _p),
                ('text', _p), ('text_len', c.c_size_t), ('sentiment', _p),
                ('sentiment_score', c.c_double), ('urgent', c.c_int),
                ('severity', c.c_int), ('priority', c.c_int),
                ('fields', c.POINTER(FieldValue)), ('field_count', c.c_size_t),
                ('matched', c.POINTER(_p)), ('matched_count', c.c_size_t),
                ('open', c.c_int), ('now_unix', c.c_int64),
                ('retries', c.c_uint), ('stage', _p), ('customer_tier', _p),
                ('vip', c.c_int), ('flags', c.POINTER(_p)),
                ('flag_count', c.c_size_t)]


class RuleAction(c.Structure):
    """struct cc_rule_action (rules.h)."""
    _fields_ = [('kind', c.c_int), ('rule', _p), ('arg', _p),
                ('priority', c.c_int)]


class RulesResult(c.Structure):
    """struct cc_rules_result (rules.h)."""
    _fields_ = [('action_count', c.c_size_t), ('actions', RuleAction * 32),
                ('fired_count', c.c_size_t), ('priority', c.c_int)]


# ---- session.h -------------------------------------------------------------

class Action(c.Structure):
    """struct cc_action (session.h)."""
    _fields_ = [('type', c.c_int), ('seq', c.c_uint32), ('stage', _p),
                ('text', _p), ('language', _p), ('key', _p),
                ('barge_in', c.c_int), ('field', _p), ('input', c.c_int),
                ('timeout_ms', c.c_uint32), ('department', _p),
                ('confidence', c.c_double), ('reason', _p), ('target', _p),
                ('priority', _p), ('ticket_id', _p), ('ticket_kind', _p),
                ('severity', _p), ('subject', _p), ('description', _p)]


class RecordHead(c.Structure):
    """struct cc_session_record_head (session.h)."""
    _fields_ = [('call_id', _p), ('seq', c.c_uint32),
                ('idempotency_key', _p), ('at_ms', c.c_int64)]


class CallRecord(c.Structure):
    """struct cc_session_call_record."""
    _fields_ = [('head', RecordHead), ('language', _p),
                ('caller_number', _p)]


class StageRecord(c.Structure):
    """struct cc_session_stage_record."""
    _fields_ = [('head', RecordHead), ('stage', _p), ('previous_stage', _p),
                ('department', _p), ('reason', _p),
                ('confidence', c.c_double)]


class TurnRecord(c.Structure):
    """struct cc_session_turn_record."""
    _fields_ = [('head', RecordHead), ('turn', c.c_uint32),
                ('speaker', c.c_int), ('text', _p), ('language', _p),
                ('stage', _p)]


class SessionField(c.Structure):
    """struct cc_session_field."""
    _fields_ = [('name', _p), ('value', _p)]


class CustomerRecord(c.Structure):
    """struct cc_session_customer_record."""
    _fields_ = [('head', RecordHead), ('name', _p), ('phone', _p),
                ('email', _p), ('service_type', _p), ('language', _p),
                ('field_count', c.c_size_t),
                ('fields', c.POINTER(SessionField))]


class TicketRecord(c.Structure):
    """struct cc_session_ticket_record."""
    _fields_ = [('head', RecordHead), ('kind', _p), ('department', _p),
                ('priority', _p), ('severity', _p), ('subject', _p),
                ('description', _p), ('customer_name', _p),
                ('customer_phone', _p), ('customer_email', _p),
                ('language', _p), ('proposed_id', _p)]


class EndRecord(c.Structure):
    """struct cc_session_end_record."""
    _fields_ = [('head', RecordHead), ('outcome', _p), ('department', _p),
                ('ticket_id', _p), ('duration_ms', c.c_int64),
                ('turns', c.c_uint32)]


REC_CALL = c.CFUNCTYPE(c.c_int, c.POINTER(CallRecord), _v)
REC_STAGE = c.CFUNCTYPE(c.c_int, c.POINTER(StageRecord), _v)
REC_TURN = c.CFUNCTYPE(c.c_int, c.POINTER(TurnRecord), _v)
REC_CUSTOMER = c.CFUNCTYPE(c.c_int, c.POINTER(CustomerRecord), _v)
REC_TICKET = c.CFUNCTYPE(c.c_int, c.POINTER(TicketRecord), _v, c.c_size_t, _v)
REC_END = c.CFUNCTYPE(c.c_int, c.POINTER(EndRecord), _v)

SESSION_RECORDER_VERSION = 1
SESSION_TICKET_ID_MAX = 65


class Recorder(c.Structure):
    """struct cc_session_recorder."""
    _fields_ = [('version', c.c_uint), ('call_started', REC_CALL),
                ('stage_changed', REC_STAGE), ('turn_added', REC_TURN),
                ('customer_confirmed', REC_CUSTOMER),
                ('ticket_create', REC_TICKET), ('call_ended', REC_END),
                ('userdata', _v)]


SESSION_OPTIONS_VERSION = 1


class SessionOptions(c.Structure):
    """struct cc_session_options."""
    _fields_ = [('version', c.c_uint), ('call_id', _p), ('language', _p),
                ('region', _p), ('caller_number', _p), ('seed', c.c_uint64),
                ('start_ms', c.c_uint64), ('wall_clock_ms', c.c_int64),
                ('recorder', c.POINTER(Recorder))]


SESSION_TEXT_INFO_VERSION = 1


class TextInfo(c.Structure):
    """struct cc_session_text_info."""
    _fields_ = [('version', c.c_uint), ('confidence', c.c_double),
                ('language', _p), ('now_ms', c.c_uint64)]


class Turn(c.Structure):
    """struct cc_session_turn."""
    _fields_ = [('speaker', c.c_int), ('text', _p), ('language', _p),
                ('stage', _p), ('at_ms', c.c_uint64)]


# ---- store.h / crm.h -----------------------------------------------------------

STORE_OPTIONS_VERSION = 1


class StoreOptions(c.Structure):
    """struct cc_store_options (store.h)."""
    _fields_ = [('version', c.c_uint), ('migrate', c.c_int),
                ('pool_size', c.c_uint), ('busy_timeout_ms', c.c_uint),
                ('max_pending', c.c_uint)]


CRM_CLOCK = c.CFUNCTYPE(c.c_int64, _v)
CRM_OPTIONS_VERSION = 1
CRM_ID_MAX = 64


class CrmOptions(c.Structure):
    """struct cc_crm_options (crm.h)."""
    _fields_ = [('version', c.c_uint), ('default_region', _p),
                ('retention_calls_days', c.c_uint),
                ('retention_transcripts_days', c.c_uint),
                ('retention_tickets_days', c.c_uint), ('clock', CRM_CLOCK),
                ('clock_userdata', _v)]


class CrmCustomer(c.Structure):
    """struct cc_crm_customer."""
    _fields_ = [('id', _p), ('phone', _p), ('name', _p), ('email', _p),
                ('tier', _p), ('vip', c.c_int), ('language', _p),
                ('notes', _p), ('total_calls', c.c_int64),
                ('total_tickets', c.c_int64),
                ('last_interaction', c.c_int64), ('created_at', c.c_int64),
                ('updated_at', c.c_int64), ('erased_at', c.c_int64)]


class CrmCustomerList(c.Structure):
    """struct cc_crm_customer_list."""
    _fields_ = [('count', c.c_size_t), ('items', c.POINTER(CrmCustomer))]


class CrmCustomerInput(c.Structure):
    """struct cc_crm_customer_input."""
    _fields_ = [('version', c.c_uint), ('phone', _p), ('name', _p),
                ('email', _p), ('tier', _p), ('vip', c.c_int),
                ('language', _p), ('notes', _p)]


class CrmCall(c.Structure):
    """struct cc_crm_call."""
    _fields_ = [('id', _p), ('customer_id', _p), ('customer_phone', _p),
                ('direction', _p), ('status', _p), ('stage', _p),
                ('department', _p), ('routing_reason', _p), ('outcome', _p),
                ('language', _p), ('agent_id', _p),
                ('started_at', c.c_int64), ('ended_at', c.c_int64),
                ('duration_seconds', c.c_int64)]


class CrmCallList(c.Structure):
    """struct cc_crm_call_list."""
    _fields_ = [('count', c.c_size_t), ('items', c.POINTER(CrmCall))]


class CrmCallInput(c.Structure):
    """struct cc_crm_call_input."""
    _fields_ = [('version', c.c_uint), ('customer_phone', _p),
                ('direction', _p), ('status', _p), ('stage', _p),
                ('department', _p), ('routing_reason', _p), ('language', _p),
                ('agent_id', _p), ('at', c.c_int64)]


class CrmCallFilter(c.Structure):
    """struct cc_crm_call_filter."""
    _fields_ = [('version', c.c_uint), ('active_only', c.c_int),
                ('customer', _p), ('department', _p), ('status', _p),
                ('from_', c.c_int64), ('to', c.c_int64),
                ('limit', c.c_size_t), ('offset', c.c_size_t)]


class CrmTurn(c.Structure):
    """struct cc_crm_turn."""
    _fields_ = [('seq', c.c_int64), ('speaker', _p), ('text', _p),
                ('language', _p), ('at', c.c_int64)]


class CrmTranscript(c.Structure):
    """struct cc_crm_transcript."""
    _fields_ = [('count', c.c_size_t), ('items', c.POINTER(CrmTurn))]


class CrmTicket(c.Structure):
    """struct cc_crm_ticket."""
    _fields_ = [('id', _p), ('call_id', _p), ('customer_id', _p),
                ('customer_name', _p), ('customer_phone', _p),
                ('customer_email', _p), ('subject', _p), ('description', _p),
                ('department', _p), ('status', _p), ('priority', _p),
                ('assigned_to', _p), ('notes', _p), ('created_at', c.c_int64),
                ('updated_at', c.c_int64), ('assigned_at', c.c_int64),
                ('resolved_at', c.c_int64), ('closed_at', c.c_int64)]


class CrmTicketList(c.Structure):
    """struct cc_crm_ticket_list."""
    _fields_ = [('count', c.c_size_t), ('items', c.POINTER(CrmTicket))]


class CrmTicketInput(c.Structure):
    """struct cc_crm_ticket_input."""
    _fields_ = [('version', c.c_uint), ('subject', _p), ('description', _p),
                ('department', _p), ('priority', _p), ('customer_phone', _p),
                ('customer_name', _p), ('customer_email', _p),
                ('call_id', _p), ('idempotency_key', _p), ('created_by', _p)]


class CrmTicketFilter(c.Structure):
    """struct cc_crm_ticket_filter."""
    _fields_ = [('version', c.c_uint), ('status', _p), ('department', _p),
                ('priority', _p), ('customer', _p), ('assigned_to', _p),
                ('text', _p), ('from_', c.c_int64), ('to', c.c_int64),
                ('limit', c.c_size_t), ('offset', c.c_size_t)]


class CrmTicketChange(c.Structure):
    """struct cc_crm_ticket_change."""
    _fields_ = [('action', _p), ('old_value', _p), ('new_value', _p),
                ('changed_by', _p), ('reason', _p), ('at', c.c_int64)]


class CrmTicketHistory(c.Structure):
    """struct cc_crm_ticket_history."""
    _fields_ = [('count', c.c_size_t), ('items', c.POINTER(CrmTicketChange))]


class CrmAgent(c.Structure):
    """struct cc_crm_agent."""
    _fields_ = [('id', _p), ('name', _p), ('email', _p), ('department', _p),
                ('status', _p), ('skills', _p), ('languages', _p),
                ('max_concurrent_calls', c.c_int), ('current_calls', c.c_int),
                ('available', c.c_int), ('last_active', c.c_int64)]


class CrmAgentList(c.Structure):
    """struct cc_crm_agent_list."""
    _fields_ = [('count', c.c_size_t), ('items', c.POINTER(CrmAgent))]


class CrmAgentInput(c.Structure):
    """struct cc_crm_agent_input."""
    _fields_ = [('version', c.c_uint), ('id', _p), ('name', _p),
                ('email', _p), ('department', _p), ('skills', _p),
                ('languages', _p), ('max_concurrent_calls', c.c_int)]


# ---- audio.h / provider.h ------------------------------------------------------

class AudioFrame(c.Structure):
    """struct cc_audio_frame (audio.h)."""
    _fields_ = [('data', c.POINTER(c.c_int16)), ('samples_per_channel', c.c_size_t),
                ('sample_rate', c.c_uint32), ('channels', c.c_uint32),
                ('capacity', c.c_size_t)]


PROVIDER_OPTIONS_VERSION = 1


class ProviderOptions(c.Structure):
    """struct cc_provider_options (provider.h)."""
    _fields_ = [('version', c.c_uint), ('base_url', _p), ('api_key', _p),
                ('model', _p), ('voice', _p), ('language', _p),
                ('sample_rate', c.c_uint32), ('timeout_ms', c.c_uint),
                ('connect_timeout_ms', c.c_uint), ('max_retries', c.c_int),
                ('params', c.POINTER(_p))]


class SttResult(c.Structure):
    """struct cc_stt_result (provider.h); text is a cc_buf."""
    _fields_ = [('text_ptr', _v), ('text_reserved', c.c_size_t),
                ('text_size', c.c_size_t), ('language', c.c_char * 16),
                ('confidence', c.c_double)]


class LlmMessage(c.Structure):
    """struct cc_llm_message (provider.h)."""
    _fields_ = [('role', c.c_int), ('content', _p)]


#: cc_tts_audio_fn, cc_stt_partial_fn, cc_llm_token_fn
TTS_AUDIO = c.CFUNCTYPE(c.c_int, c.POINTER(c.c_int16), c.c_size_t, c.c_uint32,
                        c.c_uint32, _v)
TEXT_PIECE = c.CFUNCTYPE(c.c_int, _v, c.c_size_t, _v)


# ---- sys/stt.h, sys/tts.h, sys/llm.h (implementing a provider) -----------------

STT_VTABLE_VERSION = 1
TTS_VTABLE_VERSION = 1
LLM_VTABLE_VERSION = 1

#: create(void **state, const cc_provider_options *, void *userdata)
P_CREATE = c.CFUNCTYPE(c.c_int, c.POINTER(_v), c.POINTER(ProviderOptions), _v)
#: destroy(void *state) and cancel(void *state)
P_STATE = c.CFUNCTYPE(None, _v)
#: recognize(state, audio, language, emit, emit_userdata); emit is a
#: cc_stt_emit_fn, taken as a plain pointer and cast to STT_EMIT.
P_RECOGNIZE = c.CFUNCTYPE(c.c_int, _v, c.POINTER(AudioFrame), _p, _v, _v)
STT_EMIT = c.CFUNCTYPE(c.c_int, c.c_int, c.c_char_p, c.c_size_t, c.c_char_p,
                       c.c_double, _v)
#: synthesize(state, text, language, voice, emit (cc_tts_audio_fn), userdata)
P_SYNTHESIZE = c.CFUNCTYPE(c.c_int, _v, _p, _p, _p, _v, _v)
#: chat(state, system_prompt, messages, count, emit (cc_llm_token_fn), ud)
P_CHAT = c.CFUNCTYPE(c.c_int, _v, _p, c.POINTER(LlmMessage), c.c_size_t, _v, _v)


class SttVtable(c.Structure):
    """struct cc_stt_vtable (sys/stt.h)."""
    _fields_ = [('version', c.c_uint), ('name', _p), ('capabilities', c.c_uint),
                ('create', P_CREATE), ('destroy', P_STATE),
                ('recognize', P_RECOGNIZE), ('cancel', P_STATE)]


class TtsVtable(c.Structure):
    """struct cc_tts_vtable (sys/tts.h)."""
    _fields_ = [('version', c.c_uint), ('name', _p), ('capabilities', c.c_uint),
                ('create', P_CREATE), ('destroy', P_STATE),
                ('synthesize', P_SYNTHESIZE), ('cancel', P_STATE)]


class LlmVtable(c.Structure):
    """struct cc_llm_vtable (sys/llm.h)."""
    _fields_ = [('version', c.c_uint), ('name', _p), ('capabilities', c.c_uint),
                ('create', P_CREATE), ('destroy', P_STATE),
                ('chat', P_CHAT), ('cancel', P_STATE)]


# ---- voice.h -------------------------------------------------------------------

class VoiceMetrics(c.Structure):
    """struct cc_voice_metrics (voice.h)."""
    _fields_ = [('stt_us', c.c_uint32), ('session_us', c.c_uint32), ('llm_us', c.c_uint32),
                ('tts_first_us', c.c_uint32), ('total_us', c.c_uint32),
                ('pipeline_us', c.c_uint32)]


class VoiceEvent(c.Structure):
    """struct cc_voice_event (voice.h)."""
    _fields_ = [('type', c.c_int), ('text', _p), ('language', _p), ('confidence', c.c_double),
                ('action', c.POINTER(Action)), ('error', c.c_int), ('metrics', VoiceMetrics)]


class VoicePersona(c.Structure):
    """struct cc_voice_persona (voice.h)."""
    _fields_ = [('department', _p), ('prompt_en', _p), ('prompt_ar', _p)]


VOICE_EVENT = c.CFUNCTYPE(None, c.POINTER(VoiceEvent), _v)
VOICE_AUDIO = c.CFUNCTYPE(None, c.POINTER(c.c_int16), c.c_size_t, c.c_uint32, _v)
VOICE_OPTIONS_VERSION = 1


class VoiceOptions(c.Structure):
    """struct cc_voice_options (voice.h)."""
    _fields_ = [('version', c.c_uint), ('sample_rate', c.c_uint32), ('vad', _v),
                ('personas', c.POINTER(VoicePersona)), ('persona_count', c.c_size_t),
                ('crm_context', _p), ('llm_takes_handoff', c.c_int),
                ('max_history', c.c_uint), ('fallback_en', _p), ('fallback_ar', _p),
                ('on_event', VOICE_EVENT), ('on_audio', VOICE_AUDIO), ('userdata', _v)]
