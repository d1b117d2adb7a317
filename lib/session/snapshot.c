/* Snapshot and restore (JSON, through cJSON), and the call summary. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "session/session_int.h"

#define SNAPSHOT_FORMAT "cc-session"
#define SNAPSHOT_VERSION 1
#define SNAPSHOT_MAX (64u << 20)

static const char *const dstate_names[] = { "none", "followup", "details",
					    "callback", "waiting" };
static const char *const act_keys[CC_SESSION__AS_COUNT] = {
	"text", "language", "key", "field", "department", "reason", "target",
	"priority", "ticket_id", "ticket_kind", "severity", "subject",
	"description"
};

/* ---- writing ----------------------------------------------------------------- */

static int add_str(cJSON *o, const char *k, const char *v)
{
	cJSON *item = v ? cJSON_CreateString(v) : cJSON_CreateNull();
	return item && cJSON_AddItemToObject(o, k, item) ? 0 : CC_ENOMEM;
}

static int add_num(cJSON *o, const char *k, double v)
{
	return cJSON_AddNumberToObject(o, k, v) ? 0 : CC_ENOMEM;
}

/* 64-bit values that may pass 2^53 (the random state) go as hex text. */
static int add_u64(cJSON *o, const char *k, uint64_t v)
{
	char hex[24];
	snprintf(hex, sizeof(hex), "%016" PRIx64, v);
	return add_str(o, k, hex);
}

static int build(cJSON *root, const cc_session *s)
{
	cJSON *fields, *ask, *acts, *turns;
	int rc = 0;

#define TRY(x) do { if ((rc = (x)) < 0) return rc; } while (0)
	TRY(add_str(root, "format", SNAPSHOT_FORMAT));
	TRY(add_num(root, "version", SNAPSHOT_VERSION));
	TRY(add_str(root, "call_id", s->call_id));
	TRY(add_str(root, "region", s->region));
	TRY(add_str(root, "language", cc_session__lang_name(s->lang)));
	TRY(add_num(root, "language_locked", s->lang_locked));
	TRY(add_str(root, "stage", cc_session_stage_name((cc_session_stage)s->stage)));
	TRY(add_num(root, "started", s->started));
	TRY(add_num(root, "ended", s->ended));
	TRY(add_str(root, "field", s->field < s->nfields
					   ? cc_engine_field(s->engine, s->field)->name
					   : NULL));
	TRY(add_num(root, "editing", s->editing));
	TRY(add_str(root, "waiting_for", dstate_names[s->dstate]));
	TRY(add_num(root, "retries", s->retries));
	TRY(add_num(root, "no_inputs", s->no_inputs));
	TRY(add_str(root, "priority", cc_priority_name((cc_priority)s->priority)));
	TRY(add_str(root, "severity", cc_severity_name((cc_severity)s->severity)));
	TRY(add_str(root, "dtmf", s->dtmf));
	TRY(add_u64(root, "rng", s->rng));
	TRY(add_num(root, "start_ms", (double)s->start_ms));
	TRY(add_num(root, "now_ms", (double)s->now_ms));
	TRY(add_num(root, "last_input_ms", (double)s->last_input_ms));
	TRY(add_num(root, "deadline_ms", (double)s->deadline_ms));
	TRY(add_num(root, "wait_start_ms", (double)s->wait_start_ms));
	TRY(add_num(root, "expect_timeout_ms", s->expect_timeout_ms));
	TRY(add_num(root, "wall_start_ms", (double)s->wall_start_ms));
	TRY(add_num(root, "seq", s->seq));
	TRY(add_num(root, "record_seq", s->rec_seq));
	TRY(add_str(root, "department", s->department));
	TRY(add_num(root, "route_confidence", s->route_confidence));
	TRY(add_str(root, "ticket_id", s->ticket_id));
	TRY(add_str(root, "complaint", s->complaint));
	TRY(add_str(root, "caller_number", s->caller_number));
	TRY(add_str(root, "outcome", s->outcome));

	if ((ask = cJSON_AddArrayToObject(root, "ask")) == NULL ||
	    (fields = cJSON_AddObjectToObject(root, "fields")) == NULL)
		return CC_ENOMEM;
	for (size_t i = 0; i < s->nfields; i++) {
		const char *name = cc_engine_field(s->engine, i)->name;
		if ((s->ask_mask >> i) & 1u) {
			cJSON *n = cJSON_CreateString(name);
			if (n == NULL || !cJSON_AddItemToArray(ask, n))
				return CC_ENOMEM;
		}
		if (s->values[i])
			TRY(add_str(fields, name, s->values[i]));
	}

	if ((acts = cJSON_AddArrayToObject(root, "actions")) == NULL)
		return CC_ENOMEM;
	for (uint32_t i = 0; i < s->qlen; i++) {
		const cc_session__act *a = &s->q[s->qhead + i];
		cJSON *o = cJSON_CreateObject();
		if (o == NULL || !cJSON_AddItemToArray(acts, o))
			return CC_ENOMEM;
		TRY(add_str(o, "type", cc_action_type_name((cc_action_type)a->type)));
		TRY(add_num(o, "seq", a->seq));
		TRY(add_str(o, "stage", cc_session_stage_name((cc_session_stage)a->stage)));
		TRY(add_num(o, "input", a->input));
		TRY(add_num(o, "barge_in", a->barge_in));
		TRY(add_num(o, "timeout_ms", a->timeout_ms));
		TRY(add_num(o, "confidence", a->confidence));
		for (int k = 0; k < CC_SESSION__AS_COUNT; k++)
			if (a->str[k] >= 0)
				TRY(add_str(o, act_keys[k], s->arena.ptr + a->str[k]));
	}

	if ((turns = cJSON_AddArrayToObject(root, "transcript")) == NULL)
		return CC_ENOMEM;
	for (uint32_t i = 0; i < s->nturns; i++) {
		const cc_session__turn *t = &s->turns[i];
		cJSON *o = cJSON_CreateObject();
		if (o == NULL || !cJSON_AddItemToArray(turns, o))
			return CC_ENOMEM;
		TRY(add_str(o, "speaker", cc_speaker_name((cc_speaker)t->speaker)));
		TRY(add_str(o, "text", s->ttext.ptr + t->off));
		TRY(add_str(o, "language", cc_session__lang_name(t->lang)));
		TRY(add_str(o, "stage", cc_session_stage_name((cc_session_stage)t->stage)));
		TRY(add_num(o, "at_ms", (double)t->at_ms));
	}
#undef TRY
	return 0;
}

