/* SPDX-License-Identifier: MIT */
/*
 * Finding SIP messages in one direction of a TCP stream.
 *
 * The first bytes of a stream (and the first bytes after a gap that lost the framing) say what
 * it carries: HEP v3 packets ("HEP3"), WebSocket frames holding SIP (websocket.c), an HTTP
 * request or response (a WebSocket handshake when it says "Upgrade: websocket"), or else lines
 * that are hunted for a SIP start line. SIP over TCP is framed as RFC 3261 §18.3 says: a
 * header block up to its empty line, then Content-Length bytes of body; CRLF keepalives
 * between messages (RFC 5626 §3.5.1) are skipped. Only the header block is kept (at most
 * STREAM_MAX bytes); a body is counted, not stored. A message goes out when its last body
 * byte arrives, numbered by that frame. Reported on the message, never dropped silently:
 *  - a gap in its header or body, or a stream that ends inside it: flag truncated;
 *  - a header block without Content-Length: flag no-content-length, sent at once, and the
 *    lines after it are hunted for the next start line;
 *  - a header block longer than STREAM_MAX: what was kept, flag truncated.
 */
#include <stdlib.h>
#include <string.h>

#include "capture.h"

enum {
    M_DETECT,  /* at the start of the stream or after a gap: look at the bytes */
    M_HUNT,    /* skipping lines up to one that looks like a SIP start line */
    M_SIP,     /* reading a SIP header block */
    M_BODY,    /* counting a SIP body */
    M_HTTP,    /* reading an HTTP header block (a WebSocket handshake?) */
    M_WS,      /* WebSocket frames */
    M_HEP,     /* HEP v3 packets */
    M_IGNORE   /* the stream ended */
};

/* Bytes the start of a stream is held to tell what it is (a WebSocket header and a line). */
#define DETECT_MAX (14 + WS_DETECT_LINE)

/* Smallest buffer allocated; buffers larger than KEEP_MAX are freed after each message. */
#define BUF_MIN 512u
#define KEEP_MAX 8192u

int stream_append(decoder *d, stream *s, const uint8_t *p, size_t n)
{
    if (n == 0)
        return 0;
    if (n > STREAM_MAX - s->len)
        return -1;
    if (s->len + n > s->cap) {
        size_t cap = s->cap ? s->cap : BUF_MIN;
        char *bigger;
        while (cap < s->len + n)
            cap *= 2;
        if (cap > STREAM_MAX)
            cap = STREAM_MAX;
        bigger = realloc(s->buf, cap);
        if (!bigger) {
            decoder_oom(d);
            return -1;
        }
        s->buf = bigger;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, p, n);
    s->len += n;
    return 0;
}

size_t stream_held(const stream *s)
{
    return s->cap;
}

void stream_free(stream *s)
{
    free(s->buf);
    s->buf = NULL;
    s->len = s->cap = s->line = 0;
}

/* Forgets the message being read (keeping a small buffer for the next one). */
static void reset(stream *s)
{
    s->len = s->line = 0;
    s->flags = 0;
    s->clen = NO_CLEN;
    s->upgrade = 0;
    if (s->cap > KEEP_MAX)
        stream_free(s);
}

/* Hands over the message in s->buf and forgets it. */
static void emit(decoder *d, stream *s, int transport)
{
    decoder_emit(d, s->last_frame, transport, s->flags, s->buf, s->len);
    reset(s);
}

/* Length of s[0..n) without a trailing LF and the CR before it. */
static size_t chomp(const char *s, size_t n)
{
    if (n > 0 && s[n - 1] == '\n')
        n--;
    if (n > 0 && s[n - 1] == '\r')
        n--;
    return n;
}

/* 1 if s[0..n) is a prefix of "SIP/" (any case) followed by anything. */
static int version_prefix(const char *s, size_t n)
{
    static const char sip[] = "sip/";
    size_t i;
    for (i = 0; i < n && i < 4; i++)
        if ((i < 3 ? s[i] | 0x20 : s[i]) != sip[i])
            return 0;
    return 1;
}

/* 1 if the line s[0..n), cut before its line end, could be the start of a request line
 * (TOKEN SP URI [SP SIP/...]) or a status line (SIP/...). */
