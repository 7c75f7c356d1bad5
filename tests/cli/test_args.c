/* SPDX-License-Identifier: MIT */
/*
 * Tests of the CLI's one option loop (cli/args.c: args_parse), with a command spec of its
 * own that holds every kind of option: long and short, flag and value. Each case gives an
 * argument vector and what args_parse must answer: its status, the options' values, the
 * operands, and the exact text written to stdout or stderr.
 */
#define _POSIX_C_SOURCE 200809L /* dup, dup2, fileno */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { OPT_SUMMARY, OPT_FILTER, OPT_IFACE, OPT_COUNT, OPT_QUIET, N_OPTIONS };

static const cli_option options[N_OPTIONS] = {
    {"--summary", 0, NULL},
    {"--filter", 0, "BPF"},
    {"--interface", 'i', "IFACE"},
    {NULL, 'c', "N"},
    {NULL, 'q', NULL},
};

static const char help[] = "usage: sipmethods test [OPTIONS] [FILE...]\n";

static const cli_spec any = {"test", help, options, N_OPTIONS, ARGS_ANY_OPERANDS, "FILE"};
static const cli_spec one = {"test", help, options, N_OPTIONS, ARGS_ONE_OPERAND, "NAME"};
static const cli_spec none = {"test", help, NULL, 0, ARGS_NO_OPERAND, NULL};

/* One case: arguments after the command's name (NULL-terminated), and the answer. */
typedef struct test_case {
    const cli_spec *spec;
    const char *args[8];
    int status;                    /* ARGS_RUN, CLI_OK or CLI_USAGE */
    const char *opt[N_OPTIONS];    /* when ARGS_RUN: each option's value, NULL when absent */
    const char *operands[8];       /* when ARGS_RUN: NULL-terminated */
    const char *out;               /* stdout, exactly */
    const char *err;               /* stderr, exactly */
} test_case;

#define TRY "\nTry 'sipmethods test --help'.\n"

static const test_case cases[] = {
    /* operands, "-" and "--" */
    {&any, {NULL}, ARGS_RUN, {NULL}, {NULL}, "", ""},
    {&any, {"a", "-", "b"}, ARGS_RUN, {NULL}, {"a", "-", "b"}, "", ""},
    {&any, {"--", "--summary", "-c", "--"}, ARGS_RUN, {NULL}, {"--summary", "-c", "--"}, "", ""},
    {&any, {"a", "--summary", "b", "--", "-q"}, ARGS_RUN, {"--summary"}, {"a", "b", "-q"}, "", ""},
    /* long value options: "=V", " V", an empty value, a value that looks like an option */
    {&any, {"--filter=udp port 5060", "x"}, ARGS_RUN, {NULL, "udp port 5060"}, {"x"}, "", ""},
    {&any, {"--filter", "udp", "x"}, ARGS_RUN, {NULL, "udp"}, {"x"}, "", ""},
    {&any, {"--filter="}, ARGS_RUN, {NULL, ""}, {NULL}, "", ""},
    {&any, {"--filter", "-q"}, ARGS_RUN, {NULL, "-q"}, {NULL}, "", ""},
    {&any, {"--filter", "--"}, ARGS_RUN, {NULL, "--"}, {NULL}, "", ""},
    {&any, {"--filter=a=b"}, ARGS_RUN, {NULL, "a=b"}, {NULL}, "", ""},
    /* the last value wins */
    {&any, {"--filter=a", "--filter", "b"}, ARGS_RUN, {NULL, "b"}, {NULL}, "", ""},
    /* short value options: "-xV", "-x V"; a long and a short name for one option */
    {&any, {"-c10", "-i", "lo"}, ARGS_RUN, {NULL, NULL, "lo", "10"}, {NULL}, "", ""},
    {&any, {"-c", "10", "--interface=eth0"}, ARGS_RUN, {NULL, NULL, "eth0", "10"}, {NULL}, "", ""},
    {&any, {"-c=3"}, ARGS_RUN, {NULL, NULL, NULL, "=3"}, {NULL}, "", ""},
    /* flags: a flag's value is the argument as written */
    {&any, {"-q", "--summary"}, ARGS_RUN, {"--summary", NULL, NULL, NULL, "-q"}, {NULL}, "", ""},
    /* help, anywhere before "--", whatever follows it */
    {&any, {"a", "-h", "--bogus"}, CLI_OK, {NULL}, {NULL}, help, ""},
    {&any, {"--help"}, CLI_OK, {NULL}, {NULL}, help, ""},
    {&one, {"--help"}, CLI_OK, {NULL}, {NULL}, help, ""},
    {&none, {"x", "y", "--help"}, CLI_OK, {NULL}, {NULL}, help, ""},
    {&any, {"--", "--help"}, ARGS_RUN, {NULL}, {"--help"}, "", ""},
    /* usage errors: the first one decides */
    {&any, {"--bogus", "--help"}, CLI_USAGE, {NULL}, {NULL}, "",
     "sipmethods test: unknown option '--bogus'" TRY},
    {&any, {"--filter"}, CLI_USAGE, {NULL}, {NULL}, "",
     "sipmethods test: option '--filter' needs a value (BPF)" TRY},
    {&any, {"x", "-c"}, CLI_USAGE, {NULL}, {NULL}, "",
     "sipmethods test: option '-c' needs a value (N)" TRY},
    {&any, {"--summary=yes"}, CLI_USAGE, {NULL}, {NULL}, "",
     "sipmethods test: option '--summary' takes no value" TRY},
    {&any, {"--help=yes"}, CLI_USAGE, {NULL}, {NULL}, "",
     "sipmethods test: option '--help' takes no value" TRY},
    /* no abbreviations, no grouped flags, a short flag takes nothing attached */
    {&any, {"--summ"}, CLI_USAGE, {NULL}, {NULL}, "",
     "sipmethods test: unknown option '--summ'" TRY},
    {&any, {"--summaryx"}, CLI_USAGE, {NULL}, {NULL}, "",
     "sipmethods test: unknown option '--summaryx'" TRY},
    {&any, {"-qh"}, CLI_USAGE, {NULL}, {NULL}, "", "sipmethods test: unknown option '-qh'" TRY},
    {&any, {"-hq"}, CLI_USAGE, {NULL}, {NULL}, "", "sipmethods test: unknown option '-hq'" TRY},
    {&any, {"-x"}, CLI_USAGE, {NULL}, {NULL}, "", "sipmethods test: unknown option '-x'" TRY},
    {&none, {"--summary"}, CLI_USAGE, {NULL}, {NULL}, "",
     "sipmethods test: unknown option '--summary'" TRY},
    /* how many operands */
    {&none, {"x"}, CLI_USAGE, {NULL}, {NULL}, "", "sipmethods test: unexpected argument 'x'" TRY},
    {&none, {NULL}, ARGS_RUN, {NULL}, {NULL}, "", ""},
    {&one, {"-q"}, CLI_USAGE, {NULL}, {NULL}, "", "sipmethods test: NAME is missing" TRY},
    {&one, {"a", "-q", "b", "c"}, CLI_USAGE, {NULL}, {NULL}, "",
     "sipmethods test: unexpected argument 'b': one NAME only" TRY},
    {&one, {"-q", "--", "-a"}, ARGS_RUN, {NULL, NULL, NULL, NULL, "-q"}, {"-a"}, "", ""},
};

