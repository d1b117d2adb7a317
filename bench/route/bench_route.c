/* bench/route: median time of one routing decision (analysis included)
 * beside the analysis alone, over the labelled utterances, in one run.
 * Baseline: the original Python system took about 12 µs per utterance for
 * route + language + sentiment + priority; the target is under 0.6 µs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "engine/engine_int.h"

#define MAX_UTT 1024
#define ROUNDS 20
#define REPS 10

static char *utt[MAX_UTT];
static size_t nutt;

static void load(const char *name)
{
	char path[512], line[4096];
	FILE *f;
	snprintf(path, sizeof(path), "%s/tests/fixtures/%s", CC_SOURCE_ROOT_DIR, name);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "bench_route: cannot open %s\n", path);
		exit(1);
	}
	while (fgets(line, sizeof(line), f) && nutt < MAX_UTT) {
		cJSON *j = cJSON_Parse(line);
		const cJSON *t = cJSON_GetObjectItem(j, "text");
		if (cJSON_IsString(t))
			utt[nutt++] = strdup(t->valuestring);
		cJSON_Delete(j);
	}
	fclose(f);
}

/* CPU time of this thread: the machine may be shared, and time spent
 * waiting for a core is not the routing's. */
static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(void)
{
	cc_engine *e = NULL;
	cc_engine_options o = CC_ENGINE_OPTIONS_INIT;
	static double t_route[MAX_UTT], t_analysis[MAX_UTT], t_decision[MAX_UTT];
	cc_text__analysis a;
	cc_route_result r;
	size_t i, k;
	volatile size_t sink = 0;

	load("routing_dev.jsonl");
	load("routing_heldout.jsonl");
	load("routing_heldout2.jsonl");
	load("routing_heldout3.jsonl");
	load("routing_heldout4.jsonl");
	load("routing_heldout5.jsonl");
	load("routing_heldout6.jsonl");
	load("routing_heldout7.jsonl");
	load("routing_heldout8.jsonl");
	load("routing_heldout9.jsonl");
	load("routing_heldout10.jsonl");
	load("routing_heldout11.jsonl");
	load("routing_heldout12.jsonl");
	load("routing_heldout13.jsonl");
	load("routing_heldout14.jsonl");
	o.flags = CC_ENGINE_NO_ENV | CC_ENGINE_NO_GLOBAL_LOG_LEVEL;
	if (cc_engine_new_default(&e, &o)) {
		fprintf(stderr, "bench_route: %s\n", cc_error_last()->message);
		return 1;
	}
	cc_text__analysis_init(&a);
	/* Warm caches (the English stemmer keeps a per-thread cache). */
	for (i = 0; i < nutt; i++)
		sink += (size_t)cc_engine_route(&r, e, utt[i], strlen(utt[i]));
	/* Per utterance, the best of ROUNDS rounds of REPS calls, analysis and
	 * routing alternating: the machine is shared, and the best round is
	 * the one nothing else disturbed. */
	for (i = 0; i < nutt; i++) {
		size_t len = strlen(utt[i]), round;
		t_analysis[i] = t_route[i] = t_decision[i] = 1e18;
		for (round = 0; round < ROUNDS; round++) {
			double t0, t1, t2, t2b, t3;
			t0 = now_ns();
			for (k = 0; k < REPS; k++) {
				cc_text__analyze(&a, utt[i], len, e->lexicon);
				sink += a.ntokens;
			}
			t1 = now_ns();
			for (k = 0; k < REPS; k++) {
				cc_engine_route(&r, e, utt[i], len);
				sink += r.matched_count;
			}
			t2b = now_ns();
			cc_text__analyze(&a, utt[i], len, e->lexicon);
			t2 = now_ns();
			for (k = 0; k < REPS; k++) {
				cc_engine__route_analysis(&r, e, &a);
				sink += r.matched_count;
			}
			t3 = now_ns();
			if ((t3 - t2) / REPS < t_decision[i])
				t_decision[i] = (t3 - t2) / REPS;
			if ((t1 - t0) / REPS < t_analysis[i])
				t_analysis[i] = (t1 - t0) / REPS;
			if ((t2b - t1) / REPS < t_route[i])
				t_route[i] = (t2b - t1) / REPS;
		}
	}
	printf("bench/route over %zu utterances (Arabic dialects, English, mixed): per utterance the "
	       "best of %d rounds of %d calls, thread CPU time\n",
	       nutt, ROUNDS, REPS);
	printf("  routing decision incl. analysis: median %7.0f ns\n", median(t_route, nutt));
	printf("  analysis alone (text layer):     median %7.0f ns\n", median(t_analysis, nutt));
	printf("  decision alone (given analysis): median %7.0f ns\n", median(t_decision, nutt));
	printf("  baseline: original Python ~12000 ns (route + language + sentiment + priority); "
	       "target < 600 ns\n");
	cc_text__analysis_dispose(&a);
	cc_engine_free(e);
	for (i = 0; i < nutt; i++)
		free(utt[i]);
	return sink == (size_t)-1;
}