static int plausible_start(const char *s, size_t n)
{
    const char *sp = memchr(s, ' ', n), *sp2;
    size_t k = sp ? (size_t)(sp - s) : n;
    if (n == 0)
        return 0;
    if (version_prefix(s, k))
        return 1;
    if (!sm_is_token(s, k))
        return 0;
    if (!sp)
        return 1;
    sp2 = memchr(sp + 1, ' ', n - k - 1);
    return !sp2 || version_prefix(sp2 + 1, n - (size_t)(sp2 + 1 - s));
}

/* A SIP message cut short (gap, end of stream, too long): out with flag truncated, if it holds
 * anything that may be one. */
static void emit_cut(decoder *d, stream *s)
{
    if (s->len > 0 && (s->line > 0 || plausible_start(s->buf, chomp(s->buf, s->len)))) {
        s->flags |= CLI_MSG_TRUNCATED;
        emit(d, s, CLI_TRANSPORT_TCP);
    }
    reset(s);
}

/* 1 if the header line s[0..n) is "Upgrade:" with the token "websocket" (either in any case). */
static int upgrade_websocket(const char *s, size_t n)
{
    static const char name[] = "upgrade", value[] = "websocket";
    size_t i, j;
    if (n < sizeof name)
        return 0;
    for (i = 0; i < sizeof name - 1; i++)
        if ((s[i] | 0x20) != name[i])
            return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i == n || s[i] != ':')
        return 0;
    for (; i + sizeof value - 1 <= n; i++) {
        for (j = 0; j < sizeof value - 1 && (s[i + j] | 0x20) == value[j]; j++)
            ;
        if (j == sizeof value - 1)
            return 1;
    }
    return 0;
}

/* 1 if p[0..n) starts with the text t (of length len), 0 if not, -1 if p is a proper prefix
 * of it (more bytes are needed to tell). */
static int starts_with(const uint8_t *p, size_t n, const char *t, size_t len)
{
    if (n < len)
        return memcmp(p, t, n) == 0 ? -1 : 0;
    return memcmp(p, t, len) == 0;
}

/* What the bytes p[0..n) at the start of a stream (or after a gap) are: a mode, or -1 if more
 * bytes are needed to tell. */
static int detect(const uint8_t *p, size_t n)
{
    int hep = starts_with(p, n, "HEP3", 4), get = starts_with(p, n, "GET ", 4);
    int http = starts_with(p, n, "HTTP/", 5), ws = ws_detect(p, n);
    if (hep == 1)
        return M_HEP;
    if (get == 1 || http == 1)
        return M_HTTP;
    if (ws == 1)
        return M_WS;
    return hep < 0 || get < 0 || http < 0 || ws < 0 ? -1 : M_HUNT;
}

/* Hunting: takes bytes up to the end of a line; a SIP start line begins a message. */
static size_t hunt(decoder *d, stream *s, const uint8_t *p, size_t n)
{
    const uint8_t *lf = memchr(p, '\n', n);
    size_t k = lf ? (size_t)(lf - p) + 1 : n;
    if (s->skip_line) {
        s->skip_line = lf == NULL;
        return k;
    }
    if (stream_append(d, s, p, k) < 0) {
        s->len = 0;
        s->skip_line = lf == NULL;
        return k;
    }
    if (!lf)
        return k;
    if (sip_start_line(s->buf, chomp(s->buf, s->len))) {
        s->mode = M_SIP;
        s->line = s->len;
        s->flags = 0;
        s->clen = NO_CLEN;
    } else {
        s->len = 0;
    }
    return k;
}

/* The header block is over (the empty line read): what follows it. */
static void header_end(decoder *d, stream *s)
{
    if (s->mode == M_HTTP) {
        s->mode = s->upgrade ? M_WS : M_HUNT;
        reset(s);
        return;
    }
    if (s->clen == NO_CLEN) {
        s->flags |= CLI_MSG_NO_LENGTH;
        emit(d, s, CLI_TRANSPORT_TCP);
        s->mode = M_HUNT;
        return;
    }
    s->left = s->clen;
    s->mode = M_BODY;
    if (s->left == 0) {
        emit(d, s, CLI_TRANSPORT_TCP);
        s->mode = M_SIP;
    }
}

