/**
 * @file callcenter/sys/stt.h
 * @brief The speech-to-text provider vtable, for implementers.
 *
 * A host that has its own recognizer (for example one a LiveKit agent
 * already uses) fills a ::cc_stt_vtable, registers it with
 * cc_stt_register(), and opens it with cc_stt_new() like a built-in one.
 *
 * @defgroup cc_sys_stt STT implementation
 * @{
 */
#ifndef CALLCENTER_SYS_STT_H
#define CALLCENTER_SYS_STT_H

#include "provider.h"

CC_BEGIN_DECL

/** Current version of ::cc_stt_vtable. */
#define CC_STT_VTABLE_VERSION 1

/**
 * Hands a transcript back to the library from ::cc_stt_vtable.recognize.
 *
 * Call it with @p is_final 0 for each partial transcript (if any) and once
 * with @p is_final 1 for the result.  A non-zero return means the request
 * was canceled: stop and return CC_ECANCELED.
 *
 * @param is_final    1 for the final transcript, 0 for a partial one.
 * @param text        UTF-8 text (not NUL-terminated).
 * @param len         Its length in bytes.
 * @param language    Detected language (ISO 639-1), or NULL.
 * @param confidence  0..1, or -1 when unknown.
 * @param userdata    The pointer the library passed to recognize.
 */
typedef int cc_stt_emit_fn(int is_final, const char *text, size_t len,
			   const char *language, double confidence,
			   void *userdata);

/**
 * A speech-to-text implementation.
 *
 * @par Thread safety
 * `create` may run on any thread.  One `recognize` runs at a time per
 * instance, on the thread that called cc_stt_recognize() (the voice
 * pipeline's I/O thread).  `cancel` may run on any thread while
 * `recognize` runs and must be thread-safe.
 */
typedef struct cc_stt_vtable {
	unsigned int version;      /**< #CC_STT_VTABLE_VERSION. */
	const char *name;          /**< Registry name, e.g. "mystt". */
	unsigned int capabilities; /**< CC_STT_CAP_* bits. */
	/**
	 * Makes an instance from the options (which are copied by the
	 * library and stay valid until `destroy`).  Return 0 and set
	 * *state, or a negative ::cc_error_code.
	 */
	int (*create)(void **state, const cc_provider_options *opts,
		      void *userdata);
	/** Frees an instance. */
	void (*destroy)(void *state);
	/**
	 * Transcribes @p audio; reports through @p emit.  @p language is a
	 * hint or NULL.  Returns 0 or a negative ::cc_error_code.
	 */
	int (*recognize)(void *state, const cc_audio_frame *audio,
			 const char *language, cc_stt_emit_fn *emit,
			 void *emit_userdata);
	/** Optional (may be NULL): makes a running recognize return soon. */
	void (*cancel)(void *state);
} cc_stt_vtable;

/**
 * @brief Registers an STT implementation under its name.
 * @param[in] vtable    The implementation; must stay valid until
 *                      unregistered.
 * @param[in] userdata  Passed to its `create`.
 * @return 0; CC_EINVAL for NULL, a vtable version of 0 or above
 *         #CC_STT_VTABLE_VERSION, an empty name or a missing required
 *         method; CC_EEXISTS when the name is taken; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_stt_register(const cc_stt_vtable *vtable, void *userdata);

/**
 * @brief Removes an STT implementation from the registry.
 *
 * Instances already open keep working; the vtable must outlive them.
 *
 * @param[in] name  Its registry name.
 * @return 0; CC_EINVAL for NULL; CC_ENOTFOUND.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_stt_unregister(const char *name);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_SYS_STT_H */
