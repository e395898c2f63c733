/* toa-approval.c — see toa-approval.h. */
#include "config.h"

#include "toa-approval.h"
