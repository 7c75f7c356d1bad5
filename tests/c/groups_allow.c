/* Runners for the Allow groups: allow_parse and allow_format. */
#include <stdint.h>
#include <string.h>

#include <sipmethods.h>

#include "check.h"
#include "fields.h"
#include "groups.h"

#define EXT_CAP 64

/* The spans ext[0..n) of s[0..len) joined by "," into buf (cap bytes); its length (0 after failing on a bad span). */
static size_t join_exts(const char *s, size_t len, const sm_span *ext, size_t n, char *buf, size_t cap)
{
    size_t out = 0, i;
    for (i = 0; i < n; i++) {
        if (ext[i].off > len || ext[i].len > len - ext[i].off || out + ext[i].len + 1 > cap) {
            check_fail("extension span %lu (%lu+%lu) is outside the input", (unsigned long)i,
                       (unsigned long)ext[i].off, (unsigned long)ext[i].len);
            return 0;
        }
        if (i > 0)
            buf[out++] = ',';
        memcpy(buf + out, s + ext[i].off, ext[i].len);
        out += ext[i].len;
    }
    return out;
}

void run_allow_parse(const tsv_record *r)
{
    const tsv_field *s = &r->f[1];
    int want = field_err(r, 4);
    uint32_t set = 0xdeadbeefu, set2 = 0xdeadbeefu;
    sm_span ext[EXT_CAP];
    size_t n_ext = EXT_CAP, n_ext2 = EXT_CAP, off = 0xdeadbeefu;
    char joined[1024];
    check_int("sm_allow_parse_at", sm_allow_parse_at(s->p, s->n, &set, ext, &n_ext, &off), want);
    check_int("sm_allow_parse", sm_allow_parse(s->p, s->n, &set2, ext, &n_ext2), want);
    if (want != 0) {
        check_int("err_offset", (long long)off, field_num(r, 5));
        return;
    }
    check_int("set", set, field_num(r, 2));
    check_int("set (no offset)", set2, field_num(r, 2));
    check_int("n_ext (no offset)", (long long)n_ext2, (long long)n_ext);
    if (n_ext > EXT_CAP) {
        check_fail("%lu extension tokens, more than the test's capacity", (unsigned long)n_ext);
        return;
    }
    check_field("exts", joined, join_exts(s->p, s->n, ext, n_ext, joined, sizeof joined), r, 3);
}

void run_allow_format(const tsv_record *r)
{
    char buf[512];
    size_t need = sm_allow_format((uint32_t)field_num(r, 1), buf, sizeof buf);
    check_int("return value", (long long)need, (long long)r->f[2].n);
    check_field("output", buf, strlen(buf), r, 2);
}
