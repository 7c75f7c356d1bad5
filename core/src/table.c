/* SPDX-License-Identifier: MIT */
/* The method table, built from methods.def, and the id <-> entry mappings. */
#include "internal.h"

/* Table positions, in methods.def order. */
enum {
#define SM_METHOD(NAME, ...) SM_INDEX_##NAME,
#include "methods.def"
#undef SM_METHOD
    SM_INDEX_END
};

/* The string of each sm_category and sm_transaction value. */
#define SM_STR_SESSION "session"
#define SM_STR_CAPABILITY "capability"
#define SM_STR_REGISTRATION "registration"
#define SM_STR_EVENT "event"
#define SM_STR_TRANSFER "transfer"
#define SM_STR_MESSAGING "messaging"
#define SM_STR_NONE "none"
#define SM_STR_INVITE "invite"
#define SM_STR_NON_INVITE "non-invite"

#define SM_REFS(...) {__VA_ARGS__}, sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)
static const sm_method_info methods[SM_METHOD_COUNT] = {
#define SM_METHOD(NAME, LETTER, CAT, TX, RESP, CANCEL, DIALOG, REFRESH, OA, INDLG, RFC, REFS, DESC) \
    { #NAME, sizeof(#NAME) - 1, SM_##NAME, SM_INDEX_##NAME, DESC, RFC, SM_REFS REFS, LETTER,     \
      SM_STR_##CAT, SM_CATEGORY_##CAT, SM_STR_##TX, SM_TRANSACTION_##TX, RESP, CANCEL, DIALOG, REFRESH, OA, INDLG },
#include "methods.def"
#undef SM_METHOD
};

/* Compile-time facts about the table (a negative array size fails the build):
 * it has SM_METHOD_COUNT rows; */
typedef char sm_method_count_matches[SM_INDEX_END == SM_METHOD_COUNT ? 1 : -1];

/* every id is one bit, and no two share it: their sum is their union, SM_ALL_METHODS; */
enum {
#define SM_METHOD(NAME, ...) SM_ONE_BIT_##NAME = (SM_##NAME != 0 && (SM_##NAME & (SM_##NAME - 1)) == 0),
#include "methods.def"
#undef SM_METHOD
    SM_IDS_SUM = 0
#define SM_METHOD(NAME, ...) + SM_##NAME
#include "methods.def"
#undef SM_METHOD
};
typedef char sm_ids_are_distinct_bits[SM_IDS_SUM == SM_ALL_METHODS ? 1 : -1];
#define SM_METHOD(NAME, ...) typedef char sm_one_bit_##NAME[SM_ONE_BIT_##NAME ? 1 : -1];
#include "methods.def"
#undef SM_METHOD
typedef char sm_other_is_apart[(SM_OTHER & SM_ALL_METHODS) == 0 ? 1 : -1];

/* and SM_ALLOW_FORMAT_MAX is the length of every name joined by ", ". */
typedef char sm_allow_format_max_matches[
    (0
#define SM_METHOD(NAME, ...) + sizeof(#NAME) - 1 + 2
#include "methods.def"
#undef SM_METHOD
     - 2) == SM_ALLOW_FORMAT_MAX ? 1 : -1];

const sm_method_info *sm_info_at(size_t i)
{
    return i < SM_METHOD_COUNT ? &methods[i] : NULL;
}

const sm_method_info *sm_info(uint32_t id)
{
    size_t i;
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        if (methods[i].id == id)
            return &methods[i];
    }
    return NULL;
}

const char *sm_name(uint32_t id)
{
    const sm_method_info *m = sm_info(id);
    return m ? m->name : NULL;
}

int sm_from_letters(const char *s, size_t n, sm_set *set, size_t *err_offset)
{
    uint32_t acc = 0;
    size_t i, j;
    if (set == NULL || (s == NULL && n > 0))
        return SM_EARG;
    *set = 0;
    for (i = 0; i < n; i++) {
        /* c | 0x20 equals a lower-case letter only for that letter in either case. */
        char c = (char)(s[i] | 0x20);
        uint32_t bit = 0;
        for (j = 0; j < SM_METHOD_COUNT && bit == 0; j++) {
            if (methods[j].letter != 0 && (methods[j].letter | 0x20) == c)
                bit = methods[j].id;
        }
        if (bit == 0) {
            if (err_offset != NULL)
                *err_offset = i;
            return SM_ELETTER;
        }
        acc |= bit;
    }
    *set = acc;
    return 0;
}

/* Appends s[0..n) at *len, storing only what fits below cap - 1. */
static void put(char *buf, size_t cap, size_t *len, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++, (*len)++) {
        if (*len + 1 < cap)
            buf[*len] = s[i];
    }
}

size_t sm_allow_format(sm_set set, char *buf, size_t cap)
{
    size_t len = 0, i;
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        if (!(set & methods[i].id))
            continue;
        if (len > 0)
            put(buf, cap, &len, ", ", 2);
        put(buf, cap, &len, methods[i].name, methods[i].name_len);
    }
    if (cap > 0)
        buf[len < cap ? len : cap - 1] = '\0';
    return len;
}
