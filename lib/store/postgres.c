/* The PostgreSQL backend (libpq): every statement prepared once per
 * connection and run with parameters only; batches in pipeline mode, so a
 * call's rows cost one round trip; a lost server reported as CC_ENETWORK so
 * the core reconnects and retries. */
#include "cc_config.h"
#include "store_int.h"

#if CC_HAVE_POSTGRES
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#define CACHE_SLOTS 256 /* power of two */
#define MAX_COLS 64
#define MAX_PARAMS 64

typedef struct cached {
	char *sql;
	char name[16];
} cached;

typedef struct pg_conn {
	cc_store_conn base;
	PGconn *pg;
	unsigned int next_id;
	cached cache[CACHE_SLOTS];
} pg_conn;

/* Maps a failed result (or a broken connection) to a library error. */
static int fail(pg_conn *c, const PGresult *res, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE)
				: NULL;
	/* Only the primary message: DETAIL lines quote row values (names,
	 * phones), which must not reach the last error or a log. */
	const char *msg = res ? PQresultErrorField(res,
						   PG_DIAG_MESSAGE_PRIMARY)
			      : NULL;
	int code = CC_ESTORE;
	char text[600];
	size_t len;

	if (!msg || !*msg)
		msg = PQerrorMessage(c->pg);
	if (PQstatus(c->pg) == CONNECTION_BAD ||
	    (state && (strncmp(state, "08", 2) == 0 ||
		       strcmp(state, "57P01") == 0 ||
		       strcmp(state, "57P02") == 0 ||
		       strcmp(state, "57P03") == 0)))
		code = CC_ENETWORK;
	else if (state && strcmp(state, "23505") == 0)
		code = CC_EEXISTS;
	else if (state && (strcmp(state, "40001") == 0 ||
			   strcmp(state, "40P01") == 0 ||
			   strcmp(state, "55P03") == 0))
		code = CC_EBUSY;
	snprintf(text, sizeof(text), "postgresql: %s: %s", what,
		 msg && *msg ? msg : "unknown error");
	len = strlen(text);
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
		text[--len] = '\0';
	return cc__error_backend(code, CC_ERRCLASS_STORE, 0, state, "%s",
				 text);
}

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The name of the prepared statement for @sql, preparing it on first use.
 * *name is NULL when the cache is full (the caller runs it unprepared). */
static int prepared(pg_conn *c, const char *sql, const char **name)
{
	uint32_t h = hash(sql) & (CACHE_SLOTS - 1), probe;
	cached *slot = NULL;
	PGresult *res;

	*name = NULL;
	for (probe = 0; probe < 8; probe++) {
		cached *s = &c->cache[(h + probe) & (CACHE_SLOTS - 1)];
		if (!s->sql) {
			slot = s;
			break;
		}
		if (strcmp(s->sql, sql) == 0) {
			*name = s->name;
			return 0;
		}
	}
	if (!slot)
		return 0;
	snprintf(slot->name, sizeof(slot->name), "cc%u", c->next_id++);
	res = PQprepare(c->pg, slot->name, sql, 0, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		int rc = fail(c, res, "prepare");
		PQclear(res);
		return rc;
	}
	PQclear(res);
	slot->sql = cc__strdup(sql);
	if (!slot->sql)
		return cc__error_nomem();
	*name = slot->name;
	return 0;
}

/* Text-format parameter values: libpq wants NUL-terminated strings. */
typedef struct params {
	const char *values[MAX_PARAMS];
	char *heap;
} params;

static int make_params(params *p, const cc_store_value *v, size_t n)
{
	size_t i, need = 0, at = 0;
	if (n > MAX_PARAMS)
		return cc__error(CC_EINVAL, CC_ERRCLASS_STORE,
				 "postgresql: more than %d parameters",
				 MAX_PARAMS);
	for (i = 0; i < n; i++)
		need += v[i].type == CC_STORE_TEXT ? v[i].len + 1 : 32;
	p->heap = cc__malloc(need + 1);
	if (!p->heap)
		return cc__error_nomem();
	for (i = 0; i < n; i++) {
		char *dst = p->heap + at;
		switch (v[i].type) {
		case CC_STORE_INT:
			at += (size_t)snprintf(dst, 32, "%lld",
					       (long long)v[i].i) + 1;
			break;
		case CC_STORE_REAL:
			at += (size_t)snprintf(dst, 32, "%.17g", v[i].r) + 1;
			break;
		case CC_STORE_TEXT:
			if (v[i].len)
				memcpy(dst, v[i].text, v[i].len);
			dst[v[i].len] = '\0';
			at += v[i].len + 1;
			break;
		default:
			dst = NULL;
			break;
		}
		p->values[i] = dst;
	}
	return 0;
}

