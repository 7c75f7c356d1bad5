/*
 * Counting classified messages for `classify --summary`. Each output line is
 * KIND<TAB>KEY<TAB>COUNT: "method NAME n" (table order, then extension methods byte-wise),
 * "status CODE n" (ascending), "error SM_E* n" (by code), then "total messages|requests|
 * responses|errors n".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The count of one extension method token. */
typedef struct ext_count {
    char *name;
    size_t len;
    unsigned long count;
} ext_count;

struct summary {
    unsigned long method[SM_METHOD_COUNT]; /* by table index */
    ext_count *ext;
    size_t n_ext, cap_ext;
    unsigned long status[600];             /* by code - 100 */
    unsigned long error[1 - SM_ERROR_MIN]; /* by -code */
    unsigned long requests, responses, errors;
};

summary *summary_new(void)
{
    return calloc(1, sizeof(summary));
}

/* Orders the token t[0..n) against an extension count by bytes: <0, 0 or >0. */
static int ext_cmp(const char *t, size_t n, const ext_count *e)
{
    int c = memcmp(t, e->name, n < e->len ? n : e->len);
    if (c != 0)
        return c;
    return (n > e->len) - (n < e->len);
}

/* Counts the extension method token t[0..n), keeping s->ext sorted; 0, or -1 when out of memory. */
static int add_ext(summary *s, const char *t, size_t n)
{
    size_t i;
    int c = 1;
    char *name;
    for (i = 0; i < s->n_ext && (c = ext_cmp(t, n, &s->ext[i])) > 0; i++)
        ;
    if (i < s->n_ext && c == 0) {
        s->ext[i].count++;
        return 0;
    }
    if (s->n_ext == s->cap_ext) {
        size_t cap = s->cap_ext ? 2 * s->cap_ext : 8;
        ext_count *bigger = realloc(s->ext, cap * sizeof *bigger);
        if (!bigger)
            return -1;
        s->ext = bigger;
        s->cap_ext = cap;
    }
    name = malloc(n ? n : 1);
    if (!name)
        return -1;
    memcpy(name, t, n);
    memmove(&s->ext[i + 1], &s->ext[i], (s->n_ext - i) * sizeof *s->ext);
    s->ext[i].name = name;
    s->ext[i].len = n;
    s->ext[i].count = 1;
    s->n_ext++;
    return 0;
}

int summary_add(summary *s, const cli_msg *msg, const sm_message *m, int rc)
{
    if (rc < 0) {
        s->errors++;
        s->error[-rc]++;
        return 0;
    }
    if (m->kind == SM_RESPONSE) {
        s->responses++;
        s->status[m->status - 100]++;
        return 0;
    }
    s->requests++;
    if (m->method_id != SM_OTHER) {
        s->method[sm_info(m->method_id)->index]++;
        return 0;
    }
    return add_ext(s, msg->data + m->method.off, m->method.len);
}

void summary_print(const summary *s, FILE *out)
{
    size_t i;
    int code;
    for (i = 0; i < SM_METHOD_COUNT; i++)
        if (s->method[i])
            fprintf(out, "method\t%s\t%lu\n", sm_info_at(i)->name, s->method[i]);
    for (i = 0; i < s->n_ext; i++) {
        fputs("method\t", out);
        put_tsv(out, s->ext[i].name, s->ext[i].len);
        fprintf(out, "\t%lu\n", s->ext[i].count);
    }
    for (code = 100; code <= 699; code++)
        if (s->status[code - 100])
            fprintf(out, "status\t%d\t%lu\n", code, s->status[code - 100]);
    for (code = -1; code >= SM_ERROR_MIN; code--)
        if (s->error[-code])
            fprintf(out, "error\t%s\t%lu\n", sm_errname(code), s->error[-code]);
    fprintf(out, "total\tmessages\t%lu\ntotal\trequests\t%lu\ntotal\tresponses\t%lu\n"
            "total\terrors\t%lu\n", s->requests + s->responses + s->errors, s->requests,
            s->responses, s->errors);
}

void summary_free(summary *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->n_ext; i++)
        free(s->ext[i].name);
    free(s->ext);
    free(s);
}
