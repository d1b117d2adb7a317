#define _GNU_SOURCE /* memmem */
/* Audio utilities measured on real signals: frames, WAV, resampling, Opus,
 * Ogg-Opus and the energy VAD. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "audio/audio_int.h"
#include "signal.h"

static void make_tone(cc_audio_frame *f, uint32_t rate, double secs,
		      double freq, double amp)
{
	size_t n = (size_t)(rate * secs);
	int16_t *buf = calloc(n, sizeof(int16_t));
	sig_add_tone(buf, n, rate, freq, amp);
	assert_int_equal(cc_audio_frame_append(f, buf, n, rate, 1), 0);
	free(buf);
}

static void test_frame_append_and_errors(void **state)
{
	cc_audio_frame f = CC_AUDIO_FRAME_INIT;
	int16_t s[4] = { 1, 2, 3, 4 };
	(void)state;

	assert_int_equal(cc_audio_frame_append(&f, s, 2, 16000, 2), 0);
	assert_int_equal(cc_audio_frame_append(&f, s, 2, 16000, 2), 0);
	assert_int_equal(f.samples_per_channel, 4);
	assert_int_equal(f.data[7], 4);
	/* A different format is refused and changes nothing. */
	assert_int_equal(cc_audio_frame_append(&f, s, 4, 8000, 1), CC_EINVAL);
	assert_int_equal(f.samples_per_channel, 4);
	assert_int_equal(cc_audio_frame_append(&f, s, 1, 16000, 0), CC_EINVAL);
	assert_int_equal(cc_audio_frame_append(&f, s, 1, 4000, 1), CC_EINVAL);
	assert_int_equal(cc_audio_frame_append(&f, NULL, 1, 16000, 2),
			 CC_EINVAL);
	assert_int_equal(cc_audio_frame_append(NULL, s, 1, 16000, 2),
			 CC_EINVAL);
	assert_int_equal(cc_audio_frame_duration_ms(&f), 0);
	cc_audio_frame_dispose(&f);
	assert_null(f.data);

	/* A borrowed frame never grows (the library would free host memory). */
	cc_audio_frame b = { s, 4, 16000, 1, 0 };
	assert_int_equal(cc_audio_frame_append(&b, s, 1, 16000, 1), CC_EINVAL);
	assert_ptr_equal(b.data, s);
	assert_int_equal(cc_audio_frame_duration_ms(&b), 0);
	cc_audio_frame_dispose(&b); /* forgets, does not free */
	assert_null(b.data);
	cc_audio_frame_dispose(NULL);

	make_tone(&f, 8000, 1.0, 440, 0.5);
	assert_int_equal(cc_audio_frame_duration_ms(&f), 1000);
	/* A sine of amplitude 0.5 has RMS 0.354 = -9.03 dBFS. */
	assert_float_equal(cc_audio_frame_level_db(&f), -9.03, 0.05);
	cc_audio_frame_dispose(&f);
	assert_float_equal(cc_audio_frame_level_db(&f), -100.0, 0.0);
}

