/* SPDX-License-Identifier: MIT */
/* Internal declarations shared by the core's sources; never installed. */
#ifndef SM_INTERNAL_H
#define SM_INTERNAL_H

#include "sipmethods.h"

/* Internals are never exported, whichever way the core is built. */
#if defined(__GNUC__) && !defined(_WIN32)
#define SM_INTERNAL __attribute__((visibility("hidden")))
#else
#define SM_INTERNAL
#endif

/* A function off the hot path: never inlined into it, laid out apart. */
#if defined(__GNUC__)
#define SM_COLD __attribute__((noinline, cold))
#else
#define SM_COLD
#endif

#define SM_C_TOKEN  1
#define SM_C_DIGIT  2
#define SM_C_ALPHA  4
#define SM_C_SCHEME 8
#define SM_C_URIC   16
#define SM_C_WSP    32

/* The character-class table of chars.c. */
SM_INTERNAL extern const unsigned char sm__cclass[256];

/* 1 if byte c has every class bit in cls. */
#define SM_IS(c, cls) ((sm__cclass[(unsigned char)(c)] & (cls)) == (cls))

/* Index of the first byte at or after i that is not LWS (SP, HTAB, or a CRLF/LF fold). */
SM_INTERNAL size_t sm__skip_lws(const char *s, size_t n, size_t i);

/* Length of the run of token bytes at s[0..n). */
SM_INTERNAL size_t sm__token_run(const char *s, size_t n);

/* The id of a token already known to be one: registered id or SM_OTHER. */
SM_INTERNAL uint32_t sm__classify_token(const char *s, size_t n);

#endif
