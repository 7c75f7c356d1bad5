/* SPDX-License-Identifier: MIT */
/*
 * Reading SIP messages out of captured frames: what the capture sources share.
 *
 * capture_file.c reads pcap/pcapng records and hands each frame to the decoder (decoder.c).
 * The decoder walks link, IP and tunnel headers (packet_decode.c), reassembles IP fragments
 * (ip_frag.c), TCP streams (tcp_reasm.c) and fragmented SCTP messages (sctp.c), and finds
 * the SIP messages in UDP payloads, TCP streams (sip_stream.c: SIP by Content-Length, SIP over
 * WebSocket through websocket.c, HEP through hep.c) and SCTP DATA chunks. Every message goes
 * to the decoder's cli_msg_fn. Nothing here needs libpcap; pcap_input.c (live capture and BPF
 * filters) does.
 */
#ifndef SIPMETHODS_CAPTURE_H
#define SIPMETHODS_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

/* Link types (LINKTYPE_* of the pcap and pcapng formats) the decoder reads. */
#define LINKTYPE_NULL 0        /* BSD loopback, address family in host byte order */
#define LINKTYPE_ETHERNET 1
#define LINKTYPE_RAW_OLD1 12   /* raw IP, as some systems wrote DLT_RAW */
#define LINKTYPE_RAW_OLD2 14
#define LINKTYPE_RAW 101
#define LINKTYPE_LOOP 108      /* OpenBSD loopback, address family in network byte order */
#define LINKTYPE_LINUX_SLL 113
#define LINKTYPE_IPV4 228
#define LINKTYPE_IPV6 229
#define LINKTYPE_LINUX_SLL2 276

/* Bounds on what the decoder holds (bytes unless said otherwise). */
#define STREAM_MAX 65536       /* a SIP header block, a line, a WebSocket or HEP message */
#define TCP_OOO_MAX 262144     /* out-of-order TCP data held per direction */
#define TCP_HELD_MAX (64u << 20) /* all TCP buffers: beyond it the idlest connections go */
#define TCP_CONN_MAX 65536     /* TCP connections tracked at once */
#define TCP_IDLE_US 120000000u /* a connection silent this long (capture time) is flushed */
#define TCP_CLOSED_US 10000000u /* a closed connection is remembered this long */
#define TCP_GAP_WAIT_US 2000000u /* out-of-order data waits this long for what is missing */
#define FRAG_SLOTS 64          /* IP datagrams being reassembled at once */
#define FRAG_WAIT_US 30000000u /* a datagram's fragments are awaited this long */
#define SCTP_SLOTS 64          /* fragmented SCTP messages being reassembled at once */
#define ENCAP_DEPTH 8          /* tunnels inside tunnels, at most */

/* The addresses and ports of a packet: family 4 or 6, addresses in network byte order
 * (IPv4 in the first 4 bytes, the rest zero). */
typedef struct flow {
    uint8_t family;
    uint8_t src[16], dst[16];
    uint16_t sport, dport;
} flow;

typedef struct decoder decoder;
typedef struct tcp_table tcp_table;
typedef struct frag_table frag_table;
typedef struct sctp_table sctp_table;

/* The reading state of one direction of a TCP stream (sip_stream.c); zeroed is "at the
 * start of a stream, nothing seen". */
typedef struct stream {
    uint8_t mode;             /* what the next bytes are (sip_stream.c) */
    uint8_t skip_line;        /* hunting: the rest of an over-long line is dropped */
    uint8_t upgrade;          /* HTTP: the header block asks for (or grants) WebSocket */
    unsigned flags;           /* CLI_MSG_* of the message being read */
    char *buf;                /* the header block, line, or message being assembled */
    size_t len, cap;
    size_t line;              /* start of the line being assembled in buf */
    size_t clen;              /* SIP: the Content-Length read, or NO_CLEN */
    uint64_t left;            /* SIP: body bytes to come; WebSocket: payload bytes of the frame */
    unsigned long last_frame; /* the last frame that brought bytes of the current message */
    /* WebSocket framing */
    uint8_t ws_hdr[14];       /* the frame header being read */
    uint8_t ws_hlen;          /* bytes of it read */
    uint8_t ws_op;            /* opcode of the frame being read */
    uint8_t ws_fin;           /* its FIN bit */
    uint8_t ws_msg;           /* a data message is being assembled */
    uint8_t ws_skip;          /* the message is not read (compressed) */
    uint8_t ws_mask[4];
    uint8_t ws_masked;
    uint32_t ws_pos;          /* payload bytes of the frame read so far (for the mask) */
} stream;

