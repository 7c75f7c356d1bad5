/* SPDX-License-Identifier: MIT */
/* sm_lookup: 0 exactly for non-tokens, the table's id for a table name, SM_OTHER otherwise;
 * a registered id round-trips through sm_name and sm_info. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_dup(data, size);
    uint32_t id = sm_lookup(s, size);
    FUZZ_CHECK((id == 0) == !sm_is_token(s, size));
    FUZZ_CHECK(id == ref_lookup(s, size, 0));
    if (id != 0 && id != SM_OTHER) {
        const char *name = sm_name(id);
        const sm_method_info *m = sm_info(id);
        FUZZ_CHECK(name != NULL && m != NULL && m->id == id && m->name == name);
        FUZZ_CHECK(m->name_len == size && memcmp(name, s, size) == 0);
        FUZZ_CHECK(sm_lookup(name, strlen(name)) == id);
        FUZZ_CHECK(sm_info_at(m->index) == m);
    }
    free(s);
    return 0;
}
