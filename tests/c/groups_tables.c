/* SPDX-License-Identifier: MIT */
/* Runners for the table-like groups: method, lookup, letters, reject, status. */
#include <stdint.h>
#include <string.h>

#include <sipmethods.h>

#include "check.h"
#include "fields.h"
#include "groups.h"

/* info's references joined by ", " into buf (cap bytes, NUL-terminated); its length. */
static size_t join_references(const sm_method_info *info, char *buf, size_t cap)
{
    size_t len = 0, i;
    buf[0] = '\0';
    for (i = 0; i < info->n_references && i < SM_MAX_REFERENCES && info->references[i] != NULL; i++) {
        size_t n = strlen(info->references[i]);
        if (len + n + 3 > cap)
            break;
        if (i > 0) {
            memcpy(buf + len, ", ", 2);
            len += 2;
        }
        memcpy(buf + len, info->references[i], n + 1);
        len += n;
    }
    return len;
}

/* The vectors' strings of the sm_category and sm_transaction values (the test's own copy). */
static const char *const categories[] = {NULL, "session", "capability", "registration",
                                         "event", "transfer", "messaging"};
static const char *const transactions[] = {NULL, "none", "invite", "non-invite"};
#define NAME_OF(table, v) ((size_t)(v) < sizeof table / sizeof table[0] ? table[v] : NULL)

void run_method(const tsv_record *r)
{
    static const char *const flags[] = {"has_response", "cancelable", "creates_dialog",
                                        "target_refresh", "offer_answer", "in_dialog_only"};
    size_t index = (size_t)field_num(r, 1);
    uint32_t id = (uint32_t)field_num(r, 3);
    const sm_method_info *info = sm_info_at(index);
    char refs[128];
    size_t i;
    if (info == NULL) {
        check_fail("sm_info_at(%lu) is NULL", (unsigned long)index);
        return;
    }
    check_field("name", info->name, strlen(info->name), r, 2);
    check_int("name_len", (long long)info->name_len, (long long)r->f[2].n);
    check_int("id", info->id, id);
    check_int("index", (long long)info->index, (long long)index);
    check_field("description", info->description, strlen(info->description), r, 4);
    check_field("rfc", info->rfc, strlen(info->rfc), r, 5);
    check_field("references", refs, join_references(info, refs, sizeof refs), r, 6);
    check_field("letter", &info->letter, info->letter != '\0', r, 7);
    check_field("category", info->category, strlen(info->category), r, 8);
    check_field("transaction", info->transaction, strlen(info->transaction), r, 9);
    check_cfield("category_kind", NAME_OF(categories, info->category_kind), r, 8);
    check_cfield("transaction_kind", NAME_OF(transactions, info->transaction_kind), r, 9);
    for (i = 0; i < SM_MAX_REFERENCES; i++) {
        if ((info->references[i] != NULL) != (i < info->n_references))
            check_fail("references[%lu] and n_references %lu disagree", (unsigned long)i,
                       (unsigned long)info->n_references);
    }
    {
        const unsigned char got[] = {info->has_response, info->cancelable, info->creates_dialog,
                                     info->target_refresh, info->offer_answer, info->in_dialog_only};
        for (i = 0; i < 6; i++)
            check_int(flags[i], got[i], field_num(r, 10 + i));
    }
    check_int("sm_info(id) is the same entry", sm_info(id) == info, 1);
    check_cfield("sm_name(id)", sm_name(id), r, 2);
    check_int("sm_lookup(name)", sm_lookup(r->f[2].p, r->f[2].n), id);
}

void run_lookup(const tsv_record *r)
{
    const tsv_field *s = &r->f[1];
    check_int("sm_lookup", sm_lookup(s->p, s->n), field_num(r, 2));
    check_int("sm_lookup_ci", sm_lookup_ci(s->p, s->n), field_num(r, 3));
    check_int("sm_is_token", sm_is_token(s->p, s->n), field_num(r, 4));
}

void run_letters(const tsv_record *r)
{
    const tsv_field *s = &r->f[1];
    int want = field_err(r, 3);
    sm_set set = 0xdeadbeefu, set_no_off = 0xdeadbeefu;
    size_t off = 0xdeadbeefu;
    check_int("sm_from_letters", sm_from_letters(s->p, s->n, &set, &off), want);
    check_int("sm_from_letters (err_offset NULL)", sm_from_letters(s->p, s->n, &set_no_off, NULL), want);
    if (want == 0) {
        check_int("set", set, field_num(r, 2));
        check_int("set (err_offset NULL)", set_no_off, field_num(r, 2));
    } else {
        check_int("err_offset", (long long)off, field_num(r, 4));
    }
}

void run_reject(const tsv_record *r)
{
    const tsv_field *s = &r->f[1];
    check_int("sm_reject_status", sm_reject_status(s->p, s->n, (uint32_t)field_num(r, 2)), field_num(r, 3));
}

void run_status(const tsv_record *r)
{
    int code = (int)field_num(r, 1);
    const sm_status_info *st = sm_status(code);
    check_cfield("sm_status_reason", sm_status_reason(code), r, 2);
    check_int("sm_status_class", sm_status_class(code), field_num(r, 4));
    check_int("sm_status_equivalent", sm_status_equivalent(code), field_num(r, 5));
    if (st == NULL) {
        check_int("sm_status is NULL only for unregistered codes", r->f[2].null, 1);
        return;
    }
    check_int("sm_status->code", st->code, code);
    check_cfield("sm_status->reason", st->reason, r, 2);
    check_cfield("sm_status->rfc", st->rfc, r, 3);
    check_int("sm_status->deprecated", st->deprecated, field_num(r, 6));
}
