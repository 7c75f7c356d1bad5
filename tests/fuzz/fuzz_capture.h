/* SPDX-License-Identifier: MIT */
/* Helpers shared by the capture fuzz targets (the CLI's frame decoder, TCP reassembler and
 * capture file reader, cli/capture.h): a message sink that checks what the decoder hands over,
 * and frame builders for the structure-aware inputs. */
#ifndef SM_FUZZ_CAPTURE_H
#define SM_FUZZ_CAPTURE_H

#include "capture.h"
#include "fuzz.h"

/* The CLI's interrupt flag (input.c, not compiled in here): never set. */
volatile sig_atomic_t cli_interrupted;

/* What a sink saw. */
typedef struct sink {
    unsigned long frames;   /* frames handed to the decoder so far */
    unsigned long messages;
    int keep;               /* keep copies of the messages (for comparisons) */
    struct kept {
        char *data;
        size_t len;
        int transport;
        unsigned flags;
    } *kept;
    size_t n_kept, cap_kept;
} sink;

/* Checks one message the decoder hands over, classifies it from an exactly-sized copy (so
 * ASan sees any read past it), and keeps it if asked. */
static inline int sink_message(void *ctx, const cli_msg *m)
{
    sink *s = ctx;
    char *copy;
    sm_message msg;
    size_t off = 0;
    int rc;
    FUZZ_CHECK(m->transport > CLI_TRANSPORT_NONE && m->transport < CLI_TRANSPORT_COUNT);
    FUZZ_CHECK((m->flags & ~(CLI_MSG_TRUNCATED | CLI_MSG_NO_LENGTH)) == 0);
    FUZZ_CHECK(m->number >= 1 && m->number <= s->frames);
    FUZZ_CHECK(m->len > 0 && m->len <= 65535);
    copy = fuzz_dup((const uint8_t *)m->data, m->len);
    rc = sm_classify(copy, m->len, &msg, &off);
    FUZZ_CHECK(rc == 0 || (rc < 0 && off <= m->len));
    FUZZ_CHECK((msg.kind == 0) == (rc < 0 && !(rc == SM_EPARTIAL && msg.kind != 0)));
    s->messages++;
    if (s->keep) {
        if (s->n_kept == s->cap_kept) {
            s->cap_kept = s->cap_kept ? 2 * s->cap_kept : 16;
            s->kept = realloc(s->kept, s->cap_kept * sizeof *s->kept);
            FUZZ_CHECK(s->kept != NULL);
        }
        s->kept[s->n_kept].data = copy;
        s->kept[s->n_kept].len = m->len;
        s->kept[s->n_kept].transport = m->transport;
        s->kept[s->n_kept].flags = m->flags;
        s->n_kept++;
    } else {
        free(copy);
    }
    return 0;
}

static inline void sink_free(sink *s)
{
    size_t i;
    for (i = 0; i < s->n_kept; i++)
        free(s->kept[i].data);
    free(s->kept);
}

/* Takes n bytes (fewer at the end) off the input. */
static inline const uint8_t *fuzz_take(const uint8_t **data, size_t *size, size_t n, size_t *got)
{
    const uint8_t *p = *data;
    *got = n < *size ? n : *size;
    *data += *got;
    *size -= *got;
    return p;
}

/* Takes one byte off the input (0 at the end). */
static inline unsigned fuzz_byte(const uint8_t **data, size_t *size)
{
    size_t got;
    const uint8_t *p = fuzz_take(data, size, 1, &got);
    return got ? p[0] : 0;
}

/* Takes a 16-bit little-endian number off the input. */
static inline unsigned fuzz_u16(const uint8_t **data, size_t *size)
{
    unsigned lo = fuzz_byte(data, size);
    return lo | fuzz_byte(data, size) << 8;
}

/* A frame being built. */
typedef struct fbuf {
    uint8_t b[4096];
    size_t n;
} fbuf;

static inline void put(fbuf *f, const void *p, size_t n)
{
    if (n > sizeof f->b - f->n)
        n = sizeof f->b - f->n;
    memcpy(f->b + f->n, p, n);
    f->n += n;
}

static inline void put16(fbuf *f, unsigned v)
{
    uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    put(f, b, 2);
}

static inline void put32(fbuf *f, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    put(f, b, 4);
}

static inline void set16(fbuf *f, size_t at, size_t v)
{
    f->b[at] = (uint8_t)(v >> 8);
    f->b[at + 1] = (uint8_t)v;
}

/* Ethernet, then an IPv4 (v6 = 0) or IPv6 header for protocol proto from host a to host b;
 * returns the offset of the IP header (finish_ip sets its length). */
static inline size_t eth_ip(fbuf *f, int v6, unsigned proto, unsigned a, unsigned b)
{
    static const uint8_t macs[12] = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1};
    size_t at;
    put(f, macs, 12);
    put16(f, v6 ? 0x86dd : 0x0800);
    at = f->n;
    if (v6) {
        uint8_t addr[16] = {0x20, 1, 0x0d, 0xb8};
        put32(f, 6u << 28);
        put16(f, 0);
        put16(f, proto << 8 | 64);
        addr[15] = (uint8_t)a;
        put(f, addr, 16);
        addr[15] = (uint8_t)b;
        put(f, addr, 16);
    } else {
        uint8_t addr[4] = {192, 0, 2, 0};
        put32(f, 0x45000000u);
        put32(f, 0x12340000u);
        put16(f, 64u << 8 | proto);
        put16(f, 0);
        addr[3] = (uint8_t)a;
        put(f, addr, 4);
        addr[3] = (uint8_t)b;
        put(f, addr, 4);
    }
    return at;
}

/* Sets the length fields of the IP header at ip to the end of the frame. */
static inline void finish_ip(fbuf *f, size_t ip)
{
    if ((f->b[ip] >> 4) == 6)
        set16(f, ip + 4, f->n - ip - 40);
    else
        set16(f, ip + 2, f->n - ip);
}

/* Decodes frame f (caplen bytes of it) from an exactly-sized copy. */
static inline void feed(decoder *d, sink *s, uint64_t ts, int linktype, const uint8_t *p,
                        size_t caplen)
{
    uint8_t *copy = (uint8_t *)fuzz_dup(p, caplen);
    decoder_frame(d, ++s->frames, ts, linktype, copy, caplen);
    free(copy);
}

#endif