static int deliver(PGresult *res, cc_store_row_fn row, void *userdata)
{
	int nrows = PQntuples(res), ncols = PQnfields(res), r, i, rc = 0;
	Oid types[MAX_COLS];
	if (ncols > MAX_COLS)
		ncols = MAX_COLS;
	for (i = 0; i < ncols; i++)
		types[i] = PQftype(res, i);
	for (r = 0; r < nrows && rc == 0; r++) {
		cc_store_value cols[MAX_COLS];
		for (i = 0; i < ncols; i++) {
			const char *s = PQgetvalue(res, r, i);
			cols[i] = cc_store__null();
			if (PQgetisnull(res, r, i))
				continue;
			switch (types[i]) {
			case 16: /* bool */
				cols[i] = cc_store__int(s[0] == 't');
				break;
			case 20: /* int8 */
			case 21: /* int2 */
			case 23: /* int4 */
			case 26: /* oid */
				cols[i] = cc_store__int(strtoll(s, NULL, 10));
				break;
			case 700: /* float4 */
			case 701: /* float8 */
			case 1700: /* numeric */
				cols[i] = cc_store__real(strtod(s, NULL));
				break;
			default:
				cols[i].type = CC_STORE_TEXT;
				cols[i].text = s;
				cols[i].len = (size_t)PQgetlength(res, r, i);
				break;
			}
		}
		rc = row(cols, (size_t)ncols, userdata);
	}
	return rc;
}

static int p_exec(cc_store_conn *conn, const char *sql,
		  const cc_store_value *v, size_t n, cc_store_row_fn row,
		  void *userdata, int64_t *changes)
{
	pg_conn *c = (pg_conn *)conn;
	const char *name;
	params p;
	PGresult *res;
	int rc;

	rc = prepared(c, sql, &name);
	if (rc < 0)
		return rc;
	rc = make_params(&p, v, n);
	if (rc < 0)
		return rc;
	if (name)
		res = PQexecPrepared(c->pg, name, (int)n, p.values, NULL,
				     NULL, 0);
	else
		res = PQexecParams(c->pg, sql, (int)n, NULL, p.values, NULL,
				   NULL, 0);
	cc__free(p.heap);
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
		if (row)
			rc = deliver(res, row, userdata);
		/* fallthrough */
	case PGRES_COMMAND_OK:
		if (changes && *PQcmdTuples(res))
			*changes = strtoll(PQcmdTuples(res), NULL, 10);
		break;
	default:
		rc = fail(c, res, "exec");
		break;
	}
	PQclear(res);
	return rc;
}

static int p_script(cc_store_conn *conn, const char *sql)
{
	pg_conn *c = (pg_conn *)conn;
	PGresult *res = PQexec(c->pg, sql);
	int rc = 0;
	ExecStatusType st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		rc = fail(c, res, "script");
	PQclear(res);
	return rc;
}

static int p_begin(cc_store_conn *conn)
{
	return p_script(conn, "BEGIN");
}

static int p_commit(cc_store_conn *conn)
{
	return p_script(conn, "COMMIT");
}

static int p_rollback(cc_store_conn *conn)
{
	pg_conn *c = (pg_conn *)conn;
	if (PQtransactionStatus(c->pg) == PQTRANS_IDLE)
		return 0;
	return p_script(conn, "ROLLBACK");
}

/* Sends BEGIN, every statement and COMMIT in one pipeline, then reads the
 * results: one round trip however many rows a call writes. */
