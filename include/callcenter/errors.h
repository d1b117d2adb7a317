/**
 * @file callcenter/errors.h
 * @brief Error codes, their names and texts, and the thread-local last error.
 *
 * Every fallible function returns an `int`: 0 on success, a negative
 * ::cc_error_code on failure, and a positive value only where its
 * documentation promises a count.  The function that failed also records a
 * message in the calling thread's last error, read with cc_error_last().
 *
 * Codes are never renumbered or reused: a retired code keeps its number.
 *
 * @defgroup cc_errors Errors
 * @{
 */
#ifndef CALLCENTER_ERRORS_H
#define CALLCENTER_ERRORS_H

#include "common.h"

CC_BEGIN_DECL

/**
 * The error table: XX(NAME, value, text).  One list makes the enum,
 * cc_error_name() and cc_strerror(), so they can never disagree.
 */
#define CC_ERROR_MAP(XX)                                                      \
	XX(OK, 0, "success")                                                  \
	XX(ERROR, -1, "unexpected error")                                     \
	XX(EINVAL, -2, "invalid argument")                                    \
	XX(ENOMEM, -3, "out of memory")                                       \
	XX(ENOTFOUND, -4, "not found")                                        \
	XX(EEXISTS, -5, "already exists")                                     \
	XX(EBUFS, -6, "buffer too small")                                     \
	XX(EAGAIN, -7, "nothing more for now")                                \
	XX(EUNSUPPORTED, -8, "not supported")                                 \
	XX(ETIMEOUT, -9, "timed out")                                         \
	XX(EIO, -10, "input/output error")                                    \
	XX(EUTF8, -11, "invalid UTF-8")                                       \
	XX(ERANGE, -12, "value out of range")                                 \
	XX(ETOOBIG, -13, "input too large")                                   \
	XX(EPARSE, -14, "malformed input")                                    \
	XX(ESTATE, -15, "not allowed in the current state")                   \
	XX(EBUSY, -16, "resource busy")                                       \
	XX(ESTORE, -17, "storage backend error")                              \
	XX(ENETWORK, -18, "network error")                                    \
	XX(EPROVIDER, -19, "provider error")                                  \
	XX(ECANCELED, -20, "canceled")                                        \
	XX(EUSER, -21, "stopped by a user callback")                          \
	XX(ECONFIG, -22, "invalid configuration")                             \
	XX(EPASSTHROUGH, -23, "callback declined; default behaviour applies")

/** Makes one enumerator of ::cc_error_code from a #CC_ERROR_MAP row. */
#define CC_ERROR_ENUMERATOR(name, value, text) CC_##name = value,

/**
 * Error codes, made from #CC_ERROR_MAP: CC_OK, CC_ERROR, CC_EINVAL, ...;
 * cc_strerror() gives the text of each.  Values are stable across releases.
 */
typedef enum cc_error_code {
	CC_ERROR_MAP(CC_ERROR_ENUMERATOR)
	CC__ERROR_LAST = -24 /**< One past the most negative code; not an error. */
} cc_error_code;

/**
 * Where an error came from, so a host can tell a storage failure from bad
 * text without parsing the message.
 */
#define CC_ERROR_CLASS_MAP(XX)                                                \
	XX(NONE, 0, "none")                                                   \
	XX(OS, 1, "os")                                                       \
	XX(ARG, 2, "argument")                                                \
	XX(TEXT, 3, "text")                                                   \
	XX(CONFIG, 4, "config")                                               \
	XX(ENGINE, 5, "engine")                                               \
	XX(SESSION, 6, "session")                                             \
	XX(STORE, 7, "store")                                                 \
	XX(CRM, 8, "crm")                                                     \
	XX(AUDIO, 9, "audio")                                                 \
	XX(PROVIDER, 10, "provider")                                          \
	XX(JSON, 11, "json")

/** Makes one enumerator of ::cc_error_class from a #CC_ERROR_CLASS_MAP row. */
#define CC_ERROR_CLASS_ENUMERATOR(name, value, text) CC_ERRCLASS_##name = value,

/**
 * Error classes (the `klass` field of ::cc_error), made from
 * #CC_ERROR_CLASS_MAP: CC_ERRCLASS_NONE, CC_ERRCLASS_STORE, ...
 */
typedef enum cc_error_class {
	CC_ERROR_CLASS_MAP(CC_ERROR_CLASS_ENUMERATOR)
	CC__ERRCLASS_COUNT /**< Number of classes; not a class. */
} cc_error_class;

/** The last error recorded on the calling thread. */
typedef struct cc_error {
	int code;           /**< A ::cc_error_code, CC_OK when none. */
	int klass;          /**< A ::cc_error_class. */
	const char *message; /**< What went wrong, in English; never NULL. */
	/** The backend's own code: SQLite extended code, HTTP status, ... */
	int backend_code;
	char sqlstate[6];   /**< PostgreSQL SQLSTATE, or "" when none. */
} cc_error;

/**
 * @brief The last error recorded on the calling thread.
 *
 * Every failing call records its error here before returning; a successful
 * call may leave an older error in place, so read it only right after a
 * call that failed.
 *
 * @return A pointer to thread-local storage, valid until the next library
 *         call on this thread; never NULL (code CC_OK and message "no error"
 *         when nothing failed).
 * @par Thread safety
 * Each thread has its own.
 * @since 0.1
 */
CC_EXTERN(const cc_error *) cc_error_last(void);

/**
 * @brief Forgets the calling thread's last error.
 * @par Thread safety
 * Affects the calling thread only.
 * @since 0.1
 */
CC_EXTERN(void) cc_error_clear(void);

/**
 * @brief A sentence describing an error code, e.g. "invalid argument".
 *
 * @param[in] code  A ::cc_error_code.
 * @return A static string; "unknown error" for a code not in the table.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_strerror(int code);

/**
 * @brief The symbolic name of an error code, e.g. "CC_EINVAL".
 *
 * @param[in] code  A ::cc_error_code.
 * @return A static string; "CC_UNKNOWN" for a code not in the table.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_error_name(int code);

/**
 * @brief The name of an error class, e.g. "store".
 *
 * @param[in] klass  A ::cc_error_class.
 * @return A static string; "unknown" for a value not in the table.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_error_class_name(int klass);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_ERRORS_H */
