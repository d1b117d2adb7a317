/* Reading result rows into the CRM's record structs. */
#include <stdio.h>
#include <stdlib.h>
#include "crm_int.h"

void *cc_crm__vec_push(cc_crm__vec *v)
{
	char *slot;
	if (v->count == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		void *grown = cc__realloc(v->items, cap * v->size);
		if (!grown)
			return NULL;
		v->items = grown;
		v->cap = cap;
	}
	slot = (char *)v->items + v->count * v->size;
	memset(slot, 0, v->size);
	v->count++;
	return slot;
}

char *cc_crm__col_str(const cc_store_value *cols, size_t n, size_t i, int *rc)
{
	char *s;
	char num[32];
	if (i >= n || cols[i].type == CC_STORE_NULL)
		return NULL;
	if (cols[i].type == CC_STORE_TEXT) {
		s = cc__strndup(cols[i].text, cols[i].len);
	} else {
		if (cols[i].type == CC_STORE_INT)
			snprintf(num, sizeof(num), "%lld",
				 (long long)cols[i].i);
		else
			snprintf(num, sizeof(num), "%g", cols[i].r);
		s = cc__strdup(num);
	}
	if (!s)
		*rc = cc__error_nomem();
	return s;
}

int64_t cc_crm__col_int(const cc_store_value *cols, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	switch (cols[i].type) {
	case CC_STORE_INT:
		return cols[i].i;
	case CC_STORE_REAL:
		return (int64_t)cols[i].r;
	case CC_STORE_TEXT:
		return strtoll(cols[i].text, NULL, 10);
	default:
		return 0;
	}
}

double cc_crm__col_real(const cc_store_value *cols, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	switch (cols[i].type) {
	case CC_STORE_INT:
		return (double)cols[i].i;
	case CC_STORE_REAL:
		return cols[i].r;
	case CC_STORE_TEXT:
		return strtod(cols[i].text, NULL);
	default:
		return 0;
	}
}

int64_t cc_crm__col_time(const cc_store_value *cols, size_t n, size_t i)
{
	int64_t ms = 0;
	if (i >= n || cols[i].type != CC_STORE_TEXT)
		return 0;
	if (cc_store__parse_time(cols[i].text, &ms) < 0)
		return 0;
	return ms;
}

cc_store_value cc_crm__time(char buf[CC_STORE__TIME_MAX], int64_t ms)
{
	if (ms == 0)
		return cc_store__null();
	cc_store__format_time(buf, ms);
	return cc_store__text(buf);
}

typedef struct query {
	const char *sql;
	const cc_store_value *p;
	size_t n;
	cc_store_row_fn row;
	void *ud;
} query;

static int run_query(cc_store_conn *c, void *ud)
{
	query *q = ud;
	return cc_store__exec(c, q->sql, q->p, q->n, q->row, q->ud, NULL);
}

int cc_crm__query(cc_crm *crm, const char *sql, const cc_store_value *p,
		  size_t n, cc_store_row_fn row, void *ud)
{
	query q = { sql, p, n, row, ud };
	return cc_store__with_conn(crm->store, run_query, &q);
}
