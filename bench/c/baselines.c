/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* memmem */
/* Baselines, compiled apart from bench.c (no inlining into the timing loops, as for the
 * library's functions). The method names come from core/src/methods.def, not copies. */
#include <string.h>

#include "sipmethods.h"
#include "baselines.h"

uint32_t bl_memcmp_chain(const char *s, size_t n)
{
#define SM_METHOD(NAME, ...) \
    if (n == sizeof #NAME - 1 && memcmp(s, #NAME, sizeof #NAME - 1) == 0) return SM_##NAME;
#include "methods.def"
#undef SM_METHOD
    return 0;
}

uint32_t bl_strncmp_chain(const char *s, size_t n)
{
#define SM_METHOD(NAME, ...) \
    if (n == sizeof #NAME - 1 && strncmp(s, #NAME, n) == 0) return SM_##NAME;
#include "methods.def"
#undef SM_METHOD
    return 0;
}

uint32_t bl_noop(const char *s, size_t n)
{
    (void)s;
    return (uint32_t)n;
}

long bl_memmem(const char *buf, size_t len)
{
    const char *p = memmem(buf, len, "\r\n\r\n", 4);
    return p ? (long)(p - buf) : -1;
}

long bl_byteloop(const char *buf, size_t len)
{
    size_t i;
    for (i = 0; i + 4 <= len; i++) {
        if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n')
            return (long)i;
    }
    return -1;
}

long bl_memchr_lines(const char *buf, size_t len)
{
    size_t p = 0;
    while (p < len) {
        const char *lf = memchr(buf + p, '\n', len - p);
        size_t eol;
        if (lf == NULL)
            return -1;
        eol = (size_t)(lf - buf);
        if (eol == p || (eol == p + 1 && buf[p] == '\r'))
            return (long)p;
        p = eol + 1;
    }
    return -1;
}

long bl_memchr_absent(const char *buf, size_t len)
{
    const char *p = memchr(buf, '\0', len);
    return p ? (long)(p - buf) : -1;
}
