/* SPDX-License-Identifier: MIT */
/*
 * Counting classified messages for `classify --summary`. Each output line is
 * KIND<TAB>KEY<TAB>COUNT, in this order:
 *   method NAME n       requests by method: table order, then extension methods byte-wise
 *   status CODE n       responses by status code, ascending
 *   response METHOD CODE n  (KEY "METHOD CODE") responses by the method of their CSeq (a 200
 *                       to INVITE is not a 200 to BYE): methods ordered as above, "-" (no
 *                       CSeq) last, then codes ascending
 *   transport NAME n    messages read from captures by transport: udp tcp sctp ws hep
 *   error SM_E* n       messages that did not classify, by error code
 *   total messages|requests|responses|errors|truncated n
 * A message cut short (flag truncated) is counted as what it is (request, response or error)
 * and in "total truncated".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CODES 600 /* status codes 100..699, by code - 100 */

static const char *const transport_names[CLI_TRANSPORT_COUNT] = {
    NULL, "udp", "tcp", "sctp", "ws", "hep"};

/* An extension method token: how many requests and responses (by code) carry it. */
typedef struct ext_count {
    char *name;
    size_t len;
    unsigned long requests;
    unsigned long *status; /* [CODES] responses whose CSeq names it, or NULL for none yet */
} ext_count;

struct summary {
    unsigned long method[SM_METHOD_COUNT];        /* requests by table index */
    unsigned long reply[SM_METHOD_COUNT + 1][CODES]; /* responses by CSeq method; last: no CSeq */
    ext_count *ext;
    size_t n_ext, cap_ext;
    unsigned long status[CODES];
    unsigned long error[1 - SM_ERROR_MIN];        /* by -code */
    unsigned long transport[CLI_TRANSPORT_COUNT];
    unsigned long requests, responses, errors, truncated;
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

/* The count of extension token t[0..n), added (sorted) if new; NULL when out of memory. */
static ext_count *find_ext(summary *s, const char *t, size_t n)
{
    size_t i;
    int c = 1;
    char *name;
    for (i = 0; i < s->n_ext && (c = ext_cmp(t, n, &s->ext[i])) > 0; i++)
        ;
    if (i < s->n_ext && c == 0)
        return &s->ext[i];
    if (s->n_ext == s->cap_ext) {
        size_t cap = s->cap_ext ? 2 * s->cap_ext : 8;
        ext_count *bigger = realloc(s->ext, cap * sizeof *bigger);
        if (!bigger)
            return NULL;
        s->ext = bigger;
        s->cap_ext = cap;
    }
    name = malloc(n ? n : 1);
    if (!name)
        return NULL;
    memcpy(name, t, n);
    memmove(&s->ext[i + 1], &s->ext[i], (s->n_ext - i) * sizeof *s->ext);
    memset(&s->ext[i], 0, sizeof s->ext[i]);
    s->ext[i].name = name;
    s->ext[i].len = n;
    s->n_ext++;
    return &s->ext[i];
}

/* Counts a response by the method of its CSeq; 0, or -1 when out of memory. */
static int add_reply(summary *s, const cli_msg *msg, const sm_message *m)
{
    ext_count *e;
    int code = m->status - 100;
    if (!m->has_cseq) {
        s->reply[SM_METHOD_COUNT][code]++;
        return 0;
    }
    if (m->cseq_method_id != SM_OTHER) {
        s->reply[sm_info(m->cseq_method_id)->index][code]++;
        return 0;
    }
    e = find_ext(s, msg->data + m->cseq_method.off, m->cseq_method.len);
    if (!e || (!e->status && !(e->status = calloc(CODES, sizeof *e->status))))
        return -1;
    e->status[code]++;
    return 0;
}

int summary_add(summary *s, const cli_msg *msg, const sm_message *m, int rc)
{
    ext_count *e;
    s->transport[msg->transport]++;
    if (msg_truncated(msg, m, rc))
        s->truncated++;
    if (m->kind == 0) {
        s->errors++;
        s->error[-rc]++;
        return 0;
    }
    if (m->kind == SM_RESPONSE) {
        s->responses++;
        s->status[m->status - 100]++;
        return add_reply(s, msg, m);
    }
    s->requests++;
    if (m->method_id != SM_OTHER) {
        s->method[sm_info(m->method_id)->index]++;
        return 0;
    }
    e = find_ext(s, msg->data + m->method.off, m->method.len);
    if (!e)
        return -1;
    e->requests++;
    return 0;
}

/* Writes the "response" lines of one CSeq method (name[0..n)) from counts[CODES]. */
static void print_replies(FILE *out, const char *name, size_t n, const unsigned long *counts)
{
    int code;
    for (code = 0; code < CODES; code++) {
        if (!counts[code])
            continue;
        fputs("response\t", out);
        put_tsv(out, name, n);
        fprintf(out, " %d\t%lu\n", code + 100, counts[code]);
    }
}

void summary_print(const summary *s, FILE *out)
{
    size_t i;
    int code;
    for (i = 0; i < SM_METHOD_COUNT; i++)
        if (s->method[i])
            fprintf(out, "method\t%s\t%lu\n", sm_info_at(i)->name, s->method[i]);
    for (i = 0; i < s->n_ext; i++) {
        if (!s->ext[i].requests)
            continue;
        fputs("method\t", out);
        put_tsv(out, s->ext[i].name, s->ext[i].len);
        fprintf(out, "\t%lu\n", s->ext[i].requests);
    }
    for (code = 0; code < CODES; code++)
        if (s->status[code])
            fprintf(out, "status\t%d\t%lu\n", code + 100, s->status[code]);
    for (i = 0; i < SM_METHOD_COUNT; i++)
        print_replies(out, sm_info_at(i)->name, strlen(sm_info_at(i)->name), s->reply[i]);
    for (i = 0; i < s->n_ext; i++)
        if (s->ext[i].status)
            print_replies(out, s->ext[i].name, s->ext[i].len, s->ext[i].status);
    print_replies(out, "-", 1, s->reply[SM_METHOD_COUNT]);
    for (i = 1; i < CLI_TRANSPORT_COUNT; i++)
        if (s->transport[i])
            fprintf(out, "transport\t%s\t%lu\n", transport_names[i], s->transport[i]);
    for (code = -1; code >= SM_ERROR_MIN; code--)
        if (s->error[-code])
            fprintf(out, "error\t%s\t%lu\n", sm_errname(code), s->error[-code]);
    fprintf(out, "total\tmessages\t%lu\ntotal\trequests\t%lu\ntotal\tresponses\t%lu\n"
            "total\terrors\t%lu\ntotal\ttruncated\t%lu\n",
            s->requests + s->responses + s->errors, s->requests, s->responses, s->errors,
            s->truncated);
}

void summary_free(summary *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->n_ext; i++) {
        free(s->ext[i].name);
        free(s->ext[i].status);
    }
    free(s->ext);
    free(s);
}
