'use strict';
// koffi mirrors of the public C structs and callback types.  Each follows
// its C declaration field for field (the header is named beside it); change
// both together.  Structs documented "never copy by value" (cc_department,
// cc_field, cc_ivr_settings) are only decoded through pointers.
const koffi = require('koffi');

const s = 'const char *';

for (const name of ['cc_engine', 'cc_session', 'cc_store', 'cc_crm']) koffi.opaque(name);

// text.h
const Sentiment = koffi.struct('cc_text_sentiment', { label: 'int', score: 'double', urgent: 'int', urgency: 'int' });
const NumberT = koffi.struct('cc_text_number', {
  digits: koffi.array('char', 64, 'String'), value: 'int64_t', has_value: 'int', plus: 'int',
  first_word: 'size_t', nwords: 'size_t',
});
const Phone = koffi.struct('cc_text_phone', {
  e164: koffi.array('char', 20, 'String'), region: koffi.array('char', 3, 'String'),
  country_code: 'int', type: 'int', problem: 'int',
});

// engine.h, routing.h, rules.h
const RouteMatch = koffi.struct('cc_route_match', { term: s, department: s, weight: 'double' });
const RouteResult = koffi.struct('cc_route_result', {
  department: s, confidence: 'double', reason: 'int', runner_up: s, runner_up_confidence: 'double',
  matched_count: 'size_t', matched: koffi.array(RouteMatch, 8), language: s, sentiment: s,
  sentiment_score: 'double', urgent: 'int', severity: 'int', priority: 'int',
});
const Department = koffi.struct('cc_department', {
  id: s, name_ar: s, name_en: s, description_ar: s, description_en: s, priority: 'int', queue: s,
  welcome_prompt: s, routing_prompt: s, creates_ticket: 'int',
});
const Field = koffi.struct('cc_field', {
  name: s, kind: 'int', required: 'int', min_length: 'unsigned int', max_length: 'unsigned int',
  prompt_key: s, retry_prompt_key: s, invalid_prompt_key: s, label_ar: s, label_en: s, aliases: 'void *',
});
const IvrSettings = koffi.struct('cc_ivr_settings', {
  max_retries: 'unsigned int', confirmation_retries: 'unsigned int', no_input_timeout_ms: 'unsigned int',
  inactivity_limit_ms: 'unsigned int', call_limit_ms: 'unsigned int', max_queue_size: 'unsigned int',
  max_wait_ms: 'unsigned int', require_confirmation: 'int', auto_detect_language: 'int',
  save_transcript: 'int', default_language: s, fallback_language: s, default_region: s,
  default_department: s,
});
const FaqMatch = koffi.struct('cc_faq_match', { id: s, question: s, answer: s, language: s, score: 'double' });
const PromptVar = koffi.struct('cc_prompt_var', { name: s, value: s, kind: 'int' });
const Classifier = koffi.proto('int cc_route_classifier_fn(const void *text, size_t len, ' +
  'const cc_route_result *keyword, void **department_out, double *confidence_out, void *userdata)');
const EngineOptions = koffi.struct('cc_engine_options', {
  version: 'unsigned int', flags: 'unsigned int', env: 'const char **',
  classifier: koffi.pointer(Classifier), classifier_userdata: 'void *',
});
const FieldValue = koffi.struct('cc_field_value', { name: s, value: s });
const CallContext = koffi.struct('cc_call_context', {
  version: 'unsigned int', department: s, language: s, text: s, text_len: 'size_t', sentiment: s,
  sentiment_score: 'double', urgent: 'int', severity: 'int', priority: 'int',
  fields: koffi.pointer(FieldValue), field_count: 'size_t', matched: 'const char **',
  matched_count: 'size_t', open: 'int', now_unix: 'int64_t', retries: 'unsigned int', stage: s,
  customer_tier: s, vip: 'int', flags: 'const char **', flag_count: 'size_t',
});
const RuleAction = koffi.struct('cc_rule_action', { kind: 'int', rule: s, arg: s, priority: 'int' });
const RulesResult = koffi.struct('cc_rules_result', {
  action_count: 'size_t', actions: koffi.array(RuleAction, 32), fired_count: 'size_t', priority: 'int',
});

