/* cc_voice: caller audio -> VAD -> STT -> session -> TTS -> host audio,
 * with barge-in, persona replies through the LLM, and one I/O thread that
 * runs every provider request in order. */
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "audio/audio_int.h"
#include "voice_int.h"
#include "providers/providers_int.h"

#define PREROLL_MS 300
#define HOST_MIN_RATE 8000
#define HOST_MAX_RATE 48000

/* An owned copy of a session action: the session's strings only live
 * until its next call, and the I/O thread reads them later. */
struct act {
	cc_action a;
};

enum job_kind { JOB_UTTERANCE, JOB_ACTIONS, JOB_EVENT };

struct job {
	int kind;
	struct job *next;
	uint64_t gen;
	cc_audio_frame audio; /* JOB_UTTERANCE, 16 kHz mono */
	uint64_t t_end_ns;    /* JOB_UTTERANCE: when the VAD cut it */
	struct act *acts;     /* JOB_ACTIONS */
	size_t nacts;
	int event;            /* JOB_EVENT */
};

struct cc_voice {
	cc_session *s;
	cc_stt *stt;
	cc_tts *tts;
	cc_llm *llm;
	cc_tts *backup;     /* offline espeak-ng voice, opened on a TTS failure */
	int backup_tried;
	cc_tts *active_tts; /* the one synthesizing (under mu) */
	cc_voice_options o;
	cc_vad_options vad_opts;
	cc_voice_persona *personas;
	size_t npersonas;
	char *crm_context, *fallback_en, *fallback_ar;

	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	int thread_started;
	struct job *head, *tail;
	int busy, closing;
	uint64_t gen;          /* bumped by barge-in: older SAYs are dropped */
	int speaking;          /* audio out and not yet reported played */
	int running;           /* CC_PROVIDER_* of the request in progress */
	int barge_allowed;     /* of what is being spoken */

	/* host side: VAD and utterance assembly (under mu) */
	cc_vad *vad;
	cc_audio__conv in_conv;
	cc_audio_frame in16, preroll, utt;
	int in_speech;
	cc_opus_decoder *opus;

	/* I/O thread side */
	cc_audio__conv out_conv;
	cc_audio_frame out_chunk;
	const cc_voice_persona *persona; /* set when the persona took over */
	char *context;                   /* the persona's caller details */
	char lang[8];
	cc_llm_message *hist;            /* contents owned; under mu */
	size_t nhist;
	int ended;
	/* the turn being measured */
	int turn_open;
	uint64_t t_end, t_tts;
	cc_voice_metrics m;
};

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint32_t us_since(uint64_t t0)
{
	uint64_t d = (now_ns() - t0) / 1000;
	return d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
}

int cc_voice_options_init(cc_voice_options *opts, unsigned int version)
{
	static const cc_voice_options defaults = CC_VOICE_OPTIONS_INIT;

	CC__CHECK_NOTNULL(opts);
	if (version == 0 || version > CC_VOICE_OPTIONS_VERSION)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: unknown version %u", __func__, version);
	*opts = defaults;
	opts->version = version;
	return 0;
}

/* ---- actions ---------------------------------------------------------------- */

static void act_free(struct act *acts, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		cc_action *a = &acts[i].a;
		cc__free((char *)a->stage);
		cc__free((char *)a->text);
		cc__free((char *)a->language);
		cc__free((char *)a->key);
		cc__free((char *)a->field);
		cc__free((char *)a->department);
		cc__free((char *)a->reason);
		cc__free((char *)a->target);
		cc__free((char *)a->priority);
		cc__free((char *)a->ticket_id);
		cc__free((char *)a->ticket_kind);
		cc__free((char *)a->severity);
		cc__free((char *)a->subject);
		cc__free((char *)a->description);
	}
	cc__free(acts);
}

static int dup_str(const char **dst, const char *src)
{
	*dst = NULL;
	if (src && !(*dst = cc__strdup(src)))
		return -1;
	return 0;
}

static int act_copy(cc_action *d, const cc_action *s)
{
	*d = *s;
	if (dup_str(&d->stage, s->stage) || dup_str(&d->text, s->text) ||
	    dup_str(&d->language, s->language) || dup_str(&d->key, s->key) ||
	    dup_str(&d->field, s->field) ||
	    dup_str(&d->department, s->department) ||
	    dup_str(&d->reason, s->reason) || dup_str(&d->target, s->target) ||
	    dup_str(&d->priority, s->priority) ||
	    dup_str(&d->ticket_id, s->ticket_id) ||
	    dup_str(&d->ticket_kind, s->ticket_kind) ||
	    dup_str(&d->severity, s->severity) ||
	    dup_str(&d->subject, s->subject) ||
	    dup_str(&d->description, s->description))
		return cc__error_nomem();
	return 0;
}