/* A SIP message whose header block lies whole in p[0..n), as it mostly does: read in place,
 * as header() would read it; the bytes used, or 0 to let header() read it line by line. */
static size_t in_place(decoder *d, stream *s, const uint8_t *p, size_t n)
{
    const char *b = (const char *)p, *lf;
    size_t at = 0, end, ll, clen = NO_CLEN, lim = n < STREAM_MAX ? n : STREAM_MAX;
    while (at < lim && (lf = memchr(b + at, '\n', lim - at)) != NULL) {
        end = (size_t)(lf - b) + 1;
        ll = chomp(b + at, end - at);
        if (at == 0 && !sip_start_line(b, ll))
            return 0;
        if (at > 0 && ll == 0) { /* the header block is b[0..end) */
            if (clen == NO_CLEN) {
                decoder_emit(d, s->last_frame, CLI_TRANSPORT_TCP, CLI_MSG_NO_LENGTH, b, end);
                s->mode = M_HUNT;
                return end;
            }
            if (clen <= n - end) {
                decoder_emit(d, s->last_frame, CLI_TRANSPORT_TCP, 0, b, end);
                return end + clen;
            }
            if (stream_append(d, s, p, end) < 0) /* the body comes later: keep the header */
                return n;
            s->left = clen;
            s->mode = M_BODY;
            return end;
        }
        if (at > 0 && clen == NO_CLEN)
            sip_content_length(b + at, ll, &clen); /* the first one counts */
        at = end;
    }
    return 0;
}

/* Reading a SIP or HTTP header block, one line at a time. */
static size_t header(decoder *d, stream *s, const uint8_t *p, size_t n)
{
    const uint8_t *lf;
    size_t k, ll;
    const char *line;
    if (s->len == 0 && (p[0] == '\r' || p[0] == '\n')) { /* keepalives between messages */
        for (k = 1; k < n && (p[k] == '\r' || p[k] == '\n'); k++)
            ;
        return k;
    }
    if (s->len == 0 && s->mode == M_SIP && (k = in_place(d, s, p, n)) > 0)
        return k;
    lf = memchr(p, '\n', n);
    k = lf ? (size_t)(lf - p) + 1 : n;
    if (stream_append(d, s, p, k) < 0) { /* a header block longer than STREAM_MAX */
        s->len = s->line; /* its complete lines */
        if (s->mode == M_SIP)
            emit_cut(d, s);
        reset(s);
        s->mode = M_HUNT;
        s->skip_line = lf == NULL;
        return k;
    }
    if (!lf)
        return k;
    line = s->buf + s->line;
    ll = chomp(line, s->len - s->line);
    if (ll == 0) {
        header_end(d, s);
        return k;
    }
    if (s->line == 0 && s->mode == M_SIP && !sip_start_line(line, ll)) {
        reset(s); /* not a message: hunt for one */
        s->mode = M_HUNT;
        return k;
    }
    if (s->line > 0 && s->mode == M_SIP && s->clen == NO_CLEN) {
        size_t v;
        if (sip_content_length(line, ll, &v))
            s->clen = v;
    } else if (s->mode == M_HTTP && upgrade_websocket(line, ll)) {
        s->upgrade = 1;
    }
    s->line = s->len;
    return k;
}

/* Counting the body of a SIP message; the message goes out after its last byte. */
static size_t body(decoder *d, stream *s, size_t n)
{
    size_t k = s->left < n ? (size_t)s->left : n;
    s->left -= k;
    if (s->left == 0) {
        emit(d, s, CLI_TRANSPORT_TCP);
        s->mode = M_SIP;
    }
    return k;
}

/* HEP v3 packets back to back; one that is not starts a hunt for SIP. */
static size_t hep(decoder *d, stream *s, const uint8_t *p, size_t n)
{
    size_t want = s->len < 6 ? 6 : hep_length((const uint8_t *)s->buf, s->len);
    size_t k = want - s->len < n ? want - s->len : n;
    if (stream_append(d, s, p, k) < 0 || s->len < 6)
        return k;
    want = hep_length((const uint8_t *)s->buf, s->len);
    if (want < 6) {
        reset(s);
        s->mode = M_HUNT;
    } else if (s->len == want) {
        hep_packet(d, s->last_frame, s->flags, (const uint8_t *)s->buf, s->len);
        reset(s);
    }
    return k;
}

