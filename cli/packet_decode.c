/*
 * Finding the UDP payload in a captured frame: Ethernet (with 802.1Q/802.1ad tags),
 * Linux cooked v1 and v2, and raw IP; IPv4 and IPv6 (skipping extension headers).
 * Only a datagram's first fragment is decoded; its payload is what the frame holds.
 */
#define _DEFAULT_SOURCE /* glibc: the BSD u_int & co. <pcap/pcap.h> needs under -std=c99 */
#include <pcap/pcap.h>

#include "cli.h"

#define ETHERTYPE_IPV4 0x0800u
#define ETHERTYPE_IPV6 0x86ddu
#define ETHERTYPE_VLAN 0x8100u
#define ETHERTYPE_QINQ 0x88a8u
#define IP_PROTO_UDP 17u

/* The big-endian 16-bit number at p. */
static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* The payload of the UDP header at p[0..n), trimmed to the UDP length. */
static int udp(const unsigned char *p, size_t n, const unsigned char **payload, size_t *len)
{
    size_t ulen;
    if (n < 8)
        return 0;
    ulen = be16(p + 4);
    if (ulen != 0 && ulen < 8)
        return 0;
    *payload = p + 8;
    *len = (ulen != 0 && ulen < n ? ulen : n) - 8; /* 0: an IPv6 jumbogram, use the frame */
    return 1;
}

/* The UDP payload of the IPv4 packet at p[0..n). */
static int ipv4(const unsigned char *p, size_t n, const unsigned char **payload, size_t *len)
{
    size_t ihl, total;
    if (n < 20 || (p[0] >> 4) != 4)
        return 0;
    ihl = (size_t)(p[0] & 0x0f) * 4;
    total = be16(p + 2);
    if (ihl < 20 || total < ihl || n < ihl || p[9] != IP_PROTO_UDP || (be16(p + 6) & 0x1fff) != 0)
        return 0;
    if (total < n)
        n = total; /* drop link-layer padding */
    return udp(p + ihl, n - ihl, payload, len);
}

/* The UDP payload of the IPv6 packet at p[0..n), past hop-by-hop, routing, fragment,
 * destination options and authentication headers. */
static int ipv6(const unsigned char *p, size_t n, const unsigned char **payload, size_t *len)
{
    size_t off = 40, plen;
    unsigned next;
    if (n < 40 || (p[0] >> 4) != 6)
        return 0;
    plen = be16(p + 4);
    if (plen != 0 && 40 + plen < n)
        n = 40 + plen;
    next = p[6];
    while (next != IP_PROTO_UDP) {
        size_t hlen;
        if (off + 8 > n)
            return 0;
        switch (next) {
        case 0: case 43: case 60:
            hlen = ((size_t)p[off + 1] + 1) * 8;
            break;
        case 44:
            if ((be16(p + off + 2) & 0xfff8) != 0)
                return 0; /* not the first fragment */
            hlen = 8;
            break;
        case 51:
            hlen = ((size_t)p[off + 1] + 2) * 4;
            break;
        default:
            return 0;
        }
        next = p[off];
        off += hlen;
    }
    return off <= n && udp(p + off, n - off, payload, len);
}

/* The UDP payload of the packet of EtherType type at p[0..n). */
static int by_ethertype(unsigned type, const unsigned char *p, size_t n,
                        const unsigned char **payload, size_t *len)
{
    if (type == ETHERTYPE_IPV4)
        return ipv4(p, n, payload, len);
    if (type == ETHERTYPE_IPV6)
        return ipv6(p, n, payload, len);
    return 0;
}

/* The UDP payload of the Ethernet frame at p[0..n), past any VLAN tags. */
static int ethernet(const unsigned char *p, size_t n, const unsigned char **payload, size_t *len)
{
    size_t off = 12;
    unsigned type;
    if (n < 14)
        return 0;
    type = be16(p + off);
    while ((type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) && off + 6 <= n) {
        off += 4;
        type = be16(p + off);
    }
    off += 2;
    return off <= n && by_ethertype(type, p + off, n - off, payload, len);
}

/* The UDP payload of the raw IP packet at p[0..n), by its version nibble. */
static int raw_ip(const unsigned char *p, size_t n, const unsigned char **payload, size_t *len)
{
    if (n == 0)
        return 0;
    return (p[0] >> 4) == 4 ? ipv4(p, n, payload, len) : ipv6(p, n, payload, len);
}

int dlt_supported(int dlt)
{
    return dlt == DLT_EN10MB || dlt == DLT_LINUX_SLL || dlt == DLT_LINUX_SLL2 ||
           dlt == DLT_RAW || dlt == DLT_IPV4 || dlt == DLT_IPV6;
}

int udp_payload(int dlt, const unsigned char *frame, size_t caplen,
                const unsigned char **payload, size_t *n)
{
    switch (dlt) {
    case DLT_EN10MB:
        return ethernet(frame, caplen, payload, n);
    case DLT_LINUX_SLL: /* 16-byte header, protocol (an EtherType) at 14 */
        return caplen >= 16 && by_ethertype(be16(frame + 14), frame + 16, caplen - 16, payload, n);
    case DLT_LINUX_SLL2: /* 20-byte header, protocol at 0 */
        return caplen >= 20 && by_ethertype(be16(frame), frame + 20, caplen - 20, payload, n);
    case DLT_RAW:
    case DLT_IPV4:
    case DLT_IPV6:
        return raw_ip(frame, caplen, payload, n);
    default:
        return 0;
    }
}
