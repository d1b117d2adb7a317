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

/* True for the rates libopus codes natively. */
int cc_audio__opus_rate(uint32_t rate);

/* Validates an options struct for the encoder; @need_format also checks
 * its rate and channels (cc_ogg_opus_encode takes them from the frame). */
int cc_audio__check_opus_options(const cc_opus_options *o, int need_format);

/* The encoder's lookahead in samples at its own rate. */
int cc_audio__opus_lookahead(cc_opus_encoder *enc);

#endif
