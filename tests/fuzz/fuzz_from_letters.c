/* SPDX-License-Identifier: MIT */
/* sm_from_letters (with and without err_offset): each byte is the letter of exactly one table method (either case),
 * or the call fails at the first byte that is not, with offset < n. */
#include "fuzz.h"

/* The table method whose letter is c in either case, or 0. */
static uint32_t letter_id(unsigned char c)
{
    size_t i;
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *m = sm_info_at(i);
        if (m->letter != 0 && ref_upper(c) == (unsigned char)m->letter)
            return m->id;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_dup(data, size);
    uint32_t set = 0xdeadbeefu, set2 = 0xdeadbeefu, want = 0;
    size_t off = (size_t)-1, bad = size, i;
    int r = sm_from_letters(s, size, &set, &off), r2 = sm_from_letters(s, size, &set2, NULL);
    for (i = 0; i < size && bad == size; i++) {
        uint32_t id = letter_id((unsigned char)s[i]);
        if (id == 0)
            bad = i;
        want |= id;
    }
    FUZZ_CHECK(r == r2);
    if (bad == size) {
        FUZZ_CHECK(r == 0 && set == want && set2 == want);
        FUZZ_CHECK((set & ~(uint32_t)SM_ALL_METHODS) == 0);
    } else {
        FUZZ_CHECK(r == SM_ELETTER);
        FUZZ_CHECK(off == bad && off < size);
    }
    free(s);
    return 0;
}
