/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sipmethods.h>

#include "check.h"
#include "unit.h"

#define FULL "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, PRACK, SUBSCRIBE, NOTIFY, PUBLISH, INFO, REFER, MESSAGE, UPDATE"

/* sm_allow_format(set) with every capacity from 0 to past the need, against full. */
static void format_caps(uint32_t set, const char *full)
{
    size_t need = strlen(full), cap;
    char buf[256];
    check_case("sm_allow_format(0x%lx) at every capacity", (unsigned long)set);
    check_int("cap 0, buf NULL: return value", (long long)sm_allow_format(set, NULL, 0), (long long)need);
    memset(buf, 'Z', sizeof buf);
    check_int("cap 0: return value", (long long)sm_allow_format(set, buf, 0), (long long)need);
    check_int("cap 0 writes nothing", buf[0], 'Z');
    for (cap = 1; cap <= need + 2; cap++) {
        size_t kept = cap - 1 < need ? cap - 1 : need;
        char what[96];
        memset(buf, 'Z', sizeof buf);
        snprintf(what, sizeof what, "cap %lu: return value", (unsigned long)cap);
        check_int(what, (long long)sm_allow_format(set, buf, cap), (long long)need);
        snprintf(what, sizeof what, "cap %lu: NUL after %lu bytes", (unsigned long)cap, (unsigned long)kept);
        if (!check_int(what, buf[kept], '\0'))
            continue;
        snprintf(what, sizeof what, "cap %lu: text", (unsigned long)cap);
        check_mem(what, buf, kept, full, kept);
        snprintf(what, sizeof what, "cap %lu: nothing written past cap", (unsigned long)cap);
        check_int(what, buf[cap], 'Z');
    }
}

/* Every set of registered methods survives sm_allow_format then sm_allow_parse. */
static void round_trip(void)
{
    uint32_t s;
    char buf[256];
    check_case("sm_allow_parse(sm_allow_format(s)) == s for all 16384 sets");
    for (s = 0; s <= SM_ALL_METHODS; s++) {
        sm_set set = 0;
        size_t len = sm_allow_format(s, buf, sizeof buf);
        if (!check_int("sm_allow_parse", sm_allow_parse(buf, len, &set, NULL), 0) || !check_int("set", set, s)
            || !check_int("length <= SM_ALLOW_FORMAT_MAX", len <= SM_ALLOW_FORMAT_MAX, 1))
            break;
    }
}

void unit_format(void)
{
    format_caps(0, "");
    format_caps(SM_INVITE, "INVITE");
    format_caps(SM_INVITE | SM_ACK, "INVITE, ACK");
    format_caps(SM_ALL_METHODS, FULL);
    check_case("SM_ALLOW_FORMAT_MAX is the length of the full set");
    check_int("sm_allow_format(SM_ALL_METHODS)", (long long)sm_allow_format(SM_ALL_METHODS, NULL, 0),
              SM_ALLOW_FORMAT_MAX);
    format_caps(0xffffffffu, FULL);
    round_trip();
}