/* Takes every pending session action (call with mu held). */
static int collect(cc_voice *v, struct act **out, size_t *n)
{
	const cc_action *a;
	struct act *acts = NULL;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	while (cc_session_next_action(&a, v->s) == 0) {
		if (*n == cap) {
			struct act *t;
			cap = cap ? cap * 2 : 8;
			if (!(t = cc__realloc(acts, cap * sizeof(*acts)))) {
				act_free(acts, *n);
				return cc__error_nomem();
			}
			acts = t;
		}
		memset(&acts[*n], 0, sizeof(acts[*n]));
		if (act_copy(&acts[*n].a, a)) {
			act_free(acts, *n + 1);
			return CC_ENOMEM;
		}
		(*n)++;
	}
	*out = acts;
	return 0;
}

/* ---- the job queue ---------------------------------------------------------- */

static void job_free(struct job *j)
{
	if (!j)
		return;
	cc_audio_frame_dispose(&j->audio);
	act_free(j->acts, j->nacts);
	cc__free(j);
}

/* Appends a job (mu held). */
static void enqueue(cc_voice *v, struct job *j)
{
	j->gen = v->gen;
	if (v->tail)
		v->tail->next = j;
	else
		v->head = j;
	v->tail = j;
	pthread_cond_broadcast(&v->cv);
}

static int enqueue_event(cc_voice *v, int type)
{
	struct job *j = cc__calloc(1, sizeof(*j));
	if (!j)
		return cc__error_nomem();
	j->kind = JOB_EVENT;
	j->event = type;
	enqueue(v, j);
	return 0;
}

/* Queues the session's pending actions (mu held). */
static int enqueue_actions(cc_voice *v)
{
	struct job *j;
	struct act *acts;
	size_t n;
	int rc;

	if ((rc = collect(v, &acts, &n)) || n == 0)
		return rc;
	if (!(j = cc__calloc(1, sizeof(*j)))) {
		act_free(acts, n);
		return cc__error_nomem();
	}
	j->kind = JOB_ACTIONS;
	j->acts = acts;
	j->nacts = n;
	enqueue(v, j);
	return 0;
}

/* ---- I/O thread: events, speech, persona ------------------------------------ */

static void emit(cc_voice *v, cc_voice_event *ev)
{
	if (v->o.on_event)
		v->o.on_event(ev, v->o.userdata);
}

static void emit_simple(cc_voice *v, int type, const char *text,
			const char *lang)
{
	cc_voice_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.text = text;
	ev.language = lang;
	ev.confidence = -1.0;
	emit(v, &ev);
}

static void emit_error(cc_voice *v, int rc)
{
	cc_voice_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = CC_VOICE_EVENT_ERROR;
	ev.error = rc;
	ev.text = cc_error_last()->message;
	ev.confidence = -1.0;
	emit(v, &ev);
}

static int deliver(cc_voice *v)
{
	if (v->out_chunk.samples_per_channel && v->o.on_audio)
		v->o.on_audio(v->out_chunk.data, v->out_chunk.samples_per_channel,
			      v->o.sample_rate, v->o.userdata);
	v->out_chunk.samples_per_channel = 0;
	return 0;
}

static int tts_audio(const int16_t *samples, size_t n, uint32_t rate,
		     uint32_t channels, void *userdata)
{
	cc_voice *v = userdata;
	int rc;

	if (v->turn_open) {
		/* The answer's first sound: the turn's latency is known. */
		cc_voice_event ev;
		v->turn_open = 0;
		v->m.tts_first_us = us_since(v->t_tts);
		v->m.total_us = us_since(v->t_end);
		{
			uint64_t prov = (uint64_t)v->m.stt_us + v->m.llm_us +
					v->m.tts_first_us;
			v->m.pipeline_us = v->m.total_us > prov
						   ? (uint32_t)(v->m.total_us - prov)
						   : 0;
		}
		memset(&ev, 0, sizeof(ev));
		ev.type = CC_VOICE_EVENT_METRICS;
		ev.confidence = -1.0;
		ev.metrics = v->m;
		emit(v, &ev);
	}
	if ((rc = cc_audio__conv_push(&v->out_conv, samples, n, rate, channels,
				      &v->out_chunk)))
		return rc;
	return deliver(v);
}

static int synth(cc_voice *v, cc_tts *tts, const char *text, const char *lang)
{
	int rc, outer;

	pthread_mutex_lock(&v->mu);
	if (v->closing) {
		pthread_mutex_unlock(&v->mu);
		return CC_ECANCELED;
	}
	/* Inside a streamed LLM reply, the chat is still running around us. */
	outer = v->running;
	v->running = CC_PROVIDER_TTS;
	v->active_tts = tts;
	pthread_mutex_unlock(&v->mu);
	v->t_tts = now_ns();
	rc = cc_tts_synthesize(tts, text, lang, NULL, tts_audio, v);
	pthread_mutex_lock(&v->mu);
	v->running = outer;
	v->active_tts = NULL;
	pthread_mutex_unlock(&v->mu);
	if (cc_audio__conv_finish(&v->out_conv, &v->out_chunk) == 0)
		deliver(v);
	v->out_chunk.samples_per_channel = 0;
	return rc;
}

