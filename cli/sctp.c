/* SPDX-License-Identifier: MIT */
/*
 * SIP over SCTP (RFC 4168): each user message of a DATA chunk (or an unfragmented I-DATA chunk)
 * is one SIP message. A message fragmented over several DATA chunks (flags B ... E, consecutive
 * TSNs on one stream) is reassembled, up to SCTP_SLOTS at once and STREAM_MAX bytes kept each;
 * a fragment sent again is ignored; a message that misses one goes out as it is, flag truncated. Payloads whose payload protocol
 * identifier is not 0 (unspecified, which SIP uses) are read only when they start with a SIP
 * start line: SCTP mostly carries signalling other than SIP (M3UA, Diameter, ...).
 */
#include <stdlib.h>
#include <string.h>

#include "capture.h"

#define CHUNK_DATA 0u
#define CHUNK_IDATA 64u
#define FLAG_END 1u
#define FLAG_BEGIN 2u

typedef struct sctp_slot {
    int used;
    flow f;                  /* addresses and ports as the chunks travel */
    uint16_t sid;            /* stream */
    uint32_t next_tsn;       /* the TSN the next fragment must have */
    uint32_t ppid;
    char *buf;
    size_t len;
    unsigned flags;
    uint64_t first_ts;
    unsigned long last_frame;
} sctp_slot;

struct sctp_table {
    sctp_slot slot[SCTP_SLOTS];
    int used;
};

static unsigned be16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

sctp_table *sctp_new(void)
{
    return calloc(1, sizeof(sctp_table));
}

void sctp_free(sctp_table *t)
{
    int i;
    if (!t)
        return;
    for (i = 0; i < SCTP_SLOTS; i++)
        free(t->slot[i].buf);
    free(t);
}

/* 1 if a user message of protocol ppid starting with p[0..n) is to be read as SIP. */
static int is_sip(uint32_t ppid, const char *p, size_t n)
{
    const char *lf;
    size_t k;
    if (ppid == 0)
        return 1;
    if (n == 0)
        return 0;
    lf = memchr(p, '\n', n);
    if (!lf)
        return 0;
    k = (size_t)(lf - p);
    return sip_start_line(p, k > 0 && p[k - 1] == '\r' ? k - 1 : k);
}

/* Hands over one user message. */
static void message(decoder *d, unsigned long number, uint32_t ppid, unsigned flags,
                    const char *p, size_t n)
{
    if (is_sip(ppid, p, n))
        decoder_emit(d, number, CLI_TRANSPORT_SCTP, flags, p, n);
}

/* Hands over what slot s holds, truncated unless `whole`, and frees it. */
static void finish(decoder *d, sctp_table *t, sctp_slot *s, int whole)
{
    char *buf = s->buf;
    s->buf = NULL;
    s->used = 0;
    t->used--;
    message(d, s->last_frame, s->ppid, s->flags | (whole ? 0u : CLI_MSG_TRUNCATED), buf, s->len);
    free(buf);
}

/* The slot of stream sid of f, or NULL. */
static sctp_slot *find(sctp_table *t, const flow *f, unsigned sid)
{
    int i;
    for (i = 0; i < SCTP_SLOTS; i++) {
        sctp_slot *s = &t->slot[i];
        if (s->used && s->sid == sid && s->f.sport == f->sport && s->f.dport == f->dport &&
            s->f.family == f->family && memcmp(s->f.src, f->src, 16) == 0 &&
            memcmp(s->f.dst, f->dst, 16) == 0)
            return s;
    }
    return NULL;
}

/* A free slot (pushing out the oldest message if there is none). */
static sctp_slot *take_slot(decoder *d, sctp_table *t)
{
    sctp_slot *oldest = NULL;
    int i;
    for (i = 0; i < SCTP_SLOTS; i++) {
        sctp_slot *s = &t->slot[i];
        if (!s->used)
            return s;
        if (!oldest || (int64_t)(s->first_ts - oldest->first_ts) < 0)
            oldest = s;
    }
    finish(d, t, oldest, 0);
    return oldest;
}

