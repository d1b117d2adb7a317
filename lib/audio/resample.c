/* Sample-rate conversion through the speexdsp resampler. */
#include <string.h>

#include "cc_config.h"
#include "audio_int.h"

#if CC_HAVE_SPEEXDSP
#include <speex/speex_resampler.h>

struct cc_resampler {
	SpeexResamplerState *st;
	uint32_t channels, in_rate, out_rate;
};

int cc_resampler_new(cc_resampler **out, uint32_t channels, uint32_t in_rate,
		     uint32_t out_rate, int quality)
{
	cc_resampler *r;
	int err = 0;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	if (!cc_audio__valid_format(in_rate, channels) ||
	    !cc_audio__valid_format(out_rate, channels))
		return cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO,
				 "%s: unsupported conversion %u -> %u Hz x %u",
				 __func__, (unsigned)in_rate,
				 (unsigned)out_rate, (unsigned)channels);
	CC__CHECK_ARG(quality >= 0 && quality <= 10, "quality");
	if (!(r = cc__calloc(1, sizeof(*r))))
		return cc__error_nomem();
	r->st = speex_resampler_init(channels, in_rate, out_rate, quality, &err);
	if (!r->st) {
		cc__free(r);
		return err == RESAMPLER_ERR_ALLOC_FAILED
			       ? cc__error_nomem()
			       : cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO,
					   "resampler: %s",
					   speex_resampler_strerror(err));
	}
	r->channels = channels;
	r->in_rate = in_rate;
	r->out_rate = out_rate;
	*out = r;
	return 0;
}

int cc_resampler_process(cc_resampler *r, const int16_t *samples,
			 size_t samples_per_channel, cc_audio_frame *out)
{
	size_t done = 0;
	int rc;

	CC__CHECK_NOTNULL(r);
	CC__CHECK_NOTNULL(out);
	CC__CHECK_ARG(samples || samples_per_channel == 0, "samples");
	if ((rc = cc_audio_frame_append(out, NULL, 0, r->out_rate,
					r->channels)))
		return rc;
	while (done < samples_per_channel) {
		/* Bounded chunks keep the spx_uint32_t counts in range. */
		size_t chunk = samples_per_channel - done;
		spx_uint32_t in_len, out_len;
		size_t room;

		if (chunk > 65536)
			chunk = 65536;
		room = (size_t)((uint64_t)chunk * r->out_rate / r->in_rate) + 64;
		if ((rc = cc_audio__frame_reserve(out, room)))
			return rc;
		in_len = (spx_uint32_t)chunk;
		out_len = (spx_uint32_t)room;
		speex_resampler_process_interleaved_int(
			r->st, samples + done * r->channels, &in_len,
			out->data + out->samples_per_channel * r->channels,
			&out_len);
		out->samples_per_channel += out_len;
		done += in_len;
		if (in_len == 0 && out_len == 0)
			break; /* cannot happen with room > 0; never spin */
	}
	return 0;
}

void cc_audio__resampler_skip_zeros(cc_resampler *r)
{
	speex_resampler_skip_zeros(r->st);
}

size_t cc_resampler_latency(const cc_resampler *r)
{
	if (!r)
		return 0;
	return (size_t)speex_resampler_get_output_latency(r->st);
}

void cc_resampler_free(cc_resampler *r)
{
	if (!r)
		return;
	speex_resampler_destroy(r->st);
	cc__free(r);
}

int cc_audio__resample_all(cc_resampler *r, const cc_audio_frame *in,
			   cc_audio_frame *out)
{
	size_t start = out->samples_per_channel, want, lat;
	int16_t zeros[256 * CC_AUDIO_MAX_CHANNELS];
	int rc;

	/* The filter's leading delay is dropped by skip_zeros; its tail is
	 * pushed out with silence so the last input samples are heard. */
	speex_resampler_skip_zeros(r->st);
	if ((rc = cc_resampler_process(r, in->data, in->samples_per_channel,
				       out)))
		return rc;
	memset(zeros, 0, sizeof(zeros));
	want = start + (size_t)(((uint64_t)in->samples_per_channel *
				 r->out_rate + r->in_rate / 2) /
				r->in_rate);
	lat = 2 * (size_t)speex_resampler_get_input_latency(r->st) + 16;
	while (out->samples_per_channel < want && lat > 0) {
		size_t n = lat < 256 ? lat : 256;
		if ((rc = cc_resampler_process(r, zeros, n, out)))
			return rc;
		lat -= n;
	}
	if (out->samples_per_channel > want)
		out->samples_per_channel = want;
	return 0;
}

