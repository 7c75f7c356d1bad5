/* SPDX-License-Identifier: MIT */
/*
 * Reading pcap and pcapng captures from a file descriptor, as a stream: a buffer of READ_SIZE
 * bytes (more only for a larger record, up to RECORD_MAX), frames handed over in place.
 *
 * pcap: the microsecond, nanosecond and Kuznetzov formats, either byte order. pcapng: every
 * section (either byte order), each interface with its own link type, time resolution and
 * offset; enhanced, simple and (obsolete) packet blocks; other blocks skipped. Frames are
 * numbered from 1 across the file, as Wireshark does. Before it waits for more input, what
 * was written to stdout goes out, so that a reader of a pipe sees each line at once.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"

#define READ_SIZE (1u << 20)
#define RECORD_MAX (16u << 20)   /* the largest record or block read */
#define MAX_INTERFACES 4096u     /* per pcapng section */

#define PCAPNG_SHB 0x0a0d0d0au
#define PCAPNG_IDB 1u
#define PCAPNG_PB 2u
#define PCAPNG_SPB 3u
#define PCAPNG_EPB 6u

typedef struct reader {
    int fd;
    const char *name;
    uint8_t *buf;
    size_t cap, start, end; /* bytes buf[start..end) are read and not used yet */
    int eof;
    int big;                /* the file (pcapng: the section) is big-endian */
    frame_fn fn;
    void *ctx;
    unsigned long number;   /* frames so far */
    int stopped;
} reader;

/* One pcapng interface. */
typedef struct iface {
    int linktype;
    uint32_t snaplen;
    unsigned tsresol;       /* the if_tsresol option byte (6: microseconds) */
    int64_t tsoffset;       /* seconds */
    int warned;
} iface;

/* Makes `need` bytes available at r->buf + r->start: 1, 0 at the end of the input (fewer
 * are there), -1 on a read error (reported) or an interrupt. */
static int fill(reader *r, size_t need)
{
    if (r->end - r->start >= need)
        return 1;
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (need > r->cap) {
        uint8_t *bigger = realloc(r->buf, need);
        if (!bigger) {
            fprintf(stderr, "sipmethods classify: %s: out of memory\n", r->name);
            return -1;
        }
        r->buf = bigger;
        r->cap = need;
    }
    while (r->end < need) {
        ssize_t got;
        if (r->eof)
            return 0;
        fflush(stdout); /* about to wait: the lines so far go out */
        got = read(r->fd, r->buf + r->end, r->cap - r->end);
        if (got < 0 && errno == EINTR && !cli_interrupted)
            continue;
        if (got < 0) {
            if (!cli_interrupted)
                fprintf(stderr, "sipmethods classify: %s: %s\n", r->name, strerror(errno));
            return -1;
        }
        if (got == 0)
            r->eof = 1;
        r->end += (size_t)got;
    }
    return 1;
}