static int print_to(cc_buf *out, cJSON *root)
{
	char *text = cJSON_PrintUnformatted(root);
	int rc;
	if (text == NULL)
		return cc__error_nomem();
	rc = cc__buf_set(out, text, strlen(text));
	cJSON_free(text);
	return rc < 0 ? cc__error_nomem() : 0;
}

CC_EXTERN(int) cc_session_snapshot(cc_buf *out, const cc_session *s)
{
	cJSON *root;
	int rc;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(s);
	if ((root = cJSON_CreateObject()) == NULL)
		return cc__error_nomem();
	rc = build(root, s);
	if (rc == 0)
		rc = print_to(out, root);
	else
		rc = cc__error_nomem();
	cJSON_Delete(root);
	return rc;
}

/* ---- reading -------------------------------------------------------------------- */

static int bad(const char *member, const char *why)
{
	return cc__error(CC_EPARSE, CC_ERRCLASS_JSON,
			 "cc_session_restore: \"%s\": %s", member, why);
}

/* A string member; NULL (and 0) when absent or null and @optional. */
static int get_str(const char **out, const cJSON *o, const char *k, bool optional)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, k);
	*out = NULL;
	if (it == NULL || cJSON_IsNull(it))
		return optional ? 0 : bad(k, "missing");
	if (!cJSON_IsString(it))
		return bad(k, "expected a string");
	*out = it->valuestring;
	return 0;
}

