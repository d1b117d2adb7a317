/* The public face of a session: life, argument checks, events, state. */
#include <string.h>

#include "callcenter/text.h"
#include "session/session_int.h"

CC_EXTERN(int) cc_session_options_init(cc_session_options *opts, unsigned int version)
{
	static const cc_session_options init = CC_SESSION_OPTIONS_INIT;

	CC__CHECK_NOTNULL(opts);
	if (version != CC_SESSION_OPTIONS_VERSION)
		return cc__check_options_version(__func__, "cc_session_options",
						 version,
						 CC_SESSION_OPTIONS_VERSION);
	*opts = init;
	return 0;
}

int cc_session__alloc(cc_session **out, const cc_engine *engine)
{
	cc_session *s;
	size_t n = cc_engine_field_count(engine);

	if (n > CC_SESSION__MAX_FIELDS)
		return cc__error(CC_ECONFIG, CC_ERRCLASS_SESSION,
				 "session: the configuration has %zu fields; "
				 "at most %d are supported",
				 n, CC_SESSION__MAX_FIELDS);
	s = cc__calloc(1, sizeof(*s));
	if (s == NULL)
		return cc__error_nomem();
	s->engine = engine;
	s->ivr = cc_engine_ivr(engine);
	s->nfields = n;
	if (n > 0 && (s->values = cc__calloc(n, sizeof(char *))) == NULL) {
		cc__free(s);
		return cc__error_nomem();
	}
	s->priority = CC_PRIORITY_MEDIUM;
	s->open_value = -1;
	*out = s;
	return 0;
}

static bool printable_ascii(const char *str, size_t max)
{
	size_t i;
	for (i = 0; str[i]; i++)
		if (i >= max || str[i] <= ' ' || str[i] > '~')
			return false;
	return i > 0;
}

static int check_recorder(const cc_session_recorder *r)
{
	if (r && (r->version == 0 || r->version > CC_SESSION_RECORDER_VERSION))
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "session: recorder version %u is not known "
				 "(this library has %u)",
				 r->version, CC_SESSION_RECORDER_VERSION);
	return 0;
}

static int lang_parse(const char *l)
{
	if (strcmp(l, "ar") == 0)
		return CC_SESSION__AR;
	if (strcmp(l, "en") == 0)
		return CC_SESSION__EN;
	return -1;
}

CC_EXTERN(int) cc_session_new(cc_session **out, const struct cc_engine *engine,
			      const cc_session_options *opts)
{
	static const cc_session_options defaults = CC_SESSION_OPTIONS_INIT;
	const char *lang, *region;
	cc_session *s;
	int rc, l;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(engine);
	if (opts == NULL)
		opts = &defaults;
	if ((rc = cc__check_options_version(__func__, "cc_session_options",
					    opts->version,
					    CC_SESSION_OPTIONS_VERSION)) < 0)
		return rc;
	if ((rc = check_recorder(opts->recorder)) < 0)
		return rc;
	lang = opts->language ? opts->language : cc_engine_ivr(engine)->default_language;
	if (lang == NULL || (l = lang_parse(lang)) < 0)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "cc_session_new: language must be \"ar\" or \"en\"");
	region = opts->region ? opts->region : cc_engine_ivr(engine)->default_region;
	if (region == NULL || strlen(region) != 2 || region[0] < 'A' ||
	    region[0] > 'Z' || region[1] < 'A' || region[1] > 'Z' ||
	    !cc_text_phone_region_known(region))
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "cc_session_new: region must be one the phone "
				 "numbering knows, in capitals (ISO 3166), e.g. "
				 "\"SA\"");
	if (opts->call_id && !printable_ascii(opts->call_id, CC_SESSION__MAX_CALL_ID))
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "cc_session_new: call_id must be 1 to %d "
				 "printable ASCII characters without spaces",
				 CC_SESSION__MAX_CALL_ID);
	if (opts->caller_number) {
		size_t n = strlen(opts->caller_number);
		if (n > 64)
			return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
					 "cc_session_new: caller_number longer "
					 "than 64 bytes");
		if ((rc = cc__utf8_require(opts->caller_number, n,
					   "caller_number")) < 0)
			return rc;
	}
	if ((rc = cc_session__alloc(&s, engine)) < 0)
		return rc;
	s->lang = (uint8_t)l;
	memcpy(s->region, region, 3);
	s->rng = opts->seed ? opts->seed : cc_session__os_seed();
	s->start_ms = s->now_ms = s->last_input_ms = opts->start_ms;
	s->wall_start_ms = opts->wall_clock_ms ? opts->wall_clock_ms
					       : cc_session__wall_now_ms();
	if (opts->recorder) {
		s->rec = *opts->recorder;
		s->has_rec = true;
	}
	if (opts->caller_number &&
	    (s->caller_number = cc__strdup(opts->caller_number)) == NULL) {
		cc_session_free(s);
		return cc__error_nomem();
	}
	if (opts->call_id)
		strcpy(s->call_id, opts->call_id);
	else
		cc_session__make_call_id(s, s->call_id);
	*out = s;
	return 0;
}

