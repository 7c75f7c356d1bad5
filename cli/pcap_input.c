/* Reading SIP messages from a pcap or pcapng capture with libpcap: one per UDP payload. */
#define _DEFAULT_SOURCE /* glibc: the BSD u_int & co. <pcap/pcap.h> needs under -std=c99 */
#include <stdio.h>

#include <pcap/pcap.h>

#include "cli.h"

/* 1 if p[0..n) holds only CR and LF bytes (a keepalive, RFC 5626 §4.4.1), or nothing. */
static int only_line_ends(const unsigned char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != '\r' && p[i] != '\n')
            return 0;
    return 1;
}

/* Compiles filter into *prog for p; 0, or -1 after reporting the error. */
static int compile_filter(pcap_t *p, const char *name, const char *filter, struct bpf_program *prog)
{
    if (pcap_compile(p, prog, filter, 1, PCAP_NETMASK_UNKNOWN) == 0)
        return 0;
    fprintf(stderr, "sipmethods classify: %s: --filter: %s\n", name, pcap_geterr(p));
    return -1;
}

/* Hands each UDP payload of the frames of p (that prog, if not NULL, accepts) to fn;
 * frames are numbered from 1 as Wireshark does; 0, or -1 after reporting a read error. */
static int each_frame(pcap_t *p, const char *name, const struct bpf_program *prog,
                      cli_msg_fn fn, void *ctx)
{
    struct pcap_pkthdr *hdr;
    const unsigned char *frame, *payload;
    unsigned long number = 0;
    int dlt = pcap_datalink(p), rc;
    size_t n;
    while ((rc = pcap_next_ex(p, &hdr, &frame)) == 1) {
        number++;
        if (prog && !pcap_offline_filter(prog, hdr, frame))
            continue;
        if (udp_payload(dlt, frame, hdr->caplen, &payload, &n) && !only_line_ends(payload, n)) {
            cli_msg msg;
            msg.source = name;
            msg.number = number;
            msg.data = (const char *)payload;
            msg.len = n;
            fn(ctx, &msg);
        }
    }
    if (rc == PCAP_ERROR_BREAK)
        return 0;
    fprintf(stderr, "sipmethods classify: %s: frame %lu: %s\n", name, number + 1, pcap_geterr(p));
    return -1;
}

int capture_each(FILE *fp, const char *name, const char *filter, cli_msg_fn fn, void *ctx)
{
    char errbuf[PCAP_ERRBUF_SIZE];
    struct bpf_program prog;
    pcap_t *p = pcap_fopen_offline(fp, errbuf);
    int rc = -1;
    if (!p) {
        fprintf(stderr, "sipmethods classify: %s: %s\n", name, errbuf);
        fclose(fp);
        return -1;
    }
    if (!dlt_supported(pcap_datalink(p))) {
        const char *dlt = pcap_datalink_val_to_name(pcap_datalink(p));
        fprintf(stderr, "sipmethods classify: %s: unsupported link type %s (Ethernet, Linux cooked"
                " SLL/SLL2 and raw IP are read)\n", name, dlt ? dlt : "unknown");
    } else if (!filter) {
        rc = each_frame(p, name, NULL, fn, ctx);
    } else if (compile_filter(p, name, filter, &prog) == 0) {
        rc = each_frame(p, name, &prog, fn, ctx);
        pcap_freecode(&prog);
    }
    pcap_close(p);
    return rc;
}
