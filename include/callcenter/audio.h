/**
 * @file callcenter/audio.h
 * @brief Audio utilities: PCM frames, WAV, resampling, Opus, Ogg-Opus, VAD.
 *
 * Everything here works on 16-bit signed PCM, interleaved when there is more
 * than one channel, in the machine's byte order (little-endian on the
 * platforms the library supports).  The utilities are independent of each
 * other and of the voice pipeline, so a host that has its own media stack
 * can use only the part it needs (for example the VAD).
 *
 * @defgroup cc_audio Audio utilities
 * @{
 */
#ifndef CALLCENTER_AUDIO_H
#define CALLCENTER_AUDIO_H

#include "common.h"
#include "buffer.h"

CC_BEGIN_DECL

/** Highest channel count any audio function accepts. */
#define CC_AUDIO_MAX_CHANNELS 8
/** Lowest sample rate any audio function accepts, in Hz. */
#define CC_AUDIO_MIN_RATE 8000
/** Highest sample rate any audio function accepts, in Hz. */
#define CC_AUDIO_MAX_RATE 96000

/**
 * A block of 16-bit PCM audio.
 *
 * A frame the host fills for an input is borrowed: set `data`,
 * `samples_per_channel`, `sample_rate` and `channels`, and leave `capacity`
 * at 0.  A frame the library fills (an output) owns its memory: `capacity`
 * is the number of samples allocated and the caller releases it with
 * cc_audio_frame_dispose().  A function that fills a frame appends to what
 * it holds when its documentation says so, and otherwise replaces it.
 *
 * The layout matches the audio frames of common real-time media SDKs
 * (interleaved int16 plus rate, channels and samples per channel), so a
 * binding can pass their memory without copying.
 *
 * @par Thread safety
 * Plain data; one thread at a time.
 */
typedef struct cc_audio_frame {
	/** Interleaved samples; `samples_per_channel * channels` of them. */
	int16_t *data;
	size_t samples_per_channel; /**< Samples in each channel. */
	uint32_t sample_rate;       /**< Samples per second, in Hz. */
	uint32_t channels;          /**< Interleaved channels, 1 = mono. */
	/** Samples allocated by the library, or 0 when `data` is borrowed. */
	size_t capacity;
} cc_audio_frame;

/** Initializer for an empty ::cc_audio_frame. */
#define CC_AUDIO_FRAME_INIT { NULL, 0, 0, 0, 0 }

/**
 * @brief Releases the samples a library-filled frame holds.
 *
 * Borrowed data (capacity 0) is not freed; the frame is emptied either way,
 * keeping its rate and channels.
 *
 * @param[in,out] frame  The frame; NULL is accepted and ignored.
 * @par Thread safety
 * Not for a frame another thread is using.
 * @since 0.1
 */
CC_EXTERN(void) cc_audio_frame_dispose(cc_audio_frame *frame);

/**
 * @brief Appends samples to a library-owned frame, growing it.
 *
 * An empty frame takes @p sample_rate and @p channels; a frame that already
 * holds audio must have the same ones.
 *
 * @param[in,out] frame                The frame to grow (owned or empty).
 * @param[in]     samples              Interleaved samples to append; may be
 *                                     NULL only when @p samples_per_channel
 *                                     is 0.
 * @param[in]     samples_per_channel  Samples in each channel to append.
 * @param[in]     sample_rate          Rate of @p samples, in Hz.
 * @param[in]     channels             Channels of @p samples.
 * @return 0; CC_EINVAL for NULL, a borrowed frame, an unsupported rate or
 *         channel count, or a rate/channel mismatch; CC_ENOMEM; CC_ETOOBIG
 *         when the size overflows.  On failure the frame is unchanged.
 * @par Ownership
 * The samples are copied.
 * @par Thread safety
 * One thread at a time per frame.
 * @since 0.1
 */
