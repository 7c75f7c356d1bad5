/*
 * sipmethods.i: the one SWIG interface over sipmethods.h, for every language.
 *
 * The C API with the sm_ prefix stripped. Strings go in as one native string (its bytes and
 * length: NUL is data), results come out as native values, and SM_E* errors are raised as the
 * language's exception with sm_error_format's message and the byte offset.
 *
 * What a language needs of its own (how a record or a list is built, how an error is raised,
 * how a string is read) lives in <lang>/sipmethods_<lang>.i, included below. docs/swig.md
 * describes the result per language.
 */
%module sipmethods

%{
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipmethods.h"
%}

%include <stdint.i>

/* ------------------------------------------------------------------------------------------
 * The C helper layer: wrappers that turn output parameters into return values.
 *
 * A structured result is an smw_record: a list of named values (a record, which each language
 * turns into its map or object) or of values in order (a tuple, which becomes a list or
 * several return values). It is returned by value and points only into static data or into
 * the input string, which is alive until the wrapper returns; the language's "out" typemap
 * converts it and then calls smw_record_release.
 * ------------------------------------------------------------------------------------------ */
%{
/* A failure of a wrapper: an SM_E* code and its byte offset, SMW_ENOMEM, or code 0. */
#define SMW_ENOMEM 1
typedef struct smw_error {
    int code;
    size_t offset;
} smw_error;

typedef enum smw_kind {
    SMW_NIL,  /* no value: undef, nil, null; a Tcl dict leaves the key out */
    SMW_INT,  /* i */
    SMW_BOOL, /* i, 0 or 1 */
    SMW_STR,  /* s[0..n) */
    SMW_LIST  /* n strings: smw_list_item */
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
    /* The spans of the one SMW_LIST of spans a record may hold (the Allow extensions). */
    sm_span inline_spans[SMW_INLINE_SPANS];
    sm_span *heap_spans;       /* when there are more; freed by smw_record_release */
} smw_record;

/* Item i of an SMW_LIST value of r. */
static void smw_list_item(const smw_record *r, const smw_value *v, size_t i,
                          const char **p, size_t *n)
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

static void smw_record_release(smw_record *r)
{
    free(r->heap_spans);
    r->heap_spans = NULL;
}

static smw_record smw_record_none(void)
{
    smw_record r;
    memset(&r, 0, sizeof r);
    return r;
}

static smw_value *smw_put(smw_record *r, const char *key, smw_kind kind)
{
    smw_value *v = &r->v[r->count++]; /* callers stay below SMW_MAX_VALUES */
    v->key = key;
    v->kind = kind;
    return v;
}

static void smw_put_nil(smw_record *r, const char *key)
{
    smw_put(r, key, SMW_NIL);
}

static void smw_put_int(smw_record *r, const char *key, long long i)
{
    smw_put(r, key, SMW_INT)->i = i;
}

static void smw_put_bool(smw_record *r, const char *key, int b)
{
    smw_put(r, key, SMW_BOOL)->i = b != 0;
}

static void smw_put_str(smw_record *r, const char *key, const char *s, size_t n)
{
    smw_value *v = smw_put(r, key, SMW_STR);
    v->s = s;
    v->n = n;
}

static void smw_put_cstr(smw_record *r, const char *key, const char *s)
{
    if (s == NULL)
        smw_put_nil(r, key);
    else
        smw_put_str(r, key, s, strlen(s));
}

static void smw_put_span(smw_record *r, const char *key, const char *base, sm_span sp)
{
    smw_put_str(r, key, base + sp.off, sp.len);
}

static bool smw_is_token(const char *s, size_t n)
{
    return sm_is_token(s, n) != 0;
}

static smw_record smw_method_to_record(const sm_method_info *m)
{
    smw_record r = smw_record_none();
    smw_value *refs;
    size_t k = 0;
    if (m == NULL)
        return r;
    r.present = 1;
    smw_put_str(&r, "name", m->name, m->name_len);
    smw_put_int(&r, "id", m->id);
    smw_put_int(&r, "index", (long long)m->index);
    smw_put_cstr(&r, "description", m->description);
    smw_put_cstr(&r, "rfc", m->rfc);
    while (k < SM_MAX_REFERENCES && m->references[k] != NULL)
        k++;
    refs = smw_put(&r, "references", SMW_LIST);
    refs->strs = m->references;
    refs->n = k;
    smw_put_str(&r, "letter", &m->letter, m->letter != '\0' ? 1 : 0);
    smw_put_cstr(&r, "category", m->category);
    smw_put_cstr(&r, "transaction", m->transaction);
    smw_put_bool(&r, "has_response", m->has_response);
    smw_put_bool(&r, "cancelable", m->cancelable);
    smw_put_bool(&r, "creates_dialog", m->creates_dialog);
    smw_put_bool(&r, "target_refresh", m->target_refresh);
    smw_put_bool(&r, "offer_answer", m->offer_answer);
    smw_put_bool(&r, "in_dialog_only", m->in_dialog_only);
    return r;
}

static smw_record smw_info(uint32_t id)
{
    return smw_method_to_record(sm_info(id));
}

static smw_record smw_info_at(size_t i)
{
    return smw_method_to_record(sm_info_at(i));
}

/* The names of the methods in table order. */
static smw_record smw_methods(void)
{
    smw_record r = smw_record_none();
    size_t i;
    r.present = 1;
    r.tuple = 1;
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *m = sm_info_at(i);
        smw_put_str(&r, "name", m->name, m->name_len);
    }
    return r;
}

