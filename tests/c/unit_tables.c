/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <string.h>

#include <sipmethods.h>

#include "check.h"
#include "unit.h"

/* sm_info and sm_name give NULL for id. */
static void check_not_method(uint32_t id)
{
    check_int("sm_info is NULL", sm_info(id) == NULL, 1);
    check_int("sm_name is NULL", sm_name(id) == NULL, 1);
}

/* Ids that are not exactly one registered bit. */
static void non_methods(void)
{
    uint32_t bit;
    check_case("sm_info/sm_name of non-methods");
    check_not_method(0);
    check_not_method(SM_OTHER);
    check_not_method(SM_INVITE | SM_ACK);
    check_not_method(SM_ALL_METHODS);
    check_not_method(0xffffffffu);
    for (bit = 14; bit < 32; bit++)
        check_not_method((uint32_t)1 << bit);
}

/* The method table: positions, ids, names and the constants that describe it. */
static void method_table(void)
{
    uint32_t all = 0;
    size_t i;
    check_case("method table");
    check_int("SM_METHOD_COUNT", SM_METHOD_COUNT, 14);
    check_int("SM_OTHER", SM_OTHER, 524288);
    check_int("sm_info_at(14)", sm_info_at(SM_METHOD_COUNT) == NULL, 1);
    check_int("sm_info_at(SIZE_MAX)", sm_info_at((size_t)-1) == NULL, 1);
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *info = sm_info_at(i);
        if (!check_int("sm_info_at(i) is not NULL", info != NULL, 1))
            continue;
        check_int("index", (long long)info->index, (long long)i);
        check_int("one bit", info->id != 0 && (info->id & (info->id - 1)) == 0, 1);
        check_int("sm_info(id) is the same entry", sm_info(info->id) == info, 1);
        check_str("sm_name(id)", sm_name(info->id), info->name);
        check_int("name_len", (long long)info->name_len, (long long)strlen(info->name));
        check_int("a reference", info->references[0] != NULL, 1);
        all |= info->id;
    }
    check_int("SM_ALL_METHODS", SM_ALL_METHODS, all);
    check_int("every bit below 14", all, 16383);
}

/* The status table: ascending codes, consistent with sm_status and sm_status_reason. */
static void status_table(void)
{
    size_t i;
    int last = 0;
    check_case("status table");
    check_int("SM_STATUS_COUNT", SM_STATUS_COUNT, 75);
    check_int("sm_status_at(75)", sm_status_at(SM_STATUS_COUNT) == NULL, 1);
    check_int("sm_status_at(SIZE_MAX)", sm_status_at((size_t)-1) == NULL, 1);
    for (i = 0; i < SM_STATUS_COUNT; i++) {
        const sm_status_info *st = sm_status_at(i);
        if (!check_int("sm_status_at(i) is not NULL", st != NULL, 1))
            continue;
        check_int("ascending", st->code > last, 1);
        check_int("sm_status(code) is the same entry", sm_status(st->code) == st, 1);
        check_str("sm_status_reason(code)", sm_status_reason(st->code), st->reason);
        check_int("deprecated only for 202", st->deprecated, st->code == 202);
        last = st->code;
    }
}

void unit_tables(void)
{
    non_methods();
    method_table();
    status_table();
    check_case("sm_version");
    check_str("sm_version()", sm_version(), SM_VERSION_STRING);
}
