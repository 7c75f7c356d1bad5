/* SPDX-License-Identifier: MIT */
/* `sipmethods allow VALUE`: parses an Allow header value and prints its canonical form. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: sipmethods allow VALUE\n"
    "\n"
    "Parses VALUE, the value of an Allow header ('INVITE, ACK,CANCEL ,OPTIONS'; LWS and folds\n"
    "around commas, empty elements tolerated), and prints one 'key: value' per line:\n"
    "  allow:       the registered methods in table order, joined by \", \"\n"
    "  set:         the same as a bitmask of Kamailio ids ($rmid)\n"
    "  extensions:  the extension tokens, in order, duplicates kept\n"
    "Method names are case-sensitive: 'invite' is an extension token.\n"
    "Quote VALUE so that it is one argument: sipmethods allow 'INVITE, ACK, BYE'.\n"
    "A malformed value is reported on stderr with its byte offset (exit 1).\n";

/* Writes the three result lines of the well-formed value s[0..n) whose registered methods are
 * set: the extension tokens come from the core's iterator, written as they are met, so that
 * nothing is stored or sized whatever their number. */
static void print_allow(const char *s, size_t n, sm_set set)
{
    char formatted[SM_ALLOW_FORMAT_MAX + 1];
    size_t pos = 0, n_ext = 0;
    sm_span token;
    uint32_t id;
    sm_allow_format(set, formatted, sizeof formatted);
    printf("%-16s%s\n", "allow:", formatted[0] ? formatted : "(none)");
    printf("%-16s%lu\n", "set:", (unsigned long)set);
    printf("%-16s", "extensions:");
    while (sm_allow_next(s, n, &pos, &token, &id, NULL) == 1)
        if (id == SM_OTHER) {
            fputs(n_ext++ ? ", " : "", stdout);
            fwrite(s + token.off, 1, token.len, stdout);
        }
    puts(n_ext ? "" : "(none)");
}

/* Parses s and prints the result (exit 0) or the error (exit 1). The core's sm_allow_parse
 * decides, before anything is written: a malformed value prints no result line. */
static int run_allow(const char *s)
{
    size_t n = strlen(s), err_at = 0;
    sm_set set = 0;
    int rc = sm_allow_parse(s, n, &set, &err_at);
    if (rc < 0) {
        fprintf(stderr, "sipmethods allow: %s at byte %lu: %s\n", sm_errname(rc),
                (unsigned long)err_at, sm_strerror(rc));
        return CLI_FAIL;
    }
    print_allow(s, n, set);
    return CLI_OK;
}

static const cli_spec spec = {"allow", help, NULL, 0, ARGS_ONE_OPERAND, "VALUE"};

int cmd_allow(int argc, char **argv)
{
    int n, rc = args_parse(&spec, argc, argv, NULL, &n);
    return rc != ARGS_RUN ? rc : run_allow(argv[1]);
}