static int get_num(double *out, const cJSON *o, const char *k, double lo, double hi)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, k);
	if (it == NULL)
		return bad(k, "missing");
	if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble))
		return bad(k, "expected a number");
	if (it->valuedouble < lo || it->valuedouble > hi)
		return bad(k, "out of range");
	*out = it->valuedouble;
	return 0;
}

static int get_uint(uint64_t *out, const cJSON *o, const char *k, double hi)
{
	double d;
	int rc = get_num(&d, o, k, 0, hi);
	if (rc < 0)
		return rc;
	if (d != floor(d))
		return bad(k, "expected a whole number");
	*out = (uint64_t)d;
	return 0;
}

static int get_name(int *out, const cJSON *o, const char *k,
		    const char *(*name)(int), int count)
{
	const char *v;
	int rc = get_str(&v, o, k, false);
	if (rc < 0)
		return rc;
	for (int i = 0; i < count; i++)
		if (strcmp(name(i), v) == 0) {
			*out = i;
			return 0;
		}
	return bad(k, "unknown value");
}

static const char *prio_name(int i) { return cc_priority_name((cc_priority)i); }
static const char *sev_name(int i) { return cc_severity_name((cc_severity)i); }
static const char *stage_name(int i) { return cc_session_stage_name((cc_session_stage)i); }
static const char *dstate_name(int i) { return dstate_names[i]; }
static const char *lang_name(int i) { return cc_session__lang_name(i); }
static const char *type_name(int i) { return cc_action_type_name((cc_action_type)i); }
static const char *speaker_name(int i) { return cc_speaker_name((cc_speaker)i); }

static int field_index(const cc_session *s, const char *name)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (strcmp(cc_engine_field(s->engine, i)->name, name) == 0)
			return (int)i;
	return -1;
}

static int dup_opt(char **out, const cJSON *o, const char *k, size_t max)
{
	const char *v;
	int rc = get_str(&v, o, k, true);
	if (rc < 0 || v == NULL)
		return rc;
	if (strlen(v) > max)
		return bad(k, "too long");
	if ((*out = cc__strdup(v)) == NULL)
		return cc__error_nomem();
	return 0;
}

#define MS_MAX 9007199254740991.0 /* 2^53 - 1: exact in JSON numbers */