static void test_wav_round_trip(void **state)
{
	cc_audio_frame f = CC_AUDIO_FRAME_INIT, g = CC_AUDIO_FRAME_INIT;
	cc_buf wav = CC_BUF_INIT;
	char path[] = "/tmp/cc-test-wav-XXXXXX";
	int fd;
	(void)state;

	int16_t st[6] = { -32768, 32767, 0, -1, 1234, -1234 };
	assert_int_equal(cc_audio_frame_append(&f, st, 3, 22050, 2), 0);
	assert_int_equal(cc_wav_encode(&f, &wav), 0);
	assert_int_equal(wav.size, 44 + 12);
	assert_memory_equal(wav.ptr, "RIFF", 4);
	assert_int_equal(cc_wav_parse(wav.ptr, wav.size, &g), 0);
	assert_int_equal(g.sample_rate, 22050);
	assert_int_equal(g.channels, 2);
	assert_int_equal(g.samples_per_channel, 3);
	assert_memory_equal(g.data, st, sizeof(st));

	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	cc_audio_frame_dispose(&f);
	make_tone(&f, 16000, 0.25, 1000, 0.3);
	assert_int_equal(cc_wav_write(path, &f), 0);
	assert_int_equal(cc_wav_read(path, &g), 0);
	assert_int_equal(g.samples_per_channel, 4000);
	assert_memory_equal(g.data, f.data, 8000);
	unlink(path);
	assert_int_equal(cc_wav_read(path, &g), CC_EIO);
	assert_int_equal(g.samples_per_channel, 4000); /* unchanged */

	/* Malformed and unsupported files give clear errors. */
	assert_int_equal(cc_wav_parse("RIFF", 4, &g), CC_EPARSE);
	assert_int_equal(cc_wav_parse(wav.ptr, 30, &g), CC_EPARSE);
	wav.ptr[34] = 8; /* 8 bits per sample */
	assert_int_equal(cc_wav_parse(wav.ptr, wav.size, &g), CC_EUNSUPPORTED);
	assert_non_null(strstr(cc_error_last()->message, "16-bit"));
	wav.ptr[34] = 16;
	wav.ptr[20] = 3; /* IEEE float */
	assert_int_equal(cc_wav_parse(wav.ptr, wav.size, &g), CC_EUNSUPPORTED);
	assert_int_equal(g.samples_per_channel, 4000);
	assert_int_equal(cc_wav_parse(NULL, 0, &g), CC_EINVAL);
	cc_audio_frame bad = { NULL, 10, 16000, 1, 0 };
	assert_int_equal(cc_wav_encode(&bad, &wav), CC_EINVAL);
	bad.sample_rate = 100;
	assert_int_equal(cc_wav_encode(&bad, &wav), CC_EINVAL);
	cc_buf_dispose(&wav);
	cc_audio_frame_dispose(&f);
	cc_audio_frame_dispose(&g);
}

static void check_resample(uint32_t from, uint32_t to)
{
	cc_audio_frame f = CC_AUDIO_FRAME_INIT, g = CC_AUDIO_FRAME_INIT;
	double freq = 1000.0;

	make_tone(&f, from, 1.0, freq, 0.5);
	assert_int_equal(cc_audio_convert(&f, to, &g), 0);
	assert_int_equal(g.sample_rate, to);
	assert_int_equal(g.channels, 1);
	/* Same duration, exactly. */
	assert_int_equal(g.samples_per_channel, to);
	/* Same pitch (zero crossings over the middle part) ... */
	double hz = sig_zero_cross_hz(g.data + to / 10, to * 8 / 10, to);
	assert_float_equal(hz, freq, 3.0);
	/* ... and the energy stays at that frequency: a 1 kHz sine of 0.5
	 * has Goertzel power 0.125; other bins stay near zero. */
	double p = sig_power_at(g.data + to / 10, to * 8 / 10, to, freq);
	assert_float_equal(p, 0.125, 0.01);
	assert_true(sig_power_at(g.data + to / 10, to * 8 / 10, to, 1700) <
		    1e-4);
	/* And no delay: the converter's lead-in is trimmed. */
	assert_float_equal(cc_audio_frame_level_db(&g), -9.03, 0.3);
	cc_audio_frame_dispose(&f);
	cc_audio_frame_dispose(&g);
}

static void test_resample_rates(void **state)
{
	static const uint32_t rates[] = { 8000, 16000, 24000, 48000 };
	(void)state;
	for (size_t i = 0; i < 4; i++)
		for (size_t j = 0; j < 4; j++)
			if (i != j)
				check_resample(rates[i], rates[j]);
	check_resample(22050, 16000); /* espeak-ng's rate */
}

