/* The SQLite backend: `sqlite:PATH` (WAL, busy timeout) and `memory:` (a
 * private in-memory database per store).  Statements are prepared once per
 * connection and kept; `$n` placeholders become SQLite's `?n`. */
#include "cc_config.h"
#include "store_int.h"

#if CC_HAVE_SQLITE
#include <sqlite3.h>
#include <stdio.h>

#define CACHE_SLOTS 256 /* power of two */
#define MAX_COLS 64

typedef struct cached {
	char *sql;
	sqlite3_stmt *stmt;
} cached;

typedef struct sqlite_conn {
	cc_store_conn base;
	sqlite3 *db;
	cached cache[CACHE_SLOTS];
} sqlite_conn;

static int fail(sqlite3 *db, int rc, const char *what)
{
	int ext = db ? sqlite3_extended_errcode(db) : rc;
	int prim = ext & 0xff;
	int code = CC_ESTORE;
	char msg[600];

	switch (prim) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		code = CC_EBUSY;
		break;
	case SQLITE_NOMEM:
		code = CC_ENOMEM;
		break;
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_READONLY:
		code = CC_EIO;
		break;
	case SQLITE_CONSTRAINT:
		if (ext == SQLITE_CONSTRAINT_UNIQUE ||
		    ext == SQLITE_CONSTRAINT_PRIMARYKEY)
			code = CC_EEXISTS;
		break;
	default:
		break;
	}
	snprintf(msg, sizeof(msg), "sqlite: %s: %s", what,
		 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	return cc__error_backend(code, CC_ERRCLASS_STORE, ext, NULL, "%s",
				 msg);
}

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Rewrites $n (outside quotes) as ?n. */
static char *translate(const char *sql)
{
	size_t n = strlen(sql), i;
	char *out = cc__malloc(n + 1);
	char quote = 0;
	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		char ch = sql[i];
		if (quote) {
			if (ch == quote)
				quote = 0;
		} else if (ch == '\'' || ch == '"') {
			quote = ch;
		} else if (ch == '$' && sql[i + 1] >= '1' &&
			   sql[i + 1] <= '9') {
			ch = '?';
		}
		out[i] = ch;
	}
	out[n] = '\0';
	return out;
}

static int prepare(sqlite_conn *c, const char *sql, sqlite3_stmt **out,
		   bool *owned)
{
	uint32_t h = hash(sql) & (CACHE_SLOTS - 1), probe;
	char *text;
	int rc;

	*owned = false;
	for (probe = 0; probe < 8; probe++) {
		cached *slot = &c->cache[(h + probe) & (CACHE_SLOTS - 1)];
		if (!slot->sql)
			break;
		if (strcmp(slot->sql, sql) == 0) {
			*out = slot->stmt;
			return 0;
		}
	}
	text = translate(sql);
	if (!text)
		return cc__error_nomem();
	rc = sqlite3_prepare_v3(c->db, text, -1, SQLITE_PREPARE_PERSISTENT,
				out, NULL);
	cc__free(text);
	if (rc != SQLITE_OK)
		return fail(c->db, rc, "prepare");
	for (probe = 0; probe < 8; probe++) {
		cached *slot = &c->cache[(h + probe) & (CACHE_SLOTS - 1)];
		if (!slot->sql) {
			slot->sql = cc__strdup(sql);
			if (!slot->sql)
				break;
			slot->stmt = *out;
			return 0;
		}
	}
	*owned = true; /* cache full here: finalize after use */
	return 0;
}

static int bind(sqlite_conn *c, sqlite3_stmt *st, const cc_store_value *p,
		size_t n)
{
	size_t i;
	int rc = SQLITE_OK;
	if ((int)n > sqlite3_bind_parameter_count(st))
		return cc__error(CC_EINVAL, CC_ERRCLASS_STORE,
				 "sqlite: %zu parameters for %d placeholders",
				 n, sqlite3_bind_parameter_count(st));
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		int idx = (int)i + 1;
		switch (p[i].type) {
		case CC_STORE_INT:
			rc = sqlite3_bind_int64(st, idx, p[i].i);
			break;
		case CC_STORE_REAL:
			rc = sqlite3_bind_double(st, idx, p[i].r);
			break;
		case CC_STORE_TEXT:
			rc = sqlite3_bind_text64(st, idx,
						 p[i].text ? p[i].text : "",
						 p[i].len, SQLITE_STATIC,
						 SQLITE_UTF8);
			break;
		default:
			rc = sqlite3_bind_null(st, idx);
			break;
		}
	}
	return rc == SQLITE_OK ? 0 : fail(c->db, rc, "bind");
}

