/* Internal helpers shared by every module: errors, memory, buffers, logs. */
#ifndef CC_LIB_UTIL_H
#define CC_LIB_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "callcenter/buffer.h"
#include "callcenter/errors.h"
#include "callcenter/log.h"

#if defined(__GNUC__)
#define CC__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CC__PRINTF(f, a)
#endif

/* ---- errors (errors.c) ------------------------------------------------ */

/* Records the calling thread's last error and returns @code, so a failing
 * path reads `return cc__error(CC_EINVAL, CC_ERRCLASS_ARG, "...")`. */
int cc__error(int code, int klass, const char *fmt, ...) CC__PRINTF(3, 4);
int cc__error_v(int code, int klass, const char *fmt, va_list ap)
	CC__PRINTF(3, 0);
/* As cc__error, with the backend's native code and SQLSTATE (may be NULL). */
int cc__error_backend(int code, int klass, int backend_code,
		      const char *sqlstate, const char *fmt, ...)
	CC__PRINTF(5, 6);

/* Argument checks at API entry points: every public function validates its
 * pointers and returns CC_EINVAL with a message naming the argument. */
#define CC__CHECK_ARG(cond, name)                                            \
	do {                                                                 \
		if (!(cond))                                                 \
			return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,         \
					 "%s: invalid argument '%s'",        \
					 __func__, name);                    \
	} while (0)
#define CC__CHECK_NOTNULL(p) CC__CHECK_ARG((p) != NULL, #p)

/* Checks the version field of an options struct. */
int cc__check_options_version(const char *func, const char *type,
			      unsigned int version, unsigned int current);

/* ---- memory (alloc.c) ------------------------------------------------- */

void *cc__malloc(size_t size);
void *cc__calloc(size_t n, size_t size);
void *cc__realloc(void *ptr, size_t size);
void cc__free(void *ptr);
char *cc__strdup(const char *s);
char *cc__strndup(const char *s, size_t n);
/* Records CC_ENOMEM as the last error and returns it. */
int cc__error_nomem(void);

/* ---- buffers (buffer.c) ----------------------------------------------- */

/* Makes room for @extra more bytes plus the NUL. */
int cc__buf_grow(cc_buf *buf, size_t extra);
int cc__buf_put(cc_buf *buf, const void *data, size_t len);
int cc__buf_puts(cc_buf *buf, const char *s);
int cc__buf_putc(cc_buf *buf, char c);
int cc__buf_printf(cc_buf *buf, const char *fmt, ...) CC__PRINTF(2, 3);
int cc__buf_vprintf(cc_buf *buf, const char *fmt, va_list ap)
	CC__PRINTF(2, 0);
/* Empties the buffer but keeps its memory. */
void cc__buf_clear(cc_buf *buf);
/* Replaces the content with @len bytes of @data. */
int cc__buf_set(cc_buf *buf, const void *data, size_t len);

/* ---- UTF-8 (utf8.c) --------------------------------------------------- */

/* Decodes one code point at s[0..len); returns its length in bytes (1..4)
 * and stores it in *cp, or returns 0 for an invalid or truncated sequence
 * (overlongs, surrogates and values above U+10FFFF are invalid). */
size_t cc__utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes @cp into out[0..4); returns its length. */
size_t cc__utf8_encode(uint32_t cp, char *out);
/* Returns the offset of the first invalid byte, or @len when s is valid. */
size_t cc__utf8_check(const char *s, size_t len);
/* Validates and records CC_EUTF8 naming @what and the byte offset. */
int cc__utf8_require(const char *s, size_t len, const char *what);
/* Value 0..9 of a decimal digit in ASCII, Arabic-Indic (U+0660..0669) or
 * Extended Arabic-Indic/Persian (U+06F0..06F9) script, else -1. */
int cc__digit_value(uint32_t cp);

/* ---- logging (log.c) -------------------------------------------------- */

/* True when a message at @level would reach the logger; check before
 * building an expensive message. */
bool cc__log_enabled(int level);
/* Formats, scrubs phone numbers and e-mails, and hands the text to the
 * logger.  Never pass caller text through the format string. */
void cc__log(int level, const char *fmt, ...) CC__PRINTF(2, 3);

#define CC__LOG_ERROR(...) cc__log(CC_LOG_ERROR, __VA_ARGS__)
#define CC__LOG_WARN(...) cc__log(CC_LOG_WARN, __VA_ARGS__)
#define CC__LOG_INFO(...) cc__log(CC_LOG_INFO, __VA_ARGS__)
#define CC__LOG_DEBUG(...) cc__log(CC_LOG_DEBUG, __VA_ARGS__)

/* Copies src[0..len) to dst, masking phone numbers and e-mail addresses and
 * replacing invalid UTF-8 bytes with '?'.  Never writes more than len + 1
 * bytes (masking only shortens text) and always NUL-terminates.  Neither
 * allocates nor records errors.  Returns the length written. */
size_t cc__scrub(char *dst, const char *src, size_t len);

/* ---- global state (global.c) ------------------------------------------ */

void cc__global_log_sink(cc_log_fn *fn, void **userdata);

#define CC__ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define CC__UNUSED(x) ((void)(x))

#endif /* CC_LIB_UTIL_H */
