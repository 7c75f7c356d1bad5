/* SPDX-License-Identifier: MIT */
/* `sipmethods classify [FILE...]`: classifies every SIP message of the inputs. */
#define _POSIX_C_SOURCE 200809L /* sigaction */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: sipmethods classify [--summary] [--filter BPF] [-c N] [FILE...]\n"
    "       sipmethods classify [--summary] [--filter BPF] [-c N] -i IFACE\n"
    "\n"
    "Classifies the start line and CSeq of every SIP message in the FILEs (none, or '-': stdin),\n"
    "or captured live on network interface IFACE.\n"
    "An input starting with a pcap or pcapng magic number is a capture, read as a stream: SIP over\n"
    "UDP (a message per datagram), TCP (reassembled; messages framed by Content-Length), SCTP,\n"
    "WebSocket and HEP v3, on any port; Ethernet, Linux cooked, raw IP or loopback links; IPv4\n"
    "and IPv6 (fragments reassembled); VLAN, IP-in-IP, GRE, ERSPAN and VXLAN tunnels. CR/LF\n"
    "keepalives are skipped. Anything else holds raw messages: a message ends before the next\n"
    "line that looks like a start line, or at the end of the input, except when its header\n"
    "block ends with an empty line and holds a Content-Length: then it ends after that many\n"
    "bytes of body, whatever they hold. Line ends before a message are skipped.\n"
    "\n"
    "One tab-separated line per message (text bytes escaped as \\t \\n \\r \\\\ \\xHH):\n"
    "  SOURCE:N  request   METHOD  URI     VERSION  CSEQ  [FLAGS]\n"
    "  SOURCE:N  response  STATUS  REASON  VERSION  CSEQ  [FLAGS]\n"
    "  SOURCE:N  error     SM_E*   OFFSET  MESSAGE        [FLAGS]\n"
    "SOURCE is the FILE ('-' for stdin) or IFACE; N the message number in a raw input and, in a\n"
    "capture, the number (from 1, as in Wireshark) of the frame holding the message's last byte;\n"
    "CSEQ is 'cseq=NUMBER METHOD' or 'cseq=-'; OFFSET is a byte offset into the message.\n"
    "FLAGS: extension, cseq-mismatch (requests); truncated (bytes of the message were not\n"
    "captured, or it ends before its header block does); no-content-length (over a stream).\n"
    "\n"
    "  --summary     instead, count messages: lines 'method NAME n', 'status CODE n',\n"
    "                'response METHOD CODE n' (by CSeq method),\n"
    "                'transport udp|tcp|sctp|ws|hep n', 'error SM_E* n' and\n"
    "                'total messages|requests|responses|errors|truncated n'\n"
    "  --filter BPF  in captures, read only the frames this pcap filter accepts\n"
    "                (e.g. 'port 5060'; frame numbers still count every frame)\n"
    "  -c N          stop after N messages\n"
    "  -i IFACE      capture live on IFACE (until -c N messages, or Ctrl-C)\n"
    "\n"
    "An interrupt (Ctrl-C) stops the reading; --summary still prints what was counted.\n"
    "Exit status: 0 every message classified, 1 some did not (their count goes to stderr),\n"
    "2 usage or I/O error (the other inputs are still read).\n";

/* What one run of the command accumulates. */
typedef struct run {
    summary *counts;        /* NULL: one line per message */
    unsigned long messages; /* read so far */
    unsigned long failed;   /* that did not classify */
    unsigned long limit;    /* -c N, or 0 */
    int out_of_memory;
} run;

/* Classifies one message and reports or counts it; nonzero when -c N messages were read. */
static int on_message(void *ctx, const cli_msg *msg)
{
    run *r = ctx;
    sm_message m;
    size_t err_offset = 0;
    int rc;
    if (r->limit && r->messages >= r->limit)
        return 1; /* -c N: the N were read (from an input before this one) */
    rc = sm_classify(msg->data, msg->len, &m, &err_offset);
    r->messages++;
    if (m.kind == 0)
        r->failed++;
    if (!r->counts)
        msg_line(stdout, msg, &m, rc, err_offset);
    else if (summary_add(r->counts, msg, &m, rc) < 0)
        r->out_of_memory = 1;
    return r->out_of_memory || (r->limit && r->messages >= r->limit);
}

/* A SIGINT stops the reading where it is. */
static void on_interrupt(int sig)
{
    (void)sig;
    cli_interrupted = 1;
    live_interrupt();
}

/* Reads every input of paths[0..n) (stdin when n is 0), or interface iface, into r; an exit
 * status. */
static int classify_inputs(char **paths, int n, const char *iface, const char *filter, run *r)
{
    struct sigaction sa, old;
    int i, io_error = 0;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt; /* no SA_RESTART: a blocked read returns */
    sigemptyset(&sa.sa_mask);
    cli_interrupted = 0;
    sigaction(SIGINT, &sa, &old);
    if (iface)
        io_error = live_each(iface, filter, on_message, r) < 0;
    for (i = 0; i < n && !cli_interrupted && !(r->limit && r->messages >= r->limit); i++)
        if (input_each(paths[i], filter, on_message, r) < 0)
            io_error = 1;
    if (!iface && n == 0 && input_each("-", filter, on_message, r) < 0)
        io_error = 1;
    sigaction(SIGINT, &old, NULL);
    if (r->out_of_memory)
        fputs("sipmethods classify: out of memory\n", stderr);
    if (r->counts)
        summary_print(r->counts, stdout);
    if (r->failed)
        fprintf(stderr, "sipmethods classify: %lu of %lu messages did not classify\n",
                r->failed, r->messages);
    if (io_error || r->out_of_memory)
        return CLI_USAGE;
    return r->failed ? CLI_FAIL : CLI_OK;
}

/* Reads the N of -c N (a positive decimal number) into *limit; 0, or -1 if it is not one. */
static int parse_count(const char *s, unsigned long *limit)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    *limit = strtoul(s, &end, 10);
    return *end == '\0' && *limit > 0 ? 0 : -1;
}

enum { OPT_SUMMARY, OPT_FILTER, OPT_COUNT, OPT_IFACE, N_OPTIONS };

static const cli_option options[N_OPTIONS] = {
    {"--summary", 0, NULL},
    {"--filter", 0, "BPF"},
    {NULL, 'c', "N"},
    {NULL, 'i', "IFACE"},
};

static const cli_spec spec = {"classify", help, options, N_OPTIONS, ARGS_ANY_OPERANDS, "FILE"};

int cmd_classify(int argc, char **argv)
{
    const char *opt[N_OPTIONS];
    int n_paths, rc = args_parse(&spec, argc, argv, opt, &n_paths);
    run r = {NULL, 0, 0, 0, 0};
    if (rc != ARGS_RUN)
        return rc;
    if (opt[OPT_COUNT] && parse_count(opt[OPT_COUNT], &r.limit) < 0)
        return usage_error(spec.command, "-c needs a positive number, not '%s'", opt[OPT_COUNT]);
    if (opt[OPT_IFACE] && n_paths > 0)
        return usage_error(spec.command, "-i reads an interface, not FILEs");
    if (opt[OPT_SUMMARY] && !(r.counts = summary_new())) {
        fputs("sipmethods classify: out of memory\n", stderr);
        return CLI_USAGE;
    }
    rc = classify_inputs(argv + 1, n_paths, opt[OPT_IFACE], opt[OPT_FILTER], &r);
    summary_free(r.counts);
    return rc;
}