CC_EXTERN(int) cc_audio_frame_append(cc_audio_frame *frame,
				     const int16_t *samples,
				     size_t samples_per_channel,
				     uint32_t sample_rate, uint32_t channels);

/**
 * @brief Duration of a frame in milliseconds (rounded down).
 * @param[in] frame  The frame; NULL gives 0.
 * @return The duration, or 0 for NULL or a frame without a rate.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(uint64_t) cc_audio_frame_duration_ms(const cc_audio_frame *frame);

/**
 * @brief Root-mean-square level of a frame in dBFS (0 is full scale).
 * @param[in] frame  The frame.
 * @return The level, -100.0 for silence, an empty frame or NULL.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(double) cc_audio_frame_level_db(const cc_audio_frame *frame);

/**
 * @brief Converts a frame to mono (averaging channels) and to a new rate.
 *
 * The usual preparation for speech recognition (16 kHz mono) or for a
 * transport (48 kHz).  Uses the speexdsp resampler at quality 5.
 *
 * @param[in]  in           The source frame.
 * @param[in]  sample_rate  The rate wanted, CC_AUDIO_MIN_RATE..CC_AUDIO_MAX_RATE.
 * @param[out] out          Replaced by the mono result (an owned frame).
 * @return 0; CC_EINVAL for NULL, an invalid frame or rate, or @p in ==
 *         @p out; CC_ENOMEM; CC_EUNSUPPORTED when the library was built
 *         without speexdsp and the rates differ.
 * @par Ownership
 * The caller releases @p out with cc_audio_frame_dispose().
 * @par Thread safety
 * Safe from any thread on distinct frames.
 * @since 0.1
 */
CC_EXTERN(int) cc_audio_convert(const cc_audio_frame *in, uint32_t sample_rate,
				cc_audio_frame *out);

/* ---- WAV --------------------------------------------------------------- */

/**
 * @brief Reads a WAV file holding 16-bit PCM.
 *
 * Accepts the canonical RIFF/WAVE layout and WAVE_FORMAT_EXTENSIBLE with a
 * PCM subtype, skipping unknown chunks.
 *
 * @param[in]  path  File name.
 * @param[out] out   Replaced by the audio (an owned frame).
 * @return 0; CC_EINVAL for NULL; CC_EIO when the file cannot be read;
 *         CC_EPARSE for a malformed file; CC_EUNSUPPORTED for another
 *         encoding (8/24/32-bit, float, compressed); CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_audio_frame_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_wav_read(const char *path, cc_audio_frame *out);

/**
 * @brief Parses WAV bytes in memory; see cc_wav_read().
 * @param[in]  data  The bytes.
 * @param[in]  len   Their number.
 * @param[out] out   Replaced by the audio (an owned frame).
 * @return 0; CC_EINVAL for NULL; CC_EPARSE for malformed data;
 *         CC_EUNSUPPORTED for an encoding other than 16-bit PCM; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_audio_frame_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_wav_parse(const void *data, size_t len, cc_audio_frame *out);

/**
 * @brief Serializes a frame as a 16-bit PCM WAV file in memory.
 * @param[in]  frame  The audio.
 * @param[out] out    Replaced by the WAV bytes.
 * @return 0; CC_EINVAL for NULL or an invalid frame; CC_ETOOBIG above
 *         4 GiB; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_wav_encode(const cc_audio_frame *frame, cc_buf *out);

/**
 * @brief Writes a frame to a 16-bit PCM WAV file, replacing it.
 * @param[in] path   File name.
 * @param[in] frame  The audio.
 * @return 0; CC_EINVAL for NULL or an invalid frame; CC_EIO when the file
 *         cannot be written; CC_ETOOBIG; CC_ENOMEM.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_wav_write(const char *path, const cc_audio_frame *frame);

/* ---- resampling --------------------------------------------------------- */

/**
 * A streaming sample-rate converter (speexdsp).
 *
 * @par Thread safety
 * One thread at a time per resampler.
 */
