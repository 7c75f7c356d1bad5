/* SPDX-License-Identifier: MIT */
/* Reading one input (a file or stdin): raw SIP messages, or a pcap/pcapng capture by its magic. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Bytes read to tell a capture from raw text. */
#define HEAD_LEN 12
/* Raw messages: bytes read at a time, and the longest message held. */
#define RAW_READ 65536u
#define RAW_MAX (16u << 20)

volatile sig_atomic_t cli_interrupted;

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

/* Reads up to cap bytes of fd into buf (fewer only at the end of the input): the count, or -1
 * (errno set) on a read error or an interrupt. */
static ssize_t read_full(int fd, void *buf, size_t cap)
{
    size_t n = 0;
    while (n < cap) {
        ssize_t got = read(fd, (char *)buf + n, cap - n);
        if (got < 0 && errno == EINTR && !cli_interrupted)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        n += (size_t)got;
    }
    return (ssize_t)n;
}

/* Hands the messages of buf[*pos..len) that are complete (all of them at the end of the
 * input) to fn, numbered on from *number; 1 once fn asked to stop. */
static int raw_messages(const char *name, const char *buf, size_t len, size_t *pos, int more,
                        unsigned long *number, cli_msg_fn fn, void *ctx)
{
    sm_span span;
    cli_msg msg;
    msg.source = name;
    msg.transport = CLI_TRANSPORT_NONE;
    msg.flags = 0;
    while (!cli_interrupted && sip_split_next(buf, len, pos, &span, more)) {
        msg.number = ++*number;
        msg.data = buf + span.off;
        msg.len = span.len;
        if (fn(ctx, &msg) != 0)
            return 1;
    }
    return 0;
}

/* Reads raw messages from fd (its first n_head bytes head[] read already) as a stream: each
 * message goes out once the bytes read decide where it ends. Memory holds the message being
 * read (RAW_MAX bytes at most: a longer one goes out as it is). 0, or -1 after an error. */
static int raw_input(int fd, const char *path, const unsigned char *head, size_t n_head,
                     cli_msg_fn fn, void *ctx)
{
    size_t cap = RAW_READ > n_head ? RAW_READ : n_head, len = n_head, pos = 0;
    unsigned long number = 0;
    char *buf = malloc(cap);
    int eof = 0, rc = 0;
    if (!buf) {
        fprintf(stderr, "sipmethods classify: %s: out of memory\n", path);
        return -1;
    }
    memcpy(buf, head, n_head);
    while (!raw_messages(path, buf, len, &pos, !eof, &number, fn, ctx) && !eof &&
           !cli_interrupted) {
        ssize_t got;
        memmove(buf, buf + pos, len - pos); /* keep the message being read at the front */
        len -= pos;
        pos = 0;
        if (len == cap && cap < RAW_MAX) {
            char *bigger = realloc(buf, cap * 2 < RAW_MAX ? cap * 2 : RAW_MAX);
            if (!bigger) {
                fprintf(stderr, "sipmethods classify: %s: out of memory\n", path);
                rc = -1;
                break;
            }
            buf = bigger;
            cap = cap * 2 < RAW_MAX ? cap * 2 : RAW_MAX;
        } else if (len == cap) { /* a message longer than RAW_MAX: out as it is */
            if (raw_messages(path, buf, len, &pos, 0, &number, fn, ctx))
                break;
            continue;
        }
        fflush(stdout); /* about to wait: the lines so far go out */
        got = read(fd, buf + len, cap - len);
        if (got < 0 && errno == EINTR && !cli_interrupted)
            continue;
        if (got < 0) {
            if (!cli_interrupted) {
                fprintf(stderr, "sipmethods classify: %s: %s\n", path, strerror(errno));
                rc = -1;
            }
            break;
        }
        eof = got == 0;
        len += (size_t)got;
    }
    free(buf);
    return rc;
}

int input_each(const char *path, const char *filter, cli_msg_fn fn, void *ctx)
{
    unsigned char head[HEAD_LEN];
    int is_stdin = strcmp(path, "-") == 0, rc;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    ssize_t n_head;
    if (fd < 0) {
        fprintf(stderr, "sipmethods classify: %s: %s\n", path, strerror(errno));
        return -1;
    }
    n_head = read_full(fd, head, sizeof head);
    if (n_head < 0) {
        rc = cli_interrupted ? 0 : -1;
        if (rc < 0)
            fprintf(stderr, "sipmethods classify: %s: %s\n", path, strerror(errno));
    } else if (capture_magic(head, (size_t)n_head)) {
        rc = capture_each(fd, path, head, (size_t)n_head, filter, fn, ctx);
    } else {
        rc = raw_input(fd, path, head, (size_t)n_head, fn, ctx);
    }
    if (!is_stdin)
        close(fd);
    return rc;
}
