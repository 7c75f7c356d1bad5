/* SPDX-License-Identifier: MIT */
/*
 * Reassembling TCP streams, each direction of each connection (IPv4 or IPv6) on its own.
 *
 * Bytes reach the direction's stream reader (sip_stream.c) once, in sequence order: bytes
 * already passed on (retransmissions, overlaps) are cut off, segments ahead of the next
 * expected byte wait, sorted, up to TCP_OOO_MAX bytes. Bytes that will never come are a gap,
 * reported to the reader (which marks the message it hits truncated) when
 *  - the snap length cut the segment (the missing tail is known at once),
 *  - the other direction acknowledges bytes that were never seen while later ones wait,
 *  - data has waited TCP_GAP_WAIT_US of capture time, or TCP_OOO_MAX bytes are waiting,
 *  - or the connection ends (FIN reached, RST, idle for TCP_IDLE_US, end of the input).
 * A direction ends when its FIN is reached; a connection is closed when both directions ended
 * or on RST, its buffers freed at once and its entry kept TCP_CLOSED_US (so that late
 * retransmissions are known as such). At most TCP_CONN_MAX connections and TCP_HELD_MAX
 * buffered bytes in all: beyond either, the connection idle the longest is flushed and freed.
 */
#include <stdlib.h>
#include <string.h>

#include "capture.h"

#define TCP_FIN 0x01u
#define TCP_SYN 0x02u
#define TCP_RST 0x04u
#define TCP_ACK 0x10u

#define BUCKETS 65536u /* hash buckets, a power of two */

/* A segment waiting for the bytes before it: captured [seq, seq + len) of [seq, seq + wire),
 * in frame `frame`. */
typedef struct segment {
    struct segment *next;
    unsigned long frame;
    uint32_t seq, len, wire;
    uint8_t data[];
} segment;

typedef struct tcp_dir {
    uint32_t next;       /* the next byte expected */
    uint32_t fin_seq;    /* where the FIN is */
    uint8_t have_next, fin, done;
    segment *ooo;        /* waiting segments, by sequence number */
    size_t ooo_bytes;    /* their size, headers included */
    uint64_t ooo_since;  /* capture time the oldest of them arrived */
    stream st;
} tcp_dir;

typedef struct tcp_conn {
    struct tcp_conn *hnext;         /* hash chain */
    struct tcp_conn *older, *newer; /* by last activity */
    flow key;                       /* (src, sport) < (dst, dport) */
    uint64_t last_ts;
    uint8_t closed;
    tcp_dir dir[2];                 /* [0] from key.src, [1] from key.dst */
} tcp_conn;

struct tcp_table {
    tcp_conn *bucket[BUCKETS];
    tcp_conn *oldest, *newest;
    size_t count;
    size_t held; /* bytes in buffers and waiting segments */
};

/* Signed comparison of sequence numbers, modulo 2^32. */
static int32_t seq_diff(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b);
}

static unsigned be16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

tcp_table *tcp_new(void)
{
    return calloc(1, sizeof(tcp_table));
}

/* The bucket of a canonical key. */
static size_t hash(const flow *k)
{
    uint64_t h = 1469598103934665603ull ^ k->family;
    size_t i, n = k->family == 4 ? 4 : 16;
    for (i = 0; i < n; i++)
        h = (h ^ k->src[i] ^ ((uint64_t)k->dst[i] << 8)) * 1099511628211ull;
    h = (h ^ ((uint64_t)k->sport << 16 | k->dport)) * 1099511628211ull;
    return (size_t)(h ^ (h >> 29)) & (BUCKETS - 1);
}

static int same_key(const flow *a, const flow *b)
{
    return a->family == b->family && a->sport == b->sport && a->dport == b->dport &&
           memcmp(a->src, b->src, 16) == 0 && memcmp(a->dst, b->dst, 16) == 0;
}

