/* SPDX-License-Identifier: MIT */
/* The core's token -> method hot path, inline. lookup.c builds sm_lookup from it, and the
 * Python and Lua bindings inline it into their own lookup functions, which saves a call per
 * lookup (bench/README.md). Internal: never installed; the table is lookup.c's.
 *
 * The first byte and the length pick the one name a token can be (a perfect hash of the
 * 14 names into 64 slots); two four-byte and two two-byte windows, read inside [0, n) and
 * packed into a 64-bit head and a 32-bit tail, are compared with that slot's precomputed
 * key. No branch depends on which method it is, so a mixed stream of methods costs no
 * mispredictions. */
#ifndef SM_LOOKUP_INLINE_H
#define SM_LOOKUP_INLINE_H

#include "internal.h"

#define SM_MIN_NAME 3 /* ACK, BYE */
#define SM_MAX_NAME 9 /* SUBSCRIBE */

/* The slot of a name: no two of the 14 names share (first byte, length) or a slot. A slot
 * also fixes the length: 8c + n = 8c' + n' (mod 64) needs n = n' (mod 8), and two lengths
 * in 3..9 that are equal mod 8 are equal. */
#define SM_SLOT(c, n) (((unsigned)(c) * 8u + (unsigned)(n)) & 63u)

/* The key of a token of n bytes, 3 <= n <= 9, read inside [0, n): the head is the four
 * bytes at 0 and the four at n - 4 (every byte of a token of 4..8 bytes; zero for 3 bytes,
 * where four-byte windows would not fit), the tail the two bytes at (n - 2) / 2 (byte 4 of
 * a 9-byte token) and the two at n - 2 (all of a 3-byte token with those at 0). */
#define SM_MID(n) (((n) - 2) >> 1)

typedef struct {
    uint64_t head;
    uint32_t tail;
    uint32_t id; /* 0 in an empty slot */
} sm__slot;

/* The 64 slots (lookup.c), and the zeros a 3-byte token's four-byte windows read. */
SM_INTERNAL extern const sm__slot sm__slots[64];
SM_INTERNAL extern const unsigned char sm__zeros[8];

/* sm_lookup of what sm__lookup_inline does not answer itself: NULL, a length outside 3..9,
 * a string of 3..9 bytes that is no registered name. */
SM_INTERNAL uint32_t sm__lookup_rest(const char *s, size_t n);

/* The two or four bytes at p, first byte lowest (the compiler makes each one load). */
static inline uint32_t sm__two(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static inline uint32_t sm__four(const unsigned char *p)
{
    return sm__two(p) | sm__two(p + 2) << 16;
}

/* a if c, else b, without a branch (a branch on n < 4 would be mispredicted on a stream
 * of methods). The integer is one of the two pointers' own values, so the result is that
 * pointer. */
static inline const unsigned char *sm__pick(int c, const unsigned char *a, const unsigned char *b)
{
    uintptr_t ia = (uintptr_t)a, ib = (uintptr_t)b, all = (uintptr_t)0 - (uintptr_t)(c != 0);
    return (const unsigned char *)(ib ^ ((ia ^ ib) & all));
}

/* 1 if n is the length of some registered name. */
static inline int sm__is_name_length(size_t n)
{
    return n - SM_MIN_NAME <= SM_MAX_NAME - SM_MIN_NAME;
}

/* The slot whose key a string of 3..9 bytes has, or NULL. The slot holds the one name of
 * its length the string can be, and the key every byte of a string of that length. An
 * empty slot's key (zeros, id 0) is matched only by NUL bytes, which are no token. */
static inline const sm__slot *sm__match_slot(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    const unsigned char *wide = sm__pick(n < 4, sm__zeros + 4, u); /* sm__zeros + 4 + n - 4 >= sm__zeros */
    const sm__slot *e = &sm__slots[SM_SLOT(u[0], n)];
    uint64_t head = (uint64_t)sm__four(wide) | (uint64_t)sm__four(wide + n - 4) << 32;
    uint32_t tail = sm__two(u + SM_MID(n)) | sm__two(u + n - 2) << 16;
    return ((head ^ e->head) | (tail ^ e->tail)) == 0 ? e : NULL;
}

/* sm_lookup, inline: the registered id, SM_OTHER for another token, 0 for a non-token. */
static inline uint32_t sm__lookup_inline(const char *s, size_t n)
{
    if (s != NULL && sm__is_name_length(n)) {
        const sm__slot *e = sm__match_slot(s, n);
        if (e != NULL)
            return e->id; /* 0 for NUL bytes in an empty slot: right, they are no token */
    }
    return sm__lookup_rest(s, n);
}

#endif
