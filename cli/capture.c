/* SPDX-License-Identifier: MIT */
/* Reading the SIP messages of a capture file: frames (capture_file.c), through the BPF filter
 * if there is one (pcap_input.c), into a decoder (decoder.c). */
#include "capture.h"

/* What one capture's frames go through. */
typedef struct capture_run {
    decoder *d;
    frame_filter *filter;
    int filter_failed;
} capture_run;

/* Filters and decodes one frame; nonzero when the reading is to stop. */
static int on_frame(void *ctx, unsigned long number, uint64_t ts_us, int linktype,
                    const uint8_t *frame, size_t caplen, size_t wirelen)
{
    capture_run *c = ctx;
    if (c->filter) {
        int match = filter_match(c->filter, linktype, frame, caplen, wirelen);
        if (match < 0) {
            c->filter_failed = 1;
            return 1;
        }
        if (match == 0)
            return 0;
    }
    decoder_frame(c->d, number, ts_us, linktype, frame, caplen);
    return decoder_stopped(c->d);
}

int capture_each(int fd, const char *name, const unsigned char *head, size_t n_head,
                 const char *filter, cli_msg_fn fn, void *ctx)
{
    capture_run c = {NULL, NULL, 0};
    int rc;
    if (filter && !(c.filter = filter_new(name, filter)))
        return -1;
    c.d = decoder_new(name, fn, ctx);
    if (!c.d) {
        fprintf(stderr, "sipmethods classify: %s: out of memory\n", name);
        filter_free(c.filter);
        return -1;
    }
    rc = capture_read(fd, name, head, n_head, on_frame, &c);
    if (!decoder_stopped(c.d) && !cli_interrupted && !c.filter_failed)
        decoder_flush(c.d); /* the messages still pending: cut ones marked truncated */
    if (decoder_out_of_memory(c.d)) {
        fprintf(stderr, "sipmethods classify: %s: out of memory\n", name);
        rc = -1;
    }
    if (c.filter_failed)
        rc = -1;
    decoder_free(c.d);
    filter_free(c.filter);
    return rc;
}
