/* SPDX-License-Identifier: MIT */
/* sm_reject_status: input = 4 bytes of allowed set (little-endian), then the method. The
 * answer follows from sm_lookup: 400 non-token, 501/0 extension (by SM_OTHER), 405/0 registered. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint32_t allowed = fuzz_take_u32(&data, &size), id;
    char *s = fuzz_dup(data, size);
    int st = sm_reject_status(s, size, allowed), want;
    id = sm_lookup(s, size);
    if (id == 0)
        want = 400;
    else if (id == SM_OTHER)
        want = (allowed & SM_OTHER) ? 0 : 501;
    else
        want = (allowed & id) ? 0 : 405;
    FUZZ_CHECK(st == want);
    free(s);
    return 0;
}
