/* Session state: snapshot/restore, determinism, DTMF entry, timeouts, the
 * recorder, and bad input that must change nothing. */
#include "harness.h"

#include <sys/wait.h>
#include <unistd.h>

/* ---- a scripted call, as events ------------------------------------------- */

typedef struct ev {
	char kind; /* 't' text, 'k' keys, 's' silence, 'w' wait ms, 'n' notice */
	const char *arg;
	uint64_t ms;
} ev;

static const ev complaint_call[] = {
	{ 't', "ابو علي", 0 },            /* too short? no: a name of two words */
	{ 't', "١٢٣", 0 },                /* a phone too short */
	{ 's', NULL, 0 },                 /* silence */
	{ 'k', "0501234567#", 0 },
	{ 't', "ali at example dot com", 0 },
	{ 't', "عندي شكوى على الفاتورة", 0 },
	{ 't', "لا", 0 },
	{ 't', "الايميل", 0 },
	{ 't', "ali.h@example.com", 0 },
	{ 'k', "1", 0 },
	{ 'w', NULL, 5000 },
	{ 't', "دفعت مرتين هذا الشهر", 0 },
	{ 'n', "agent", 0 },
};

static const ev sales_call[] = {
	{ 't', "English please", 0 },
	{ 't', "Sam Carter", 0 },
	{ 'k', "05012*0501234567#", 0 },
	{ 't', "sam at mail dot com", 0 },
	{ 't', "how much is the price of your product", 0 },
	{ 't', "yeah", 0 },
	{ 't', "and what about delivery?", 0 },
	{ 't', "no thanks", 0 },
};

static const ev timeout_call[] = {
	{ 'w', NULL, 31000 },  /* no-input timeout fires */
	{ 't', "Rana", 0 },
	{ 'w', NULL, 31000 },
	{ 'w', NULL, 31000 },
	{ 'w', NULL, 31000 },
	{ 'w', NULL, 31000 },  /* the fourth silence ends the call */
};

static void play(harness *h, const ev *e)
{
	cc_session_text_info info = CC_SESSION_TEXT_INFO_INIT;
	h->now += e->kind == 'w' ? e->ms : 1500;
	switch (e->kind) {
	case 't':
		info.now_ms = h->now;
		(void)cc_session_input_text(h->s, e->arg, strlen(e->arg), &info);
		break;
	case 'k':
		assert_int_equal(cc_session_tick(h->s, h->now), 0);
		(void)cc_session_input_dtmf(h->s, e->arg, strlen(e->arg));
		break;
	case 's':
		assert_int_equal(cc_session_tick(h->s, h->now), 0);
		(void)cc_session_input_silence(h->s);
		break;
	case 'w':
		assert_int_equal(cc_session_tick(h->s, h->now), 0);
		break;
	case 'n':
		assert_int_equal(cc_session_tick(h->s, h->now), 0);
		(void)cc_session_notify(h->s, CC_SESSION_NOTICE_AGENT_ANSWERED, e->arg);
		break;
	}
}

/* Every action as one line, for comparing two runs. */
static void transcript_of(harness *h, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < h->n && o < cap; i++) {
		const act *a = &h->acts[i];
		o += (size_t)snprintf(out + o, cap - o, "%d|%s|%s|%s|%s|%s|%s|%s|%s|%s|%.3f|%u\n",
				      a->type, a->stage, a->key, a->field, a->lang,
				      a->department, a->priority, a->ticket, a->reason,
				      a->text, a->confidence, a->timeout_ms);
	}
}

static char *summary_of(cc_session *s)
{
	cc_buf b = CC_BUF_INIT;
	char *copy;
	assert_int_equal(cc_session_summary(&b, s), 0);
	copy = strdup(b.ptr);
	cc_buf_dispose(&b);
	return copy;
}

/* Plays the script straight through, and again with a snapshot after each
 * event (its actions still queued) restored into a new session on a new
 * engine: the actions before the cut plus the restored session's must be
 * the uninterrupted call's, action for action. */
