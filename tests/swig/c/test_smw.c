/* SPDX-License-Identifier: MIT */
/* The C layer of the SWIG bindings (swig/smw.c) on its own: the records' schema, the partial
 * answer, the Allow list in one pass past its inline spans, and the fixed-size texts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "smw.h"

/* The value of r named key, or NULL (a failure) when r has none. */
static const smw_value *field(const smw_record *r, const char *key)
{
    size_t i;
    for (i = 0; i < r->count; i++) {
        if (strcmp(r->v[i].key, key) == 0)
            return &r->v[i];
    }
    check_fail("no field %s", key);
    return NULL;
}

static void check_nil(const smw_record *r, const char *key)
{
    const smw_value *v = field(r, key);
    if (v != NULL)
        check_int(key, v->kind, SMW_NIL);
}

static void check_num(const smw_record *r, const char *key, smw_kind kind, long long want)
{
    const smw_value *v = field(r, key);
    if (v != NULL && check_int(key, v->kind, kind))
        check_int(key, v->i, want);
}

static void check_text(const smw_record *r, const char *key, const char *want)
{
    const smw_value *v = field(r, key);
    if (v != NULL && check_int(key, v->kind, SMW_STR))
        check_mem(key, v->s, v->n, want, strlen(want));
}

/* The keys of r in order, joined by spaces, against want. */
static void check_keys(const smw_record *r, const char *want)
{
    char got[512] = "";
    size_t i;
    for (i = 0; i < r->count; i++) {
        if (i > 0)
            strcat(got, " ");
        strcat(got, r->v[i].key);
    }
    check_str("keys", got, want);
}

#define MESSAGE_KEYS "kind method_id method uri version status reason cseq cseq_method_id " \
                     "cseq_method cseq_mismatch partial consumed"

static smw_record classify(const char *s, smw_error *err)
{
    err->code = 0;
    err->offset = 0;
    return smw_classify(s, strlen(s), err);
}

static void test_classify(void)
{
    smw_error err;
    smw_record r;

    check_case("classify: a complete request is not partial");
    r = classify("INVITE sip:a@b SIP/2.0\r\nCSeq: 4 BYE\r\n\r\n", &err);
    check_int("error", err.code, 0);
    check_int("present", r.present, 1);
    check_keys(&r, MESSAGE_KEYS);
    check_text(&r, "kind", "request");
    check_num(&r, "method_id", SMW_INT, SM_INVITE);
    check_text(&r, "uri", "sip:a@b");
    check_nil(&r, "status");
    check_num(&r, "cseq", SMW_INT, 4);
    check_num(&r, "cseq_method_id", SMW_INT, SM_BYE);
    check_num(&r, "cseq_mismatch", SMW_BOOL, 1);
    check_num(&r, "partial", SMW_BOOL, 0);
    check_num(&r, "consumed", SMW_INT, 24);

    check_case("classify: cut inside the headers before CSeq is a partial result");
    r = classify("INVITE sip:a@b SIP/2.0\r\nVia: x\r\n", &err);
    check_int("error", err.code, 0);
    check_keys(&r, MESSAGE_KEYS);
    check_num(&r, "partial", SMW_BOOL, 1);
    check_nil(&r, "cseq");
    check_num(&r, "cseq_mismatch", SMW_BOOL, 0);
    check_num(&r, "consumed", SMW_INT, 24);

    check_case("classify: cut inside the CSeq line of a response is a partial result");
    r = classify("SIP/2.0 200 OK\r\nCSeq: 12 INV", &err);
    check_int("error", err.code, 0);
    check_text(&r, "kind", "response");
    check_nil(&r, "method_id");
    check_nil(&r, "cseq_mismatch");
    check_num(&r, "status", SMW_INT, 200);
    check_text(&r, "reason", "OK");
    check_nil(&r, "cseq");
    check_num(&r, "partial", SMW_BOOL, 1);

    check_case("classify: a complete CSeq line before the cut is not partial");
    r = classify("INVITE sip:a@b SIP/2.0\r\nCSeq: 12 INVITE\r\nVia: x", &err);
    check_int("error", err.code, 0);
    check_num(&r, "cseq", SMW_INT, 12);
    check_num(&r, "partial", SMW_BOOL, 0);

    check_case("classify: cut before the start line's end is the error SM_EPARTIAL");
    r = classify("INVITE sip:a@b SIP/2.0\r", &err);
    check_int("present", r.present, 0);
    check_int("error", err.code, SM_EPARTIAL);
    check_int("offset", (long long)err.offset, 23);

    check_case("classify: another error keeps its offset");
    r = classify("INVITE <sip:a@b> SIP/2.0\r\nVia: x", &err);
    check_int("present", r.present, 0);
    check_int("error", err.code, SM_EURI);
    check_int("offset", (long long)err.offset, 7);
}

static void test_method(void)
{
    const char *const *refs;
    smw_record r;
    size_t i;

    check_case("info: INFO has no letter (a null), one reference");
    r = smw_info(SM_INFO);
    check_keys(&r, "name id index description rfc references letter category transaction "
                   "has_response cancelable creates_dialog target_refresh offer_answer in_dialog_only");
    check_text(&r, "name", "INFO");
    check_nil(&r, "letter");
    if (field(&r, "references") != NULL) {
        check_int("references kind", field(&r, "references")->kind, SMW_LIST);
        check_int("references count", (long long)field(&r, "references")->n, 1);
    }

    check_case("info: every method's references are the core's n_references");
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *m = sm_info_at(i);
        const smw_value *v;
        r = smw_info_at(i);
        v = field(&r, "references");
        if (v == NULL)
            continue;
        check_int(m->name, (long long)v->n, (long long)m->n_references);
        refs = v->strs;
        check_str(m->name, refs[0], m->references[0]);
    }
    check_case("info: INVITE's letter, and no result for a non-id");
    r = smw_info(SM_INVITE);
    check_text(&r, "letter", "I");
    check_int("info(3)", smw_info(3).present, 0);
    check_int("info(OTHER)", smw_info(SM_OTHER).present, 0);
    check_int("info_at(14)", smw_info_at(SM_METHOD_COUNT).present, 0);

    check_case("methods: a tuple of the 14 names");
    r = smw_methods();
    check_int("tuple", r.tuple, 1);
    check_int("count", (long long)r.count, SM_METHOD_COUNT);
    check_mem("last", r.v[13].s, r.v[13].n, "UPDATE", 6);
}

