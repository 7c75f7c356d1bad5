/* SPDX-License-Identifier: MIT */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char case_name[160];
static int case_open, case_failed;
static long passed, failed;

/* Counts the open case as passed or failed and closes it. */
static void end_case(void)
{
    if (case_open) {
        if (case_failed)
            failed++;
        else
            passed++;
    }
    case_open = 0;
    case_failed = 0;
}

void check_case(const char *fmt, ...)
{
    va_list ap;
    end_case();
    va_start(ap, fmt);
    vsnprintf(case_name, sizeof case_name, fmt, ap);
    va_end(ap);
    case_open = 1;
}

int check_fail(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "FAIL %s: ", case_name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    case_failed = 1;
    return 0;
}

int check_int(const char *what, long long got, long long want)
{
    if (got == want)
        return 1;
    return check_fail("%s: got %lld, want %lld", what, got, want);
}

/* Writes s[0..n) to stderr with every byte outside 0x21..0x7e, and %, as %XX. */
static void put_escaped(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x21 || c > 0x7e || c == '%')
            fprintf(stderr, "%%%02X", c);
        else
            fputc(c, stderr);
    }
}

int check_mem(const char *what, const char *got, size_t got_len, const char *want, size_t want_len)
{
    if (got_len == want_len && (want_len == 0 || memcmp(got, want, want_len) == 0))
        return 1;
    fprintf(stderr, "FAIL %s: %s: got [", case_name, what);
    put_escaped(got, got_len);
    fputs("], want [", stderr);
    put_escaped(want, want_len);
    fputs("]\n", stderr);
    case_failed = 1;
    return 0;
}

int check_str(const char *what, const char *got, const char *want)
{
    if (got == NULL || want == NULL) {
        if (got == want)
            return 1;
        return check_fail("%s: got %s, want %s", what, got ? got : "NULL", want ? want : "NULL");
    }
    return check_mem(what, got, strlen(got), want, strlen(want));
}

int check_summary(void)
{
    end_case();
    printf("%ld passed, %ld failed\n", passed, failed);
    fflush(stdout);
    return failed != 0;
}