static int s_exec(cc_store_conn *conn, const char *sql,
		  const cc_store_value *params, size_t nparams,
		  cc_store_row_fn row, void *userdata, int64_t *changes)
{
	sqlite_conn *c = (sqlite_conn *)conn;
	sqlite3_stmt *st;
	bool owned;
	int rc, step = SQLITE_DONE;

	rc = prepare(c, sql, &st, &owned);
	if (rc < 0)
		return rc;
	rc = bind(c, st, params, nparams);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		cc_store_value cols[MAX_COLS];
		int i, n = sqlite3_column_count(st);
		if (!row)
			continue;
		if (n > MAX_COLS)
			n = MAX_COLS;
		for (i = 0; i < n; i++) {
			cols[i] = cc_store__null();
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_INTEGER:
				cols[i] = cc_store__int(
					sqlite3_column_int64(st, i));
				break;
			case SQLITE_FLOAT:
				cols[i] = cc_store__real(
					sqlite3_column_double(st, i));
				break;
			case SQLITE_TEXT:
			case SQLITE_BLOB:
				cols[i].type = CC_STORE_TEXT;
				cols[i].text =
					(const char *)sqlite3_column_text(st, i);
				cols[i].len = (size_t)sqlite3_column_bytes(st, i);
				break;
			default:
				break;
			}
		}
		rc = row(cols, (size_t)n, userdata);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = fail(c->db, step, "step");
	if (rc == 0 && changes)
		*changes = sqlite3_changes64(c->db);
	if (owned) {
		sqlite3_finalize(st);
	} else {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	return rc;
}

static int s_script(cc_store_conn *conn, const char *sql)
{
	sqlite_conn *c = (sqlite_conn *)conn;
	int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : fail(c->db, rc, "script");
}

static int s_begin(cc_store_conn *conn)
{
	/* IMMEDIATE: take the write lock now, so a transaction never has to
	 * upgrade from reader to writer (which WAL cannot wait for). */
	return s_script(conn, "BEGIN IMMEDIATE");
}

static int s_commit(cc_store_conn *conn)
{
	return s_script(conn, "COMMIT");
}

static int s_rollback(cc_store_conn *conn)
{
	sqlite_conn *c = (sqlite_conn *)conn;
	if (sqlite3_get_autocommit(c->db))
		return 0;
	return s_script(conn, "ROLLBACK");
}

static void s_close(cc_store_conn *conn)
{
	sqlite_conn *c = (sqlite_conn *)conn;
	size_t i;
	for (i = 0; i < CACHE_SLOTS; i++) {
		if (c->cache[i].sql) {
			sqlite3_finalize(c->cache[i].stmt);
			cc__free(c->cache[i].sql);
		}
	}
	sqlite3_close_v2(c->db);
	cc__free(c);
}

static const cc_store_conn_methods sqlite_methods = {
	CC_STORE_CONN_METHODS_VERSION, s_exec, s_script, s_begin, s_commit,
	s_rollback, s_close, NULL,
};

static int open_db(cc_store_conn **out, const char *path, bool memory,
		   unsigned int busy_timeout_ms)
{
	sqlite_conn *c;
	int rc;

	if (!memory && (!path || !*path))
		return cc__error(CC_EINVAL, CC_ERRCLASS_STORE,
				 "sqlite: the URI names no file "
				 "(want sqlite:PATH)");
	if (memory && path && *path)
		return cc__error(CC_EINVAL, CC_ERRCLASS_STORE,
				 "memory: takes no path");
	c = cc__calloc(1, sizeof(*c));
	if (!c)
		return cc__error_nomem();
	c->base.methods = &sqlite_methods;
	rc = sqlite3_open_v2(memory ? ":memory:" : path, &c->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				     SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK) {
		rc = fail(c->db, rc, "open");
		sqlite3_close_v2(c->db);
		cc__free(c);
		return rc;
	}
	sqlite3_extended_result_codes(c->db, 1);
	sqlite3_busy_timeout(c->db, (int)busy_timeout_ms);
	rc = s_script(&c->base, "PRAGMA foreign_keys = ON");
	if (rc == 0 && !memory)
		rc = s_script(&c->base, "PRAGMA journal_mode = WAL;"
					"PRAGMA synchronous = NORMAL");
	if (rc < 0) {
		s_close(&c->base);
		return rc;
	}
	*out = &c->base;
	return 0;
}

static int sqlite_connect(const cc_store_backend *be, cc_store_conn **out,
			  const char *target, unsigned int busy_timeout_ms)
{
	CC__UNUSED(be);
	return open_db(out, target, false, busy_timeout_ms);
}

static int memory_connect(const cc_store_backend *be, cc_store_conn **out,
			  const char *target, unsigned int busy_timeout_ms)
{
	CC__UNUSED(be);
	return open_db(out, target, true, busy_timeout_ms);
}

const cc_store_backend cc_store__sqlite_backend = {
	CC_STORE_BACKEND_VERSION, "sqlite", "sqlite", 4, sqlite_connect, NULL,
};
const cc_store_backend cc_store__memory_backend = {
	CC_STORE_BACKEND_VERSION, "memory", "sqlite", 1, memory_connect, NULL,
};

#else /* !CC_HAVE_SQLITE */

const cc_store_backend cc_store__sqlite_backend = {
	CC_STORE_BACKEND_VERSION, "sqlite", "sqlite", 4, NULL, NULL,
};
const cc_store_backend cc_store__memory_backend = {
	CC_STORE_BACKEND_VERSION, "memory", "sqlite", 1, NULL, NULL,
};

#endif
