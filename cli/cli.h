/*
 * The sipmethods command-line tool: what its source files share.
 * Each command lives in its own cmd_*.c; the rest are the parts `classify` is built from.
 */
#ifndef SIPMETHODS_CLI_H
#define SIPMETHODS_CLI_H

#include <stddef.h>
#include <stdio.h>

#include <sipmethods.h>

/* Exit statuses shared by every command. */
#define CLI_OK    0 /* success */
#define CLI_FAIL  1 /* the input was read but something in it is wrong */
#define CLI_USAGE 2 /* bad arguments, or an input that cannot be read */

/* ---- dispatch.c ---- */

/* Runs the command argv[1] names (argv[0] is the program's name); its exit status. The one
 * entry point of both the sipmethods program and `python -m sipmethods`. */
int sipmethods_cli(int argc, char **argv);

/* ---- commands (cmd_*.c): argv[0] is the command's name, the result an exit status ---- */

/* `list [--format F]`: the method table. */
int cmd_list(int argc, char **argv);

/* `info [--ignore-case] NAME`: the properties of one method. */
int cmd_info(int argc, char **argv);

/* `classify [--summary] [--filter BPF] [FILE...]`: one line per message, or counts. */
int cmd_classify(int argc, char **argv);

/* `allow VALUE`: an Allow header value parsed and formatted. */
int cmd_allow(int argc, char **argv);

/* `reason CODE`: what is known of a response code. */
int cmd_reason(int argc, char **argv);

/* ---- args.c: the one option loop of every command (its rules are at the top of args.c) ---- */

/* One option a command accepts. */
typedef struct cli_option {
    const char *name;  /* the long name, dashes included ("--format"), or NULL */
    char letter;       /* the short name's letter ('c' for -c), or 0 */
    const char *value; /* what its value is called in usage errors ("FORMAT"); NULL: a flag */
} cli_option;

/* How many operands a command takes. */
typedef enum cli_operands {
    ARGS_NO_OPERAND,   /* none */
    ARGS_ONE_OPERAND,  /* exactly one */
    ARGS_ANY_OPERANDS  /* any number, none included */
} cli_operands;

/* Everything args_parse needs to know of a command. */
typedef struct cli_spec {
    const char *command;       /* its name, as in "sipmethods list" */
    const char *help;          /* written to stdout for -h/--help (implicit in every command) */
    const cli_option *options; /* n_options of them */
    size_t n_options;
    cli_operands operands;
    const char *operand;       /* what an operand is called in usage errors ("NAME") */
} cli_spec;

/* args_parse's answer when the command should run. */
#define ARGS_RUN (-1)

/* Parses the arguments argv[1..argc) of a command as spec says: opt[k] is the value of
 * spec->options[k] (a flag's: the argument as written) or NULL when absent, the operands are
 * moved in order to argv[1..1 + *n_operands). ARGS_RUN, or the exit status to return at once:
 * CLI_OK after writing the help, CLI_USAGE after reporting a usage error. */
int args_parse(const cli_spec *spec, int argc, char **argv, const char **opt, int *n_operands);

/* 1 if arg is "-h" or "--help". */
int arg_is_help(const char *arg);

/* Matches argv[*i] against option `name` ("--format"), written "--format=V" or "--format V":
 * 1 with *value set (and *i moved past a separate value), 0 if it is another argument,
 * -1 if the value is missing. (Used by cmd_classify.c until it adopts args_parse.) */
int arg_value(int argc, char **argv, int *i, const char *name, const char **value);

/* Reports a usage error of command cmd on stderr (printf-style) and returns CLI_USAGE. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int usage_error(const char *cmd, const char *fmt, ...);

/* ---- text_escape.c: writing bytes into each output format ---- */

/* Writes s[0..n) as a tab-separated field: \\ \t \n \r and other control bytes escaped. */
void put_tsv(FILE *out, const char *s, size_t n);

/* Writes s as a JSON string literal, quotes included. */
void put_json(FILE *out, const char *s);

/* Writes s as an RFC 4180 CSV field, quoted when it holds , " CR or LF. */
void put_csv(FILE *out, const char *s);

/* Writes s as a GitHub Markdown table cell (| and \ escaped). */
void put_markdown(FILE *out, const char *s);

/* ---- sip_split.c ---- */

/* Finds the next raw SIP message in buf[*pos..len): skips line ends, then stores the message
 * in *msg and moves *pos past it; 1 if a message was found, 0 at the end of the input. */
int sip_split_next(const char *buf, size_t len, size_t *pos, sm_span *msg);

/* ---- packet_decode.c ---- */

/* Finds the UDP payload of a captured frame of link type dlt (Ethernet, Linux SLL/SLL2, raw IP);
 * 1 with *payload and *n set, 0 if the frame is not (the first fragment of) an IPv4/IPv6 UDP datagram. */
int udp_payload(int dlt, const unsigned char *frame, size_t caplen,
                const unsigned char **payload, size_t *n);

/* 1 if link type dlt is one udp_payload decodes. */
int dlt_supported(int dlt);

/* ---- input.c, pcap_input.c: reading messages ---- */

/* One SIP message handed to a message callback. */
typedef struct cli_msg {
    const char *source;      /* the input's name: a path, or "-" for stdin */
    unsigned long number;    /* raw input: message number; capture: frame number (both from 1) */
    const char *data;
    size_t len;
} cli_msg;

typedef void (*cli_msg_fn)(void *ctx, const cli_msg *msg);

/* Calls fn for every SIP message of the input at path ("-": stdin), raw or a pcap/pcapng capture
 * (whose packets filter, a BPF expression or NULL, selects); 0, or -1 after reporting an IO error. */
int input_each(const char *path, const char *filter, cli_msg_fn fn, void *ctx);

/* 1 if the n bytes at head start a pcap file (by its magic number) or a pcapng file (by the
 * section header's block type and byte-order magic, the first 12 bytes). */
int capture_magic(const unsigned char *head, size_t n);

/* Calls fn for each UDP payload of the capture read from fp (which it closes) that is not only
 * line ends (a keepalive); 0, or -1 after reporting an error on stderr. */
int capture_each(FILE *fp, const char *name, const char *filter, cli_msg_fn fn, void *ctx);

/* ---- msg_line.c ---- */

/* Writes the one-line report of a message classified by sm_classify (rc its result). */
void msg_line(FILE *out, const cli_msg *msg, const sm_message *m, int rc);

/* ---- summary.c ---- */

/* Counts per request method, per status code and per error. */
typedef struct summary summary;

/* A new, empty summary; NULL when out of memory. */
summary *summary_new(void);

/* Counts one message classified by sm_classify (rc its result); 0, or -1 when out of memory. */
int summary_add(summary *s, const cli_msg *msg, const sm_message *m, int rc);

/* Writes the counts, sorted: methods in table order then extensions byte-wise, codes ascending. */
void summary_print(const summary *s, FILE *out);

/* Frees s (NULL is fine). */
void summary_free(summary *s);

#endif /* SIPMETHODS_CLI_H */
