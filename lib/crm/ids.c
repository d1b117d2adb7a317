/* Call and ticket IDs: a readable time prefix plus 80 bits from the OS, so
 * two hosts making IDs at once never collide (the database still enforces
 * uniqueness). */
#include <errno.h>
#include <stdio.h>
#include <sys/random.h>

#include "crm_int.h"

/* Crockford's base32: no I, L, O, U, so IDs read aloud unambiguously. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int cc_crm__new_id(char out[CC_CRM_ID_MAX], const char *prefix,
		   bool with_time, int64_t now_ms)
{
	unsigned char rnd[10];
	size_t got = 0, i, at;
	char stamp[CC_STORE__TIME_MAX];
	uint64_t acc = 0;
	int bits = 0;

	while (got < sizeof(rnd)) {
		ssize_t n = getrandom(rnd + got, sizeof(rnd) - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return cc__error(CC_EIO, CC_ERRCLASS_OS,
					 "getrandom failed (errno %d)", errno);
		}
		got += (size_t)n;
	}
	cc_store__format_time(stamp, now_ms);
	/* "YYYY-MM-DD HH:MM:SS..." -> YYYYMMDD[HHMMSS] */
	at = (size_t)snprintf(out, CC_CRM_ID_MAX, "%s%.4s%.2s%.2s", prefix,
			      stamp, stamp + 5, stamp + 8);
	if (with_time)
		at += (size_t)snprintf(out + at, CC_CRM_ID_MAX - at,
				       "%.2s%.2s%.2s", stamp + 11, stamp + 14,
				       stamp + 17);
	out[at++] = '_';
	for (i = 0; i < sizeof(rnd); i++) {
		acc = (acc << 8) | rnd[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[at++] = alphabet[(acc >> bits) & 31];
		}
	}
	out[at] = '\0';
	return 0;
}

CC_EXTERN(int) cc_crm_call_new_id(char id_out[CC_CRM_ID_MAX], cc_crm *crm)
{
	CC__CHECK_NOTNULL(id_out);
	CC__CHECK_NOTNULL(crm);
	return cc_crm__new_id(id_out, "CALL_", true, cc_crm__now(crm));
}
