/* Schema migrations: each one applied in its own transaction, recorded in
 * schema_migrations, so a failure leaves the database as it was. */
#include <stdio.h>

#include "store_int.h"
#include "timefmt.h"

static const char create_pg[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version integer PRIMARY KEY,"
	" name text NOT NULL,"
	" applied_at timestamptz NOT NULL)";
static const char create_sqlite[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" applied_at TEXT NOT NULL)";

const cc_store__migration *cc_store__migrations(const cc_store *s, size_t *n)
{
	if (s->pg) {
		*n = cc_store__migrations_postgresql_count;
		return cc_store__migrations_postgresql;
	}
	*n = cc_store__migrations_sqlite_count;
	return cc_store__migrations_sqlite;
}

CC_EXTERN(int) cc_store_schema_latest(void)
{
	size_t n = cc_store__migrations_sqlite_count;
	return n ? cc_store__migrations_sqlite[n - 1].version : 0;
}

static int ensure_table(cc_store_conn *c, void *ud)
{
	const cc_store *s = ud;
	return c->methods->script(c, s->pg ? create_pg : create_sqlite);
}

static int int_row(const cc_store_value *cols, size_t n, void *ud)
{
	if (n > 0 && cols[0].type == CC_STORE_INT)
		*(int64_t *)ud = cols[0].i;
	return 0;
}

typedef struct step {
	cc_store *s;
	const cc_store__migration *m;
	bool applied;
} step;

static int apply_one(cc_store_conn *c, void *ud)
{
	step *st = ud;
	int64_t have = 0;
	char now[CC_STORE__TIME_MAX];
	cc_store_value p[3];
	int rc;

	st->applied = false;
	if (st->s->pg) {
		/* Two processes migrating at once take turns. */
		rc = cc_store__exec(c, "SELECT pg_advisory_xact_lock(7265616001)",
				    NULL, 0, NULL, NULL, NULL);
		if (rc < 0)
			return rc;
	}
	p[0] = cc_store__int(st->m->version);
	rc = cc_store__exec(c,
			    "SELECT COUNT(*) FROM schema_migrations "
			    "WHERE version = $1",
			    p, 1, int_row, &have, NULL);
	if (rc < 0 || have > 0)
		return rc;
	rc = c->methods->script(c, st->m->sql);
	if (rc < 0) {
		const cc_error *e = cc_error_last();
		char msg[512];
		snprintf(msg, sizeof(msg), "%s", e->message);
		return cc__error_backend(rc, CC_ERRCLASS_STORE,
					 e->backend_code, e->sqlstate,
					 "migration %04d_%s failed: %s",
					 st->m->version, st->m->name, msg);
	}
	cc_store__format_time(now, cc_store__now_ms());
	p[1] = cc_store__text(st->m->name);
	p[2] = cc_store__text(now);
	rc = cc_store__exec(c,
			    "INSERT INTO schema_migrations "
			    "(version, name, applied_at) VALUES ($1, $2, $3)",
			    p, 3, NULL, NULL, NULL);
	if (rc == 0)
		st->applied = true;
	return rc;
}

int cc_store__migrate_list(cc_store *s, const cc_store__migration *list,
			   size_t n, int upto)
{
	size_t i;
	int count = 0, rc;

	rc = cc_store__with_conn(s, ensure_table, s);
	if (rc < 0)
		return rc;
	for (i = 0; i < n; i++) {
		step st = { s, &list[i], false };
		if (upto > 0 && list[i].version > upto)
			break;
		rc = cc_store__transact(s, apply_one, &st);
		if (rc < 0)
			return rc;
		if (st.applied) {
			CC__LOG_INFO("store: applied migration %04d_%s",
				     list[i].version, list[i].name);
			count++;
		}
	}
	return count;
}

CC_EXTERN(int) cc_store_migrate(cc_store *store)
{
	const cc_store__migration *list;
	size_t n;
	CC__CHECK_NOTNULL(store);
	list = cc_store__migrations(store, &n);
	return cc_store__migrate_list(store, list, n, 0);
}

static int read_version(cc_store_conn *c, void *ud)
{
	return cc_store__exec(c,
			      "SELECT COALESCE(MAX(version), 0) "
			      "FROM schema_migrations",
			      NULL, 0, int_row, ud, NULL);
}

CC_EXTERN(int) cc_store_schema_version(cc_store *store)
{
	int64_t v = 0;
	int rc;
	CC__CHECK_NOTNULL(store);
	rc = cc_store__with_conn(store, ensure_table, store);
	if (rc == 0)
		rc = cc_store__with_conn(store, read_version, &v);
	return rc < 0 ? rc : (int)v;
}
