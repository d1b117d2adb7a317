/* Ogg-Opus files (RFC 7845) in memory: a writer for compact uploads and a
 * reader for providers that answer in Ogg-Opus. */
#include <string.h>

#include "cc_config.h"
#include "audio_int.h"

#if CC_HAVE_OPUS
#include <ogg/ogg.h>
#include <opus.h>

static void put_le16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put_le32(unsigned char *p, uint32_t v)
{
	put_le16(p, v & 0xFFFF);
	put_le16(p + 2, v >> 16);
}

static int write_pages(ogg_stream_state *os, cc_buf *out, int flush)
{
	ogg_page og;
	int rc;

	while (flush ? ogg_stream_flush(os, &og) : ogg_stream_pageout(os, &og)) {
		if ((rc = cc__buf_put(out, og.header, (size_t)og.header_len)) ||
		    (rc = cc__buf_put(out, og.body, (size_t)og.body_len)))
			return rc;
	}
	return 0;
}

static int packet_in(ogg_stream_state *os, unsigned char *data, size_t len,
		     int bos, int eos, ogg_int64_t granule, ogg_int64_t no)
{
	ogg_packet op;

	memset(&op, 0, sizeof(op));
	op.packet = data;
	op.bytes = (long)len;
	op.b_o_s = bos;
	op.e_o_s = eos;
	op.granulepos = granule;
	op.packetno = no;
	if (ogg_stream_packetin(os, &op) != 0)
		return cc__error_nomem();
	return 0;
}

int cc_ogg_opus_encode(const cc_audio_frame *frame,
		       const cc_opus_options *opts, cc_buf *out)
{
	static const cc_opus_options defaults = CC_OPUS_OPTIONS_INIT;
	static const char vendor[] = "libcallcenter";
	cc_opus_options o;
	cc_opus_encoder *enc = NULL;
	ogg_stream_state os;
	unsigned char head[19], tags[8 + 4 + sizeof(vendor) - 1 + 4];
	unsigned char packet[CC_OPUS_MAX_PACKET];
	int16_t *pad = NULL;
	size_t fs, pos = 0, total, scale;
	ogg_int64_t pre_skip, no = 2;
	cc_buf buf = CC_BUF_INIT;
	int rc;

	CC__CHECK_NOTNULL(out);
	if ((rc = cc_audio__check_frame(frame, __func__)))
		return rc;
	o = opts ? *opts : defaults;
	if ((rc = cc_audio__check_opus_options(&o, 0)))
		return rc;
	o.sample_rate = frame->sample_rate;
	o.channels = frame->channels;
	if (!cc_audio__opus_rate(o.sample_rate) || o.channels > 2)
		return cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO,
				 "%s: %u Hz x %u channels is not an Opus "
				 "format; convert it first", __func__,
				 (unsigned)o.sample_rate,
				 (unsigned)o.channels);
	if ((rc = cc_opus_encoder_new(&enc, &o)))
		return rc;
	scale = 48000 / o.sample_rate; /* granules count 48 kHz samples */
	fs = o.sample_rate / 1000 * o.frame_ms;
	pre_skip = (ogg_int64_t)cc_audio__opus_lookahead(enc) * (ogg_int64_t)scale;
	total = frame->samples_per_channel;
	if (ogg_stream_init(&os, 0x43430001) != 0) {
		cc_opus_encoder_free(enc);
		return cc__error_nomem();
	}

	memcpy(head, "OpusHead", 8);
	head[8] = 1;
	head[9] = (unsigned char)o.channels;
	put_le16(head + 10, (unsigned)pre_skip);
	put_le32(head + 12, o.sample_rate);
	put_le16(head + 16, 0);
	head[18] = 0;
	memcpy(tags, "OpusTags", 8);
	put_le32(tags + 8, sizeof(vendor) - 1);
	memcpy(tags + 12, vendor, sizeof(vendor) - 1);
	put_le32(tags + 12 + sizeof(vendor) - 1, 0);

	/* The headers each end a page, as RFC 7845 requires. */
	if ((rc = packet_in(&os, head, sizeof(head), 1, 0, 0, 0)) ||
	    (rc = write_pages(&os, &buf, 1)) ||
	    (rc = packet_in(&os, tags, sizeof(tags), 0, 0, 0, 1)) ||
	    (rc = write_pages(&os, &buf, 1)))
		goto done;
	if (!(pad = cc__calloc(fs * o.channels, sizeof(int16_t)))) {
		rc = cc__error_nomem();
		goto done;
	}
	/* At least one packet, and enough to push the encoder's lookahead
	 * out so the last input samples are in the stream. */
	while (pos < total + (size_t)pre_skip / scale || pos == 0) {
		const int16_t *src;
		size_t left = pos < total ? total - pos : 0;
		ogg_int64_t granule;
		int eos, n;

		if (left >= fs) {
			src = frame->data + pos * o.channels;
		} else {
			memset(pad, 0, fs * o.channels * sizeof(int16_t));
			if (left)
				memcpy(pad, frame->data + pos * o.channels,
				       left * o.channels * sizeof(int16_t));
			src = pad;
		}
		n = cc_opus_encode(enc, src, fs, packet, sizeof(packet));
		if (n < 0) {
			rc = n;
			goto done;
		}
		pos += fs;
		eos = pos >= total + (size_t)pre_skip / scale;
		granule = (ogg_int64_t)(pos * scale);
		if (eos) /* trims the padding: end = pre-skip + input length */
			granule = pre_skip + (ogg_int64_t)(total * scale);
		if ((rc = packet_in(&os, packet, (size_t)n, 0, eos, granule,
				    no++)) ||
		    (rc = write_pages(&os, &buf, eos)))
			goto done;
	}
	cc_buf_dispose(out);
	*out = buf;
	buf.ptr = NULL;
