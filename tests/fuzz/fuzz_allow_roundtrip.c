/* SPDX-License-Identifier: MIT */
/* parse -> format -> parse: sm_allow_format writes exactly the registered bits of any set,
 * in a form sm_allow_parse reads back with no extension tokens, at most SM_ALLOW_FORMAT_MAX long; truncated output obeys the
 * snprintf contract. The set is the input's first 4 bytes, then the input parsed as a value. */
#include "fuzz.h"

/* Formats set, checks the snprintf contract at capacity cap_hint % (len + 2), parses it back. */
static void round_trip(uint32_t set, size_t cap_hint)
{
    size_t len = sm_allow_format(set, NULL, 0), cap = cap_hint % (len + 2), pos = 0;
    sm_span token;
    uint32_t id;
    char *full = malloc(len + 1), *cut = malloc(cap);
    uint32_t back = 0xdeadbeefu;
    FUZZ_CHECK(full != NULL && (cut != NULL || cap == 0));
    FUZZ_CHECK(sm_allow_format(set, full, len + 1) == len);
    FUZZ_CHECK(full[len] == '\0' && strlen(full) == len);
    FUZZ_CHECK(sm_allow_format(set, cut, cap) == len);
    if (cap > 0) {
        size_t k = len < cap ? len : cap - 1;
        FUZZ_CHECK(cut[k] == '\0' && memcmp(cut, full, k) == 0);
    }
    FUZZ_CHECK(len <= SM_ALLOW_FORMAT_MAX);
    FUZZ_CHECK(sm_allow_parse(full, len, &back, NULL) == 0);
    FUZZ_CHECK(back == (set & SM_ALL_METHODS));
    while (sm_allow_next(full, len, &pos, &token, &id, NULL) == 1)
        FUZZ_CHECK(id != SM_OTHER); /* no extension tokens */
    FUZZ_CHECK((len == 0) == ((set & SM_ALL_METHODS) == 0));
    free(cut);
    free(full);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *rest = data;
    size_t rest_size = size;
    uint32_t raw = fuzz_take_u32(&rest, &rest_size), set = 0;
    char *s = fuzz_dup(data, size);
    round_trip(raw, rest_size ? rest[0] : 0);
    if (sm_allow_parse(s, size, &set, NULL) == 0) {
        FUZZ_CHECK((set & ~(uint32_t)SM_ALL_METHODS) == 0);
        round_trip(set, raw);
    }
    free(s);
    return 0;
}
