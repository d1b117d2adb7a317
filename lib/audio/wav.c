/* WAV (RIFF/WAVE) reading and writing for 16-bit PCM. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "audio_int.h"

#define WAVE_FORMAT_PCM 0x0001
#define WAVE_FORMAT_EXTENSIBLE 0xFFFE
/* Anything bigger than this is not a call recording; refuse before
 * allocating. */
#define WAV_MAX_FILE ((size_t)1 << 31)

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint16_t rd16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static void wr32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static void wr16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

int cc_wav_parse(const void *data, size_t len, cc_audio_frame *out)
{
	const unsigned char *p = data, *fmt = NULL, *pcm = NULL;
	size_t off = 12, pcm_len = 0, fmt_len = 0, n, i;
	uint16_t format, channels, bits;
	uint32_t rate;
	cc_audio_frame f = CC_AUDIO_FRAME_INIT;
	int rc;

	CC__CHECK_NOTNULL(data);
	CC__CHECK_NOTNULL(out);
	if (len < 12 || memcmp(p, "RIFF", 4) || memcmp(p + 8, "WAVE", 4))
		return cc__error(CC_EPARSE, CC_ERRCLASS_AUDIO,
				 "WAV: not a RIFF/WAVE file");
	while (off + 8 <= len) {
		uint32_t size = rd32(p + off + 4);
		const unsigned char *body = p + off + 8;
		size_t avail = len - off - 8;

		if (!memcmp(p + off, "fmt ", 4)) {
			if (size > avail)
				break;
			fmt = body;
			fmt_len = size;
		} else if (!memcmp(p + off, "data", 4)) {
			/* Streams written live may leave the size at 0 or
			 * 0xFFFFFFFF; take what is there. */
			pcm = body;
			pcm_len = size > avail || size == 0 ? avail : size;
			break;
		}
		if (size > avail)
			break;
		off += 8 + (size_t)size + (size & 1);
	}
	if (!fmt || fmt_len < 16)
		return cc__error(CC_EPARSE, CC_ERRCLASS_AUDIO,
				 "WAV: missing or short 'fmt ' chunk");
	if (!pcm)
		return cc__error(CC_EPARSE, CC_ERRCLASS_AUDIO,
				 "WAV: missing 'data' chunk");
	format = rd16(fmt);
	channels = rd16(fmt + 2);
	rate = rd32(fmt + 4);
	bits = rd16(fmt + 14);
	if (format == WAVE_FORMAT_EXTENSIBLE && fmt_len >= 26)
		format = rd16(fmt + 24); /* first two bytes of the subtype GUID */
	if (format != WAVE_FORMAT_PCM || bits != 16)
		return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_AUDIO,
				 "WAV: format %u with %u bits per sample; only "
				 "16-bit PCM is read", (unsigned)format,
				 (unsigned)bits);
	if (!cc_audio__valid_format(rate, channels))
		return cc__error(CC_EUNSUPPORTED, CC_ERRCLASS_AUDIO,
				 "WAV: %u Hz x %u channels is out of range",
				 (unsigned)rate, (unsigned)channels);
	n = pcm_len / (2u * channels);
	if ((rc = cc_audio_frame_append(&f, NULL, 0, rate, channels)) ||
	    (rc = cc_audio__frame_reserve(&f, n)))
		return rc;
	for (i = 0; i < n * channels; i++)
		f.data[i] = (int16_t)rd16(pcm + 2 * i);
	f.samples_per_channel = n;
	cc_audio_frame_dispose(out);
	*out = f;
	return 0;
}

int cc_wav_read(const char *path, cc_audio_frame *out)
{
	FILE *fp;
	cc_buf b = CC_BUF_INIT;
	char chunk[65536];
	size_t got;
	int rc = 0;

	CC__CHECK_NOTNULL(path);
	CC__CHECK_NOTNULL(out);
	if (!(fp = fopen(path, "rb")))
		return cc__error_backend(CC_EIO, CC_ERRCLASS_OS, errno, NULL,
					 "WAV: cannot open '%s': %s", path,
					 strerror(errno));
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (b.size + got > WAV_MAX_FILE) {
			rc = cc__error(CC_ETOOBIG, CC_ERRCLASS_AUDIO,
				       "WAV: '%s' is larger than 2 GiB", path);
			break;
		}
		if ((rc = cc__buf_put(&b, chunk, got)))
			break;
	}
	if (rc == 0 && ferror(fp))
		rc = cc__error_backend(CC_EIO, CC_ERRCLASS_OS, errno, NULL,
				       "WAV: cannot read '%s'", path);
	fclose(fp);
	if (rc == 0)
		rc = cc_wav_parse(b.ptr ? b.ptr : "", b.size, out);
	cc_buf_dispose(&b);
	return rc;
}

int cc_wav_encode(const cc_audio_frame *frame, cc_buf *out)
{
	unsigned char h[44];
	uint64_t bytes;
	size_t i, n;
	int rc;

	CC__CHECK_NOTNULL(out);
	if ((rc = cc_audio__check_frame(frame, __func__)))
		return rc;
	n = frame->samples_per_channel * frame->channels;
	bytes = (uint64_t)n * 2;
	if (bytes > 0xFFFFFFFFu - 36)
		return cc__error(CC_ETOOBIG, CC_ERRCLASS_AUDIO,
				 "WAV: audio exceeds the 4 GiB format limit");
	memcpy(h, "RIFF", 4);
	wr32(h + 4, (uint32_t)(36 + bytes));
	memcpy(h + 8, "WAVEfmt ", 8);
	wr32(h + 16, 16);
	wr16(h + 20, WAVE_FORMAT_PCM);
	wr16(h + 22, (uint16_t)frame->channels);
	wr32(h + 24, frame->sample_rate);
	wr32(h + 28, frame->sample_rate * frame->channels * 2);
	wr16(h + 32, (uint16_t)(frame->channels * 2));
	wr16(h + 34, 16);
	memcpy(h + 36, "data", 4);
	wr32(h + 40, (uint32_t)bytes);
	cc__buf_clear(out);
	if ((rc = cc__buf_grow(out, 44 + (size_t)bytes)))
		return rc;
	memcpy(out->ptr, h, 44);
	for (i = 0; i < n; i++)
		wr16((unsigned char *)out->ptr + 44 + 2 * i,
		     (uint16_t)frame->data[i]);
	out->size = 44 + (size_t)bytes;
	out->ptr[out->size] = '\0';
	return 0;
}

int cc_wav_write(const char *path, const cc_audio_frame *frame)
{
	cc_buf b = CC_BUF_INIT;
	FILE *fp;
	int rc;

	CC__CHECK_NOTNULL(path);
	if ((rc = cc_wav_encode(frame, &b)))
		return rc;
	if (!(fp = fopen(path, "wb"))) {
		rc = cc__error_backend(CC_EIO, CC_ERRCLASS_OS, errno, NULL,
				       "WAV: cannot create '%s': %s", path,
				       strerror(errno));
	} else {
		if (fwrite(b.ptr, 1, b.size, fp) != b.size)
			rc = cc__error_backend(CC_EIO, CC_ERRCLASS_OS, errno,
					       NULL, "WAV: cannot write '%s'",
					       path);
		if (fclose(fp) != 0 && rc == 0)
			rc = cc__error_backend(CC_EIO, CC_ERRCLASS_OS, errno,
					       NULL, "WAV: cannot write '%s'",
					       path);
	}
	cc_buf_dispose(&b);
	return rc;
}
