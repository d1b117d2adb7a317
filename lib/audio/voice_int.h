/* Internal declarations of the voice pipeline. */
#ifndef CC_LIB_AUDIO_VOICE_INT_H
#define CC_LIB_AUDIO_VOICE_INT_H

#include "callcenter/voice.h"
#include "util/util.h"

/* The three personas of the original system, used when the options give
 * none. */
const cc_voice_persona *cc_voice__builtin_personas(size_t *count);

#endif
