/* SPDX-License-Identifier: MIT */
/*
 * Reassembling fragmented IPv4 and IPv6 datagrams.
 *
 * At most FRAG_SLOTS datagrams are pending, each in a buffer of FRAG_MAX bytes. A datagram is
 * decoded when its fragments cover it from 0 to the end the last fragment gives, in the frame
 * that completed it. One still incomplete after FRAG_WAIT_US of capture time, pushed out by a
 * newer one, or pending at the end of the input is decoded from the bytes it has from 0 on
 * (its transport then sees them as cut), in the frame of its last fragment; without its first
 * fragment it is dropped (nothing of it can be read).
 */
#include <stdlib.h>
#include <string.h>

#include "capture.h"

/* The largest datagram payload (an IPv4 datagram is at most 65535 bytes, header included). */
#define FRAG_MAX 65536u
/* Disjoint byte ranges a datagram may have received before it is given up. */
#define FRAG_RANGES 16

typedef struct range {
    size_t lo, hi;
} range;

typedef struct frag_slot {
    int used;
    flow f;
    uint32_t id;
    unsigned proto;
    int depth;
    uint8_t *buf;
    size_t total;             /* payload length, known once the last fragment arrived; else 0 */
    range r[FRAG_RANGES];     /* received, sorted, disjoint and not touching */
    int nr;
    uint64_t first_ts;
    unsigned long last_frame;
} frag_slot;

struct frag_table {
    frag_slot slot[FRAG_SLOTS];
    int used;
};

frag_table *frag_new(void)
{
    return calloc(1, sizeof(frag_table));
}

/* Frees the buffer of a slot and marks it free. */
static void release(frag_table *t, frag_slot *s)
{
    free(s->buf);
    s->buf = NULL;
    s->used = 0;
    t->used--;
}

void frag_free(frag_table *t)
{
    int i;
    if (!t)
        return;
    for (i = 0; i < FRAG_SLOTS; i++)
        free(t->slot[i].buf);
    free(t);
}

/* Frees slot s after decoding its first `have` bytes as a payload of `wire` bytes (the slot is
 * freed first: a tunnel inside may fill the table again). */
static void decode_and_release(decoder *d, frag_table *t, frag_slot *s, size_t have, size_t wire)
{
    uint8_t *buf = s->buf;
    flow f = s->f;
    unsigned proto = s->proto;
    int depth = s->depth;
    s->buf = NULL;
    release(t, s);
    decode_ip_payload(d, &f, proto, buf, have, wire, depth);
    free(buf);
}

/* Decodes what slot s has from byte 0 on (its last fragment's frame numbering the result),
 * then frees it. */
static void give_up(decoder *d, frag_table *t, frag_slot *s)
{
    if (s->nr > 0 && s->r[0].lo == 0) {
        unsigned long was = decoder_set_frame(d, s->last_frame);
        size_t have = s->r[0].hi;
        decode_and_release(d, t, s, have, s->total > have ? s->total : have + 1);
        decoder_set_frame(d, was);
    } else {
        release(t, s);
    }
}

/* Adds [lo, hi) to the ranges of s; 0, or -1 when there are too many. */
static int add_range(frag_slot *s, size_t lo, size_t hi)
{
    int i = 0, j;
    while (i < s->nr && s->r[i].hi < lo)
        i++;
    /* Ranges i..j-1 touch or overlap [lo, hi): they merge into one. */
    for (j = i; j < s->nr && s->r[j].lo <= hi; j++) {
        if (s->r[j].lo < lo)
            lo = s->r[j].lo;
        if (s->r[j].hi > hi)
            hi = s->r[j].hi;
    }
    if (j == i) {
        if (s->nr == FRAG_RANGES)
            return -1;
        memmove(&s->r[i + 1], &s->r[i], (size_t)(s->nr - i) * sizeof s->r[0]);
        s->nr++;
    } else if (j > i + 1) {
        memmove(&s->r[i + 1], &s->r[j], (size_t)(s->nr - j) * sizeof s->r[0]);
        s->nr -= j - i - 1;
    }
    s->r[i].lo = lo;
    s->r[i].hi = hi;
    return 0;
}

/* The slot of datagram (f, id, proto), a new one, or NULL when out of memory. */
static frag_slot *find(decoder *d, frag_table *t, const flow *f, uint32_t id, unsigned proto)
{
    frag_slot *s, *free_slot = NULL;
    while (!free_slot) {
        frag_slot *oldest = NULL;
        int i;
        for (i = 0; i < FRAG_SLOTS; i++) {
            s = &t->slot[i];
            if (!s->used) {
                if (!free_slot)
                    free_slot = s;
                continue;
            }
            if (s->id == id && s->proto == proto && s->f.family == f->family &&
                memcmp(s->f.src, f->src, 16) == 0 && memcmp(s->f.dst, f->dst, 16) == 0)
                return s;
            if (!oldest || (int64_t)(s->first_ts - oldest->first_ts) < 0)
                oldest = s;
        }
        if (!free_slot)
            give_up(d, t, oldest); /* then look again: what it decoded may have used slots */
    }
    s = free_slot;
    memset(s, 0, sizeof *s);
    s->buf = malloc(FRAG_MAX);
    if (!s->buf) {
        decoder_oom(d);
        return NULL;
    }
    s->used = 1;
    t->used++;
    s->f = *f;
    s->id = id;
    s->proto = proto;
    s->first_ts = decoder_now(d);
    return s;
}

void frag_add(decoder *d, const flow *f, uint32_t id, unsigned proto, size_t off, int more,
              const uint8_t *p, size_t n, size_t wire, int depth)
{
    frag_table *t = decoder_frags(d);
    frag_slot *s = find(d, t, f, id, proto);
    if (!s)
        return;
    if (n > wire)
        n = wire;
    if (off + wire > FRAG_MAX || add_range(s, off, off + n) < 0) {
        release(t, s); /* not a datagram that can be */
        return;
    }
    memcpy(s->buf + off, p, n);
    s->depth = depth;
    s->last_frame = decoder_frame_number(d);
    if (!more)
        s->total = off + wire;
    if (s->total && s->nr == 1 && s->r[0].lo == 0 && s->r[0].hi >= s->total)
        decode_and_release(d, t, s, s->total, s->total);
}

void frag_expire(decoder *d, int all)
{
    frag_table *t = decoder_frags(d);
    uint64_t now = decoder_now(d);
    int i;
    for (i = 0; i < FRAG_SLOTS && t->used > 0; i++) {
        frag_slot *s = &t->slot[i];
        if (s->used && (all || (int64_t)(now - s->first_ts) > (int64_t)FRAG_WAIT_US))
            give_up(d, t, s);
    }
}
