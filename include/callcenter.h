/**
 * @file callcenter.h
 * @brief Umbrella header: includes every public header of libcallcenter.
 */
#ifndef CALLCENTER_H
#define CALLCENTER_H

#include "callcenter/common.h"
#include "callcenter/version.h"
#include "callcenter/errors.h"
#include "callcenter/buffer.h"
#include "callcenter/log.h"
#include "callcenter/global.h"
#include "callcenter/audio.h"
#include "callcenter/text.h"
#include "callcenter/engine.h"
#include "callcenter/routing.h"
#include "callcenter/rules.h"
#include "callcenter/session.h"
#include "callcenter/store.h"
#include "callcenter/crm.h"
#include "callcenter/sys/store_backend.h"
#include "callcenter/provider.h"
#include "callcenter/voice.h"

#endif /* CALLCENTER_H */