static int speak(cc_voice *v, const char *text, const char *lang, int barge)
{
	int rc;

	if (!text || !*text)
		return 0;
	pthread_mutex_lock(&v->mu);
	v->speaking = 1;
	v->barge_allowed = barge;
	pthread_mutex_unlock(&v->mu);
	rc = synth(v, v->tts, text, lang);
	if (rc == 0 || rc == CC_ECANCELED)
		return 0; /* done, or barge-in, or close */
	emit_error(v, rc);
	/* The caller must not hear silence: say it with the offline voice. */
	if (!v->backup_tried) {
		v->backup_tried = 1;
		if (strcmp(cc_tts_name(v->tts), "espeak") == 0 ||
		    cc_tts_new(&v->backup, "espeak", NULL) != 0)
			v->backup = NULL;
	}
	if (v->backup && synth(v, v->backup, text, lang) == 0)
		return 0;
	return rc;
}

static const char *fallback_text(cc_voice *v, const char *lang)
{
	int ar = lang && strcmp(lang, "ar") == 0;
	if (ar)
		return v->fallback_ar ? v->fallback_ar
				      : "\xd8\xb9\xd8\xb0\xd8\xb1\xd8\xa7\xd9\x8b\xd8\x8c "
					"\xd9\x84\xd9\x85 \xd8\xa3\xd8\xaa\xd9\x85\xd9\x83"
					"\xd9\x86 \xd9\x85\xd9\x86 \xd8\xa7\xd9\x84\xd8\xb1"
					"\xd8\xaf. \xd9\x87\xd9\x84 \xd9\x8a\xd9\x85\xd9\x83"
					"\xd9\x86\xd9\x83 \xd8\xa7\xd9\x84\xd8\xa5\xd8\xb9"
					"\xd8\xa7\xd8\xaf\xd8\xa9\xd8\x9f";
	return v->fallback_en ? v->fallback_en
			      : "Sorry, I could not process that. Could you "
				"say it again?";
}

/* A provider failed: tell the host, and tell the caller. */
static void fail_aloud(cc_voice *v, int rc)
{
	emit_error(v, rc);
	v->turn_open = 0;
	speak(v, fallback_text(v, v->lang), v->lang, 1);
}

static const cc_voice_persona *find_persona(cc_voice *v, const char *dept)
{
	size_t i;
	for (i = 0; dept && i < v->npersonas; i++)
		if (strcmp(v->personas[i].department, dept) == 0)
			return &v->personas[i];
	return NULL;
}

/* Adds a message to the history, dropping the oldest beyond the limit. */
static int history_add(cc_voice *v, int role, const char *text)
{
	char *copy = cc__strdup(text);
	cc_llm_message *h;

	if (!copy)
		return cc__error_nomem();
	pthread_mutex_lock(&v->mu);
	if (v->nhist == v->o.max_history) {
		cc__free((char *)v->hist[0].content);
		memmove(v->hist, v->hist + 1, (v->nhist - 1) * sizeof(*v->hist));
		v->nhist--;
	}
	h = cc__realloc(v->hist, (v->nhist + 1) * sizeof(*v->hist));
	if (!h) {
		pthread_mutex_unlock(&v->mu);
		cc__free(copy);
		return cc__error_nomem();
	}
	v->hist = h;
	v->hist[v->nhist].role = role;
	v->hist[v->nhist].content = copy;
	v->nhist++;
	pthread_mutex_unlock(&v->mu);
	return 0;
}

/* Where the first complete sentence of @p ends (just past its mark), or
 * 0.  Short fragments ("Dr.", "1.") wait for more text. */
static size_t sentence_end(const char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		size_t end = 0;
		if (p[i] == '.' || p[i] == '!' || p[i] == '?' || p[i] == '\n')
			end = i + 1;
		else if (i + 1 < n && (unsigned char)p[i] == 0xD8 &&
			 (unsigned char)p[i + 1] == 0x9F) /* Arabic ? */
			end = i + 2;
		if (end && end >= 24 && (end == n || p[end] == ' ' ||
					 p[end] == '\n'))
			return end;
	}
	return 0;
}

struct reply_stream {
	cc_voice *v;
	cc_buf pending; /* generated, not yet spoken */
	cc_buf said;    /* everything generated so far */
	uint64_t gen, t0;
	int spoke;
};

/* Speaks each sentence as soon as the LLM has finished it, so the caller
 * hears the start of a long answer without waiting for its end. */
