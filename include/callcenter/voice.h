/**
 * @file callcenter/voice.h
 * @brief The voice pipeline: caller audio in, the IVR session in the
 *        middle, synthesized answers out.
 *
 * A ::cc_voice glues a session (`callcenter/session.h`) to an STT, a TTS
 * and optionally an LLM provider (`callcenter/provider.h`):
 *
 * - the host pushes the caller's audio (PCM frames or Opus packets), key
 *   presses and clock ticks;
 * - an energy VAD cuts utterances; each goes to the STT; the transcript
 *   goes to the session; the session's SAY actions go to the TTS, whose
 *   audio comes back to the host (mono, at the host's rate);
 * - caller speech while the system speaks stops playback (barge-in) where
 *   the prompt allows it;
 * - when the session hands the call to a department (ENQUEUE or TRANSFER)
 *   and an LLM is given, the department's persona (reception, sales,
 *   complaints, configurable) answers instead: the caller's CRM context
 *   and the collected fields go into its system prompt and the
 *   conversation history is kept per call;
 * - a provider failure becomes an ERROR event and never silence: a failed
 *   STT or LLM request gets a spoken apology, a failed TTS request is
 *   spoken again by the offline espeak-ng voice.
 *
 * Threads: the pipeline owns one I/O thread that runs every provider
 * request in order.  The host's calls (cc_voice_push_audio() ...) only
 * queue work and return at once.  **Every callback (events and audio)
 * runs on the I/O thread**, one at a time; a callback may call the push
 * functions but must not call cc_voice_free().
 *
 * @defgroup cc_voice Voice pipeline
 * @{
 */
#ifndef CALLCENTER_VOICE_H
#define CALLCENTER_VOICE_H

#include "common.h"
#include "audio.h"
#include "provider.h"
#include "session.h"

CC_BEGIN_DECL

/** What a ::cc_voice_event reports. */
typedef enum cc_voice_event_type {
	CC_VOICE_EVENT_SPEECH_START = 1, /**< The caller started speaking. */
	CC_VOICE_EVENT_SPEECH_END = 2,   /**< An utterance was cut for STT. */
	CC_VOICE_EVENT_PARTIAL = 3,      /**< A partial transcript (`text`). */
	CC_VOICE_EVENT_TRANSCRIPT = 4,   /**< The final transcript (`text`). */
	CC_VOICE_EVENT_ACTION = 5,       /**< A session action (`action`). */
	CC_VOICE_EVENT_REPLY = 6,        /**< The persona's reply (`text`). */
	CC_VOICE_EVENT_BARGE_IN = 7,     /**< Playback stopped: caller spoke. */
	CC_VOICE_EVENT_ERROR = 8,        /**< A provider failed (`error`). */
	CC_VOICE_EVENT_METRICS = 9,      /**< Latencies of a turn. */
	CC_VOICE_EVENT_HANDOFF = 10,     /**< The persona took the call (`text`
					      = department). */
	CC_VOICE_EVENT_ENDED = 11        /**< The session's call ended. */
} cc_voice_event_type;

/** Latencies of one caller turn, from the end of the utterance. */
typedef struct cc_voice_metrics {
	uint32_t stt_us;     /**< Speech recognition. */
	uint32_t session_us; /**< The session's handling of the transcript. */
	uint32_t llm_us;     /**< The persona's reply (0 when none). */
	/** TTS, from the request to its first audio. */
	uint32_t tts_first_us;
	/** From the end of the utterance to the first audio of the answer. */
	uint32_t total_us;
	/** What the pipeline added itself: total minus the provider times. */
	uint32_t pipeline_us;
} cc_voice_metrics;

/** An event of the pipeline; everything in it is valid during the call. */
typedef struct cc_voice_event {
	int type;                 /**< A ::cc_voice_event_type. */
	const char *text;         /**< UTF-8 text, or NULL. */
	const char *language;     /**< "ar"/"en" when known, or NULL. */
	double confidence;        /**< STT confidence, -1 when unknown. */
	const cc_action *action;  /**< For ACTION, else NULL. */
	int error;                /**< For ERROR: the ::cc_error_code. */
	cc_voice_metrics metrics; /**< For METRICS. */
} cc_voice_event;

/**
 * Receives an event; runs on the pipeline's I/O thread.
 * @param event     The event, valid during the call.
 * @param userdata  From ::cc_voice_options.
 */