static void test_status_and_letters(void)
{
    smw_error err = {0, 0};
    smw_record r;

    check_case("status: a record, or no result");
    r = smw_status(202);
    check_keys(&r, "code reason rfc class deprecated");
    check_num(&r, "class", SMW_INT, 2);
    check_num(&r, "deprecated", SMW_BOOL, 1);
    check_int("status(99)", smw_status(99).present, 0);
    check_int("status_at(STATUS_COUNT)", smw_status_at(SM_STATUS_COUNT).present, 0);

    check_case("from_letters: a set, or the error with its offset");
    check_int("IA", smw_from_letters("IA", 2, &err), SM_INVITE | SM_ACK);
    check_int("IA error", err.code, 0);
    check_int("IAx", smw_from_letters("IAx", 3, &err), 0);
    check_int("IAx error", err.code, SM_ELETTER);
    check_int("IAx offset", (long long)err.offset, 2);
}

/* allow_parse of "INVITE, X1, ..., X<count>, BYE": set, and every token in order. */
static void allow_many(size_t count)
{
    size_t len = 0, i;
    char *s = (char *)malloc(16 + count * 12);
    smw_error err = {0, 0};
    smw_record r;
    const smw_value *exts;
    check_case("allow_parse: %lu extensions", (unsigned long)count);
    if (s == NULL) {
        check_fail("out of memory");
        return;
    }
    len += (size_t)sprintf(s, "INVITE");
    for (i = 1; i <= count; i++)
        len += (size_t)sprintf(s + len, ", X%lu", (unsigned long)i);
    len += (size_t)sprintf(s + len, ", BYE");
    r = smw_allow_parse(s, len, &err);
    check_int("error", err.code, 0);
    check_int("tuple", r.tuple, 1);
    check_num(&r, "set", SMW_INT, SM_INVITE | SM_BYE);
    exts = field(&r, "extensions");
    if (exts != NULL && check_int("count", (long long)exts->n, (long long)count)) {
        for (i = 0; i < count; i++) {
            const char *p;
            size_t n;
            char want[24];
            smw_list_item(&r, exts, i, &p, &n);
            snprintf(want, sizeof want, "X%lu", (unsigned long)i + 1);
            if (!check_mem("token", p, n, want, strlen(want)))
                break;
        }
    }
    smw_record_release(&r);
    check_int("released", r.heap_spans == NULL, 1);
    free(s);
}

static void test_allow(void)
{
    smw_error err = {0, 0};
    smw_record r;
    smw_text t;
    static const size_t counts[] = {0, 1, SMW_INLINE_SPANS - 1, SMW_INLINE_SPANS,
                                    SMW_INLINE_SPANS + 1, 4 * SMW_INLINE_SPANS + 1, 5000};
    size_t i;

    for (i = 0; i < sizeof counts / sizeof counts[0]; i++)
        allow_many(counts[i]);

    check_case("allow_parse: an error past the inline spans frees the list");
    {
        char s[400];
        size_t len = 0;
        for (i = 0; i < 3 * SMW_INLINE_SPANS; i++)
            len += (size_t)sprintf(s + len, "X%lu, ", (unsigned long)i);
        len += (size_t)sprintf(s + len, "A B");
        r = smw_allow_parse(s, len, &err);
        check_int("present", r.present, 0);
        check_int("error", err.code, SM_EALLOW);
        check_int("offset", (long long)err.offset, (long long)len - 1);
        check_int("nothing held", r.heap_spans == NULL, 1);
    }

    check_case("allow_format: every set fits, the longest is SM_ALLOW_FORMAT_MAX");
    t = smw_allow_format(0xffffffffu);
    check_int("length", (long long)t.n, SM_ALLOW_FORMAT_MAX);
    check_int("NUL", t.s[t.n], '\0');
    t = smw_allow_format(SM_INVITE | SM_UPDATE);
    check_str("INVITE|UPDATE", t.s, "INVITE, UPDATE");
    t = smw_allow_format(0);
    check_int("empty", (long long)t.n, 0);
}

static void test_error_format(void)
{
    int code;
    check_case("error_format: every message fits an smw_text uncut, at the largest offset");
    for (code = SM_ERROR_MIN - 1; code <= 1; code++) {
        smw_text t = smw_error_format(code, SIZE_MAX);
        char what[32];
        snprintf(what, sizeof what, "code %d", code);
        check_int(what, (long long)t.n, (long long)sm_error_format(code, SIZE_MAX, NULL, 0));
        check_int(what, t.n < SMW_TEXT_SIZE, 1);
        check_int(what, (long long)strlen(t.s), (long long)t.n);
    }
    check_str("SM_EURI at 7", smw_error_format(SM_EURI, 7).s, "Request-URI is not scheme \":\" ... at byte 7");
}

int main(void)
{
    test_classify();
    test_method();
    test_status_and_letters();
    test_allow();
    test_error_format();
    return check_summary();
}