static int reply_token(const char *text, size_t len, void *userdata)
{
	struct reply_stream *r = userdata;
	cc_voice *v = r->v;
	size_t end;
	uint64_t gen;
	int rc;

	if ((rc = cc__buf_put(&r->said, text, len)) ||
	    (rc = cc__buf_put(&r->pending, text, len)))
		return rc;
	pthread_mutex_lock(&v->mu);
	gen = v->closing ? r->gen + 1 : v->gen;
	pthread_mutex_unlock(&v->mu);
	if (gen != r->gen)
		return 1; /* barged in or closing: stop generating */
	while ((end = sentence_end(r->pending.ptr, r->pending.size))) {
		char *sentence = cc__strndup(r->pending.ptr, end);
		if (!sentence)
			return cc__error_nomem();
		if (!r->spoke) {
			v->m.llm_us = us_since(r->t0);
			r->spoke = 1;
		}
		speak(v, sentence, v->lang, 1);
		cc__free(sentence);
		memmove(r->pending.ptr, r->pending.ptr + end,
			r->pending.size - end + 1);
		r->pending.size -= end;
	}
	return 0;
}

static int persona_turn(cc_voice *v, const char *text)
{
	const char *prompt;
	cc_buf sys = CC_BUF_INIT, reply = CC_BUF_INIT;
	struct reply_stream rs;
	int rc;

	memset(&rs, 0, sizeof(rs));
	rs.v = v;
	if ((rc = history_add(v, CC_LLM_USER, text)))
		return rc;
	prompt = strcmp(v->lang, "ar") == 0 && v->persona->prompt_ar
			 ? v->persona->prompt_ar
			 : v->persona->prompt_en;
	if ((rc = cc__buf_puts(&sys, prompt)) ||
	    (v->context && (rc = cc__buf_printf(&sys, "\n\n%s", v->context))))
		goto out;
	pthread_mutex_lock(&v->mu);
	v->running = CC_PROVIDER_LLM;
	rs.gen = v->gen;
	pthread_mutex_unlock(&v->mu);
	rs.t0 = now_ns();
	/* The I/O thread is the only writer of the history, so reading it
	 * here without the lock is safe. */
	rc = cc_llm_chat(v->llm, sys.ptr, v->hist, v->nhist, reply_token, &rs,
			 &reply);
	if (!rs.spoke)
		v->m.llm_us = us_since(rs.t0);
	pthread_mutex_lock(&v->mu);
	v->running = 0;
	pthread_mutex_unlock(&v->mu);
	if (rc && rc != CC_ECANCELED) {
		fail_aloud(v, rc);
		goto out;
	}
	/* What was generated (all of it, or up to a barge-in) is what the
	 * persona said. */
	if (rs.said.size) {
		if ((rc = history_add(v, CC_LLM_ASSISTANT, rs.said.ptr)))
			goto out;
		emit_simple(v, CC_VOICE_EVENT_REPLY, rs.said.ptr, v->lang);
	}
	if (rc == 0 && rs.pending.size)
		rc = speak(v, rs.pending.ptr, v->lang, 1);
	if (rc == CC_ECANCELED)
		rc = 0;
out:
	cc_buf_dispose(&sys);
	cc_buf_dispose(&reply);
	cc_buf_dispose(&rs.pending);
	cc_buf_dispose(&rs.said);
	return rc;
}

/* The persona takes the call from the session (mu not held). */
static int take_over(cc_voice *v, const cc_voice_persona *p)
{
	static const char *const fields[] = { "name", "phone", "email",
					      "service_type" };
	cc_buf ctx = CC_BUF_INIT, detail = CC_BUF_INIT;
	struct act *acts = NULL;
	size_t n = 0, i;
	int rc = 0;

	pthread_mutex_lock(&v->mu);
	rc = cc__buf_puts(&ctx, "Caller details (from the call center's "
				"records; use them, do not read them out):");
	for (i = 0; rc == 0 && i < CC__ARRAY_SIZE(fields); i++) {
		const char *val = cc_session_field_value(v->s, fields[i]);
		if (val)
			rc = cc__buf_printf(&ctx, "\n- %s: %s", fields[i], val);
	}
	if (rc == 0)
		rc = cc__buf_printf(&ctx, "\n- department: %s", p->department);
	if (rc == 0 && v->crm_context)
		rc = cc__buf_printf(&ctx, "\n- history: %s", v->crm_context);
	if (rc == 0 && (rc = cc__buf_printf(&detail, "ai persona: %s",
					    p->department)) == 0) {
		rc = cc_session_notify(v->s, CC_SESSION_NOTICE_AGENT_ANSWERED,
				       detail.ptr);
		if (rc == 0)
			rc = collect(v, &acts, &n);
	}
	snprintf(v->lang, sizeof(v->lang), "%s",
		 cc_session_language(v->s) ? cc_session_language(v->s) : "en");
	pthread_mutex_unlock(&v->mu);
	cc_buf_dispose(&detail);
	if (rc) {
		cc_buf_dispose(&ctx);
		return rc;
	}
	cc__free(v->context);
	v->context = ctx.ptr;
	v->persona = p;
	emit_simple(v, CC_VOICE_EVENT_HANDOFF, p->department, v->lang);
	for (i = 0; i < n; i++) {
		cc_voice_event ev;
		memset(&ev, 0, sizeof(ev));
		ev.type = CC_VOICE_EVENT_ACTION;
		ev.action = &acts[i].a;
		ev.confidence = -1.0;
		emit(v, &ev);
	}
	act_free(acts, n);
	return 0;
}

