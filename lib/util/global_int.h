/* Process-wide state read by alloc.c and log.c. */
#ifndef CC_LIB_GLOBAL_INT_H
#define CC_LIB_GLOBAL_INT_H

#include "callcenter/global.h"

/* The host's allocator, or NULL for the C allocator. */
const cc_allocator *cc__global_allocator(void);

#endif
