/* SPDX-License-Identifier: MIT */
/* sm_is_token against the RFC 3261 §25.1 character set, written out independently. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_dup(data, size);
    int t = sm_is_token(s, size);
    FUZZ_CHECK(t == 0 || t == 1);
    FUZZ_CHECK(t == ref_is_token(s, size));
    free(s);
    return 0;
}
