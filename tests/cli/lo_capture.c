/* SPDX-License-Identifier: MIT */
/*
 * lo_capture IFACE FILTER OUT.pcap: captures live on IFACE (frames FILTER accepts) into
 * OUT.pcap with libpcap, for the CLI tests' sipp traffic. Prints "ready" on stdout once the
 * capture runs. On SIGTERM or SIGINT it reads every frame the kernel still holds for it (no
 * waiting: non-blocking reads until none is left), writes them, and exits 0; so a frame that
 * the kernel passed to it before the signal is never lost.
 */
#define _DEFAULT_SOURCE /* glibc: the BSD u_int & co. <pcap/pcap.h> needs under -std=c99 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <pcap/pcap.h>

static volatile sig_atomic_t stop;
static pcap_t *volatile handle;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
    if (handle)
        pcap_breakloop(handle);
}

int main(int argc, char **argv)
{
    char errbuf[PCAP_ERRBUF_SIZE];
    struct bpf_program prog;
    struct sigaction sa;
    pcap_dumper_t *out;
    pcap_t *p;
    int rc;
    if (argc != 4) {
        fputs("usage: lo_capture IFACE FILTER OUT.pcap\n", stderr);
        return 2;
    }
    p = pcap_create(argv[1], errbuf);
    if (!p) {
        fprintf(stderr, "lo_capture: %s\n", errbuf);
        return 1;
    }
    pcap_set_snaplen(p, 262144);
    pcap_set_immediate_mode(p, 1);
    pcap_set_timeout(p, 50);
    if (pcap_activate(p) < 0 || pcap_compile(p, &prog, argv[2], 1, PCAP_NETMASK_UNKNOWN) < 0 ||
        pcap_setfilter(p, &prog) < 0) {
        fprintf(stderr, "lo_capture: %s\n", pcap_geterr(p));
        return 1;
    }
    out = pcap_dump_open(p, argv[3]);
    if (!out) {
        fprintf(stderr, "lo_capture: %s\n", pcap_geterr(p));
        return 1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    handle = p;
    puts("ready");
    fflush(stdout);
    while (!stop && (rc = pcap_dispatch(p, -1, pcap_dump, (u_char *)out)) >= 0)
        ;
    handle = NULL;
    /* Drain: whatever the kernel already queued for this capture. */
    if (pcap_setnonblock(p, 1, errbuf) == 0)
        while ((rc = pcap_dispatch(p, -1, pcap_dump, (u_char *)out)) > 0)
            ;
    pcap_dump_close(out);
    pcap_close(p);
    return 0;
}
