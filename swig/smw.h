/* SPDX-License-Identifier: MIT */
/*
 * smw: the C layer under the SWIG bindings (swig/sipmethods.i). Each wrapper turns a core call
 * with output parameters into one value a language's typemap converts:
 *
 * - an smw_record: a list of named values (a record: a map or an object) or of values in order
 *   (a tuple: a list). It points only into static data and into the caller's input, which must
 *   stay alive until the record is converted; smw_record_release frees what it holds.
 * - an smw_text: a short string in a fixed buffer (no heap).
 * - an smw_error: where a wrapper failed (an SM_E* code and its byte offset).
 *
 * Nothing here knows a language; nothing here knows a SIP fact the core does not give.
 */
#ifndef SMW_H
#define SMW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sipmethods.h"

/* A failure of a wrapper: an SM_E* code and its byte offset, SMW_ENOMEM, or code 0 (none). */
#define SMW_ENOMEM 1
typedef struct smw_error {
    int code;
    size_t offset;
} smw_error;

typedef enum smw_kind {
    SMW_NIL,  /* no value: the language's null */
    SMW_INT,  /* i */
    SMW_BOOL, /* i, 0 or 1 */
    SMW_STR,  /* s[0..n) */
    SMW_LIST  /* n strings, read with smw_list_item */
} smw_kind;

typedef struct smw_value {
    const char *key;
    smw_kind kind;
    long long i;
    const char *s;             /* SMW_STR: the bytes; SMW_LIST of spans: their base */
    size_t n;                  /* SMW_STR: the length; SMW_LIST: the number of items */
    const char *const *strs;   /* SMW_LIST of NUL-terminated strings, else NULL */
} smw_value;

#define SMW_MAX_VALUES 16
#define SMW_INLINE_SPANS 16

typedef struct smw_record {
    int present;               /* 0: no result */
    int tuple;                 /* 1: values in order; 0: a record of named values */
    size_t count;
    smw_value v[SMW_MAX_VALUES];
    /* The spans of the one SMW_LIST of spans a record may hold (the Allow extensions):
     * the first SMW_INLINE_SPANS here, then in heap_spans, which holds them all. */
    sm_span inline_spans[SMW_INLINE_SPANS];
    sm_span *heap_spans;
    size_t span_count, span_cap;
} smw_record;

/* The names of the results, so that a language may map each to its own class. */
typedef smw_record smw_method_record;  /* a method record, or no result */
typedef smw_record smw_status_record;  /* a status record, or no result */
typedef smw_record smw_message_record; /* a message record */
typedef smw_record smw_allow_tuple;    /* (set, extensions) */
typedef smw_record smw_names_tuple;    /* the method names in table order */

/* Large enough for every string an smw_text carries: sm_allow_format's output
 * (SM_ALLOW_FORMAT_MAX) and every sm_error_format message (tests/swig/c/test_smw.c). */
#define SMW_TEXT_SIZE 160

typedef struct smw_text {
    size_t n;                  /* the length, NUL excluded */
    char s[SMW_TEXT_SIZE];     /* NUL-terminated */
} smw_text;

/* Item i (< v->n) of the SMW_LIST value v of r, as *p[0..*n). */
void smw_list_item(const smw_record *r, const smw_value *v, size_t i, const char **p, size_t *n);

/* Frees what r holds on the heap; r stays valid and empty of heap data. */
void smw_record_release(smw_record *r);

/* sm_is_token as a boolean. */
bool smw_is_token(const char *s, size_t n);

/* The method record of id, or no result (present 0) unless id is one registered bit. */
smw_method_record smw_info(uint32_t id);

/* The method record at table position i, or no result for i >= SM_METHOD_COUNT. */
smw_method_record smw_info_at(size_t i);

/* The tuple of the 14 names in table order. */
smw_names_tuple smw_methods(void);

/* The status record (code reason rfc class deprecated) of code, or no result. */
smw_status_record smw_status(int code);

/* The status record at position i, or no result for i >= SM_STATUS_COUNT. */
smw_status_record smw_status_at(size_t i);

/* The set of Kamailio letters s[0..n); on error 0 with *err set. */
uint32_t smw_from_letters(const char *s, size_t n, smw_error *err);

/* The message record of s[0..n) (the fields of tests/vectors/README.md, group classify; a
 * partial message is a result with partial true); on error no result with *err set. */
smw_message_record smw_classify(const char *s, size_t n, smw_error *err);

/* The tuple (set, extension tokens in order) of the Allow value s[0..n), read in one pass;
 * on error no result with *err set (SMW_ENOMEM when the token list cannot grow). */
smw_allow_tuple smw_allow_parse(const char *s, size_t n, smw_error *err);

/* sm_allow_format of set. */
smw_text smw_allow_format(uint32_t set);

/* sm_error_format of err and offset: the message every binding raises. */
smw_text smw_error_format(int err, size_t offset);

#endif /* SMW_H */
