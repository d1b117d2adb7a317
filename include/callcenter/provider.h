/**
 * @file callcenter/provider.h
 * @brief Speech-to-text, text-to-speech and chat (LLM) providers by name.
 *
 * A provider is opened by name from the registry: the built-in ones are
 * `"openai"` (STT, TTS and LLM over any OpenAI-compatible server, which
 * includes whisper.cpp's and llama.cpp's servers), `"elevenlabs"` (TTS) and
 * `"espeak"` (offline TTS in Arabic and English).  A host adds its own with
 * the vtables of `callcenter/sys/stt.h`, `sys/tts.h` and `sys/llm.h`.
 *
 * Every call here blocks until the provider answers, fails or is canceled;
 * streamed results (partial transcripts, audio chunks, tokens) arrive
 * through callbacks on the calling thread while it blocks.  Another thread
 * may cancel a request in progress with cc_stt_cancel(), cc_tts_cancel() or
 * cc_llm_cancel().  The voice pipeline (`callcenter/voice.h`) runs these
 * calls on its own I/O thread.
 *
 * Settings come from ::cc_provider_options and, for what is left NULL,
 * from the environment (see docs/audio.md): for `"openai"`
 * `CC_OPENAI_BASE_URL` (else `OPENAI_BASE_URL`), `CC_OPENAI_API_KEY` (else
 * `OPENAI_API_KEY`), and for `"elevenlabs"` `CC_ELEVENLABS_BASE_URL`,
 * `ELEVENLABS_API_KEY`.  API keys are never logged or put in error messages.
 *
 * @defgroup cc_provider Providers
 * @{
 */
#ifndef CALLCENTER_PROVIDER_H
#define CALLCENTER_PROVIDER_H

#include "common.h"
#include "buffer.h"
#include "audio.h"

CC_BEGIN_DECL

/** Current version of ::cc_provider_options. */
#define CC_PROVIDER_OPTIONS_VERSION 1
/** Initializer for ::cc_provider_options: everything from the defaults. */
#define CC_PROVIDER_OPTIONS_INIT { CC_PROVIDER_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, -1, NULL }

/**
 * Settings of a provider instance.  NULL strings and 0 numbers take the
 * environment or the provider's default.
 */
typedef struct cc_provider_options {
	unsigned int version; /**< #CC_PROVIDER_OPTIONS_VERSION. */
	/** Service root, e.g. `https://api.openai.com/v1`. */
	const char *base_url;
	/** Secret key; never logged.  Prefer the environment. */
	const char *api_key;
	const char *model;    /**< Model name, e.g. `whisper-1`, `tts-1`. */
	const char *voice;    /**< Default voice (TTS). */
	/** Default language, ISO 639-1 (`ar`, `en`); NULL lets STT detect. */
	const char *language;
	/** Output rate wanted from TTS in Hz, 0 for the provider's own. */
	uint32_t sample_rate;
	/** Longest a request may take, in ms; 0 means 30000. */
	unsigned int timeout_ms;
	/** Longest a connection may take to open, in ms; 0 means 5000. */
	unsigned int connect_timeout_ms;
	/** Retries after a 408/409/429/5xx or a timeout; -1 means 2. */
	int max_retries;
	/**
	 * Provider-specific settings as a NULL-terminated list of key, value
	 * strings: {"key1", "value1", "key2", "value2", NULL}.  Unknown keys
	 * are an error (CC_ECONFIG) so a typo is not silently ignored.
	 */
	const char *const *params;
} cc_provider_options;

/**
 * @brief Fills @p opts with the defaults of @p version.
 * @param[out] opts     The options to fill.
 * @param[in]  version  #CC_PROVIDER_OPTIONS_VERSION.
 * @return 0, or CC_EINVAL for NULL or an unknown version.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_provider_options_init(cc_provider_options *opts,
					unsigned int version);

/** Kinds of provider. */
typedef enum cc_provider_kind {
	CC_PROVIDER_STT = 1, /**< Speech to text. */
	CC_PROVIDER_TTS = 2, /**< Text to speech. */
	CC_PROVIDER_LLM = 3  /**< Chat completion. */
} cc_provider_kind;

/**
 * @brief Lists the registered providers of a kind.
 * @param[in]  kind  A ::cc_provider_kind.
 * @param[out] out   Replaced by the names, one per line, in registration
 *                   order.
 * @return The number of providers (>= 0); CC_EINVAL for NULL or an unknown
 *         kind; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_provider_list(int kind, cc_buf *out);

/* ---- speech to text ------------------------------------------------------ */

