/**
 * @file callcenter/sys/tts.h
 * @brief The text-to-speech provider vtable, for implementers.
 *
 * @defgroup cc_sys_tts TTS implementation
 * @{
 */
#ifndef CALLCENTER_SYS_TTS_H
#define CALLCENTER_SYS_TTS_H

#include "provider.h"

CC_BEGIN_DECL

/** Current version of ::cc_tts_vtable. */
#define CC_TTS_VTABLE_VERSION 1

/**
 * A text-to-speech implementation.
 *
 * `synthesize` delivers audio through the ::cc_tts_audio_fn it is given,
 * in as many chunks as suit it, at any rate and channel count it likes
 * (the library converts when the host asked for a rate).  A non-zero
 * return from that callback means the request was canceled: stop and
 * return CC_ECANCELED.
 *
 * @par Thread safety
 * As ::cc_stt_vtable: one `synthesize` at a time per instance; `cancel`
 * from any thread.
 */
typedef struct cc_tts_vtable {
	unsigned int version;      /**< #CC_TTS_VTABLE_VERSION. */
	const char *name;          /**< Registry name. */
	unsigned int capabilities; /**< CC_TTS_CAP_* bits. */
	/** Makes an instance; see ::cc_stt_vtable.create. */
	int (*create)(void **state, const cc_provider_options *opts,
		      void *userdata);
	/** Frees an instance. */
	void (*destroy)(void *state);
	/**
	 * Speaks @p text (valid UTF-8, NUL-terminated) in @p language and
	 * @p voice (either may be NULL for the instance's default).
	 */
	int (*synthesize)(void *state, const char *text, const char *language,
			  const char *voice, cc_tts_audio_fn *emit,
			  void *emit_userdata);
	/** Optional (may be NULL): makes a running synthesize return soon. */
	void (*cancel)(void *state);
} cc_tts_vtable;

/**
 * @brief Registers a TTS implementation; see cc_stt_register().
 * @param[in] vtable    The implementation; must outlive its registration.
 * @param[in] userdata  Passed to its `create`.
 * @return As cc_stt_register().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_tts_register(const cc_tts_vtable *vtable, void *userdata);

/**
 * @brief Removes a TTS implementation; see cc_stt_unregister().
 * @param[in] name  Its registry name.
 * @return 0; CC_EINVAL for NULL; CC_ENOTFOUND.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_tts_unregister(const char *name);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_SYS_TTS_H */
