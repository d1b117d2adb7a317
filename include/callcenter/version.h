/**
 * @file callcenter/version.h
 * @brief Version of the headers and of the library loaded at run time.
 * @defgroup cc_version Version
 * @{
 */
#ifndef CALLCENTER_VERSION_H
#define CALLCENTER_VERSION_H

#include "common.h"

CC_BEGIN_DECL

/** Major version of these headers. */
#define CC_VERSION_MAJOR 0
/** Minor version of these headers. */
#define CC_VERSION_MINOR 1
/** Patch version of these headers. */
#define CC_VERSION_PATCH 0
/** Version of these headers as a string. */
#define CC_VERSION "0.1.0"
/** Version of these headers as one comparable number (0xMMmmpp). */
#define CC_VERSION_NUMBER \
	((CC_VERSION_MAJOR << 16) | (CC_VERSION_MINOR << 8) | CC_VERSION_PATCH)
/** True when these headers are at least version @p maj.@p min.@p pat. */
#define CC_VERSION_CHECK(maj, min, pat) \
	(CC_VERSION_NUMBER >= (((maj) << 16) | ((min) << 8) | (pat)))
/**
 * ABI version: the shared library's soname is libcallcenter.so.CC_SOVERSION.
 * It changes only when the ABI breaks, not with every release.
 */
#define CC_SOVERSION 0

/**
 * @brief Reports the version of the library loaded at run time.
 *
 * @param[out] major  Receives the major version; may be NULL.
 * @param[out] minor  Receives the minor version; may be NULL.
 * @param[out] patch  Receives the patch version; may be NULL.
 * @return The version as one number, as #CC_VERSION_NUMBER.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_version(int *major, int *minor, int *patch);

/**
 * @brief Version of the library loaded at run time, e.g. "0.1.0".
 *
 * @return A static string; never NULL, never freed.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_version_string(void);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_VERSION_H */
