/**
 * @file callcenter/common.h
 * @brief Macros every public header shares: export, C++ linkage, attributes.
 *
 * Nothing here is a function; it only decorates the declarations of the
 * other headers.
 */
#ifndef CALLCENTER_COMMON_H
#define CALLCENTER_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define CC_BEGIN_DECL extern "C" {
#define CC_END_DECL }
#else
/** Opens a block of C declarations (extern "C" under C++). */
#define CC_BEGIN_DECL
/** Closes a block opened with #CC_BEGIN_DECL. */
#define CC_END_DECL
#endif

/**
 * Declares an exported function returning @p type.
 *
 * The library is built with hidden visibility; only declarations marked with
 * this macro are exported, and the linker version script is generated from
 * them.
 */
#if defined(_WIN32) && !defined(CC_STATIC)
#ifdef CC_BUILDING_LIBRARY
#define CC_EXTERN(type) __declspec(dllexport) type
#else
#define CC_EXTERN(type) __declspec(dllimport) type
#endif
#elif defined(__GNUC__) && !defined(CC_STATIC)
#define CC_EXTERN(type) __attribute__((visibility("default"))) type
#else
#define CC_EXTERN(type) type
#endif

/** Marks a function whose result must be checked. */
#if defined(__GNUC__)
#define CC_WARN_UNUSED_RESULT __attribute__((warn_unused_result))
#else
#define CC_WARN_UNUSED_RESULT
#endif

/** Marks a deprecated function, with the name of what replaces it. */
#if defined(__GNUC__)
#define CC_DEPRECATED(msg) __attribute__((deprecated(msg)))
#else
#define CC_DEPRECATED(msg)
#endif

#endif /* CALLCENTER_COMMON_H */
