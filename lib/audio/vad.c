/* Energy-based voice activity detection with an adaptive noise floor. */
#include <math.h>

#include "audio_int.h"

/* How fast the noise floor follows a louder background, per window: fast
 * enough outside speech to adapt to a new line in a second or two, slow
 * inside speech so words do not raise it, yet a steady hum that started a
 * false utterance is eventually absorbed and ends it. */
#define NOISE_RISE_SILENCE 0.02
#define NOISE_RISE_SPEECH 0.004

struct cc_vad {
	cc_vad_options o;
	uint32_t rate;
	size_t window;      /* samples per analysis window */
	size_t filled;      /* samples accumulated in the current window */
	double energy;      /* sum of squares of the current window */
	double level, noise;
	int speech;
	unsigned voiced_ms, quiet_ms, speech_ms;
};

int cc_vad_options_init(cc_vad_options *opts, unsigned int version)
{
	static const cc_vad_options defaults = CC_VAD_OPTIONS_INIT;

	CC__CHECK_NOTNULL(opts);
	if (version == 0 || version > CC_VAD_OPTIONS_VERSION)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: unknown version %u", __func__, version);
	*opts = defaults;
	opts->version = version;
	return 0;
}

int cc_vad_new(cc_vad **out, uint32_t sample_rate, const cc_vad_options *opts)
{
	static const cc_vad_options defaults = CC_VAD_OPTIONS_INIT;
	const cc_vad_options *o = opts ? opts : &defaults;
	cc_vad *v;
	int rc;

	CC__CHECK_NOTNULL(out);
	*out = NULL;
	if ((rc = cc__check_options_version(__func__, "cc_vad_options",
					    o->version, CC_VAD_OPTIONS_VERSION)))
		return rc;
	if (!cc_audio__valid_format(sample_rate, 1))
		return cc__error(CC_EINVAL, CC_ERRCLASS_AUDIO,
				 "%s: unsupported rate %u Hz", __func__,
				 (unsigned)sample_rate);
	if (!(o->threshold_db >= -90.0 && o->threshold_db <= 0.0))
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: threshold_db out of -90..0", __func__);
	if (!(o->noise_margin_db >= 0.0 && o->noise_margin_db <= 60.0))
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: noise_margin_db out of 0..60", __func__);
	if (o->frame_ms != 10 && o->frame_ms != 20 && o->frame_ms != 30)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: frame_ms must be 10, 20 or 30", __func__);
	if (o->min_speech_ms < o->frame_ms || o->end_silence_ms < o->frame_ms)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: min_speech_ms and end_silence_ms must be "
				 "at least frame_ms", __func__);
	if (o->max_speech_ms && o->max_speech_ms < o->min_speech_ms)
		return cc__error(CC_EINVAL, CC_ERRCLASS_ARG,
				 "%s: max_speech_ms below min_speech_ms",
				 __func__);
	if (!(v = cc__calloc(1, sizeof(*v))))
		return cc__error_nomem();
	v->o = *o;
	v->rate = sample_rate;
	v->window = (size_t)sample_rate * o->frame_ms / 1000;
	v->level = -100.0;
	/* Until it has heard the line, the absolute threshold decides. */
	v->noise = o->threshold_db - o->noise_margin_db;
	*out = v;
	return 0;
}

static int evaluate_window(cc_vad *v)
{
	double ms = v->energy / (double)v->window;
	double level = ms > 0.0 ? 10.0 * log10(ms / (32768.0 * 32768.0)) : -100.0;
	int voiced;

	if (level < -100.0)
		level = -100.0;
	v->level = level;
	v->energy = 0.0;
	v->filled = 0;
	voiced = level > v->o.threshold_db &&
		 (v->o.noise_margin_db == 0.0 ||
		  level > v->noise + v->o.noise_margin_db);
	if (v->o.noise_margin_db > 0.0) {
		if (level < v->noise)
			v->noise = 0.5 * (v->noise + level);
		else
			v->noise += (level - v->noise) *
				    (v->speech ? NOISE_RISE_SPEECH
					       : NOISE_RISE_SILENCE);
		if (v->noise < -90.0)
			v->noise = -90.0;
	}
	if (!v->speech) {
		v->voiced_ms = voiced ? v->voiced_ms + v->o.frame_ms : 0;
		if (v->voiced_ms >= v->o.min_speech_ms) {
			v->speech = 1;
			v->speech_ms = v->voiced_ms;
			v->quiet_ms = 0;
			return CC_VAD_SPEECH_START;
		}
		return CC_VAD_NONE;
	}
	v->speech_ms += v->o.frame_ms;
	v->quiet_ms = voiced ? 0 : v->quiet_ms + v->o.frame_ms;
	if (v->quiet_ms >= v->o.end_silence_ms ||
	    (v->o.max_speech_ms && v->speech_ms >= v->o.max_speech_ms)) {
		v->speech = 0;
		v->voiced_ms = 0;
		return CC_VAD_SPEECH_END;
	}
	return CC_VAD_NONE;
}

int cc_vad_process(cc_vad *vad, const int16_t *samples, size_t count,
		   size_t *consumed)
{
	size_t i;

	CC__CHECK_NOTNULL(vad);
	CC__CHECK_NOTNULL(consumed);
	CC__CHECK_ARG(samples || count == 0, "samples");
	*consumed = 0;
	for (i = 0; i < count; i++) {
		double s = samples[i];
		vad->energy += s * s;
		if (++vad->filled == vad->window) {
			int ev = evaluate_window(vad);
			if (ev != CC_VAD_NONE) {
				*consumed = i + 1;
				return ev;
			}
		}
	}
	*consumed = count;
	return CC_VAD_NONE;
}

int cc_vad_is_speech(const cc_vad *vad)
{
	CC__CHECK_NOTNULL(vad);
	return vad->speech;
}

int cc_vad_levels(const cc_vad *vad, double *level, double *noise)
{
	CC__CHECK_NOTNULL(vad);
	if (level)
		*level = vad->level;
	if (noise)
		*noise = vad->noise;
	return 0;
}

void cc_vad_reset(cc_vad *vad)
{
	if (!vad)
		return;
	vad->speech = 0;
	vad->voiced_ms = vad->quiet_ms = vad->speech_ms = 0;
	vad->filled = 0;
	vad->energy = 0.0;
}

void cc_vad_free(cc_vad *vad)
{
	cc__free(vad);
}