typedef void cc_voice_event_fn(const cc_voice_event *event, void *userdata);

/**
 * Receives audio to play; runs on the pipeline's I/O thread.
 * @param samples              Mono 16-bit PCM, valid during the call.
 * @param samples_per_channel  Number of samples.
 * @param sample_rate          ::cc_voice_options.sample_rate.
 * @param userdata             From ::cc_voice_options.
 */
typedef void cc_voice_audio_fn(const int16_t *samples,
			       size_t samples_per_channel,
			       uint32_t sample_rate, void *userdata);

/** A department's persona for free-form handling through the LLM. */
typedef struct cc_voice_persona {
	const char *department; /**< Department id ("sales"). */
	const char *prompt_en;  /**< System prompt in English. */
	const char *prompt_ar;  /**< System prompt in Arabic (may be NULL). */
} cc_voice_persona;

/** Current version of ::cc_voice_options. */
#define CC_VOICE_OPTIONS_VERSION 1
/** Initializer for ::cc_voice_options with the defaults. */
#define CC_VOICE_OPTIONS_INIT { CC_VOICE_OPTIONS_VERSION, 16000, NULL, NULL, 0, NULL, 1, 20, NULL, NULL, NULL, NULL, NULL }

/** Options of cc_voice_new(). */
typedef struct cc_voice_options {
	unsigned int version; /**< #CC_VOICE_OPTIONS_VERSION. */
	/** The host's audio rate, in and out (8000..48000). */
	uint32_t sample_rate;
	/** VAD settings (copied), or NULL for #CC_VAD_OPTIONS_INIT. */
	const cc_vad_options *vad;
	/** Personas, or NULL for the built-in reception, sales and
	 *  complaints personas. */
	const cc_voice_persona *personas;
	size_t persona_count; /**< Entries in `personas`. */
	/** What the CRM knows about the caller, put in the persona's system
	 *  prompt (copied); may be NULL. */
	const char *crm_context;
	/** 1: with an LLM, a hand-off to a department with a persona is
	 *  answered by the persona; 0: hand-offs only go to the host. */
	int llm_takes_handoff;
	/** Chat messages kept per call (oldest dropped first), 2..200. */
	unsigned int max_history;
	/** Apology spoken when a provider fails (English), or NULL. */
	const char *fallback_en;
	/** Apology spoken when a provider fails (Arabic), or NULL. */
	const char *fallback_ar;
	cc_voice_event_fn *on_event; /**< Events; may be NULL. */
	cc_voice_audio_fn *on_audio; /**< Audio to play; may be NULL. */
	void *userdata;              /**< Passed to both callbacks. */
} cc_voice_options;

/**
 * @brief Fills @p opts with the defaults of @p version.
 * @param[out] opts     The options to fill.
 * @param[in]  version  #CC_VOICE_OPTIONS_VERSION.
 * @return 0, or CC_EINVAL for NULL or an unknown version.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_voice_options_init(cc_voice_options *opts, unsigned int version);

/**
 * A running voice pipeline for one call.
 *
 * @par Thread safety
 * The push, tick and playback functions may be called from any one host
 * thread at a time (or from a callback); callbacks run on the pipeline's
 * own I/O thread.  While the pipeline lives, the session must not be used
 * by anyone else.
 */
typedef struct cc_voice cc_voice;

/**
 * @brief Starts a pipeline on a session and providers.
 *
 * Starts the session if it was not (its greeting is spoken at once).
 *
 * @param[out] out      The pipeline.
 * @param[in]  session  The call's session; borrowed, must outlive it.
 * @param[in]  stt      Speech recognition; borrowed.
 * @param[in]  tts      Speech synthesis; borrowed.
 * @param[in]  llm      Persona replies, or NULL for none; borrowed.
 * @param[in]  opts     Options, or NULL for defaults.
 * @return 0; CC_EINVAL for NULL, a bad options version or value; CC_ENOMEM;
 *         CC_EIO when the thread cannot start; a session error.
 * @par Ownership
 * The caller frees @p out with cc_voice_free() before the session and
 * providers.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_voice_new(cc_voice **out, cc_session *session, cc_stt *stt,
			    cc_tts *tts, cc_llm *llm,
			    const cc_voice_options *opts);

/** cc_voice_push_audio() result bit: the caller started speaking. */
#define CC_VOICE_SPEECH_STARTED 0x1
/** cc_voice_push_audio() result bit: an utterance ended and was queued. */
#define CC_VOICE_SPEECH_ENDED 0x2
/** cc_voice_push_audio() result bit: stop playback now (barge-in). */
#define CC_VOICE_STOP_PLAYBACK 0x4

