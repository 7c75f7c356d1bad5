/* Reading one input (a file or stdin): raw SIP messages, or a pcap/pcapng capture by its magic. */
#define _POSIX_C_SOURCE 200809L /* fmemopen */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Bytes read to tell a capture from raw text. */
#define HEAD_LEN 12

/* The 32-bit number at p, in big-endian order. */
static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

int capture_magic(const unsigned char *head, size_t n)
{
    static const unsigned long pcap[] = {
        0xa1b2c3d4ul, 0xd4c3b2a1ul, /* microseconds */
        0xa1b23c4dul, 0x4d3cb2a1ul, /* nanoseconds */
        0xa1b2cd34ul, 0x34cdb2a1ul, /* Kuznetzov's patched format */
    };
    size_t i;
    if (n < 4)
        return 0;
    for (i = 0; i < sizeof pcap / sizeof pcap[0]; i++)
        if (be32(head) == pcap[i])
            return 1;
    /* pcapng: Section Header Block type, then its byte-order magic at offset 8. */
    return n >= 12 && be32(head) == 0x0a0d0d0aul &&
           (be32(head + 8) == 0x1a2b3c4dul || be32(head + 8) == 0x4d3c2b1aul);
}

/* Reads the rest of fp after its first n_head bytes head[]; the whole content, or NULL
 * (errno set) on a read error or when out of memory. */
static char *slurp(FILE *fp, const unsigned char *head, size_t n_head, size_t *len)
{
    size_t cap = 65536, n = n_head, got;
    char *buf = malloc(cap), *bigger;
    if (!buf)
        return NULL;
    memcpy(buf, head, n_head);
    while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n < cap)
            continue;
        bigger = cap < (size_t)-1 / 2 ? realloc(buf, cap *= 2) : NULL;
        if (!bigger) {
            free(buf);
            errno = ENOMEM;
            return NULL;
        }
        buf = bigger;
    }
    if (ferror(fp)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Hands each raw message of buf[0..len) to fn, numbered from 1. */
static void raw_each(const char *name, const char *buf, size_t len, cli_msg_fn fn, void *ctx)
{
    size_t pos = 0;
    sm_span span;
    cli_msg msg;
    msg.source = name;
    msg.number = 0;
    while (sip_split_next(buf, len, &pos, &span)) {
        msg.number++;
        msg.data = buf + span.off;
        msg.len = span.len;
        fn(ctx, &msg);
    }
}

/* Reads a capture held in memory buf[0..len) through a memory stream. */
static int memory_capture(const char *name, char *buf, size_t len, const char *filter,
                          cli_msg_fn fn, void *ctx)
{
    FILE *mem = fmemopen(buf, len, "rb");
    if (!mem) {
        fprintf(stderr, "sipmethods classify: %s: %s\n", name, strerror(errno));
        return -1;
    }
    return capture_each(mem, name, filter, fn, ctx);
}

int input_each(const char *path, const char *filter, cli_msg_fn fn, void *ctx)
{
    unsigned char head[HEAD_LEN];
    int is_stdin = strcmp(path, "-") == 0, rc = 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    size_t n_head, len = 0;
    long at;
    char *buf;
    if (!fp) {
        fprintf(stderr, "sipmethods classify: %s: %s\n", path, strerror(errno));
        return -1;
    }
    /* A seekable file goes to libpcap as it is; stdin and pipes are read into memory first. */
    at = is_stdin ? -1 : ftell(fp);
    n_head = fread(head, 1, sizeof head, fp);
    if (at == 0 && capture_magic(head, n_head) && fseek(fp, 0, SEEK_SET) == 0)
        return capture_each(fp, path, filter, fn, ctx);
    buf = slurp(fp, head, n_head, &len);
    if (!buf)
        fprintf(stderr, "sipmethods classify: %s: %s\n", path, strerror(errno));
    if (!is_stdin)
        fclose(fp);
    if (!buf)
        return -1;
    if (capture_magic(head, n_head))
        rc = memory_capture(path, buf, len, filter, fn, ctx);
    else
        raw_each(path, buf, len, fn, ctx);
    free(buf);
    return rc;
}
