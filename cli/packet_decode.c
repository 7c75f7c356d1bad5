/* SPDX-License-Identifier: MIT */
/*
 * Walking the headers of a captured frame down to the transport that carries SIP.
 *
 * Link layers: Ethernet (802.1Q/802.1ad/QinQ tags, MPLS, PPPoE), Linux cooked v1 and v2, raw
 * IP, BSD and OpenBSD loopback. IPv4, and IPv6 past its extension headers; fragments go to
 * ip_frag.c. Tunnels: IP-in-IP (4in4, 6in4, 4in6, 6in6), GRE (IP or Ethernet inside), ERSPAN
 * types I, II and III over GRE, VXLAN (UDP port 4789). Transports: UDP (one message per
 * datagram, or a HEP v3 packet), TCP (tcp_reasm.c) and SCTP (sctp.c).
 */
#include <string.h>

#include "capture.h"

#define ETHERTYPE_IPV4 0x0800u
#define ETHERTYPE_IPV6 0x86ddu
#define ETHERTYPE_VLAN 0x8100u
#define ETHERTYPE_QINQ 0x88a8u
#define ETHERTYPE_QINQ_OLD 0x9100u
#define ETHERTYPE_MPLS 0x8847u
#define ETHERTYPE_MPLS_MC 0x8848u
#define ETHERTYPE_PPPOE 0x8864u
#define ETHERTYPE_TEB 0x6558u     /* GRE: transparent Ethernet bridging */
#define ETHERTYPE_ERSPAN2 0x88beu /* GRE: ERSPAN type I (no sequence number) or II */
#define ETHERTYPE_ERSPAN3 0x22ebu

#define PROTO_HOPOPTS 0u
#define PROTO_IPIP 4u
#define PROTO_TCP 6u
#define PROTO_UDP 17u
#define PROTO_IPV6 41u
#define PROTO_ROUTING 43u
#define PROTO_FRAGMENT 44u
#define PROTO_GRE 47u
#define PROTO_AH 51u
#define PROTO_DSTOPTS 60u
#define PROTO_SCTP 132u

#define VXLAN_PORT 4789u

static void ethernet(decoder *d, const uint8_t *p, size_t n, int depth);
static void ip_packet(decoder *d, const uint8_t *p, size_t n, int depth);

/* The big-endian 16- and 32-bit numbers at p. */
static unsigned be16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The packet of EtherType type at p[0..n): IP, or a tag, label or tunnel header before it. */
static void by_ethertype(decoder *d, unsigned type, const uint8_t *p, size_t n, int depth)
{
    for (;;) {
        switch (type) {
        case ETHERTYPE_IPV4:
        case ETHERTYPE_IPV6:
            ip_packet(d, p, n, depth);
            return;
        case ETHERTYPE_VLAN:
        case ETHERTYPE_QINQ:
        case ETHERTYPE_QINQ_OLD: /* tag control, then the next EtherType */
            if (n < 4)
                return;
            type = be16(p + 2);
            p += 4;
            n -= 4;
            break;
        case ETHERTYPE_MPLS:
        case ETHERTYPE_MPLS_MC: /* labels up to the bottom of the stack, then IP by its version */
            while (n >= 4 && !(p[2] & 1)) {
                p += 4;
                n -= 4;
            }
            if (n >= 4)
                ip_packet(d, p + 4, n - 4, depth);
            return;
        case ETHERTYPE_PPPOE: /* 6-byte session header, 2-byte PPP protocol */
            if (n < 8)
                return;
            type = be16(p + 6);
            if (type == 0x0021u || type == 0x0057u)
                ip_packet(d, p + 8, n - 8, depth);
            return;
        case ETHERTYPE_TEB:
            ethernet(d, p, n, depth + 1);
            return;
        default:
            return;
        }
    }
}

/* The Ethernet frame at p[0..n). */
static void ethernet(decoder *d, const uint8_t *p, size_t n, int depth)
{
    if (n >= 14 && depth <= ENCAP_DEPTH)
        by_ethertype(d, be16(p + 12), p + 14, n - 14, depth);
}