static void check_restore_everywhere(const ev *script, size_t n, const char *lang)
{
	static char want[1 << 16], got[1 << 16];
	static harness ref, h, r;
	char *ref_summary;

	h_open(&ref, lang);
	for (size_t i = 0; i < n; i++) {
		play(&ref, &script[i]);
		h_drain(&ref);
	}
	ref_summary = summary_of(ref.s);
	transcript_of(&ref, want, sizeof(want));

	for (size_t cut = 0; cut <= n; cut++) {
		cc_buf snap = CC_BUF_INIT, again = CC_BUF_INIT;
		char *sum;

		h_open(&h, lang);
		for (size_t i = 0; i < cut; i++) {
			play(&h, &script[i]);
			/* The last event's actions stay queued: the snapshot
			 * must carry them. */
			if (i + 1 < cut)
				h_drain(&h);
		}
		assert_int_equal(cc_session_snapshot(&snap, h.s), 0);

		memset(&r, 0, sizeof(r));
		r.engine = h_engine();
		assert_int_equal(cc_session_restore(&r.s, r.engine, snap.ptr, snap.size, NULL), 0);
		assert_int_equal(cc_session_snapshot(&again, r.s), 0);
		assert_string_equal(again.ptr, snap.ptr);
		cc_buf_dispose(&again);
		cc_buf_dispose(&snap);
		memcpy(r.acts, h.acts, h.n * sizeof(act));
		r.n = h.n;
		r.now = h.now;
		h_close(&h);

		h_drain(&r);
		for (size_t i = cut; i < n; i++) {
			play(&r, &script[i]);
			h_drain(&r);
		}
		transcript_of(&r, got, sizeof(got));
		assert_string_equal(got, want);
		sum = summary_of(r.s);
		assert_string_equal(sum, ref_summary);
		free(sum);
		cc_session_free(r.s);
		cc_engine_free(r.engine);
	}
	free(ref_summary);
	h_close(&ref);
}

static void test_snapshot_restore_in_every_stage(void **state)
{
	(void)state;
	check_restore_everywhere(complaint_call, sizeof(complaint_call) / sizeof(ev), "ar");
	check_restore_everywhere(sales_call, sizeof(sales_call) / sizeof(ev), "ar");
	check_restore_everywhere(timeout_call, sizeof(timeout_call) / sizeof(ev), "en");
}

static void test_same_inputs_same_actions(void **state)
{
	static char a[1 << 16], b[1 << 16];
	harness x, y;
	(void)state;
	h_need_router();

	h_open(&x, "ar");
	h_open(&y, "ar");
	for (size_t i = 0; i < sizeof(complaint_call) / sizeof(ev); i++) {
		play(&x, &complaint_call[i]);
		h_drain(&x);
		play(&y, &complaint_call[i]);
		h_drain(&y);
	}
	assert_string_equal(cc_session_call_id(x.s), cc_session_call_id(y.s));
	transcript_of(&x, a, sizeof(a));
	transcript_of(&y, b, sizeof(b));
	assert_string_equal(a, b);
	assert_non_null(h_find_all(&x, CC_ACTION_TICKET, NULL));
	h_close(&x);
	h_close(&y);
}

/* The restored session in another process gives the same remaining
 * actions: snapshot here, restore in a child, compare through a pipe. */