typedef struct cc_resampler cc_resampler;

/**
 * @brief Creates a resampler.
 * @param[out] out       The new resampler.
 * @param[in]  channels  Interleaved channels, 1..CC_AUDIO_MAX_CHANNELS.
 * @param[in]  in_rate   Input rate in Hz.
 * @param[in]  out_rate  Output rate in Hz.
 * @param[in]  quality   0 (fastest) .. 10 (best); 5 suits speech.
 * @return 0; CC_EINVAL for NULL or a value out of range; CC_ENOMEM;
 *         CC_EUNSUPPORTED in a build without speexdsp.
 * @par Ownership
 * The caller frees @p out with cc_resampler_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_resampler_new(cc_resampler **out, uint32_t channels,
				uint32_t in_rate, uint32_t out_rate,
				int quality);

/**
 * @brief Converts samples, appending the result to @p out.
 *
 * The converter keeps a short history between calls, so consecutive
 * blocks of one stream join without clicks; its output lags the input by
 * cc_resampler_latency() output samples.
 *
 * @param[in]     r                    The resampler.
 * @param[in]     samples              Interleaved input samples.
 * @param[in]     samples_per_channel  Input samples per channel.
 * @param[in,out] out                  Output frame (owned or empty); the
 *                                     result is appended.
 * @return 0; CC_EINVAL for NULL or a frame with another rate or channel
 *         count; CC_ENOMEM.
 * @par Thread safety
 * One thread at a time per resampler.
 * @since 0.1
 */
CC_EXTERN(int) cc_resampler_process(cc_resampler *r, const int16_t *samples,
				    size_t samples_per_channel,
				    cc_audio_frame *out);

/**
 * @brief The converter's delay, in output samples per channel.
 * @param[in] r  The resampler.
 * @return The delay, or 0 for NULL.
 * @par Thread safety
 * One thread at a time per resampler.
 * @since 0.1
 */
CC_EXTERN(size_t) cc_resampler_latency(const cc_resampler *r);

/**
 * @brief Frees a resampler.
 * @param[in] r  The resampler; NULL is ignored.
 * @par Thread safety
 * Not while another thread uses it.
 * @since 0.1
 */
CC_EXTERN(void) cc_resampler_free(cc_resampler *r);

/* ---- Opus --------------------------------------------------------------- */

/** Largest Opus packet the encoder produces, in bytes. */
#define CC_OPUS_MAX_PACKET 1500

/** What an Opus encoder optimizes for. */
typedef enum cc_opus_application {
	CC_OPUS_VOIP = 0,    /**< Speech intelligibility (the default). */
	CC_OPUS_AUDIO = 1,   /**< Fidelity for music and mixed content. */
	CC_OPUS_LOWDELAY = 2 /**< Lowest algorithmic delay. */
} cc_opus_application;

/** Current version of ::cc_opus_options. */
#define CC_OPUS_OPTIONS_VERSION 1
/** Initializer for ::cc_opus_options: 48 kHz mono VoIP, 20 ms, 24 kbit/s. */
#define CC_OPUS_OPTIONS_INIT { CC_OPUS_OPTIONS_VERSION, 48000, 1, CC_OPUS_VOIP, 24000, 5, 20 }

/** Options of cc_opus_encoder_new() and cc_ogg_opus_encode(). */
typedef struct cc_opus_options {
	unsigned int version;  /**< #CC_OPUS_OPTIONS_VERSION. */
	/** 8000, 12000, 16000, 24000 or 48000 Hz. */
	uint32_t sample_rate;
	uint32_t channels;     /**< 1 or 2. */
	int application;       /**< A ::cc_opus_application. */
	int bitrate;           /**< Bits per second, 6000..510000. */
	int complexity;        /**< 0..10. */
	/** Frame length in ms for cc_ogg_opus_encode(): 10, 20, 40 or 60. */
	unsigned int frame_ms;
} cc_opus_options;