/* A UDP datagram p[0..n) captured of `wire` bytes: VXLAN, HEP, or one SIP message. */
static void udp(decoder *d, const uint8_t *p, size_t n, size_t wire, int depth)
{
    size_t ulen;
    unsigned flags = 0;
    if (n < 8)
        return;
    ulen = be16(p + 4);
    if (ulen != 0 && ulen < 8)
        return;
    if (ulen == 0) /* an IPv6 jumbogram: the IP layer's length */
        ulen = wire;
    if (ulen > n)
        flags = CLI_MSG_TRUNCATED;
    else
        n = ulen; /* padding after the datagram */
    p += 8;
    n -= 8;
    if ((be16(p - 6) == VXLAN_PORT || be16(p - 8) == VXLAN_PORT) && n >= 8 && p[0] == 0x08 &&
        (p[1] | p[2] | p[3] | p[7]) == 0) {
        ethernet(d, p + 8, n - 8, depth + 1);
        return;
    }
    if (hep_magic(p, n)) {
        while (n > 0 && hep_magic(p, n)) { /* one or more HEP packets */
            size_t hl = hep_length(p, n);
            if (hl < 6)
                return;
            if (hl > n) {
                hep_packet(d, decoder_frame_number(d), CLI_MSG_TRUNCATED, p, n);
                return;
            }
            hep_packet(d, decoder_frame_number(d), flags, p, hl);
            p += hl;
            n -= hl;
        }
        return;
    }
    decoder_emit(d, decoder_frame_number(d), CLI_TRANSPORT_UDP, flags, (const char *)p, n);
}

/* GRE (RFC 2784/2890, version 0) at p[0..n): IP, Ethernet or ERSPAN inside. */
static void gre(decoder *d, const uint8_t *p, size_t n, int depth)
{
    unsigned flags, proto;
    size_t off = 4;
    if (n < 4)
        return;
    flags = be16(p);
    proto = be16(p + 2);
    if ((flags & 7u) != 0)
        return; /* version 1 is PPTP's enhanced GRE */
    if (flags & 0xc000u) /* checksum or routing present: checksum + offset */
        off += 4;
    if (flags & 0x2000u) /* key */
        off += 4;
    if (flags & 0x1000u) /* sequence number */
        off += 4;
    if (off > n)
        return;
    p += off;
    n -= off;
    if (proto == ETHERTYPE_ERSPAN2) {
        if (!(flags & 0x1000u)) { /* type I: the mirrored frame right after GRE */
            ethernet(d, p, n, depth);
        } else if (n >= 8 && (p[0] >> 4) == 1) { /* type II: an 8-byte header, version 1 */
            ethernet(d, p + 8, n - 8, depth);
        }
        return;
    }
    if (proto == ETHERTYPE_ERSPAN3) { /* type III: 12 bytes, 8 more with the O flag */
        size_t hl;
        unsigned ft;
        if (n < 12 || (p[0] >> 4) != 2)
            return;
        hl = (p[11] & 1u) ? 20 : 12;
        ft = (p[10] >> 2) & 0x1fu; /* frame type: 0 Ethernet, 2 IP */
        if (hl > n)
            return;
        if (ft == 0)
            ethernet(d, p + hl, n - hl, depth);
        else if (ft == 2)
            ip_packet(d, p + hl, n - hl, depth);
        return;
    }
    by_ethertype(d, proto, p, n, depth);
}

void decode_ip_payload(decoder *d, const flow *f, unsigned proto, const uint8_t *p, size_t n,
                       size_t wire, int depth)
{
    switch (proto) {
    case PROTO_UDP:
        udp(d, p, n, wire, depth);
        break;
    case PROTO_TCP:
        tcp_segment(d, f, p, n, wire);
        break;
    case PROTO_SCTP:
        sctp_packet(d, f, p, n);
        break;
    case PROTO_IPIP:
    case PROTO_IPV6:
        ip_packet(d, p, n, depth + 1);
        break;
    case PROTO_GRE:
        gre(d, p, n, depth + 1);
        break;
    default:
        break;
    }
}

/* The IPv4 packet at p[0..n). */
static void ipv4(decoder *d, const uint8_t *p, size_t n, int depth)
{
    size_t ihl, total, off;
    unsigned frag;
    flow f;
    if (n < 20)
        return;
    ihl = (size_t)(p[0] & 0x0f) * 4;
    total = be16(p + 2);
    if (total == 0) /* segmentation offload: the length was left to the NIC */
        total = n;
    if (ihl < 20 || total < ihl || n < ihl)
        return;
    if (n > total)
        n = total; /* link-layer padding */
    f.family = 4;
    memset(f.src, 0, sizeof f.src);
    memset(f.dst, 0, sizeof f.dst);
    memcpy(f.src, p + 12, 4);
    memcpy(f.dst, p + 16, 4);
    f.sport = f.dport = 0;
    frag = be16(p + 6);
    off = (size_t)(frag & 0x1fffu) * 8;
    if (off != 0 || (frag & 0x2000u))
        frag_add(d, &f, be16(p + 4), p[9], off, (frag & 0x2000u) != 0, p + ihl, n - ihl,
                 total - ihl, depth);
    else
        decode_ip_payload(d, &f, p[9], p + ihl, n - ihl, total - ihl, depth);
}

