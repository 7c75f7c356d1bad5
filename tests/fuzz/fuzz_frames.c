/* SPDX-License-Identifier: MIT */
/*
 * The CLI's frame decoder and TCP reassembler on sequences of frames: raw frames of every link
 * type it reads, and frames built from the input (TCP over IPv4 or IPv6 on four connections
 * with arbitrary sequence numbers, flags and payloads; UDP on the ports that mean something;
 * IPv4 fragments; SCTP DATA chunks; snap-length cuts; jumps of the clock; flushes). Nothing may
 * crash, leak or read out of bounds, and every message handed over must be sound (the sink in
 * fuzz_capture.h).
 */
#include "fuzz_capture.h"

static const int linktypes[] = {
    LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_NULL,
    LINKTYPE_LOOP, LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_RAW_OLD1, 147};
static const unsigned udp_ports[] = {5060, 4789, 9060, 53};

/* Appends up to max payload bytes taken off the input. */
static void payload(fbuf *f, const uint8_t **data, size_t *size, size_t max)
{
    size_t n = fuzz_u16(data, size) % (max + 1), got;
    const uint8_t *p = fuzz_take(data, size, n, &got);
    put(f, p, got);
}

/* A TCP segment on one of four connections (either direction), from the input. */
static void tcp_frame(fbuf *f, int v6, const uint8_t **data, size_t *size)
{
    unsigned conn = fuzz_byte(data, size), side = conn & 1, id = (conn >> 1) & 3;
    uint32_t base = (uint32_t)(id + 1) * 0x10000000u + (side ? 0x08000000u : 0);
    uint32_t seq = base + (uint32_t)(int16_t)fuzz_u16(data, size);
    unsigned flags = fuzz_byte(data, size);
    size_t ip = eth_ip(f, v6, 6, side ? 2 : 1, side ? 1 : 2);
    put16(f, side ? 5060 : 40000 + id);
    put16(f, side ? 40000 + id : 5060);
    put32(f, seq);
    put32(f, base + (side ? -0x08000000u : 0x08000000u) + fuzz_u16(data, size));
    put16(f, 0x5000 | flags);
    put32(f, 0xffff0000u); /* window, checksum */
    put16(f, 0);           /* urgent pointer */
    payload(f, data, size, 3000);
    finish_ip(f, ip);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sink s;
    decoder *d;
    uint64_t ts = 1700000000000000ull;
    memset(&s, 0, sizeof s);
    d = decoder_new("fuzz", sink_message, &s);
    FUZZ_CHECK(d != NULL);
    while (size > 0) {
        unsigned op = fuzz_byte(&data, &size), cut = 0;
        fbuf f;
        size_t ip, got;
        const uint8_t *p;
        f.n = 0;
        switch (op & 7) {
        case 0: { /* a raw frame */
            size_t n = fuzz_u16(&data, &size) % 4096;
            p = fuzz_take(&data, &size, n, &got);
            feed(d, &s, ts, linktypes[(op >> 3) % (sizeof linktypes / sizeof linktypes[0])], p, got);
            continue;
        }
        case 1:
        case 2:
            tcp_frame(&f, (op & 7) == 2, &data, &size);
            cut = op >> 3;
            break;
        case 3: /* UDP */
            ip = eth_ip(&f, op & 8, 17, 1, 2);
            put16(&f, 40000);
            put16(&f, udp_ports[(op >> 4) & 3]);
            put16(&f, 0);
            put16(&f, 0);
            payload(&f, &data, &size, 3000);
            set16(&f, ip + ((op & 8) ? 40 : 20) + 4, f.n - ip - ((op & 8) ? 40 : 20));
            finish_ip(&f, ip);
            break;
        case 4: /* an IPv4 fragment of datagram (op >> 4), UDP or TCP */
            ip = eth_ip(&f, 0, (op & 8) ? 6 : 17, 1, 2);
            f.b[ip + 4] = (uint8_t)(op >> 4);
            set16(&f, ip + 6, fuzz_u16(&data, &size) & 0x3fff);
            payload(&f, &data, &size, 1500);
            finish_ip(&f, ip);
            break;
        case 5: /* SCTP with one DATA chunk */
            ip = eth_ip(&f, 0, 132, 1, 2);
            put32(&f, 5060u << 16 | 5060u);
            put32(&f, 1);
            put32(&f, 0);
            put(&f, "\0", 1);
            put(&f, (uint8_t[]){(uint8_t)(op >> 3)}, 1); /* B/E flags and more */
            put16(&f, 0);                                 /* length, below */
            put32(&f, 100 + fuzz_byte(&data, &size));     /* TSN */
            put32(&f, (uint32_t)(op >> 6) << 16);        /* stream, SSN */
            put32(&f, (op & 0x20) ? 3 : 0);               /* PPID */
            payload(&f, &data, &size, 2000);
            set16(&f, ip + 20 + 14, f.n - ip - 32);
            finish_ip(&f, ip);
            break;
        case 6: /* the clock moves (backwards too) */
            ts += (uint64_t)(int64_t)(int32_t)(fuzz_u16(&data, &size) << 16 | op) * 1000u;
            continue;
        default:
            if (op & 8)
                decoder_flush(d);
            continue;
        }
        /* A cut at a fraction (1/32 steps) of the frame, as a snap length does. */
        feed(d, &s, ts, LINKTYPE_ETHERNET, f.b, cut ? f.n * cut / 32 : f.n);
    }
    decoder_flush(d);
    decoder_free(d);
    sink_free(&s);
    return 0;
}
