/**
 * @file callcenter/sys/provider.h
 * @brief What every provider implementation shares: reporting errors and
 *        reading settings.
 *
 * For implementers of the vtables in `sys/stt.h`, `sys/tts.h` and
 * `sys/llm.h`.  A vtable method reports failure by returning a negative
 * ::cc_error_code after recording a message with cc_provider_set_error(),
 * so the host sees the same cc_error_last() as for a built-in provider.
 *
 * Vtable rules (as for every extension point of the library):
 * - the struct starts with `version` and `name`;
 * - methods marked optional may be NULL, and a method added in a later
 *   version is only called when the vtable's `version` is at least that
 *   version;
 * - the registry keeps a pointer to the vtable, which must stay valid
 *   until it is unregistered;
 * - every callback the library hands a method ends with `void *userdata`,
 *   passed back unchanged.
 *
 * @defgroup cc_sys_provider Provider implementation
 * @{
 */
#ifndef CALLCENTER_SYS_PROVIDER_H
#define CALLCENTER_SYS_PROVIDER_H

#include "../common.h"
#include "../errors.h"
#include "../provider.h"

CC_BEGIN_DECL

/**
 * @brief Records the calling thread's last error for a provider failure.
 * @param[in] code          A negative ::cc_error_code to report.
 * @param[in] backend_code  The service's own code (an HTTP status), or 0.
 * @param[in] message       What went wrong, in English; never a secret.
 * @return @p code, so a method can `return cc_provider_set_error(...)`;
 *         CC_EINVAL when @p code is not negative.
 * @par Thread safety
 * Affects the calling thread only.
 * @since 0.1
 */
CC_EXTERN(int) cc_provider_set_error(int code, int backend_code,
				     const char *message);

/**
 * @brief Looks up a provider-specific setting in ::cc_provider_options.
 * @param[in] opts  The options given to the provider's `create`; may be
 *                  NULL.
 * @param[in] key   The setting's name.
 * @return The value, borrowed from @p opts, or NULL when absent.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_provider_param(const cc_provider_options *opts,
					  const char *key);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_SYS_PROVIDER_H */