static void run_actions(cc_voice *v, struct act *acts, size_t n, uint64_t gen,
			const char *last_text)
{
	size_t i;

	for (i = 0; i < n && !v->closing; i++) {
		const cc_action *a = &acts[i].a;
		cc_voice_event ev;
		const cc_voice_persona *p;

		memset(&ev, 0, sizeof(ev));
		ev.type = CC_VOICE_EVENT_ACTION;
		ev.action = a;
		ev.confidence = -1.0;
		emit(v, &ev);
		switch (a->type) {
		case CC_ACTION_SAY: {
			uint64_t now_gen;
			pthread_mutex_lock(&v->mu);
			now_gen = v->gen;
			pthread_mutex_unlock(&v->mu);
			if (gen != now_gen)
				break; /* the caller barged in */
			if (a->language)
				snprintf(v->lang, sizeof(v->lang), "%s",
					 a->language);
			speak(v, a->text, a->language, a->barge_in);
			break;
		}
		case CC_ACTION_ENQUEUE:
		case CC_ACTION_TRANSFER:
			p = find_persona(v, a->department ? a->department
							  : a->target);
			if (!v->llm || !v->o.llm_takes_handoff || !p ||
			    v->persona)
				break;
			if (take_over(v, p) == 0 && last_text)
				persona_turn(v, last_text);
			break;
		case CC_ACTION_HANGUP:
			v->ended = 1;
			emit_simple(v, CC_VOICE_EVENT_ENDED, a->reason, NULL);
			break;
		default:
			break;
		}
	}
}

static void run_utterance(cc_voice *v, struct job *j)
{
	cc_stt_result r = CC_STT_RESULT_INIT;
	cc_session_text_info info = CC_SESSION_TEXT_INFO_INIT;
	struct act *acts = NULL;
	size_t n = 0;
	uint64_t t;
	int rc;

	memset(&v->m, 0, sizeof(v->m));
	v->t_end = j->t_end_ns;
	pthread_mutex_lock(&v->mu);
	v->running = CC_PROVIDER_STT;
	pthread_mutex_unlock(&v->mu);
	t = now_ns();
	rc = cc_stt_recognize(v->stt, &j->audio, NULL, NULL, NULL, &r);
	v->m.stt_us = us_since(t);
	pthread_mutex_lock(&v->mu);
	v->running = 0;
	pthread_mutex_unlock(&v->mu);
	if (rc == CC_ECANCELED)
		goto out;
	if (rc) {
		fail_aloud(v, rc);
		goto out;
	}
	if (r.language[0] && (!strcmp(r.language, "ar") || !strcmp(r.language, "en")))
		snprintf(v->lang, sizeof(v->lang), "%s", r.language);
	{
		cc_voice_event ev;
		memset(&ev, 0, sizeof(ev));
		ev.type = CC_VOICE_EVENT_TRANSCRIPT;
		ev.text = r.text.ptr ? r.text.ptr : "";
		ev.language = r.language[0] ? r.language : NULL;
		ev.confidence = r.confidence;
		emit(v, &ev);
	}
	if (r.text.size == 0)
		goto out; /* noise, a cough: the session's timers decide */
	v->turn_open = 1;
	if (v->persona) {
		persona_turn(v, r.text.ptr);
		goto out;
	}
	if (v->ended)
		goto out;
	pthread_mutex_lock(&v->mu);
	t = now_ns();
	info.confidence = r.confidence;
	info.language = r.language[0] ? r.language : NULL;
	rc = cc_session_input_text(v->s, r.text.ptr, r.text.size, &info);
	if (rc == 0)
		rc = collect(v, &acts, &n);
	v->m.session_us = us_since(t);
	pthread_mutex_unlock(&v->mu);
	if (rc) {
		fail_aloud(v, rc);
		goto out;
	}
	run_actions(v, acts, n, j->gen, r.text.ptr);
out:
	v->turn_open = 0;
	act_free(acts, n);
	cc_stt_result_dispose(&r);
}

static void *io_thread(void *arg)
{
	cc_voice *v = arg;

	pthread_mutex_lock(&v->mu);
	for (;;) {
		struct job *j;
		while (!v->head && !v->closing)
			pthread_cond_wait(&v->cv, &v->mu);
		if (v->closing)
			break;
		j = v->head;
		v->head = j->next;
		if (!v->head)
			v->tail = NULL;
		v->busy = 1;
		pthread_mutex_unlock(&v->mu);
		switch (j->kind) {
		case JOB_UTTERANCE:
			run_utterance(v, j);
			break;
		case JOB_ACTIONS:
			run_actions(v, j->acts, j->nacts, j->gen, NULL);
			break;
		default:
			emit_simple(v, j->event, NULL, NULL);
			break;
		}
		job_free(j);
		pthread_mutex_lock(&v->mu);
		v->busy = 0;
		pthread_cond_broadcast(&v->cv);
	}
	pthread_mutex_unlock(&v->mu);
	return NULL;
}