/** STT capability: partial transcripts arrive while recognizing. */
#define CC_STT_CAP_PARTIALS 0x1u
/** STT capability: honours a language hint. */
#define CC_STT_CAP_LANGUAGE_HINT 0x2u
/** STT capability: detects the language and reports it. */
#define CC_STT_CAP_DETECTS_LANGUAGE 0x4u

/**
 * An open speech-to-text provider.
 *
 * @par Thread safety
 * One request at a time; cc_stt_cancel() may be called from any thread.
 */
typedef struct cc_stt cc_stt;

/** What a recognition found. */
typedef struct cc_stt_result {
	cc_buf text;       /**< The transcript, UTF-8; may be empty. */
	/** Language reported by the provider (ISO 639-1), or "". */
	char language[16];
	double confidence; /**< 0..1, or -1 when the provider gives none. */
} cc_stt_result;

/** Initializer for an empty ::cc_stt_result. */
#define CC_STT_RESULT_INIT { CC_BUF_INIT, "", -1.0 }

/**
 * @brief Releases the text a result holds.
 * @param[in,out] result  The result; NULL is ignored.
 * @par Thread safety
 * One thread at a time per result.
 * @since 0.1
 */
CC_EXTERN(void) cc_stt_result_dispose(cc_stt_result *result);

/**
 * Receives a partial transcript (providers with #CC_STT_CAP_PARTIALS).
 *
 * Runs on the thread that called cc_stt_recognize().  Return 0 to go on,
 * non-zero to cancel the request (it then returns CC_ECANCELED).
 *
 * @param text      The transcript so far, UTF-8, not NUL-terminated.
 * @param len       Its length in bytes.
 * @param userdata  As given to cc_stt_recognize().
 */
typedef int cc_stt_partial_fn(const char *text, size_t len, void *userdata);

/**
 * @brief Opens an STT provider by name.
 * @param[out] out   The provider.
 * @param[in]  name  A registered name, e.g. `"openai"`.
 * @param[in]  opts  Settings, or NULL for defaults and the environment.
 * @return 0; CC_EINVAL for NULL or an unknown options version;
 *         CC_ENOTFOUND for an unregistered name; CC_ECONFIG for a missing
 *         or invalid setting (a bad URL, an unknown param);
 *         CC_EUNSUPPORTED when the build lacks what it needs; CC_ENOMEM;
 *         or the provider's own error.
 * @par Ownership
 * The caller frees @p out with cc_stt_free().  Strings in @p opts are
 * copied.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_stt_new(cc_stt **out, const char *name,
			  const cc_provider_options *opts);

/**
 * @brief Transcribes one utterance.
 * @param[in]  stt         The provider.
 * @param[in]  audio       The utterance (any rate; providers convert).
 * @param[in]  language    ISO 639-1 hint, or NULL for the configured one.
 * @param[in]  on_partial  Called with partial transcripts; may be NULL.
 * @param[in]  userdata    Passed to @p on_partial.
 * @param[out] out         Replaced by the transcript.
 * @return 0; CC_EINVAL for NULL or an invalid frame; CC_EBUSY when a
 *         request is already running on @p stt; CC_ECANCELED; CC_ETIMEOUT;
 *         CC_ENETWORK (connection failed after retries); CC_EPROVIDER (the
 *         service refused or failed; cc_error_last()->backend_code holds the
 *         HTTP status); CC_EPARSE (a malformed answer); CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_stt_result_dispose().
 * @par Thread safety
 * One request at a time per provider.
 * @since 0.1
 */
CC_EXTERN(int) cc_stt_recognize(cc_stt *stt, const cc_audio_frame *audio,
				const char *language,
				cc_stt_partial_fn *on_partial, void *userdata,
				cc_stt_result *out);

/**
 * @brief Cancels the request in progress (or the next one to start).
 * @param[in] stt  The provider; NULL is ignored.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_stt_cancel(cc_stt *stt);

/**
 * @brief The provider's capabilities.
 * @param[in] stt  The provider.
 * @return A mask of CC_STT_CAP_* bits; 0 for NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(unsigned int) cc_stt_capabilities(const cc_stt *stt);

/**
 * @brief The registered name the provider was opened with.
 * @param[in] stt  The provider.
 * @return A string borrowed from the provider; "" for NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_stt_name(const cc_stt *stt);

/**
 * @brief Closes a provider.
 * @param[in] stt  The provider; NULL is ignored.
 * @par Thread safety
 * Not while a request runs on it: cancel and wait first.
 * @since 0.1
 */
