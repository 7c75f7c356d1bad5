/*
 * The one-line report of a classified message, tab-separated:
 *   SOURCE:N  request   METHOD  URI     VERSION  CSEQ  [extension] [cseq-mismatch]
 *   SOURCE:N  response  STATUS  REASON  VERSION  CSEQ
 *   SOURCE:N  error     SM_E*   OFFSET  MESSAGE
 * CSEQ is "cseq=NUMBER METHOD", or "cseq=-" without a CSeq header.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Writes a span of the message as a TSV field. */
static void span(FILE *out, const cli_msg *msg, sm_span s)
{
    put_tsv(out, msg->data + s.off, s.len);
}

/* Writes the CSeq field. */
static void cseq(FILE *out, const cli_msg *msg, const sm_message *m)
{
    if (!m->has_cseq) {
        fputs("cseq=-", out);
        return;
    }
    fprintf(out, "cseq=%lu ", (unsigned long)m->cseq);
    span(out, msg, m->cseq_method);
}

void msg_line(FILE *out, const cli_msg *msg, const sm_message *m, int rc)
{
    put_tsv(out, msg->source, strlen(msg->source));
    fprintf(out, ":%lu\t", msg->number);
    if (rc < 0) {
        fprintf(out, "error\t%s\t%lu\t%s\n", sm_errname(rc), (unsigned long)m->error_offset,
                sm_strerror(rc));
        return;
    }
    if (m->kind == SM_REQUEST) {
        fputs("request\t", out);
        span(out, msg, m->method);
        putc('\t', out);
        span(out, msg, m->uri);
    } else {
        fprintf(out, "response\t%d\t", m->status);
        span(out, msg, m->reason);
    }
    putc('\t', out);
    span(out, msg, m->version);
    putc('\t', out);
    cseq(out, msg, m);
    if (m->kind == SM_REQUEST && m->method_id == SM_OTHER)
        fputs("\textension", out);
    if (m->kind == SM_REQUEST && m->cseq_mismatch)
        fputs("\tcseq-mismatch", out);
    putc('\n', out);
}