/* ---- host side ----------------------------------------------------------------- */

static int copy_personas(cc_voice *v, const cc_voice_persona *src, size_t n)
{
	size_t i;

	if (!src)
		src = cc_voice__builtin_personas(&n);
	if (!(v->personas = cc__calloc(n ? n : 1, sizeof(*v->personas))))
		return cc__error_nomem();
	v->npersonas = n;
	for (i = 0; i < n; i++) {
		if (!src[i].department || !src[i].prompt_en)
			return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
					 "cc_voice_new: persona %zu needs a "
					 "department and an English prompt", i);
		if (cc__utf8_require(src[i].prompt_en, strlen(src[i].prompt_en),
				     "persona prompt") ||
		    (src[i].prompt_ar &&
		     cc__utf8_require(src[i].prompt_ar, strlen(src[i].prompt_ar),
				      "persona prompt")))
			return CC_EUTF8;
		if (dup_str(&v->personas[i].department, src[i].department) ||
		    dup_str(&v->personas[i].prompt_en, src[i].prompt_en) ||
		    dup_str(&v->personas[i].prompt_ar, src[i].prompt_ar))
			return cc__error_nomem();
	}
	return 0;
}

static void destroy(cc_voice *v)
{
	size_t i;
	struct job *j;

	while ((j = v->head)) {
		v->head = j->next;
		job_free(j);
	}
	for (i = 0; i < v->npersonas; i++) {
		cc__free((char *)v->personas[i].department);
		cc__free((char *)v->personas[i].prompt_en);
		cc__free((char *)v->personas[i].prompt_ar);
	}
	cc__free(v->personas);
	for (i = 0; i < v->nhist; i++)
		cc__free((char *)v->hist[i].content);
	cc__free(v->hist);
	cc__free(v->crm_context);
	cc__free(v->fallback_en);
	cc__free(v->fallback_ar);
	cc__free(v->context);
	cc_vad_free(v->vad);
	cc_opus_decoder_free(v->opus);
	cc_audio__conv_dispose(&v->in_conv);
	cc_audio__conv_dispose(&v->out_conv);
	cc_audio_frame_dispose(&v->in16);
	cc_audio_frame_dispose(&v->preroll);
	cc_audio_frame_dispose(&v->utt);
	cc_audio_frame_dispose(&v->out_chunk);
	pthread_mutex_destroy(&v->mu);
	pthread_cond_destroy(&v->cv);
	cc__free(v);
}

int cc_voice_new(cc_voice **out, cc_session *session, cc_stt *stt, cc_tts *tts,
		 cc_llm *llm, const cc_voice_options *opts)
{
	static const cc_voice_options defaults = CC_VOICE_OPTIONS_INIT;
	static const cc_vad_options vad_defaults = CC_VAD_OPTIONS_INIT;
	cc_voice *v;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	CC__CHECK_NOTNULL(session);
	CC__CHECK_NOTNULL(stt);
	CC__CHECK_NOTNULL(tts);
	if (!opts)
		opts = &defaults;
	if ((rc = cc__check_options_version(__func__, "cc_voice_options",
					    opts->version,
					    CC_VOICE_OPTIONS_VERSION)))
		return rc;
	if (opts->sample_rate < HOST_MIN_RATE || opts->sample_rate > HOST_MAX_RATE)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: sample_rate %u out of 8000..48000",
				 __func__, (unsigned)opts->sample_rate);
	if (opts->max_history < 2 || opts->max_history > 200)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: max_history must be 2..200", __func__);
	if (!(v = cc__calloc(1, sizeof(*v))))
		return cc__error_nomem();
	pthread_mutex_init(&v->mu, NULL);
	pthread_cond_init(&v->cv, NULL);
	v->s = session;
	v->stt = stt;
	v->tts = tts;
	v->llm = llm;
	v->o = *opts;
	v->vad_opts = opts->vad ? *opts->vad : vad_defaults;
	v->o.vad = NULL;
	v->o.personas = NULL;
	snprintf(v->lang, sizeof(v->lang), "%s",
		 cc_session_language(session) ? cc_session_language(session)
					      : "en");
	cc_audio__conv_init(&v->in_conv, 16000);
	cc_audio__conv_init(&v->out_conv, opts->sample_rate);
	if ((rc = copy_personas(v, opts->personas, opts->persona_count)) ||
	    (rc = cc_vad_new(&v->vad, 16000, &v->vad_opts)))
		goto fail;
	if ((opts->crm_context && !(v->crm_context = cc__strdup(opts->crm_context))) ||
	    (opts->fallback_en && !(v->fallback_en = cc__strdup(opts->fallback_en))) ||
	    (opts->fallback_ar && !(v->fallback_ar = cc__strdup(opts->fallback_ar)))) {
		rc = cc__error_nomem();
		goto fail;
	}
	v->o.crm_context = v->o.fallback_en = v->o.fallback_ar = NULL;
	/* Start the call (its greeting is the first thing spoken). */
	rc = cc_session_start(session);
	if (rc == CC_ESTATE)
		rc = 0;
	if (rc || (rc = enqueue_actions(v)))
		goto fail;
	if (pthread_create(&v->thread, NULL, io_thread, v) != 0) {
		rc = cc__error(CC_EIO, CC_ERRCLASS_OS,
			       "%s: cannot start the I/O thread", __func__);
		goto fail;
	}
	v->thread_started = 1;
	*out = v;
	return 0;
