/* SPDX-License-Identifier: MIT */
/* Start line (RFC 3261 §7.1, §7.2) and CSeq (§20.16) of a raw SIP message.
 * The rules where RFC 3261 leaves room are in docs/spec.md §4. */
#include <string.h>

#include "internal.h"

/* Where a failure is recorded while the start line and CSeq are read. */
typedef struct failure {
    size_t offset;
} failure;

/* Records a failure at offset off and returns err. */
static int fail(failure *f, int err, size_t off)
{
    f->offset = off;
    return err;
}

static sm_span span(size_t from, size_t to)
{
    sm_span sp;
    sp.off = from;
    sp.len = to - from;
    return sp;
}

/* 1 if b[0..n) is "SIP/" 1*DIGIT "." 1*DIGIT, "SIP" in any case (RFC 3261 §7.1). */
static int is_version(const char *b, size_t n)
{
    size_t i = 4, major, minor;
    if (n < 7 || (b[0] & ~0x20) != 'S' || (b[1] & ~0x20) != 'I' || (b[2] & ~0x20) != 'P' || b[3] != '/')
        return 0;
    for (major = i; i < n && SM_IS(b[i], SM_C_DIGIT); i++)
        ;
    if (i == major || i == n || b[i] != '.')
        return 0;
    for (minor = ++i; i < n && SM_IS(b[i], SM_C_DIGIT); i++)
        ;
    return i > minor && i == n;
}

/* 1 if u[0..n) is scheme ":" 1*uric (RFC 3261 §25.1 absoluteURI, loosely). */
static int is_uri(const char *u, size_t n)
{
    size_t i = 1;
    if (n == 0 || !SM_IS(u[0], SM_C_ALPHA))
        return 0;
    while (i < n && SM_IS(u[i], SM_C_SCHEME))
        i++;
    if (i + 1 >= n || u[i] != ':')
        return 0;
    for (i++; i < n; i++) {
        if (!SM_IS(u[i], SM_C_URIC))
            return 0;
    }
    return 1;
}

/* Index of the first SP in b[i..end), or end. */
static size_t to_sp(const char *b, size_t i, size_t end)
{
    while (i < end && b[i] != ' ')
        i++;
    return i;
}

/* Request-Line = Method SP Request-URI SP SIP-Version, in b[p..end). */
static int request_line(const char *b, size_t p, size_t end, sm_message *out, failure *f)
{
    size_t i = p + sm__token_run(b + p, end - p), u;
    if (i == p || (i < end && b[i] != ' '))
        return fail(f, SM_EMETHOD, i);
    if (i == end)
        return fail(f, SM_ENOSP, end);
    out->method = span(p, i);
    out->method_id = sm__classify_token(b + p, i - p);
    if (++i < end && b[i] == ' ')
        return fail(f, SM_ESP, i);
    u = i;
    i = to_sp(b, i, end);
    if (!is_uri(b + u, i - u))
        return fail(f, SM_EURI, u);
    if (i == end)
        return fail(f, SM_ENOSP, end);
    out->uri = span(u, i);
    if (++i < end && b[i] == ' ')
        return fail(f, SM_ESP, i);
    u = i;
    i = to_sp(b, i, end);
    if (!is_version(b + u, i - u))
        return fail(f, SM_EVERSION, u);
    if (i < end)
        return fail(f, SM_ESP, i);
    out->version = span(u, i);
    out->kind = SM_REQUEST;
    return 0;
}

