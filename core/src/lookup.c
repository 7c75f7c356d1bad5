/* Token -> method: the hot path. The first byte and the length pick the one name a
 * token can be (a perfect hash of the 14 names into 64 slots); two four-byte and two
 * two-byte windows, read inside [0, n) and packed into a 64-bit head and a 32-bit tail,
 * are compared with that slot's precomputed key. No branch depends on which method it
 * is, so a mixed stream of methods costs no mispredictions (bench/README.md). The names
 * are those of methods.def; the tests look up every table row. */
#include "internal.h"

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

/* The two or four bytes at p, first byte lowest (the compiler makes each one load). */
static inline uint32_t two(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static inline uint32_t four(const unsigned char *p)
{
    return two(p) | two(p + 2) << 16;
}

/* Where a 3-byte token's four-byte windows read: zeros, as its key's head has. */
static const unsigned char zeros[8];

/* a if c, else b, without a branch (a branch on n < 4 would be mispredicted on a stream
 * of methods). The integer is one of the two pointers' own values, so the result is that
 * pointer. */
static inline const unsigned char *pick(int c, const unsigned char *a, const unsigned char *b)
{
    uintptr_t ia = (uintptr_t)a, ib = (uintptr_t)b, all = (uintptr_t)0 - (uintptr_t)(c != 0);
    return (const unsigned char *)(ib ^ ((ia ^ ib) & all));
}

typedef struct {
    uint64_t head;
    uint32_t tail;
    uint32_t id; /* 0 in an empty slot, so matching one is a miss */
} sm_slot;

/* The same key as a constant, from the name's bytes c0..c8 (0 past its end): C has no
 * portable way to read a string literal's bytes in a constant expression. */
#define SM_B(k, c0, c1, c2, c3, c4, c5, c6, c7, c8)                                          \
    ((uint64_t)(unsigned char)((k) == 0 ? c0 : (k) == 1 ? c1 : (k) == 2 ? c2 : (k) == 3 ? c3 \
                             : (k) == 4 ? c4 : (k) == 5 ? c5 : (k) == 6 ? c6 : (k) == 7 ? c7 : c8))
#define SM_TWO(k, ...) (SM_B(k, __VA_ARGS__) | SM_B((k) + 1, __VA_ARGS__) << 8)
#define SM_FOUR(k, ...) (SM_TWO(k, __VA_ARGS__) | SM_TWO((k) + 2, __VA_ARGS__) << 16)
#define SM_ROW(NAME, ...) SM_ROW_(sizeof #NAME - 1, SM_##NAME, __VA_ARGS__, 0, 0, 0, 0, 0, 0, 0)
#define SM_ROW_(n, id, c0, c1, c2, c3, c4, c5, c6, c7, c8, ...)                                \
    [SM_SLOT(c0, n)] = {(n) < 4 ? 0 : SM_FOUR(0, c0, c1, c2, c3, c4, c5, c6, c7, c8) |        \
                                      SM_FOUR((n) - 4, c0, c1, c2, c3, c4, c5, c6, c7, c8) << 32, \
                        (uint32_t)(SM_TWO(SM_MID(n), c0, c1, c2, c3, c4, c5, c6, c7, c8) |    \
                                   SM_TWO((n) - 2, c0, c1, c2, c3, c4, c5, c6, c7, c8) << 16), id}

static const sm_slot slots[64] = {
    SM_ROW(INVITE, 'I', 'N', 'V', 'I', 'T', 'E'),
    SM_ROW(ACK, 'A', 'C', 'K'),
    SM_ROW(BYE, 'B', 'Y', 'E'),
    SM_ROW(CANCEL, 'C', 'A', 'N', 'C', 'E', 'L'),
    SM_ROW(OPTIONS, 'O', 'P', 'T', 'I', 'O', 'N', 'S'),
    SM_ROW(REGISTER, 'R', 'E', 'G', 'I', 'S', 'T', 'E', 'R'),
    SM_ROW(PRACK, 'P', 'R', 'A', 'C', 'K'),
    SM_ROW(SUBSCRIBE, 'S', 'U', 'B', 'S', 'C', 'R', 'I', 'B', 'E'),
    SM_ROW(NOTIFY, 'N', 'O', 'T', 'I', 'F', 'Y'),
    SM_ROW(PUBLISH, 'P', 'U', 'B', 'L', 'I', 'S', 'H'),
    SM_ROW(INFO, 'I', 'N', 'F', 'O'),
    SM_ROW(REFER, 'R', 'E', 'F', 'E', 'R'),
    SM_ROW(MESSAGE, 'M', 'E', 'S', 'S', 'A', 'G', 'E'),
    SM_ROW(UPDATE, 'U', 'P', 'D', 'A', 'T', 'E'),
};

/* The slot whose key a string of 3..9 bytes has, or NULL. The slot holds the one name of
 * its length the string can be, and the key every byte of a string of that length. An
 * empty slot's key (zeros, id 0) is matched only by NUL bytes, which are no token. */
static inline const sm_slot *match_slot(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    const unsigned char *wide = pick(n < 4, zeros + 4, u); /* zeros + 4 + n - 4 >= zeros */
    const sm_slot *e = &slots[SM_SLOT(u[0], n)];
    uint64_t head = (uint64_t)four(wide) | (uint64_t)four(wide + n - 4) << 32;
    uint32_t tail = two(u + SM_MID(n)) | two(u + n - 2) << 16;
    return ((head ^ e->head) | (tail ^ e->tail)) == 0 ? e : NULL;
}

/* The registered id of a string of 3..9 bytes, or 0. */
static inline uint32_t match_windows(const char *s, size_t n)
{
    const sm_slot *e = match_slot(s, n);
    return e != NULL ? e->id : 0;
}

/* What a string of 3..9 bytes that is not a registered name is: SM_OTHER or 0. Bytes 0..2,
 * the three around n / 2 and the last three are all of its bytes, so this needs no loop,
 * whose exit would be mispredicted on a stream of lengths. Out of line: the hit path keeps
 * its registers. */
SM_COLD static uint32_t unregistered_windows(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    const unsigned char *c = sm__cclass;
    size_t mid = n / 2;
    return (c[u[0]] & c[u[1]] & c[u[2]] & c[u[mid - 1]] & c[u[mid]] & c[u[mid + 1]] & c[u[n - 3]] &
            c[u[n - 2]] & c[u[n - 1]] & SM_C_TOKEN) ? SM_OTHER : 0;
}

static inline int is_name_length(size_t n)
{
    return n - SM_MIN_NAME <= SM_MAX_NAME - SM_MIN_NAME;
}

uint32_t sm__classify_token(const char *s, size_t n)
{
    uint32_t id = is_name_length(n) ? match_windows(s, n) : 0;
    return id ? id : SM_OTHER;
}

uint32_t sm_lookup(const char *s, size_t n)
{
    const sm_slot *e;
    if (s == NULL)
        return 0;
    if (!is_name_length(n))
        return sm_is_token(s, n) ? SM_OTHER : 0;
    e = match_slot(s, n);
    if (e != NULL)
        return e->id; /* 0 for NUL bytes in an empty slot: right, they are no token */
    return unregistered_windows(s, n);
}

uint32_t sm_lookup_ci(const char *s, size_t n)
{
    char folded[9];
    size_t i;
    uint32_t id;
    if (s == NULL)
        return 0;
    if (n >= 3 && n <= sizeof folded) {
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

int sm_reject_status(const char *s, size_t n, uint32_t allowed)
{
    uint32_t id = sm_lookup(s, n);
    if (id == 0)
        return 400;
    if (id == SM_OTHER)
        return (allowed & SM_OTHER) ? 0 : 501;
    return (allowed & id) ? 0 : 405;
}
