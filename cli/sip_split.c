/* SPDX-License-Identifier: MIT */
/*
 * Splitting a raw file into SIP messages.
 *
 * A message starts at the first byte that is not CR or LF. It ends before the next line that
 * looks like a start line ("SIP/x.y SP ..." or "TOKEN SP ... SP SIP/x.y"), or at the end of
 * the input, except when its header block ends with an empty line and holds a Content-Length
 * (or compact "l") header: then it ends after that many bytes of body (fewer at the end of
 * the input), whatever they hold. Read as a stream, a message goes out once the bytes read
 * decide where it ends.
 */
#include <stddef.h>

#include "cli.h"

/* Offset just past the LF ending the line at p, or len when the line has no LF. */
static size_t line_end(const char *buf, size_t len, size_t p)
{
    while (p < len && buf[p] != '\n')
        p++;
    return p < len ? p + 1 : len;
}

/* 1 if c is an ASCII decimal digit. */
static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* 1 if s[0..n) is "SIP/" 1*DIGIT "." 1*DIGIT, "SIP" in any case. */
static int is_version(const char *s, size_t n)
{
    size_t i = 4, digits;
    if (n < 7 || (s[0] | 0x20) != 's' || (s[1] | 0x20) != 'i' || (s[2] | 0x20) != 'p' || s[3] != '/')
        return 0;
    for (digits = 0; i < n && is_digit(s[i]); i++)
        digits++;
    if (digits == 0 || i == n || s[i] != '.')
        return 0;
    for (digits = 0, i++; i < n && is_digit(s[i]); i++)
        digits++;
    return digits > 0 && i == n;
}

int sip_start_line(const char *s, size_t n)
{
    size_t i, last_sp;
    for (last_sp = n; last_sp > 0 && s[last_sp - 1] != ' '; last_sp--)
        ;
    if (last_sp == 0)
        return 0;
    for (i = 0; i < last_sp && s[i] != ' '; i++)
        ;
    /* Response: the first word is the version. */
    if (is_version(s, i))
        return 1;
    /* Request: a token, SP, something, SP, the version as the last word. */
    return i > 0 && sm_is_token(s, i) && last_sp > i + 1 && is_version(s + last_sp, n - last_sp);
}

/* Length of the line [p, end) without its LF and an optional CR before it. */
static size_t line_len(const char *buf, size_t p, size_t end)
{
    size_t e = end;
    if (e > p && buf[e - 1] == '\n')
        e--;
    if (e > p && buf[e - 1] == '\r')
        e--;
    return e - p;
}

int sip_content_length(const char *s, size_t n, size_t *value)
{
    static const char name[] = "content-length";
    size_t i, v = 0, digits = 0;
    if (n == 0)
        return 0;
    if ((s[0] | 0x20) == 'l') { /* the compact form */
        i = 1;
    } else {
        for (i = 0; i < sizeof name - 1; i++) /* most header names differ within a few bytes */
            if (i == n || (s[i] | 0x20) != name[i])
                return 0;
    }
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i == n || s[i++] != ':')
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    for (; i < n && is_digit(s[i]) && digits < 9; i++, digits++)
        v = v * 10 + (size_t)(s[i] - '0');
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (digits == 0 || i != n)
        return 0;
    *value = v;
    return 1;
}

/* Stores the message buf[start..stop) in *msg and moves *pos to stop: 1; or 0 (nothing moved)
 * when `more` input is to come and the message is not `closed` (its end is not decided by the
 * bytes read). */
static int cut(sm_span *msg, size_t *pos, size_t start, size_t stop, int more, int closed)
{
    if (more && !closed)
        return 0;
    msg->off = start;
    msg->len = stop - start;
    *pos = stop;
    return 1;
}

/* 1 if the line that ends at end (line_end) is complete: its LF was read. */
static int complete(const char *buf, size_t end)
{
    return end > 0 && buf[end - 1] == '\n';
}

int sip_split_next(const char *buf, size_t len, size_t *pos, sm_span *msg, int more)
{
    size_t start = *pos, p, end = len, n, clen = 0;
    int has_clen = 0;
    while (start < len && (buf[start] == '\r' || buf[start] == '\n'))
        start++;
    if (start == len) {
        *pos = len;
        return 0;
    }
    /* The header lines, up to the empty line. */
    for (p = line_end(buf, len, start); p < len; p = end) {
        end = line_end(buf, len, p);
        n = line_len(buf, p, end);
        if (n == 0)
            break;
        if (sip_start_line(buf + p, n)) /* the header block has no end */
            return cut(msg, pos, start, p, more, complete(buf, end));
        if (!has_clen)
            has_clen = sip_content_length(buf + p, n, &clen);
    }
    if (p == len || (more && !complete(buf, end)))
        return cut(msg, pos, start, len, more, 0);
    if (has_clen)
        return cut(msg, pos, start, clen < len - end ? end + clen : len, more, clen <= len - end);
    /* No Content-Length: the body runs up to the next start line. */
    for (p = end; p < len; p = end) {
        end = line_end(buf, len, p);
        if (sip_start_line(buf + p, line_len(buf, p, end)))
            break;
    }
    return cut(msg, pos, start, p, more, p < len && complete(buf, end));
}