static smw_record smw_status_to_record(const sm_status_info *st)
{
    smw_record r = smw_record_none();
    if (st == NULL)
        return r;
    r.present = 1;
    smw_put_int(&r, "code", st->code);
    smw_put_cstr(&r, "reason", st->reason);
    smw_put_cstr(&r, "rfc", st->rfc);
    smw_put_int(&r, "class", sm_status_class(st->code));
    smw_put_bool(&r, "deprecated", st->deprecated);
    return r;
}

static smw_record smw_status(int code)
{
    return smw_status_to_record(sm_status(code));
}

static smw_record smw_status_at(size_t i)
{
    return smw_status_to_record(sm_status_at(i));
}

static uint32_t smw_from_letters(const char *s, size_t n, smw_error *err)
{
    uint32_t set = 0;
    size_t off = 0;
    int rc = sm_from_letters_at(s, n, &set, &off);
    if (rc < 0) {
        err->code = rc;
        err->offset = off;
        return 0;
    }
    return set;
}

/* The start line and CSeq as a record; the fields that do not apply are SMW_NIL
 * (tests/vectors/README.md, group classify). */
static smw_record smw_classify(const char *s, size_t n, smw_error *err)
{
    smw_record r = smw_record_none();
    sm_message m;
    int rc = sm_classify(s, n, &m);
    if (rc < 0) {
        err->code = rc;
        err->offset = m.error_offset;
        return r;
    }
    r.present = 1;
    if (m.kind == SM_REQUEST) {
        smw_put_cstr(&r, "kind", "request");
        smw_put_int(&r, "method_id", m.method_id);
        smw_put_span(&r, "method", s, m.method);
        smw_put_span(&r, "uri", s, m.uri);
        smw_put_span(&r, "version", s, m.version);
        smw_put_nil(&r, "status");
        smw_put_nil(&r, "reason");
    } else {
        smw_put_cstr(&r, "kind", "response");
        smw_put_nil(&r, "method_id");
        smw_put_nil(&r, "method");
        smw_put_nil(&r, "uri");
        smw_put_span(&r, "version", s, m.version);
        smw_put_int(&r, "status", m.status);
        smw_put_span(&r, "reason", s, m.reason);
    }
    if (m.has_cseq) {
        smw_put_int(&r, "cseq", m.cseq);
        smw_put_int(&r, "cseq_method_id", m.cseq_method_id);
        smw_put_span(&r, "cseq_method", s, m.cseq_method);
    } else {
        smw_put_nil(&r, "cseq");
        smw_put_nil(&r, "cseq_method_id");
        smw_put_nil(&r, "cseq_method");
    }
    if (m.kind == SM_REQUEST)
        smw_put_bool(&r, "cseq_mismatch", m.cseq_mismatch);
    else
        smw_put_nil(&r, "cseq_mismatch");
    smw_put_int(&r, "consumed", rc);
    return r;
}

