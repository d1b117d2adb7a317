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

/* ---- records (rows.c) ------------------------------------------------- */

/* How a column lands in a field of a public record struct. */
typedef enum cc_crm__kind {
	CC_CRM__STR,  /* char *, a copy (NULL for SQL NULL) */
	CC_CRM__I64,  /* int64_t */
	CC_CRM__INT,  /* int */
	CC_CRM__TIME  /* int64_t ms from a stored time, 0 for NULL */
} cc_crm__kind;

typedef struct cc_crm__field {
	size_t offset;
	cc_crm__kind kind;
} cc_crm__field;

/* A record struct read from rows: its fields in SELECT column order. */
typedef struct cc_crm__record {
	size_t size;
	const cc_crm__field *fields;
	size_t nfields;
} cc_crm__record;

#define CC_CRM__FIELD(type, member, kind) { offsetof(type, member), CC_CRM__##kind }
#define CC_CRM__RECORD(type, fields) { sizeof(type), fields, CC__ARRAY_SIZE(fields) }

/* Frees the strings of one record / of @count records and the array. */
void cc_crm__record_clear(const cc_crm__record *rec, void *item);
void cc_crm__records_free(const cc_crm__record *rec, void *items,
			  size_t count);

/* Runs @sql and gives the one record it finds in @out (the caller frees
 * it); CC_ENOTFOUND "no such @what" when there is none. */
int cc_crm__select_one(void **out, cc_crm *crm, const cc_crm__record *rec,
		       const char *sql, const cc_store_value *p, size_t n,
		       const char *what);
/* Runs @sql and gives every record as an array of @count. */
int cc_crm__select_all(void **items, size_t *count, cc_crm *crm,
		       const cc_crm__record *rec, const char *sql,
		       const cc_store_value *p, size_t n);

/* Row callbacks: the first column as an int64_t / as an ID into a
 * char[CC_CRM_ID_MAX]. */
int cc_crm__int_row(const cc_store_value *cols, size_t n, void *ud);
int cc_crm__id_row(const cc_store_value *cols, size_t n, void *ud);

/* ---- search filters (rows.c) ------------------------------------------ */

/* A SELECT grown by filters; only fixed fragments and placeholders go into
 * its text, the values into @p. */
typedef struct cc_crm__where {
	cc_buf sql;
	cc_store_value p[12];
	size_t n;
	char phone[20];
	char from[CC_STORE__TIME_MAX], to[CC_STORE__TIME_MAX];
} cc_crm__where;

/* Starts "@select WHERE 1 = 1". */
void cc_crm__where_init(cc_crm__where *w, const char *select);
/* " AND @column = $n"; nothing when @value is NULL. */
void cc_crm__where_eq(cc_crm__where *w, const char *column,
		      const char *value);
/* A customer by "CUST_..." ID (customer_id) or by phone in any form
 * (customer_phone); nothing when @customer is NULL. */
int cc_crm__where_customer(cc_crm__where *w, cc_crm *crm,
			   const char *customer);
/* @column >= @from and < @to (ms; 0 leaves that end open). */
void cc_crm__where_between(cc_crm__where *w, const char *column,
			   int64_t from, int64_t to);
/* Appends " ORDER BY @order LIMIT $n OFFSET $n" (@limit 0 is 50, at most
 * 1000); CC_ENOMEM if the text could not grow. */
int cc_crm__where_page(cc_crm__where *w, const char *order, size_t limit,
		       size_t offset);
void cc_crm__where_dispose(cc_crm__where *w);

/* Appends @n bytes of @s with LIKE's metacharacters escaped (ESCAPE '\\'). */
void cc_crm__like_escape(cc_buf *out, const char *s, size_t n);
/* Appends a LIKE pattern matching @text anywhere, ASCII lower-cased. */
int cc_crm__like_anywhere(cc_buf *out, const char *text);

/* Formats a time parameter (NULL value when @ms is 0). */
cc_store_value cc_crm__time(char buf[CC_STORE__TIME_MAX], int64_t ms);

/* Runs one query in its own connection. */
int cc_crm__query(cc_crm *crm, const char *sql, const cc_store_value *p,
		  size_t n, cc_store_row_fn row, void *ud);

#endif /* CC_LIB_CRM_INT_H */
