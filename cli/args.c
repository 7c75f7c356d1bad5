/* SPDX-License-Identifier: MIT */
/*
 * The one option loop of the sipmethods commands (args_parse), and the usage-error wording.
 *
 * A command describes what it accepts in a cli_spec (its options, flag or value, long and/or
 * short names; how many operands) and args_parse reads argv by these rules, the same for all:
 *   --name=VALUE, --name VALUE   a value option by its long name
 *   -xVALUE, -x VALUE            a value option by its short letter (getopt's spelling)
 *   --name, -x                   a flag; "--name=VALUE" on a flag is an error
 *   -h, --help                   every command's help on stdout, exit 0
 *   --                           ends the options: every later argument is an operand
 *   -                            an operand (stdin), not an option
 *   anything else                before "--", an argument starting with '-' is an option (an
 *                                unknown one is an error); otherwise it is an operand
 * Options and operands may be mixed; the arguments are read in order and the first option
 * error or -h/--help decides (a missing or extra operand is known only after the last one).
 * A value is the next argument whatever it holds ("--filter -x" gives "-x"); a later value
 * replaces an earlier one. Short flags are not grouped ("-ab" is one unknown option): no
 * command has two short flags. Long names are matched whole, never abbreviated.
 * Every usage error is one line "sipmethods CMD: WHAT" and one line "Try 'sipmethods CMD
 * --help'." on stderr, exit status 2, before any input is read.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* What one argument is, against one option. */
enum match {
    NO_MATCH,    /* another option */
    MATCHED,     /* this option; its value (if it takes one) is set */
    NEEDS_VALUE, /* this value option, last on the line */
    TAKES_NONE   /* this flag, written with "=VALUE" */
};

/* Matches argv[*i] against option o; on MATCHED *value is the value, or the argument for a
 * flag, and *i has moved past a separate value. */
static enum match match(const cli_option *o, int argc, char **argv, int *i, const char **value)
{
    const char *arg = argv[*i], *attached;
    size_t n = o->name ? strlen(o->name) : 0;
    if (n > 0 && strncmp(arg, o->name, n) == 0 && (arg[n] == '\0' || arg[n] == '='))
        attached = arg[n] == '=' ? arg + n + 1 : NULL;
    else if (o->letter && arg[0] == '-' && arg[1] == o->letter && (arg[2] == '\0' || o->value))
        attached = arg[2] != '\0' ? arg + 2 : NULL;
    else
        return NO_MATCH;
    if (!o->value) {
        *value = arg;
        return attached ? TAKES_NONE : MATCHED;
    }
    if (attached) {
        *value = attached;
        return MATCHED;
    }
    if (*i + 1 >= argc)
        return NEEDS_VALUE;
    *value = argv[++*i];
    return MATCHED;
}

/* The implicit help flag of every command. */
static const cli_option help_options[] = {{"--help", 'h', NULL}};

int arg_is_help(const char *arg)
{
    char *argv[1];
    const char *value;
    int i = 0;
    argv[0] = (char *)arg;
    return match(help_options, 1, argv, &i, &value) == MATCHED;
}

/* Reads the option argv[*i] (and its value) into opt[]: ARGS_RUN, or the exit status after
 * the help or a usage error. */
static int option(const cli_spec *spec, int argc, char **argv, int *i, const char **opt)
{
    const char *value, *arg = argv[*i];
    size_t k;
    for (k = 0; k <= spec->n_options; k++) {
        const cli_option *o = k < spec->n_options ? &spec->options[k] : help_options;
        switch (match(o, argc, argv, i, &value)) {
        case NO_MATCH:
            break;
        case MATCHED:
            if (o == help_options) {
                fputs(spec->help, stdout);
                return CLI_OK;
            }
            opt[k] = value;
            return ARGS_RUN;
        case NEEDS_VALUE:
            return usage_error(spec->command, "option '%s' needs a value (%s)", arg, o->value);
        case TAKES_NONE:
            return usage_error(spec->command, "option '%s' takes no value", o->name);
        }
    }
    return usage_error(spec->command, "unknown option '%s'", arg);
}

int args_parse(const cli_spec *spec, int argc, char **argv, const char **opt, int *n_operands)
{
    int options = 1, n = 0, i, rc;
    size_t k;
    for (k = 0; k < spec->n_options; k++)
        opt[k] = NULL;
    for (i = 1; i < argc; i++) {
        if (options && strcmp(argv[i], "--") == 0)
            options = 0;
        else if (options && argv[i][0] == '-' && argv[i][1] != '\0') {
            if ((rc = option(spec, argc, argv, &i, opt)) != ARGS_RUN)
                return rc;
        } else
            argv[1 + n++] = argv[i]; /* n <= i - 1: an argument not yet read is never overwritten */
    }
    if (n > 0 && spec->operands == ARGS_NO_OPERAND)
        return usage_error(spec->command, "unexpected argument '%s'", argv[1]);
    if (n == 0 && spec->operands == ARGS_ONE_OPERAND)
        return usage_error(spec->command, "%s is missing", spec->operand);
    if (n > 1 && spec->operands == ARGS_ONE_OPERAND)
        return usage_error(spec->command, "unexpected argument '%s': one %s only", argv[2],
                           spec->operand);
    *n_operands = n;
    return ARGS_RUN;
}

int usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "sipmethods %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'sipmethods %s --help'.\n", cmd);
    return CLI_USAGE;
}
