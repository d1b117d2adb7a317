/* bench/session: memory per live session, a million live sessions, and CPU
 * time per complete scripted call (no store), printed beside the targets
 * from one run. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "callcenter.h"

/* ---- an allocator that counts live bytes ---------------------------------- */

static atomic_llong live_bytes;

typedef union hdr {
	size_t size;
	max_align_t align;
} hdr;

static void *count_malloc(size_t size, void *u)
{
	hdr *h = malloc(sizeof(hdr) + size);
	(void)u;
	if (h == NULL)
		return NULL;
	h->size = size;
	atomic_fetch_add(&live_bytes, (long long)size);
	return h + 1;
}

static void count_free(void *p, void *u)
{
	hdr *h = (hdr *)p - 1;
	(void)u;
	atomic_fetch_sub(&live_bytes, (long long)h->size);
	free(h);
}

static void *count_realloc(void *p, size_t size, void *u)
{
	hdr *h;
	size_t old;
	if (p == NULL)
		return count_malloc(size, u);
	h = (hdr *)p - 1;
	old = h->size;
	h = realloc(h, sizeof(hdr) + size);
	if (h == NULL)
		return NULL;
	h->size = size;
	atomic_fetch_add(&live_bytes, (long long)size - (long long)old);
	return h + 1;
}

/* ---- helpers -------------------------------------------------------------- */

static double now_s(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long rss_kib(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static void drain(cc_session *s)
{
	const cc_action *a;
	while (cc_session_next_action(&a, s) == 0)
		;
}

static void say(cc_session *s, const char *text, uint64_t now)
{
	cc_session_text_info info = CC_SESSION_TEXT_INFO_INIT;
	info.now_ms = now;
	if (cc_session_input_text(s, text, strlen(text), &info) != 0) {
		fprintf(stderr, "input failed: %s\n", cc_error_last()->message);
		exit(1);
	}
	drain(s);
}

static size_t transcript_text(const cc_session *s)
{
	size_t n = 0, count = cc_session_transcript_count(s);
	for (size_t i = 0; i < count; i++) {
		cc_session_turn t;
		if (cc_session_transcript_turn(&t, s, i) == 0)
			n += strlen(t.text) + 1;
	}
	return n;
}

static cc_session *new_session(cc_engine *e, uint64_t seed)
{
	cc_session_options o = CC_SESSION_OPTIONS_INIT;
	cc_session *s;
	o.region = "SA";
	o.seed = seed;
	o.wall_clock_ms = 1763884800000LL; /* open hours: the full path */
	o.start_ms = 1;
	o.call_id = "CALL_20251123080000_BENCH000000";
	if (cc_session_new(&s, e, &o) != 0 || cc_session_start(s) != 0) {
		fprintf(stderr, "session: %s\n", cc_error_last()->message);
		exit(1);
	}
	drain(s);
	return s;
}

/* A complete call: name, phone, e-mail, service, confirmation, complaint
 * details -- routing, ticket and queue included. */
static void complete_call(cc_engine *e, uint64_t seed)
{
	cc_session *s = new_session(e, seed);
	say(s, "اسمي أحمد محمد", 2000);
	say(s, "0501234567", 4000);
	say(s, "ahmed at example dot com", 6000);
	say(s, "عندي شكوى، الطلب وصل متأخر", 8000);
	say(s, "نعم", 10000);
	say(s, "طلبت جهاز ووصل بعد أسبوعين وفيه خدش", 12000);
	cc_session_free(s);
}

int main(int argc, char **argv)
{
	cc_allocator alloc = { count_malloc, count_realloc, count_free, NULL };
	cc_global_options g = CC_GLOBAL_OPTIONS_INIT;
	static const char *const env[] = { NULL };
	cc_engine_options eo = CC_ENGINE_OPTIONS_INIT;
	cc_engine *e;
	long long base;
	size_t million = argc > 1 ? (size_t)atol(argv[1]) : 1000000;
	size_t calls = 20000;

	g.allocator = &alloc;
	g.log_level = CC_LOG_ERROR;
	if (cc_global_init(&g) < 0)
		return 1;
	eo.env = env;
	if (cc_engine_new_default(&e, &eo) != 0) {
		fprintf(stderr, "engine: %s\n", cc_error_last()->message);
		return 1;
	}

	/* 1. Memory of one live session, mid-call (waiting for the e-mail). */
	{
		cc_session *s;
		long long used, text;
		base = atomic_load(&live_bytes);
		s = new_session(e, 1);
		say(s, "اسمي أحمد محمد", 2000);
		say(s, "0501234567", 4000);
		used = atomic_load(&live_bytes) - base;
		text = (long long)transcript_text(s);
		printf("session memory: %lld bytes live, %lld of them transcript text -> "
		       "%lld bytes before transcript text (target < 4096)\n",
		       used, text, used - text);
		cc_session_free(s);
	}

	/* 2. CPU per complete scripted call, no store. */
	{
		double t0, t1;
		for (size_t i = 0; i < 200; i++) /* warm caches */
			complete_call(e, i + 1);
		t0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
		for (size_t i = 0; i < calls; i++)
			complete_call(e, i + 1);
		t1 = now_s(CLOCK_PROCESS_CPUTIME_ID);
		printf("complete call (6 caller turns, routing, ticket, queue): %.2f us CPU "
		       "per call over %zu calls (target < 20 us)\n",
		       (t1 - t0) * 1e6 / (double)calls, calls);
	}

	/* 3. A million live sessions, each part-way through its call. */
	{
		cc_session **all = calloc(million, sizeof(*all));
		long rss0 = rss_kib();
		double t0 = now_s(CLOCK_MONOTONIC), t1;
		long long used;
		if (all == NULL)
			return 1;
		base = atomic_load(&live_bytes);
		for (size_t i = 0; i < million; i++) {
			all[i] = new_session(e, i + 1);
			say(all[i], "اسمي أحمد محمد", 2000);
		}
		t1 = now_s(CLOCK_MONOTONIC);
		used = atomic_load(&live_bytes) - base;
		printf("%zu live sessions: %.2f GiB allocated, process RSS grew %.2f GiB "
		       "(target < 8 GiB); %.0f bytes each; made in %.1f s\n",
		       million, (double)used / (1 << 30),
		       (double)(rss_kib() - rss0) / (1 << 20), (double)used / (double)million,
		       t1 - t0);
		for (size_t i = 0; i < million; i++)
			cc_session_free(all[i]);
		free(all);
	}
	cc_engine_free(e);
	cc_global_shutdown();
	return 0;
}
