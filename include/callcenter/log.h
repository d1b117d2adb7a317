/**
 * @file callcenter/log.h
 * @brief Logging: levels, the host's logger, and masking of personal data.
 *
 * The library logs through one logger set by the host (see
 * cc_global_init()); by default warnings and errors go to standard error.
 * Every message passes through a scrubber before it reaches the logger:
 * phone numbers (in any digit script) and e-mail addresses are masked, so
 * a caller's number never reaches a log file unmasked.  Names cannot be
 * recognized in free text, so code that logs a name masks it first with
 * cc_log_mask_name().
 *
 * @defgroup cc_log Logging
 * @{
 */
#ifndef CALLCENTER_LOG_H
#define CALLCENTER_LOG_H

#include "common.h"
#include "buffer.h"

CC_BEGIN_DECL

/** Severity of a log message; a logger receives messages up to its level. */
typedef enum cc_log_level {
	CC_LOG_NONE = 0,  /**< Log nothing (as a level setting only). */
	CC_LOG_ERROR = 1, /**< Something failed. */
	CC_LOG_WARN = 2,  /**< Something looks wrong but work goes on. */
	CC_LOG_INFO = 3,  /**< Milestones of a call: routed, ticket created. */
	CC_LOG_DEBUG = 4, /**< Decisions and their reasons. */
	CC_LOG_TRACE = 5  /**< Everything. */
} cc_log_level;

/**
 * A host's log sink.
 *
 * @param userdata  The pointer registered with the logger.
 * @param level     The message's ::cc_log_level.
 * @param message   The message, already formatted and scrubbed of phone
 *                  numbers and e-mail addresses; valid during the call only.
 *
 * @par Thread safety
 * Called on whichever thread logs; it must be safe to call from several
 * threads at once.
 */
typedef void (*cc_log_fn)(void *userdata, int level, const char *message);

/**
 * @brief Sets the most verbose level that reaches the logger.
 *
 * @param[in] level  A ::cc_log_level.
 * @return 0, or CC_EINVAL when @p level is not a ::cc_log_level.
 * @par Thread safety
 * Safe from any thread; takes effect for messages logged afterwards.
 * @since 0.1
 */
CC_EXTERN(int) cc_log_set_level(int level);

/**
 * @brief The current log level.
 * @return A ::cc_log_level.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_log_get_level(void);

/**
 * @brief Parses a level name as in the LOG_LEVEL environment variable.
 *
 * Accepts none, error, warn/warning, info, debug and trace in any case.
 *
 * @param[out] out   Receives the ::cc_log_level.
 * @param[in]  name  The name.
 * @return 0, or CC_EINVAL for NULL arguments or an unknown name.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_log_level_parse(int *out, const char *name);

/**
 * @brief Logs a message through the library's logger, scrubbed of personal
 * data.
 *
 * For hosts that want their messages to share the library's sink and its
 * masking.
 *
 * @param[in] level    A ::cc_log_level other than #CC_LOG_NONE.
 * @param[in] message  The text, UTF-8.
 * @return 0, or CC_EINVAL for a NULL message or a bad level.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_log_write(int level, const char *message);

/**
 * @brief Masks a phone number for a log: keeps a leading '+' with the first
 * digits and the last two digits, replaces the rest with '*'.
 *
 * "+966559876543" becomes "+966*******43"; Arabic-Indic and Persian digits
 * are read as digits.
 *
 * @param[out] out    Receives the masked text (replacing what it held).
 * @param[in]  phone  The number, UTF-8.
 * @return 0, CC_EINVAL for NULL arguments, CC_EUTF8 for invalid UTF-8,
 *         CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_log_mask_phone(cc_buf *out, const char *phone);

/**
 * @brief Masks an e-mail address for a log: "ahmed@example.com" becomes
 * "a****@e******.com".
 *
 * @param[out] out    Receives the masked text.
 * @param[in]  email  The address, UTF-8.
 * @return 0, CC_EINVAL for NULL arguments, CC_EUTF8 for invalid UTF-8,
 *         CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_log_mask_email(cc_buf *out, const char *email);

/**
 * @brief Masks a person's name for a log: every word keeps its first letter,
 * the other letters become '*' ("Ahmed Saleh" → "A**** S****"; Arabic
 * letters count as one character each).
 *
 * @param[out] out   Receives the masked text.
 * @param[in]  name  The name, UTF-8.
 * @return 0, CC_EINVAL for NULL arguments, CC_EUTF8 for invalid UTF-8,
 *         CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_log_mask_name(cc_buf *out, const char *name);

/**
 * @brief Masks phone numbers and e-mail addresses wherever they occur in a
 * text; the scrubber every log message passes through.
 *
 * A phone number here is a run of at least six digits (any digit script),
 * possibly with one space, dash, dot or parenthesis between digits and a
 * leading '+'.
 *
 * @param[out] out   Receives the scrubbed text.
 * @param[in]  text  The text, UTF-8.
 * @return 0, CC_EINVAL for NULL arguments, CC_EUTF8 for invalid UTF-8,
 *         CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_log_scrub(cc_buf *out, const char *text);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_LOG_H */