/* stream.clen when no Content-Length was read. */
#define NO_CLEN ((size_t)-1)

/* ---- decoder.c: frames in, messages out ---- */

/* A decoder handing the messages of frames read from source to fn; NULL when out of memory. */
decoder *decoder_new(const char *source, cli_msg_fn fn, void *ctx);

/* Decodes one frame of link type linktype (caplen bytes captured), number `number` from 1,
 * captured at ts_us microseconds. */
void decoder_frame(decoder *d, unsigned long number, uint64_t ts_us, int linktype,
                   const uint8_t *frame, size_t caplen);

/* End of the input: hands over every message still pending (cut ones marked truncated). */
void decoder_flush(decoder *d);

/* 1 once fn asked to stop or memory ran out (then nothing more is handed over). */
int decoder_stopped(const decoder *d);

/* 1 if memory ran out at some point (some data was dropped). */
int decoder_out_of_memory(const decoder *d);

/* Frees d and everything it holds (NULL is fine); pending messages are dropped. */
void decoder_free(decoder *d);

/* Hands a message to the decoder's fn: data[0..n), from frame `number`, with its transport
 * and CLI_MSG_* flags. Payloads of only CR and LF (keepalives) are skipped. */
void decoder_emit(decoder *d, unsigned long number, int transport, unsigned flags,
                  const char *data, size_t n);

/* The frame number being decoded, and its capture time. */
unsigned long decoder_frame_number(const decoder *d);
uint64_t decoder_now(const decoder *d);

/* Makes `number` the frame being decoded (messages flushed later carry the frame of their
 * last bytes); returns the one it replaces. */
unsigned long decoder_set_frame(decoder *d, unsigned long number);

/* Notes that memory ran out (the decoder stops). */
void decoder_oom(decoder *d);

/* The tables the decoder owns. */
tcp_table *decoder_tcp(decoder *d);
frag_table *decoder_frags(decoder *d);
sctp_table *decoder_sctp(decoder *d);

/* ---- packet_decode.c: headers ---- */

/* 1 if linktype is one decoder_frame reads. */
int linktype_supported(int linktype);

/* Decodes a frame of link type linktype. */
void decode_link(decoder *d, int linktype, const uint8_t *p, size_t n);

/* Decodes the payload of an IP packet of flow f whose protocol is proto: p[0..n) captured of
 * `wire` bytes the packet said it held; depth counts the tunnels around it. */
void decode_ip_payload(decoder *d, const flow *f, unsigned proto, const uint8_t *p, size_t n,
                       size_t wire, int depth);

/* ---- ip_frag.c: IPv4 and IPv6 fragments ---- */

frag_table *frag_new(void);
void frag_free(frag_table *t);

/* Adds the fragment p[0..n) (captured of `wire` bytes) at byte offset `off` of datagram `id`
 * of flow f (ports unused) and protocol proto; more: more fragments follow. A datagram made
 * whole is decoded. */
void frag_add(decoder *d, const flow *f, uint32_t id, unsigned proto, size_t off, int more,
              const uint8_t *p, size_t n, size_t wire, int depth);

/* Decodes (as cut) or drops the datagrams waited for too long; all of them if `all`. */
void frag_expire(decoder *d, int all);

/* ---- tcp_reasm.c: TCP streams ---- */

tcp_table *tcp_new(void);
void tcp_free(tcp_table *t);

/* Takes the TCP segment p[0..n) (header included) of flow f (ports unset), `wire` bytes long. */
void tcp_segment(decoder *d, const flow *f, const uint8_t *p, size_t n, size_t wire);

/* Flushes connections idle too long; every connection if `all`. */
void tcp_expire(decoder *d, int all);

/* ---- sctp.c: SCTP DATA chunks ---- */

sctp_table *sctp_new(void);
void sctp_free(sctp_table *t);

/* Takes the SCTP packet p[0..n) of flow f (ports unset); a chunk cut short by the capture is
 * seen as such by its length. */
