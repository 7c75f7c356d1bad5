/* SPDX-License-Identifier: MIT */
/* `sipmethods list`: the method table of the core (sm_info_at), in one of four formats. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: sipmethods list [--format table|csv|json|markdown]\n"
    "\n"
    "Prints the 14 methods of the IANA \"SIP Methods\" registry in table order, with their\n"
    "Kamailio id ($rmid), description, defining RFC, IANA references and Kamailio letter.\n"
    "\n"
    "  --format table     aligned columns (default)\n"
    "  --format csv       RFC 4180 fields, header name,id,description,rfc,references,letter\n"
    "  --format json      an array of objects; references is an array, letter null when none\n"
    "  --format markdown  a GitHub table\n";

enum { COL_NAME, COL_ID, COL_DESCRIPTION, COL_RFC, COL_REFERENCES, COL_LETTER, N_COLS };

static const char *const col_names[N_COLS] = {
    "name", "id", "description", "rfc", "references", "letter"};

/* Longest cell: a description, or the references joined. */
#define CELL_MAX 256

/* The text of column col of method m, written into buf when it must be built. */
static const char *cell(const sm_method_info *m, int col, char buf[CELL_MAX])
{
    size_t i;
    switch (col) {
    case COL_NAME:
        return m->name;
    case COL_ID:
        snprintf(buf, CELL_MAX, "%lu", (unsigned long)m->id);
        return buf;
    case COL_DESCRIPTION:
        return m->description;
    case COL_RFC:
        return m->rfc;
    case COL_REFERENCES:
        buf[0] = '\0';
        for (i = 0; i < m->n_references; i++) {
            if (i > 0)
                strncat(buf, ", ", CELL_MAX - strlen(buf) - 1);
            strncat(buf, m->references[i], CELL_MAX - strlen(buf) - 1);
        }
        return buf;
    default:
        buf[0] = m->letter;
        buf[1] = '\0';
        return buf;
    }
}

/* Table and Markdown show an empty cell (INFO's letter) as the SPEC table does. */
static const char *shown(const char *text)
{
    return text[0] ? text : "(none)";
}

/* Writes text as column col of an aligned table: padded to width, or ending the line. */
static void table_cell(FILE *out, const char *text, int col, size_t width)
{
    if (col + 1 < N_COLS)
        fprintf(out, "%-*s  ", (int)width, text);
    else
        fprintf(out, "%s\n", text);
}

/* Aligned columns separated by two spaces, header first. */
static void print_table(FILE *out)
{
    size_t width[N_COLS], i;
    char buf[CELL_MAX];
    int c;
    for (c = 0; c < N_COLS; c++)
        width[c] = strlen(col_names[c]);
    for (i = 0; i < SM_METHOD_COUNT; i++)
        for (c = 0; c < N_COLS; c++) {
            size_t w = strlen(shown(cell(sm_info_at(i), c, buf)));
            if (w > width[c])
                width[c] = w;
        }
    for (c = 0; c < N_COLS; c++)
        table_cell(out, col_names[c], c, width[c]);
    for (i = 0; i < SM_METHOD_COUNT; i++)
        for (c = 0; c < N_COLS; c++)
            table_cell(out, shown(cell(sm_info_at(i), c, buf)), c, width[c]);
}

/* RFC 4180 fields with the header row; lines end in LF. */
static void print_csv(FILE *out)
{
    size_t i;
    char buf[CELL_MAX];
    int c;
    for (c = 0; c < N_COLS; c++)
        fprintf(out, c + 1 < N_COLS ? "%s," : "%s\n", col_names[c]);
    for (i = 0; i < SM_METHOD_COUNT; i++)
        for (c = 0; c < N_COLS; c++) {
            put_csv(out, cell(sm_info_at(i), c, buf));
            putc(c + 1 < N_COLS ? ',' : '\n', out);
        }
}

/* An array with one object per line; id a number, references an array, letter a string or null. */
static void print_json(FILE *out)
{
    size_t i, r;
    char buf[CELL_MAX];
    fputs("[\n", out);
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *m = sm_info_at(i);
        fputs("  {\"name\": ", out);
        put_json(out, m->name);
        fprintf(out, ", \"id\": %lu, \"description\": ", (unsigned long)m->id);
        put_json(out, m->description);
        fputs(", \"rfc\": ", out);
        put_json(out, m->rfc);
        fputs(", \"references\": [", out);
        for (r = 0; r < m->n_references; r++) {
            if (r > 0)
                fputs(", ", out);
            put_json(out, m->references[r]);
        }
        fputs("], \"letter\": ", out);
        if (m->letter)
            put_json(out, cell(m, COL_LETTER, buf));
        else
            fputs("null", out);
        fputs(i + 1 < SM_METHOD_COUNT ? "},\n" : "}\n", out);
    }
    fputs("]\n", out);
}

/* A GitHub table with the id column right-aligned. */
static void print_markdown(FILE *out)
{
    size_t i;
    char buf[CELL_MAX];
    int c;
    for (c = 0; c < N_COLS; c++)
        fprintf(out, "| %s ", col_names[c]);
    fputs("|\n", out);
    for (c = 0; c < N_COLS; c++)
        fputs(c == COL_ID ? "|---:" : "|---", out);
    fputs("|\n", out);
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        for (c = 0; c < N_COLS; c++) {
            fputs("| ", out);
            put_markdown(out, shown(cell(sm_info_at(i), c, buf)));
            putc(' ', out);
        }
        fputs("|\n", out);
    }
}

enum { OPT_FORMAT, N_OPTIONS };
static const cli_option options[N_OPTIONS] = {{"--format", 0, "FORMAT"}};
static const cli_spec spec = {"list", help, options, N_OPTIONS, ARGS_NO_OPERAND, NULL};

int cmd_list(int argc, char **argv)
{
    static const struct {
        const char *name;
        void (*print)(FILE *out);
    } formats[] = {{"table", print_table}, {"csv", print_csv},
                   {"json", print_json}, {"markdown", print_markdown}};
    const char *opt[N_OPTIONS], *format;
    size_t f;
    int n, rc = args_parse(&spec, argc, argv, opt, &n);
    if (rc != ARGS_RUN)
        return rc;
    format = opt[OPT_FORMAT] ? opt[OPT_FORMAT] : "table";
    for (f = 0; f < sizeof formats / sizeof formats[0]; f++)
        if (strcmp(format, formats[f].name) == 0) {
            formats[f].print(stdout);
            return CLI_OK;
        }
    return usage_error(spec.command, "unknown format '%s' (table, csv, json or markdown)",
                       format);
}