// session.h
const Action = koffi.struct('cc_action', {
  type: 'int', seq: 'uint32_t', stage: s, text: s, language: s, key: s, barge_in: 'int', field: s,
  input: 'int', timeout_ms: 'uint32_t', department: s, confidence: 'double', reason: s, target: s,
  priority: s, ticket_id: s, ticket_kind: s, severity: s, subject: s, description: s,
});
const Head = koffi.struct('cc_session_record_head', { call_id: s, seq: 'uint32_t', idempotency_key: s, at_ms: 'int64_t' });
const CallRecord = koffi.struct('cc_session_call_record', { head: Head, language: s, caller_number: s });
const StageRecord = koffi.struct('cc_session_stage_record', {
  head: Head, stage: s, previous_stage: s, department: s, reason: s, confidence: 'double',
});
const TurnRecord = koffi.struct('cc_session_turn_record', {
  head: Head, turn: 'uint32_t', speaker: 'int', text: s, language: s, stage: s,
});
const SessionField = koffi.struct('cc_session_field', { name: s, value: s });
const CustomerRecord = koffi.struct('cc_session_customer_record', {
  head: Head, name: s, phone: s, email: s, service_type: s, language: s, field_count: 'size_t',
  fields: 'void *',
});
const TicketRecord = koffi.struct('cc_session_ticket_record', {
  head: Head, kind: s, department: s, priority: s, severity: s, subject: s, description: s,
  customer_name: s, customer_phone: s, customer_email: s, language: s, proposed_id: s,
});
const EndRecord = koffi.struct('cc_session_end_record', {
  head: Head, outcome: s, department: s, ticket_id: s, duration_ms: 'int64_t', turns: 'uint32_t',
});
const RecCall = koffi.proto('int cc_rec_call_fn(void *rec, void *userdata)');
const RecTicket = koffi.proto('int cc_rec_ticket_fn(void *rec, void *ticket_id, size_t cap, void *userdata)');
const Recorder = koffi.struct('cc_session_recorder', {
  version: 'unsigned int', call_started: koffi.pointer(RecCall), stage_changed: koffi.pointer(RecCall),
  turn_added: koffi.pointer(RecCall), customer_confirmed: koffi.pointer(RecCall),
  ticket_create: koffi.pointer(RecTicket), call_ended: koffi.pointer(RecCall), userdata: 'void *',
});
const SessionOptions = koffi.struct('cc_session_options', {
  version: 'unsigned int', call_id: s, language: s, region: s, caller_number: s, seed: 'uint64_t',
  start_ms: 'uint64_t', wall_clock_ms: 'int64_t', recorder: koffi.pointer(Recorder),
});
const TextInfo = koffi.struct('cc_session_text_info', {
  version: 'unsigned int', confidence: 'double', language: s, now_ms: 'uint64_t',
});
const Turn = koffi.struct('cc_session_turn', { speaker: 'int', text: s, language: s, stage: s, at_ms: 'uint64_t' });

// store.h, crm.h
const StoreOptions = koffi.struct('cc_store_options', {
  version: 'unsigned int', migrate: 'int', pool_size: 'unsigned int', busy_timeout_ms: 'unsigned int',
  max_pending: 'unsigned int',
});
const CrmClock = koffi.proto('int64_t cc_crm_clock_fn(void *userdata)');
const CrmOptions = koffi.struct('cc_crm_options', {
  version: 'unsigned int', default_region: s, retention_calls_days: 'unsigned int',
  retention_transcripts_days: 'unsigned int', retention_tickets_days: 'unsigned int',
  clock: koffi.pointer(CrmClock), clock_userdata: 'void *',
});
const Customer = koffi.struct('cc_crm_customer', {
  id: s, phone: s, name: s, email: s, tier: s, vip: 'int', language: s, notes: s, total_calls: 'int64_t',
  total_tickets: 'int64_t', last_interaction: 'int64_t', created_at: 'int64_t', updated_at: 'int64_t',
  erased_at: 'int64_t',
});
const CustomerInput = koffi.struct('cc_crm_customer_input', {
  version: 'unsigned int', phone: s, name: s, email: s, tier: s, vip: 'int', language: s, notes: s,
});
const Call = koffi.struct('cc_crm_call', {
  id: s, customer_id: s, customer_phone: s, direction: s, status: s, stage: s, department: s,
  routing_reason: s, outcome: s, language: s, agent_id: s, started_at: 'int64_t', ended_at: 'int64_t',
  duration_seconds: 'int64_t',
});
const CallInput = koffi.struct('cc_crm_call_input', {
  version: 'unsigned int', customer_phone: s, direction: s, status: s, stage: s, department: s,
  routing_reason: s, language: s, agent_id: s, at: 'int64_t',
});
const CallFilter = koffi.struct('cc_crm_call_filter', {
  version: 'unsigned int', active_only: 'int', customer: s, department: s, status: s, from: 'int64_t',
  to: 'int64_t', limit: 'size_t', offset: 'size_t',
});
const CrmTurn = koffi.struct('cc_crm_turn', { seq: 'int64_t', speaker: s, text: s, language: s, at: 'int64_t' });
const Ticket = koffi.struct('cc_crm_ticket', {
  id: s, call_id: s, customer_id: s, customer_name: s, customer_phone: s, customer_email: s, subject: s,
  description: s, department: s, status: s, priority: s, assigned_to: s, notes: s, created_at: 'int64_t',
  updated_at: 'int64_t', assigned_at: 'int64_t', resolved_at: 'int64_t', closed_at: 'int64_t',
});
const TicketInput = koffi.struct('cc_crm_ticket_input', {
  version: 'unsigned int', subject: s, description: s, department: s, priority: s, customer_phone: s,
  customer_name: s, customer_email: s, call_id: s, idempotency_key: s, created_by: s,
});
const TicketFilter = koffi.struct('cc_crm_ticket_filter', {
  version: 'unsigned int', status: s, department: s, priority: s, customer: s, assigned_to: s, text: s,
  from: 'int64_t', to: 'int64_t', limit: 'size_t', offset: 'size_t',
});
const TicketChange = koffi.struct('cc_crm_ticket_change', {
  action: s, old_value: s, new_value: s, changed_by: s, reason: s, at: 'int64_t',
});
const Agent = koffi.struct('cc_crm_agent', {
  id: s, name: s, email: s, department: s, status: s, skills: s, languages: s,
  max_concurrent_calls: 'int', current_calls: 'int', available: 'int', last_active: 'int64_t',
});
const AgentInput = koffi.struct('cc_crm_agent_input', {
  version: 'unsigned int', id: s, name: s, email: s, department: s, skills: s, languages: s,
  max_concurrent_calls: 'int',
});
// audio.h, provider.h
const AudioFrameT = koffi.struct('cc_audio_frame', {
  data: 'int16_t *', samples_per_channel: 'size_t', sample_rate: 'uint32_t', channels: 'uint32_t',
  capacity: 'size_t',
});
const ProviderOptions = koffi.struct('cc_provider_options', {
  version: 'unsigned int', base_url: s, api_key: s, model: s, voice: s, language: s,
  sample_rate: 'uint32_t', timeout_ms: 'unsigned int', connect_timeout_ms: 'unsigned int',
  max_retries: 'int', params: 'const char **',
});
const SttResult = koffi.struct('cc_stt_result', {
  text_ptr: 'void *', text_reserved: 'size_t', text_size: 'size_t',
  language: koffi.array('char', 16, 'String'), confidence: 'double',
});
const LlmMessage = koffi.struct('cc_llm_message', { role: 'int', content: s });
const TtsAudio = koffi.proto('int cc_tts_audio_fn(const void *samples, size_t samples_per_channel, ' +
  'uint32_t sample_rate, uint32_t channels, void *userdata)');
