/* `sipmethods classify [FILE...]`: classifies every SIP message of the inputs. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: sipmethods classify [--summary] [--filter BPF] [FILE...]\n"
    "\n"
    "Classifies the start line and CSeq of every SIP message in the FILEs (none, or '-': stdin).\n"
    "An input starting with a pcap or pcapng magic number is a capture: each UDP payload (any\n"
    "port; Ethernet, Linux cooked SLL/SLL2 or raw IP; IPv4 or IPv6) is one message, payloads of\n"
    "only CR/LF (keepalives) are skipped, and so are other frames. Anything else holds raw\n"
    "messages: a message ends before the next line that looks like a start line, or at the end\n"
    "of the input, except when its header block ends with an empty line and holds a\n"
    "Content-Length: then it ends after that many bytes of body, whatever they hold.\n"
    "Line ends before a message are skipped.\n"
    "\n"
    "One tab-separated line per message (text bytes escaped as \\t \\n \\r \\\\ \\xHH):\n"
    "  SOURCE:N  request   METHOD  URI     VERSION  CSEQ  [extension] [cseq-mismatch]\n"
    "  SOURCE:N  response  STATUS  REASON  VERSION  CSEQ\n"
    "  SOURCE:N  error     SM_E*   OFFSET  MESSAGE\n"
    "SOURCE is the FILE ('-' for stdin); N the message number in a raw input and the frame\n"
    "number (from 1, as in Wireshark) in a capture; CSEQ is 'cseq=NUMBER METHOD' or 'cseq=-';\n"
    "OFFSET is a byte offset into the message (the UDP payload in a capture).\n"
    "\n"
    "  --summary     instead, count messages: lines 'method NAME n', 'status CODE n',\n"
    "                'error SM_E* n' and 'total messages|requests|responses|errors n'\n"
    "  --filter BPF  in captures, read only the frames this pcap filter accepts\n"
    "                (e.g. 'udp port 5060'; frame numbers still count every frame)\n"
    "\n"
    "Exit status: 0 every message classified, 1 some did not (their count goes to stderr),\n"
    "2 usage or I/O error (the other inputs are still read).\n";

/* What one run of the command accumulates. */
typedef struct run {
    summary *counts;        /* NULL: one line per message */
    unsigned long messages; /* read so far */
    unsigned long failed;   /* that did not classify */
    int out_of_memory;
} run;

/* Classifies one message and reports or counts it. */
static void on_message(void *ctx, const cli_msg *msg)
{
    run *r = ctx;
    sm_message m;
    int rc = sm_classify(msg->data, msg->len, &m);
    r->messages++;
    if (rc < 0)
        r->failed++;
    if (!r->counts)
        msg_line(stdout, msg, &m, rc);
    else if (summary_add(r->counts, msg, &m, rc) < 0)
        r->out_of_memory = 1;
}

/* Reads every input of paths[0..n) (stdin when n is 0) into r; an exit status. */
static int classify_inputs(char **paths, int n, const char *filter, run *r)
{
    int i, io_error = 0;
    for (i = 0; i < n; i++)
        if (input_each(paths[i], filter, on_message, r) < 0)
            io_error = 1;
    if (n == 0 && input_each("-", filter, on_message, r) < 0)
        io_error = 1;
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

int cmd_classify(int argc, char **argv)
{
    const char *filter = NULL;
    int want_summary = 0, options = 1, n_paths = 0, i, got, rc;
    run r = {NULL, 0, 0, 0};
    /* Options anywhere before "--"; the FILEs are gathered at the front of argv + 1. */
    for (i = 1; i < argc; i++) {
        if (options && arg_is_help(argv[i])) {
            fputs(help, stdout);
            return CLI_OK;
        }
        if (options && strcmp(argv[i], "--") == 0)
            options = 0;
        else if (options && strcmp(argv[i], "--summary") == 0)
            want_summary = 1;
        else if (options && (got = arg_value(argc, argv, &i, "--filter", &filter)) != 0) {
            if (got < 0)
                return usage_error("classify", "--filter needs a BPF expression");
        } else if (options && argv[i][0] == '-' && argv[i][1] != '\0')
            return usage_error("classify", "unknown option '%s'", argv[i]);
        else
            argv[1 + n_paths++] = argv[i];
    }
    if (want_summary && !(r.counts = summary_new())) {
        fputs("sipmethods classify: out of memory\n", stderr);
        return CLI_USAGE;
    }
    rc = classify_inputs(argv + 1, n_paths, filter, &r);
    summary_free(r.counts);
    return rc;
}
