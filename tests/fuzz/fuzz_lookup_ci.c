/* SPDX-License-Identifier: MIT */
/* sm_lookup_ci: agrees with sm_lookup on exact names and on the token/non-token split,
 * and with a case-folding walk of the table everywhere. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_dup(data, size);
    uint32_t ci = sm_lookup_ci(s, size), exact = sm_lookup(s, size);
    FUZZ_CHECK((ci == 0) == (exact == 0));
    if (exact != SM_OTHER)
        FUZZ_CHECK(ci == exact);
    FUZZ_CHECK(ci == ref_lookup(s, size, 1));
    if (ci != 0 && ci != SM_OTHER)
        FUZZ_CHECK(sm_name(ci) != NULL);
    free(s);
    return 0;
}
