/**
 * @file callcenter/buffer.h
 * @brief ::cc_buf, the container for strings and bytes the library makes.
 *
 * A function that returns a string it made fills a caller's ::cc_buf.  The
 * caller releases it with cc_buf_dispose(), never with free(): the bytes
 * come from the library's allocator.
 *
 * @defgroup cc_buffer Buffers
 * @{
 */
#ifndef CALLCENTER_BUFFER_H
#define CALLCENTER_BUFFER_H

#include "common.h"

CC_BEGIN_DECL

/**
 * Bytes made by the library.
 *
 * After a successful call, `ptr` points to `size` bytes followed by a NUL
 * (so text can be used as a C string) and `reserved` is the capacity.
 * A function that fills a buffer replaces what it held.
 *
 * @par Thread safety
 * Plain data; one thread at a time.
 */
typedef struct cc_buf {
	char *ptr;       /**< The bytes, NUL-terminated; NULL when empty. */
	size_t reserved; /**< Capacity of `ptr` in bytes. */
	size_t size;     /**< Number of bytes used, without the NUL. */
} cc_buf;

/** Initializer for an empty ::cc_buf. */
#define CC_BUF_INIT { NULL, 0, 0 }

/**
 * @brief Releases what a buffer holds and leaves it empty.
 *
 * @param[in,out] buf  The buffer; NULL is accepted and ignored.
 * @par Thread safety
 * Not for a buffer another thread is using.
 * @since 0.1
 */
CC_EXTERN(void) cc_buf_dispose(cc_buf *buf);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_BUFFER_H */