done:
	cc_buf_dispose(&buf);
	cc__free(pad);
	ogg_stream_clear(&os);
	cc_opus_encoder_free(enc);
	return rc;
}

int cc_ogg_opus_decode(const void *data, size_t len, cc_audio_frame *out)
{
	ogg_sync_state oy;
	ogg_stream_state os;
	ogg_page og;
	ogg_packet op;
	OpusDecoder *dec = NULL;
	cc_audio_frame f = CC_AUDIO_FRAME_INIT;
	int16_t pcm[5760 * 2];
	int have_stream = 0, channels = 0, err, rc = 0;
	long packets = 0;
	size_t pre_skip = 0, skipped = 0;
	ogg_int64_t last_granule = -1;
	char *dst;

	CC__CHECK_NOTNULL(data);
	CC__CHECK_NOTNULL(out);
	if (len > 0x7FFFFFFF)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_AUDIO,
				 "Ogg-Opus: input of %zu bytes", len);
	ogg_sync_init(&oy);
	dst = ogg_sync_buffer(&oy, (long)len);
	if (!dst) {
		ogg_sync_clear(&oy);
		return cc__error_nomem();
	}
	memcpy(dst, data, len);
	ogg_sync_wrote(&oy, (long)len);
	while (rc == 0 && ogg_sync_pageout(&oy, &og) == 1) {
		if (!have_stream) {
			ogg_stream_init(&os, ogg_page_serialno(&og));
			have_stream = 1;
		}
		if (ogg_page_serialno(&og) != os.serialno)
			continue; /* other logical streams are ignored */
		ogg_stream_pagein(&os, &og);
		while (rc == 0 && ogg_stream_packetout(&os, &op) == 1) {
			if (packets == 0) {
				const unsigned char *h = op.packet;
				if (op.bytes < 19 || memcmp(h, "OpusHead", 8)) {
					rc = cc__error(CC_EPARSE, CC_ERRCLASS_AUDIO,
						       "Ogg-Opus: no OpusHead");
					break;
				}
				channels = h[9];
				pre_skip = (size_t)(h[10] | h[11] << 8);
				if (h[18] != 0 || channels < 1 || channels > 2) {
					rc = cc__error(CC_EUNSUPPORTED,
						       CC_ERRCLASS_AUDIO,
						       "Ogg-Opus: channel mapping "
						       "%u with %d channels",
						       h[18], channels);
					break;
				}
				dec = opus_decoder_create(48000, channels, &err);
				if (!dec)
					rc = cc__error_nomem();
				else
					rc = cc_audio_frame_append(
						&f, NULL, 0, 48000,
						(uint32_t)channels);
			} else if (packets == 1) {
				if (op.bytes < 8 || memcmp(op.packet, "OpusTags", 8))
					rc = cc__error(CC_EPARSE, CC_ERRCLASS_AUDIO,
						       "Ogg-Opus: no OpusTags");
			} else {
				int n = opus_decode(dec, op.packet,
						    (opus_int32)op.bytes, pcm,
						    5760, 0);
				size_t drop = 0;
				if (n < 0) {
					rc = cc__error(CC_EPARSE, CC_ERRCLASS_AUDIO,
						       "Ogg-Opus: packet %ld: %s",
						       packets, opus_strerror(n));
					break;
				}
				if (skipped < pre_skip) {
					drop = pre_skip - skipped;
					if (drop > (size_t)n)
						drop = (size_t)n;
					skipped += drop;
				}
				rc = cc_audio_frame_append(
					&f, pcm + drop * (size_t)channels,
					(size_t)n - drop, 48000,
					(uint32_t)channels);
				if (op.granulepos >= 0)
					last_granule = op.granulepos;
			}
			packets++;
		}
	}
	if (rc == 0 && packets < 2)
		rc = cc__error(CC_EPARSE, CC_ERRCLASS_AUDIO,
			       "Ogg-Opus: no Opus stream found");
	if (rc == 0 && last_granule >= (ogg_int64_t)pre_skip &&
	    (size_t)(last_granule - (ogg_int64_t)pre_skip) < f.samples_per_channel)
		f.samples_per_channel = (size_t)(last_granule - (ogg_int64_t)pre_skip);
	if (dec)
		opus_decoder_destroy(dec);
	if (have_stream)
		ogg_stream_clear(&os);
	ogg_sync_clear(&oy);
	if (rc) {
		cc_audio_frame_dispose(&f);
		return rc;
	}
	cc_audio_frame_dispose(out);
	*out = f;
	return 0;
}

#else /* !CC_HAVE_OPUS */

int cc_ogg_opus_encode(const cc_audio_frame *frame,
		       const cc_opus_options *opts, cc_buf *out)
{
	(void)frame, (void)opts, (void)out;
	return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_AUDIO,
			 "built without Opus");
}

int cc_ogg_opus_decode(const void *data, size_t len, cc_audio_frame *out)
{
	(void)data, (void)len, (void)out;
	return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_AUDIO,
			 "built without Opus");
}
#endif
