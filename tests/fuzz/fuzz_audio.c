/* libFuzzer target: every parser that reads bytes from outside — WAV
 * files, Ogg-Opus streams, Opus packets, and the event streams and error
 * bodies providers receive — must return an error code, never crash. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "audio/audio_int.h"
#include "providers/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count_events(const char *event, const char *d, size_t len,
			void *userdata)
{
	(void)event, (void)d, (void)len;
	++*(int *)userdata;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cc_audio_frame f = CC_AUDIO_FRAME_INIT;
	cc_buf b = CC_BUF_INIT;
	char msg[320];
	int16_t pcm[5760];
	cc_opus_decoder *d = NULL;
	cc__sse sse;
	int n = 0;
	size_t half = size / 2;

	cc_wav_parse(data, size, &f);
	cc_ogg_opus_decode(data, size, &f);
	cc_audio_frame_dispose(&f);
	if (cc_opus_decoder_new(&d, 48000, 1) == 0) {
		cc_opus_decode(d, data, size, pcm, 5760);
		cc_opus_decoder_free(d);
	}
	/* The event stream in two pieces, split anywhere. */
	cc__sse_init(&sse, count_events, &n);
	if (cc__sse_feed(&sse, (const char *)data, half) == 0 &&
	    cc__sse_feed(&sse, (const char *)data + half, size - half) == 0)
		cc__sse_finish(&sse);
	cc__sse_dispose(&sse);
	cc__base64_decode((const char *)data, size, &b);
	cc__buf_clear(&b);
	if (cc__buf_put(&b, data, size) == 0)
		cc__http_error_text(&b, msg, sizeof(msg));
	cc_buf_dispose(&b);
	return 0;
}
