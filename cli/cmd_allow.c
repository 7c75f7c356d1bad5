/* SPDX-License-Identifier: MIT */
/* `sipmethods allow VALUE`: parses an Allow header value and prints its canonical form. */
#include <stdio.h>
#include <stdlib.h>
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

/* Extension spans held without allocating. */
#define EXT_INLINE 32

/* Writes the three result lines for value s whose extension tokens are ext[0..n_ext). */
static void print_allow(const char *s, uint32_t set, const sm_span *ext, size_t n_ext)
{
    char formatted[128];
    size_t i;
    sm_allow_format(set, formatted, sizeof formatted);
    printf("%-16s%s\n", "allow:", formatted[0] ? formatted : "(none)");
    printf("%-16s%lu\n", "set:", (unsigned long)set);
    printf("%-16s", "extensions:");
    if (n_ext == 0)
        fputs("(none)", stdout);
    for (i = 0; i < n_ext; i++) {
        if (i > 0)
            fputs(", ", stdout);
        fwrite(s + ext[i].off, 1, ext[i].len, stdout);
    }
    putchar('\n');
}

/* Parses s (all extension tokens kept) and prints the result or the error; an exit status. */
static int run_allow(const char *s)
{
    sm_span inline_ext[EXT_INLINE], *ext = inline_ext;
    size_t n = strlen(s), n_ext = EXT_INLINE, err_at = 0;
    uint32_t set = 0;
    int rc = sm_allow_parse_at(s, n, &set, ext, &n_ext, &err_at);
    if (rc == 0 && n_ext > EXT_INLINE) {
        ext = malloc(n_ext * sizeof *ext);
        if (!ext) {
            fputs("sipmethods allow: out of memory\n", stderr);
            return CLI_USAGE;
        }
        rc = sm_allow_parse_at(s, n, &set, ext, &n_ext, &err_at);
    }
    if (rc == 0)
        print_allow(s, set, ext, n_ext);
    else
        fprintf(stderr, "sipmethods allow: %s at byte %lu: %s\n", sm_errname(rc),
                (unsigned long)err_at, sm_strerror(rc));
    if (ext != inline_ext)
        free(ext);
    return rc == 0 ? CLI_OK : CLI_FAIL;
}

static const cli_spec spec = {"allow", help, NULL, 0, ARGS_ONE_OPERAND, "VALUE"};

int cmd_allow(int argc, char **argv)
{
    int n, rc = args_parse(&spec, argc, argv, NULL, &n);
    return rc != ARGS_RUN ? rc : run_allow(argv[1]);
}
