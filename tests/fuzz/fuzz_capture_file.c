/* SPDX-License-Identifier: MIT */
/*
 * The CLI's pcap/pcapng reader (capture_file.c) on arbitrary files, each frame then decoded:
 * nothing may crash, hang or read out of bounds; frames are numbered 1, 2, ... and each lies
 * inside what was read.
 */
#define _GNU_SOURCE /* memfd_create */
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_capture.h"

/* What the frames go to. */
typedef struct run {
    decoder *d;
    sink s;
} run;

static int on_frame(void *ctx, unsigned long number, uint64_t ts_us, int linktype,
                    const uint8_t *frame, size_t caplen, size_t wirelen)
{
    run *r = ctx;
    (void)wirelen;
    FUZZ_CHECK(number == r->s.frames + 1);
    feed(r->d, &r->s, ts_us, linktype, frame, caplen);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    size_t head = size < 12 ? size : 12;
    run r;
    if (fd < 0)
        fd = memfd_create("fuzz_capture_file", 0);
    FUZZ_CHECK(fd >= 0);
    FUZZ_CHECK(ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0);
    FUZZ_CHECK(write(fd, data + head, size - head) == (ssize_t)(size - head));
    FUZZ_CHECK(lseek(fd, 0, SEEK_SET) == 0);
    memset(&r, 0, sizeof r);
    r.d = decoder_new("fuzz", sink_message, &r.s);
    FUZZ_CHECK(r.d != NULL);
    capture_read(fd, "fuzz", data, head, on_frame, &r);
    decoder_flush(r.d);
    decoder_free(r.d);
    sink_free(&r.s);
    return 0;
}
