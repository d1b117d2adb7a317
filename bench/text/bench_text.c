/* bench/text: median cost per utterance of the text layer's full analysis
 * (key, tokens, stems, language, sentiment, urgency, numbers, phones,
 * e-mails, display form) beside a bare ICU NFKC-casefold pass over the same
 * strings, the floor any normalization pays.  One run prints both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "cc_config.h"
#include "text/text_int.h"

#define MAX_UTTS 4096
#define REPEAT 300

static char *utts[MAX_UTTS];
static size_t nutts;

static void load(const char *root, const char *name)
{
	char path[4096], line[8192];
	FILE *f;
	snprintf(path, sizeof(path), "%s/tests/fixtures/%s", root, name);
	f = fopen(path, "r");
	if (!f)
		return;
	while (nutts < MAX_UTTS && fgets(line, sizeof(line), f)) {
		cJSON *o = cJSON_Parse(line), *t;
		t = o ? cJSON_GetObjectItem(o, "text") : NULL;
		if (cJSON_IsString(t))
			utts[nutts++] = strdup(t->valuestring);
		cJSON_Delete(o);
	}
	fclose(f);
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static cc_text__analysis an;
static cc_text__extract ex;
static char disp[8192];
static volatile size_t sink;

static void full(const char *s)
{
	size_t len = strlen(s), dl;
	cc_text__analyze(&an, s, len, NULL);
	cc_text__extract_all(&an, s, len, "SA", &ex);
	cc_text__fold(disp, sizeof(disp), &dl, s, len, CC_TEXT__DISPLAY);
	sink += an.ntokens + ex.nnumbers + dl;
}

static void fast(const char *s)
{
	cc_text__analyze(&an, s, strlen(s), NULL);
	sink += an.ntokens;
}

static void key_only(const char *s)
{
	size_t n;
	cc_text__fold(disp, sizeof(disp), &n, s, strlen(s), CC_TEXT__KEY);
	sink += n;
}

/* UTF-8 → UTF-16 → NFKC_Casefold → UTF-8: what ICU alone costs. */
static void icu(const char *s)
{
	static UChar a[4096], b[8192];
	static char out[16384];
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *n = unorm2_getNFKCCasefoldInstance(&e);
	int32_t al = 0, bl, ol = 0;
	u_strFromUTF8(a, 4096, &al, s, -1, &e);
	bl = unorm2_normalize(n, a, al, b, 8192, &e);
	u_strToUTF8(out, sizeof(out), &ol, b, bl, &e);
	sink += (size_t)ol;
}

/* Median over utterances of the mean cost of REPEAT calls each. */
static double median_ns(void (*fn)(const char *))
{
	static double per[MAX_UTTS];
	size_t i, r;
	for (i = 0; i < nutts; i++) {
		double t0;
		fn(utts[i]); /* warm */
		t0 = now_ns();
		for (r = 0; r < REPEAT; r++)
			fn(utts[i]);
		per[i] = (now_ns() - t0) / REPEAT;
	}
	qsort(per, nutts, sizeof(per[0]), cmp_double);
	return per[nutts / 2];
}

int main(void)
{
	const char *root = getenv("CC_SOURCE_ROOT");
	double t_full, t_fast, t_key, t_icu;
	size_t i;

	if (!root)
		root = CC_SOURCE_ROOT;
	load(root, "text/text_dev.jsonl");
	load(root, "text/phones_dev.jsonl");
	load(root, "routing_dev.jsonl");
	if (nutts == 0) {
		fprintf(stderr, "bench_text: no utterances under %s\n", root);
		return 1;
	}
	cc_text__analysis_init(&an);
	t_icu = median_ns(icu);
	t_key = median_ns(key_only);
	t_fast = median_ns(fast);
	t_full = median_ns(full);
	printf("bench/text over %zu corpus utterances (median ns per "
	       "utterance, mean of %d calls each)\n",
	       nutts, REPEAT);
	printf("  baseline: ICU NFKC_Casefold pass (UTF-8 in and out)  %8.0f ns\n",
	       t_icu);
	printf("  match key alone                                      %8.0f ns  (%.2fx ICU)\n",
	       t_key, t_key / t_icu);
	printf("  engine fast path (key, stems, language, sentiment)   %8.0f ns  (%.2fx ICU)\n",
	       t_fast, t_fast / t_icu);
	printf("  full analysis (+ numbers, phones, e-mails, display)  %8.0f ns  (%.2fx ICU)\n",
	       t_full, t_full / t_icu);
	printf("  targets: full < 1000 ns: %s; within 5x ICU: %s\n",
	       t_full < 1000 ? "met" : "MISSED",
	       t_full <= 5 * t_icu ? "met" : "MISSED");
	cc_text__analysis_dispose(&an);
	for (i = 0; i < nutts; i++)
		free(utts[i]);
	return 0;
}
