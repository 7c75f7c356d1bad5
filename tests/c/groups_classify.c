/* SPDX-License-Identifier: MIT */
/* Runner for the classify group: every field of sm_message and the return value. */
#include <string.h>

#include <sipmethods.h>

#include "check.h"
#include "fields.h"
#include "groups.h"

enum { F_INPUT = 1, F_ERROR, F_OFFSET, F_KIND, F_METHOD_ID, F_METHOD, F_URI, F_VERSION, F_STATUS,
       F_REASON, F_CSEQ, F_CSEQ_METHOD_ID, F_CSEQ_METHOD, F_CSEQ_MISMATCH, F_PARTIAL, F_CONSUMED };

/* Checks that span sp is {0, 0}. */
static void check_zero_span(const char *what, sm_span sp)
{
    if (sp.off != 0 || sp.len != 0)
        check_fail("%s: got %lu+%lu, want {0, 0}", what, (unsigned long)sp.off, (unsigned long)sp.len);
}

/* Checks span sp of buf[0..len) against field i: its bytes, or {0, 0} when the field is %N. */
static void check_span(const char *what, sm_span sp, const char *buf, size_t len, const tsv_record *r, size_t i)
{
    if (r->f[i].null)
        check_zero_span(what, sp);
    else if (sp.off > len || sp.len > len - sp.off)
        check_fail("%s: %lu+%lu is outside the input", what, (unsigned long)sp.off, (unsigned long)sp.len);
    else
        check_field(what, buf + sp.off, sp.len, r, i);
}

/* Checks integer got against field i, a %N field meaning 0. */
static void check_num(const char *what, long long got, const tsv_record *r, size_t i)
{
    check_int(what, got, r->f[i].null ? 0 : field_num(r, i));
}

/* Checks that every field is zero, as after a failed call. */
static void check_zeroed(const sm_message *m)
{
    check_int("kind", m->kind, 0);
    check_int("consumed", (long long)m->consumed, 0);
    check_int("method_id", m->method_id, 0);
    check_zero_span("method", m->method);
    check_zero_span("uri", m->uri);
    check_zero_span("version", m->version);
    check_int("status", m->status, 0);
    check_zero_span("reason", m->reason);
    check_int("has_cseq", m->has_cseq, 0);
    check_int("cseq", m->cseq, 0);
    check_int("cseq_method_id", m->cseq_method_id, 0);
    check_zero_span("cseq_method", m->cseq_method);
    check_int("cseq_mismatch", m->cseq_mismatch, 0);
}

void run_classify(const tsv_record *r)
{
    const char *buf = r->f[F_INPUT].p;
    size_t len = r->f[F_INPUT].n;
    int want = field_err(r, F_ERROR);
    sm_message m;
    size_t off = 0xdeadbeefu, off_unset = 0xdeadbeefu;
    int rc;
    memset(&m, 0xa5, sizeof m); /* garbage: every field must be reset on entry */
    rc = sm_classify(buf, len, &m, &off);
    check_int("return value", rc, want);
    check_int("err_offset", (long long)off, want != 0 ? field_num(r, F_OFFSET) : (long long)off_unset);
    check_int("return value without err_offset", sm_classify(buf, len, &m, NULL), want);
    if (r->f[F_KIND].null) {
        check_zeroed(&m);
        return;
    }
    check_num("partial", rc == SM_EPARTIAL, r, F_PARTIAL);
    check_num("consumed", (long long)m.consumed, r, F_CONSUMED);
    check_int("kind", m.kind, strcmp(r->f[F_KIND].p, "request") == 0 ? SM_REQUEST : SM_RESPONSE);
    check_num("method_id", m.method_id, r, F_METHOD_ID);
    check_span("method", m.method, buf, len, r, F_METHOD);
    check_span("uri", m.uri, buf, len, r, F_URI);
    check_span("version", m.version, buf, len, r, F_VERSION);
    check_num("status", m.status, r, F_STATUS);
    check_span("reason", m.reason, buf, len, r, F_REASON);
    check_int("has_cseq", m.has_cseq, !r->f[F_CSEQ].null);
    check_num("cseq", m.cseq, r, F_CSEQ);
    check_num("cseq_method_id", m.cseq_method_id, r, F_CSEQ_METHOD_ID);
    check_span("cseq_method", m.cseq_method, buf, len, r, F_CSEQ_METHOD);
    check_num("cseq_mismatch", m.cseq_mismatch, r, F_CSEQ_MISMATCH);
}