static int load(cc_session *s, const cJSON *root)
{
	const cJSON *it, *arr;
	const char *str;
	uint64_t u;
	double d;
	int v, rc;

#define TRY(x) do { if ((rc = (x)) < 0) return rc; } while (0)
	TRY(get_str(&str, root, "format", false));
	if (strcmp(str, SNAPSHOT_FORMAT) != 0)
		return bad("format", "not a session snapshot");
	TRY(get_uint(&u, root, "version", 1000));
	if (u != SNAPSHOT_VERSION)
		return bad("version", "unsupported snapshot version");
	TRY(get_str(&str, root, "call_id", false));
	if (strlen(str) == 0 || strlen(str) > CC_SESSION__MAX_CALL_ID)
		return bad("call_id", "must be 1 to 64 bytes");
	strcpy(s->call_id, str);
	TRY(get_str(&str, root, "region", false));
	if (strlen(str) != 2)
		return bad("region", "expected two letters");
	memcpy(s->region, str, 3);
	TRY(get_name(&v, root, "language", lang_name, 2));
	s->lang = (uint8_t)v;
	TRY(get_uint(&u, root, "language_locked", 1));
	s->lang_locked = (uint8_t)u;
	TRY(get_name(&v, root, "stage", stage_name, CC_SESSION_STAGE_EDIT_FIELD + 1));
	s->stage = (uint8_t)v;
	TRY(get_uint(&u, root, "started", 1));
	s->started = (uint8_t)u;
	TRY(get_uint(&u, root, "ended", 1));
	s->ended = (uint8_t)u;
	TRY(get_str(&str, root, "field", true));
	if (str) {
		if ((v = field_index(s, str)) < 0)
			return cc__error(CC_ECONFIG, CC_ERRCLASS_SESSION,
					 "cc_session_restore: field \"%s\" is not "
					 "in the engine's configuration", str);
		s->field = (uint8_t)v;
	} else {
		s->field = (uint8_t)s->nfields;
	}
	TRY(get_uint(&u, root, "editing", 1));
	s->editing = (uint8_t)u;
	TRY(get_name(&v, root, "waiting_for", dstate_name, 5));
	s->dstate = (uint8_t)v;
	TRY(get_uint(&u, root, "retries", 255));
	s->retries = (uint8_t)u;
	TRY(get_uint(&u, root, "no_inputs", 255));
	s->no_inputs = (uint8_t)u;
	TRY(get_name(&v, root, "priority", prio_name, 4));
	s->priority = (uint8_t)v;
	TRY(get_name(&v, root, "severity", sev_name, 4));
	s->severity = (uint8_t)v;
	TRY(get_str(&str, root, "dtmf", false));
	if (strlen(str) > CC_SESSION__MAX_DTMF || strspn(str, "0123456789") != strlen(str))
		return bad("dtmf", "expected up to 64 digits");
	strcpy(s->dtmf, str);
	s->dtmf_len = (uint8_t)strlen(str);
	TRY(get_str(&str, root, "rng", false));
	{
		char *end;
		if (strlen(str) != 16)
			return bad("rng", "expected 16 hex digits");
		s->rng = strtoull(str, &end, 16);
		if (*end)
			return bad("rng", "expected 16 hex digits");
	}
	TRY(get_uint(&s->start_ms, root, "start_ms", MS_MAX));
	TRY(get_uint(&s->now_ms, root, "now_ms", MS_MAX));
	TRY(get_uint(&s->last_input_ms, root, "last_input_ms", MS_MAX));
	TRY(get_uint(&s->deadline_ms, root, "deadline_ms", MS_MAX));
	TRY(get_uint(&s->wait_start_ms, root, "wait_start_ms", MS_MAX));
	TRY(get_uint(&u, root, "expect_timeout_ms", UINT32_MAX));
	s->expect_timeout_ms = (uint32_t)u;
	TRY(get_num(&d, root, "wall_start_ms", -MS_MAX, MS_MAX));
	s->wall_start_ms = (int64_t)d;
	TRY(get_uint(&u, root, "seq", UINT32_MAX));
	s->seq = (uint32_t)u;
	TRY(get_uint(&u, root, "record_seq", UINT32_MAX));
	s->rec_seq = (uint32_t)u;
	TRY(dup_opt(&s->department, root, "department", 256));
	if (s->department && cc_engine_department_find(s->engine, s->department) == NULL)
		return cc__error(CC_ECONFIG, CC_ERRCLASS_SESSION,
				 "cc_session_restore: department \"%s\" is not "
				 "in the engine's configuration", s->department);
	TRY(get_num(&s->route_confidence, root, "route_confidence", 0, 1));
	TRY(dup_opt(&s->ticket_id, root, "ticket_id", 64));
	TRY(dup_opt(&s->complaint, root, "complaint", CC_SESSION__MAX_TEXT));
	TRY(dup_opt(&s->caller_number, root, "caller_number", 64));
	TRY(get_str(&str, root, "outcome", true));
	s->outcome = cc_session__outcome_intern(str);
	if (str && s->outcome == NULL)
		return bad("outcome", "unknown value");

	arr = cJSON_GetObjectItemCaseSensitive(root, "ask");
	if (!cJSON_IsArray(arr))
		return bad("ask", "expected an array");
	s->ask_mask = 0;
	cJSON_ArrayForEach(it, arr) {
		if (!cJSON_IsString(it) || (v = field_index(s, it->valuestring)) < 0)
			return cc__error(CC_ECONFIG, CC_ERRCLASS_SESSION,
					 "cc_session_restore: \"ask\" names a "
					 "field the engine does not have");
		s->ask_mask |= 1u << v;
	}
	arr = cJSON_GetObjectItemCaseSensitive(root, "fields");
	if (!cJSON_IsObject(arr))
		return bad("fields", "expected an object");
	cJSON_ArrayForEach(it, arr) {
		if ((v = field_index(s, it->string)) < 0)
			return cc__error(CC_ECONFIG, CC_ERRCLASS_SESSION,
					 "cc_session_restore: field \"%s\" is not "
					 "in the engine's configuration", it->string);
		if (!cJSON_IsString(it) || strlen(it->valuestring) > CC_SESSION__MAX_TEXT)
			return bad("fields", "expected strings");
		cc__free(s->values[v]);
		if ((s->values[v] = cc__strdup(it->valuestring)) == NULL)
			return cc__error_nomem();
	}

	arr = cJSON_GetObjectItemCaseSensitive(root, "actions");
	if (!cJSON_IsArray(arr))
		return bad("actions", "expected an array");
	cJSON_ArrayForEach(it, arr) {
		const char *strs[CC_SESSION__AS_COUNT];
		uint64_t seq, input, barge, timeout;
		int type, stage;
		uint8_t saved_stage = s->stage;
		uint32_t saved_seq = s->seq;
		if (!cJSON_IsObject(it))
			return bad("actions", "expected objects");
		TRY(get_name(&type, it, "type", type_name, CC_ACTION_HANGUP + 1));
		if (type == 0)
			return bad("actions", "unknown type");
		TRY(get_uint(&seq, it, "seq", UINT32_MAX));
		TRY(get_name(&stage, it, "stage", stage_name, CC_SESSION_STAGE_EDIT_FIELD + 1));
		TRY(get_uint(&input, it, "input", 3));
		TRY(get_uint(&barge, it, "barge_in", 1));
		TRY(get_uint(&timeout, it, "timeout_ms", UINT32_MAX));
		TRY(get_num(&d, it, "confidence", 0, 1));
		for (int k = 0; k < CC_SESSION__AS_COUNT; k++) {
			TRY(get_str(&strs[k], it, act_keys[k], true));
			if (strs[k] && strlen(strs[k]) > 65536)
				return bad(act_keys[k], "too long");
		}
		/* push numbers and stamps the action as new; put back what
		 * the snapshot says. */
		s->stage = (uint8_t)stage;
		s->seq = (uint32_t)seq - 1;
		rc = cc_session__push(s, (cc_action_type)type, strs, (uint8_t)input,
				      (uint8_t)barge, (uint32_t)timeout, d);
		s->stage = saved_stage;
		s->seq = saved_seq;
		if (rc < 0)
			return rc;
	}

	arr = cJSON_GetObjectItemCaseSensitive(root, "transcript");
	if (!cJSON_IsArray(arr))
		return bad("transcript", "expected an array");
	cJSON_ArrayForEach(it, arr) {
		int speaker, lang, stage;
		uint64_t at;
		cc_session__turn *t;
		if (!cJSON_IsObject(it))
			return bad("transcript", "expected objects");
		TRY(get_name(&speaker, it, "speaker", speaker_name, CC_SPEAKER_SYSTEM + 1));
		if (speaker == 0)
			return bad("speaker", "unknown value");
		TRY(get_str(&str, it, "text", false));
		TRY(get_name(&lang, it, "language", lang_name, 2));
		TRY(get_name(&stage, it, "stage", stage_name, CC_SESSION_STAGE_EDIT_FIELD + 1));
		TRY(get_uint(&at, it, "at_ms", MS_MAX));
		if (s->nturns == s->cturns) {
			uint32_t cap = s->cturns ? s->cturns * 2 : 8;
			t = cc__realloc(s->turns, cap * sizeof(*t));
			if (t == NULL)
				return cc__error_nomem();
			s->turns = t;
			s->cturns = cap;
		}
		t = &s->turns[s->nturns];
		t->off = (uint32_t)s->ttext.size;
		t->len = (uint32_t)strlen(str);
		t->at_ms = at;
		t->speaker = (uint8_t)speaker;
		t->lang = (uint8_t)lang;
		t->stage = (uint8_t)stage;
		if (cc__buf_put(&s->ttext, str, t->len) < 0 || cc__buf_putc(&s->ttext, '\0') < 0)
			return cc__error_nomem();
		s->nturns++;
	}
#undef TRY
	return 0;
}

