/* Internal helpers of the audio module shared by its files. */
#ifndef CC_LIB_AUDIO_INT_H
#define CC_LIB_AUDIO_INT_H

#include "callcenter/audio.h"
#include "util/util.h"

/* Checks a frame given as input: rate, channels, data for a non-empty
 * frame.  Records CC_EINVAL naming @what. */
int cc_audio__check_frame(const cc_audio_frame *f, const char *what);

/* True for a rate/channel pair every audio function accepts. */
int cc_audio__valid_format(uint32_t rate, uint32_t channels);

/* Makes room for @extra more samples per channel in an owned frame. */
int cc_audio__frame_reserve(cc_audio_frame *f, size_t extra);

/* Resamples a whole frame with a fresh resampler: skips the converter's
 * leading delay and flushes its tail, so the output covers the input
 * exactly (length in * out_rate / in_rate, rounded). Appends to @out. */
int cc_audio__resample_all(cc_resampler *r, const cc_audio_frame *in,
			   cc_audio_frame *out);

/* A streaming converter to mono at one rate that keeps the exact length:
 * the resampler's lead-in is skipped and its tail flushed by finish.  The
 * input format may change between pushes (a new resampler is started). */
typedef struct cc_audio__conv {
	cc_resampler *r;
	uint32_t in_rate, out_rate;
	uint64_t in_total, out_total; /* since the current resampler began */
	cc_audio_frame mono;          /* scratch for downmixing */
} cc_audio__conv;

/* Drops the resampler's lead-in from its output (speexdsp skip_zeros). */
void cc_audio__resampler_skip_zeros(cc_resampler *r);

void cc_audio__conv_init(cc_audio__conv *c, uint32_t out_rate);
/* Converts and appends to @out (mono, out_rate). */
int cc_audio__conv_push(cc_audio__conv *c, const int16_t *samples,
			size_t samples_per_channel, uint32_t rate,
			uint32_t channels, cc_audio_frame *out);
/* Flushes the tail of the current stream into @out. */
int cc_audio__conv_finish(cc_audio__conv *c, cc_audio_frame *out);
void cc_audio__conv_dispose(cc_audio__conv *c);

/* True for the rates libopus codes natively. */
int cc_audio__opus_rate(uint32_t rate);

/* Validates an options struct for the encoder; @need_format also checks
 * its rate and channels (cc_ogg_opus_encode takes them from the frame). */
int cc_audio__check_opus_options(const cc_opus_options *o, int need_format);

/* The encoder's lookahead in samples at its own rate. */
int cc_audio__opus_lookahead(cc_opus_encoder *enc);

#endif
