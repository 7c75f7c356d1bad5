/* The method table, built from methods.def, and the id <-> entry mappings. */
#include "internal.h"

/* Table positions, in methods.def order. */
enum {
#define SM_METHOD(NAME, ...) SM_INDEX_##NAME,
#include "methods.def"
#undef SM_METHOD
    SM_INDEX_END
};

static const sm_method_info methods[SM_METHOD_COUNT] = {
#define SM_METHOD(NAME, LETTER, CAT, TX, RESP, CANCEL, DIALOG, REFRESH, OA, INDLG, RFC, REF1, REF2, DESC) \
    { #NAME, sizeof(#NAME) - 1, SM_##NAME, SM_INDEX_##NAME, DESC, RFC, { REF1, REF2 }, LETTER, CAT, TX, \
      RESP, CANCEL, DIALOG, REFRESH, OA, INDLG },
#include "methods.def"
#undef SM_METHOD
};

/* The table and SM_METHOD_COUNT agree (a negative array size fails the build otherwise). */
typedef char sm_method_count_matches[SM_INDEX_END == SM_METHOD_COUNT ? 1 : -1];

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

int sm_from_letters_at(const char *s, size_t n, uint32_t *set, size_t *err_offset)
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

int sm_from_letters(const char *s, size_t n, uint32_t *set)
{
    return sm_from_letters_at(s, n, set, NULL);
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

size_t sm_allow_format(uint32_t set, char *buf, size_t cap)
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