/* Unlinks c from the activity list. */
static void lru_unlink(tcp_table *t, tcp_conn *c)
{
    if (c->older)
        c->older->newer = c->newer;
    else
        t->oldest = c->newer;
    if (c->newer)
        c->newer->older = c->older;
    else
        t->newest = c->older;
    c->older = c->newer = NULL;
}

/* Links c as the most recently active. */
static void lru_push(tcp_table *t, tcp_conn *c)
{
    c->older = t->newest;
    c->newer = NULL;
    if (t->newest)
        t->newest->newer = c;
    else
        t->oldest = c;
    t->newest = c;
}

/* Frees the waiting segments and stream buffers of direction td. */
static void dir_free(tcp_table *t, tcp_dir *td)
{
    segment *s = td->ooo, *next;
    for (; s; s = next) {
        next = s->next;
        free(s);
    }
    td->ooo = NULL;
    t->held -= td->ooo_bytes + stream_held(&td->st);
    td->ooo_bytes = 0;
    stream_free(&td->st);
}

/* Runs the stream reader call `call` on direction td, keeping t->held up to date. */
#define STREAM_CALL(t, td, call)                       \
    do {                                               \
        size_t held_before_ = stream_held(&(td)->st); \
        call;                                          \
        (t)->held += stream_held(&(td)->st);           \
        (t)->held -= held_before_;                     \
    } while (0)

/* Passes the in-order segment [td->next, + wire) with `len` bytes captured to the reader. */
static void pass_on(decoder *d, tcp_table *t, tcp_dir *td, const uint8_t *p, uint32_t len,
                    uint32_t wire)
{
    if (len)
        STREAM_CALL(t, td, stream_data(d, &td->st, p, len));
    if (wire > len) /* cut by the snap length: those bytes are gone */
        STREAM_CALL(t, td, stream_gap(d, &td->st, wire - len));
    td->next += wire;
}

/* Passes on the waiting segments that the next expected byte has reached: as bytes of the
 * frame being decoded (it filled the hole before them), or, after a gap, of their own frames. */
static void drain(decoder *d, tcp_table *t, tcp_dir *td, int own_frames)
{
    segment *s;
    while ((s = td->ooo) != NULL && seq_diff(s->seq, td->next) <= 0) {
        uint32_t k = td->next - s->seq;
        unsigned long was = own_frames ? decoder_set_frame(d, s->frame) : 0;
        td->ooo = s->next;
        td->ooo_bytes -= sizeof *s + s->len;
        t->held -= sizeof *s + s->len;
        if (k < s->wire)
            pass_on(d, t, td, s->data + (k < s->len ? k : s->len), k < s->len ? s->len - k : 0,
                    s->wire - k);
        if (own_frames)
            decoder_set_frame(d, was);
        free(s);
    }
    if (td->ooo)
        td->ooo_since = decoder_now(d);
}

/* The bytes up to `upto` will not come: reports the gaps before it and passes on what waited. */
static void skip_to(decoder *d, tcp_table *t, tcp_dir *td, uint32_t upto)
{
    while (seq_diff(td->next, upto) < 0) {
        uint32_t to = td->ooo && seq_diff(td->ooo->seq, upto) < 0 ? td->ooo->seq : upto;
        if (seq_diff(to, td->next) > 0) {
            STREAM_CALL(t, td, stream_gap(d, &td->st, (uint32_t)(to - td->next)));
            td->next = to;
        }
        drain(d, t, td, 1);
    }
}

/* Gives up waiting for what is missing before the waiting segments: all of them are passed on. */
static void skip_all(decoder *d, tcp_table *t, tcp_dir *td)
{
    while (td->ooo) {
        segment *last = td->ooo;
        while (last->next)
            last = last->next;
        skip_to(d, t, td, last->seq + last->wire);
    }
}