/**
 * @brief Pushes caller audio (any rate and channel count).
 *
 * Cheap: the VAD runs here; recognition runs on the I/O thread.  The
 * result tells the host at once when to flush its playback (barge-in)
 * without waiting for the event.
 *
 * @param[in] v      The pipeline.
 * @param[in] frame  The audio.
 * @return A mask of CC_VOICE_SPEECH_STARTED, CC_VOICE_SPEECH_ENDED and
 *         CC_VOICE_STOP_PLAYBACK (>= 0); CC_EINVAL for NULL or an invalid
 *         frame; CC_ESTATE after close; CC_ENOMEM.
 * @par Thread safety
 * One host thread at a time.
 * @since 0.1
 */
CC_EXTERN(int) cc_voice_push_audio(cc_voice *v, const cc_audio_frame *frame);

/**
 * @brief Pushes one Opus packet of caller audio (decoded at 48 kHz mono).
 * @param[in] v       The pipeline.
 * @param[in] packet  The packet, or NULL for a lost one.
 * @param[in] len     Its length.
 * @return As cc_voice_push_audio(); CC_EPARSE for a corrupt packet;
 *         CC_EUNSUPPORTED in a build without Opus.
 * @par Thread safety
 * One host thread at a time.
 * @since 0.1
 */
CC_EXTERN(int) cc_voice_push_opus(cc_voice *v, const uint8_t *packet, size_t len);

/**
 * @brief Pushes key presses (see cc_session_input_dtmf()).
 * @param[in] v       The pipeline.
 * @param[in] digits  Keys from "0123456789*#ABCD".
 * @param[in] len     Their number.
 * @return 0, or the session's error (CC_EINVAL for a bad key, CC_ESTATE
 *         after the call ended).
 * @par Thread safety
 * One host thread at a time.
 * @since 0.1
 */
CC_EXTERN(int) cc_voice_push_dtmf(cc_voice *v, const char *digits, size_t len);

/**
 * @brief Moves the session's clock (see cc_session_tick()).
 * @param[in] v       The pipeline.
 * @param[in] now_ms  Monotonic milliseconds.
 * @return 0, CC_EINVAL or CC_ENOMEM.
 * @par Thread safety
 * One host thread at a time.
 * @since 0.1
 */
CC_EXTERN(int) cc_voice_tick(cc_voice *v, uint64_t now_ms);

/**
 * @brief Tells the pipeline the host finished playing the audio it got.
 *
 * Until then the system counts as speaking (for barge-in); the session's
 * no-input timer starts now.
 *
 * @param[in] v  The pipeline.
 * @return 0 or CC_EINVAL.
 * @par Thread safety
 * One host thread at a time.
 * @since 0.1
 */
CC_EXTERN(int) cc_voice_playback_done(cc_voice *v);

/**
 * @brief Waits until every queued request has been handled.
 *
 * For batch hosts (files, tests); a live host never needs it.
 *
 * @param[in] v           The pipeline.
 * @param[in] timeout_ms  Longest wait.
 * @return 0 when idle, CC_ETIMEOUT, or CC_EINVAL.
 * @par Thread safety
 * Not from a callback.
 * @since 0.1
 */
CC_EXTERN(int) cc_voice_drain(cc_voice *v, uint32_t timeout_ms);

/**
 * @brief The LLM conversation kept for the call, as JSON
 *        `[{"role":"user","content":...}, ...]`.
 * @param[in]  v    The pipeline.
 * @param[out] out  Replaced by the JSON.
 * @return The number of messages (>= 0), CC_EINVAL or CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_voice_history(cc_voice *v, cc_buf *out);

/**
 * @brief Stops the pipeline: cancels the provider request in progress,
 *        drops queued work, joins the I/O thread, frees it.
 * @param[in] v  The pipeline; NULL is ignored.
 * @par Thread safety
 * From a host thread, never from a callback.
 * @since 0.1
 */
CC_EXTERN(void) cc_voice_free(cc_voice *v);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_VOICE_H */
