/* SPDX-License-Identifier: MIT */
/* The decoder: one per capture, holding the reassembly tables and the message callback. */
#include <stdlib.h>

#include "capture.h"

struct decoder {
    const char *source;
    cli_msg_fn fn;
    void *ctx;
    unsigned long frame;     /* the frame being decoded */
    uint64_t now;            /* its capture time, microseconds */
    uint64_t next_expiry;    /* when the tables are next checked for stale entries */
    int stopped, oom;
    tcp_table *tcp;
    frag_table *frags;
    sctp_table *sctp;
};

/* Capture time between two checks of the tables for stale entries. */
#define EXPIRY_STEP_US 1000000u

decoder *decoder_new(const char *source, cli_msg_fn fn, void *ctx)
{
    decoder *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->source = source;
    d->fn = fn;
    d->ctx = ctx;
    d->tcp = tcp_new();
    d->frags = frag_new();
    d->sctp = sctp_new();
    if (!d->tcp || !d->frags || !d->sctp) {
        decoder_free(d);
        return NULL;
    }
    return d;
}

void decoder_frame(decoder *d, unsigned long number, uint64_t ts_us, int linktype,
                   const uint8_t *frame, size_t caplen)
{
    if (d->stopped)
        return;
    d->frame = number;
    d->now = ts_us;
    if (ts_us >= d->next_expiry || ts_us + EXPIRY_STEP_US < d->next_expiry) {
        d->next_expiry = ts_us + EXPIRY_STEP_US; /* also when the clock went back */
        frag_expire(d, 0);
        tcp_expire(d, 0);
        sctp_expire(d, 0);
    }
    decode_link(d, linktype, frame, caplen);
}

void decoder_flush(decoder *d)
{
    frag_expire(d, 1);
    tcp_expire(d, 1);
    sctp_expire(d, 1);
}

int decoder_stopped(const decoder *d)
{
    return d->stopped;
}

int decoder_out_of_memory(const decoder *d)
{
    return d->oom;
}

void decoder_free(decoder *d)
{
    if (!d)
        return;
    tcp_free(d->tcp);
    frag_free(d->frags);
    sctp_free(d->sctp);
    free(d);
}

/* 1 if p[0..n) holds only CR and LF bytes (a keepalive, RFC 5626 §4.4.1), or nothing. */
static int only_line_ends(const char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != '\r' && p[i] != '\n')
            return 0;
    return 1;
}

void decoder_emit(decoder *d, unsigned long number, int transport, unsigned flags,
                  const char *data, size_t n)
{
    cli_msg msg;
    if (d->stopped || only_line_ends(data, n))
        return;
    msg.source = d->source;
    msg.number = number;
    msg.data = data;
    msg.len = n;
    msg.transport = transport;
    msg.flags = flags;
    if (d->fn(d->ctx, &msg) != 0 || cli_interrupted)
        d->stopped = 1;
}

unsigned long decoder_frame_number(const decoder *d)
{
    return d->frame;
}

unsigned long decoder_set_frame(decoder *d, unsigned long number)
{
    unsigned long old = d->frame;
    d->frame = number;
    return old;
}

uint64_t decoder_now(const decoder *d)
{
    return d->now;
}

void decoder_oom(decoder *d)
{
    d->oom = 1;
    d->stopped = 1;
}

tcp_table *decoder_tcp(decoder *d)
{
    return d->tcp;
}

frag_table *decoder_frags(decoder *d)
{
    return d->frags;
}

sctp_table *decoder_sctp(decoder *d)
{
    return d->sctp;
}
