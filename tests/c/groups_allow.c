/* SPDX-License-Identifier: MIT */
/* Runners for the Allow groups: allow_parse and allow_format. */
#include <stdint.h>
#include <string.h>

#include <sipmethods.h>

#include "check.h"
#include "fields.h"
#include "groups.h"

/* Walks s[0..n) with sm_allow_next: the registered set and the extension tokens joined by ","
 * (into buf of cap bytes, length in *joined_len); the iterator's final result. */
static int walk(const char *s, size_t n, uint32_t *set, char *buf, size_t cap, size_t *joined_len,
                size_t *err_offset)
{
    size_t pos = 0, out = 0;
    sm_span token;
    uint32_t id;
    int r;
    *set = 0;
    while ((r = sm_allow_next(s, n, &pos, &token, &id, err_offset)) == 1) {
        if (token.off > n || token.len > n - token.off || token.len == 0 ||
            id != sm_lookup(s + token.off, token.len)) {
            check_fail("element %lu+%lu: bad span or id", (unsigned long)token.off, (unsigned long)token.len);
            return -100;
        }
        if (id != SM_OTHER) {
            *set |= id;
        } else if (out + token.len + 1 < cap) {
            if (out > 0)
                buf[out++] = ',';
            memcpy(buf + out, s + token.off, token.len);
            out += token.len;
        }
    }
    *joined_len = out;
    return r;
}

void run_allow_parse(const tsv_record *r)
{
    const tsv_field *s = &r->f[1];
    int want = field_err(r, 4);
    uint32_t set = 0xdeadbeefu, walked = 0;
    size_t off = 0xdeadbeefu, off_walk = 0xdeadbeefu, joined_len = 0;
    char joined[1024];
    check_int("sm_allow_parse", sm_allow_parse(s->p, s->n, &set, &off), want);
    check_int("sm_allow_next's last result", walk(s->p, s->n, &walked, joined, sizeof joined, &joined_len,
                                                   &off_walk), want);
    if (want != 0) {
        check_int("set (reset)", set, 0);
        check_int("err_offset", (long long)off, field_num(r, 5));
        check_int("err_offset (sm_allow_next)", (long long)off_walk, field_num(r, 5));
        return;
    }
    check_int("set", set, field_num(r, 2));
    check_int("set (sm_allow_next)", walked, field_num(r, 2));
    check_field("exts", joined, joined_len, r, 3);
}

void run_allow_format(const tsv_record *r)
{
    char buf[512];
    size_t need = sm_allow_format((uint32_t)field_num(r, 1), buf, sizeof buf);
    check_int("return value", (long long)need, (long long)r->f[2].n);
    check_field("output", buf, strlen(buf), r, 2);
}
