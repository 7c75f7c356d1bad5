/* SPDX-License-Identifier: MIT */
/* The IANA "Response Codes" registry (status.def) and RFC 3261 §8.1.3.2. */
#include "internal.h"

static const sm_status_info statuses[] = {
#define SM_STATUS(CODE, REASON, RFC, DEPRECATED) { CODE, REASON, RFC, DEPRECATED },
#include "status.def"
#undef SM_STATUS
};

/* The table and SM_STATUS_COUNT agree (a negative array size fails the build otherwise). */
typedef char sm_status_count_matches[sizeof statuses / sizeof statuses[0] == SM_STATUS_COUNT ? 1 : -1];

const sm_status_info *sm_status_at(size_t i)
{
    return i < SM_STATUS_COUNT ? &statuses[i] : NULL;
}

const sm_status_info *sm_status(int code)
{
    size_t lo = 0, hi = SM_STATUS_COUNT;
    while (lo < hi) { /* status.def is in ascending order */
        size_t mid = lo + (hi - lo) / 2;
        if (statuses[mid].code == code)
            return &statuses[mid];
        if (statuses[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *sm_status_reason(int code)
{
    const sm_status_info *st = sm_status(code);
    return st ? st->reason : NULL;
}

int sm_status_class(int code)
{
    return code >= 100 && code <= 699 ? code / 100 : 0;
}

int sm_status_equivalent(int code)
{
    if (sm_status_class(code) == 0)
        return 0;
    if (sm_status(code) != NULL)
        return code;
    return code < 200 ? 183 : code / 100 * 100;
}