static void test_resample_streaming_and_stereo(void **state)
{
	cc_resampler *r = NULL;
	cc_audio_frame out = CC_AUDIO_FRAME_INIT, st = CC_AUDIO_FRAME_INIT;
	cc_audio_frame mono = CC_AUDIO_FRAME_INIT;
	int16_t block[160];
	(void)state;

	/* 10 ms blocks of a 8 kHz tone join without clicks at 48 kHz. */
	assert_int_equal(cc_resampler_new(&r, 1, 8000, 48000, 5), 0);
	for (int b = 0; b < 100; b++) {
		for (int i = 0; i < 80; i++)
			block[i] = (int16_t)(16000 *
					     sin(2 * M_PI * 500 * (b * 80 + i) / 8000.0));
		assert_int_equal(cc_resampler_process(r, block, 80, &out), 0);
	}
	assert_true(out.samples_per_channel > 48000 - 2 * cc_resampler_latency(r));
	assert_true(out.samples_per_channel <= 48000);
	double hz = sig_zero_cross_hz(out.data + 4800, 38400, 48000);
	assert_float_equal(hz, 500.0, 2.0);
	/* Wrong-format output frame is refused. */
	assert_int_equal(cc_resampler_process(r, block, 80, &st), 0);
	assert_int_equal(st.sample_rate, 48000);
	cc_audio_frame_dispose(&st);
	assert_int_equal(cc_audio_frame_append(&st, block, 80, 8000, 1), 0);
	assert_int_equal(cc_resampler_process(r, block, 80, &st), CC_EINVAL);
	cc_audio_frame_dispose(&st);
	cc_audio_frame_dispose(&out);
	cc_resampler_free(r);
	cc_resampler_free(NULL);
	assert_int_equal(cc_resampler_new(&r, 0, 8000, 16000, 5), CC_EINVAL);
	assert_int_equal(cc_resampler_new(&r, 1, 8000, 16000, 11), CC_EINVAL);
	assert_int_equal(cc_resampler_new(&r, 1, 1000, 16000, 5), CC_EINVAL);
	assert_null(r);

	/* Stereo downmix: left tone, right silence -> half amplitude. */
	int16_t *lr = calloc(2 * 16000, sizeof(int16_t));
	for (int i = 0; i < 16000; i++)
		lr[2 * i] = (int16_t)(20000 * sin(2 * M_PI * 440 * i / 16000.0));
	assert_int_equal(cc_audio_frame_append(&st, lr, 16000, 16000, 2), 0);
	assert_int_equal(cc_audio_convert(&st, 16000, &mono), 0);
	assert_int_equal(mono.channels, 1);
	assert_float_equal(sig_power_at(mono.data, 16000, 16000, 440),
			   0.5 * (10000.0 / 32768) * (10000.0 / 32768), 0.002);
	assert_int_equal(cc_audio_convert(&st, 16000, &st), CC_EINVAL);
	free(lr);
	cc_audio_frame_dispose(&st);
	cc_audio_frame_dispose(&mono);
}

/* A speech-like test signal: three partials with a syllable envelope. */
static void make_voice(int16_t *x, size_t n, uint32_t rate)
{
	for (size_t i = 0; i < n; i++) {
		double t = (double)i / rate;
		double env = 0.55 + 0.45 * sin(2 * M_PI * 4 * t);
		double v = 0.25 * sin(2 * M_PI * 220 * t) +
			   0.15 * sin(2 * M_PI * 660 * t + 0.3) +
			   0.08 * sin(2 * M_PI * 1500 * t + 1.1);
		x[i] = (int16_t)(32767 * env * v);
	}
}

