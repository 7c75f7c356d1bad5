/* SPDX-License-Identifier: MIT */
/*
 * TCP reassembly and the stream reader do not depend on how a stream was cut into segments or
 * in what order the segments came: a byte stream (SIP, WebSocket, HEP, HTTP, anything) sent in
 * one segment, and the same stream cut at fuzzed places, its segments shuffled and some sent
 * twice or overlapping, give the same messages (bytes, transport, flags) in the same order.
 *
 * Input: CUTS (1 byte), CUTS 16-bit cut positions, CUTS + 1 bytes driving the retransmissions
 * (one of a segment, or of it and the next as one overlapping segment) and the shuffle, then
 * the stream (at most STREAM_LIMIT bytes).
 */
#include "fuzz_capture.h"

#define STREAM_LIMIT 60000u
#define ISN 0xfffff000u /* the sequence numbers wrap inside the stream */

/* The frame of a segment of the stream: bytes [off, off + n), flags. */
static void segment(decoder *d, sink *s, const uint8_t *stream, size_t off, size_t n,
                    unsigned flags)
{
    fbuf f;
    size_t ip;
    f.n = 0;
    ip = eth_ip(&f, 0, 6, 1, 2);
    put16(&f, 40000);
    put16(&f, 5060);
    put32(&f, ISN + 1 + (uint32_t)off - ((flags & 0x02) ? 1 : 0));
    put32(&f, 777);
    put16(&f, 0x5000 | flags);
    put32(&f, 0xffff0000u); /* window, checksum */
    put16(&f, 0);           /* urgent pointer */
    if (n > 0) {
        uint8_t *big = malloc(f.n + n);
        FUZZ_CHECK(big != NULL);
        memcpy(big, f.b, f.n);
        memcpy(big + f.n, stream + off, n);
        big[ip + 2] = (uint8_t)((f.n + n - ip) >> 8);
        big[ip + 3] = (uint8_t)(f.n + n - ip);
        feed(d, s, 1700000000000000ull, LINKTYPE_ETHERNET, big, f.n + n);
        free(big);
        return;
    }
    finish_ip(&f, ip);
    feed(d, s, 1700000000000000ull, LINKTYPE_ETHERNET, f.b, f.n);
}

/* A segment: the stream between cut[lo] and cut[hi]. */
typedef struct span {
    size_t lo, hi;
} span;

/* Reads the stream through a decoder: SYN, the segments in order, FIN; keeps the messages in
 * *s. */
static void run(sink *s, const uint8_t *stream, size_t len, const size_t *cut, const span *seg,
                size_t n_seg)
{
    decoder *d = decoder_new("fuzz", sink_message, s);
    size_t i;
    FUZZ_CHECK(d != NULL);
    s->keep = 1;
    segment(d, s, stream, 0, 0, 0x02);
    for (i = 0; i < n_seg; i++)
        segment(d, s, stream, cut[seg[i].lo], cut[seg[i].hi] - cut[seg[i].lo], 0x18);
    segment(d, s, stream, len, 0, 0x11);
    decoder_flush(d);
    decoder_free(d);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n_cuts = fuzz_byte(&data, &size), cut[258], whole[2] = {0, 0}, i, n, len, n_cut, n_seg;
    span seg[520], one = {0, 1};
    const uint8_t *drive, *stream;
    sink a, b;
    for (i = 0; i < n_cuts; i++)
        cut[1 + i] = fuzz_u16(&data, &size);
    drive = fuzz_take(&data, &size, n_cuts + 1, &n);
    stream = data;
    len = size < STREAM_LIMIT ? size : STREAM_LIMIT;
    /* Segment boundaries: 0, the cuts inside the stream (sorted, distinct), len. */
    cut[0] = 0;
    for (i = 1; i <= n_cuts; i++)
        cut[i] = len ? cut[i] % len : 0;
    qsort(cut + 1, n_cuts, sizeof cut[0], cmp_size);
    for (n_cut = 0, i = 1; i <= n_cuts; i++)
        if (cut[i] > cut[n_cut])
            cut[++n_cut] = cut[i];
    if (len > cut[n_cut])
        cut[++n_cut] = len;
    /* Every segment once, some again (alone, or with the next one), then all shuffled. */
    for (n_seg = 0; n_seg < n_cut; n_seg++) {
        seg[n_seg].lo = n_seg;
        seg[n_seg].hi = n_seg + 1;
    }
    for (i = 0; i < n && n_cut > 0; i++)
        if (drive[i] & 0x80) {
            seg[n_seg].lo = drive[i] % n_cut;
            seg[n_seg].hi = seg[n_seg].lo + 1 + ((drive[i] & 0x40) && seg[n_seg].lo + 1 < n_cut);
            n_seg++;
        }
    for (i = n_seg; i > 1; i--) {
        size_t j = (i - 1 < n ? drive[i - 1] * 7u + i : i * 13u) % i;
        span t = seg[i - 1];
        seg[i - 1] = seg[j];
        seg[j] = t;
    }
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    run(&a, stream, len, cut, seg, n_seg);
    whole[1] = len;
    run(&b, stream, len, whole, &one, len > 0);
    FUZZ_CHECK(a.n_kept == b.n_kept);
    for (i = 0; i < a.n_kept; i++) {
        FUZZ_CHECK(a.kept[i].len == b.kept[i].len);
        FUZZ_CHECK(memcmp(a.kept[i].data, b.kept[i].data, a.kept[i].len) == 0);
        FUZZ_CHECK(a.kept[i].transport == b.kept[i].transport);
        FUZZ_CHECK(a.kept[i].flags == b.kept[i].flags);
    }
    sink_free(&a);
    sink_free(&b);
    return 0;
}
