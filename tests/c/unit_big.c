/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sipmethods.h>

#include "check.h"
#include "unit.h"

#define BIG ((size_t)4 << 20)
#define REQUEST_LINE "OPTIONS sip:a@b SIP/2.0\r\n"

/* Fills buf[0..n) with copies of pattern (n a multiple of its length); returns buf + n. */
static char *fill(char *buf, const char *pattern, size_t n)
{
    size_t k = strlen(pattern), i;
    for (i = 0; i + k <= n; i += k)
        memcpy(buf + i, pattern, k);
    return buf + n;
}

/* Appends the C string s at p; returns the end. */
static char *put(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n);
    return p + n;
}

/* Tokens and letters of 4 MB, valid and with a bad last byte. */
static void big_tokens(char *buf)
{
    uint32_t set = 0;
    size_t off = 0;
    check_case("4 MB token");
    fill(buf, "a", BIG);
    check_int("sm_is_token", sm_is_token(buf, BIG), 1);
    check_int("sm_lookup", sm_lookup(buf, BIG), SM_OTHER);
    check_int("sm_lookup_ci", sm_lookup_ci(buf, BIG), SM_OTHER);
    check_int("sm_reject_status, none allowed", sm_reject_status(buf, BIG, 0), 501);
    check_int("sm_reject_status, OTHER allowed", sm_reject_status(buf, BIG, SM_OTHER), 0);
    buf[BIG - 1] = '@';
    check_int("sm_is_token, @ last", sm_is_token(buf, BIG), 0);
    check_int("sm_lookup, @ last", sm_lookup(buf, BIG), 0);
    check_int("sm_reject_status, @ last", sm_reject_status(buf, BIG, SM_OTHER), 400);

    check_case("4 MB of letters");
    fill(buf, "iI", BIG);
    check_int("sm_from_letters", sm_from_letters(buf, BIG, &set, &off), 0);
    check_int("set", set, SM_INVITE);
    buf[BIG - 1] = 'g';
    check_int("sm_from_letters, g last", sm_from_letters(buf, BIG, &set, &off), SM_ELETTER);
    check_int("err_offset", (long long)off, (long long)(BIG - 1));
}

/* Allow values of 4 MB: repeated registered methods, many extensions, an error at the end. */
static void big_allow(char *buf)
{
    sm_set set = 0;
    sm_span token;
    uint32_t id;
    size_t off = 0, pos = 0, count = 0;
    int r;
    check_case("4 MB Allow value");
    fill(buf, "INVITE, ", BIG);
    check_int("sm_allow_parse", sm_allow_parse(buf, BIG, &set, &off), 0);
    check_int("set", set, SM_INVITE);
    fill(buf, "X,", BIG);
    check_int("sm_allow_parse, 2M extensions", sm_allow_parse(buf, BIG, &set, &off), 0);
    check_int("set", set, 0);
    while ((r = sm_allow_next(buf, BIG, &pos, &token, &id, &off)) == 1)
        count++;
    check_int("sm_allow_next's end", r, 0);
    check_int("elements", (long long)count, (long long)(BIG / 2));
    buf[BIG - 1] = '@';
    check_int("sm_allow_parse, @ last", sm_allow_parse(buf, BIG, &set, &off), SM_EALLOW);
    check_int("err_offset", (long long)off, (long long)(BIG - 1));
}

/* Messages of about 4 MB: no line end, a CSeq after 4 MB of headers, 4 MB of leading CRLFs,
 * a 4 MB URI, a 4 MB reason phrase. */
static void big_classify(char *buf)
{
    sm_message m;
    size_t off = 0;
    char *end;
    check_case("4 MB messages");
    fill(buf, "a", BIG);
    check_int("no line end", sm_classify(buf, BIG, &m, &off), SM_EPARTIAL);
    check_int("err_offset", (long long)off, (long long)BIG);

    end = put(buf, REQUEST_LINE);
    end = fill(end, "X: y\r\n", BIG - BIG % 6);
    end = put(end, "CSeq: 9 OPTIONS\r\n\r\n");
    check_int("CSeq after 4 MB of headers", sm_classify(buf, (size_t)(end - buf), &m, &off), 0);
    check_int("consumed", (long long)m.consumed, 25);
    check_int("has_cseq", m.has_cseq, 1);
    check_int("cseq", m.cseq, 9);

    end = put(fill(buf, "\r\n", BIG), REQUEST_LINE);
    check_int("after 4 MB of CRLFs", sm_classify(buf, (size_t)(end - buf), &m, &off), SM_EPARTIAL);
    check_int("consumed", (long long)m.consumed, (long long)(BIG + 25));
    check_int("method offset", (long long)m.method.off, (long long)BIG);

    end = put(fill(put(buf, "INVITE sip:"), "a", BIG), " SIP/2.0\r\n");
    check_int("a 4 MB URI", sm_classify(buf, (size_t)(end - buf), &m, &off), SM_EPARTIAL);
    check_int("consumed", (long long)m.consumed, (long long)(end - buf));
    check_int("uri.len", (long long)m.uri.len, (long long)(BIG + 4));

    end = put(fill(put(buf, "SIP/2.0 200 "), "x", BIG), "\r\n");
    check_int("a 4 MB reason", sm_classify(buf, (size_t)(end - buf), &m, &off), SM_EPARTIAL);
    check_int("consumed", (long long)m.consumed, (long long)(end - buf));
    check_int("reason.len", (long long)m.reason.len, (long long)BIG);
}

void unit_big(void)
{
    char *buf = malloc(BIG + 64);
    if (buf == NULL) {
        check_case("4 MB inputs");
        check_fail("out of memory");
        return;
    }
    big_tokens(buf);
    big_allow(buf);
    big_classify(buf);
    free(buf);
}