static void test_opus_round_trip_snr(void **state)
{
	cc_opus_options o = CC_OPUS_OPTIONS_INIT;
	cc_opus_encoder *enc = NULL;
	cc_opus_decoder *dec = NULL;
	uint8_t pkt[CC_OPUS_MAX_PACKET];
	const size_t fs = 960, frames = 100, n = fs * frames;
	int16_t *x = calloc(n, sizeof(int16_t)), *y = calloc(n, sizeof(int16_t));
	size_t lag = 0, bytes = 0;
	(void)state;

	make_voice(x, n, 48000);
	o.bitrate = 48000;
	o.application = CC_OPUS_AUDIO;
	assert_int_equal(cc_opus_encoder_new(&enc, &o), 0);
	assert_int_equal(cc_opus_decoder_new(&dec, 48000, 1), 0);
	for (size_t f = 0; f < frames; f++) {
		int len = cc_opus_encode(enc, x + f * fs, fs, pkt, sizeof(pkt));
		assert_true(len > 0);
		bytes += (size_t)len;
		int got = cc_opus_decode(dec, pkt, (size_t)len, y + f * fs, fs);
		assert_int_equal(got, (int)fs);
	}
	/* The bitrate is what was asked (within 25 %). */
	assert_true(bytes * 8 / 2 > 48000 * 3 / 4 && bytes * 8 / 2 < 48000 * 5 / 4);
	/* Skip the first 100 ms (codec start-up); the decoder lags the input
	 * by the encoder's lookahead. */
	double snr = sig_snr_db(x + 4800, y + 4800, n - 9600, 1000, &lag);
	assert_true(snr > 15.0);
	assert_int_equal(lag, (size_t)cc_audio__opus_lookahead(enc));
	/* The measure is meaningful: a different signal scores badly. */
	int16_t *z = calloc(n, sizeof(int16_t));
	sig_add_tone(z, n, 48000, 300, 0.3);
	assert_true(sig_snr_db(x + 4800, z + 4800, n - 9600, 0, NULL) < 3.0);
	free(z);

	/* Errors: a frame Opus cannot take, a small buffer, a bad packet. */
	assert_int_equal(cc_opus_encode(enc, x, 100, pkt, sizeof(pkt)), CC_EINVAL);
	assert_int_equal(cc_opus_decode(dec, pkt, 3, y, 10), CC_EBUFS);
	uint8_t junk[3] = { 0xff, 0xff, 0xff };
	assert_int_equal(cc_opus_decode(dec, junk, 3, y, fs * 6), CC_EPARSE);
	/* A lost packet is concealed. */
	assert_int_equal(cc_opus_decode(dec, NULL, 0, y, fs), (int)fs);
	cc_opus_encoder_free(enc);
	cc_opus_decoder_free(dec);

	o.sample_rate = 44100;
	assert_int_equal(cc_opus_encoder_new(&enc, &o), CC_EINVAL);
	o = (cc_opus_options)CC_OPUS_OPTIONS_INIT;
	o.version = 99;
	assert_int_equal(cc_opus_encoder_new(&enc, &o), CC_EINVAL);
	o.version = CC_OPUS_OPTIONS_VERSION;
	o.bitrate = 100;
	assert_int_equal(cc_opus_encoder_new(&enc, &o), CC_EINVAL);
	assert_null(enc);
	assert_int_equal(cc_opus_decoder_new(&dec, 22050, 1), CC_EINVAL);
	free(x);
	free(y);
}