CC_EXTERN(void) cc_session_free(cc_session *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nfields; i++)
		cc__free(s->values[i]);
	cc__free(s->values);
	cc__free(s->department);
	cc__free(s->ticket_id);
	cc__free(s->complaint);
	cc__free(s->caller_number);
	cc__free(s->q);
	cc_buf_dispose(&s->arena);
	cc__free(s->turns);
	cc_buf_dispose(&s->ttext);
	cc__free(s);
}

static int require_live(const cc_session *s, const char *func)
{
	if (!s->started)
		return cc__error(CC_ESTATE, CC_ERRCLASS_SESSION,
				 "%s: the call has not started "
				 "(cc_session_start)", func);
	if (s->ended)
		return cc__error(CC_ESTATE, CC_ERRCLASS_SESSION,
				 "%s: the call has ended", func);
	return 0;
}

CC_EXTERN(int) cc_session_start(cc_session *s)
{
	CC__CHECK_NOTNULL(s);
	if (s->started)
		return cc__error(CC_ESTATE, CC_ERRCLASS_SESSION,
				 "cc_session_start: already started");
	return cc_session__start(s);
}

static void advance_clock(cc_session *s, uint64_t now_ms)
{
	if (now_ms > s->now_ms)
		s->now_ms = now_ms;
}

CC_EXTERN(int) cc_session_input_text(cc_session *s, const char *text, size_t len,
				     const cc_session_text_info *info)
{
	int rc;

	CC__CHECK_NOTNULL(s);
	CC__CHECK_ARG(text != NULL || len == 0, "text");
	if (info && (rc = cc__check_options_version(__func__, "cc_session_text_info",
						    info->version,
						    CC_SESSION_TEXT_INFO_VERSION)) < 0)
		return rc;
	if (len > CC_SESSION__MAX_TEXT)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_SESSION,
				 "cc_session_input_text: %zu bytes; an "
				 "utterance is at most %d",
				 len, CC_SESSION__MAX_TEXT);
	if (len && (rc = cc__utf8_require(text, len, "caller text")) < 0)
		return rc;
	if ((rc = require_live(s, __func__)) < 0)
		return rc;
	if (info && info->now_ms)
		advance_clock(s, info->now_ms);
	return cc_session__on_text(s, len ? text : "", len, info);
}

static bool dtmf_key(char c)
{
	return (c >= '0' && c <= '9') || c == '*' || c == '#' ||
	       (c >= 'A' && c <= 'D');
}

CC_EXTERN(int) cc_session_input_dtmf(cc_session *s, const char *digits, size_t len)
{
	int rc;

	CC__CHECK_NOTNULL(s);
	CC__CHECK_NOTNULL(digits);
	if (len > CC_SESSION__MAX_DTMF)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_SESSION,
				 "cc_session_input_dtmf: %zu keys; at most %d "
				 "per call", len, CC_SESSION__MAX_DTMF);
	for (size_t i = 0; i < len; i++)
		if (!dtmf_key(digits[i]))
			return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
					 "cc_session_input_dtmf: key %zu is not "
					 "one of 0-9 * # A-D", i);
	if ((rc = require_live(s, __func__)) < 0)
		return rc;
	for (size_t i = 0; i < len && !s->ended; i++) {
		char c = digits[i];
		s->last_input_ms = s->now_ms;
		if (c >= 'A' && c <= 'D')
			continue;
		if (c == '*') {
			s->dtmf_len = 0; /* cancel the entry */
			continue;
		}
		if (c != '#') {
			s->dtmf[s->dtmf_len++] = c;
			s->dtmf[s->dtmf_len] = '\0';
			if (!cc_session__single_key(s) &&
			    s->dtmf_len < CC_SESSION__MAX_DTMF)
				continue;
		}
		/* '#', a one-key question, or a full buffer: the entry ends. */
		if (s->dtmf_len == 0 && c == '#')
			continue;
		{
			char entry[CC_SESSION__MAX_DTMF + 1];
			size_t n = s->dtmf_len;
			memcpy(entry, s->dtmf, n + 1);
			s->dtmf_len = 0;
			s->dtmf[0] = '\0';
			if ((rc = cc_session__on_entry(s, entry, n)) < 0)
				return rc;
		}
	}
	return 0;
}