fail:
	destroy(v);
	return rc;
}

/* Keeps the last PREROLL_MS of non-speech so an utterance starts with its
 * onset, which the VAD only confirms min_speech_ms later. */
static int preroll_add(cc_voice *v, const int16_t *p, size_t n)
{
	size_t keep = 16000 / 1000 * (PREROLL_MS + v->vad_opts.min_speech_ms);
	int rc = cc_audio_frame_append(&v->preroll, p, n, 16000, 1);
	if (rc)
		return rc;
	if (v->preroll.samples_per_channel > keep) {
		size_t drop = v->preroll.samples_per_channel - keep;
		memmove(v->preroll.data, v->preroll.data + drop,
			keep * sizeof(int16_t));
		v->preroll.samples_per_channel = keep;
	}
	return 0;
}

/* Stops what is being said (mu held). */
static void barge_in(cc_voice *v)
{
	v->gen++;
	v->speaking = 0;
	if (v->running == CC_PROVIDER_TTS && v->active_tts)
		cc_tts_cancel(v->active_tts);
	enqueue_event(v, CC_VOICE_EVENT_BARGE_IN);
}

static int feed(cc_voice *v, const int16_t *p, size_t n)
{
	size_t off = 0;
	int flags = 0, rc;

	while (off < n) {
		size_t used;
		int ev = cc_vad_process(v->vad, p + off, n - off, &used);
		if (ev < 0)
			return ev;
		rc = v->in_speech ? cc_audio_frame_append(&v->utt, p + off, used, 16000, 1)
				  : preroll_add(v, p + off, used);
		if (rc)
			return rc;
		off += used;
		if (ev == CC_VAD_SPEECH_START) {
			v->in_speech = 1;
			cc_audio_frame_dispose(&v->utt);
			v->utt = v->preroll;
			memset(&v->preroll, 0, sizeof(v->preroll));
			flags |= CC_VOICE_SPEECH_STARTED;
			if ((rc = enqueue_event(v, CC_VOICE_EVENT_SPEECH_START)))
				return rc;
			if (v->speaking && v->barge_allowed) {
				barge_in(v);
				flags |= CC_VOICE_STOP_PLAYBACK;
			}
		} else if (ev == CC_VAD_SPEECH_END) {
			struct job *j = cc__calloc(1, sizeof(*j));
			v->in_speech = 0;
			if (!j)
				return cc__error_nomem();
			if ((rc = enqueue_event(v, CC_VOICE_EVENT_SPEECH_END))) {
				cc__free(j);
				return rc;
			}
			j->kind = JOB_UTTERANCE;
			j->audio = v->utt;
			j->t_end_ns = now_ns();
			memset(&v->utt, 0, sizeof(v->utt));
			enqueue(v, j);
			flags |= CC_VOICE_SPEECH_ENDED;
		}
	}
	return flags;
}

int cc_voice_push_audio(cc_voice *v, const cc_audio_frame *frame)
{
	int rc;

	CC__CHECK_NOTNULL(v);
	if ((rc = cc_audio__check_frame(frame, __func__)))
		return rc;
	pthread_mutex_lock(&v->mu);
	if (v->closing) {
		pthread_mutex_unlock(&v->mu);
		return cc__error(CC_ESTATE, CC_ERRCLASS_AUDIO,
				 "%s: the pipeline is closing", __func__);
	}
	v->in16.samples_per_channel = 0;
	rc = cc_audio__conv_push(&v->in_conv, frame->data,
				 frame->samples_per_channel, frame->sample_rate,
				 frame->channels, &v->in16);
	if (rc == 0)
		rc = feed(v, v->in16.data, v->in16.samples_per_channel);
	pthread_mutex_unlock(&v->mu);
	return rc;
}