static void test_ogg_opus_round_trip(void **state)
{
	cc_audio_frame f = CC_AUDIO_FRAME_INIT, g = CC_AUDIO_FRAME_INIT;
	cc_audio_frame ref = CC_AUDIO_FRAME_INIT;
	cc_opus_options o = CC_OPUS_OPTIONS_INIT;
	cc_buf ogg = CC_BUF_INIT, wav = CC_BUF_INIT;
	size_t lag = 99;
	(void)state;

	int16_t *x = calloc(16000 * 2, sizeof(int16_t));
	make_voice(x, 16000 * 2, 16000);
	assert_int_equal(cc_audio_frame_append(&f, x, 16000 * 2 - 123, 16000, 1), 0);
	free(x);
	o.bitrate = 48000;
	o.application = CC_OPUS_AUDIO;
	assert_int_equal(cc_ogg_opus_encode(&f, &o, &ogg), 0);
	assert_memory_equal(ogg.ptr, "OggS", 4);
	assert_non_null(memmem(ogg.ptr, ogg.size, "OpusHead", 8));
	assert_int_equal(cc_wav_encode(&f, &wav), 0);
	assert_true(ogg.size * 4 < wav.size); /* compact upload */

	assert_int_equal(cc_ogg_opus_decode(ogg.ptr, ogg.size, &g), 0);
	assert_int_equal(g.sample_rate, 48000);
	/* The granule positions restore the exact length. */
	assert_int_equal(g.samples_per_channel, (16000 * 2 - 123) * 3);
	assert_int_equal(cc_audio_convert(&f, 48000, &ref), 0);
	/* Lags -8..+8: the reference went through another resampler. */
	double snr = sig_snr_db(ref.data + 4800, g.data + 4800 - 8,
				ref.samples_per_channel - 9600, 16, &lag);
	assert_true(snr > 12.0);
	/* The pre-skip removed the codec delay (312 samples at 48 kHz). */
	assert_true(lag >= 2 && lag <= 14);

	/* Corrupt data: a clear parse error, output unchanged. */
	assert_int_equal(cc_ogg_opus_decode("OggS junk", 9, &g), CC_EPARSE);
	assert_int_equal(g.samples_per_channel, (16000 * 2 - 123) * 3);
	ogg.ptr[30] ^= 0x55; /* inside OpusHead: page CRC now fails */
	assert_int_equal(cc_ogg_opus_decode(ogg.ptr, ogg.size, &g), CC_EPARSE);
	/* 44.1 kHz is not an Opus rate. */
	cc_audio_frame_dispose(&f);
	make_tone(&f, 44100, 0.1, 440, 0.3);
	assert_int_equal(cc_ogg_opus_encode(&f, &o, &ogg), CC_EINVAL);
	cc_buf_dispose(&ogg);
	cc_buf_dispose(&wav);
	cc_audio_frame_dispose(&f);
	cc_audio_frame_dispose(&g);
	cc_audio_frame_dispose(&ref);
}

/* Runs a signal through the VAD; returns the sample positions of events. */
static size_t run_vad(cc_vad *v, const int16_t *x, size_t n, size_t *pos,
		      int *ev, size_t max)
{
	size_t off = 0, k = 0;
	while (off < n) {
		size_t used;
		int e = cc_vad_process(v, x + off, n - off, &used);
		assert_true(e >= 0);
		off += used;
		if (e != CC_VAD_NONE && k < max) {
			pos[k] = off;
			ev[k++] = e;
		}
	}
	return k;
}

