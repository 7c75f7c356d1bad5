/* SPDX-License-Identifier: MIT */
/*
 * SIP over WebSocket (RFC 7118): RFC 6455 frames, masked (client to server) or not, text or
 * binary. Each WebSocket message is one SIP message; a message may span several frames
 * (continuations), with control frames between them. The first STREAM_MAX bytes of a message
 * are kept (its header block, in practice). Messages compressed by permessage-deflate (RSV1)
 * are not read.
 */
#include <string.h>

#include "capture.h"

#define OP_CONTINUATION 0u
#define OP_TEXT 1u
#define OP_BINARY 2u
#define OP_CLOSE 8u
#define OP_PING 9u
#define OP_PONG 10u

/* The length of the frame header whose first two bytes are h[0..2). */
static size_t header_len(const uint8_t *h)
{
    size_t n = 2;
    unsigned l = h[1] & 0x7fu;
    if (l == 126)
        n += 2;
    else if (l == 127)
        n += 8;
    if (h[1] & 0x80u)
        n += 4;
    return n;
}

/* The payload length in the complete frame header h; UINT64_MAX if its top bit is set. */
static uint64_t payload_len(const uint8_t *h)
{
    unsigned l = h[1] & 0x7fu;
    uint64_t v = 0;
    int i;
    if (l < 126)
        return l;
    if (l == 126)
        return (uint64_t)h[2] << 8 | h[3];
    for (i = 0; i < 8; i++)
        v = v << 8 | h[2 + i];
    return v >> 63 ? UINT64_MAX : v;
}

/* 1 if the complete frame header h is a valid one (opcode known, control frames short). */
static int valid_header(const uint8_t *h)
{
    unsigned op = h[0] & 0x0fu;
    uint64_t len = payload_len(h);
    if (len == UINT64_MAX)
        return 0;
    if (op == OP_CONTINUATION || op == OP_TEXT || op == OP_BINARY)
        return 1;
    return (op == OP_CLOSE || op == OP_PING || op == OP_PONG) && (h[0] & 0x80u) && len <= 125;
}

int ws_detect(const uint8_t *p, size_t n)
{
    char line[WS_DETECT_LINE];
    size_t hl, k, want, i;
    unsigned op;
    const char *lf;
    if (n == 0)
        return -1;
    op = p[0] & 0x0fu;
    if ((p[0] & 0x70u) || (op != OP_TEXT && op != OP_BINARY))
        return 0;
    if (n < 2 || n < header_len(p))
        return -1;
    hl = header_len(p);
    if (!valid_header(p))
        return 0;
    want = payload_len(p) < sizeof line ? (size_t)payload_len(p) : sizeof line;
    k = n - hl < want ? n - hl : want;
    for (i = 0; i < k; i++)
        line[i] = (char)(p[hl + i] ^ ((p[1] & 0x80u) ? p[hl - 4 + (i & 3)] : 0));
    lf = memchr(line, '\n', k);
    if (!lf)
        return k < want ? -1 : 0;
    k = (size_t)(lf - line);
    if (k > 0 && line[k - 1] == '\r')
        k--;
    return sip_start_line(line, k);
}

/* Hands over the message assembled in s->buf (flag truncated if bytes of it were lost). */
static void emit(decoder *d, stream *s)
{
    if (!s->ws_skip)
        decoder_emit(d, s->last_frame, CLI_TRANSPORT_WS, s->flags, s->buf, s->len);
    s->len = 0;
    s->flags = 0;
    s->ws_msg = 0;
    s->ws_skip = 0;
}

/* The frame whose header is complete in s->ws_hdr starts. */
static void frame_start(decoder *d, stream *s)
{
    const uint8_t *h = s->ws_hdr;
    s->ws_op = h[0] & 0x0fu;
    s->ws_fin = (h[0] & 0x80u) != 0;
    s->ws_masked = (h[1] & 0x80u) != 0;
    if (s->ws_masked)
        memcpy(s->ws_mask, h + s->ws_hlen - 4, 4);
    s->left = payload_len(h);
    s->ws_pos = 0;
    if (s->ws_op == OP_TEXT || s->ws_op == OP_BINARY) {
        if (s->ws_msg) { /* the message before was never finished */
            s->flags |= CLI_MSG_TRUNCATED;
            emit(d, s);
        }
        s->ws_msg = 1;
        s->ws_skip = (h[0] & 0x40u) != 0; /* RSV1: compressed */
        s->len = 0;
        s->flags = 0;
    }
}

/* The frame being read ended. */
static void frame_end(decoder *d, stream *s)
{
    s->ws_hlen = 0;
    if (s->ws_op <= OP_BINARY && s->ws_fin && s->ws_msg)
        emit(d, s);
}

/* Appends the payload bytes p[0..n) of a data frame to the message, unmasked (beyond
 * STREAM_MAX they are dropped). */
static void take_payload(decoder *d, stream *s, const uint8_t *p, size_t n)
{
    size_t room = STREAM_MAX - s->len, i, at = s->len;
    if (n > room)
        n = room;
    if (n == 0 || stream_append(d, s, p, n) < 0)
        return;
    if (s->ws_masked)
        for (i = 0; i < n; i++)
            s->buf[at + i] = (char)(s->buf[at + i] ^ s->ws_mask[(s->ws_pos + i) & 3]);
}

int ws_data(decoder *d, stream *s, const uint8_t *p, size_t n, size_t *used)
{
    size_t u = 0;
    while (u < n) {
        size_t need = s->ws_hlen < 2 ? 2 : header_len(s->ws_hdr), k;
        if (s->ws_hlen < need) {
            k = need - s->ws_hlen < n - u ? need - s->ws_hlen : n - u;
            memcpy(s->ws_hdr + s->ws_hlen, p + u, k);
            s->ws_hlen = (uint8_t)(s->ws_hlen + k);
            u += k;
            if (s->ws_hlen < 2 || s->ws_hlen < header_len(s->ws_hdr))
                continue;
            if (!valid_header(s->ws_hdr)) {
                *used = u;
                return -1;
            }
            frame_start(d, s);
            if (s->left == 0)
                frame_end(d, s);
            continue;
        }
        k = s->left < n - u ? (size_t)s->left : n - u;
        if (s->ws_op <= OP_BINARY && s->ws_msg && !s->ws_skip)
            take_payload(d, s, p + u, k);
        s->ws_pos += (uint32_t)k;
        s->left -= k;
        u += k;
        if (s->left == 0)
            frame_end(d, s);
    }
    *used = u;
    return 0;
}

int ws_gap(stream *s, uint64_t n)
{
    if (s->ws_hlen < 2 || s->ws_hlen < header_len(s->ws_hdr) || n >= s->left)
        return 0;
    s->left -= n;
    s->ws_pos += (uint32_t)n;
    if (s->ws_msg)
        s->flags |= CLI_MSG_TRUNCATED;
    return 1;
}