#else /* !CC_HAVE_SPEEXDSP */

int cc_resampler_new(cc_resampler **out, uint32_t channels, uint32_t in_rate,
		     uint32_t out_rate, int quality)
{
	(void)channels, (void)in_rate, (void)out_rate, (void)quality;
	if (out)
		*out = NULL;
	return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_AUDIO,
			 "built without speexdsp: no resampling");
}

int cc_resampler_process(cc_resampler *r, const int16_t *samples,
			 size_t samples_per_channel, cc_audio_frame *out)
{
	(void)r, (void)samples, (void)samples_per_channel, (void)out;
	return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_AUDIO,
			 "built without speexdsp: no resampling");
}

size_t cc_resampler_latency(const cc_resampler *r)
{
	(void)r;
	return 0;
}

void cc_audio__resampler_skip_zeros(cc_resampler *r)
{
	(void)r;
}

void cc_resampler_free(cc_resampler *r)
{
	(void)r;
}

int cc_audio__resample_all(cc_resampler *r, const cc_audio_frame *in,
			   cc_audio_frame *out)
{
	(void)r, (void)in, (void)out;
	return CC_EUNSUPPORTED;
}
#endif

/* ---- streaming conversion to mono at one rate (internal) ---------------- */

void cc_audio__conv_init(cc_audio__conv *c, uint32_t out_rate)
{
	memset(c, 0, sizeof(*c));
	c->out_rate = out_rate;
}

int cc_audio__conv_finish(cc_audio__conv *c, cc_audio_frame *out)
{
	int rc = 0;

	if (c->r) {
		uint64_t want = (c->in_total * c->out_rate + c->in_rate / 2) /
				c->in_rate;
		size_t lat = 2 * cc_resampler_latency(c->r) * c->in_rate /
				     c->out_rate + 16;
		int16_t zeros[256] = { 0 };
		size_t before = out->samples_per_channel;

		while (c->out_total < want && lat > 0 && rc == 0) {
			size_t n = lat < 256 ? lat : 256;
			rc = cc_resampler_process(c->r, zeros, n, out);
			c->out_total += out->samples_per_channel - before;
			before = out->samples_per_channel;
			lat -= n;
		}
		if (c->out_total > want)
			out->samples_per_channel -= (size_t)(c->out_total - want);
		cc_resampler_free(c->r);
		c->r = NULL;
	}
	c->in_total = c->out_total = 0;
	return rc;
}

int cc_audio__conv_push(cc_audio__conv *c, const int16_t *samples,
			size_t samples_per_channel, uint32_t rate,
			uint32_t channels, cc_audio_frame *out)
{
	const int16_t *mono = samples;
	size_t i, before;
	int rc;

	if (!cc_audio__valid_format(rate, channels))
		return cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO,
				 "audio of %u Hz x %u channels is out of range",
				 (unsigned)rate, (unsigned)channels);
	if (channels > 1) {
		c->mono.samples_per_channel = 0;
		if ((rc = cc_audio_frame_append(&c->mono, NULL, 0, rate, 1)) ||
		    (rc = cc_audio__frame_reserve(&c->mono,
						  samples_per_channel)))
			return rc;
		for (i = 0; i < samples_per_channel; i++) {
			int32_t sum = 0;
			for (uint32_t ch = 0; ch < channels; ch++)
				sum += samples[i * channels + ch];
			c->mono.data[i] = (int16_t)(sum / (int32_t)channels);
		}
		mono = c->mono.data;
	}
	if (rate == c->out_rate && !c->r)
		return cc_audio_frame_append(out, mono, samples_per_channel,
					     rate, 1);
	if (c->r && c->in_rate != rate && (rc = cc_audio__conv_finish(c, out)))
		return rc;
	if (rate == c->out_rate)
		return cc_audio_frame_append(out, mono, samples_per_channel,
					     rate, 1);
	if (!c->r) {
		if ((rc = cc_resampler_new(&c->r, 1, rate, c->out_rate, 5)))
			return rc;
		cc_audio__resampler_skip_zeros(c->r);
		c->in_rate = rate;
	}
	before = out->samples_per_channel;
	if ((rc = cc_resampler_process(c->r, mono, samples_per_channel, out)))
		return rc;
	c->in_total += samples_per_channel;
	c->out_total += out->samples_per_channel - before;
	return 0;
}

void cc_audio__conv_dispose(cc_audio__conv *c)
{
	cc_resampler_free(c->r);
	c->r = NULL;
	cc_audio_frame_dispose(&c->mono);
}
