/* SPDX-License-Identifier: MIT */
/* smw: the records, texts and errors the SWIG bindings convert (smw.h). */
#include "smw.h"

#include <stdlib.h>
#include <string.h>

typedef char smw_text_holds_allow_format[SM_ALLOW_FORMAT_MAX < SMW_TEXT_SIZE ? 1 : -1];

void smw_list_item(const smw_record *r, const smw_value *v, size_t i, const char **p, size_t *n)
{
    if (v->strs != NULL) {
        *p = v->strs[i];
        *n = strlen(v->strs[i]);
    } else {
        const sm_span *sp = r->heap_spans != NULL ? r->heap_spans : r->inline_spans;
        *p = v->s + sp[i].off;
        *n = sp[i].len;
    }
}

void smw_record_release(smw_record *r)
{
    free(r->heap_spans);
    r->heap_spans = NULL;
}

static smw_record record_none(void)
{
    smw_record r;
    memset(&r, 0, sizeof r);
    return r;
}

static smw_value *put(smw_record *r, const char *key, smw_kind kind)
{
    smw_value *v = &r->v[r->count++]; /* callers stay below SMW_MAX_VALUES */
    v->key = key;
    v->kind = kind;
    return v;
}

static void put_nil(smw_record *r, const char *key)
{
    put(r, key, SMW_NIL);
}

static void put_int(smw_record *r, const char *key, long long i)
{
    put(r, key, SMW_INT)->i = i;
}

static void put_bool(smw_record *r, const char *key, int b)
{
    put(r, key, SMW_BOOL)->i = b != 0;
}

static void put_str(smw_record *r, const char *key, const char *s, size_t n)
{
    smw_value *v = put(r, key, SMW_STR);
    v->s = s;
    v->n = n;
}

static void put_cstr(smw_record *r, const char *key, const char *s)
{
    put_str(r, key, s, strlen(s));
}

static void put_span(smw_record *r, const char *key, const char *base, sm_span sp)
{
    put_str(r, key, base + sp.off, sp.len);
}

/* Appends a span to r's span list: 0, or -1 when the heap refuses to grow it. */
static int push_span(smw_record *r, sm_span sp)
{
    if (r->span_count < SMW_INLINE_SPANS) {
        r->inline_spans[r->span_count++] = sp;
        return 0;
    }
    if (r->span_count >= r->span_cap) { /* the heap holds span_cap spans, 0 before the first */
        size_t cap = r->span_cap == 0 ? 4 * SMW_INLINE_SPANS : 2 * r->span_cap;
        sm_span *grown = (sm_span *)realloc(r->heap_spans, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        if (r->heap_spans == NULL)
            memcpy(grown, r->inline_spans, sizeof r->inline_spans);
        r->heap_spans = grown;
        r->span_cap = cap;
    }
    r->heap_spans[r->span_count++] = sp;
    return 0;
}

static void fail(smw_error *err, int code, size_t offset)
{
    err->code = code;
    err->offset = offset;
}

bool smw_is_token(const char *s, size_t n)
{
    return sm_is_token(s, n) != 0;
}

static smw_record method_record(const sm_method_info *m)
{
    smw_record r = record_none();
    smw_value *refs;
    if (m == NULL)
        return r;
    r.present = 1;
    put_str(&r, "name", m->name, m->name_len);
    put_int(&r, "id", m->id);
    put_int(&r, "index", (long long)m->index);
    put_cstr(&r, "description", m->description);
    put_cstr(&r, "rfc", m->rfc);
    refs = put(&r, "references", SMW_LIST);
    refs->strs = m->references;
    refs->n = m->n_references;
    if (m->letter != '\0')
        put_str(&r, "letter", &m->letter, 1);
    else
        put_nil(&r, "letter");
    put_cstr(&r, "category", m->category);
    put_cstr(&r, "transaction", m->transaction);
    put_bool(&r, "has_response", m->has_response);
    put_bool(&r, "cancelable", m->cancelable);
    put_bool(&r, "creates_dialog", m->creates_dialog);
    put_bool(&r, "target_refresh", m->target_refresh);
    put_bool(&r, "offer_answer", m->offer_answer);
    put_bool(&r, "in_dialog_only", m->in_dialog_only);
    return r;
}

smw_method_record smw_info(uint32_t id)
{
    return method_record(sm_info(id));
}

smw_method_record smw_info_at(size_t i)
{
    return method_record(sm_info_at(i));
}

smw_names_tuple smw_methods(void)
{
    smw_record r = record_none();
    size_t i;
    r.present = 1;
    r.tuple = 1;
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *m = sm_info_at(i);
        put_str(&r, "name", m->name, m->name_len);
    }
    return r;
}