/**
 * @brief Fills @p opts with the defaults of @p version.
 * @param[out] opts     The options to fill.
 * @param[in]  version  #CC_OPUS_OPTIONS_VERSION.
 * @return 0, or CC_EINVAL for NULL or an unknown version.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_opus_options_init(cc_opus_options *opts, unsigned int version);

/**
 * An Opus encoder (libopus).
 *
 * @par Thread safety
 * One thread at a time per encoder.
 */
typedef struct cc_opus_encoder cc_opus_encoder;

/**
 * An Opus decoder (libopus).
 *
 * @par Thread safety
 * One thread at a time per decoder.
 */
typedef struct cc_opus_decoder cc_opus_decoder;

/**
 * @brief Creates an Opus encoder.
 * @param[out] out   The new encoder.
 * @param[in]  opts  Options, or NULL for #CC_OPUS_OPTIONS_INIT.
 * @return 0; CC_EINVAL for NULL, an unknown options version or a value out
 *         of range; CC_ENOMEM; CC_EUNSUPPORTED in a build without Opus.
 * @par Ownership
 * The caller frees @p out with cc_opus_encoder_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_opus_encoder_new(cc_opus_encoder **out,
				   const cc_opus_options *opts);

/**
 * @brief Encodes one frame of audio into one Opus packet.
 *
 * @param[in]  enc                  The encoder.
 * @param[in]  samples              Interleaved samples at the encoder's rate
 *                                  and channel count.
 * @param[in]  samples_per_channel  2.5, 5, 10, 20, 40 or 60 ms of audio.
 * @param[out] packet               Receives the packet.
 * @param[in]  capacity             Size of @p packet; #CC_OPUS_MAX_PACKET
 *                                  always suffices.
 * @return The packet length in bytes (> 0); CC_EINVAL for NULL or a frame
 *         length Opus does not take; CC_EBUFS when @p capacity is too
 *         small; CC_EPROVIDER for another libopus failure.
 * @par Thread safety
 * One thread at a time per encoder.
 * @since 0.1
 */
CC_EXTERN(int) cc_opus_encode(cc_opus_encoder *enc, const int16_t *samples,
			      size_t samples_per_channel, uint8_t *packet,
			      size_t capacity);

/**
 * @brief Frees an encoder.
 * @param[in] enc  The encoder; NULL is ignored.
 * @par Thread safety
 * Not while another thread uses it.
 * @since 0.1
 */
CC_EXTERN(void) cc_opus_encoder_free(cc_opus_encoder *enc);

/**
 * @brief Creates an Opus decoder.
 * @param[out] out          The new decoder.
 * @param[in]  sample_rate  Output rate: 8000, 12000, 16000, 24000 or 48000.
 * @param[in]  channels     Output channels, 1 or 2.
 * @return 0; CC_EINVAL for NULL or a value out of range; CC_ENOMEM;
 *         CC_EUNSUPPORTED in a build without Opus.
 * @par Ownership
 * The caller frees @p out with cc_opus_decoder_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_opus_decoder_new(cc_opus_decoder **out, uint32_t sample_rate,
				   uint32_t channels);

/**
 * @brief Decodes one Opus packet.
 *
 * A NULL @p packet (a lost packet) makes the decoder conceal the gap with
 * @p capacity_per_channel samples, which should then be one frame long.
 *
 * @param[in]  dec                   The decoder.
 * @param[in]  packet                The packet, or NULL for a lost one.
 * @param[in]  len                   Its length in bytes.
 * @param[out] samples               Receives interleaved samples.
 * @param[in]  capacity_per_channel  Room in @p samples per channel; 120 ms
 *                                   (5760 at 48 kHz) always suffices.
 * @return Samples decoded per channel (>= 0); CC_EINVAL for NULL; CC_EBUFS
 *         when @p samples is too small; CC_EPARSE for a corrupt packet.
 * @par Thread safety
 * One thread at a time per decoder.
 * @since 0.1
 */
