/* Batches of idempotent writes and the queue that retries them. */
#include <time.h>

#include "store_int.h"

typedef struct stmt {
	const char *sql;
	cc_store_value *params;
	size_t nparams;
} stmt;

struct cc_store__batch {
	cc_store__batch *next;
	stmt *stmts;
	size_t n, cap;
};

int cc_store__batch_new(cc_store__batch **out)
{
	*out = cc__calloc(1, sizeof(**out));
	return *out ? 0 : cc__error_nomem();
}

void cc_store__batch_free(cc_store__batch *b)
{
	size_t i, j;
	if (!b)
		return;
	for (i = 0; i < b->n; i++) {
		for (j = 0; j < b->stmts[i].nparams; j++)
			if (b->stmts[i].params[j].type == CC_STORE_TEXT)
				cc__free((void *)b->stmts[i].params[j].text);
		cc__free(b->stmts[i].params);
	}
	cc__free(b->stmts);
	cc__free(b);
}

int cc_store__batch_add(cc_store__batch *b, const char *sql,
			const cc_store_value *params, size_t nparams)
{
	stmt *st;
	size_t j;

	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 8;
		stmt *grown = cc__realloc(b->stmts, cap * sizeof(*grown));
		if (!grown)
			return cc__error_nomem();
		b->stmts = grown;
		b->cap = cap;
	}
	st = &b->stmts[b->n];
	st->sql = sql;
	st->nparams = 0;
	st->params = nparams ? cc__calloc(nparams, sizeof(*st->params)) : NULL;
	if (nparams && !st->params)
		return cc__error_nomem();
	b->n++;
	for (j = 0; j < nparams; j++) {
		st->params[j] = params[j];
		if (params[j].type == CC_STORE_TEXT) {
			char *copy = cc__malloc(params[j].len + 1);
			if (!copy) {
				st->params[j].type = CC_STORE_NULL;
				st->nparams = j;
				return cc__error_nomem();
			}
			memcpy(copy, params[j].text, params[j].len);
			copy[params[j].len] = '\0';
			st->params[j].text = copy;
		}
		st->nparams = j + 1;
	}
	return 0;
}

static int run_on(cc_store_conn *c, const cc_store__batch *b)
{
	cc_store_stmt small[16] = { { NULL, NULL, 0 } }, *list = small;
	size_t i;
	int rc;

	if (c->methods->batch) {
		if (b->n > CC__ARRAY_SIZE(small)) {
			list = cc__calloc(b->n, sizeof(*list));
			if (!list)
				return cc__error_nomem();
		}
		for (i = 0; i < b->n; i++) {
			list[i].sql = b->stmts[i].sql;
			list[i].params = b->stmts[i].params;
			list[i].nparams = b->stmts[i].nparams;
		}
		rc = c->methods->batch(c, list, b->n);
		if (list != small)
			cc__free(list);
		return rc;
	}
	rc = c->methods->begin(c);
	for (i = 0; rc == 0 && i < b->n; i++)
		rc = cc_store__exec(c, b->stmts[i].sql, b->stmts[i].params,
				    b->stmts[i].nparams, NULL, NULL, NULL);
	if (rc == 0)
		rc = c->methods->commit(c);
	if (rc < 0 && rc != CC_ENETWORK)
		c->methods->rollback(c);
	return rc;
}

/* Runs a batch; a dead pooled connection is replaced and tried again. */
static int run_batch(cc_store *s, const cc_store__batch *b)
{
	int attempt, rc = 0;
	for (attempt = 0; attempt <= (int)s->pool_size; attempt++) {
		cc_store_conn *c;
		rc = cc_store__acquire(s, &c);
		if (rc < 0)
			return rc;
		rc = run_on(c, b);
		cc_store__release(s, c, rc == CC_ENETWORK);
		if (rc != CC_ENETWORK)
			return rc;
	}
	return rc;
}

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Called with qlock held. */
static void backoff(cc_store *s)
{
	s->backoff_ms = s->backoff_ms ? s->backoff_ms * 2 : 250;
	if (s->backoff_ms > 30000)
		s->backoff_ms = 30000;
	s->retry_after_ms = mono_ms() + s->backoff_ms;
}

static bool waiting(const cc_store *s)
{
	return s->npending > 0 && mono_ms() < s->retry_after_ms;
}

static void append(cc_store *s, cc_store__batch *b)
{
	b->next = NULL;
	if (s->qtail)
		s->qtail->next = b;
	else
		s->qhead = b;
	s->qtail = b;
	s->npending++;
}

