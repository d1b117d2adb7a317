/* Timestamps as the store writes and reads them: UTC text
 * "YYYY-MM-DD HH:MM:SS.mmm+00:00", which PostgreSQL takes as timestamptz and
 * SQLite compares and sorts as text. */
#ifndef CC_LIB_STORE_TIMEFMT_H
#define CC_LIB_STORE_TIMEFMT_H

#include <stdint.h>

#define CC_STORE__TIME_MAX 40

/* Milliseconds since the Unix epoch, from the real-time clock. */
int64_t cc_store__now_ms(void);
/* Writes @ms as "YYYY-MM-DD HH:MM:SS.mmm+00:00". */
void cc_store__format_time(char out[CC_STORE__TIME_MAX], int64_t ms);
/* Writes the UTC date "YYYY-MM-DD" of @ms. */
void cc_store__format_date(char out[11], int64_t ms);
/* Parses "YYYY-MM-DD[ T]HH:MM:SS[.fff][Z|+HH[:MM]|-HH[:MM]]" (what both
 * databases return); 0 on success, -1 if malformed. */
int cc_store__parse_time(const char *s, int64_t *ms);
/* Parses "YYYY-MM-DD" as midnight UTC. */
int cc_store__parse_date(const char *s, int64_t *ms);

#endif
