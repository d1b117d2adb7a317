/* Opus encoding and decoding over libopus, with checked arguments. */
#include <string.h>

#include "cc_config.h"
#include "audio_int.h"

int cc_opus_options_init(cc_opus_options *opts, unsigned int version)
{
	static const cc_opus_options defaults = CC_OPUS_OPTIONS_INIT;

	CC__CHECK_NOTNULL(opts);
	if (version == 0 || version > CC_OPUS_OPTIONS_VERSION)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: unknown version %u", __func__, version);
	*opts = defaults;
	opts->version = version;
	return 0;
}

#if CC_HAVE_OPUS
#include <opus.h>

struct cc_opus_encoder {
	OpusEncoder *enc;
	uint32_t rate, channels;
};

struct cc_opus_decoder {
	OpusDecoder *dec;
	uint32_t rate, channels;
};

static int opus_error(int err, const char *what)
{
	switch (err) {
	case OPUS_BAD_ARG:
		return cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO, "%s: %s", what,
				 opus_strerror(err));
	case OPUS_BUFFER_TOO_SMALL:
		return cc__error(CC_EBUFS, CC_ERRCLASS_AUDIO, "%s: %s", what,
				 opus_strerror(err));
	case OPUS_INVALID_PACKET:
		return cc__error(CC_EPARSE, CC_ERRCLASS_AUDIO, "%s: %s", what,
				 opus_strerror(err));
	case OPUS_ALLOC_FAIL:
		return cc__error_nomem();
	default:
		return cc__error_backend(CC_EPROVIDER, CC_ERRCLASS_AUDIO, err,
					 NULL, "%s: %s", what,
					 opus_strerror(err));
	}
}

int cc_audio__check_opus_options(const cc_opus_options *o, int need_format)
{
	int rc;

	if ((rc = cc__check_options_version("cc_opus_options",
					    "cc_opus_options", o->version,
					    CC_OPUS_OPTIONS_VERSION)))
		return rc;
	if (need_format && (!cc_audio__opus_rate(o->sample_rate) ||
			    o->channels < 1 || o->channels > 2))
		return cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO,
				 "opus: %u Hz x %u channels is not an Opus "
				 "format (8/12/16/24/48 kHz, 1-2 channels)",
				 (unsigned)o->sample_rate,
				 (unsigned)o->channels);
	if (o->application < CC_OPUS_VOIP || o->application > CC_OPUS_LOWDELAY)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "opus: unknown application %d",
				 o->application);
	if (o->bitrate < 6000 || o->bitrate > 510000)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "opus: bitrate %d out of 6000..510000",
				 o->bitrate);
	if (o->complexity < 0 || o->complexity > 10)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "opus: complexity %d out of 0..10",
				 o->complexity);
	if (o->frame_ms != 10 && o->frame_ms != 20 && o->frame_ms != 40 &&
	    o->frame_ms != 60)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "opus: frame_ms %u is not 10, 20, 40 or 60",
				 o->frame_ms);
	return 0;
}

int cc_opus_encoder_new(cc_opus_encoder **out, const cc_opus_options *opts)
{
	static const cc_opus_options defaults = CC_OPUS_OPTIONS_INIT;
	static const int apps[] = { OPUS_APPLICATION_VOIP,
				    OPUS_APPLICATION_AUDIO,
				    OPUS_APPLICATION_RESTRICTED_LOWDELAY };
	cc_opus_encoder *e;
	int err = 0, rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if ((rc = cc_audio__check_opus_options(opts, 1)))
		return rc;
	if (!(e = cc__calloc(1, sizeof(*e))))
		return cc__error_nomem();
	e->enc = opus_encoder_create((opus_int32)opts->sample_rate,
				     (int)opts->channels,
				     apps[opts->application], &err);
	if (!e->enc) {
		cc__free(e);
		return opus_error(err, "opus encoder");
	}
	opus_encoder_ctl(e->enc, OPUS_SET_BITRATE(opts->bitrate));
	opus_encoder_ctl(e->enc, OPUS_SET_COMPLEXITY(opts->complexity));
	e->rate = opts->sample_rate;
	e->channels = opts->channels;
	*out = e;
	return 0;
}

/* Opus takes 2.5, 5, 10, 20, 40 or 60 ms per frame. */
static int valid_frame(uint32_t rate, size_t n)
{
	static const unsigned mult[] = { 1, 2, 4, 8, 16, 24 };
	size_t i;
	for (i = 0; i < CC__ARRAY_SIZE(mult); i++)
		if ((uint64_t)n * 400 == (uint64_t)rate * mult[i])
			return 1;
	return 0;
}

