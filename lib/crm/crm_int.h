/* Internal parts of the CRM shared by its files. */
#ifndef CC_LIB_CRM_INT_H
#define CC_LIB_CRM_INT_H

#include "callcenter/crm.h"
#include "store/store_int.h"
#include "store/timefmt.h"

struct cc_crm {
	cc_store *store;
	char region[4];
	unsigned int keep_calls_days;
	unsigned int keep_transcripts_days;
	unsigned int keep_tickets_days;
	cc_crm_clock_fn clock;
	void *clock_userdata;
};

int64_t cc_crm__now(const cc_crm *crm);

/* ---- IDs (ids.c) ------------------------------------------------------ */

/* Writes @prefix, the UTC time as @timefmt ("%Y%m%d", "%Y%m%d%H%M%S"),
 * '_' and 16 characters of OS randomness (80 bits). */
int cc_crm__new_id(char out[CC_CRM_ID_MAX], const char *prefix,
		   bool with_time, int64_t now_ms);

/* ---- input (input.c) -------------------------------------------------- */

/* Normalizes a phone in any form a caller gives to E.164 ("+9665..."). */
int cc_crm__phone(char out[20], const cc_crm *crm, const char *phone);
/* True if @s reads as a phone number (digits, spaces, + - ( ) only). */
bool cc_crm__looks_like_phone(const char *s);
/* The name search key (folded, one script) of @name into @out. */
int cc_crm__name_key(cc_buf *out, const char *name);
/* Lower-cases and checks an e-mail address. */
int cc_crm__email(cc_buf *out, const char *email);
/* Checks an optional text argument: valid UTF-8, at most @max bytes. */
int cc_crm__text(const char *s, size_t max, const char *what);
/* True if @s is one of the NULL-terminated @list. */
bool cc_crm__one_of(const char *s, const char *const *list);

/* Writes the current name key of customers whose key is older (on open). */
int cc_crm__rekey_names(cc_crm *crm);

/* ---- reading rows (rows.c) -------------------------------------------- */

/* A growing array of records of @size bytes. */
typedef struct cc_crm__vec {
	void *items;
	size_t count, cap, size;
} cc_crm__vec;

void *cc_crm__vec_push(cc_crm__vec *v);
char *cc_crm__col_str(const cc_store_value *cols, size_t n, size_t i,
		      int *rc);
int64_t cc_crm__col_int(const cc_store_value *cols, size_t n, size_t i);
double cc_crm__col_real(const cc_store_value *cols, size_t n, size_t i);
int64_t cc_crm__col_time(const cc_store_value *cols, size_t n, size_t i);

/* Formats a time parameter (NULL value when @ms is 0). */
cc_store_value cc_crm__time(char buf[CC_STORE__TIME_MAX], int64_t ms);

/* Runs one query in its own connection. */
int cc_crm__query(cc_crm *crm, const char *sql, const cc_store_value *p,
		  size_t n, cc_store_row_fn row, void *ud);

#endif /* CC_LIB_CRM_INT_H */
