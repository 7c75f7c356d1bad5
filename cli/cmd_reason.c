/* SPDX-License-Identifier: MIT */
/* `sipmethods reason CODE`: what the IANA registry and RFC 3261 say about a response code. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: sipmethods reason CODE\n"
    "\n"
    "Prints the IANA reason phrase, class, equivalent code (RFC 3261 §8.1.3.2: the code a UAC\n"
    "treats it as), defining RFC and deprecation of the response code CODE (100..699), one\n"
    "'key: value' per line. A code missing from the IANA registry prints what is still known\n"
    "(class, equivalent) and exits 1; a CODE outside 100..699 is a usage error (exit 2).\n";

/* RFC 3261 §7.2 names of the six classes, indexed by class. */
static const char *const class_names[7] = {
    "", "Provisional", "Success", "Redirection", "Client Error", "Server Error", "Global Failure"};

/* The value of a decimal CODE argument in 100..699, or 0. */
static int parse_code(const char *s)
{
    int code = 0;
    size_t i, n = strlen(s);
    if (n != 3)
        return 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        code = code * 10 + (s[i] - '0');
    }
    return sm_status_class(code) ? code : 0;
}

static const cli_spec spec = {"reason", help, NULL, 0, ARGS_ONE_OPERAND, "CODE"};

int cmd_reason(int argc, char **argv)
{
    const sm_status_info *st;
    const char *arg;
    int code, cls, eq, n, rc = args_parse(&spec, argc, argv, NULL, &n);
    if (rc != ARGS_RUN)
        return rc;
    arg = argv[1];
    code = parse_code(arg);
    if (code == 0)
        return usage_error(spec.command, "'%s' is not a status code (3 digits, 100..699)",
                           arg);
    st = sm_status(code);
    cls = sm_status_class(code);
    eq = sm_status_equivalent(code);
    printf("%-16s%d\n", "code:", code);
    printf("%-16s%s\n", "reason:", st ? st->reason : "(not in the IANA registry)");
    printf("%-16s%d (%s)\n", "class:", cls, class_names[cls]);
    printf("%-16s%d%s\n", "equivalent:", eq, eq != code ? " (RFC 3261 §8.1.3.2)" : "");
    printf("%-16s%s\n", "rfc:", st ? st->rfc : "(none)");
    printf("%-16s%s\n", "deprecated:", st && st->deprecated ? "yes" : "no");
    if (st)
        return CLI_OK;
    fprintf(stderr, "sipmethods reason: %d is not in the IANA registry; a UAC treats it as %d\n",
            code, eq);
    return CLI_FAIL;
}
