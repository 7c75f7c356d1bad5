/* SPDX-License-Identifier: MIT */
/* sm_allow_parse and the iterator sm_allow_next against a reference parser written from
 * docs/spec.md (folds -> SP, then split at commas, trim, each element a token). */
#include "fuzz.h"

/* The reference: 1 and the set/count/spans if s[0..n) is a valid Allow value, else 0. */
static int ref_allow(const char *s, size_t n, uint32_t *set, size_t *count, sm_span *ext)
{
    char *t = malloc(n + 1);
    size_t i, start = 0;
    int ok = 1;
    FUZZ_CHECK(t != NULL);
    if (n)
        memcpy(t, s, n);
    for (i = 0; i < n; i++) { /* a fold is CRLF or LF followed by SP or HTAB */
        size_t k = t[i] == '\r' && i + 1 < n && t[i + 1] == '\n' ? 2 : t[i] == '\n' ? 1 : 0;
        if (k && i + k < n && (t[i + k] == ' ' || t[i + k] == '\t'))
            memset(t + i, ' ', k);
    }
    *set = 0;
    *count = 0;
    for (i = 0; i <= n && ok; i++) {
        size_t a = start, b = i;
        if (i < n && t[i] != ',') {
            ok = t[i] != '\r' && t[i] != '\n';
            continue;
        }
        start = i + 1;
        while (a < b && (t[a] == ' ' || t[a] == '\t'))
            a++;
        while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
            b--;
        if (a == b)
            continue;
        if (!ref_is_token(t + a, b - a)) {
            ok = 0;
        } else if (ref_lookup(t + a, b - a, 0) != SM_OTHER) {
            *set |= ref_lookup(t + a, b - a, 0);
        } else {
            ext[*count].off = a;
            ext[(*count)++].len = b - a;
        }
    }
    free(t);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_dup(data, size);
    sm_span *ref_ext = malloc((size / 2 + 1) * sizeof *ref_ext), token;
    uint32_t set = 0xdeadbeefu, ref_set, walked = 0, id;
    size_t ref_count, off = (size_t)-1, off2 = (size_t)-1, pos = 0, count = 0, last_end = 0;
    int r = sm_allow_parse(s, size, &set, &off), r2;
    int ok = ref_allow(s, size, &ref_set, &ref_count, ref_ext);

    FUZZ_CHECK(ref_ext != NULL);
    FUZZ_CHECK(r == 0 || r == SM_EALLOW || r == SM_EFOLD);
    FUZZ_CHECK((r == 0) == ok);
    /* The iterator yields every element in order, then the same result as sm_allow_parse. */
    while ((r2 = sm_allow_next(s, size, &pos, &token, &id, &off2)) == 1) {
        FUZZ_CHECK(span_within(token, 0, size) && token.off >= last_end && pos <= size);
        FUZZ_CHECK(sm_is_token(s + token.off, token.len) && id == sm_lookup(s + token.off, token.len));
        if (id == SM_OTHER) {
            FUZZ_CHECK(count < ref_count || !ok);
            if (ok)
                FUZZ_CHECK(token.off == ref_ext[count].off && token.len == ref_ext[count].len);
            count++;
        } else {
            walked |= id;
        }
        last_end = token.off + token.len;
    }
    FUZZ_CHECK(r2 == r);
    if (r != 0) {
        FUZZ_CHECK(off < size && set == 0 && off2 == off);
        FUZZ_CHECK(r == SM_EFOLD ? s[off] == '\r' || s[off] == '\n' : s[off] != ',');
    } else {
        FUZZ_CHECK(set == ref_set && walked == set && (set & ~(uint32_t)SM_ALL_METHODS) == 0);
        FUZZ_CHECK(count == ref_count && pos == size);
    }
    free(ref_ext);
    free(s);
    return 0;
}