CC_EXTERN(int) cc_session_restore(cc_session **out, const struct cc_engine *engine,
				  const char *json, size_t len,
				  const cc_session_options *opts)
{
	cJSON *root;
	cc_session *s;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(engine);
	CC__CHECK_NOTNULL(json);
	if (opts) {
		if ((rc = cc__check_options_version(__func__, "cc_session_options",
						    opts->version,
						    CC_SESSION_OPTIONS_VERSION)) < 0)
			return rc;
		if (opts->recorder && (opts->recorder->version == 0 ||
				       opts->recorder->version > CC_SESSION_RECORDER_VERSION))
			return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
					 "cc_session_restore: unknown recorder version %u",
					 opts->recorder->version);
	}
	if (len > SNAPSHOT_MAX)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_JSON,
				 "cc_session_restore: snapshot larger than 64 MiB");
	if ((rc = cc__utf8_require(json, len, "snapshot")) < 0)
		return rc;
	root = cJSON_ParseWithLength(json, len);
	if (root == NULL || !cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return cc__error(CC_EPARSE, CC_ERRCLASS_JSON,
				 "cc_session_restore: not a JSON object");
	}
	if ((rc = cc_session__alloc(&s, engine)) < 0) {
		cJSON_Delete(root);
		return rc;
	}
	rc = load(s, root);
	cJSON_Delete(root);
	if (rc < 0) {
		cc_session_free(s);
		return rc;
	}
	if (opts && opts->recorder) {
		s->rec = *opts->recorder;
		s->has_rec = true;
	}
	*out = s;
	return 0;
}

