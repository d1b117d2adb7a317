/* Random numbers from the host's seed, and the IDs the session makes. */
#include <stdio.h>
#include <sys/random.h>
#include <time.h>

#include "session/session_int.h"

/* splitmix64: tiny, fast, and its whole state is one number a snapshot can
 * carry, so a restored call draws the same IDs. */
uint64_t cc_session__rand(cc_session *s)
{
	uint64_t z = (s->rng += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

uint64_t cc_session__os_seed(void)
{
	uint64_t seed = 0;
	struct timespec ts;

	if (getrandom(&seed, sizeof(seed), 0) == (ssize_t)sizeof(seed) && seed)
		return seed;
	/* No entropy source: time still gives distinct calls distinct IDs. */
	clock_gettime(CLOCK_REALTIME, &ts);
	return ((uint64_t)ts.tv_sec << 30) ^ (uint64_t)ts.tv_nsec ^ 0x5DEECE66DULL;
}

int64_t cc_session__wall_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void utc_parts(int64_t wall_ms, struct tm *tm)
{
	time_t t = (time_t)(wall_ms / 1000);
	gmtime_r(&t, tm);
}

/* 48 random bits: a million calls a day collide with odds of about 1 in
 * 560 million a day, and the store's unique key catches the rest. */
void cc_session__make_call_id(cc_session *s, char out[CC_SESSION__MAX_CALL_ID + 1])
{
	struct tm tm;
	utc_parts(s->wall_start_ms, &tm);
	snprintf(out, CC_SESSION__MAX_CALL_ID + 1,
		 "CALL_%04d%02d%02d%02d%02d%02d_%012llX", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 (unsigned long long)(cc_session__rand(s) & 0xFFFFFFFFFFFFULL));
}

void cc_session__make_ticket_id(cc_session *s, char out[48])
{
	struct tm tm;
	utc_parts(cc_session__wall_ms(s), &tm);
	snprintf(out, 48, "TKT_%04d%02d%02d_%012llX", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday,
		 (unsigned long long)(cc_session__rand(s) & 0xFFFFFFFFFFFFULL));
}