CC_EXTERN(int) cc_opus_decode(cc_opus_decoder *dec, const uint8_t *packet,
			      size_t len, int16_t *samples,
			      size_t capacity_per_channel);

/**
 * @brief Frees a decoder.
 * @param[in] dec  The decoder; NULL is ignored.
 * @par Thread safety
 * Not while another thread uses it.
 * @since 0.1
 */
CC_EXTERN(void) cc_opus_decoder_free(cc_opus_decoder *dec);

/**
 * @brief Encodes a whole frame as an Ogg-Opus file (RFC 7845) in memory.
 *
 * For compact uploads to speech services that accept `ogg`.  The frame's
 * rate and channels must be ones Opus takes (see ::cc_opus_options); the
 * option's own rate and channels are ignored.  The last Opus frame is
 * padded with silence and the end trimmed by the granule position.
 *
 * @param[in]  frame  The audio.
 * @param[in]  opts   Options (bitrate, application, frame_ms), or NULL.
 * @param[out] out    Replaced by the Ogg bytes.
 * @return 0; CC_EINVAL for NULL, an invalid frame or options; CC_ENOMEM;
 *         CC_EPROVIDER for a libopus failure; CC_EUNSUPPORTED in a build
 *         without Opus.
 * @par Ownership
 * The caller releases @p out with cc_buf_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_ogg_opus_encode(const cc_audio_frame *frame,
				  const cc_opus_options *opts, cc_buf *out);

/**
 * @brief Decodes an Ogg-Opus file in memory to PCM at 48 kHz.
 *
 * Applies the header's pre-skip and trims the end to the last granule
 * position, so an encode/decode round trip keeps the length (after
 * resampling to 48 kHz).
 *
 * @param[in]  data  The Ogg bytes.
 * @param[in]  len   Their number.
 * @param[out] out   Replaced by the audio (48 kHz, the stream's channels).
 * @return 0; CC_EINVAL for NULL; CC_EPARSE for a malformed stream;
 *         CC_EUNSUPPORTED for a multichannel mapping or a build without
 *         Opus; CC_ENOMEM.
 * @par Ownership
 * The caller releases @p out with cc_audio_frame_dispose().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_ogg_opus_decode(const void *data, size_t len,
				  cc_audio_frame *out);

/* ---- voice activity detection ------------------------------------------- */

/** Current version of ::cc_vad_options. */
#define CC_VAD_OPTIONS_VERSION 1
/** Initializer for ::cc_vad_options with the defaults. */
#define CC_VAD_OPTIONS_INIT { CC_VAD_OPTIONS_VERSION, -45.0, 9.0, 20, 120, 700, 30000 }

/**
 * Options of the energy-based voice activity detector.
 *
 * A window is speech when its RMS level is above both `threshold_db` and
 * the running noise floor plus `noise_margin_db`.  Speech starts after
 * `min_speech_ms` of speech windows and ends after `end_silence_ms` of
 * non-speech windows (or when it has lasted `max_speech_ms`).
 */
typedef struct cc_vad_options {
	unsigned int version;     /**< #CC_VAD_OPTIONS_VERSION. */
	double threshold_db;      /**< Absolute floor in dBFS, -90..0. */
	/** Margin above the tracked noise floor in dB, 0 disables tracking. */
	double noise_margin_db;
	unsigned int frame_ms;    /**< Analysis window: 10, 20 or 30 ms. */
	unsigned int min_speech_ms;  /**< Speech needed to start, >= frame_ms. */
	unsigned int end_silence_ms; /**< Silence that ends speech, >= frame_ms. */
	/** Longest utterance before a forced end, 0 for no limit. */
	unsigned int max_speech_ms;
} cc_vad_options;

