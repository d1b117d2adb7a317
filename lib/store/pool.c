/* The connection pool: one store handle serves many threads. */
#include <stdio.h>

#include "store_int.h"

int cc_store__acquire(cc_store *s, cc_store_conn **out)
{
	int rc;
	pthread_mutex_lock(&s->lock);
	for (;;) {
		if (s->nidle > 0) {
			*out = s->idle[--s->nidle];
			pthread_mutex_unlock(&s->lock);
			return 0;
		}
		if (s->nopen < s->pool_size)
			break;
		pthread_cond_wait(&s->freed, &s->lock);
	}
	s->nopen++;
	pthread_mutex_unlock(&s->lock);

	*out = NULL;
	rc = s->backend->connect(s->backend, out, s->target,
				 s->busy_timeout_ms);
	if (rc < 0 || !*out) {
		if (rc >= 0)
			rc = cc__error(CC_ESTORE, CC_ERRCLASS_STORE,
				       "backend '%s' returned no connection",
				       s->backend->name);
		pthread_mutex_lock(&s->lock);
		s->nopen--;
		pthread_cond_signal(&s->freed);
		pthread_mutex_unlock(&s->lock);
		return rc;
	}
	return 0;
}

void cc_store__release(cc_store *s, cc_store_conn *c, bool broken)
{
	if (broken)
		c->methods->close(c);
	pthread_mutex_lock(&s->lock);
	if (broken)
		s->nopen--;
	else
		s->idle[s->nidle++] = c;
	pthread_cond_signal(&s->freed);
	pthread_mutex_unlock(&s->lock);
}

void cc_store__pool_close(cc_store *s)
{
	pthread_mutex_lock(&s->lock);
	while (s->nidle > 0) {
		cc_store_conn *c = s->idle[--s->nidle];
		c->methods->close(c);
		s->nopen--;
	}
	pthread_mutex_unlock(&s->lock);
}

int cc_store__exec(cc_store_conn *c, const char *sql,
		   const cc_store_value *params, size_t nparams,
		   cc_store_row_fn row, void *userdata, int64_t *changes)
{
	if (changes)
		*changes = 0;
	return c->methods->exec(c, sql, params, nparams, row, userdata,
				changes);
}

bool cc_store__retryable(int rc)
{
	return rc == CC_ENETWORK || rc == CC_EBUSY;
}

static int run(cc_store *s, cc_store__tx_fn fn, void *ud, bool tx)
{
	int attempt, rc = 0;

	for (attempt = 0; attempt <= (int)s->pool_size; attempt++) {
		cc_store_conn *c;
		rc = cc_store__acquire(s, &c);
		if (rc < 0) {
			if (rc == CC_ENETWORK && attempt == 0 && s->pool_size > 1)
				continue;
			return rc;
		}
		rc = tx ? c->methods->begin(c) : 0;
		if (rc == 0) {
			rc = fn(c, ud);
			if (tx && rc >= 0) {
				int crc = c->methods->commit(c);
				if (crc < 0)
					rc = crc;
			}
			if (tx && rc < 0 && rc != CC_ENETWORK) {
				/* Keep the first error for the caller. */
				cc_error saved = *cc_error_last();
				char msg[512];
				snprintf(msg, sizeof(msg), "%s", saved.message);
				c->methods->rollback(c);
				cc__error_backend(saved.code, saved.klass,
						  saved.backend_code,
						  saved.sqlstate, "%s", msg);
			}
		}
		cc_store__release(s, c, rc == CC_ENETWORK);
		if (rc != CC_ENETWORK)
			return rc;
	}
	return rc;
}

int cc_store__transact(cc_store *s, cc_store__tx_fn fn, void *ud)
{
	return run(s, fn, ud, true);
}

int cc_store__with_conn(cc_store *s, cc_store__tx_fn fn, void *ud)
{
	return run(s, fn, ud, false);
}