static int p_batch(cc_store_conn *conn, const cc_store_stmt *stmts, size_t n)
{
	pg_conn *c = (pg_conn *)conn;
	const char **names;
	size_t i, sent = 0, k;
	int rc = 0;

	names = cc__calloc(n ? n : 1, sizeof(*names));
	if (!names)
		return cc__error_nomem();
	/* Prepare outside the pipeline: only the first time per connection. */
	for (i = 0; i < n && rc == 0; i++)
		rc = prepared(c, stmts[i].sql, &names[i]);
	if (rc == 0 && PQenterPipelineMode(c->pg) != 1)
		rc = fail(c, NULL, "pipeline");
	if (rc < 0) {
		cc__free(names);
		return rc;
	}
	if (PQsendQueryParams(c->pg, "BEGIN", 0, NULL, NULL, NULL, NULL, 0))
		sent++;
	for (i = 0; i < n && sent == i + 1; i++) {
		params p;
		int ok;
		rc = make_params(&p, stmts[i].params, stmts[i].nparams);
		if (rc < 0)
			break;
		if (names[i])
			ok = PQsendQueryPrepared(c->pg, names[i],
						 (int)stmts[i].nparams,
						 p.values, NULL, NULL, 0);
		else
			ok = PQsendQueryParams(c->pg, stmts[i].sql,
					       (int)stmts[i].nparams, NULL,
					       p.values, NULL, NULL, 0);
		cc__free(p.heap);
		if (ok)
			sent++;
	}
	if (rc == 0 && sent == n + 1 &&
	    PQsendQueryParams(c->pg, "COMMIT", 0, NULL, NULL, NULL, NULL, 0))
		sent++;
	if (PQpipelineSync(c->pg) != 1 || (rc == 0 && sent != n + 2))
		rc = rc < 0 ? rc : fail(c, NULL, "pipeline send");

	/* Each command sent yields its results and then NULL; the sync point
	 * yields PGRES_PIPELINE_SYNC. */
	for (k = 0; k < sent; k++) {
		PGresult *res = PQgetResult(c->pg);
		if (!res)
			break;
		if (rc == 0 && PQresultStatus(res) != PGRES_COMMAND_OK &&
		    PQresultStatus(res) != PGRES_TUPLES_OK)
			rc = fail(c, res, "batch");
		PQclear(res);
		while ((res = PQgetResult(c->pg)) != NULL)
			PQclear(res);
	}
	if (k == sent) {
		PGresult *res = PQgetResult(c->pg);
		if (res && PQresultStatus(res) != PGRES_PIPELINE_SYNC &&
		    rc == 0)
			rc = fail(c, res, "batch sync");
		PQclear(res);
	}
	if (PQstatus(c->pg) != CONNECTION_OK) {
		rc = fail(c, NULL, "batch");
	} else {
		PQexitPipelineMode(c->pg);
		if (rc < 0 && PQtransactionStatus(c->pg) != PQTRANS_IDLE) {
			PGresult *res = PQexec(c->pg, "ROLLBACK");
			PQclear(res);
		}
	}
	cc__free(names);
	return rc;
}

static void p_close(cc_store_conn *conn)
{
	pg_conn *c = (pg_conn *)conn;
	size_t i;
	for (i = 0; i < CACHE_SLOTS; i++)
		cc__free(c->cache[i].sql);
	PQfinish(c->pg);
	cc__free(c);
}

static const cc_store_conn_methods pg_methods = {
	CC_STORE_CONN_METHODS_VERSION, p_exec, p_script, p_begin, p_commit,
	p_rollback, p_close, p_batch,
};

static int pg_connect(const cc_store_backend *be, cc_store_conn **out,
		      const char *target, unsigned int busy_timeout_ms)
{
	pg_conn *c;
	int rc;
	CC__UNUSED(be);
	CC__UNUSED(busy_timeout_ms);

	c = cc__calloc(1, sizeof(*c));
	if (!c)
		return cc__error_nomem();
	c->base.methods = &pg_methods;
	{
		/* A default connect_timeout, listed first so one in the
		 * caller's URI or conninfo (expanded from dbname) wins:
		 * libpq's own default is to wait forever. */
		static const char *const keys[] = { "connect_timeout",
						    "dbname", NULL };
		const char *values[] = { "5", target, NULL };
		c->pg = PQconnectdbParams(keys, values, 1);
	}
	if (!c->pg) {
		cc__free(c);
		return cc__error_nomem();
	}
	if (PQstatus(c->pg) != CONNECTION_OK) {
		rc = fail(c, NULL, "connect");
		/* A malformed conninfo is the caller's mistake, not the net. */
		if (strstr(PQerrorMessage(c->pg), "invalid") ||
		    strstr(PQerrorMessage(c->pg), "missing"))
			rc = cc__error(CC_EINVAL, CC_ERRCLASS_STORE, "%s",
				       cc_error_last()->message);
		p_close(&c->base);
		return rc;
	}
	/* Timestamps come back in UTC ISO form; text is UTF-8. */
	rc = p_script(&c->base, "SET client_encoding = 'UTF8';"
				"SET TimeZone = 'UTC';"
				"SET DateStyle = 'ISO, YMD';"
				"SET client_min_messages = 'warning'");
	if (rc < 0) {
		p_close(&c->base);
		return rc;
	}
	*out = &c->base;
	return 0;
}

const cc_store_backend cc_store__postgres_backend = {
	CC_STORE_BACKEND_VERSION, "postgresql", "postgresql", 4, pg_connect,
	NULL,
};

#else /* !CC_HAVE_POSTGRES */

const cc_store_backend cc_store__postgres_backend = {
	CC_STORE_BACKEND_VERSION, "postgresql", "postgresql", 4, NULL, NULL,
};

#endif