const TextPiece = koffi.proto('int cc_text_piece_fn(const void *text, size_t len, void *userdata)');
for (const name of ['cc_tts', 'cc_stt', 'cc_llm']) koffi.opaque(name);
// sys/stt.h, sys/tts.h, sys/llm.h: providers written in JavaScript.  The
// instance state is a small integer carried in the void * (uintptr_t here);
// the name is a pointer to memory the registration allocates and keeps.
const PCreate = koffi.proto('int cc_p_create_fn(void *state_out, void *opts, void *userdata)');
const PState = koffi.proto('void cc_p_state_fn(uintptr_t state)');
const PRecognize = koffi.proto('int cc_p_recognize_fn(uintptr_t state, void *audio, const char *language, ' +
  'void *emit, void *emit_userdata)');
const SttEmit = koffi.proto('int cc_stt_emit_fn(int is_final, const char *text, size_t len, const char *language, ' +
  'double confidence, void *userdata)');
const PSynthesize = koffi.proto('int cc_p_synthesize_fn(uintptr_t state, const char *text, const char *language, ' +
  'const char *voice, void *emit, void *emit_userdata)');
const PChat = koffi.proto('int cc_p_chat_fn(uintptr_t state, const char *system_prompt, void *messages, ' +
  'size_t count, void *emit, void *emit_userdata)');
const vtable = (name, work) => koffi.struct(name, {
  version: 'unsigned int', name: 'void *', capabilities: 'unsigned int', create: koffi.pointer(PCreate),
  destroy: koffi.pointer(PState), [work[0]]: koffi.pointer(work[1]), cancel: koffi.pointer(PState),
});
const SttVtable = vtable('cc_stt_vtable', ['recognize', PRecognize]);
const TtsVtable = vtable('cc_tts_vtable', ['synthesize', PSynthesize]);
const LlmVtable = vtable('cc_llm_vtable', ['chat', PChat]);

// Every list the CRM returns is { size_t count; T *items; }.
const List = koffi.struct('cc_crm_list', { count: 'size_t', items: 'void *' });

module.exports = {
  Sentiment, NumberT, Phone, RouteMatch, RouteResult, Department, Field, IvrSettings, FaqMatch,
  PromptVar, Classifier, EngineOptions, FieldValue, CallContext, RuleAction, RulesResult, Action,
  Head, CallRecord, StageRecord, TurnRecord, SessionField, CustomerRecord, TicketRecord, EndRecord,
  RecCall, RecTicket, Recorder, SessionOptions, TextInfo, Turn, StoreOptions, CrmClock, CrmOptions,
  Customer, CustomerInput, Call, CallInput, CallFilter, CrmTurn, Ticket, TicketInput, TicketFilter,
  TicketChange, Agent, AgentInput, List, AudioFrameT, ProviderOptions, SttResult, LlmMessage, TtsAudio,
  TextPiece, PCreate, PState, PRecognize, SttEmit, PSynthesize, PChat, SttVtable, TtsVtable, LlmVtable,
};