int cc_opus_encode(cc_opus_encoder *enc, const int16_t *samples,
		   size_t samples_per_channel, uint8_t *packet,
		   size_t capacity)
{
	opus_int32 n;

	CC__CHECK_NOTNULL(enc);
	CC__CHECK_NOTNULL(samples);
	CC__CHECK_NOTNULL(packet);
	if (!valid_frame(enc->rate, samples_per_channel))
		return cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO,
				 "opus encode: %zu samples at %u Hz is not a "
				 "2.5/5/10/20/40/60 ms frame",
				 samples_per_channel, (unsigned)enc->rate);
	if (capacity > 0x7FFFFFFF)
		capacity = 0x7FFFFFFF;
	n = opus_encode(enc->enc, samples, (int)samples_per_channel, packet,
			(opus_int32)capacity);
	if (n < 0)
		return opus_error(n, "opus encode");
	return (int)n;
}

int cc_audio__opus_lookahead(cc_opus_encoder *enc)
{
	opus_int32 la = 0;
	opus_encoder_ctl(enc->enc, OPUS_GET_LOOKAHEAD(&la));
	return (int)la;
}

void cc_opus_encoder_free(cc_opus_encoder *enc)
{
	if (!enc)
		return;
	opus_encoder_destroy(enc->enc);
	cc__free(enc);
}

int cc_opus_decoder_new(cc_opus_decoder **out, uint32_t sample_rate,
			uint32_t channels)
{
	cc_opus_decoder *d;
	int err = 0;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	if (!cc_audio__opus_rate(sample_rate) || channels < 1 || channels > 2)
		return cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO,
				 "opus decoder: %u Hz x %u channels is not an "
				 "Opus format", (unsigned)sample_rate,
				 (unsigned)channels);
	if (!(d = cc__calloc(1, sizeof(*d))))
		return cc__error_nomem();
	d->dec = opus_decoder_create((opus_int32)sample_rate, (int)channels,
				     &err);
	if (!d->dec) {
		cc__free(d);
		return opus_error(err, "opus decoder");
	}
	d->rate = sample_rate;
	d->channels = channels;
	*out = d;
	return 0;
}

int cc_opus_decode(cc_opus_decoder *dec, const uint8_t *packet, size_t len,
		   int16_t *samples, size_t capacity_per_channel)
{
	int n;

	CC__CHECK_NOTNULL(dec);
	CC__CHECK_NOTNULL(samples);
	CC__CHECK_ARG(packet || len == 0, "packet");
	if (len > 0x7FFFFFFF)
		return cc__error(CC_EPARSE, CC_ERRCLASS_AUDIO,
				 "opus decode: packet of %zu bytes", len);
	if (capacity_per_channel > 0x7FFFFFFF)
		capacity_per_channel = 0x7FFFFFFF;
	n = opus_decode(dec->dec, packet, (opus_int32)len, samples,
			(int)capacity_per_channel, 0);
	if (n < 0)
		return opus_error(n, "opus decode");
	return n;
}

void cc_opus_decoder_free(cc_opus_decoder *dec)
{
	if (!dec)
		return;
	opus_decoder_destroy(dec->dec);
	cc__free(dec);
}

#else /* !CC_HAVE_OPUS */

#define NO_OPUS                                                                \
	cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_AUDIO, "built without Opus")

int cc_opus_encoder_new(cc_opus_encoder **out, const cc_opus_options *opts)
{
	(void)opts;
	if (out)
		*out = NULL;
	return NO_OPUS;
}

int cc_opus_encode(cc_opus_encoder *enc, const int16_t *samples,
		   size_t samples_per_channel, uint8_t *packet, size_t capacity)
{
	(void)enc, (void)samples, (void)samples_per_channel, (void)packet,
		(void)capacity;
	return NO_OPUS;
}

void cc_opus_encoder_free(cc_opus_encoder *enc)
{
	(void)enc;
}

int cc_opus_decoder_new(cc_opus_decoder **out, uint32_t sample_rate,
			uint32_t channels)
{
	(void)sample_rate, (void)channels;
	if (out)
		*out = NULL;
	return NO_OPUS;
}

int cc_opus_decode(cc_opus_decoder *dec, const uint8_t *packet, size_t len,
		   int16_t *samples, size_t capacity_per_channel)
{
	(void)dec, (void)packet, (void)len, (void)samples,
		(void)capacity_per_channel;
	return NO_OPUS;
}

void cc_opus_decoder_free(cc_opus_decoder *dec)
{
	(void)dec;
}
#endif
