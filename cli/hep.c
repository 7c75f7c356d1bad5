/* SPDX-License-Identifier: MIT */
/*
 * HEP v3 (the Homer Encapsulation Protocol that Kamailio's siptrace and heplify send): "HEP3",
 * a 16-bit total length, then chunks of vendor id, type id and length (6 bytes, the length
 * counting them) and a value. The generic chunk 11 is the protocol type (1: SIP) and chunk 15
 * the captured payload: one SIP message.
 */
#include <string.h>

#include "capture.h"

#define CHUNK_PROTO_TYPE 11u
#define CHUNK_PAYLOAD 15u
#define PROTO_TYPE_SIP 1u

static unsigned be16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

int hep_magic(const uint8_t *p, size_t n)
{
    return n >= 4 && memcmp(p, "HEP3", 4) == 0;
}

size_t hep_length(const uint8_t *p, size_t n)
{
    return n >= 6 && hep_magic(p, n) ? be16(p + 4) : 0;
}

void hep_packet(decoder *d, unsigned long number, unsigned flags, const uint8_t *p, size_t n)
{
    size_t total = hep_length(p, n), off = 6, plen = 0;
    const uint8_t *payload = NULL;
    unsigned proto_type = PROTO_TYPE_SIP; /* when the packet does not say */
    if (total < 6)
        return;
    if (total > n) {
        flags |= CLI_MSG_TRUNCATED;
        total = n;
    }
    while (off + 6 <= total) {
        unsigned vendor = be16(p + off), type = be16(p + off + 2);
        size_t clen = be16(p + off + 4);
        if (clen < 6)
            return; /* not a chunk: the packet is broken */
        if (clen > total - off) { /* cut short */
            if (vendor == 0 && type == CHUNK_PAYLOAD) {
                payload = p + off + 6;
                plen = total - off - 6;
                flags |= CLI_MSG_TRUNCATED;
            }
            break;
        }
        if (vendor == 0 && type == CHUNK_PROTO_TYPE && clen >= 7)
            proto_type = p[off + 6];
        else if (vendor == 0 && type == CHUNK_PAYLOAD) {
            payload = p + off + 6;
            plen = clen - 6;
        }
        off += clen;
    }
    if (payload && proto_type == PROTO_TYPE_SIP)
        decoder_emit(d, number, CLI_TRANSPORT_HEP, flags, (const char *)payload, plen);
}
