/* SPDX-License-Identifier: MIT */
/* The CLI built without libpcap: raw messages only; a capture or -i says so. */
#include "cli.h"

int capture_each(int fd, const char *name, const unsigned char *head, size_t n_head,
                 const char *filter, cli_msg_fn fn, void *ctx)
{
    (void)fd, (void)head, (void)n_head, (void)filter, (void)fn, (void)ctx;
    fprintf(stderr, "sipmethods classify: %s: a pcap/pcapng capture, and pcap support is not"
            " compiled in (build with libpcap)\n", name);
    return -1;
}

int live_each(const char *iface, const char *filter, cli_msg_fn fn, void *ctx)
{
    (void)filter, (void)fn, (void)ctx;
    fprintf(stderr, "sipmethods classify: -i %s: pcap support is not compiled in (build with"
            " libpcap)\n", iface);
    return -1;
}

void live_interrupt(void)
{
}