CC_EXTERN(void) cc_stt_free(cc_stt *stt);

/* ---- text to speech ------------------------------------------------------ */

/** TTS capability: audio arrives in chunks while it is made. */
#define CC_TTS_CAP_STREAMING 0x1u
/** TTS capability: speaks Arabic. */
#define CC_TTS_CAP_ARABIC 0x2u
/** TTS capability: works without a network. */
#define CC_TTS_CAP_OFFLINE 0x4u

/**
 * An open text-to-speech provider.
 *
 * @par Thread safety
 * One request at a time; cc_tts_cancel() may be called from any thread.
 */
typedef struct cc_tts cc_tts;

/**
 * Receives a chunk of synthesized audio.
 *
 * Runs on the thread that called cc_tts_synthesize().  Return 0 to go on,
 * non-zero to cancel (the request then returns CC_ECANCELED).
 *
 * @param samples              Interleaved 16-bit PCM, valid during the call.
 * @param samples_per_channel  Samples per channel in this chunk.
 * @param sample_rate          Their rate in Hz.
 * @param channels             Their channel count.
 * @param userdata             As given to cc_tts_synthesize().
 */
typedef int cc_tts_audio_fn(const int16_t *samples, size_t samples_per_channel,
			    uint32_t sample_rate, uint32_t channels,
			    void *userdata);

/**
 * @brief Opens a TTS provider by name; see cc_stt_new().
 * @param[out] out   The provider.
 * @param[in]  name  A registered name: `"espeak"`, `"openai"`,
 *                   `"elevenlabs"`, or one a host registered.
 * @param[in]  opts  Settings, or NULL.
 * @return As cc_stt_new().
 * @par Ownership
 * The caller frees @p out with cc_tts_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_tts_new(cc_tts **out, const char *name,
			  const cc_provider_options *opts);

/**
 * @brief Synthesizes text, streaming the audio to @p on_audio.
 *
 * When the options set a `sample_rate`, every chunk comes as mono at that
 * rate; otherwise as the provider makes it.
 *
 * @param[in] tts       The provider.
 * @param[in] text      UTF-8 text to speak.
 * @param[in] language  ISO 639-1 code (`ar`, `en`), or NULL for the
 *                      configured one.
 * @param[in] voice     Voice name, or NULL for the configured one.
 * @param[in] on_audio  Receives the audio.
 * @param[in] userdata  Passed to @p on_audio.
 * @return 0; CC_EINVAL for NULL or empty text; CC_EUTF8 for invalid text;
 *         CC_ETOOBIG for text over 4096 bytes; CC_EBUSY; CC_ECANCELED;
 *         CC_ETIMEOUT; CC_ENETWORK; CC_EPROVIDER; CC_ENOTFOUND for an unknown
 *         voice; CC_ENOMEM.
 * @par Thread safety
 * One request at a time per provider.
 * @since 0.1
 */
CC_EXTERN(int) cc_tts_synthesize(cc_tts *tts, const char *text,
				 const char *language, const char *voice,
				 cc_tts_audio_fn *on_audio, void *userdata);

/**
 * @brief Synthesizes text into one frame; see cc_tts_synthesize().
 * @param[in]  tts       The provider.
 * @param[in]  text      UTF-8 text to speak.
 * @param[in]  language  ISO 639-1 code, or NULL.
 * @param[in]  voice     Voice name, or NULL.
 * @param[out] out       Replaced by the audio (an owned frame).
 * @return As cc_tts_synthesize().
 * @par Ownership
 * The caller releases @p out with cc_audio_frame_dispose().
 * @par Thread safety
 * One request at a time per provider.
 * @since 0.1
 */
CC_EXTERN(int) cc_tts_synthesize_frame(cc_tts *tts, const char *text,
				       const char *language, const char *voice,
				       cc_audio_frame *out);