static smw_record status_record(const sm_status_info *st)
{
    smw_record r = record_none();
    if (st == NULL)
        return r;
    r.present = 1;
    put_int(&r, "code", st->code);
    put_cstr(&r, "reason", st->reason);
    put_cstr(&r, "rfc", st->rfc);
    put_int(&r, "class", sm_status_class(st->code));
    put_bool(&r, "deprecated", st->deprecated);
    return r;
}

smw_status_record smw_status(int code)
{
    return status_record(sm_status(code));
}

smw_status_record smw_status_at(size_t i)
{
    return status_record(sm_status_at(i));
}

uint32_t smw_from_letters(const char *s, size_t n, smw_error *err)
{
    sm_set set = 0;
    size_t off = 0;
    int rc = sm_from_letters(s, n, &set, &off);
    if (rc < 0) {
        fail(err, rc, off);
        return 0;
    }
    return set;
}

smw_message_record smw_classify(const char *s, size_t n, smw_error *err)
{
    smw_record r = record_none();
    sm_message m;
    size_t off = 0;
    int rc = sm_classify(s, n, &m, &off);
    /* SM_EPARTIAL after a complete start line is a result; before it, an error. */
    if (rc < 0 && (rc != SM_EPARTIAL || m.kind == 0)) {
        fail(err, rc, off);
        return r;
    }
    r.present = 1;
    if (m.kind == SM_REQUEST) {
        put_cstr(&r, "kind", "request");
        put_int(&r, "method_id", m.method_id);
        put_span(&r, "method", s, m.method);
        put_span(&r, "uri", s, m.uri);
        put_span(&r, "version", s, m.version);
        put_nil(&r, "status");
        put_nil(&r, "reason");
    } else {
        put_cstr(&r, "kind", "response");
        put_nil(&r, "method_id");
        put_nil(&r, "method");
        put_nil(&r, "uri");
        put_span(&r, "version", s, m.version);
        put_int(&r, "status", m.status);
        put_span(&r, "reason", s, m.reason);
    }
    if (m.has_cseq) {
        put_int(&r, "cseq", m.cseq);
        put_int(&r, "cseq_method_id", m.cseq_method_id);
        put_span(&r, "cseq_method", s, m.cseq_method);
    } else {
        put_nil(&r, "cseq");
        put_nil(&r, "cseq_method_id");
        put_nil(&r, "cseq_method");
    }
    if (m.kind == SM_REQUEST)
        put_bool(&r, "cseq_mismatch", m.cseq_mismatch);
    else
        put_nil(&r, "cseq_mismatch");
    put_bool(&r, "partial", rc == SM_EPARTIAL);
    put_int(&r, "consumed", (long long)m.consumed);
    return r;
}

smw_allow_tuple smw_allow_parse(const char *s, size_t n, smw_error *err)
{
    smw_record r = record_none();
    smw_value *exts;
    sm_set set = 0;
    size_t pos = 0, off = 0;
    sm_span token;
    uint32_t id;
    int rc;
    while ((rc = sm_allow_next(s, n, &pos, &token, &id, &off)) == 1) {
        if (id != SM_OTHER) {
            set |= id;
        } else if (push_span(&r, token) < 0) {
            smw_record_release(&r);
            fail(err, SMW_ENOMEM, 0);
            return record_none();
        }
    }
    if (rc < 0) {
        smw_record_release(&r);
        fail(err, rc, off);
        return record_none();
    }
    r.present = 1;
    r.tuple = 1;
    put_int(&r, "set", set);
    exts = put(&r, "extensions", SMW_LIST);
    exts->s = s;
    exts->n = r.span_count;
    return r;
}

smw_text smw_allow_format(uint32_t set)
{
    smw_text t;
    t.n = sm_allow_format(set, t.s, sizeof t.s);
    return t;
}

smw_text smw_error_format(int err, size_t offset)
{
    smw_text t;
    size_t need = sm_error_format(err, offset, t.s, sizeof t.s);
    t.n = need < sizeof t.s ? need : sizeof t.s - 1; /* never cut: test_smw.c checks every code */
    return t;
}