/* Appends p[0..n) to the message of slot s (beyond STREAM_MAX bytes, nothing); 0, or -1 when
 * out of memory. */
static int append(sctp_slot *s, const uint8_t *p, size_t n)
{
    char *bigger;
    if (n > STREAM_MAX - s->len)
        n = STREAM_MAX - s->len;
    if (n == 0)
        return 0;
    bigger = realloc(s->buf, s->len + n);
    if (!bigger)
        return -1;
    s->buf = bigger;
    memcpy(s->buf + s->len, p, n);
    s->len += n;
    return 0;
}

/* One DATA chunk's user data p[0..n) (cut: bytes of it were not captured). */
static void data(decoder *d, const flow *f, unsigned cflags, uint32_t tsn, unsigned sid,
                 uint32_t ppid, const uint8_t *p, size_t n, int cut)
{
    sctp_table *t = decoder_sctp(d);
    sctp_slot *s = find(t, f, sid);
    unsigned trunc = cut ? CLI_MSG_TRUNCATED : 0;
    if ((cflags & (FLAG_BEGIN | FLAG_END)) == (FLAG_BEGIN | FLAG_END)) {
        message(d, decoder_frame_number(d), ppid, trunc, (const char *)p, n);
        return;
    }
    if (s && !(cflags & FLAG_BEGIN) && (int32_t)(tsn - s->next_tsn) < 0)
        return; /* a fragment already taken, sent again */
    if (s && ((cflags & FLAG_BEGIN) || s->next_tsn != tsn)) {
        finish(d, t, s, 0); /* a fragment of it is missing */
        s = NULL;
    }
    if (!s) {
        if (!(cflags & FLAG_BEGIN))
            return; /* the middle of a message whose start was not seen */
        s = take_slot(d, t);
        memset(s, 0, sizeof *s);
        s->used = 1;
        t->used++;
        s->f = *f;
        s->sid = (uint16_t)sid;
        s->ppid = ppid;
        s->first_ts = decoder_now(d);
    }
    if (append(s, p, n) < 0) {
        decoder_oom(d);
        return;
    }
    s->flags |= trunc;
    s->next_tsn = tsn + 1;
    s->last_frame = decoder_frame_number(d);
    if (cflags & FLAG_END)
        finish(d, t, s, 1);
}

void sctp_packet(decoder *d, const flow *f, const uint8_t *p, size_t n)
{
    flow fl = *f;
    size_t off = 12;
    if (n < 12)
        return;
    fl.sport = (uint16_t)be16(p);
    fl.dport = (uint16_t)be16(p + 2);
    while (off + 4 <= n) {
        unsigned type = p[off], cflags = p[off + 1];
        size_t clen = be16(p + off + 2), have = n - off;
        int cut = clen > have;
        size_t len = cut ? have : clen;
        if (clen < 4)
            return;
        if (type == CHUNK_DATA && len >= 16)
            data(d, &fl, cflags, be32(p + off + 4), be16(p + off + 8), be32(p + off + 12),
                 p + off + 16, len - 16, cut);
        else if (type == CHUNK_IDATA && len >= 20 &&
                 (cflags & (FLAG_BEGIN | FLAG_END)) == (FLAG_BEGIN | FLAG_END))
            message(d, decoder_frame_number(d), be32(p + off + 16),
                    cut ? CLI_MSG_TRUNCATED : 0, (const char *)p + off + 20, len - 20);
        if (cut)
            return;
        off += (clen + 3) & ~(size_t)3;
    }
}

void sctp_expire(decoder *d, int all)
{
    sctp_table *t = decoder_sctp(d);
    uint64_t now = decoder_now(d);
    int i;
    for (i = 0; i < SCTP_SLOTS && t->used > 0; i++) {
        sctp_slot *s = &t->slot[i];
        if (s->used && (all || (int64_t)(now - s->first_ts) > (int64_t)FRAG_WAIT_US))
            finish(d, t, s, 0);
    }
}
