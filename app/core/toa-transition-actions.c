/* toa-transition-actions.c — see toa-transition-actions.h. */
#include "config.h"

#include "toa-transition-actions.h"
