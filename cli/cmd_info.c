/* SPDX-License-Identifier: MIT */
/* `sipmethods info NAME`: every property of one method, from the core table. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: sipmethods info [--ignore-case] NAME\n"
    "\n"
    "Prints every property of the registered method NAME, one 'key: value' per line.\n"
    "NAME is matched exactly (RFC 3261 §20.16: method names are case-sensitive), so\n"
    "'invite' is an extension method; --ignore-case matches as Kamailio does.\n"
    "An extension method (a token outside the IANA registry) is described as such, exit 0.\n"
    "A NAME that is not an RFC 3261 token is an error (exit 2); a NAME starting with '-'\n"
    "follows '--' (sipmethods info -- -FOO).\n";

/* Writes one "key: value" line. */
static void field(const char *key, const char *value)
{
    printf("%-16s%s\n", key, value);
}

/* Writes one "key: yes|no" line. */
static void flag(const char *key, unsigned char value)
{
    field(key, value ? "yes" : "no");
}

/* Writes every property of a registered method. */
static void print_method(const sm_method_info *m)
{
    char id[16], letter[2] = {m->letter, '\0'};
    size_t r;
    snprintf(id, sizeof id, "%lu", (unsigned long)m->id);
    field("name:", m->name);
    field("id:", id);
    field("description:", m->description);
    field("rfc:", m->rfc);
    printf("%-16s", "references:");
    for (r = 0; r < m->n_references; r++)
        printf(r ? ", %s" : "%s", m->references[r]);
    putchar('\n');
    field("letter:", m->letter ? letter : "(none)");
    field("category:", m->category);
    field("transaction:", m->transaction);
    flag("has_response:", m->has_response);
    flag("cancelable:", m->cancelable);
    flag("creates_dialog:", m->creates_dialog);
    flag("target_refresh:", m->target_refresh);
    flag("offer_answer:", m->offer_answer);
    flag("in_dialog_only:", m->in_dialog_only);
}

/* Describes an extension method, pointing at the registered one it matches in another case. */
static void print_extension(const char *name)
{
    const char *twin = sm_name(sm_lookup_ci(name, strlen(name)));
    printf("%s is an extension method: a valid RFC 3261 token outside the IANA registry\n"
           "(id %lu, Kamailio's METHOD_OTHER); a server that does not implement it answers\n"
           "501 Not Implemented.\n",
           name, (unsigned long)SM_OTHER);
    if (twin)
        printf("Method names are case-sensitive (RFC 3261 §20.16), so it is not %s;\n"
               "--ignore-case matches it as %s, as Kamailio does.\n", twin, twin);
}

/* Reports that name is not a token and returns CLI_USAGE. */
static int not_a_token(const char *name)
{
    size_t n = strlen(name), at = 0;
    while (at < n && sm_is_token(name + at, 1))
        at++;
    fputs("sipmethods info: '", stderr);
    put_tsv(stderr, name, n);
    if (n == 0)
        fputs("' is not a method: the empty string is not a token\n", stderr);
    else
        fprintf(stderr, "' is not a method: byte %lu is not a token character (RFC 3261 §25.1)\n",
                (unsigned long)at);
    return CLI_USAGE;
}

enum { OPT_IGNORE_CASE, N_OPTIONS };
static const cli_option options[N_OPTIONS] = {{"--ignore-case", 0, NULL}};
static const cli_spec spec = {"info", help, options, N_OPTIONS, ARGS_ONE_OPERAND, "NAME"};

int cmd_info(int argc, char **argv)
{
    const char *opt[N_OPTIONS], *name;
    uint32_t id;
    int n, rc = args_parse(&spec, argc, argv, opt, &n);
    if (rc != ARGS_RUN)
        return rc;
    name = argv[1];
    id = opt[OPT_IGNORE_CASE] ? sm_lookup_ci(name, strlen(name)) : sm_lookup(name, strlen(name));
    if (id == 0)
        return not_a_token(name);
    if (id == SM_OTHER)
        print_extension(name);
    else
        print_method(sm_info(id));
    return CLI_OK;
}
