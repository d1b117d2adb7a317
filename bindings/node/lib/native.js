'use strict';
// Finds, loads and checks libcallcenter and declares the C functions with
// koffi.  Lookup order: CALLCENTER_LIBRARY, the build tree of a source
// checkout (build/lib/), then the system's dynamic loader.
const fs = require('node:fs');
const path = require('node:path');
const koffi = require('koffi');
const types = require('./types');

const MIN_VERSION = [0, 1, 0];
const SONAME = 'libcallcenter.so.0';

function candidates() {
  if (process.env.CALLCENTER_LIBRARY) return [process.env.CALLCENTER_LIBRARY];
  return [path.resolve(__dirname, '..', '..', '..', 'build', 'lib', SONAME), SONAME];
}

function load() {
  const tried = [];
  for (const p of candidates()) {
    if (p.includes('/') && !fs.existsSync(p)) {
      tried.push(`${p} (missing)`);
      continue;
    }
    try {
      return { lib: koffi.load(p), path: p };
    } catch (e) {
      tried.push(`${p} (${e.message})`);
    }
  }
  throw new Error('libcallcenter not found; set CALLCENTER_LIBRARY to the path ' +
                  `of ${SONAME}. Tried: ${tried.join('; ')}`);
}

const { lib, path: libraryPath } = load();

const Buf = koffi.struct('cc_buf', { ptr: 'void *', reserved: 'size_t', size: 'size_t' });
const ErrorInfo = koffi.struct('cc_error', {
  code: 'int', klass: 'int', message: 'const char *', backend_code: 'int', sqlstate: koffi.array('char', 6, 'String'),
});