/* The IPv6 packet at p[0..n), past hop-by-hop, routing, fragment, destination options and
 * authentication headers. */
static void ipv6(decoder *d, const uint8_t *p, size_t n, int depth)
{
    size_t off = 40, plen, wire;
    unsigned next;
    flow f;
    if (n < 40)
        return;
    plen = be16(p + 4);
    wire = plen != 0 ? 40 + plen : n; /* 0: a jumbogram, or offload */
    if (n > wire)
        n = wire;
    f.family = 6;
    memcpy(f.src, p + 8, 16);
    memcpy(f.dst, p + 24, 16);
    f.sport = f.dport = 0;
    next = p[6];
    for (;;) {
        size_t hlen;
        switch (next) {
        case PROTO_HOPOPTS:
        case PROTO_ROUTING:
        case PROTO_DSTOPTS:
            if (off + 8 > n)
                return;
            hlen = ((size_t)p[off + 1] + 1) * 8;
            break;
        case PROTO_AH:
            if (off + 8 > n)
                return;
            hlen = ((size_t)p[off + 1] + 2) * 4;
            break;
        case PROTO_FRAGMENT: {
            unsigned fo;
            if (off + 8 > n)
                return;
            fo = be16(p + off + 2);
            if ((fo & 0xfff8u) != 0 || (fo & 1u)) {
                frag_add(d, &f, be32(p + off + 4), p[off], fo & 0xfff8u, fo & 1u,
                         p + off + 8, n - off - 8, wire - off - 8, depth);
                return;
            }
            hlen = 8; /* an atomic fragment: the whole datagram */
            break;
        }
        default:
            decode_ip_payload(d, &f, next, p + off, n - off, wire - off, depth);
            return;
        }
        next = p[off];
        off += hlen;
        if (off > n)
            return;
    }
}

/* An IP packet at p[0..n), by its version nibble. */
static void ip_packet(decoder *d, const uint8_t *p, size_t n, int depth)
{
    if (n == 0 || depth > ENCAP_DEPTH)
        return;
    if ((p[0] >> 4) == 4)
        ipv4(d, p, n, depth);
    else if ((p[0] >> 4) == 6)
        ipv6(d, p, n, depth);
}

/* A BSD loopback frame: a 4-byte address family (host byte order for NULL, network for LOOP). */
static void loopback(decoder *d, int big_endian, const uint8_t *p, size_t n)
{
    uint32_t af;
    if (n < 4)
        return;
    af = big_endian ? be32(p) : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
                                    (uint32_t)p[1] << 8 | p[0];
    if (!big_endian && af > 0xffffu) /* written on a big-endian machine */
        af = be32(p);
    /* AF_INET is 2 everywhere; AF_INET6 is 10, 24, 28 or 30 depending on the system. */
    if (af == 2 || af == 10 || af == 24 || af == 28 || af == 30)
        ip_packet(d, p + 4, n - 4, 0);
}

int linktype_supported(int linktype)
{
    switch (linktype) {
    case LINKTYPE_NULL: case LINKTYPE_ETHERNET: case LINKTYPE_RAW_OLD1: case LINKTYPE_RAW_OLD2:
    case LINKTYPE_RAW: case LINKTYPE_LOOP: case LINKTYPE_LINUX_SLL: case LINKTYPE_IPV4:
    case LINKTYPE_IPV6: case LINKTYPE_LINUX_SLL2:
        return 1;
    default:
        return 0;
    }
}

void decode_link(decoder *d, int linktype, const uint8_t *p, size_t n)
{
    switch (linktype) {
    case LINKTYPE_ETHERNET:
        ethernet(d, p, n, 0);
        break;
    case LINKTYPE_LINUX_SLL: /* 16-byte header, protocol (an EtherType) at 14 */
        if (n >= 16)
            by_ethertype(d, be16(p + 14), p + 16, n - 16, 0);
        break;
    case LINKTYPE_LINUX_SLL2: /* 20-byte header, protocol at 0 */
        if (n >= 20)
            by_ethertype(d, be16(p), p + 20, n - 20, 0);
        break;
    case LINKTYPE_RAW:
    case LINKTYPE_RAW_OLD1:
    case LINKTYPE_RAW_OLD2:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
        ip_packet(d, p, n, 0);
        break;
    case LINKTYPE_NULL:
        loopback(d, 0, p, n);
        break;
    case LINKTYPE_LOOP:
        loopback(d, 1, p, n);
        break;
    default:
        break;
    }
}