int cc_voice_push_opus(cc_voice *v, const uint8_t *packet, size_t len)
{
	int16_t pcm[5760];
	cc_audio_frame f = { pcm, 0, 48000, 1, 0 };
	int n, rc;

	CC__CHECK_NOTNULL(v);
	if (!v->opus && (rc = cc_opus_decoder_new(&v->opus, 48000, 1)))
		return rc;
	n = cc_opus_decode(v->opus, packet, len, pcm,
			   packet ? 5760 : 960 /* one 20 ms frame lost */);
	if (n < 0)
		return n;
	f.samples_per_channel = (size_t)n;
	return cc_voice_push_audio(v, &f);
}

/* Runs a session call from the host and queues its actions. */
static int session_call(cc_voice *v, int which, const char *digits,
			size_t len, uint64_t now_ms)
{
	int rc;

	pthread_mutex_lock(&v->mu);
	if (v->closing) {
		pthread_mutex_unlock(&v->mu);
		return cc__error(CC_ESTATE, CC_ERRCLASS_AUDIO,
				 "cc_voice: the pipeline is closing");
	}
	if (which == 0) {
		rc = cc_session_input_dtmf(v->s, digits, len);
		if (rc == 0 && v->speaking && v->barge_allowed)
			barge_in(v);
	} else if (which == 1) {
		rc = cc_session_tick(v->s, now_ms);
	} else {
		v->speaking = 0;
		rc = cc_session_ended(v->s)
			     ? 0
			     : cc_session_notify(v->s,
						 CC_SESSION_NOTICE_PROMPT_FINISHED,
						 NULL);
	}
	if (rc == 0)
		rc = enqueue_actions(v);
	pthread_mutex_unlock(&v->mu);
	return rc;
}

int cc_voice_push_dtmf(cc_voice *v, const char *digits, size_t len)
{
	CC__CHECK_NOTNULL(v);
	CC__CHECK_NOTNULL(digits);
	return session_call(v, 0, digits, len, 0);
}

int cc_voice_tick(cc_voice *v, uint64_t now_ms)
{
	CC__CHECK_NOTNULL(v);
	return session_call(v, 1, NULL, 0, now_ms);
}

int cc_voice_playback_done(cc_voice *v)
{
	CC__CHECK_NOTNULL(v);
	return session_call(v, 2, NULL, 0, 0);
}

int cc_voice_drain(cc_voice *v, uint32_t timeout_ms)
{
	struct timespec until;
	int rc = 0;

	CC__CHECK_NOTNULL(v);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&v->mu);
	while ((v->head || v->busy) && rc == 0)
		rc = pthread_cond_timedwait(&v->cv, &v->mu, &until);
	pthread_mutex_unlock(&v->mu);
	if (rc)
		return cc__error(CC_ETIMEOUT, CC_ERRCLASS_AUDIO,
				 "%s: still busy after %u ms", __func__,
				 (unsigned)timeout_ms);
	return 0;
}

int cc_voice_history(cc_voice *v, cc_buf *out)
{
	cJSON *arr, *m;
	char *txt;
	size_t i;
	int n, rc;

	CC__CHECK_NOTNULL(v);
	CC__CHECK_NOTNULL(out);
	if (!(arr = cJSON_CreateArray()))
		return cc__error_nomem();
	pthread_mutex_lock(&v->mu);
	for (i = 0; i < v->nhist; i++) {
		if (!(m = cJSON_CreateObject()) || !cJSON_AddItemToArray(arr, m) ||
		    !cJSON_AddStringToObject(m, "role",
					     v->hist[i].role == CC_LLM_USER
						     ? "user"
						     : "assistant") ||
		    !cJSON_AddStringToObject(m, "content", v->hist[i].content))
			break;
	}
	n = (int)v->nhist;
	pthread_mutex_unlock(&v->mu);
	txt = i == (size_t)n ? cJSON_PrintUnformatted(arr) : NULL;
	cJSON_Delete(arr);
	if (!txt)
		return cc__error_nomem();
	cc__buf_clear(out);
	rc = cc__buf_puts(out, txt);
	cJSON_free(txt);
	return rc ? rc : n;
}

void cc_voice_free(cc_voice *v)
{
	if (!v)
		return;
	pthread_mutex_lock(&v->mu);
	v->closing = 1;
	v->gen++;
	/* Interrupt only the request in flight: a cancel with nothing
	 * running would cancel the host's next use of the provider. */
	if (v->running == CC_PROVIDER_STT)
		cc_stt_cancel(v->stt);
	else if (v->running == CC_PROVIDER_TTS && v->active_tts)
		cc_tts_cancel(v->active_tts);
	else if (v->running == CC_PROVIDER_LLM && v->llm)
		cc_llm_cancel(v->llm);
	pthread_cond_broadcast(&v->cv);
	pthread_mutex_unlock(&v->mu);
	if (v->thread_started)
		pthread_join(v->thread, NULL);
	cc_stt__clear_cancel(v->stt);
	cc_tts__clear_cancel(v->tts);
	cc_tts_free(v->backup);
	cc_llm__clear_cancel(v->llm);
	destroy(v);
}
