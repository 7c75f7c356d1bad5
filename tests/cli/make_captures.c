/*
 * Writes the captures the CLI tests read, into the directory argv[1]:
 *   eth.pcap     Ethernet: SIP over UDP/IPv4 and IPv6 on several ports, a VLAN tag, an IPv6
 *                extension header, a keepalive, a DNS-like payload, TCP, ARP and a later fragment
 *   sll.pcap     Linux cooked v1, sll2.pcap Linux cooked v2, raw.pcap raw IPv4 and IPv6
 *   nano.pcap    Ethernet with nanosecond timestamps
 *   eth.pcapng   Ethernet, written byte by byte (libpcap only writes pcap)
 *   null.pcap    BSD loopback, a link type the CLI does not read
 * Frame numbers and payloads are what test_cli.py expects.
 */
#define _DEFAULT_SOURCE /* glibc: the BSD u_int & co. <pcap/pcap.h> needs under -std=c99 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#define MAX_FRAME 2048

/* A frame being built. */
typedef struct frame {
    unsigned char b[MAX_FRAME];
    size_t n;
} frame;

/* Appends n bytes. */
static void put(frame *f, const void *p, size_t n)
{
    if (f->n + n > MAX_FRAME) {
        fputs("make_captures: frame too large\n", stderr);
        exit(1);
    }
    memcpy(f->b + f->n, p, n);
    f->n += n;
}

/* Appends a big-endian 16-bit number. */
static void put16(frame *f, unsigned v)
{
    unsigned char b[2] = {(unsigned char)(v >> 8), (unsigned char)v};
    put(f, b, 2);
}

/* Stores a big-endian 16-bit number at offset at. */
static void set16(frame *f, size_t at, size_t v)
{
    f->b[at] = (unsigned char)(v >> 8);
    f->b[at + 1] = (unsigned char)v;
}

/* Appends an Ethernet header of EtherType type. */
static void ethernet(frame *f, unsigned type)
{
    static const unsigned char macs[12] = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1};
    put(f, macs, sizeof macs);
    put16(f, type);
}

/* Appends an IPv4 header for protocol proto (lengths fixed by finish_ipv4); its offset. */
static size_t ipv4(frame *f, unsigned proto, unsigned frag)
{
    static const unsigned char addrs[8] = {192, 0, 2, 1, 192, 0, 2, 2};
    size_t at = f->n;
    unsigned char h[4] = {0x45, 0, 0, 0};
    put(f, h, 4);
    put16(f, 0x1234);
    put16(f, frag);
    h[0] = 64;
    h[1] = (unsigned char)proto;
    h[2] = h[3] = 0;
    put(f, h, 4);
    put(f, addrs, sizeof addrs);
    return at;
}