/**
 * @brief Fills @p opts with the defaults of @p version.
 * @param[out] opts     The options to fill.
 * @param[in]  version  #CC_VAD_OPTIONS_VERSION.
 * @return 0, or CC_EINVAL for NULL or an unknown version.
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_vad_options_init(cc_vad_options *opts, unsigned int version);

/** What cc_vad_process() reports. */
typedef enum cc_vad_event {
	CC_VAD_NONE = 0,        /**< No change. */
	CC_VAD_SPEECH_START = 1, /**< Speech began (min_speech_ms ago). */
	CC_VAD_SPEECH_END = 2   /**< Speech ended (end_silence_ms ago). */
} cc_vad_event;

/**
 * An energy-based voice activity detector over mono 16-bit PCM.
 *
 * @par Thread safety
 * One thread at a time per detector.
 */
typedef struct cc_vad cc_vad;

/**
 * @brief Creates a detector.
 * @param[out] out          The new detector.
 * @param[in]  sample_rate  Rate of the audio it will see, in Hz.
 * @param[in]  opts         Options, or NULL for #CC_VAD_OPTIONS_INIT.
 * @return 0; CC_EINVAL for NULL, an unknown options version or a value out
 *         of range; CC_ENOMEM.
 * @par Ownership
 * The caller frees @p out with cc_vad_free().
 * @par Thread safety
 * Safe from any thread.
 * @since 0.1
 */
CC_EXTERN(int) cc_vad_new(cc_vad **out, uint32_t sample_rate,
			  const cc_vad_options *opts);

/**
 * @brief Feeds mono samples; stops at the first change of state.
 *
 * The detector consumes samples until a speech start or end happens or the
 * input is used up, and stores the number consumed in @p consumed.  Call it
 * again with the rest, so each event is tied to an exact sample position:
 *
 * @code
 * while (n > 0) {
 *     size_t used;
 *     int ev = cc_vad_process(vad, pcm, n, &used);
 *     if (ev < 0) return ev;
 *     if (ev == CC_VAD_SPEECH_END) cut_utterance();
 *     pcm += used; n -= used;
 * }
 * @endcode
 *
 * @param[in]  vad       The detector.
 * @param[in]  samples   Mono samples at the detector's rate.
 * @param[in]  count     Number of samples.
 * @param[out] consumed  Samples used by this call.
 * @return A ::cc_vad_event (>= 0), or CC_EINVAL for NULL.
 * @par Thread safety
 * One thread at a time per detector.
 * @since 0.1
 */
CC_EXTERN(int) cc_vad_process(cc_vad *vad, const int16_t *samples,
			      size_t count, size_t *consumed);

/**
 * @brief Whether the detector is inside speech.
 * @param[in] vad  The detector.
 * @return 1 inside speech, 0 outside, CC_EINVAL for NULL.
 * @par Thread safety
 * One thread at a time per detector.
 * @since 0.1
 */
CC_EXTERN(int) cc_vad_is_speech(const cc_vad *vad);

/**
 * @brief Level of the last analysed window and the noise floor, in dBFS.
 * @param[in]  vad    The detector.
 * @param[out] level  The last window's level; may be NULL.
 * @param[out] noise  The tracked noise floor; may be NULL.
 * @return 0, or CC_EINVAL for a NULL detector.
 * @par Thread safety
 * One thread at a time per detector.
 * @since 0.1
 */
CC_EXTERN(int) cc_vad_levels(const cc_vad *vad, double *level, double *noise);

/**
 * @brief Returns the detector to silence, keeping its noise floor.
 * @param[in] vad  The detector; NULL is ignored.
 * @par Thread safety
 * One thread at a time per detector.
 * @since 0.1
 */
CC_EXTERN(void) cc_vad_reset(cc_vad *vad);

/**
 * @brief Frees a detector.
 * @param[in] vad  The detector; NULL is ignored.
 * @par Thread safety
 * Not while another thread uses it.
 * @since 0.1
 */
CC_EXTERN(void) cc_vad_free(cc_vad *vad);

CC_END_DECL

/** @} */
#endif /* CALLCENTER_AUDIO_H */