/* The Allow value as a tuple: (set, list of extension tokens in order). */
static smw_record smw_allow_parse(const char *s, size_t n, smw_error *err)
{
    smw_record r = smw_record_none();
    smw_value *exts;
    uint32_t set = 0;
    size_t count = SMW_INLINE_SPANS, off = 0;
    int rc = sm_allow_parse_at(s, n, &set, r.inline_spans, &count, &off);
    if (rc == 0 && count > SMW_INLINE_SPANS) {
        size_t cap = count;
        r.heap_spans = (sm_span *)malloc(cap * sizeof *r.heap_spans);
        if (r.heap_spans == NULL) {
            err->code = SMW_ENOMEM;
            return r;
        }
        rc = sm_allow_parse_at(s, n, &set, r.heap_spans, &cap, &off);
    }
    if (rc < 0) {
        smw_record_release(&r);
        err->code = rc;
        err->offset = off;
        return r;
    }
    r.present = 1;
    r.tuple = 1;
    smw_put_int(&r, "set", set);
    exts = smw_put(&r, "extensions", SMW_LIST);
    exts->s = s;
    exts->n = count;
    return r;
}

/* The formatted Allow value, malloc'd (%newobject: the wrapper frees it). */
static char *smw_allow_format(uint32_t set)
{
    size_t need = sm_allow_format(set, NULL, 0);
    char *buf = (char *)malloc(need + 1);
    if (buf != NULL)
        sm_allow_format(set, buf, need + 1);
    return buf;
}

/* sm_error_format's wording, malloc'd. */
static char *smw_error_format(int err, size_t offset)
{
    size_t need = sm_error_format(err, offset, NULL, 0);
    char *buf = (char *)malloc(need + 1);
    if (buf != NULL)
        sm_error_format(err, offset, buf, need + 1);
    return buf;
}

/* The message every binding raises: "<what> at byte <offset>". */
static void smw_error_message(const smw_error *e, char *buf, size_t cap)
{
    sm_error_format(e->code, e->offset, buf, cap);
}

/* The symbolic name of e's code ("SM_EURI"). */
static const char *smw_error_name(const smw_error *e)
{
    const char *name = sm_errname(e->code);
    return name != NULL ? name : "SM_EARG";
}
%}

/* ------------------------------------------------------------------------------------------
 * Typemaps every language shares.
 * ------------------------------------------------------------------------------------------ */

/* One native string for each (const char *s, size_t n) pair: its bytes and its length. */
%apply (char *STRING, size_t LENGTH) { (const char *s, size_t n) };
/* SWIG reads undef (Perl) or nil (Ruby) as a NULL char * with size 0, and its typemap then
 * passes n = SIZE_MAX: refuse anything that is not a string instead. */
%typemap(check, noblock=1) (const char *s, size_t n) {
  if (!$1) {
    SWIG_exception_fail(SWIG_TypeError, "in method '$symname', argument $argnum of type 'string'");
  }
}

/* The hidden error output of the wrappers that can fail; each language's argout raises
 * (SMW_ENOMEM as the language's memory error). */
%typemap(in, numinputs=0, noblock=1) smw_error *ERR (smw_error err_temp) {
  err_temp.code = 0;
  err_temp.offset = 0;
  $1 = &err_temp;
}

/* Names of the record types, so that a language may map each to its own class. */
typedef struct smw_record smw_record;
%inline %{
typedef smw_record smw_method_record;  /* info, info_at: a record, or no result */
typedef smw_record smw_status_record;  /* status, status_at: a record, or no result */
typedef smw_record smw_message_record; /* classify: a record */
typedef smw_record smw_allow_tuple;    /* allow_parse: (set, extensions) */
typedef smw_record smw_names_tuple;    /* methods: the names in table order */
%}

/* The names of the helper layer's wrappers (a language file may rename further). */
%rename(is_token) smw_is_token;
%rename(info) smw_info;
%rename(info_at) smw_info_at;
%rename(methods) smw_methods;
%rename(status) smw_status;
%rename(status_at) smw_status_at;
%rename(from_letters) smw_from_letters;
%rename(classify) smw_classify;
%rename(allow_parse) smw_allow_parse;
%rename(allow_format) smw_allow_format;
%rename(error_format) smw_error_format;
%newobject smw_allow_format;
%newobject smw_error_format;

