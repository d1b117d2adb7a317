/**
 * @file callcenter/global.h
 * @brief Process-wide setup: allocator, logger, the features built in.
 *
 * Calling cc_global_init() is optional: without it the library uses the C
 * allocator and logs warnings and errors to standard error.  A host that
 * wants its own allocator or logger calls it once, before any other library
 * call, and pairs it with cc_global_shutdown().
 *
 * @defgroup cc_global Global setup
 * @{
 */
#ifndef CALLCENTER_GLOBAL_H
#define CALLCENTER_GLOBAL_H

#include "common.h"
#include "log.h"

CC_BEGIN_DECL

/**
 * Memory functions the library allocates with.
 *
 * All three are required when an allocator is given.  Each receives the
 * `userdata` pointer stored beside them.
 *
 * @par Thread safety
 * The functions are called from any thread that uses the library and must
 * be thread-safe.
 */
typedef struct cc_allocator {
	/** Allocates @p size bytes, like malloc(). */
	void *(*malloc_fn)(size_t size, void *userdata);
	/** Resizes a block, like realloc(). */
	void *(*realloc_fn)(void *ptr, size_t size, void *userdata);
	/** Frees a block, like free(); receives NULL never. */
	void (*free_fn)(void *ptr, void *userdata);
	void *userdata; /**< Passed to each function. */
} cc_allocator;

/** Current version of ::cc_global_options. */
#define CC_GLOBAL_OPTIONS_VERSION 1
/** Initializer for ::cc_global_options with every default. */
#define CC_GLOBAL_OPTIONS_INIT { CC_GLOBAL_OPTIONS_VERSION, NULL, NULL, NULL, CC_LOG_WARN }

/** Options of cc_global_init(). */
typedef struct cc_global_options {
	unsigned int version;          /**< #CC_GLOBAL_OPTIONS_VERSION. */
	/** Allocator to use, copied; NULL keeps the C allocator. */
	const cc_allocator *allocator;
	/** Log sink; NULL keeps the default (standard error). */
	cc_log_fn log_fn;
	void *log_userdata;            /**< Passed to @c log_fn. */
	int log_level;                 /**< Initial ::cc_log_level. */
} cc_global_options;

/**
 * @brief Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts     The options to fill.
 * @param[in]  version  #CC_GLOBAL_OPTIONS_VERSION.
 * @return 0, or CC_EINVAL for NULL or an unknown version.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_global_options_init(cc_global_options *opts, unsigned int version);

/**
 * @brief Sets up the library for the process; counted.
 *
 * The first call applies @p opts (NULL means defaults); later calls only
 * count and must not try to change the allocator, which could mix two
 * allocators' blocks.
 *
 * @param[in] opts  Options, or NULL.
 * @return The number of times the library is now initialized (>= 1), or
 *         CC_EINVAL for an unknown options version, an incomplete
 *         allocator, a bad log level, or an allocator change after the first
 *         call.
 * @par Thread safety
 * Call from one thread, before other threads use the library.
 * @since 0.1
 */
CC_EXTERN(int) cc_global_init(const cc_global_options *opts) CC_WARN_UNUSED_RESULT;

/**
 * @brief Undoes one cc_global_init(); the last one restores the defaults.
 *
 * @return The number of initializations still in force (0 after the last),
 *         or CC_ESTATE when the library was not initialized.
 * @par Thread safety
 * Call when no other thread uses the library.
 * @since 0.1
 */
CC_EXTERN(int) cc_global_shutdown(void);

/** Features a build may have; see cc_features(). */
typedef enum cc_feature {
	CC_FEATURE_THREADS = 1 << 0,  /**< Thread-safe build (always). */
	CC_FEATURE_SQLITE = 1 << 1,   /**< The sqlite: store backend. */
	CC_FEATURE_POSTGRES = 1 << 2, /**< The postgresql:// store backend. */
	CC_FEATURE_OPUS = 1 << 3,     /**< Opus encoding and decoding. */
	CC_FEATURE_CURL = 1 << 4,     /**< HTTP providers (OpenAI, ElevenLabs). */
	CC_FEATURE_ESPEAK = 1 << 5,   /**< The offline espeak-ng voice. */
	CC_FEATURE_STEMMER = 1 << 6,  /**< Snowball English stemming. */
	CC_FEATURE_SPEEXDSP = 1 << 7  /**< Resampling with speexdsp. */
} cc_feature;

/**
 * @brief The optional features this build of the library has.
 * @return A bitwise OR of ::cc_feature values.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_features(void);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_GLOBAL_H */