static void test_vad_endpoints(void **state)
{
	const uint32_t rate = 16000;
	const size_t n = rate * 4;
	int16_t *x = calloc(n, sizeof(int16_t));
	unsigned seed = 7;
	cc_vad *v = NULL;
	size_t pos[8];
	int ev[8];
	(void)state;

	/* Line noise at about -66 dBFS, speech 0.5-1.5 s and 2.5-2.9 s. */
	sig_add_noise(x, n, 0.001, &seed);
	sig_add_tone(x + rate / 2, rate, rate, 300, 0.2);
	sig_add_tone(x + rate * 5 / 2, rate * 4 / 10, rate, 300, 0.2);
	assert_int_equal(cc_vad_new(&v, rate, NULL), 0);
	size_t k = run_vad(v, x, n, pos, ev, 8);
	assert_int_equal(k, 4);
	/* Start is reported min_speech_ms (120) after onset, end after
	 * end_silence_ms (700) of quiet; one 20 ms window of slack. */
	assert_int_equal(ev[0], CC_VAD_SPEECH_START);
	assert_true(pos[0] >= rate / 2 + rate * 12 / 100 &&
		    pos[0] <= rate / 2 + rate * 14 / 100);
	assert_int_equal(ev[1], CC_VAD_SPEECH_END);
	assert_true(pos[1] >= rate * 3 / 2 + rate * 70 / 100 &&
		    pos[1] <= rate * 3 / 2 + rate * 72 / 100);
	assert_int_equal(ev[2], CC_VAD_SPEECH_START);
	assert_int_equal(ev[3], CC_VAD_SPEECH_END);
	double level, noise;
	assert_int_equal(cc_vad_levels(v, &level, &noise), 0);
	assert_true(level < -60.0 && noise < -60.0);
	assert_int_equal(cc_vad_is_speech(v), 0);
	cc_vad_free(v);

	/* A short click (40 ms) is not speech. */
	memset(x, 0, n * sizeof(int16_t));
	sig_add_tone(x + rate, rate / 25, rate, 300, 0.5);
	assert_int_equal(cc_vad_new(&v, rate, NULL), 0);
	assert_int_equal(run_vad(v, x, n, pos, ev, 8), 0);
	cc_vad_free(v);

	/* A configured threshold: quiet speech at -40 dBFS is ignored at a
	 * -30 dBFS threshold and found at the default. */
	memset(x, 0, n * sizeof(int16_t));
	sig_add_tone(x + rate, rate, rate, 300, 0.014);
	cc_vad_options o;
	assert_int_equal(cc_vad_options_init(&o, CC_VAD_OPTIONS_VERSION), 0);
	o.threshold_db = -30.0;
	assert_int_equal(cc_vad_new(&v, rate, &o), 0);
	assert_int_equal(run_vad(v, x, n, pos, ev, 8), 0);
	cc_vad_free(v);
	assert_int_equal(cc_vad_new(&v, rate, NULL), 0);
	assert_int_equal(run_vad(v, x, n, pos, ev, 8), 2);
	cc_vad_free(v);

	/* max_speech_ms forces an end inside long speech. */
	memset(x, 0, n * sizeof(int16_t));
	sig_add_tone(x, n, rate, 300, 0.2);
	o = (cc_vad_options)CC_VAD_OPTIONS_INIT;
	o.max_speech_ms = 1000;
	o.noise_margin_db = 0;
	assert_int_equal(cc_vad_new(&v, rate, &o), 0);
	k = run_vad(v, x, n, pos, ev, 8);
	assert_true(k >= 2);
	assert_int_equal(ev[1], CC_VAD_SPEECH_END);
	assert_true(pos[1] >= rate && pos[1] <= rate + rate / 25);
	cc_vad_free(v);

	/* Bad options and arguments. */
	o = (cc_vad_options)CC_VAD_OPTIONS_INIT;
	o.frame_ms = 15;
	assert_int_equal(cc_vad_new(&v, rate, &o), CC_EINVAL);
	o = (cc_vad_options)CC_VAD_OPTIONS_INIT;
	o.version = 0;
	assert_int_equal(cc_vad_new(&v, rate, &o), CC_EINVAL);
	o.version = CC_VAD_OPTIONS_VERSION;
	o.min_speech_ms = 5;
	assert_int_equal(cc_vad_new(&v, rate, &o), CC_EINVAL);
	assert_null(v);
	assert_int_equal(cc_vad_new(&v, 100, NULL), CC_EINVAL);
	size_t used;
	assert_int_equal(cc_vad_process(NULL, x, 1, &used), CC_EINVAL);
	assert_int_equal(cc_vad_options_init(&o, 2), CC_EINVAL);
	free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frame_append_and_errors),
		cmocka_unit_test(test_wav_round_trip),
		cmocka_unit_test(test_resample_rates),
		cmocka_unit_test(test_resample_streaming_and_stereo),
		cmocka_unit_test(test_opus_round_trip_snr),
		cmocka_unit_test(test_ogg_opus_round_trip),
		cmocka_unit_test(test_vad_endpoints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