static int failures;

/* Records a failure of case k. */
static void fail(size_t k, const char *what, const char *got, const char *want)
{
    fprintf(stderr, "FAIL case %lu: %s: got '%s', expected '%s'\n", (unsigned long)k, what,
            got ? got : "(null)", want ? want : "(null)");
    failures++;
}

/* 1 if a and b are both NULL or equal strings. */
static int same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Runs fd (1 or 2) into a temporary file while args_parse runs; the text it got. */
typedef struct capture {
    FILE *file;
    int saved;
} capture;

static void capture_start(capture *c, FILE *stream)
{
    fflush(stream);
    c->file = tmpfile();
    c->saved = dup(fileno(stream));
    if (!c->file || c->saved < 0 || dup2(fileno(c->file), fileno(stream)) < 0) {
        perror("test_args: capturing output");
        exit(2);
    }
}

/* Ends a capture of stream; its text in buf (NUL-terminated). */
static void capture_end(capture *c, FILE *stream, char *buf, size_t cap)
{
    size_t n;
    fflush(stream);
    dup2(c->saved, fileno(stream));
    close(c->saved);
    rewind(c->file);
    n = fread(buf, 1, cap - 1, c->file);
    buf[n] = '\0';
    fclose(c->file);
}

/* Checks one case. */
static void run_case(size_t k, const test_case *t)
{
    char *argv[10], out[512], err[512];
    const char *opt[N_OPTIONS];
    capture cout, cerr;
    int argc = 0, n = -1, status, i;
    size_t o;
    argv[argc++] = (char *)"test";
    for (i = 0; t->args[i]; i++)
        argv[argc++] = (char *)t->args[i];
    argv[argc] = NULL;
    for (o = 0; o < N_OPTIONS; o++)
        opt[o] = "stale";
    capture_start(&cout, stdout);
    capture_start(&cerr, stderr);
    status = args_parse(t->spec, argc, argv, opt, &n);
    capture_end(&cerr, stderr, err, sizeof err);
    capture_end(&cout, stdout, out, sizeof out);
    if (status != t->status) {
        char got[16], want[16];
        snprintf(got, sizeof got, "%d", status);
        snprintf(want, sizeof want, "%d", t->status);
        fail(k, "status", got, want);
    }
    if (!same(out, t->out))
        fail(k, "stdout", out, t->out);
    if (!same(err, t->err))
        fail(k, "stderr", err, t->err);
    if (status != ARGS_RUN)
        return;
    for (o = 0; o < t->spec->n_options; o++)
        if (!same(opt[o], t->opt[o]))
            fail(k, options[o].name ? options[o].name : "short option", opt[o], t->opt[o]);
    for (i = 0; t->operands[i]; i++)
        if (i >= n || !same(argv[1 + i], t->operands[i]))
            fail(k, "operand", i < n ? argv[1 + i] : NULL, t->operands[i]);
    if (i != n) {
        char got[16], want[16];
        snprintf(got, sizeof got, "%d", n);
        snprintf(want, sizeof want, "%d", i);
        fail(k, "number of operands", got, want);
    }
}

int main(void)
{
    size_t k;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++)
        run_case(k, &cases[k]);
    if (failures) {
        fprintf(stderr, "%d failure(s)\n", failures);
        return 1;
    }
    printf("args: %lu cases ok\n", (unsigned long)(sizeof cases / sizeof cases[0]));
    return 0;
}
