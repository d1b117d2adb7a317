/* Test signals and measurements shared by the audio and provider tests. */
#ifndef CC_TEST_SIGNAL_H
#define CC_TEST_SIGNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* Adds a sine of @freq Hz and @amp (0..1 of full scale) to out[0..n). */
static inline void sig_add_tone(int16_t *out, size_t n, uint32_t rate,
				double freq, double amp)
{
	for (size_t i = 0; i < n; i++) {
		double v = out[i] + amp * 32767.0 *
					    sin(2.0 * M_PI * freq * (double)i / rate);
		out[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
	}
}

/* Adds uniform noise of peak @amp, from a fixed seed so runs repeat. */
static inline void sig_add_noise(int16_t *out, size_t n, double amp,
				 unsigned *seed)
{
	for (size_t i = 0; i < n; i++) {
		*seed = *seed * 1103515245u + 12345u;
		double r = ((*seed >> 8) & 0xFFFF) / 32768.0 - 1.0;
		double v = out[i] + amp * 32767.0 * r;
		out[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
	}
}

/* Power of @freq in x[0..n) (Goertzel), normalised so a full-scale sine
 * gives about 0.5. */
static inline double sig_power_at(const int16_t *x, size_t n, uint32_t rate,
				  double freq)
{
	double w = 2.0 * M_PI * freq / rate, c = 2.0 * cos(w);
	double s1 = 0, s2 = 0;
	for (size_t i = 0; i < n; i++) {
		double s = x[i] / 32768.0 + c * s1 - s2;
		s2 = s1;
		s1 = s;
	}
	double p = s1 * s1 + s2 * s2 - c * s1 * s2;
	return 2.0 * p / ((double)n * n);
}

/* Mean square of x[0..n), full scale = 1. */
static inline double sig_power(const int16_t *x, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += (x[i] / 32768.0) * (x[i] / 32768.0);
	return n ? s / (double)n : 0.0;
}

/* Best signal-to-noise ratio in dB of @y against reference @x over lags
 * 0..max_lag (y delayed relative to x), over n samples. */
static inline double sig_snr_db(const int16_t *x, const int16_t *y, size_t n,
				size_t max_lag, size_t *best_lag)
{
	double best = -1000.0;
	for (size_t lag = 0; lag <= max_lag; lag++) {
		double sig = 0, err = 0;
		for (size_t i = 0; i + lag < n; i++) {
			double a = x[i], d = (double)y[i + lag] - a;
			sig += a * a;
			err += d * d;
		}
		double snr = err > 0 ? 10.0 * log10(sig / err) : 200.0;
		if (snr > best) {
			best = snr;
			if (best_lag)
				*best_lag = lag;
		}
	}
	return best;
}

/* Dominant frequency by counting rising zero crossings. */
static inline double sig_zero_cross_hz(const int16_t *x, size_t n,
				       uint32_t rate)
{
	size_t crossings = 0;
	for (size_t i = 1; i < n; i++)
		if (x[i - 1] < 0 && x[i] >= 0)
			crossings++;
	return (double)crossings * rate / (double)n;
}

#endif
