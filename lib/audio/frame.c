/* cc_audio_frame: owned PCM blocks, their size, level and conversion. */
#include <math.h>
#include <string.h>

#include "cc_config.h"
#include "audio_int.h"

int cc_audio__valid_format(uint32_t rate, uint32_t channels)
{
	return rate >= CC_AUDIO_MIN_RATE && rate <= CC_AUDIO_MAX_RATE &&
	       channels >= 1 && channels <= CC_AUDIO_MAX_CHANNELS;
}

int cc_audio__opus_rate(uint32_t rate)
{
	return rate == 8000 || rate == 12000 || rate == 16000 ||
	       rate == 24000 || rate == 48000;
}

int cc_audio__check_frame(const cc_audio_frame *f, const char *what)
{
	if (!f)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: frame is NULL", what);
	if (!cc_audio__valid_format(f->sample_rate, f->channels))
		return cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO,
				 "%s: unsupported format %u Hz x %u channels "
				 "(want %d..%d Hz, 1..%d channels)",
				 what, (unsigned)f->sample_rate,
				 (unsigned)f->channels, CC_AUDIO_MIN_RATE,
				 CC_AUDIO_MAX_RATE, CC_AUDIO_MAX_CHANNELS);
	if (f->samples_per_channel && !f->data)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: frame has samples but no data", what);
	if (f->samples_per_channel > SIZE_MAX / sizeof(int16_t) / f->channels)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_AUDIO,
				 "%s: frame too large", what);
	return 0;
}

void cc_audio_frame_dispose(cc_audio_frame *frame)
{
	if (!frame)
		return;
	if (frame->capacity)
		cc__free(frame->data);
	frame->data = NULL;
	frame->capacity = 0;
	frame->samples_per_channel = 0;
}

int cc_audio__frame_reserve(cc_audio_frame *f, size_t extra)
{
	size_t ch = f->channels, need, cap;
	int16_t *p;

	if (extra > SIZE_MAX / 4 / ch - f->samples_per_channel)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_AUDIO,
				 "audio frame would be too large");
	need = (f->samples_per_channel + extra) * ch;
	if (need <= f->capacity)
		return 0;
	cap = f->capacity ? f->capacity : 1024;
	while (cap < need)
		cap *= 2;
	p = cc__realloc(f->data, cap * sizeof(int16_t));
	if (!p)
		return cc__error_nomem();
	f->data = p;
	f->capacity = cap;
	return 0;
}

int cc_audio_frame_append(cc_audio_frame *frame, const int16_t *samples,
			  size_t samples_per_channel, uint32_t sample_rate,
			  uint32_t channels)
{
	int rc;

	CC__CHECK_NOTNULL(frame);
	CC__CHECK_ARG(samples || samples_per_channel == 0, "samples");
	if (!cc_audio__valid_format(sample_rate, channels))
		return cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO,
				 "%s: unsupported format %u Hz x %u channels",
				 __func__, (unsigned)sample_rate,
				 (unsigned)channels);
	if (frame->capacity == 0 && frame->data)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: frame borrows its data; only library-"
				 "owned frames grow", __func__);
	if (frame->samples_per_channel == 0 && frame->capacity == 0) {
		frame->sample_rate = sample_rate;
		frame->channels = channels;
	} else if (frame->samples_per_channel == 0) {
		/* An emptied owned frame may change format; keep its memory
		 * but express the capacity in samples, which stays valid. */
		frame->sample_rate = sample_rate;
		frame->channels = channels;
	} else if (frame->sample_rate != sample_rate ||
		   frame->channels != channels) {
		return cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO,
				 "%s: frame holds %u Hz x %u, got %u Hz x %u",
				 __func__, (unsigned)frame->sample_rate,
				 (unsigned)frame->channels,
				 (unsigned)sample_rate, (unsigned)channels);
	}
	if ((rc = cc_audio__frame_reserve(frame, samples_per_channel)))
		return rc;
	if (samples_per_channel)
		memcpy(frame->data + frame->samples_per_channel * channels,
		       samples, samples_per_channel * channels * sizeof(int16_t));
	frame->samples_per_channel += samples_per_channel;
	return 0;
}

uint64_t cc_audio_frame_duration_ms(const cc_audio_frame *frame)
{
	if (!frame || frame->sample_rate == 0)
		return 0;
	return (uint64_t)frame->samples_per_channel * 1000 / frame->sample_rate;
}

double cc_audio_frame_level_db(const cc_audio_frame *frame)
{
	size_t i, n;
	double sum = 0.0, rms;

	if (!frame || !frame->data || frame->channels == 0)
		return -100.0;
	n = frame->samples_per_channel * frame->channels;
	if (n == 0)
		return -100.0;
	for (i = 0; i < n; i++)
		sum += (double)frame->data[i] * frame->data[i];
	rms = sqrt(sum / (double)n) / 32768.0;
	if (rms <= 1e-5)
		return -100.0;
	return 20.0 * log10(rms);
}

int cc_audio_convert(const cc_audio_frame *in, uint32_t sample_rate,
		     cc_audio_frame *out)
{
	cc_audio_frame mono = CC_AUDIO_FRAME_INIT;
	cc_resampler *r = NULL;
	size_t i, c, n;
	int rc;

	CC__CHECK_NOTNULL(out);
	CC__CHECK_ARG(in != out, "out");
	if ((rc = cc_audio__check_frame(in, __func__)))
		return rc;
	if (sample_rate < CC_AUDIO_MIN_RATE || sample_rate > CC_AUDIO_MAX_RATE)
		return cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO,
				 "%s: unsupported rate %u Hz", __func__,
				 (unsigned)sample_rate);
	n = in->samples_per_channel;
	if ((rc = cc_audio_frame_append(&mono, NULL, 0, in->sample_rate, 1)) ||
	    (rc = cc_audio__frame_reserve(&mono, n)))
		return rc;
	for (i = 0; i < n; i++) {
		int32_t sum = 0;
		for (c = 0; c < in->channels; c++)
			sum += in->data[i * in->channels + c];
		mono.data[i] = (int16_t)(sum / (int32_t)in->channels);
	}
	mono.samples_per_channel = n;
	if (sample_rate == in->sample_rate) {
		cc_audio_frame_dispose(out);
		*out = mono;
		return 0;
	}
	rc = cc_resampler_new(&r, 1, in->sample_rate, sample_rate, 5);
	if (rc == 0) {
		cc_audio_frame res = CC_AUDIO_FRAME_INIT;
		rc = cc_audio__resample_all(r, &mono, &res);
		if (rc == 0) {
			cc_audio_frame_dispose(out);
			*out = res;
		} else {
			cc_audio_frame_dispose(&res);
		}
	}
	cc_resampler_free(r);
	cc_audio_frame_dispose(&mono);
	return rc;
}