/* The 16/32/64-bit numbers at p in the byte order of the file (or section). */
static uint32_t rd32(const reader *r, const uint8_t *p)
{
    if (r->big)
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static unsigned rd16(const reader *r, const uint8_t *p)
{
    return r->big ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

/* Hands one frame over; 0, or 1 when the reading is to stop. */
static int frame(reader *r, uint64_t ts_us, int linktype, const uint8_t *p, size_t caplen,
                 size_t wirelen)
{
    r->number++;
    if (r->fn(r->ctx, r->number, ts_us, linktype, p, caplen, wirelen) != 0 || cli_interrupted)
        r->stopped = 1;
    return r->stopped;
}

/* Reports a capture that ends inside a record; -1. */
static int cut_short(const reader *r)
{
    fprintf(stderr, "sipmethods classify: %s: the capture ends inside frame %lu\n", r->name,
            r->number + 1);
    return -1;
}

/* Reports a link type that is not read. */
static void unsupported(const reader *r, long interface, int linktype)
{
    if (interface < 0)
        fprintf(stderr, "sipmethods classify: %s: link type %d is not read", r->name, linktype);
    else
        fprintf(stderr, "sipmethods classify: %s: interface %ld has link type %d, which is not"
                " read; its frames are skipped", r->name, interface, linktype);
    fputs(" (Ethernet, Linux cooked SLL/SLL2, raw IP and BSD loopback are)\n", stderr);
}

/* A pcap file, its 24-byte header at r->buf + r->start. */
static int read_pcap(reader *r)
{
    const uint8_t *h = r->buf + r->start;
    uint32_t magic = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
    int nano, kuznetzov, linktype, rc;
    size_t rec;
    r->big = magic == 0xa1b2c3d4u || magic == 0xa1b23c4du || magic == 0xa1b2cd34u;
    nano = magic == 0xa1b23c4du || magic == 0x4d3cb2a1u;
    kuznetzov = magic == 0xa1b2cd34u || magic == 0x34cdb2a1u;
    linktype = (int)(rd32(r, h + 20) & 0xffffu); /* the upper bits carry the FCS length */
    rec = kuznetzov ? 24 : 16;
    r->start += 24;
    if (!linktype_supported(linktype)) {
        unsupported(r, -1, linktype);
        return -1;
    }
    while ((rc = fill(r, rec)) == 1) {
        const uint8_t *p = r->buf + r->start;
        uint64_t ts = (uint64_t)rd32(r, p) * 1000000u + (nano ? rd32(r, p + 4) / 1000u : rd32(r, p + 4));
        size_t caplen = rd32(r, p + 8), wirelen = rd32(r, p + 12);
        if (caplen > RECORD_MAX) {
            fprintf(stderr, "sipmethods classify: %s: frame %lu: a record of %lu bytes\n",
                    r->name, r->number + 1, (unsigned long)caplen);
            return -1;
        }
        if ((rc = fill(r, rec + caplen)) != 1)
            return rc < 0 ? -1 : cut_short(r);
        p = r->buf + r->start;
        r->start += rec + caplen;
        if (frame(r, ts, linktype, p + rec, caplen, wirelen))
            return 0;
    }
    if (rc < 0)
        return cli_interrupted ? 0 : -1;
    return r->end > r->start ? cut_short(r) : 0;
}

/* The options of an interface description block body b[0..n) (after linktype and snaplen). */
static void idb_options(const reader *r, const uint8_t *b, size_t n, iface *ifc)
{
    size_t off = 0;
    while (off + 4 <= n) {
        unsigned code = rd16(r, b + off), len = rd16(r, b + off + 2);
        if (code == 0 || off + 4 + len > n)
            return;
        if (code == 9 && len >= 1)
            ifc->tsresol = b[off + 4];
        else if (code == 14 && len >= 8)
            ifc->tsoffset = (int64_t)((uint64_t)rd32(r, b + off + (r->big ? 4 : 8)) << 32 |
                                      rd32(r, b + off + (r->big ? 8 : 4)));
        off += 4 + ((len + 3u) & ~3u);
    }
}

/* A pcapng timestamp of interface ifc in microseconds. */
static uint64_t pcapng_time(const iface *ifc, uint64_t t)
{
    unsigned v = ifc->tsresol & 0x7fu;
    uint64_t us;
    if (ifc->tsresol & 0x80u) { /* 2^-v seconds */
        uint64_t frac;
        unsigned shift = v;
        if (v >= 64)
            return 0;
        frac = t & ((1ull << v) - 1);
        if (shift > 44) { /* frac * 10^6 must fit in 64 bits */
            frac >>= shift - 44;
            shift = 44;
        }
        us = (t >> v) * 1000000u + (frac * 1000000u >> shift);
    } else if (v >= 6) {
        for (us = t; v > 6 && us; v--)
            us /= 10;
    } else {
        for (us = t; v < 6; v++)
            us *= 10;
    }
    return us + (uint64_t)ifc->tsoffset * 1000000u;
}

/* A pcapng file, starting with a section header block at r->buf + r->start. */
static int read_pcapng(reader *r)
{
    iface *ifs = NULL;
    size_t n_ifs = 0;
    int rc, result = 0;
    while ((rc = fill(r, 12)) == 1) {
        const uint8_t *p = r->buf + r->start;
        uint32_t type, total;
        const uint8_t *b;
        size_t blen;
        if (p[0] == 0x0a && p[1] == 0x0d && p[2] == 0x0d && p[3] == 0x0a) {
            r->big = p[8] == 0x1a; /* byte-order magic 0x1a2b3c4d as written */
            n_ifs = 0;             /* a new section: new interfaces */
        }
        type = rd32(r, p);
        total = rd32(r, p + 4);
        if (total < 12 || total > RECORD_MAX) {
            fprintf(stderr, "sipmethods classify: %s: after frame %lu: a pcapng block of %lu"
                    " bytes\n", r->name, r->number, (unsigned long)total);
            result = -1;
            break;
        }
        if ((rc = fill(r, total)) != 1)
            break;
        p = r->buf + r->start;
        r->start += total;
        b = p + 8;
        blen = total - 12;
        if (type == PCAPNG_IDB && blen >= 8) {
            if (n_ifs == MAX_INTERFACES)
                continue;
            if ((n_ifs & (n_ifs - 1)) == 0 || n_ifs == 0) { /* grow at powers of two */
                iface *bigger = realloc(ifs, (n_ifs ? 2 * n_ifs : 1) * sizeof *ifs);
                if (!bigger) {
                    fprintf(stderr, "sipmethods classify: %s: out of memory\n", r->name);
                    result = -1;
                    break;
                }
                ifs = bigger;
            }
            memset(&ifs[n_ifs], 0, sizeof ifs[0]);
            ifs[n_ifs].linktype = (int)rd16(r, b);
            ifs[n_ifs].snaplen = rd32(r, b + 4);
            ifs[n_ifs].tsresol = 6;
            idb_options(r, b + 8, blen - 8, &ifs[n_ifs]);
            n_ifs++;
        } else if (type == PCAPNG_EPB || type == PCAPNG_PB || type == PCAPNG_SPB) {
            size_t id, caplen, wirelen, hdr;
            uint64_t ts = 0;
            if (type == PCAPNG_SPB) {
                id = 0;
                hdr = 4;
                if (blen < hdr)
                    continue;
                wirelen = rd32(r, b);
                caplen = wirelen < blen - hdr ? wirelen : blen - hdr;
            } else {
                hdr = 20;
                if (blen < hdr)
                    continue;
                id = type == PCAPNG_PB ? rd16(r, b) : rd32(r, b);
                ts = (uint64_t)rd32(r, b + 4) << 32 | rd32(r, b + 8);
                caplen = rd32(r, b + 12);
                wirelen = rd32(r, b + 16);
                if (caplen > blen - hdr)
                    caplen = blen - hdr;
            }
            if (id >= n_ifs) {
                fprintf(stderr, "sipmethods classify: %s: frame %lu names interface %lu, which"
                        " is not described\n", r->name, r->number + 1, (unsigned long)id);
                result = -1;
                break;
            }
            if (!linktype_supported(ifs[id].linktype) && !ifs[id].warned) {
                unsupported(r, (long)id, ifs[id].linktype);
                ifs[id].warned = 1;
                result = -1;
            }
            if (type == PCAPNG_SPB && ifs[0].snaplen && caplen > ifs[0].snaplen)
                caplen = ifs[0].snaplen;
            if (frame(r, pcapng_time(&ifs[id], ts), ifs[id].linktype, b + hdr, caplen, wirelen))
                break;
        }
    }
    free(ifs);
    if (rc < 0)
        return cli_interrupted ? result : -1;
    if (rc == 0 && r->end > r->start)
        return cut_short(r);
    return result;
}

int capture_read(int fd, const char *name, const unsigned char *head, size_t n_head,
                 frame_fn fn, void *ctx)
{
    reader r;
    int rc;
    memset(&r, 0, sizeof r);
    r.fd = fd;
    r.name = name;
    r.fn = fn;
    r.ctx = ctx;
    r.cap = READ_SIZE > n_head ? READ_SIZE : n_head;
    r.buf = malloc(r.cap);
    if (!r.buf) {
        fprintf(stderr, "sipmethods classify: %s: out of memory\n", name);
        return -1;
    }
    memcpy(r.buf, head, n_head);
    r.end = n_head;
    if (n_head >= 4 && head[0] == 0x0a && head[1] == 0x0d && head[2] == 0x0d && head[3] == 0x0a)
        rc = read_pcapng(&r);
    else if ((rc = fill(&r, 24)) == 1)
        rc = read_pcap(&r);
    else
        rc = rc < 0 ? -1 : cut_short(&r);
    free(r.buf);
    return rc;
}
