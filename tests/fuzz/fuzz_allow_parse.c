/* sm_allow_parse(_at) against a reference parser written from SPEC.md §3 and
 * docs/behaviour.md (folds -> SP, then split at commas, trim, each element a token).
 * Extension spans are stored into an exactly-sized heap array, at full and half capacity. */
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
    sm_span *ref_ext = malloc((size / 2 + 1) * sizeof *ref_ext), *ext;
    uint32_t set = 0xdeadbeefu, ref_set;
    size_t n_ext = 0, ref_count, off = (size_t)-1, cap, i;
    int r = sm_allow_parse_at(s, size, &set, NULL, &n_ext, &off);
    int ok = ref_allow(s, size, &ref_set, &ref_count, ref_ext);

    FUZZ_CHECK(r == 0 || r == SM_EALLOW || r == SM_EFOLD);
    FUZZ_CHECK((r == 0) == ok);
    if (r != 0) {
        FUZZ_CHECK(off < size && set == 0 && n_ext == 0);
        FUZZ_CHECK(r == SM_EFOLD ? s[off] == '\r' || s[off] == '\n' : s[off] != ',');
    } else {
        FUZZ_CHECK(set == ref_set && (set & ~(uint32_t)SM_ALL_METHODS) == 0);
        FUZZ_CHECK(n_ext == ref_count);
        /* Full capacity, then half: the same count, the first cap spans stored. */
        for (cap = ref_count;; cap /= 2) {
            size_t n2 = cap;
            uint32_t set2 = 0;
            ext = malloc(cap * sizeof *ext);
            FUZZ_CHECK(sm_allow_parse(s, size, &set2, ext, &n2) == 0);
            FUZZ_CHECK(set2 == set && n2 == ref_count);
            for (i = 0; i < cap; i++) {
                FUZZ_CHECK(span_within(ext[i], 0, size));
                FUZZ_CHECK(ext[i].off == ref_ext[i].off && ext[i].len == ref_ext[i].len);
                FUZZ_CHECK(sm_is_token(s + ext[i].off, ext[i].len));
                FUZZ_CHECK(sm_lookup(s + ext[i].off, ext[i].len) == SM_OTHER);
                FUZZ_CHECK(i == 0 || ext[i].off >= ext[i - 1].off + ext[i - 1].len);
            }
            free(ext);
            if (cap == 0)
                break;
        }
    }
    free(ref_ext);
    free(s);
    return 0;
}
