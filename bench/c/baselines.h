/* SPDX-License-Identifier: MIT */
/* The baselines sm_lookup and sm_classify are measured against (bench/README.md). */
#ifndef SM_BENCH_BASELINES_H
#define SM_BENCH_BASELINES_H
#include <stddef.h>
#include <stdint.h>

/* gperf perfect hash of the 14 names (generated from methods.def): id or 0. */
uint32_t bl_gperf(const char *s, size_t n);
/* bl_gperf with sm_lookup's contract: on a miss, SM_OTHER for a token, 0 for a non-token. */
uint32_t bl_gperf_token(const char *s, size_t n);
/* length + memcmp chain over the 14 names in table order: id or 0. */
uint32_t bl_memcmp_chain(const char *s, size_t n);
/* The same chain with strncmp, as often written in scripts' C glue. */
uint32_t bl_strncmp_chain(const char *s, size_t n);
/* An empty out-of-line function of the same shape: call + loop overhead. */
uint32_t bl_noop(const char *s, size_t n);

/* End of the header block: one memmem(buf, len, "\r\n\r\n", 4); its offset or -1. */
long bl_memmem(const char *buf, size_t len);
/* The same search as a plain byte loop (what a hand-written scanner does). */
long bl_byteloop(const char *buf, size_t len);
/* memchr('\n') line by line to the blank line (the best a line scanner can do). */
long bl_memchr_lines(const char *buf, size_t len);
/* One memchr for a byte that is not there over the first len bytes: the bandwidth ceiling. */
long bl_memchr_absent(const char *buf, size_t len);
#endif