/* Stores a segment ahead of the next expected byte; 0, or -1 when out of memory. */
static int wait_for_gap(decoder *d, tcp_table *t, tcp_dir *td, uint32_t seq, const uint8_t *p,
                        uint32_t len, uint32_t wire)
{
    segment *s = malloc(sizeof *s + len), **at = &td->ooo;
    if (!s)
        return -1;
    s->frame = decoder_frame_number(d);
    s->seq = seq;
    s->len = len;
    s->wire = wire;
    memcpy(s->data, p, len);
    while (*at && seq_diff((*at)->seq, seq) <= 0)
        at = &(*at)->next;
    if (!td->ooo)
        td->ooo_since = decoder_now(d);
    s->next = *at;
    *at = s;
    td->ooo_bytes += sizeof *s + len;
    t->held += sizeof *s + len;
    return 0;
}

/* Takes segment bytes [seq, seq + wire) of direction td, `len` of them captured at p. */
static void take(decoder *d, tcp_table *t, tcp_dir *td, uint32_t seq, const uint8_t *p,
                 uint32_t len, uint32_t wire)
{
    if (seq_diff(seq + wire, td->next) <= 0)
        return; /* nothing new: a retransmission, or a keepalive probe */
    if (seq_diff(seq, td->next) < 0) {
        uint32_t k = td->next - seq;
        p += k < len ? k : len;
        len = k < len ? len - k : 0;
        wire -= k;
        seq = td->next;
    }
    if (seq == td->next) {
        pass_on(d, t, td, p, len, wire);
        drain(d, t, td, 0);
        return;
    }
    if (wait_for_gap(d, t, td, seq, p, len, wire) < 0) {
        decoder_oom(d);
        return;
    }
    if (td->ooo_bytes > TCP_OOO_MAX)
        skip_to(d, t, td, td->ooo->seq);
}

/* Ends direction td: what waits is passed on with its gaps, and the reader ends. */
static void dir_end(decoder *d, tcp_table *t, tcp_dir *td)
{
    if (td->done)
        return;
    skip_all(d, t, td);
    STREAM_CALL(t, td, stream_end(d, &td->st));
    td->done = 1;
}

/* Ends both directions of c and frees its buffers (the entry stays, closed). */
static void conn_close(decoder *d, tcp_table *t, tcp_conn *c)
{
    dir_end(d, t, &c->dir[0]);
    dir_end(d, t, &c->dir[1]);
    dir_free(t, &c->dir[0]);
    dir_free(t, &c->dir[1]);
    c->closed = 1;
}

/* Closes and forgets c. */
static void conn_drop(decoder *d, tcp_table *t, tcp_conn *c)
{
    tcp_conn **at = &t->bucket[hash(&c->key)];
    conn_close(d, t, c);
    while (*at != c)
        at = &(*at)->hnext;
    *at = c->hnext;
    lru_unlink(t, c);
    t->count--;
    free(c);
}

void tcp_free(tcp_table *t)
{
    tcp_conn *c, *next;
    if (!t)
        return;
    for (c = t->oldest; c; c = next) {
        next = c->newer;
        dir_free(t, &c->dir[0]);
        dir_free(t, &c->dir[1]);
        free(c);
    }
    free(t);
}

/* Resets direction td to "nothing seen" (a new connection on the same addresses and ports). */
static void dir_reset(tcp_table *t, tcp_dir *td)
{
    dir_free(t, td);
    memset(td, 0, sizeof *td);
}

/* The connection of canonical key k, created if `create`; NULL if none (or out of memory). */
static tcp_conn *lookup(decoder *d, tcp_table *t, const flow *k, int create)
{
    size_t b = hash(k);
    tcp_conn *c;
    for (c = t->bucket[b]; c; c = c->hnext)
        if (same_key(&c->key, k))
            return c;
    if (!create)
        return NULL;
    if (t->count >= TCP_CONN_MAX)
        conn_drop(d, t, t->oldest);
    c = calloc(1, sizeof *c);
    if (!c) {
        decoder_oom(d);
        return NULL;
    }
    c->key = *k;
    c->hnext = t->bucket[b];
    t->bucket[b] = c;
    lru_push(t, c);
    t->count++;
    return c;
}