/**
 * @brief Cancels the request in progress (or the next one to start).
 * @param[in] tts  The provider; NULL is ignored.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_tts_cancel(cc_tts *tts);

/**
 * @brief The provider's capabilities.
 * @param[in] tts  The provider.
 * @return A mask of CC_TTS_CAP_* bits; 0 for NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(unsigned int) cc_tts_capabilities(const cc_tts *tts);

/**
 * @brief The registered name the provider was opened with.
 * @param[in] tts  The provider.
 * @return A string borrowed from the provider; "" for NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_tts_name(const cc_tts *tts);

/**
 * @brief Closes a provider.
 * @param[in] tts  The provider; NULL is ignored.
 * @par Thread safety
 * Not while a request runs on it: cancel and wait first.
 * @since 0.1
 */
CC_EXTERN(void) cc_tts_free(cc_tts *tts);

/* ---- chat (LLM) ----------------------------------------------------------- */

/** LLM capability: tokens arrive as they are generated. */
#define CC_LLM_CAP_STREAMING 0x1u

/** Who said a chat message. */
typedef enum cc_llm_role {
	CC_LLM_SYSTEM = 0,   /**< Instructions (the persona). */
	CC_LLM_USER = 1,     /**< The caller. */
	CC_LLM_ASSISTANT = 2 /**< The agent (earlier replies). */
} cc_llm_role;

/** One message of a conversation. */
typedef struct cc_llm_message {
	int role;            /**< A ::cc_llm_role. */
	const char *content; /**< UTF-8 text. */
} cc_llm_message;

/**
 * An open chat provider.
 *
 * @par Thread safety
 * One request at a time; cc_llm_cancel() may be called from any thread.
 */
typedef struct cc_llm cc_llm;

/**
 * Receives a piece of the reply as it is generated.
 *
 * Runs on the thread that called cc_llm_chat().  Return 0 to go on,
 * non-zero to cancel (the request then returns CC_ECANCELED).
 *
 * @param text      UTF-8 text, not NUL-terminated.
 * @param len       Its length in bytes.
 * @param userdata  As given to cc_llm_chat().
 */
typedef int cc_llm_token_fn(const char *text, size_t len, void *userdata);

/**
 * @brief Opens a chat provider by name; see cc_stt_new().
 * @param[out] out   The provider.
 * @param[in]  name  A registered name, e.g. `"openai"`.
 * @param[in]  opts  Settings, or NULL.
 * @return As cc_stt_new().
 * @par Ownership
 * The caller frees @p out with cc_llm_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_llm_new(cc_llm **out, const char *name,
			  const cc_provider_options *opts);

/**
 * @brief Asks for the next reply of a conversation.
 * @param[in]  llm            The provider.
 * @param[in]  system_prompt  Instructions sent first, or NULL.
 * @param[in]  messages       The conversation, oldest first.
 * @param[in]  count          Number of messages (>= 1).
 * @param[in]  on_token       Receives the reply as it streams; may be NULL.
 * @param[in]  userdata       Passed to @p on_token.
 * @param[out] reply          Replaced by the whole reply.
 * @return 0; CC_EINVAL for NULL, no messages or an unknown role; CC_EUTF8;
 *         CC_EBUSY; CC_ECANCELED; CC_ETIMEOUT; CC_ENETWORK; CC_EPROVIDER;
 *         CC_EPARSE; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p reply with cc_buf_dispose().
 * @par Thread safety
 * One request at a time per provider.
 * @since 0.1
 */
CC_EXTERN(int) cc_llm_chat(cc_llm *llm, const char *system_prompt,
			   const cc_llm_message *messages, size_t count,
			   cc_llm_token_fn *on_token, void *userdata,
			   cc_buf *reply);

/**
 * @brief Cancels the request in progress (or the next one to start).
 * @param[in] llm  The provider; NULL is ignored.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(void) cc_llm_cancel(cc_llm *llm);

/**
 * @brief The provider's capabilities.
 * @param[in] llm  The provider.
 * @return A mask of CC_LLM_CAP_* bits; 0 for NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(unsigned int) cc_llm_capabilities(const cc_llm *llm);

/**
 * @brief The registered name the provider was opened with.
 * @param[in] llm  The provider.
 * @return A string borrowed from the provider; "" for NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(const char *) cc_llm_name(const cc_llm *llm);

/**
 * @brief Closes a provider.
 * @param[in] llm  The provider; NULL is ignored.
 * @par Thread safety
 * Not while a request runs on it: cancel and wait first.
 * @since 0.1
 */
CC_EXTERN(void) cc_llm_free(cc_llm *llm);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_PROVIDER_H */
