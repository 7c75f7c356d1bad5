/* SPDX-License-Identifier: MIT */
/* Helpers shared by the libFuzzer targets of tests/fuzz: a property check that aborts,
 * an exactly-sized heap copy of the input (so ASan sees any over-read), and reference
 * versions of "token" and "lookup" written from docs/spec.md §3, independent of the core's
 * character table and name matching. Each target is one small file that includes this. */
#ifndef SM_FUZZ_H
#define SM_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipmethods.h"

/* Aborts with the failed property and its place when cond is false. */
#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "property violated: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A heap copy of data[0..size) with nothing after it, so ASan flags a read past size;
 * for size 0 a zero-byte block (ASan: every byte of it is poisoned). free() it. */
static inline char *fuzz_dup(const uint8_t *data, size_t size)
{
    char *p = malloc(size);
    FUZZ_CHECK(p != NULL || size == 0);
    if (size)
        memcpy(p, data, size);
    return p;
}

/* Takes up to 4 leading bytes (little-endian) off the input as a 32-bit value. */
static inline uint32_t fuzz_take_u32(const uint8_t **data, size_t *size)
{
    uint32_t v = 0;
    size_t i, k = *size < 4 ? *size : 4;
    for (i = 0; i < k; i++)
        v |= (uint32_t)(*data)[i] << (8 * i);
    *data += k;
    *size -= k;
    return v;
}

/* RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
static inline int ref_is_tokenchar(unsigned char c)
{
    static const char other[] = "-.!%*_+`'~";
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c != 0 && memchr(other, c, sizeof other - 1) != NULL);
}

static inline int ref_is_token(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (!ref_is_tokenchar((unsigned char)s[i]))
            return 0;
    }
    return n > 0;
}

static inline unsigned char ref_upper(unsigned char c)
{
    return c >= 'a' && c <= 'z' ? (unsigned char)(c - 'a' + 'A') : c;
}

/* The id docs/spec.md §3 gives s[0..n): a table name (exactly, or ignoring ASCII case), else
 * SM_OTHER for a token, else 0. Walks sm_info_at, not the core's hash table. */
static inline uint32_t ref_lookup(const char *s, size_t n, int ignore_case)
{
    size_t i, j;
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *m = sm_info_at(i);
        if (m->name_len != n)
            continue;
        for (j = 0; j < n; j++) {
            unsigned char a = (unsigned char)s[j], b = (unsigned char)m->name[j];
            if (ignore_case ? ref_upper(a) != b : a != b)
                break;
        }
        if (j == n)
            return m->id;
    }
    return ref_is_token(s, n) ? SM_OTHER : 0;
}

/* 1 if sp lies inside [lo, hi). */
static inline int span_within(sm_span sp, size_t lo, size_t hi)
{
    return sp.off >= lo && sp.off <= hi && sp.len <= hi - sp.off;
}

/* A method span of buf[lo..hi): inside, a token, and id is what sm_lookup says of it. */
static inline void check_method_span(const char *buf, size_t lo, size_t hi, sm_span sp, uint32_t id)
{
    FUZZ_CHECK(span_within(sp, lo, hi));
    FUZZ_CHECK(sm_is_token(buf + sp.off, sp.len));
    FUZZ_CHECK(id == sm_lookup(buf + sp.off, sp.len));
    FUZZ_CHECK(id != 0 && (id == SM_OTHER || sm_name(id) != NULL));
}

#endif