/* At the start of a stream (or after a gap): the mode its first bytes say, taking them; what
 * is taken is read again in that mode. Bytes are held until they tell (DETECT_MAX at most). */
static size_t start(decoder *d, stream *s, const uint8_t *p, size_t n)
{
    uint8_t held[DETECT_MAX];
    size_t k = n < DETECT_MAX - s->len ? n : DETECT_MAX - s->len, len;
    int mode;
    if (s->len == 0 && (mode = detect(p, n)) >= 0) { /* decided on the spot, nothing held */
        s->mode = (uint8_t)mode;
        s->clen = NO_CLEN;
        return 0;
    }
    if (stream_append(d, s, p, k) < 0)
        return k;
    mode = detect((const uint8_t *)s->buf, s->len);
    if (mode < 0 && s->len < DETECT_MAX)
        return k;
    len = s->len;
    memcpy(held, s->buf, len);
    reset(s);
    s->mode = (uint8_t)(mode < 0 ? M_HUNT : mode);
    stream_data(d, s, held, len);
    return k;
}

void stream_data(decoder *d, stream *s, const uint8_t *p, size_t n)
{
    s->last_frame = decoder_frame_number(d);
    while (n > 0 && !decoder_stopped(d)) {
        size_t used;
        switch (s->mode) {
        case M_DETECT:
            used = start(d, s, p, n);
            break;
        case M_HUNT:
            used = hunt(d, s, p, n);
            break;
        case M_SIP:
        case M_HTTP:
            used = header(d, s, p, n);
            break;
        case M_BODY:
            used = body(d, s, n);
            break;
        case M_WS:
            if (ws_data(d, s, p, n, &used) < 0) { /* no longer WebSocket */
                reset(s);
                s->ws_hlen = s->ws_msg = 0;
                s->mode = M_HUNT;
            }
            break;
        case M_HEP:
            used = hep(d, s, p, n);
            break;
        default:
            return;
        }
        p += used;
        n -= used;
    }
}

void stream_gap(decoder *d, stream *s, uint64_t n)
{
    switch (s->mode) {
    case M_BODY:
        s->flags |= CLI_MSG_TRUNCATED;
        if (n < s->left) { /* inside the body: still in step */
            s->left -= n;
            return;
        }
        emit(d, s, CLI_TRANSPORT_TCP);
        break;
    case M_SIP:
        emit_cut(d, s);
        break;
    case M_WS:
        if (ws_gap(s, n))
            return;
        if (s->ws_msg && !s->ws_skip) {
            s->flags |= CLI_MSG_TRUNCATED;
            emit(d, s, CLI_TRANSPORT_WS);
        }
        break;
    case M_IGNORE:
        return;
    default:
        break;
    }
    reset(s);
    s->skip_line = 0;
    s->ws_hlen = 0;
    s->ws_msg = 0;
    s->mode = M_DETECT;
}

void stream_end(decoder *d, stream *s)
{
    if (s->mode == M_DETECT && s->len > 0) { /* what was held to tell: read it as it is */
        uint8_t held[DETECT_MAX];
        size_t len = s->len;
        memcpy(held, s->buf, len);
        reset(s);
        s->mode = M_HUNT;
        stream_data(d, s, held, len);
    }
    if (s->mode == M_HUNT && !s->skip_line) /* a line cut short: the start of a message? */
        s->mode = M_SIP;
    if (s->mode == M_BODY || s->mode == M_SIP || (s->mode == M_WS && s->ws_msg && !s->ws_skip)) {
        if (s->mode == M_SIP) {
            emit_cut(d, s);
        } else {
            s->flags |= CLI_MSG_TRUNCATED;
            emit(d, s, s->mode == M_WS ? CLI_TRANSPORT_WS : CLI_TRANSPORT_TCP);
        }
    }
    stream_free(s);
    s->mode = M_IGNORE;
}