/* Appends an IPv6 header whose next header is next; its offset. */
static size_t ipv6(frame *f, unsigned next)
{
    static const unsigned char addrs[32] = {
        0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
        0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    size_t at = f->n;
    unsigned char h[4] = {0x60, 0, 0, 0};
    put(f, h, 4);
    put16(f, 0);
    h[0] = (unsigned char)next;
    h[1] = 64;
    put(f, h, 2);
    put(f, addrs, sizeof addrs);
    return at;
}

/* Appends a UDP header and payload s. */
static void udp(frame *f, unsigned sport, unsigned dport, const char *s, size_t n)
{
    put16(f, sport);
    put16(f, dport);
    put16(f, (unsigned)(8 + n));
    put16(f, 0);
    put(f, s, n);
}

/* Appends a UDP header and the text payload s. */
static void udp_text(frame *f, unsigned sport, unsigned dport, const char *s)
{
    udp(f, sport, dport, s, strlen(s));
}

/* Sets the length of the IPv4 header at ip to the end of the frame. */
static void finish_ipv4(frame *f, size_t ip)
{
    set16(f, ip + 2, f->n - ip);
}

/* Sets the payload length of the IPv6 header at ip to the end of the frame. */
static void finish_ipv6(frame *f, size_t ip)
{
    set16(f, ip + 4, f->n - ip - 40);
}

/* An Ethernet/IPv4/UDP frame carrying s. */
static frame eth4_udp(unsigned sport, unsigned dport, const char *s)
{
    frame f = {{0}, 0};
    size_t ip;
    ethernet(&f, 0x0800);
    ip = ipv4(&f, 17, 0);
    udp_text(&f, sport, dport, s);
    finish_ipv4(&f, ip);
    return f;
}

/* An Ethernet/IPv6/UDP frame carrying s. */
static frame eth6_udp(unsigned sport, unsigned dport, const char *s)
{
    frame f = {{0}, 0};
    size_t ip;
    ethernet(&f, 0x86dd);
    ip = ipv6(&f, 17);
    udp_text(&f, sport, dport, s);
    finish_ipv6(&f, ip);
    return f;
}

/* Writes frames[0..n) to path with link type dlt and timestamp precision prec. */
static void write_pcap(const char *dir, const char *name, int dlt, unsigned prec,
                       const frame *frames, size_t n)
{
    char path[4096];
    pcap_t *p = pcap_open_dead_with_tstamp_precision(dlt, 65535, prec);
    pcap_dumper_t *d;
    size_t i;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    d = p ? pcap_dump_open(p, path) : NULL;
    if (!d) {
        fprintf(stderr, "make_captures: %s: %s\n", path, p ? pcap_geterr(p) : "pcap_open_dead");
        exit(1);
    }
    for (i = 0; i < n; i++) {
        struct pcap_pkthdr h;
        h.ts.tv_sec = 1700000000 + (long)i;
        h.ts.tv_usec = 0;
        h.caplen = h.len = (bpf_u_int32)frames[i].n;
        pcap_dump((unsigned char *)d, &h, frames[i].b);
    }
    pcap_dump_close(d);
    pcap_close(p);
}

#define INVITE_SDP                                                                           \
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"                                          \
    "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9\r\n"                                \
    "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 27\r\n\r\n"          \
    "v=0\r\nc=IN IP4 192.0.2.1\r\n"

/* The frames of eth.pcap, in order (numbers as in the comment of each). */
static size_t eth_frames(frame *out)
{
    static const char dns[] = "\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x07"
                              "example\x03" "com\x00\x00\x01\x00\x01";
    frame f = {{0}, 0};
    size_t ip, n = 0;
    out[n++] = eth4_udp(5060, 5060, INVITE_SDP);                                 /* 1 */
    out[n++] = eth4_udp(5060, 5060, "SIP/2.0 100 Trying\r\nCSeq: 1 INVITE\r\n\r\n"); /* 2 */
    ethernet(&f, 0x0806);                                                        /* 3: ARP */
    put(&f, "\x00\x01\x08\x00\x06\x04\x00\x01", 8);
    out[n++] = f;
    out[n++] = eth4_udp(5080, 5062, "SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n"); /* 4 */
    out[n++] = eth4_udp(40000, 5070, "\r\n\r\n");                                /* 5: keepalive */
    out[n++] = eth6_udp(5060, 5060,                                              /* 6 */
                        "OPTIONS sip:[2001:db8::2] SIP/2.0\r\nCSeq: 7 OPTIONS\r\n\r\n");
    f.n = 0;                                                                     /* 7: DNS */
    ethernet(&f, 0x0800);
    ip = ipv4(&f, 17, 0);
    udp(&f, 33333, 53, dns, sizeof dns - 1);
    finish_ipv4(&f, ip);
    out[n++] = f;
    f.n = 0;                                                                     /* 8: TCP */
    ethernet(&f, 0x0800);
    ip = ipv4(&f, 6, 0);
    put(&f, "\x13\xc4\x13\xc4\0\0\0\1\0\0\0\0\x50\x18\x01\x00\0\0\0\0", 20);
    put(&f, "BYE sip:a@b SIP/2.0\r\n\r\n", 23); /* TCP payload */
    finish_ipv4(&f, ip);
    out[n++] = f;
    f.n = 0;                                                                     /* 9: VLAN */
    ethernet(&f, 0x8100);
    put16(&f, 42);
    put16(&f, 0x0800);
    ip = ipv4(&f, 17, 0);
    udp_text(&f, 5060, 5060, "REGISTER sip:example.com SIP/2.0\r\nCSeq: 3 REGISTER\r\n\r\n");
    finish_ipv4(&f, ip);
    out[n++] = f;
    f.n = 0;                                                                     /* 10: fragment */
    ethernet(&f, 0x0800);
    ip = ipv4(&f, 17, 185);
    put(&f, "a=rtpmap:0 PCMU/8000\r\n", 22);
    finish_ipv4(&f, ip);
    out[n++] = f;
    f.n = 0;                                                                     /* 11: IPv6 ext */
    ethernet(&f, 0x86dd);
    ip = ipv6(&f, 0);
    put(&f, "\x11\x00\x01\x04\x00\x00\x00\x00", 8); /* hop-by-hop: PadN, next UDP */
    udp_text(&f, 5061, 5061, "BYE sip:alice@192.0.2.1 SIP/2.0\r\nCSeq: 2 BYE\r\n\r\n");
    finish_ipv6(&f, ip);
    out[n++] = f;
    out[n++] = eth4_udp(5060, 5060, "INVITE <sip:a@b> SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n"); /* 12 */
    out[n++] = eth4_udp(15060, 5060, "FOO sip:a@b SIP/2.0\r\nCSeq: 2 BAR\r\n\r\n"); /* 13 */
    return n;
}

/* Writes v as 4 little-endian bytes. */
static void le32(FILE *fp, size_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    fwrite(b, 1, 4, fp);
}

/* Writes eth.pcapng: a section header, an Ethernet interface, two enhanced packet blocks. */
static void write_pcapng(const char *dir)
{
    static const unsigned char shb[28] = {
        0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 28, 0, 0, 0};
    static const unsigned char idb[20] = {
        1, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 0xff, 0xff, 0, 0, 20, 0, 0, 0};
    frame pkts[2];
    char path[4096];
    size_t i;
    FILE *fp;
    pkts[0] = eth4_udp(5060, 5060, "MESSAGE sip:bob@example.com SIP/2.0\r\nCSeq: 5 MESSAGE\r\n\r\n");
    pkts[1] = eth6_udp(5060, 5090, "SIP/2.0 486 Busy Here\r\nCSeq: 1 INVITE\r\n\r\n");
    snprintf(path, sizeof path, "%s/eth.pcapng", dir);
    fp = fopen(path, "wb");
    if (!fp) {
        perror(path);
        exit(1);
    }
    fwrite(shb, 1, sizeof shb, fp);
    fwrite(idb, 1, sizeof idb, fp);
    for (i = 0; i < 2; i++) {
        size_t pad = (4 - pkts[i].n % 4) % 4, total = 32 + pkts[i].n + pad;
        le32(fp, 6);          /* Enhanced Packet Block */
        le32(fp, total);
        le32(fp, 0);          /* interface 0 */
        le32(fp, 0);          /* timestamp, high and low */
        le32(fp, i);
        le32(fp, pkts[i].n);  /* captured length */
        le32(fp, pkts[i].n);  /* original length */
        fwrite(pkts[i].b, 1, pkts[i].n, fp);
        fwrite("\0\0\0", 1, pad, fp);
        le32(fp, total);
    }
    if (fclose(fp) != 0) {
        perror(path);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    frame frames[16], f = {{0}, 0};
    size_t n, ip;
    if (argc != 2) {
        fputs("usage: make_captures DIR\n", stderr);
        return 2;
    }
    n = eth_frames(frames);
    write_pcap(argv[1], "eth.pcap", DLT_EN10MB, PCAP_TSTAMP_PRECISION_MICRO, frames, n);

    /* Linux cooked v1: packet type, ARPHRD, address length, 8 address bytes, protocol. */
    put(&f, "\x00\x00\x00\x01\x00\x06\x02\x00\x00\x00\x00\x01\x00\x00", 14);
    put16(&f, 0x0800);
    ip = ipv4(&f, 17, 0);
    udp_text(&f, 5060, 5060, "MESSAGE sip:a@example.com SIP/2.0\r\nCSeq: 1 MESSAGE\r\n\r\n");
    finish_ipv4(&f, ip);
    write_pcap(argv[1], "sll.pcap", DLT_LINUX_SLL, PCAP_TSTAMP_PRECISION_MICRO, &f, 1);

    /* Linux cooked v2: protocol, reserved, ifindex, ARPHRD, type, address length, 8 bytes. */
    f.n = 0;
    put16(&f, 0x86dd);
    put(&f, "\x00\x00\x00\x00\x00\x02\x00\x01\x00\x06\x02\x00\x00\x00\x00\x01\x00\x00", 18);
    ip = ipv6(&f, 17);
    udp_text(&f, 5062, 5060, "NOTIFY sip:a@example.com SIP/2.0\r\nCSeq: 4 NOTIFY\r\n\r\n");
    finish_ipv6(&f, ip);
    write_pcap(argv[1], "sll2.pcap", DLT_LINUX_SLL2, PCAP_TSTAMP_PRECISION_MICRO, &f, 1);

    /* Raw IP: one IPv4, one IPv6. */
    f.n = 0;
    ip = ipv4(&f, 17, 0);
    udp_text(&f, 5060, 5060, "SUBSCRIBE sip:a@example.com SIP/2.0\r\nCSeq: 8 SUBSCRIBE\r\n\r\n");
    finish_ipv4(&f, ip);
    frames[0] = f;
    f.n = 0;
    ip = ipv6(&f, 17);
    udp_text(&f, 5060, 5060, "PUBLISH sip:a@example.com SIP/2.0\r\nCSeq: 9 PUBLISH\r\n\r\n");
    finish_ipv6(&f, ip);
    frames[1] = f;
    write_pcap(argv[1], "raw.pcap", DLT_RAW, PCAP_TSTAMP_PRECISION_MICRO, frames, 2);

    frames[0] = eth4_udp(5060, 5060, "INFO sip:a@example.com SIP/2.0\r\nCSeq: 10 INFO\r\n\r\n");
    write_pcap(argv[1], "nano.pcap", DLT_EN10MB, PCAP_TSTAMP_PRECISION_NANO, frames, 1);

    write_pcapng(argv[1]);

    f.n = 0;
    put(&f, "\x02\x00\x00\x00", 4);
    ip = ipv4(&f, 17, 0);
    udp_text(&f, 5060, 5060, "OPTIONS sip:a SIP/2.0\r\n\r\n");
    finish_ipv4(&f, ip);
    write_pcap(argv[1], "null.pcap", DLT_NULL, PCAP_TSTAMP_PRECISION_MICRO, &f, 1);
    return 0;
}
