/* SPDX-License-Identifier: MIT */
/* Token -> method: sm_lookup and its relatives. The hot path and the key layout are in
 * lookup_inline.h; this file holds the slot table (generated from methods.def) and the cold
 * paths. */
#include "lookup_inline.h"

size_t sm__token_run(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && SM_IS(s[i], SM_C_TOKEN))
        i++;
    return i;
}

int sm_is_token(const char *s, size_t n)
{
    return n > 0 && s != NULL && sm__token_run(s, n) == n;
}

/* Where a 3-byte token's four-byte windows read: zeros, as its key's head has. */
const unsigned char sm__zeros[8] = {0};

/* The 64 slots; lookup_slots.def is generated from methods.def by scripts/gen_slots.py, and a
 * ctest checks it is current. */
const sm__slot sm__slots[64] = {
#define SM_SLOT_ROW(SLOT, HEAD, TAIL, NAME) [SLOT] = {HEAD, TAIL, SM_##NAME},
#include "lookup_slots.def"
#undef SM_SLOT_ROW
};

/* The registered id of a string of 3..9 bytes, or 0. */
static uint32_t match_windows(const char *s, size_t n)
{
    const sm__slot *e = sm__match_slot(s, n);
    return e != NULL ? e->id : 0;
}

/* What a string of 3..9 bytes that is not a registered name is: SM_OTHER or 0. Bytes 0..2,
 * the three around n / 2 and the last three are all of its bytes, so this needs no loop,
 * whose exit would be mispredicted on a stream of lengths. */
static uint32_t unregistered_windows(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    const unsigned char *c = sm__cclass;
    size_t mid = n / 2;
    return (c[u[0]] & c[u[1]] & c[u[2]] & c[u[mid - 1]] & c[u[mid]] & c[u[mid + 1]] & c[u[n - 3]] &
            c[u[n - 2]] & c[u[n - 1]] & SM_C_TOKEN) ? SM_OTHER : 0;
}

/* Out of line, even in sm_lookup here: the hit path keeps its registers. */
SM_COLD uint32_t sm__lookup_rest(const char *s, size_t n)
{
    if (s == NULL)
        return 0;
    if (!sm__is_name_length(n))
        return sm_is_token(s, n) ? SM_OTHER : 0;
    return unregistered_windows(s, n);
}

uint32_t sm__classify_token(const char *s, size_t n)
{
    uint32_t id = sm__is_name_length(n) ? match_windows(s, n) : 0;
    return id ? id : SM_OTHER;
}

uint32_t sm_lookup(const char *s, size_t n)
{
    return sm__lookup_inline(s, n);
}

uint32_t sm_lookup_ci(const char *s, size_t n)
{
    char folded[SM_MAX_NAME];
    size_t i;
    uint32_t id;
    if (s == NULL)
        return 0;
    if (sm__is_name_length(n)) {
        /* b & ~0x20 equals an upper-case letter only when b is that letter in either
         * case, so folding every byte and matching the upper-case names is exact. */
        for (i = 0; i < n; i++)
            folded[i] = (char)(s[i] & ~0x20);
        id = match_windows(folded, n);
        if (id)
            return id;
    }
    return sm_is_token(s, n) ? SM_OTHER : 0;
}

int sm_reject_status(const char *s, size_t n, sm_set allowed)
{
    uint32_t id = sm_lookup(s, n);
    if (id == 0)
        return 400;
    if (id == SM_OTHER)
        return (allowed & SM_OTHER) ? 0 : 501;
    return (allowed & id) ? 0 : 405;
}
