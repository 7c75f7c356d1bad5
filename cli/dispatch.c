/* SPDX-License-Identifier: MIT */
/* The command table and sipmethods_cli, which runs the command argv[1] names (for the sipmethods
 * program and `python -m sipmethods`). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"list", cmd_list, "the IANA SIP methods table (--format table|csv|json|markdown)"},
    {"info", cmd_info, "every property of one method"},
    {"classify", cmd_classify,
     "classify SIP messages from raw files, stdin, pcap/pcapng captures or an interface"},
    {"allow", cmd_allow, "parse and normalise an Allow header value"},
    {"reason", cmd_reason, "reason phrase, class and meaning of a response code"},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* Writes the top-level usage to out. */
static void usage(FILE *out)
{
    size_t i;
    fputs("usage: sipmethods COMMAND [ARGS...]\n"
          "       sipmethods --help | --version\n\ncommands:\n", out);
    for (i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fputs("\n'sipmethods COMMAND --help' describes a command; 'man sipmethods' all of them.\n"
          "Exit status: 0 success, 1 the input holds something wrong, 2 usage or I/O error.\n",
          out);
}

/* The exit status of a command whose status was rc, once stdout is flushed. */
static int finish(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("sipmethods: writing the output");
        return CLI_USAGE;
    }
    return rc;
}

int sipmethods_cli(int argc, char **argv)
{
    size_t i;
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (arg_is_help(argv[1])) {
        usage(stdout);
        return finish(CLI_OK);
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("sipmethods %s\n", sm_version());
        return finish(CLI_OK);
    }
    for (i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return finish(commands[i].run(argc - 1, argv + 1));
    fprintf(stderr, "sipmethods: unknown %s '%s'\n", argv[1][0] == '-' ? "option" : "command",
            argv[1]);
    usage(stderr);
    return CLI_USAGE;
}
