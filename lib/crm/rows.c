/* Reading result rows into the CRM's record structs, and the filters its
 * searches share. */
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

/* ---- records ---------------------------------------------------------- */

typedef struct rows {
	cc_crm__vec v;
	const cc_crm__record *rec;
} rows;

static int record_row(const cc_store_value *cols, size_t n, void *ud)
{
	rows *r = ud;
	char *item = cc_crm__vec_push(&r->v);
	size_t i;
	int rc = 0;
	if (!item)
		return cc__error_nomem();
	for (i = 0; i < r->rec->nfields; i++) {
		void *field = item + r->rec->fields[i].offset;
		switch (r->rec->fields[i].kind) {
		case CC_CRM__STR:
			*(char **)field = cc_crm__col_str(cols, n, i, &rc);
			break;
		case CC_CRM__I64:
			*(int64_t *)field = cc_crm__col_int(cols, n, i);
			break;
		case CC_CRM__INT:
			*(int *)field = (int)cc_crm__col_int(cols, n, i);
			break;
		case CC_CRM__TIME:
			*(int64_t *)field = cc_crm__col_time(cols, n, i);
			break;
		}
	}
	return rc;
}

void cc_crm__record_clear(const cc_crm__record *rec, void *item)
{
	size_t i;
	for (i = 0; i < rec->nfields; i++)
		if (rec->fields[i].kind == CC_CRM__STR)
			cc__free(*(char **)((char *)item +
					    rec->fields[i].offset));
}

void cc_crm__records_free(const cc_crm__record *rec, void *items,
			  size_t count)
{
	size_t i;
	for (i = 0; i < count; i++)
		cc_crm__record_clear(rec, (char *)items + i * rec->size);
	cc__free(items);
}

int cc_crm__select_all(void **items, size_t *count, cc_crm *crm,
		       const cc_crm__record *rec, const char *sql,
		       const cc_store_value *p, size_t n)
{
	rows r = { { NULL, 0, 0, rec->size }, rec };
	int rc = cc_crm__query(crm, sql, p, n, record_row, &r);
	if (rc < 0) {
		cc_crm__records_free(rec, r.v.items, r.v.count);
		r.v.items = NULL;
		r.v.count = 0;
	}
	*items = r.v.items;
	*count = r.v.count;
	return rc;
}

int cc_crm__select_one(void **out, cc_crm *crm, const cc_crm__record *rec,
		       const char *sql, const cc_store_value *p, size_t n,
		       const char *what)
{
	void *items;
	size_t count;
	int rc = cc_crm__select_all(&items, &count, crm, rec, sql, p, n);
	*out = NULL;
	if (rc == 0 && count == 0)
		rc = cc__error(CC_ENOTFOUND, CC_ERRCLASS_CRM, "no such %s",
			       what);
	/* A key matches one row; should more come, the first is kept. */
	while (rc == 0 && count > 1)
		cc_crm__record_clear(rec, (char *)items + --count * rec->size);
	if (rc < 0) {
		cc_crm__records_free(rec, items, count);
		return rc;
	}
	*out = items; /* the array of one is the record */
	return 0;
}

int cc_crm__int_row(const cc_store_value *cols, size_t n, void *ud)
{
	*(int64_t *)ud = cc_crm__col_int(cols, n, 0);
	return 0;
}

int cc_crm__id_row(const cc_store_value *cols, size_t n, void *ud)
{
	if (n > 0 && cols[0].type == CC_STORE_TEXT &&
	    cols[0].len < CC_CRM_ID_MAX) {
		memcpy(ud, cols[0].text, cols[0].len);
		((char *)ud)[cols[0].len] = '\0';
	}
	return 0;
}

/* ---- search filters --------------------------------------------------- */

void cc_crm__where_init(cc_crm__where *w, const char *select)
{
	memset(w, 0, sizeof(*w));
	cc__buf_puts(&w->sql, select);
	cc__buf_puts(&w->sql, " WHERE 1 = 1");
}

static void where_param(cc_crm__where *w, const char *column,
			const char *op, cc_store_value v)
{
	w->p[w->n++] = v;
	cc__buf_printf(&w->sql, " AND %s %s $%zu", column, op, w->n);
}

void cc_crm__where_eq(cc_crm__where *w, const char *column,
		      const char *value)
{
	if (value)
		where_param(w, column, "=", cc_store__text(value));
}

int cc_crm__where_customer(cc_crm__where *w, cc_crm *crm,
			   const char *customer)
{
	int rc;
	if (!customer)
		return 0;
	if (strncmp(customer, "CUST_", 5) == 0) {
		cc_crm__where_eq(w, "customer_id", customer);
		return 0;
	}
	rc = cc_crm__phone(w->phone, crm, customer);
	if (rc == 0)
		cc_crm__where_eq(w, "customer_phone", w->phone);
	return rc;
}

void cc_crm__where_between(cc_crm__where *w, const char *column,
			   int64_t from, int64_t to)
{
	if (from)
		where_param(w, column, ">=", cc_crm__time(w->from, from));
	if (to)
		where_param(w, column, "<", cc_crm__time(w->to, to));
}

int cc_crm__where_page(cc_crm__where *w, const char *order, size_t limit,
		       size_t offset)
{
	limit = limit ? (limit > 1000 ? 1000 : limit) : 50;
	w->p[w->n++] = cc_store__int((int64_t)limit);
	w->p[w->n++] = cc_store__int((int64_t)offset);
	if (cc__buf_printf(&w->sql, " ORDER BY %s LIMIT $%zu OFFSET $%zu",
			   order, w->n - 1, w->n) < 0)
		return CC_ENOMEM;
	return 0;
}

void cc_crm__where_dispose(cc_crm__where *w)
{
	cc_buf_dispose(&w->sql);
}

void cc_crm__like_escape(cc_buf *out, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
			cc__buf_putc(out, '\\');
		cc__buf_putc(out, s[i]);
	}
}

int cc_crm__like_anywhere(cc_buf *out, const char *text)
{
	size_t i;
	cc__buf_putc(out, '%');
	for (i = 0; text[i]; i++) {
		char ch = text[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch + 32);
		cc_crm__like_escape(out, &ch, 1);
	}
	return cc__buf_putc(out, '%');
}