/* ------------------------------------------------------------------------------------------
 * What each language needs of its own.
 * ------------------------------------------------------------------------------------------ */
#if defined(SWIGPERL)
%include "perl/sipmethods_perl.i"
#elif defined(SWIGRUBY)
%include "ruby/sipmethods_ruby.i"
#elif defined(SWIGTCL)
%include "tcl/sipmethods_tcl.i"
#elif defined(SWIGJAVA)
%include "java/sipmethods_java.i"
#else
#warning "sipmethods.i: no typemaps for this language; records come out as opaque pointers"
#endif

/* ------------------------------------------------------------------------------------------
 * The interface.
 * ------------------------------------------------------------------------------------------ */

/* Constants: ids of SPEC §1 and the header's counts, kinds and error codes. */
%constant uint32_t INVITE = SM_INVITE;
%constant uint32_t ACK = SM_ACK;
%constant uint32_t BYE = SM_BYE;
%constant uint32_t CANCEL = SM_CANCEL;
%constant uint32_t OPTIONS = SM_OPTIONS;
%constant uint32_t REGISTER = SM_REGISTER;
%constant uint32_t PRACK = SM_PRACK;
%constant uint32_t SUBSCRIBE = SM_SUBSCRIBE;
%constant uint32_t NOTIFY = SM_NOTIFY;
%constant uint32_t PUBLISH = SM_PUBLISH;
%constant uint32_t INFO = SM_INFO;
%constant uint32_t REFER = SM_REFER;
%constant uint32_t MESSAGE = SM_MESSAGE;
%constant uint32_t UPDATE = SM_UPDATE;
%constant uint32_t OTHER = SM_OTHER;
%constant uint32_t ALL_METHODS = SM_ALL_METHODS;
%constant int METHOD_COUNT = SM_METHOD_COUNT;
%constant int STATUS_COUNT = SM_STATUS_COUNT;
%constant int REQUEST = SM_REQUEST;
%constant int RESPONSE = SM_RESPONSE;
%constant int EEOL = SM_EEOL;
%constant int ENOSP = SM_ENOSP;
%constant int ESP = SM_ESP;
%constant int EMETHOD = SM_EMETHOD;
%constant int EURI = SM_EURI;
%constant int EVERSION = SM_EVERSION;
%constant int ESTATUS = SM_ESTATUS;
%constant int EREASON = SM_EREASON;
%constant int ECSEQ = SM_ECSEQ;
%constant int EALLOW = SM_EALLOW;
%constant int EFOLD = SM_EFOLD;
%constant int ELETTER = SM_ELETTER;
%constant int EARG = SM_EARG;
%constant const char *VERSION = SM_VERSION_STRING;

/* The header's functions that map as they are, with the prefix stripped. Everything else in
 * the header (macros, structs, functions with output parameters) is replaced below. */
#define SIPMETHODS_NO_EXPORT_HEADER
%rename("$ignore", regextarget=1) "^SM_";
%rename("%(strip:[sm_])s") "";
%ignore sm_method_info;
%ignore sm_status_info;
%ignore sm_span;
%ignore sm_message;
%ignore sm_is_token;
%ignore sm_info;
%ignore sm_info_at;
%ignore sm_from_letters;
%ignore sm_from_letters_at;
%ignore sm_classify;
%ignore sm_allow_parse;
%ignore sm_allow_parse_at;
%ignore sm_allow_format;
%ignore sm_status;
%ignore sm_status_at;
%ignore sm_error_format;
%include "sipmethods.h"

/* The wrappers of the helper layer. */

bool smw_is_token(const char *s, size_t n);
smw_method_record smw_info(uint32_t id);
smw_method_record smw_info_at(size_t i);
smw_names_tuple smw_methods(void);
smw_status_record smw_status(int code);
smw_status_record smw_status_at(size_t i);
uint32_t smw_from_letters(const char *s, size_t n, smw_error *ERR);
smw_message_record smw_classify(const char *s, size_t n, smw_error *ERR);
smw_allow_tuple smw_allow_parse(const char *s, size_t n, smw_error *ERR);
char *smw_allow_format(uint32_t set);
char *smw_error_format(int err, size_t offset);