// Every function the binding calls, declared once.  A missing symbol means
// the library is older than the binding.
const prototypes = {
  cc_version: 'int cc_version(_Out_ int *major, _Out_ int *minor, _Out_ int *patch)',
  cc_version_string: 'const char *cc_version_string(void)',
  cc_features: 'int cc_features(void)',
  cc_error_last: 'cc_error *cc_error_last(void)',
  cc_error_clear: 'void cc_error_clear(void)',
  cc_strerror: 'const char *cc_strerror(int code)',
  cc_error_name: 'const char *cc_error_name(int code)',
  cc_error_class_name: 'const char *cc_error_class_name(int klass)',
  cc_buf_dispose: 'void cc_buf_dispose(cc_buf *buf)',
  cc_log_set_level: 'int cc_log_set_level(int level)',
  cc_log_get_level: 'int cc_log_get_level(void)',
  cc_log_level_parse: 'int cc_log_level_parse(_Out_ int *out, const char *name)',
  cc_log_mask_phone: 'int cc_log_mask_phone(_Inout_ cc_buf *out, const char *phone)',
  cc_log_mask_email: 'int cc_log_mask_email(_Inout_ cc_buf *out, const char *email)',
  cc_log_mask_name: 'int cc_log_mask_name(_Inout_ cc_buf *out, const char *name)',
  cc_log_scrub: 'int cc_log_scrub(_Inout_ cc_buf *out, const char *text)',
  // text.h
  cc_text_key_buf: 'int cc_text_key_buf(_Inout_ cc_buf *out, const char *text)',
  cc_text_display_buf: 'int cc_text_display_buf(_Inout_ cc_buf *out, const char *text, unsigned int flags)',
  cc_text_stems: 'int cc_text_stems(_Inout_ cc_buf *out, const char *text)',
  cc_text_detect_language: 'int cc_text_detect_language(_Out_ int *lang, _Out_ int *arabizi, const char *text)',
  cc_text_language_name: 'const char *cc_text_language_name(int lang)',
  cc_text_sentiment_score: 'int cc_text_sentiment_score(_Out_ cc_text_sentiment *out, const char *text)',
  cc_text_sentiment_name: 'const char *cc_text_sentiment_name(int label)',
  cc_text_numbers: 'int cc_text_numbers(void *out, size_t cap, _Out_ size_t *count, const char *text)',
  cc_text_cardinal: 'int cc_text_cardinal(_Out_ int64_t *value, const char *text)',
  cc_text_phone_region_known: 'int cc_text_phone_region_known(const char *region)',
  cc_text_phone_parse: 'int cc_text_phone_parse(_Out_ cc_text_phone *out, const char *text, const char *region)',
  cc_text_phone_find: 'int cc_text_phone_find(void *out, size_t cap, _Out_ size_t *count, const char *text, const char *region)',
  cc_text_phone_format: 'int cc_text_phone_format(_Inout_ cc_buf *out, const cc_text_phone *phone, int format)',
  cc_text_email_validate: 'int cc_text_email_validate(_Inout_ cc_buf *out, _Out_ int *problem, const char *text)',
  cc_text_email_find: 'int cc_text_email_find(_Inout_ cc_buf *out, const char *text)',
  cc_text_name_clean: 'int cc_text_name_clean(_Inout_ cc_buf *out, _Out_ int *problem, const char *text)',
  cc_text_name_key: 'int cc_text_name_key(_Inout_ cc_buf *out, const char *name)',
  // engine.h
  cc_engine_new_default: 'int cc_engine_new_default(_Out_ cc_engine **out, const cc_engine_options *opts)',
  cc_engine_new_from_file: 'int cc_engine_new_from_file(_Out_ cc_engine **out, const char *path, const cc_engine_options *opts)',
  cc_engine_new_from_json: 'int cc_engine_new_from_json(_Out_ cc_engine **out, const char *json, size_t len, const cc_engine_options *opts)',
  cc_engine_free: 'void cc_engine_free(cc_engine *engine)',
  cc_engine_config_json: 'int cc_engine_config_json(_Inout_ cc_buf *out, const cc_engine *engine)',
  cc_engine_company_name: 'const char *cc_engine_company_name(const cc_engine *engine, const char *lang)',
  cc_engine_field_count: 'size_t cc_engine_field_count(const cc_engine *engine)',
  cc_engine_field: 'void *cc_engine_field(const cc_engine *engine, size_t index)',
  cc_engine_ivr: 'void *cc_engine_ivr(const cc_engine *engine)',
  cc_engine_feature: 'int cc_engine_feature(const cc_engine *engine, const char *name)',
  cc_engine_retention_days: 'int cc_engine_retention_days(const cc_engine *engine, const char *kind)',
  cc_engine_department_count: 'size_t cc_engine_department_count(const cc_engine *engine)',
  cc_engine_department: 'void *cc_engine_department(const cc_engine *engine, size_t index)',
  cc_engine_prompt: 'int cc_engine_prompt(_Inout_ cc_buf *out, _Out_ const char **lang_used, const cc_engine *engine, ' +
    'const char *key, const char *lang, const cc_prompt_var *vars, size_t nvars, unsigned int flags)',
  cc_engine_prompt_exists: 'int cc_engine_prompt_exists(const cc_engine *engine, const char *key)',
  cc_engine_faq: 'int cc_engine_faq(_Out_ cc_faq_match *out, const cc_engine *engine, const char *text, size_t len, const char *lang)',
  cc_engine_is_open: 'int cc_engine_is_open(const cc_engine *engine, int64_t unix_sec)',
  cc_engine_next_opening: 'int cc_engine_next_opening(_Out_ int64_t *opens_at, const cc_engine *engine, int64_t unix_sec)',
  cc_engine_time_zone: 'const char *cc_engine_time_zone(const cc_engine *engine)',
  cc_engine_route: 'int cc_engine_route(_Out_ cc_route_result *out, const cc_engine *engine, const char *text, size_t len)',
  cc_engine_resolution_hours: 'int cc_engine_resolution_hours(const cc_engine *engine, int severity)',
  cc_engine_rules_eval: 'int cc_engine_rules_eval(_Out_ cc_rules_result *out, _Inout_ cc_buf *trace, const cc_engine *engine, const cc_call_context *ctx)',
  // session.h
  cc_session_new: 'int cc_session_new(_Out_ cc_session **out, const cc_engine *engine, const cc_session_options *opts)',
  cc_session_restore: 'int cc_session_restore(_Out_ cc_session **out, const cc_engine *engine, const char *json, size_t len, const cc_session_options *opts)',
  cc_session_free: 'void cc_session_free(cc_session *s)',
  cc_session_start: 'int cc_session_start(cc_session *s)',
  cc_session_input_text: 'int cc_session_input_text(cc_session *s, const char *text, size_t len, const cc_session_text_info *info)',
  cc_session_input_dtmf: 'int cc_session_input_dtmf(cc_session *s, const char *digits, size_t len)',
  cc_session_input_silence: 'int cc_session_input_silence(cc_session *s)',
  cc_session_tick: 'int cc_session_tick(cc_session *s, uint64_t now_ms)',
  cc_session_next_deadline: 'int cc_session_next_deadline(_Out_ uint64_t *deadline, const cc_session *s)',
  cc_session_notify: 'int cc_session_notify(cc_session *s, int notice, const char *detail)',
  cc_session_next_action: 'int cc_session_next_action(_Out_ void **out, cc_session *s)',
  cc_session_stage_get: 'int cc_session_stage_get(const cc_session *s)',
  cc_session_ended: 'int cc_session_ended(const cc_session *s)',
  cc_session_call_id: 'const char *cc_session_call_id(const cc_session *s)',
  cc_session_language: 'const char *cc_session_language(const cc_session *s)',
  cc_session_field_value: 'const char *cc_session_field_value(const cc_session *s, const char *name)',
  cc_session_department: 'const char *cc_session_department(const cc_session *s)',
  cc_session_ticket_id: 'const char *cc_session_ticket_id(const cc_session *s)',
  cc_session_recorder_failures: 'uint32_t cc_session_recorder_failures(const cc_session *s)',
  cc_session_transcript_count: 'size_t cc_session_transcript_count(const cc_session *s)',
  cc_session_transcript_turn: 'int cc_session_transcript_turn(_Out_ cc_session_turn *out, const cc_session *s, size_t index)',
  cc_session_snapshot: 'int cc_session_snapshot(_Inout_ cc_buf *out, const cc_session *s)',
  cc_session_summary: 'int cc_session_summary(_Inout_ cc_buf *out, const cc_session *s)',
  // store.h
  cc_store_open: 'int cc_store_open(_Out_ cc_store **out, const char *uri, const cc_store_options *opts)',
  cc_store_free: 'void cc_store_free(cc_store *store)',
  cc_store_migrate: 'int cc_store_migrate(cc_store *store)',
  cc_store_schema_version: 'int cc_store_schema_version(cc_store *store)',
  cc_store_schema_latest: 'int cc_store_schema_latest(void)',
  cc_store_backend_name: 'const char *cc_store_backend_name(const cc_store *store)',
  cc_store_pending: 'int cc_store_pending(cc_store *store)',
  cc_store_flush: 'int cc_store_flush(cc_store *store)',
  cc_store_dropped: 'int cc_store_dropped(cc_store *store)',
  // crm.h: records come back as pointers, decoded then freed
  cc_crm_open: 'int cc_crm_open(_Out_ cc_crm **out, cc_store *store, const cc_crm_options *opts)',
  cc_crm_free: 'void cc_crm_free(cc_crm *crm)',
  cc_crm_session_recorder: 'int cc_crm_session_recorder(_Out_ cc_session_recorder *out, cc_crm *crm)',
  cc_crm_customer_upsert: 'int cc_crm_customer_upsert(_Out_ uint8_t *id_out, cc_crm *crm, const cc_crm_customer_input *in)',
  cc_crm_customer_get: 'int cc_crm_customer_get(_Out_ void **out, cc_crm *crm, const char *key)',
  cc_crm_customer_search: 'int cc_crm_customer_search(_Out_ void **out, cc_crm *crm, const char *query, size_t limit, size_t offset)',
  cc_crm_customer_erase: 'int cc_crm_customer_erase(cc_crm *crm, const char *key)',
  cc_crm_customer_free: 'void cc_crm_customer_free(void *c)',
  cc_crm_customer_list_free: 'void cc_crm_customer_list_free(void *list)',
  cc_crm_call_new_id: 'int cc_crm_call_new_id(_Out_ uint8_t *id_out, cc_crm *crm)',
  cc_crm_call_start: 'int cc_crm_call_start(_Inout_ uint8_t *call_id, cc_crm *crm, const cc_crm_call_input *in)',
  cc_crm_call_update: 'int cc_crm_call_update(cc_crm *crm, const char *call_id, const cc_crm_call_input *in)',
  cc_crm_call_end: 'int cc_crm_call_end(cc_crm *crm, const char *call_id, const char *status, const char *outcome, int64_t at)',
  cc_crm_call_get: 'int cc_crm_call_get(_Out_ void **out, cc_crm *crm, const char *call_id)',
  cc_crm_call_search: 'int cc_crm_call_search(_Out_ void **out, cc_crm *crm, const cc_crm_call_filter *filter)',
  cc_crm_call_free: 'void cc_crm_call_free(void *call)',
  cc_crm_call_list_free: 'void cc_crm_call_list_free(void *list)',
  cc_crm_transcript_append: 'int cc_crm_transcript_append(cc_crm *crm, const char *call_id, int64_t seq, ' +
    'const char *speaker, const char *text, const char *language, int64_t at)',
  cc_crm_transcript_get: 'int cc_crm_transcript_get(_Out_ void **out, cc_crm *crm, const char *call_id)',
  cc_crm_transcript_free: 'void cc_crm_transcript_free(void *t)',
  cc_crm_ticket_create: 'int cc_crm_ticket_create(_Out_ uint8_t *id_out, cc_crm *crm, const cc_crm_ticket_input *in)',
  cc_crm_ticket_get: 'int cc_crm_ticket_get(_Out_ void **out, cc_crm *crm, const char *ticket_id)',
  cc_crm_ticket_search: 'int cc_crm_ticket_search(_Out_ void **out, cc_crm *crm, const cc_crm_ticket_filter *filter)',
  cc_crm_ticket_set_status: 'int cc_crm_ticket_set_status(cc_crm *crm, const char *ticket_id, const char *status, const char *who, const char *why)',
  cc_crm_ticket_assign: 'int cc_crm_ticket_assign(cc_crm *crm, const char *ticket_id, const char *agent_id, const char *who, const char *why)',
  cc_crm_ticket_add_note: 'int cc_crm_ticket_add_note(cc_crm *crm, const char *ticket_id, const char *note, const char *who)',
  cc_crm_ticket_history_get: 'int cc_crm_ticket_history_get(_Out_ void **out, cc_crm *crm, const char *ticket_id)',
  cc_crm_ticket_free: 'void cc_crm_ticket_free(void *t)',
  cc_crm_ticket_list_free: 'void cc_crm_ticket_list_free(void *list)',
  cc_crm_ticket_history_free: 'void cc_crm_ticket_history_free(void *h)',
  cc_crm_agent_upsert: 'int cc_crm_agent_upsert(cc_crm *crm, const cc_crm_agent_input *in)',
  cc_crm_agent_set_status: 'int cc_crm_agent_set_status(cc_crm *crm, const char *agent_id, const char *status)',
  cc_crm_agent_get: 'int cc_crm_agent_get(_Out_ void **out, cc_crm *crm, const char *agent_id)',
  cc_crm_agent_search: 'int cc_crm_agent_search(_Out_ void **out, cc_crm *crm, const char *department, int available_only)',
  cc_crm_agent_free: 'void cc_crm_agent_free(void *a)',
  cc_crm_agent_list_free: 'void cc_crm_agent_list_free(void *list)',
  cc_crm_stats_compute: 'int cc_crm_stats_compute(cc_crm *crm, const char *date)',
  cc_crm_stats_json: 'int cc_crm_stats_json(_Inout_ cc_buf *out, cc_crm *crm, const char *date)',
  cc_crm_purge: 'int cc_crm_purge(cc_crm *crm)',
  // audio.h, provider.h
  cc_audio_frame_dispose: 'void cc_audio_frame_dispose(_Inout_ cc_audio_frame *frame)',
  cc_wav_parse: 'int cc_wav_parse(const void *data, size_t len, _Out_ cc_audio_frame *out)',
  cc_wav_encode: 'int cc_wav_encode(const cc_audio_frame *frame, _Inout_ cc_buf *out)',
  cc_provider_list: 'int cc_provider_list(int kind, _Inout_ cc_buf *out)',
  cc_tts_new: 'int cc_tts_new(_Out_ cc_tts **out, const char *name, const cc_provider_options *opts)',
  cc_tts_synthesize: 'int cc_tts_synthesize(cc_tts *tts, const char *text, const char *language, ' +
    'const char *voice, cc_tts_audio_fn *on_audio, void *userdata)',
  cc_tts_synthesize_frame: 'int cc_tts_synthesize_frame(cc_tts *tts, const char *text, const char *language, ' +
    'const char *voice, _Out_ cc_audio_frame *out)',
  cc_tts_cancel: 'void cc_tts_cancel(cc_tts *tts)',
  cc_tts_capabilities: 'unsigned int cc_tts_capabilities(const cc_tts *tts)',
  cc_tts_name: 'const char *cc_tts_name(const cc_tts *tts)',
  cc_tts_free: 'void cc_tts_free(cc_tts *tts)',
  cc_stt_new: 'int cc_stt_new(_Out_ cc_stt **out, const char *name, const cc_provider_options *opts)',
  cc_stt_recognize: 'int cc_stt_recognize(cc_stt *stt, const cc_audio_frame *audio, const char *language, ' +
    'cc_text_piece_fn *on_partial, void *userdata, _Inout_ cc_stt_result *out)',
  cc_stt_result_dispose: 'void cc_stt_result_dispose(_Inout_ cc_stt_result *result)',
  cc_stt_cancel: 'void cc_stt_cancel(cc_stt *stt)',
  cc_stt_capabilities: 'unsigned int cc_stt_capabilities(const cc_stt *stt)',
  cc_stt_name: 'const char *cc_stt_name(const cc_stt *stt)',
  cc_stt_free: 'void cc_stt_free(cc_stt *stt)',
  cc_llm_new: 'int cc_llm_new(_Out_ cc_llm **out, const char *name, const cc_provider_options *opts)',
  cc_llm_chat: 'int cc_llm_chat(cc_llm *llm, const char *system_prompt, const cc_llm_message *messages, ' +
    'size_t count, cc_text_piece_fn *on_token, void *userdata, _Inout_ cc_buf *reply)',
  cc_llm_cancel: 'void cc_llm_cancel(cc_llm *llm)',
  cc_llm_capabilities: 'unsigned int cc_llm_capabilities(const cc_llm *llm)',
  cc_llm_name: 'const char *cc_llm_name(const cc_llm *llm)',
  cc_llm_free: 'void cc_llm_free(cc_llm *llm)',
  cc_provider_set_error: 'int cc_provider_set_error(int code, int backend_code, const char *message)',
  cc_stt_register: 'int cc_stt_register(void *vtable, void *userdata)',
  cc_stt_unregister: 'int cc_stt_unregister(const char *name)',
  cc_tts_register: 'int cc_tts_register(void *vtable, void *userdata)',
  cc_tts_unregister: 'int cc_tts_unregister(const char *name)',
  cc_llm_register: 'int cc_llm_register(void *vtable, void *userdata)',
  cc_llm_unregister: 'int cc_llm_unregister(const char *name)',
};

const fn = {};
function declare(protos) {
  for (const [name, proto] of Object.entries(protos)) {
    try {
      fn[name] = lib.func(proto);
    } catch (e) {
      throw new Error(`libcallcenter at ${libraryPath} is incompatible: ${name}: ${e.message}`);
    }
  }
}
declare(prototypes);

const version = (() => {
  const a = [0], b = [0], c = [0];
  fn.cc_version(a, b, c);
  return [a[0], b[0], c[0]];
})();
const tooOld = version[0] !== MIN_VERSION[0] ||
  version[1] < MIN_VERSION[1] || (version[1] === MIN_VERSION[1] && version[2] < MIN_VERSION[2]);
if (tooOld) {
  throw new Error(`libcallcenter at ${libraryPath} is version ${version.join('.')}; ` +
                  `this binding needs ${MIN_VERSION.join('.')} or newer with the same major version`);
}

module.exports = { koffi, lib, fn, declare, Buf, ErrorInfo, types, libraryPath, version };