/* Status-Line = SIP-Version SP Status-Code SP Reason-Phrase, in b[p..end). */
static int status_line(const char *b, size_t p, size_t end, sm_message *out, failure *f)
{
    size_t i = to_sp(b, p, end), s;
    if (!is_version(b + p, i - p))
        return fail(f, SM_EVERSION, p);
    if (i == end)
        return fail(f, SM_ENOSP, end);
    out->version = span(p, i);
    if (++i < end && b[i] == ' ')
        return fail(f, SM_ESP, i);
    s = i;
    i = to_sp(b, i, end);
    if (i - s != 3 || b[s] < '1' || b[s] > '6' || !SM_IS(b[s + 1], SM_C_DIGIT) ||
        !SM_IS(b[s + 2], SM_C_DIGIT))
        return fail(f, SM_ESTATUS, s);
    if (i == end)
        return fail(f, SM_ENOSP, end);
    out->status = (b[s] - '0') * 100 + (b[s + 1] - '0') * 10 + (b[s + 2] - '0');
    for (s = ++i; i < end; i++) {
        unsigned char c = (unsigned char)b[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return fail(f, SM_EREASON, i);
    }
    out->reason = span(s, end);
    out->kind = SM_RESPONSE;
    return 0;
}

/* 1 if the input ends at b[i] or inside a CRLF there. */
static int ends_at(const char *b, size_t len, size_t i)
{
    return i == len || (i + 1 == len && b[i] == '\r');
}

/* 1 if the input ends at b[i], or inside or just after the line end there: a fold may follow. */
static int cut_short(const char *b, size_t len, size_t i)
{
    size_t rest = len - i;
    return rest == 0 || (rest == 1 && (b[i] == '\r' || b[i] == '\n')) ||
           (rest == 2 && b[i] == '\r' && b[i + 1] == '\n');
}

/* 1 if b[i] starts a line end (sm__skip_lws has already taken the folds). */
static int at_line_end(const char *b, size_t len, size_t i)
{
    return b[i] == '\n' || (i + 1 < len && b[i] == '\r' && b[i + 1] == '\n');
}

/* CSeq value (LWS 1*DIGIT LWS Method LWS) from b[i]: 0 found, SM_EPARTIAL cut short, or SM_ECSEQ. */
static int cseq_value(const char *b, size_t len, size_t i, sm_message *out, failure *f)
{
    size_t d, m, e;
    uint64_t num = 0;
    d = i = sm__skip_lws(b, len, i);
    for (; i < len && SM_IS(b[i], SM_C_DIGIT); i++) {
        if (i - d < 10)
            num = num * 10 + (uint64_t)(b[i] - '0');
    }
    if (cut_short(b, len, i))
        return SM_EPARTIAL;
    if (i == d)
        return fail(f, SM_ECSEQ, i);
    if (i - d > 10 || num > 2147483647u)
        return fail(f, SM_ECSEQ, d);
    m = sm__skip_lws(b, len, i);
    if (cut_short(b, len, m))
        return SM_EPARTIAL;
    if (m == i)
        return fail(f, SM_ECSEQ, i);
    e = m + sm__token_run(b + m, len - m);
    if (ends_at(b, len, e))
        return SM_EPARTIAL; /* the method may go on */
    if (e == m)
        return fail(f, SM_ECSEQ, m);
    i = sm__skip_lws(b, len, e);
    if (ends_at(b, len, i))
        return SM_EPARTIAL; /* a line end after the method completes the value: only LWS may follow */
    if (!at_line_end(b, len, i))
        return fail(f, SM_ECSEQ, i);
    out->has_cseq = 1;
    out->cseq = (uint32_t)num;
    out->cseq_method = span(m, e);
    out->cseq_method_id = sm__classify_token(b + m, e - m);
    return 0;
}

/* If the header line at b[p..end) is named CSeq, the offset just past its colon; else 0. */
static size_t cseq_colon(const char *b, size_t p, size_t end)
{
    size_t i = p + 4;
    if (end - p < 5 || (b[p] & ~0x20) != 'C' || (b[p + 1] & ~0x20) != 'S' ||
        (b[p + 2] & ~0x20) != 'E' || (b[p + 3] & ~0x20) != 'Q')
        return 0;
    while (i < end && SM_IS(b[i], SM_C_WSP))
        i++;
    return i < end && b[i] == ':' ? i + 1 : 0;
}

/* Finds the first CSeq header in the header block starting at b[p]: 0 (found, or the block
 * ended without one), SM_EPARTIAL (the input ended first), or SM_ECSEQ. */
static int find_cseq(const char *b, size_t len, size_t p, sm_message *out, failure *f)
{
    while (p < len) {
        const char *lf = memchr(b + p, '\n', len - p);
        size_t eol, end, colon;
        if (lf == NULL)
            break; /* a header line the input cuts */
        eol = (size_t)(lf - b);
        end = eol > p && b[eol - 1] == '\r' ? eol - 1 : eol;
        if (end == p)
            return 0; /* the blank line: nothing after it is read */
        colon = SM_IS(b[p], SM_C_WSP) ? 0 : cseq_colon(b, p, end);
        if (colon)
            return cseq_value(b, len, colon, out, f); /* only the first CSeq counts */
        p = eol + 1;
    }
    return SM_EPARTIAL;
}

int sm_classify(const char *buf, size_t len, sm_message *out, size_t *err_offset)
{
    size_t p = 0, eol, end;
    const char *lf;
    failure f = {0};
    int r;
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (out == NULL || (buf == NULL && len > 0))
        r = fail(&f, SM_EARG, 0);
    else {
        for (;;) { /* RFC 3261 §7.5: skip line ends before the start line */
            if (p < len && buf[p] == '\n')
                p++;
            else if (p + 1 < len && buf[p] == '\r' && buf[p + 1] == '\n')
                p += 2;
            else
                break;
        }
        lf = p < len ? memchr(buf + p, '\n', len - p) : NULL;
        if (lf == NULL)
            r = SM_EPARTIAL;
        else {
            eol = (size_t)(lf - buf);
            end = buf[eol - 1] == '\r' ? eol - 1 : eol;
            if (end - p >= 4 && (buf[p] & ~0x20) == 'S' && (buf[p + 1] & ~0x20) == 'I' &&
                (buf[p + 2] & ~0x20) == 'P' && buf[p + 3] == '/')
                r = status_line(buf, p, end, out, &f);
            else
                r = request_line(buf, p, end, out, &f);
            if (r == 0) {
                out->consumed = eol + 1;
                r = find_cseq(buf, len, eol + 1, out, &f);
            }
        }
    }
    if (r == SM_EPARTIAL) /* out keeps the start line, if it was complete */
        f.offset = len;
    else if (r < 0 && out != NULL)
        memset(out, 0, sizeof *out);
    if (r < 0) {
        if (err_offset != NULL)
            *err_offset = f.offset;
        return r;
    }
    if (out->kind == SM_REQUEST && out->has_cseq)
        out->cseq_mismatch = out->cseq_method.len != out->method.len ||
                             memcmp(buf + out->cseq_method.off, buf + out->method.off, out->method.len) != 0;
    return 0;
}
