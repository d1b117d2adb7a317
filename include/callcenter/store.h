/**
 * @file callcenter/store.h
 * @brief Storage handles: open a CRM database by URI, migrate its schema,
 *        and see the writes still waiting to be made.
 *
 * A ::cc_store is a connection pool over one database.  The URI picks the
 * backend:
 *
 * | URI                         | backend                                     |
 * |-----------------------------|---------------------------------------------|
 * | `memory:`                   | a private in-memory SQLite database, gone when the handle is freed (tests) |
 * | `sqlite:PATH`               | one SQLite file, WAL journal, busy timeout (the embedded default) |
 * | `postgresql://...`, `postgres://...` | PostgreSQL through libpq (production) |
 * | `host=... dbname=...`       | a libpq keyword/value conninfo string       |
 * | `NAME:...`                  | a backend registered with cc_store_backend_register() |
 *
 * The schema lives in `sql/` and is compiled into the library; it is
 * applied by cc_store_migrate() (and by cc_store_open() unless
 * cc_store_options::migrate is 0).  Each migration runs in one transaction:
 * one that fails leaves the database as it was.
 *
 * @defgroup cc_store Storage
 * @{
 */
#ifndef CALLCENTER_STORE_H
#define CALLCENTER_STORE_H

#include "common.h"

CC_BEGIN_DECL

/** An open database: a pool of connections and a queue of pending writes. */
typedef struct cc_store cc_store;

/** The current version of ::cc_store_options. */
#define CC_STORE_OPTIONS_VERSION 1

/** Options for cc_store_open(); NULL means all defaults. */
typedef struct cc_store_options {
	unsigned int version; /**< #CC_STORE_OPTIONS_VERSION. */
	/** Apply pending migrations on open: 1 (default) or 0. */
	int migrate;
	/** Most connections the pool opens; 0 for the backend's default
	 *  (memory: 1, sqlite: 4, postgresql: 4).  At most 64. */
	unsigned int pool_size;
	/** How long a SQLite writer waits for a lock, in ms; 0 for 5000. */
	unsigned int busy_timeout_ms;
	/** Most writes kept for retry while the database is unreachable;
	 *  0 for 100000.  Beyond it a write fails with CC_EBUSY. */
	unsigned int max_pending;
} cc_store_options;

/** Initializer for ::cc_store_options with the defaults. */
#define CC_STORE_OPTIONS_INIT { CC_STORE_OPTIONS_VERSION, 1, 0, 0, 0 }

/**
 * @brief Fills @p opts with the defaults of @p version.
 * @param[out] opts     The options to fill.
 * @param[in]  version  #CC_STORE_OPTIONS_VERSION.
 * @return 0, or CC_EINVAL for a NULL @p opts or an unknown version.
 * @par Ownership
 * Nothing is allocated.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_store_options_init(cc_store_options *opts,
				     unsigned int version);

/**
 * @brief Opens a database by URI (see the table in @ref cc_store).
 *
 * The first connection is made before returning, so a wrong path or an
 * unreachable server is reported here.
 *
 * @param[out] out   The new handle.
 * @param[in]  uri   `memory:`, `sqlite:PATH`, `postgresql://...`, a libpq
 *                   conninfo, or `NAME:...` for a registered backend.
 * @param[in]  opts  Options, or NULL for the defaults.
 * @return 0; CC_EINVAL for a NULL argument or an options version this
 *         library does not know; CC_EUNSUPPORTED for an unknown scheme or a
 *         backend not built in; CC_EIO for a file that cannot be opened;
 *         CC_ENETWORK for a server that cannot be reached; CC_ESTORE for a
 *         database error (e.g. a migration that failed, with its SQLSTATE
 *         or SQLite code in cc_error_last()); CC_ENOMEM.
 * @par Ownership
 * The caller owns @p *out and frees it with cc_store_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_store_open(cc_store **out, const char *uri,
			     const cc_store_options *opts) CC_WARN_UNUSED_RESULT;

/**
 * @brief Closes every connection and frees the handle.
 *
 * Writes still pending are lost; call cc_store_flush() first.
 *
 * @param[in] store  The handle, or NULL.
 * @par Ownership
 * Frees @p store.
 * @par Thread safety
 * No other thread may be using @p store.
 * @since 0.1
 */
CC_EXTERN(void) cc_store_free(cc_store *store);

/**
 * @brief Applies every migration the database does not have yet.
 *
 * Each migration runs in its own transaction together with the row that
 * records it in `schema_migrations`; on PostgreSQL an advisory lock keeps two
 * processes from migrating at once.
 *
 * @param[in] store  The database.
 * @return The number of migrations applied (0 when up to date); CC_EINVAL
 *         for NULL; CC_ESTORE when a migration failed (the database is left
 *         at the last version that succeeded); CC_ENETWORK; CC_ENOMEM.
 * @par Ownership
 * Nothing is allocated.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_store_migrate(cc_store *store);

/**
 * @brief The schema version of the database (the highest migration applied).
 * @param[in] store  The database.
 * @return The version (0 for an empty database); CC_EINVAL for NULL;
 *         CC_ESTORE; CC_ENETWORK.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_store_schema_version(cc_store *store);

/**
 * @brief The newest schema version this library knows.
 * @return A positive version number.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_store_schema_latest(void);

/**
 * @brief The name of the backend serving @p store: "memory", "sqlite",
 *        "postgresql", or a registered backend's name.
 * @param[in] store  The database.
 * @return A static string, or "" for NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_store_backend_name(const cc_store *store);

/**
 * @brief How many writes are waiting to be retried.
 *
 * A write that could not be made because the database was unreachable or
 * busy is kept (in this process's memory) and retried, in order, before the
 * next write and by cc_store_flush().  Every such write is idempotent, so a
 * retry after a write that did reach the database changes nothing.
 *
 * @param[in] store  The database.
 * @return The count (0 when none); CC_EINVAL for NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_store_pending(cc_store *store);

/**
 * @brief Retries the pending writes now, in order.
 * @param[in] store  The database.
 * @return The number still pending (0 when all were written); CC_EINVAL for
 *         NULL.  A write the database rejects for good (a constraint) is
 *         dropped, logged and counted by cc_store_dropped().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_store_flush(cc_store *store);

/**
 * @brief How many pending writes were dropped because the database refused
 *        them permanently (not for being unreachable).
 * @param[in] store  The database.
 * @return The count; CC_EINVAL for NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_store_dropped(cc_store *store);

/** @} */

CC_END_DECL

#endif /* CALLCENTER_STORE_H */
