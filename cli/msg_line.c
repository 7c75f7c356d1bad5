/* SPDX-License-Identifier: MIT */
/*
 * The one-line report of a classified message, tab-separated:
 *   SOURCE:N  request   METHOD  URI     VERSION  CSEQ  [FLAGS]
 *   SOURCE:N  response  STATUS  REASON  VERSION  CSEQ  [FLAGS]
 *   SOURCE:N  error     SM_E*   OFFSET  MESSAGE        [FLAGS]
 * CSEQ is "cseq=NUMBER METHOD", or "cseq=-" without a complete CSeq header. FLAGS, in this
 * order: extension and cseq-mismatch (requests), truncated (bytes of the message were not
 * captured, or its start line was read but the header block was cut before a CSeq: the
 * partial result of SM_EPARTIAL), no-content-length (a stream message without one).
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

/* Writes the flags that hold of any message, then the line end. */
static void end_line(FILE *out, const cli_msg *msg, const sm_message *m, int rc)
{
    if (msg_truncated(msg, m, rc))
        fputs("\ttruncated", out);
    if (msg->flags & CLI_MSG_NO_LENGTH)
        fputs("\tno-content-length", out);
    putc('\n', out);
}

int msg_truncated(const cli_msg *msg, const sm_message *m, int rc)
{
    return (msg->flags & CLI_MSG_TRUNCATED) || (rc == SM_EPARTIAL && m->kind != 0);
}

void msg_line(FILE *out, const cli_msg *msg, const sm_message *m, int rc, size_t err_offset)
{
    put_tsv(out, msg->source, strlen(msg->source));
    fprintf(out, ":%lu\t", msg->number);
    if (m->kind == 0) {
        fprintf(out, "error\t%s\t%lu\t%s", sm_errname(rc), (unsigned long)err_offset,
                sm_strerror(rc));
        end_line(out, msg, m, rc);
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
    end_line(out, msg, m, rc);
}