CC_EXTERN(int) cc_session_input_silence(cc_session *s)
{
	int rc;

	CC__CHECK_NOTNULL(s);
	if ((rc = require_live(s, __func__)) < 0)
		return rc;
	return cc_session__on_silence(s);
}

CC_EXTERN(int) cc_session_tick(cc_session *s, uint64_t now_ms)
{
	CC__CHECK_NOTNULL(s);
	advance_clock(s, now_ms);
	if (!s->started || s->ended)
		return 0;
	return cc_session__on_tick(s);
}

CC_EXTERN(int) cc_session_next_deadline(uint64_t *deadline_ms, const cc_session *s)
{
	uint64_t d = UINT64_MAX;

	CC__CHECK_NOTNULL(deadline_ms);
	CC__CHECK_NOTNULL(s);
	if (!s->started || s->ended)
		return cc__error(CC_ENOTFOUND, CC_ERRCLASS_SESSION,
				 "cc_session_next_deadline: nothing pending");
	if (s->deadline_ms)
		d = s->deadline_ms;
	if (s->ivr->call_limit_ms && s->start_ms + s->ivr->call_limit_ms < d)
		d = s->start_ms + s->ivr->call_limit_ms;
	if (s->dstate != CC_SESSION__DS_WAITING && s->ivr->inactivity_limit_ms &&
	    s->last_input_ms + s->ivr->inactivity_limit_ms < d)
		d = s->last_input_ms + s->ivr->inactivity_limit_ms;
	if (d == UINT64_MAX)
		return cc__error(CC_ENOTFOUND, CC_ERRCLASS_SESSION,
				 "cc_session_next_deadline: nothing pending");
	*deadline_ms = d;
	return 0;
}

CC_EXTERN(int) cc_session_notify(cc_session *s, cc_session_notice notice,
				 const char *detail)
{
	int rc;

	CC__CHECK_NOTNULL(s);
	if (notice < CC_SESSION_NOTICE_AGENT_ANSWERED ||
	    notice > CC_SESSION_NOTICE_PROMPT_FINISHED)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "cc_session_notify: unknown notice %d",
				 (int)notice);
	if (detail) {
		size_t n = strlen(detail);
		if (n > CC_SESSION__MAX_DETAIL)
			return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
					 "cc_session_notify: detail longer than "
					 "%d bytes", CC_SESSION__MAX_DETAIL);
		if ((rc = cc__utf8_require(detail, n, "notice detail")) < 0)
			return rc;
	}
	if (s->ended && notice == CC_SESSION_NOTICE_CALLER_HUNG_UP)
		return 0;
	if ((rc = require_live(s, __func__)) < 0)
		return rc;
	return cc_session__on_notice(s, notice, detail);
}

/* ---- state ---------------------------------------------------------------- */

CC_EXTERN(cc_session_stage) cc_session_stage_get(const cc_session *s)
{
	return s ? (cc_session_stage)s->stage : CC_SESSION_STAGE_CALL_ENDED;
}

CC_EXTERN(int) cc_session_ended(const cc_session *s)
{
	return s ? s->ended : 1;
}

CC_EXTERN(const char *) cc_session_call_id(const cc_session *s)
{
	return s ? s->call_id : NULL;
}

CC_EXTERN(const char *) cc_session_language(const cc_session *s)
{
	return s ? cc_session__lang_name(s->lang) : NULL;
}

CC_EXTERN(const char *) cc_session_field_value(const cc_session *s, const char *name)
{
	if (s == NULL || name == NULL)
		return NULL;
	for (size_t i = 0; i < s->nfields; i++) {
		const cc_field *f = cc_engine_field(s->engine, i);
		if (f && strcmp(f->name, name) == 0)
			return s->values[i];
	}
	return NULL;
}

CC_EXTERN(const char *) cc_session_department(const cc_session *s)
{
	return s ? s->department : NULL;
}

CC_EXTERN(const char *) cc_session_ticket_id(const cc_session *s)
{
	return s ? s->ticket_id : NULL;
}

CC_EXTERN(const char *) cc_session_outcome(const cc_session *s)
{
	return s ? s->outcome : NULL;
}

CC_EXTERN(uint32_t) cc_session_recorder_failures(const cc_session *s)
{
	return s ? s->recorder_failures : 0;
}