/* Runs queued batches in order; stops at the first that must wait. */
static void flush_locked(cc_store *s)
{
	while (s->qhead) {
		cc_store__batch *b = s->qhead;
		int rc = run_batch(s, b);
		if (rc < 0 && cc_store__retryable(rc)) {
			backoff(s);
			return;
		}
		s->backoff_ms = 0;
		if (rc < 0) {
			CC__LOG_ERROR("store: dropping a pending write the "
				      "database refused: %s",
				      cc_error_last()->message);
			s->ndropped++;
		}
		s->qhead = b->next;
		if (!s->qhead)
			s->qtail = NULL;
		s->npending--;
		cc_store__batch_free(b);
	}
}

int cc_store__batch_submit(cc_store *s, cc_store__batch *b)
{
	int rc;

	pthread_mutex_lock(&s->qlock);
	if (s->npending > 0 && !waiting(s))
		flush_locked(s);
	if (s->npending > 0) {
		if (s->npending >= s->max_pending) {
			pthread_mutex_unlock(&s->qlock);
			cc_store__batch_free(b);
			return cc__error(CC_EBUSY, CC_ERRCLASS_STORE,
					 "%zu writes already pending; the "
					 "database is unreachable",
					 s->npending);
		}
		append(s, b);
		pthread_mutex_unlock(&s->qlock);
		return 1;
	}
	pthread_mutex_unlock(&s->qlock);

	rc = run_batch(s, b);
	if (rc == 0) {
		cc_store__batch_free(b);
		return 0;
	}
	if (!cc_store__retryable(rc)) {
		cc_store__batch_free(b);
		return rc;
	}
	CC__LOG_WARN("store: write kept for retry: %s",
		     cc_error_last()->message);
	pthread_mutex_lock(&s->qlock);
	append(s, b);
	backoff(s);
	pthread_mutex_unlock(&s->qlock);
	return 1;
}

typedef struct one {
	const char *sql;
	const cc_store_value *p;
	size_t n;
	int64_t *changes;
} one;

static int run_one(cc_store_conn *c, void *ud)
{
	one *o = ud;
	return cc_store__exec(c, o->sql, o->p, o->n, NULL, NULL, o->changes);
}

int cc_store__submit_one(cc_store *s, const char *sql,
			 const cc_store_value *params, size_t nparams,
			 int64_t *changes)
{
	one o = { sql, params, nparams, changes };
	cc_store__batch *b;
	bool queue_empty;
	int rc;

	if (changes)
		*changes = -1;
	pthread_mutex_lock(&s->qlock);
	if (s->npending > 0 && !waiting(s))
		flush_locked(s);
	queue_empty = s->npending == 0;
	pthread_mutex_unlock(&s->qlock);
	if (queue_empty) {
		/* One statement on its own: autocommit, one round trip. */
		rc = cc_store__with_conn(s, run_one, &o);
		if (rc >= 0 || !cc_store__retryable(rc))
			return rc;
		if (changes)
			*changes = -1;
		CC__LOG_WARN("store: write kept for retry: %s",
			     cc_error_last()->message);
	}
	rc = cc_store__batch_new(&b);
	if (rc == 0)
		rc = cc_store__batch_add(b, sql, params, nparams);
	if (rc < 0) {
		cc_store__batch_free(b);
		return rc;
	}
	pthread_mutex_lock(&s->qlock);
	if (s->npending >= s->max_pending) {
		pthread_mutex_unlock(&s->qlock);
		cc_store__batch_free(b);
		return cc__error(CC_EBUSY, CC_ERRCLASS_STORE,
				 "%zu writes already pending; the database is "
				 "unreachable",
				 s->npending);
	}
	append(s, b);
	if (queue_empty)
		backoff(s);
	pthread_mutex_unlock(&s->qlock);
	return 1;
}

void cc_store__queue_clear(cc_store *s)
{
	while (s->qhead) {
		cc_store__batch *b = s->qhead;
		s->qhead = b->next;
		cc_store__batch_free(b);
	}
	s->qtail = NULL;
	s->npending = 0;
}

CC_EXTERN(int) cc_store_flush(cc_store *store)
{
	size_t n;
	CC__CHECK_NOTNULL(store);
	pthread_mutex_lock(&store->qlock);
	flush_locked(store);
	n = store->npending;
	pthread_mutex_unlock(&store->qlock);
	return n > INT32_MAX ? INT32_MAX : (int)n;
}
