/* SPDX-License-Identifier: MIT */
/* What the CLI takes from libpcap: BPF filters (compiled per link type, run on each frame read)
 * and live capture on an interface. */
#define _DEFAULT_SOURCE /* glibc: the BSD u_int & co. <pcap/pcap.h> needs under -std=c99 */
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "capture.h"

#define SNAPLEN 262144
#define FILTER_LINKTYPES 8 /* distinct link types one capture may mix */

/* The filter expression compiled for one link type. */
typedef struct compiled {
    int linktype;
    struct bpf_program prog;
} compiled;

struct frame_filter {
    const char *name, *expr;
    compiled prog[FILTER_LINKTYPES];
    int n;
};

/* The libpcap DLT_ value of a file's LINKTYPE_ value (they differ for raw IP only). */
static int dlt_of(int linktype)
{
    return linktype == LINKTYPE_RAW ? DLT_RAW : linktype;
}

/* The LINKTYPE_ value of a libpcap DLT_ value. */
static int linktype_of(int dlt)
{
    return dlt == DLT_RAW ? LINKTYPE_RAW : dlt;
}

/* Compiles f->expr for linktype into f->prog[f->n]; 0, or -1 after reporting the error. */
static int compile(frame_filter *f, int linktype)
{
    pcap_t *dead = pcap_open_dead(dlt_of(linktype), SNAPLEN);
    int rc = -1;
    if (!dead) {
        fprintf(stderr, "sipmethods classify: %s: out of memory\n", f->name);
        return -1;
    }
    if (pcap_compile(dead, &f->prog[f->n].prog, f->expr, 1, PCAP_NETMASK_UNKNOWN) == 0) {
        f->prog[f->n++].linktype = linktype;
        rc = 0;
    } else {
        fprintf(stderr, "sipmethods classify: %s: --filter: %s\n", f->name, pcap_geterr(dead));
    }
    pcap_close(dead);
    return rc;
}

frame_filter *filter_new(const char *name, const char *expr)
{
    frame_filter *f = calloc(1, sizeof *f);
    if (!f) {
        fprintf(stderr, "sipmethods classify: %s: out of memory\n", name);
        return NULL;
    }
    f->name = name;
    f->expr = expr;
    if (compile(f, LINKTYPE_ETHERNET) < 0) {
        free(f);
        return NULL;
    }
    return f;
}

int filter_match(frame_filter *f, int linktype, const uint8_t *p, size_t caplen, size_t wirelen)
{
    struct pcap_pkthdr h;
    int i;
    for (i = 0; i < f->n && f->prog[i].linktype != linktype; i++)
        ;
    if (i == f->n) {
        if (f->n == FILTER_LINKTYPES || !linktype_supported(linktype))
            return 0; /* not read anyway */
        if (compile(f, linktype) < 0)
            return -1;
    }
    memset(&h, 0, sizeof h);
    h.caplen = (bpf_u_int32)caplen;
    h.len = (bpf_u_int32)wirelen;
    return pcap_offline_filter(&f->prog[i].prog, &h, p) != 0;
}

void filter_free(frame_filter *f)
{
    int i;
    if (!f)
        return;
    for (i = 0; i < f->n; i++)
        pcap_freecode(&f->prog[i].prog);
    free(f);
}

/* ---- live capture ---- */

/* The live capture in progress, for live_interrupt. */
static pcap_t *volatile live_handle;

void live_interrupt(void)
{
    pcap_t *p = live_handle;
    if (p)
        pcap_breakloop(p);
}

/* What the frames of a live capture go to. */
typedef struct live_run {
    decoder *d;
    int linktype;
    unsigned long number;
    pcap_t *p;
} live_run;

/* Decodes one captured frame. */
static void on_packet(u_char *ctx, const struct pcap_pkthdr *h, const u_char *frame)
{
    live_run *r = (live_run *)ctx;
    uint64_t ts = (uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec;
    decoder_frame(r->d, ++r->number, ts, r->linktype, frame, h->caplen);
    if (decoder_stopped(r->d))
        pcap_breakloop(r->p);
}

/* Opens and starts capturing on iface with filter (or none); NULL after reporting an error. */
static pcap_t *open_live(const char *iface, const char *filter)
{
    char errbuf[PCAP_ERRBUF_SIZE];
    struct bpf_program prog;
    pcap_t *p = pcap_create(iface, errbuf);
    int rc;
    if (!p) {
        fprintf(stderr, "sipmethods classify: -i %s: %s\n", iface, errbuf);
        return NULL;
    }
    pcap_set_snaplen(p, SNAPLEN);
    pcap_set_promisc(p, 1);
    pcap_set_timeout(p, 100);
    pcap_set_immediate_mode(p, 1); /* each packet as it comes: lines follow the traffic */
    rc = pcap_activate(p);
    if (rc > 0)
        fprintf(stderr, "sipmethods classify: -i %s: %s\n", iface, pcap_statustostr(rc));
    if (rc < 0) {
        fprintf(stderr, "sipmethods classify: -i %s: %s\n", iface,
                rc == PCAP_ERROR ? pcap_geterr(p) : pcap_statustostr(rc));
    } else if (!linktype_supported(linktype_of(pcap_datalink(p)))) {
        fprintf(stderr, "sipmethods classify: -i %s: link type %d is not read\n", iface,
                pcap_datalink(p));
    } else if (filter && pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) != 0) {
        fprintf(stderr, "sipmethods classify: -i %s: --filter: %s\n", iface, pcap_geterr(p));
    } else if (filter && (rc = pcap_setfilter(p, &prog), pcap_freecode(&prog), rc) != 0) {
        fprintf(stderr, "sipmethods classify: -i %s: --filter: %s\n", iface, pcap_geterr(p));
    } else {
        return p;
    }
    pcap_close(p);
    return NULL;
}

int live_each(const char *iface, const char *filter, cli_msg_fn fn, void *ctx)
{
    live_run r;
    int rc = 0, dlt;
    const char *dlt_name;
    r.p = open_live(iface, filter);
    if (!r.p)
        return -1;
    r.d = decoder_new(iface, fn, ctx);
    if (!r.d) {
        fprintf(stderr, "sipmethods classify: out of memory\n");
        pcap_close(r.p);
        return -1;
    }
    dlt = pcap_datalink(r.p);
    r.linktype = linktype_of(dlt);
    r.number = 0;
    dlt_name = pcap_datalink_val_to_name(dlt);
    fprintf(stderr, "sipmethods classify: listening on %s, link-type %s, snapshot length %d"
            " bytes\n", iface, dlt_name ? dlt_name : "?", SNAPLEN);
    live_handle = r.p;
    while (!cli_interrupted && !decoder_stopped(r.d)) {
        rc = pcap_dispatch(r.p, -1, on_packet, (u_char *)&r);
        fflush(stdout);
        if (rc == PCAP_ERROR_BREAK) {
            rc = 0;
            break;
        }
        if (rc < 0) {
            fprintf(stderr, "sipmethods classify: -i %s: %s\n", iface, pcap_geterr(r.p));
            break;
        }
        rc = 0;
    }
    live_handle = NULL;
    if (decoder_out_of_memory(r.d)) {
        fprintf(stderr, "sipmethods classify: out of memory\n");
        rc = -1;
    }
    decoder_free(r.d);
    pcap_close(r.p);
    return rc < 0 ? -1 : 0;
}
