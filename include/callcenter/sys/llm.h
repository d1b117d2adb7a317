/**
 * @file callcenter/sys/llm.h
 * @brief The chat (LLM) provider vtable, for implementers.
 *
 * @defgroup cc_sys_llm LLM implementation
 * @{
 */
#ifndef CALLCENTER_SYS_LLM_H
#define CALLCENTER_SYS_LLM_H

#include "provider.h"

CC_BEGIN_DECL

/** Current version of ::cc_llm_vtable. */
#define CC_LLM_VTABLE_VERSION 1

/**
 * A chat implementation.
 *
 * `chat` streams the reply through the ::cc_llm_token_fn it is given (the
 * library joins the pieces into the whole reply).  A non-zero return from
 * that callback means the request was canceled: stop and return
 * CC_ECANCELED.
 *
 * @par Thread safety
 * As ::cc_stt_vtable: one `chat` at a time per instance; `cancel` from any
 * thread.
 */
typedef struct cc_llm_vtable {
	unsigned int version;      /**< #CC_LLM_VTABLE_VERSION. */
	const char *name;          /**< Registry name. */
	unsigned int capabilities; /**< CC_LLM_CAP_* bits. */
	/** Makes an instance; see ::cc_stt_vtable.create. */
	int (*create)(void **state, const cc_provider_options *opts,
		      void *userdata);
	/** Frees an instance. */
	void (*destroy)(void *state);
	/**
	 * Answers the conversation: @p system_prompt (may be NULL) then
	 * @p count messages, oldest first.
	 */
	int (*chat)(void *state, const char *system_prompt,
		    const cc_llm_message *messages, size_t count,
		    cc_llm_token_fn *emit, void *emit_userdata);
	/** Optional (may be NULL): makes a running chat return soon. */
	void (*cancel)(void *state);
} cc_llm_vtable;

/**
 * @brief Registers a chat implementation; see cc_stt_register().
 * @param[in] vtable    The implementation; must outlive its registration.
 * @param[in] userdata  Passed to its `create`.
 * @return As cc_stt_register().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_llm_register(const cc_llm_vtable *vtable, void *userdata);

/**
 * @brief Removes a chat implementation; see cc_stt_unregister().
 * @param[in] name  Its registry name.
 * @return 0; CC_EINVAL for NULL; CC_ENOTFOUND.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_llm_unregister(const char *name);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_SYS_LLM_H */