static void test_restore_in_another_process(void **state)
{
	harness h;
	cc_buf snap = CC_BUF_INIT;
	int fd[2];
	pid_t pid;
	char mine[8192] = "", theirs[8192] = "";
	size_t got = 0;
	(void)state;

	h_open(&h, "ar");
	for (size_t i = 0; i < 6; i++) {
		play(&h, &complaint_call[i]);
		h_drain(&h);
	}
	assert_int_equal(cc_session_snapshot(&snap, h.s), 0);
	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		harness r;
		char out[8192];
		close(fd[0]);
		memset(&r, 0, sizeof(r));
		r.engine = h_engine();
		if (cc_session_restore(&r.s, r.engine, snap.ptr, snap.size, NULL) != 0)
			_exit(1);
		r.now = h.now;
		for (size_t i = 6; i < sizeof(complaint_call) / sizeof(ev); i++) {
			play(&r, &complaint_call[i]);
			h_drain(&r);
		}
		transcript_of(&r, out, sizeof(out));
		if (write(fd[1], out, strlen(out)) < 0)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	{
		harness mine_h = h;
		size_t start = h.n;
		for (size_t i = 6; i < sizeof(complaint_call) / sizeof(ev); i++) {
			play(&h, &complaint_call[i]);
			h_drain(&h);
		}
		(void)mine_h;
		memmove(h.acts, h.acts + start, (h.n - start) * sizeof(act));
		h.n -= start;
		transcript_of(&h, mine, sizeof(mine));
	}
	for (;;) {
		ssize_t r = read(fd[0], theirs + got, sizeof(theirs) - 1 - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	theirs[got] = '\0';
	close(fd[0]);
	{
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_true(strlen(mine) > 0);
	assert_string_equal(theirs, mine);
	cc_buf_dispose(&snap);
	h_close(&h);
}

/* ---- DTMF ----------------------------------------------------------------------- */

static void test_dtmf_entry(void **state)
{
	harness h;
	(void)state;

	h_open(&h, "ar");
	assert_int_equal(h_say(&h, "مريم"), 0);
	/* Digits accumulate without actions until # ... */
	assert_int_equal(h_keys(&h, "0501"), 0);
	assert_int_equal(h.n - h.mark, 0);
	/* ... * cancels what was typed ... */
	assert_int_equal(h_keys(&h, "9*"), 0);
	assert_int_equal(h_keys(&h, "0501234567#"), 0);
	assert_string_equal(h_expecting(&h), "email");
	assert_string_equal(cc_session_field_value(h.s, "phone"), "+966501234567");
	h_close(&h);

	/* A pause after the keys completes the entry too. */
	h_open(&h, "ar");
	assert_int_equal(h_say(&h, "مريم"), 0);
	assert_int_equal(h_keys(&h, "0501234567"), 0);
	assert_int_equal(h_silence(&h), 0);
	assert_string_equal(h_expecting(&h), "email");
	h_close(&h);
}

/* ---- timeouts ---------------------------------------------------------------------- */

static void test_no_input_timeouts(void **state)
{
	harness h;
	uint64_t deadline;
	(void)state;

	h_open(&h, "ar");
	assert_int_equal(cc_session_next_deadline(&deadline, h.s), 0);
	assert_int_equal(deadline, 1000 + 30000);
	h_wait(&h, 29000);
	assert_int_equal(h.n - h.mark, 0);
	h_wait(&h, 1000);
	assert_non_null(h_find(&h, CC_ACTION_SAY, "no_input"));
	assert_string_equal(h_expecting(&h), "name");
	h_wait(&h, 30000);
	h_wait(&h, 30000);
	assert_false(cc_session_ended(h.s));
	h_wait(&h, 30000);
	assert_non_null(h_find(&h, CC_ACTION_HANGUP, NULL));
	assert_string_equal(h_find(&h, CC_ACTION_HANGUP, NULL)->reason, "no_input");
	assert_true(cc_session_ended(h.s));
	assert_int_equal(cc_session_input_silence(h.s), CC_ESTATE);
	h_close(&h);
}

static void test_prompt_finished_restarts_the_timer(void **state)
{
	harness h;
	uint64_t deadline;
	(void)state;

	h_open(&h, "ar");
	h.now += 10000;
	assert_int_equal(cc_session_tick(h.s, h.now), 0);
	assert_int_equal(cc_session_notify(h.s, CC_SESSION_NOTICE_PROMPT_FINISHED, NULL), 0);
	assert_int_equal(cc_session_next_deadline(&deadline, h.s), 0);
	assert_int_equal(deadline, h.now + 30000);
	h_close(&h);
}

static void test_whole_call_limit(void **state)
{
	harness h;
	(void)state;

	h_open(&h, "en");
	h_fill(&h, "Tariq", "0501234567", "tariq@example.com", "I want to buy");
	assert_int_equal(h_say(&h, "yes"), 0);
	/* Waiting in a queue does not time out on silence ... */
	if (h_find(&h, CC_ACTION_ENQUEUE, NULL) == NULL) {
		assert_int_equal(h_say(&h, "I want to talk to an agent"), 0);
		assert_non_null(h_find(&h, CC_ACTION_ENQUEUE, NULL));
	}
	h_wait(&h, 5 * 60 * 1000);
	assert_false(cc_session_ended(h.s));
	/* ... the whole-call limit (30 min) ends it. */
	h_wait(&h, 30 * 60 * 1000);
	assert_true(cc_session_ended(h.s));
	h_close(&h);
}

/* ---- the recorder ------------------------------------------------------------------------ */

typedef struct log {
	int calls, stages, turns, customers, tickets, ends;
	char keys[256][80];
	int nkeys;
	char phone[32], outcome[32], last_turn[256];
	int fail_turns;
} log_t;

static void keep(log_t *l, const cc_session_record_head *h)
{
	if (l->nkeys < 256)
		snprintf(l->keys[l->nkeys++], 80, "%s", h->idempotency_key);
}

static int on_call(const cc_session_call_record *r, void *u)
{
	log_t *l = u;
	l->calls++;
	keep(l, &r->head);
	return 0;
}

static int on_stage(const cc_session_stage_record *r, void *u)
{
	log_t *l = u;
	l->stages++;
	keep(l, &r->head);
	return 0;
}

static int on_turn(const cc_session_turn_record *r, void *u)
{
	log_t *l = u;
	l->turns++;
	keep(l, &r->head);
	snprintf(l->last_turn, sizeof(l->last_turn), "%s", r->text);
	return l->fail_turns ? CC_ESTORE : 0;
}

static int on_customer(const cc_session_customer_record *r, void *u)
{
	log_t *l = u;
	l->customers++;
	keep(l, &r->head);
	snprintf(l->phone, sizeof(l->phone), "%s", r->phone);
	return 0;
}

static int on_end(const cc_session_end_record *r, void *u)
{
	log_t *l = u;
	l->ends++;
	keep(l, &r->head);
	snprintf(l->outcome, sizeof(l->outcome), "%s", r->outcome);
	return 0;
}

static void test_recorder_follows_the_call(void **state)
{
	log_t l;
	cc_session_recorder rec = { CC_SESSION_RECORDER_VERSION, on_call, on_stage, on_turn,
				    on_customer, NULL, on_end, NULL };
	harness h;
	(void)state;
	h_need_router();

	memset(&l, 0, sizeof(l));
	rec.userdata = &l;
	h_open_with(&h, "ar", OPEN_EPOCH_MS, &rec);
	assert_int_equal(l.calls, 1);
	h_fill(&h, "سلمى", "0501234567", "salma@example.com", "شكوى عاجلة الخدمة متوقفة");
	assert_int_equal(h_say(&h, "نعم"), 0);
	assert_int_equal(l.customers, 1);
	assert_string_equal(l.phone, "+966501234567");
	assert_int_equal(l.turns, (int)cc_session_transcript_count(h.s));
	assert_true(l.stages >= 6);
	/* Without a ticket callback the session makes the ID. */
	assert_true(strncmp(cc_session_ticket_id(h.s), "TKT_", 4) == 0);
	assert_int_equal(cc_session_notify(h.s, CC_SESSION_NOTICE_CALLER_HUNG_UP, NULL), 0);
	assert_int_equal(l.ends, 1);
	assert_string_equal(l.outcome, "abandoned");
	/* Keys are unique within the call. */
	for (int i = 0; i < l.nkeys; i++) {
		assert_true(strncmp(l.keys[i], cc_session_call_id(h.s),
				    strlen(cc_session_call_id(h.s))) == 0);
		for (int j = i + 1; j < l.nkeys; j++)
			assert_string_not_equal(l.keys[i], l.keys[j]);
	}
	h_close(&h);
}

static int real_ticket(const cc_session_ticket_record *r, char *id, size_t cap, void *u)
{
	(void)u;
	assert_non_null(r->proposed_id);
	assert_string_equal(r->customer_phone, "+966501234567");
	snprintf(id, cap, "%s", "TKT_20251123_FROMCRM");
	return 0;
}

static void test_recorder_ticket_id_and_failures(void **state)
{
	log_t l;
	cc_session_recorder rec = { CC_SESSION_RECORDER_VERSION, NULL, NULL, on_turn,
				    NULL, real_ticket, NULL, NULL };
	harness h;
	(void)state;
	h_need_router();

	memset(&l, 0, sizeof(l));
	l.fail_turns = 1; /* a store that is down must not stop the call */
	rec.userdata = &l;
	h_open_with(&h, "en", OPEN_EPOCH_MS, &rec);
	h_fill(&h, "Nadia", "0501234567", "nadia@example.com", "urgent complaint, the service is down");
	assert_int_equal(h_say(&h, "yes"), 0);
	assert_string_equal(h_find(&h, CC_ACTION_TICKET, NULL)->ticket, "TKT_20251123_FROMCRM");
	assert_string_equal(cc_session_ticket_id(h.s), "TKT_20251123_FROMCRM");
	assert_true(cc_session_recorder_failures(h.s) > 0);
	h_close(&h);
}

/* ---- bad input ------------------------------------------------------------------------------ */

static char *snap_of(cc_session *s)
{
	cc_buf b = CC_BUF_INIT;
	char *c;
	assert_int_equal(cc_session_snapshot(&b, s), 0);
	c = strdup(b.ptr);
	cc_buf_dispose(&b);
	return c;
}

static void test_bad_input_changes_nothing(void **state)
{
	harness h;
	char *before, *after;
	char *big;
	const cc_action *a;
	cc_session_text_info bad_info = { 99, -1, NULL, 0 };
	(void)state;

	h_open(&h, "ar");
	before = snap_of(h.s);
	assert_int_equal(cc_session_input_text(h.s, "\xff\xfe", 2, NULL), CC_EUTF8);
	assert_int_equal(cc_error_last()->code, CC_EUTF8);
	big = malloc(1 << 20);
	memset(big, 'a', 1 << 20);
	assert_int_equal(cc_session_input_text(h.s, big, 1 << 20, NULL), CC_ETOOBIG);
	free(big);
	assert_int_equal(cc_session_input_text(h.s, NULL, 3, NULL), CC_EINVAL);
	assert_int_equal(cc_session_input_text(h.s, "x", 1, &bad_info), CC_EINVAL);
	assert_int_equal(cc_session_input_dtmf(h.s, "12x4", 4), CC_EINVAL);
	assert_int_equal(cc_session_input_dtmf(h.s, "1234567890123456789012345678901234567890"
						    "12345678901234567890123456789", 69),
			 CC_ETOOBIG);
	assert_int_equal(cc_session_notify(h.s, (cc_session_notice)42, NULL), CC_EINVAL);
	assert_int_equal(cc_session_notify(h.s, CC_SESSION_NOTICE_AGENT_ANSWERED, "\xc3"),
			 CC_EUTF8);
	assert_int_equal(cc_session_next_action(&a, h.s), CC_EAGAIN);
	after = snap_of(h.s);
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* Control characters are cleaned away; what is left is validated. */
	assert_int_equal(h_say(&h, "\x01\x02\x1b[31m"), 0);
	assert_string_equal(h_expecting(&h), "name");
	assert_null(cc_session_field_value(h.s, "name"));
	assert_int_equal(h_say(&h, "Ahmad\x07 Saleh"), 0);
	assert_string_equal(h_expecting(&h), "phone");
	h_close(&h);

	/* NULLs and versions. */
	{
		cc_session *s = NULL;
		cc_engine *e = h_engine();
		cc_session_options o = CC_SESSION_OPTIONS_INIT;
		assert_int_equal(cc_session_new(NULL, e, NULL), CC_EINVAL);
		assert_int_equal(cc_session_new(&s, NULL, NULL), CC_EINVAL);
		o.version = 77;
		assert_int_equal(cc_session_new(&s, e, &o), CC_EINVAL);
		o.version = CC_SESSION_OPTIONS_VERSION;
		o.language = "fr";
		assert_int_equal(cc_session_new(&s, e, &o), CC_EINVAL);
		o.language = NULL;
		o.region = "saudi";
		assert_int_equal(cc_session_new(&s, e, &o), CC_EINVAL);
		o.region = NULL;
		o.call_id = "has space";
		assert_int_equal(cc_session_new(&s, e, &o), CC_EINVAL);
		assert_null(s);
		assert_int_equal(cc_session_start(NULL), CC_EINVAL);
		assert_int_equal(cc_session_input_silence(NULL), CC_EINVAL);
		assert_int_equal(cc_session_tick(NULL, 1), CC_EINVAL);
		assert_int_equal(cc_session_snapshot(NULL, NULL), CC_EINVAL);
		assert_null(cc_session_call_id(NULL));
		assert_true(cc_session_ended(NULL));
		o.call_id = "CALL_TEST_1";
		assert_int_equal(cc_session_new(&s, e, &o), 0);
		assert_string_equal(cc_session_call_id(s), "CALL_TEST_1");
		/* Nothing before start. */
		assert_int_equal(cc_session_input_text(s, "hi", 2, NULL), CC_ESTATE);
		assert_int_equal(cc_session_start(s), 0);
		assert_int_equal(cc_session_start(s), CC_ESTATE);
		cc_session_free(s);
		cc_session_free(NULL);
		cc_engine_free(e);
	}
}

static void test_restore_rejects_bad_snapshots(void **state)
{
	harness h;
	cc_session *r = NULL;
	cc_buf snap = CC_BUF_INIT;
	char *edited, *p;
	(void)state;

	h_open(&h, "ar");
	assert_int_equal(h_say(&h, "هدى"), 0);
	assert_int_equal(cc_session_snapshot(&snap, h.s), 0);

	assert_int_equal(cc_session_restore(&r, h.engine, "{", 1, NULL), CC_EPARSE);
	assert_int_equal(cc_session_restore(&r, h.engine, "[]", 2, NULL), CC_EPARSE);
	assert_int_equal(cc_session_restore(&r, h.engine, "{\"format\":\"x\"}", 14, NULL),
			 CC_EPARSE);
	assert_int_equal(cc_session_restore(&r, h.engine, "\xff", 1, NULL), CC_EUTF8);
	assert_null(r);
	/* A field the engine does not know. */
	edited = strdup(snap.ptr);
	p = strstr(edited, "\"name\":\"");
	assert_non_null(p);
	memcpy(p + 1, "nope", 4);
	assert_int_equal(cc_session_restore(&r, h.engine, edited, strlen(edited), NULL),
			 CC_ECONFIG);
	free(edited);
	/* A stage that does not exist. */
	edited = strdup(snap.ptr);
	p = strstr(edited, "\"stage\":\"collect_phone\"");
	assert_non_null(p);
	memcpy(p + 9, "xollect", 7);
	assert_int_equal(cc_session_restore(&r, h.engine, edited, strlen(edited), NULL),
			 CC_EPARSE);
	assert_non_null(strstr(cc_error_last()->message, "stage"));
	free(edited);
	assert_null(r);
	cc_buf_dispose(&snap);
	h_close(&h);
}

static void test_transcript(void **state)
{
	harness h;
	cc_session_turn t;
	(void)state;

	h_open(&h, "ar");
	assert_int_equal(h_say(&h, "  أحمد   علي  "), 0);
	assert_int_equal(h_keys(&h, "0501234567#"), 0);
	/* greeting, ask_name, caller, ask_phone, caller keys, ask_email */
	assert_int_equal(cc_session_transcript_count(h.s), 6);
	assert_int_equal(cc_session_transcript_turn(&t, h.s, 2), 0);
	assert_int_equal(t.speaker, CC_SPEAKER_CALLER);
	assert_string_equal(t.text, "أحمد علي");
	assert_string_equal(t.stage, "collect_name");
	assert_string_equal(t.language, "ar");
	assert_int_equal(t.at_ms, 3000);
	assert_int_equal(cc_session_transcript_turn(&t, h.s, 4), 0);
	assert_string_equal(t.text, "dtmf:0501234567");
	assert_int_equal(cc_session_transcript_turn(&t, h.s, 0), 0);
	assert_int_equal(t.speaker, CC_SPEAKER_BOT);
	assert_int_equal(cc_session_transcript_turn(&t, h.s, 6), CC_ERANGE);
	assert_string_equal(cc_speaker_name(CC_SPEAKER_SYSTEM), "system");
	h_close(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snapshot_restore_in_every_stage),
		cmocka_unit_test(test_same_inputs_same_actions),
		cmocka_unit_test(test_restore_in_another_process),
		cmocka_unit_test(test_dtmf_entry),
		cmocka_unit_test(test_no_input_timeouts),
		cmocka_unit_test(test_prompt_finished_restarts_the_timer),
		cmocka_unit_test(test_whole_call_limit),
		cmocka_unit_test(test_recorder_follows_the_call),
		cmocka_unit_test(test_recorder_ticket_id_and_failures),
		cmocka_unit_test(test_bad_input_changes_nothing),
		cmocka_unit_test(test_restore_rejects_bad_snapshots),
		cmocka_unit_test(test_transcript),
	};
	static const char *const need_router[] = { "test_same_inputs_same_actions", "test_recorder_follows_the_call", "test_recorder_ticket_id_and_failures", NULL };
	return h_run(tests, sizeof(tests) / sizeof(tests[0]), need_router);
}