/* Orders the two ends of f: 1 (and f swapped) if its destination end sorts first. */
static int canonical(flow *f)
{
    int c = memcmp(f->src, f->dst, 16);
    if (c < 0 || (c == 0 && f->sport <= f->dport))
        return 0;
    {
        uint8_t a[16];
        uint16_t port = f->sport;
        memcpy(a, f->src, 16);
        memcpy(f->src, f->dst, 16);
        memcpy(f->dst, a, 16);
        f->sport = f->dport;
        f->dport = port;
    }
    return 1;
}

void tcp_segment(decoder *d, const flow *f, const uint8_t *p, size_t n, size_t wire)
{
    tcp_table *t = decoder_tcp(d);
    size_t doff, len, wlen;
    unsigned flags;
    uint32_t seq, ack;
    flow k;
    int side;
    tcp_conn *c;
    tcp_dir *td, *other;
    if (n < 20)
        return;
    doff = (size_t)(p[12] >> 4) * 4;
    if (doff < 20 || doff > n)
        return;
    flags = p[13];
    seq = be32(p + 4);
    ack = be32(p + 8);
    len = n - doff;
    wlen = wire > n ? wire - doff : len;
    if (wlen > 0x7fffffffu || len > wlen)
        return;
    k = *f;
    k.sport = (uint16_t)be16(p);
    k.dport = (uint16_t)be16(p + 2);
    side = canonical(&k);
    c = lookup(d, t, &k, (flags & (TCP_SYN | TCP_FIN)) || wlen > 0);
    if (!c)
        return;
    if (t->newest != c) {
        lru_unlink(t, c);
        lru_push(t, c);
    }
    c->last_ts = decoder_now(d);
    td = &c->dir[side];
    other = &c->dir[!side];
    if (flags & TCP_SYN) {
        if (c->closed || (td->have_next && td->next != seq + 1)) { /* a new connection */
            dir_reset(t, td);
            dir_reset(t, other);
            c->closed = 0;
        }
        td->have_next = 1;
        td->next = seq + 1;
        seq++;
    }
    if (c->closed)
        return; /* late retransmissions */
    if (flags & TCP_RST) {
        conn_close(d, t, c);
        return;
    }
    /* The other end acknowledged bytes this capture never saw, while later ones wait. */
    if ((flags & TCP_ACK) && other->have_next && other->ooo && seq_diff(ack, other->next) > 0)
        skip_to(d, t, other, ack);
    if (!td->have_next && (wlen > 0 || (flags & TCP_FIN))) {
        td->have_next = 1; /* picked up in the middle */
        td->next = seq;
    }
    if (wlen > 0 && !td->done)
        take(d, t, td, seq, p + doff, (uint32_t)len, (uint32_t)wlen);
    if (flags & TCP_FIN) {
        td->fin = 1;
        td->fin_seq = seq + (uint32_t)wlen;
    }
    if (td->ooo && (int64_t)(decoder_now(d) - td->ooo_since) > (int64_t)TCP_GAP_WAIT_US)
        skip_to(d, t, td, td->ooo->seq);
    if (td->fin && !td->done && td->next == td->fin_seq)
        dir_end(d, t, td);
    if (td->done && other->done)
        conn_close(d, t, c);
    while (t->held > TCP_HELD_MAX && t->oldest != c)
        conn_drop(d, t, t->oldest);
}

void tcp_expire(decoder *d, int all)
{
    tcp_table *t = decoder_tcp(d);
    uint64_t now = decoder_now(d);
    while (t->oldest) {
        tcp_conn *c = t->oldest;
        if (!all && (int64_t)(now - c->last_ts) <= (int64_t)(c->closed ? TCP_CLOSED_US : TCP_IDLE_US))
            break;
        conn_drop(d, t, c);
    }
}