/* ---- summary ---------------------------------------------------------------------- */

CC_EXTERN(int) cc_session_summary(cc_buf *out, const cc_session *s)
{
	static const char *const std[4] = { "name", "phone", "email", "service_type" };
	static const cc_field_kind kinds[4] = { CC_FIELD_NAME, CC_FIELD_PHONE,
						CC_FIELD_EMAIL, CC_FIELD_SERVICE_TYPE };
	cJSON *root, *fields;
	int rc = 0;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_NOTNULL(s);
	if ((root = cJSON_CreateObject()) == NULL)
		return cc__error_nomem();
	if (add_str(root, "type", "summary") < 0 || add_str(root, "call_id", s->call_id) < 0 ||
	    add_str(root, "language", cc_session__lang_name(s->lang)) < 0 ||
	    add_str(root, "stage", cc_session_stage_name((cc_session_stage)s->stage)) < 0 ||
	    (fields = cJSON_AddObjectToObject(root, "fields")) == NULL)
		rc = CC_ENOMEM;
	/* The four standard fields always appear (null when not given),
	 * found by kind; extra fields by their own names. */
	for (int k = 0; rc == 0 && k < 4; k++) {
		const char *v = NULL;
		for (size_t i = 0; i < s->nfields && v == NULL; i++)
			if (cc_engine_field(s->engine, i)->kind == kinds[k])
				v = s->values[i];
		rc = add_str(fields, std[k], v);
	}
	for (size_t i = 0; rc == 0 && i < s->nfields; i++) {
		const cc_field *f = cc_engine_field(s->engine, i);
		bool standard = false;
		for (int k = 0; k < 4; k++)
			standard |= f->kind == kinds[k] || strcmp(f->name, std[k]) == 0;
		if (!standard && s->values[i])
			rc = add_str(fields, f->name, s->values[i]);
	}
	if (rc == 0 && (add_str(root, "department", s->department) < 0 ||
			add_str(root, "ticket", s->ticket_id) < 0 ||
			add_str(root, "outcome", s->outcome) < 0 ||
			add_num(root, "turns", s->nturns) < 0))
		rc = CC_ENOMEM;
	if (rc == 0)
		rc = print_to(out, root);
	else
		rc = cc__error_nomem();
	cJSON_Delete(root);
	return rc;
}
