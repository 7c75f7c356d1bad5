/* SPDX-License-Identifier: MIT */
/*
 * The sipmethods command-line tool: what its source files share.
 * Each command lives in its own cmd_*.c; the rest are the parts `classify` is built from.
 */
#ifndef SIPMETHODS_CLI_H
#define SIPMETHODS_CLI_H

#include <signal.h>
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

/* `classify [--summary] [--filter BPF] [-c N] [-i IFACE | FILE...]`: one line per message,
 * or counts. */
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
 * in *msg and moves *pos past it; 1 if a message was found, 0 at the end of the input. With
 * `more` (the input goes on after len), only a message whose end the bytes read decide is
 * found, and 0 means "read more". */
int sip_split_next(const char *buf, size_t len, size_t *pos, sm_span *msg, int more);

/* 1 if the line s[0..n) (line end excluded) looks like a request or status line. */
int sip_start_line(const char *s, size_t n);

/* 1 with *value set if the header line s[0..n) (line end excluded) is Content-Length (or "l")
 * with a value of 1 to 9 digits. */
int sip_content_length(const char *s, size_t n, size_t *value);

/* ---- input.c, capture.c / capture_off.c, pcap_input.c: reading messages ---- */

/* The transport a message was read from (raw inputs have none). */
enum {
    CLI_TRANSPORT_NONE, CLI_TRANSPORT_UDP, CLI_TRANSPORT_TCP, CLI_TRANSPORT_SCTP,
    CLI_TRANSPORT_WS, CLI_TRANSPORT_HEP, CLI_TRANSPORT_COUNT
};

/* Flags of a message read from a capture. */
#define CLI_MSG_TRUNCATED 1u /* bytes of it were not captured (snap length, gap, lost fragment) */
#define CLI_MSG_NO_LENGTH 2u /* a stream message without Content-Length (RFC 3261 §18.3) */

/* One SIP message handed to a message callback. */
typedef struct cli_msg {
    const char *source;      /* the input's name: a path, "-" for stdin, or the interface */
    unsigned long number;    /* raw input: message number; capture: frame number (both from 1) */
    const char *data;
    size_t len;
    int transport;           /* CLI_TRANSPORT_* */
    unsigned flags;          /* CLI_MSG_* */
} cli_msg;

/* Takes one message; 0 to go on reading, nonzero to stop. */
typedef int (*cli_msg_fn)(void *ctx, const cli_msg *msg);

/* Set (by a signal handler) to stop reading at the next message or frame. */
extern volatile sig_atomic_t cli_interrupted;

/* Calls fn for every SIP message of the input at path ("-": stdin), raw or a pcap/pcapng capture
 * (whose packets filter, a BPF expression or NULL, selects); 0, or -1 after reporting an error. */
int input_each(const char *path, const char *filter, cli_msg_fn fn, void *ctx);

/* 1 if the n bytes at head start a pcap file (by its magic number) or a pcapng file (by the
 * section header's block type and byte-order magic, the first 12 bytes). */
int capture_magic(const unsigned char *head, size_t n);

/* Calls fn for each SIP message of the capture read from fd (its first n_head bytes head[]
 * already read), frames selected by filter (a BPF expression) or all when NULL; 0, or -1 after
 * reporting an error on stderr. */
int capture_each(int fd, const char *name, const unsigned char *head, size_t n_head,
                 const char *filter, cli_msg_fn fn, void *ctx);

/* Captures live on interface iface (frames selected by filter, or all) and calls fn for each SIP
 * message, until fn asks to stop or cli_interrupted; 0, or -1 after reporting an error. */
int live_each(const char *iface, const char *filter, cli_msg_fn fn, void *ctx);

/* Makes the live capture in progress, if any, return soon (async-signal-safe). */
void live_interrupt(void);

/* ---- msg_line.c ---- */

/* Writes the one-line report of a message classified by sm_classify (rc its result, err_offset
 * its error offset). */
void msg_line(FILE *out, const cli_msg *msg, const sm_message *m, int rc, size_t err_offset);

/* 1 if the message is reported truncated: bytes of it were not captured, or sm_classify gave
 * the partial result of SM_EPARTIAL (a start line, then the input ended before a CSeq). */
int msg_truncated(const cli_msg *msg, const sm_message *m, int rc);

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