void sctp_packet(decoder *d, const flow *f, const uint8_t *p, size_t n);

/* Hands over (as truncated) the partial messages; all of them if `all`, else the stale ones. */
void sctp_expire(decoder *d, int all);

/* ---- sip_stream.c: SIP messages in a byte stream ---- */

/* Reads the next in-order bytes p[0..n) of stream s (from frame decoder_frame_number). */
void stream_data(decoder *d, stream *s, const uint8_t *p, size_t n);

/* n bytes of stream s are missing (never captured) before the next stream_data. */
void stream_gap(decoder *d, stream *s, uint64_t n);

/* The stream ended: the message being read (if any) goes out, marked truncated; buffers freed. */
void stream_end(decoder *d, stream *s);

/* Frees the buffers of s (what it was reading is dropped) and resets it. */
void stream_free(stream *s);

/* Bytes s holds in its buffers. */
size_t stream_held(const stream *s);

/* Appends p[0..n) to s->buf, growing it up to STREAM_MAX; 0, or -1 if it would not fit or
 * memory ran out (nothing appended). */
int stream_append(decoder *d, stream *s, const uint8_t *p, size_t n);

/* ---- websocket.c: RFC 6455 framing ---- */

/* The bytes of a frame's payload ws_detect looks at for a start line. */
#define WS_DETECT_LINE 512

/* 1 if p[0..n) starts with a WebSocket text or binary frame whose payload starts with a SIP
 * start line (to pick up a WebSocket stream whose handshake was not captured), 0 if it does
 * not, -1 if more bytes (at most 14 + WS_DETECT_LINE in all) are needed to tell. */
int ws_detect(const uint8_t *p, size_t n);

/* Reads WebSocket frames from p[0..n) into *used bytes; each complete text or binary message is
 * a SIP message. 0, or -1 if a frame header is not one (the stream is no longer WebSocket). */
int ws_data(decoder *d, stream *s, const uint8_t *p, size_t n, size_t *used);

/* n bytes missing: 1 if the frame being read absorbs them (still in step), else 0. */
int ws_gap(stream *s, uint64_t n);

/* ---- hep.c: HEP v3 (Homer encapsulation) ---- */

/* 1 if p[0..n) starts with the HEP v3 magic "HEP3". */
int hep_magic(const uint8_t *p, size_t n);

/* The length of the HEP v3 packet at p[0..n) from its header (0 if n < 6 or it is not one). */
size_t hep_length(const uint8_t *p, size_t n);

/* Emits the SIP payload of the complete HEP v3 packet p[0..n), if it carries SIP; flags are
 * added to the message's. */
void hep_packet(decoder *d, unsigned long number, unsigned flags, const uint8_t *p, size_t n);

/* ---- capture_file.c: pcap and pcapng files ---- */

/* What a capture reader hands each frame to: 0 to go on, nonzero to stop reading. */
typedef int (*frame_fn)(void *ctx, unsigned long number, uint64_t ts_us, int linktype,
                        const uint8_t *frame, size_t caplen, size_t wirelen);

/* Reads the pcap or pcapng capture on fd (whose first n_head bytes head[] were read already)
 * and hands every frame to fn, numbered from 1; frames of interfaces whose link type is not
 * read are reported once on stderr and skipped. 0 when the capture was read whole (or fn
 * stopped it), -1 after reporting an error on stderr (frames before it were handed over). */
int capture_read(int fd, const char *name, const unsigned char *head, size_t n_head,
                 frame_fn fn, void *ctx);

/* ---- pcap_input.c: BPF filters (libpcap) ---- */

typedef struct frame_filter frame_filter;

/* The filter expression expr, checked now (against Ethernet) and compiled for each link type as
 * frames of it come; NULL after reporting an error (name: the input, for the message). */
frame_filter *filter_new(const char *name, const char *expr);

/* 1 if filter f accepts the frame p[0..caplen) (wirelen on the wire) of link type linktype,
 * 0 if not, -1 after reporting that expr cannot be compiled for that link type. */
int filter_match(frame_filter *f, int linktype, const uint8_t *p, size_t caplen, size_t wirelen);

/* Frees f (NULL is fine). */
void filter_free(frame_filter *f);

#endif /* SIPMETHODS_CAPTURE_H */
