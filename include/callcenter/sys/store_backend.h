/**
 * @file callcenter/sys/store_backend.h
 * @brief The storage backend interface, for adding a database to cc_store.
 *
 * A backend turns parameterized SQL into rows.  The CRM writes its SQL once,
 * in the subset SQLite (>= 3.40) and PostgreSQL (>= 15) share: `$1`, `$2`...
 * placeholders, `INSERT ... ON CONFLICT ... DO UPDATE`, `RETURNING`, no
 * casts.  A backend translates placeholders if its database wants another
 * spelling, and says which schema dialect it speaks (::cc_store_backend
 * dialect), which picks the migrations in `sql/`.
 *
 * The core owns a pool of connections; each ::cc_store_conn is used by one
 * thread at a time.  Caller text only ever travels as parameters.
 *
 * Like every header under `sys/`, this one has a weaker stability promise
 * than the main API (docs/api-stability.md): methods are only appended, and a
 * method added in a later version may be NULL.
 *
 * @defgroup cc_store_backend Storage backends
 * @{
 */
#ifndef CALLCENTER_SYS_STORE_BACKEND_H
#define CALLCENTER_SYS_STORE_BACKEND_H

#include "../common.h"

CC_BEGIN_DECL

/** The type of a parameter or result value. */
typedef enum cc_store_type {
	CC_STORE_NULL = 0, /**< SQL NULL. */
	CC_STORE_INT = 1,  /**< A 64-bit integer (booleans are 0/1). */
	CC_STORE_REAL = 2, /**< A double. */
	CC_STORE_TEXT = 3  /**< UTF-8 text, @c len bytes (timestamps too). */
} cc_store_type;

/**
 * A parameter or a column of a result row.  Text is not necessarily
 * NUL-terminated as a parameter; result text always is.
 */
typedef struct cc_store_value {
	int type;         /**< A ::cc_store_type. */
	int64_t i;        /**< The value of a #CC_STORE_INT. */
	double r;         /**< The value of a #CC_STORE_REAL. */
	const char *text; /**< The bytes of a #CC_STORE_TEXT. */
	size_t len;       /**< The length of @c text in bytes. */
} cc_store_value;

/**
 * Receives one result row.  The values are valid only during the call.
 *
 * @param[in] cols      The columns, in SELECT order.
 * @param[in] ncols     How many.
 * @param[in] userdata  As given with the callback.
 * @return 0 to continue; a negative code stops the query, which returns it.
 */
typedef int (*cc_store_row_fn)(const cc_store_value *cols, size_t ncols,
			       void *userdata);

/** One statement of a batch (see ::cc_store_conn_methods batch). */
typedef struct cc_store_stmt {
	const char *sql;              /**< The statement, with `$n` placeholders. */
	const cc_store_value *params; /**< Its parameters. */
	size_t nparams;               /**< How many. */
} cc_store_stmt;

/** A connection of a backend (see ::cc_store_conn_methods). */
typedef struct cc_store_conn cc_store_conn;

/** The current version of ::cc_store_conn_methods. */
#define CC_STORE_CONN_METHODS_VERSION 1

/**
 * What a connection can do.  Every method returns 0 or a negative code and
 * records the error with cc_store_backend_error().  Codes with a meaning to
 * the core: CC_ENETWORK (the connection is lost; the core closes it, opens a
 * new one, and retries the write later), CC_EBUSY (locked; retried later), CC_EEXISTS (a
 * uniqueness constraint), CC_ESTORE (anything else the database refused).
 */
typedef struct cc_store_conn_methods {
	unsigned int version; /**< #CC_STORE_CONN_METHODS_VERSION. */
	/* --- version 1 --- */
	/** Runs one statement; calls @p row for each result row (may be NULL)
	 *  and stores the number of rows changed in @p changes (may be NULL). */
	int (*exec)(cc_store_conn *conn, const char *sql,
		    const cc_store_value *params, size_t nparams,
		    cc_store_row_fn row, void *userdata, int64_t *changes);
	/** Runs a script of statements without parameters (migrations). */
	int (*script)(cc_store_conn *conn, const char *sql);
	/** Opens a transaction (writers take their write lock here). */
	int (*begin)(cc_store_conn *conn);
	/** Commits the open transaction. */
	int (*commit)(cc_store_conn *conn);
	/** Rolls back the open transaction; must be harmless without one. */
	int (*rollback)(cc_store_conn *conn);
	/** Closes the connection and frees @p conn. */
	void (*close)(cc_store_conn *conn);
	/** Runs statements without results atomically, in one round trip
	 *  where the database can (PostgreSQL's pipeline mode).  May be NULL:
	 *  the core then uses begin, exec and commit. */
	int (*batch)(cc_store_conn *conn, const cc_store_stmt *stmts,
		     size_t n);
	/* --- methods of later versions are appended here; may be NULL --- */
} cc_store_conn_methods;

/** A connection; a backend embeds it as the first member of its own. */
struct cc_store_conn {
	const cc_store_conn_methods *methods; /**< Its methods. */
};

/** The current version of ::cc_store_backend. */
#define CC_STORE_BACKEND_VERSION 1

/** A storage backend, registered by name. */
typedef struct cc_store_backend {
	unsigned int version; /**< #CC_STORE_BACKEND_VERSION. */
	/** The URI scheme it serves ("memory", "sqlite", "postgresql"...). */
	const char *name;
	/** The SQL it speaks: "sqlite" or "postgresql". */
	const char *dialect;
	/** Connections a pool opens by default (at least 1). */
	unsigned int default_pool_size;
	/* --- version 1 --- */
	/**
	 * Opens one connection.
	 * @param[in]  backend  This backend.
	 * @param[out] out      The new connection.
	 * @param[in]  target   The URI without the "NAME:" prefix (for
	 *                      PostgreSQL, the whole URI or conninfo).
	 * @param[in]  busy_timeout_ms  How long to wait for a lock.
	 */
	int (*connect)(const struct cc_store_backend *backend,
		       cc_store_conn **out, const char *target,
		       unsigned int busy_timeout_ms);
	/** For the backend's own use. */
	void *userdata;
} cc_store_backend;

/**
 * @brief Registers a backend under its name, so `NAME:...` URIs open it.
 * @param[in] backend  The backend; must stay valid until the process ends.
 * @return 0; CC_EINVAL for NULL, a missing name, method or dialect, or a
 *         version this library does not know; CC_EEXISTS if the name is
 *         taken; CC_ENOMEM.
 * @par Ownership
 * The library keeps a pointer; nothing is copied.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_store_backend_register(const cc_store_backend *backend);

/**
 * @brief Records the calling thread's last error from inside a backend.
 * @param[in] code          A negative ::cc_error_code.
 * @param[in] backend_code  The database's own code (0 if none).
 * @param[in] sqlstate      A SQLSTATE, or NULL.
 * @param[in] message       What went wrong; never caller data.
 * @return @p code.
 * @par Thread safety
 * Affects the calling thread only.
 * @since 0.1
 */
CC_EXTERN(int) cc_store_backend_error(int code, int backend_code,
				      const char *sqlstate,
				      const char *message);

/** @} */

CC_END_DECL

#endif /* CALLCENTER_SYS_STORE_BACKEND_H */
