/* SPDX-License-Identifier: MIT */
/*
 * sipmethods._core: the CPython binding of the sipmethods C core. It translates types and
 * errors; every fact and every parse is the core's.
 *
 * Multi-phase init, module state, METH_O and METH_FASTCALL functions. The package
 * (sipmethods/__init__.py) builds Method from methods() and registers it (_register), so
 * the functions return the members themselves. lookup() is the hot path: a bound method
 * of a private object holding the members (as random.random is of a hidden Random), so it
 * makes no PyModule_GetState() call, and with the full API it reads an ASCII str in place.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <string.h>

#include "sipmethods.h"
#include "lookup_inline.h" /* the core's lookup, inlined into lookup() */

#if defined(__GNUC__) || defined(__clang__)
#define SM_NOINLINE __attribute__((noinline))
#define SM_ID_SLOTS 32
#define SM_ID_SLOT(id) ((unsigned)__builtin_ctz(id)) /* a registered id's bit position */
#else
#define SM_NOINLINE
#define SM_ID_SLOTS 37
#define SM_ID_SLOT(id) ((id) % SM_ID_SLOTS) /* 2**k % 37 differs for every k < 36 */
#endif

/* lookup's self: the Method members at SM_ID_SLOT(id), NULL until _register. */
typedef struct {
    PyObject_HEAD
    PyObject *by_slot[SM_ID_SLOTS];
} sm_table;

typedef struct {
    PyObject *method_cls;                /* sipmethods.Method; NULL until _register */
    PyObject *parse_error;               /* sipmethods.ParseError; NULL until _register */
    PyObject *table;                     /* the sm_table, lookup's self */
    PyObject *request_cls;               /* Request, a struct sequence type */
    PyObject *response_cls;              /* Response, a struct sequence type */
    PyObject *name_str[SM_METHOD_COUNT]; /* the names, interned, in table order */
    PyObject *sip20;                     /* "SIP/2.0", interned */
} sm_state;

static sm_state *get_state(PyObject *module)
{
    return (sm_state *)PyModule_GetState(module);
}

/* Raises the RuntimeError of a _core used before the package registered Method; NULL. */
SM_NOINLINE static PyObject *not_ready(void)
{
    PyErr_SetString(PyExc_RuntimeError,
                    "sipmethods._core is not initialised: import sipmethods, not sipmethods._core");
    return NULL;
}

/* Raises "f() argument 'arg' must be <want>, not <what><type of got>"; NULL. */
static PyObject *type_error(const char *func, const char *arg, const char *want, const char *what, PyObject *got)
{
    PyObject *name = PyObject_GetAttrString((PyObject *)Py_TYPE(got), "__name__");
    if (name != NULL) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be %s, not %s%U", func, arg, want, what, name);
        Py_DECREF(name);
    }
    return NULL;
}

/* The member of what sm_lookup returns (a registered id, SM_OTHER or 0), or None. */
static PyObject *member_or_none(sm_table *t, uint32_t id)
{
    PyObject *m = Py_None;
    if (id & SM_ALL_METHODS) {
        m = t->by_slot[SM_ID_SLOT(id)];
        if (m == NULL)
            return not_ready();
    }
    return Py_NewRef(m);
}

/* ---- str and bytes in -------------------------------------------------------------- */

/* Bytes of a str or bytes argument: s[0..n), kept alive by owner (a new reference, or NULL). */
typedef struct {
    const char *s;
    Py_ssize_t n;
    PyObject *owner;
} sm_buf;

#ifndef Py_LIMITED_API
/* The characters of a compact ASCII str, right after its PyASCIIObject header (what
 * PyUnicode_DATA computes, less the checks of the other layouts). */
static inline const char *compact_ascii_data(PyObject *o)
{
    return (const char *)((PyASCIIObject *)o + 1);
}
#endif

/* The UTF-8 of a str (in place for a compact ASCII str with the full API, else cached by
 * CPython); NULL with UnicodeEncodeError if it has lone surrogates. */
static const char *str_utf8(PyObject *o, Py_ssize_t *n)
{
#ifndef Py_LIMITED_API
    if (PyUnicode_IS_COMPACT_ASCII(o)) {
        *n = PyUnicode_GET_LENGTH(o);
        return compact_ascii_data(o);
    }
#endif
    return PyUnicode_AsUTF8AndSize(o, n);
}

/* Fills b from a str or bytes: 0, or -1 with an exception (TypeError naming the argument).
 * A str with lone surrogates is encoded with the package's "sipmethods" error handler
 * (surrogateescape, and NUL for a surrogate it cannot map: docs/python.md). */
static int get_buf(PyObject *o, const char *func, const char *arg, sm_buf *b)
{
    char *p;
    b->owner = NULL;
    if (PyBytes_Check(o)) {
        if (PyBytes_AsStringAndSize(o, &p, &b->n) < 0)
            return -1;
        b->s = p;
        return 0;
    }
    if (!PyUnicode_Check(o)) {
        type_error(func, arg, "str or bytes", "", o);
        return -1;
    }
    b->s = str_utf8(o, &b->n);
    if (b->s != NULL)
        return 0;
    if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
        return -1;
    PyErr_Clear();
    b->owner = PyUnicode_AsEncodedString(o, "utf-8", "sipmethods");
    if (b->owner == NULL || PyBytes_AsStringAndSize(b->owner, &p, &b->n) < 0) {
        Py_CLEAR(b->owner);
        return -1;
    }
    b->s = p;
    return 0;
}

static void release_buf(sm_buf *b)
{
    Py_CLEAR(b->owner);
}

/* ---- ints in ----------------------------------------------------------------------- */

/* The value of an int (or an object with __index__): 0 with *v, *overflow set if it does not
 * fit a long long; or -1 with an exception. */
static int index_value(PyObject *o, long long *v, int *overflow)
{
    PyObject *num = PyNumber_Index(o);
    if (num == NULL)
        return -1;
    *v = PyLong_AsLongLongAndOverflow(num, overflow);
    Py_DECREF(num);
    return *v == -1 && PyErr_Occurred() ? -1 : 0;
}

/* An int argument as a C int; a value outside int becomes 0, which every function taking
 * a code or an id answers like any other unregistered value. 0, or -1 with TypeError. */
static int get_code(PyObject *o, const char *func, const char *arg, int *code)
{
    long long v;
    int overflow;
    if (!PyIndex_Check(o)) {
        type_error(func, arg, "int", "", o);
        return -1;
    }
    if (index_value(o, &v, &overflow) < 0)
        return -1;
    *code = (overflow || v < -2147483647LL || v > 2147483647LL) ? 0 : (int)v;
    return 0;
}

#define SET_WANT "a Method, an int or an iterable of Method"

/* An int as a set of method ids: 0..2**32-1, else ValueError. 0 or -1. */
static int int_to_set(PyObject *o, const char *func, const char *arg, sm_set *set)
{
    long long v;
    int overflow;
    if (index_value(o, &v, &overflow) < 0)
        return -1;
    if (overflow || v < 0 || v > 0xFFFFFFFFLL) {
        PyErr_Format(PyExc_ValueError, "%s() argument '%s' must be a set of method ids (0 to 2**32-1)",
                     func, arg);
        return -1;
    }
    *set = (sm_set)v;
    return 0;
}

/* A Method, an int, or an iterable of Method (or int) as a set. 0, or -1 with an exception. */
static int get_set(PyObject *o, const char *func, const char *arg, sm_set *set)
{
    PyObject *it, *item;
    sm_set acc = 0, bits;
    if (PyIndex_Check(o))
        return int_to_set(o, func, arg, set);
    if (PyUnicode_Check(o) || PyBytes_Check(o) || PyByteArray_Check(o) || (it = PyObject_GetIter(o)) == NULL) {
        if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            type_error(func, arg, SET_WANT, "", o);
        }
        return -1;
    }
    while ((item = PyIter_Next(it)) != NULL) {
        int r = -1;
        if (!PyIndex_Check(item))
            type_error(func, arg, SET_WANT, "an iterable holding ", item);
        else
            r = int_to_set(item, func, arg, &bits);
        Py_DECREF(item);
        if (r < 0)
            break;
        acc |= bits;
    }
    Py_DECREF(it);
    if (PyErr_Occurred())
        return -1;
    *set = acc;
    return 0;
}

/* ---- results out ------------------------------------------------------------------- */

/* Raises ParseError(message, offset, code) for a negative SM_E*; NULL. */
static PyObject *raise_parse_error(sm_state *st, int err, size_t offset)
{
    char msg[256];
    PyObject *exc;
    if (st->parse_error == NULL)
        return not_ready();
    sm_error_format(err, offset, msg, sizeof msg);
    exc = PyObject_CallFunction(st->parse_error, "snz", msg, (Py_ssize_t)offset, sm_errname(err));
    if (exc != NULL) {
        PyErr_SetObject(st->parse_error, exc);
        Py_DECREF(exc);
    }
    return NULL;
}

/* Method(set) */
static PyObject *method_set(sm_state *st, sm_set set)
{
    if (st->method_cls == NULL)
        return not_ready();
    return PyObject_CallFunction(st->method_cls, "k", (unsigned long)set);
}

/* Text out of the caller's bytes: UTF-8 with surrogateescape, so it round-trips. */
static PyObject *span_str(const char *base, sm_span sp)
{
    return PyUnicode_DecodeUTF8(base + sp.off, (Py_ssize_t)sp.len, "surrogateescape");
}

/* A method token: the interned name for a registered one. */
static PyObject *token_str(sm_state *st, const char *base, uint32_t id, sm_span sp)
{
    const sm_method_info *info = sm_info(id);
    return info != NULL ? Py_NewRef(st->name_str[info->index]) : span_str(base, sp);
}

static PyObject *version_str(sm_state *st, const char *base, sm_span sp)
{
    if (sp.len == 7 && memcmp(base + sp.off, "SIP/2.0", 7) == 0)
        return Py_NewRef(st->sip20);
    return span_str(base, sp);
}

/* ---- Request and Response: struct sequences, made with no call into Python ---------- */

static PyStructSequence_Field request_fields[] = {
    {"method", "the Method, or None for an extension method"},
    {"method_name", "the method token, byte-exact"},
    {"uri", "the Request-URI"},
    {"version", "the SIP version as written (SIP/2.0)"},
    {"cseq", "the CSeq number, or None without a CSeq header"},
    {"cseq_method", "the CSeq method as a Method; None for an extension or without a CSeq"},
    {"cseq_method_name", "the CSeq method token, or None without a CSeq header"},
    {"cseq_mismatch", "True if the CSeq method differs from the request method"},
    {"partial", "True if the input ended inside the header block before a complete CSeq line"},
    {NULL, NULL}
};

static PyStructSequence_Desc request_desc = {
    "sipmethods.Request", "A request start line and its CSeq header (classify()).", request_fields, 9,
};

static PyStructSequence_Field response_fields[] = {
    {"version", "the SIP version as written (SIP/2.0)"},
    {"status", "the status code, 100..699"},
    {"reason", "the reason phrase (may be empty)"},
    {"cseq", "the CSeq number, or None without a CSeq header"},
    {"cseq_method", "the CSeq method as a Method; None for an extension or without a CSeq"},
    {"cseq_method_name", "the CSeq method token, or None without a CSeq header"},
    {"partial", "True if the input ended inside the header block before a complete CSeq line"},
    {NULL, NULL}
};

static PyStructSequence_Desc response_desc = {
    "sipmethods.Response", "A status line and its CSeq header (classify()).", response_fields, 7,
};

/* A new instance of a struct sequence type from n new references, any of which may be NULL
 * (then it fails, releasing them all). */
static PyObject *make_struct(PyObject *type, Py_ssize_t n, PyObject **items)
{
    Py_ssize_t i;
    PyObject *r = NULL;
    for (i = 0; i < n && items[i] != NULL; i++)
        ;
    if (i == n)
        r = PyStructSequence_New((PyTypeObject *)type);
    for (i = 0; i < n; i++) {
        if (r != NULL)
            PyStructSequence_SetItem(r, i, items[i]); /* steals */
        else
            Py_XDECREF(items[i]);
    }
    return r;
}

/* ---- the functions ----------------------------------------------------------------- */

PyDoc_STRVAR(lookup_doc,
"lookup($self, name, /, *, ignore_case=False)\n--\n\n"
"The Method called name (str or bytes), or None for an extension token or a non-token.\n\n"
"Exact and case-sensitive (RFC 3261 section 20.16): 'invite' is an extension token.\n"
"ignore_case=True matches ASCII case-insensitively, as Kamailio does.");

/* Everything but lookup(str): keywords, bytes, wrong types, lone surrogates (no method name:
 * get_buf reads each as NUL). Kept out of py_lookup so the hot path stays a leaf. */
SM_NOINLINE static PyObject *lookup_slow(sm_table *t, PyObject *const *args, Py_ssize_t nargs,
                                         PyObject *kwnames)
{
    sm_buf b;
    uint32_t id;
    Py_ssize_t i, nkw = kwnames != NULL ? PyTuple_Size(kwnames) : 0;
    int ignore_case = 0;
    if (nargs != 1)
        return PyErr_Format(PyExc_TypeError, "lookup() takes exactly 1 positional argument (%zd given)", nargs);
    for (i = 0; i < nkw; i++) {
        PyObject *key = PyTuple_GetItem(kwnames, i);
        if (key == NULL)
            return NULL;
        if (PyUnicode_CompareWithASCIIString(key, "ignore_case") != 0)
            return PyErr_Format(PyExc_TypeError, "lookup() got an unexpected keyword argument '%U'", key);
        ignore_case = PyObject_IsTrue(args[nargs + i]);
        if (ignore_case < 0)
            return NULL;
    }
    if (get_buf(args[0], "lookup", "name", &b) < 0)
        return NULL;
    id = ignore_case ? sm_lookup_ci(b.s, (size_t)b.n) : sm_lookup(b.s, (size_t)b.n);
    release_buf(&b);
    return member_or_none(t, id);
}

static PyObject *py_lookup(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
#ifndef Py_LIMITED_API
    if (nargs == 1 && kwnames == NULL && PyUnicode_CheckExact(args[0]) && PyUnicode_IS_COMPACT_ASCII(args[0]))
        return member_or_none((sm_table *)self, sm__lookup_inline(compact_ascii_data(args[0]),
                                                                  (size_t)PyUnicode_GET_LENGTH(args[0])));
#else
    if (nargs == 1 && kwnames == NULL && PyUnicode_CheckExact(args[0])) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(args[0], &n);
        if (s != NULL)
            return member_or_none((sm_table *)self, sm_lookup(s, (size_t)n));
        PyErr_Clear(); /* lone surrogates: lookup_slow answers */
    }
#endif
    return lookup_slow((sm_table *)self, args, nargs, kwnames);
}

PyDoc_STRVAR(is_token_doc,
"is_token($module, s, /)\n--\n\n"
"True if s (str or bytes) is an RFC 3261 token: 1*(alphanum / -.!%*_+`'~).");

static PyObject *py_is_token(PyObject *module, PyObject *arg)
{
    sm_buf b;
    int r;
    (void)module;
    if (get_buf(arg, "is_token", "s", &b) < 0)
        return NULL;
    r = sm_is_token(b.s, (size_t)b.n);
    release_buf(&b);
    return PyBool_FromLong(r);
}

PyDoc_STRVAR(from_id_doc,
"from_id($module, rmid, /)\n--\n\n"
"The Method whose id (Kamailio's $rmid) is rmid, or None for any other integer.");

static PyObject *py_from_id(PyObject *module, PyObject *arg)
{
    int v;
    if (get_code(arg, "from_id", "rmid", &v) < 0)
        return NULL;
    return member_or_none((sm_table *)get_state(module)->table, sm_info((uint32_t)v) ? (uint32_t)v : 0);
}

PyDoc_STRVAR(from_letters_doc,
"from_letters($module, s, /)\n--\n\n"
"The set of methods named by Kamailio's is_method_in() letters (either case).\n\n"
"Raises ParseError (a ValueError) at the first byte that is not such a letter.");

static PyObject *py_from_letters(PyObject *module, PyObject *arg)
{
    sm_state *st = get_state(module);
    sm_buf b;
    sm_set set;
    size_t off;
    int r;
    if (get_buf(arg, "from_letters", "s", &b) < 0)
        return NULL;
    r = sm_from_letters(b.s, (size_t)b.n, &set, &off);
    release_buf(&b);
    return r < 0 ? raise_parse_error(st, r, off) : method_set(st, set);
}

PyDoc_STRVAR(reject_status_doc,
"reject_status($module, name, allowed, /)\n--\n\n"
"How a server allowing `allowed` answers the method `name`: 0 (allowed), 405 (registered,\n"
"not allowed), 501 (an extension method) or 400 (not a token). allowed is a Method, an int\n"
"(0 to 2**32-1) or an iterable of Method; a set holding OTHER allows every extension method.");

static PyObject *py_reject_status(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    sm_buf b;
    sm_set set;
    int r;
    (void)module;
    if (nargs != 2)
        return PyErr_Format(PyExc_TypeError, "reject_status() takes exactly 2 arguments (%zd given)", nargs);
    if (get_buf(args[0], "reject_status", "name", &b) < 0)
        return NULL;
    if (get_set(args[1], "reject_status", "allowed", &set) < 0) {
        release_buf(&b);
        return NULL;
    }
    r = sm_reject_status(b.s, (size_t)b.n, set);
    release_buf(&b);
    return PyLong_FromLong(r);
}

PyDoc_STRVAR(classify_doc,
"classify($module, message, /)\n--\n\n"
"Reads the start line and the CSeq header of a SIP message (str or bytes) and returns a\n"
"Request or a Response; its `partial` is True if the input ended inside the header block\n"
"before a complete CSeq line. Raises ParseError with the byte offset of what does not\n"
"parse, code SM_EPARTIAL if the input ended before the start line did.");

/* The cseq, cseq_method and cseq_method_name fields into v[0..3). */
static void cseq_fields(sm_state *st, const char *base, const sm_message *m, PyObject **v)
{
    sm_table *t = (sm_table *)st->table;
    v[0] = m->has_cseq ? PyLong_FromUnsignedLong(m->cseq) : Py_NewRef(Py_None);
    v[1] = m->has_cseq ? member_or_none(t, m->cseq_method_id) : Py_NewRef(Py_None);
    v[2] = m->has_cseq ? token_str(st, base, m->cseq_method_id, m->cseq_method) : Py_NewRef(Py_None);
}

static PyObject *py_classify(PyObject *module, PyObject *arg)
{
    sm_state *st = get_state(module);
    sm_buf b;
    sm_message m;
    size_t off;
    int r;
    PyObject *v[9], *result;
    if (get_buf(arg, "classify", "message", &b) < 0)
        return NULL;
    r = sm_classify(b.s, (size_t)b.n, &m, &off);
    if (r < 0 && !(r == SM_EPARTIAL && m.kind != 0)) {
        release_buf(&b);
        return raise_parse_error(st, r, off);
    }
    if (m.kind == SM_REQUEST) {
        v[0] = member_or_none((sm_table *)st->table, m.method_id);
        v[1] = token_str(st, b.s, m.method_id, m.method);
        v[2] = span_str(b.s, m.uri);
        v[3] = version_str(st, b.s, m.version);
        cseq_fields(st, b.s, &m, v + 4);
        v[7] = PyBool_FromLong(m.cseq_mismatch);
        v[8] = PyBool_FromLong(r == SM_EPARTIAL);
        result = make_struct(st->request_cls, 9, v);
    } else {
        v[0] = version_str(st, b.s, m.version);
        v[1] = PyLong_FromLong(m.status);
        v[2] = span_str(b.s, m.reason);
        cseq_fields(st, b.s, &m, v + 3);
        v[6] = PyBool_FromLong(r == SM_EPARTIAL);
        result = make_struct(st->response_cls, 7, v);
    }
    release_buf(&b);
    return result;
}

PyDoc_STRVAR(parse_allow_doc,
"parse_allow($module, value, /)\n--\n\n"
"Parses an Allow header value (str or bytes): (the registered methods as a Method,\n"
"the extension tokens in order, duplicates kept). Raises ParseError on a bad element.");

static PyObject *py_parse_allow(PyObject *module, PyObject *arg)
{
    sm_state *st = get_state(module);
    sm_buf b;
    sm_span tok;
    sm_set set = 0;
    size_t pos = 0, off;
    uint32_t id;
    int r = 0;
    PyObject *exts, *tuple, *result = NULL;
    if (get_buf(arg, "parse_allow", "value", &b) < 0)
        return NULL;
    exts = PyList_New(0);
    while (exts != NULL && (r = sm_allow_next(b.s, (size_t)b.n, &pos, &tok, &id, &off)) == 1) {
        PyObject *s = id == SM_OTHER ? span_str(b.s, tok) : NULL;
        set |= id & SM_ALL_METHODS;
        if (id == SM_OTHER && (s == NULL || PyList_Append(exts, s) < 0))
            Py_CLEAR(exts);
        Py_XDECREF(s);
    }
    if (exts != NULL && r < 0)
        raise_parse_error(st, r, off);
    else if (exts != NULL && (tuple = PyList_AsTuple(exts)) != NULL)
        result = Py_BuildValue("(NN)", method_set(st, set), tuple);
    Py_XDECREF(exts);
    release_buf(&b);
    return result;
}

PyDoc_STRVAR(format_allow_doc,
"format_allow($module, methods, /)\n--\n\n"
"The registered methods of a Method, an int or an iterable of Method, in table order,\n"
"joined by ', ' (an Allow header value). Other bits are ignored.");

static PyObject *py_format_allow(PyObject *module, PyObject *arg)
{
    char buf[SM_ALLOW_FORMAT_MAX + 1];
    sm_set set;
    (void)module;
    if (get_set(arg, "format_allow", "methods", &set) < 0)
        return NULL;
    return PyUnicode_FromStringAndSize(buf, (Py_ssize_t)sm_allow_format(set, buf, sizeof buf));
}

PyDoc_STRVAR(reason_doc,
"reason($module, code, /)\n--\n\n"
"The IANA reason phrase of a response code, or None if the code is not registered.");

static PyObject *py_reason(PyObject *module, PyObject *arg)
{
    int code;
    (void)module;
    if (get_code(arg, "reason", "code", &code) < 0)
        return NULL;
    return Py_BuildValue("z", sm_status_reason(code));
}

PyDoc_STRVAR(status_class_doc,
"status_class($module, code, /)\n--\n\n"
"1..6 for codes 100..699, else 0.");

static PyObject *py_status_class(PyObject *module, PyObject *arg)
{
    int code;
    (void)module;
    if (get_code(arg, "status_class", "code", &code) < 0)
        return NULL;
    return PyLong_FromLong(sm_status_class(code));
}

PyDoc_STRVAR(equivalent_doc,
"equivalent($module, code, /)\n--\n\n"
"The code a UAC treats code as (RFC 3261 section 8.1.3.2): a registered code is itself, an\n"
"unknown final code its class's x00, an unknown provisional code 183; 0 outside 100..699.");

static PyObject *py_equivalent(PyObject *module, PyObject *arg)
{
    int code;
    (void)module;
    if (get_code(arg, "equivalent", "code", &code) < 0)
        return NULL;
    return PyLong_FromLong(sm_status_equivalent(code));
}

/* ---- the tables, for the package --------------------------------------------------- */

/* One method as a dict with the schema's fields (docs/python.md). */
static PyObject *method_dict(const sm_method_info *m)
{
    PyObject *refs = PyTuple_New((Py_ssize_t)m->n_references);
    size_t k;
    for (k = 0; refs != NULL && k < m->n_references; k++) {
        PyObject *s = PyUnicode_FromString(m->references[k]);
        if (s == NULL)
            Py_CLEAR(refs);
        else
            PyTuple_SetItem(refs, (Py_ssize_t)k, s);
    }
    if (refs == NULL)
        return NULL;
    return Py_BuildValue("{s:s#,s:k,s:n,s:s,s:s,s:N,s:z#,s:s,s:s,s:O,s:O,s:O,s:O,s:O,s:O}",
                         "name", m->name, (Py_ssize_t)m->name_len, "id", (unsigned long)m->id,
                         "index", (Py_ssize_t)m->index, "description", m->description, "rfc", m->rfc,
                         "references", refs, "letter", m->letter ? &m->letter : NULL, (Py_ssize_t)1,
                         "category", m->category, "transaction", m->transaction,
                         "has_response", m->has_response ? Py_True : Py_False,
                         "cancelable", m->cancelable ? Py_True : Py_False,
                         "creates_dialog", m->creates_dialog ? Py_True : Py_False,
                         "target_refresh", m->target_refresh ? Py_True : Py_False,
                         "offer_answer", m->offer_answer ? Py_True : Py_False,
                         "in_dialog_only", m->in_dialog_only ? Py_True : Py_False);
}

PyDoc_STRVAR(methods_doc,
"methods($module, /)\n--\n\n"
"The method table of the C core, in table order: a tuple of dicts (name, id, index,\n"
"description, rfc, references, letter, category, transaction and the six flags).");

static PyObject *py_methods(PyObject *module, PyObject *unused)
{
    PyObject *t = PyTuple_New(SM_METHOD_COUNT);
    Py_ssize_t i;
    (void)module;
    (void)unused;
    for (i = 0; t != NULL && i < SM_METHOD_COUNT; i++) {
        PyObject *d = method_dict(sm_info_at((size_t)i));
        if (d == NULL)
            Py_CLEAR(t);
        else
            PyTuple_SetItem(t, i, d);
    }
    return t;
}

PyDoc_STRVAR(statuses_doc,
"statuses($module, /)\n--\n\n"
"The IANA response codes of the C core, ascending: a tuple of (code, reason, rfc, deprecated).");

static PyObject *py_statuses(PyObject *module, PyObject *unused)
{
    PyObject *t = PyTuple_New(SM_STATUS_COUNT);
    Py_ssize_t i;
    (void)module;
    (void)unused;
    for (i = 0; t != NULL && i < SM_STATUS_COUNT; i++) {
        const sm_status_info *s = sm_status_at((size_t)i);
        PyObject *row = Py_BuildValue("(issO)", s->code, s->reason, s->rfc, s->deprecated ? Py_True : Py_False);
        if (row == NULL)
            Py_CLEAR(t);
        else
            PyTuple_SetItem(t, i, row);
    }
    return t;
}

/* *slot = value (a new reference), releasing the old value last. */
static void replace(PyObject **slot, PyObject *value)
{
    PyObject *old = *slot;
    *slot = value;
    Py_XDECREF(old);
}

PyDoc_STRVAR(register_doc,
"_register($module, method, parse_error, /)\n--\n\n"
"Called once by the sipmethods package: the Method class (an int subclass whose members are\n"
"called by id) and ParseError (a ValueError), which the functions then return and raise.");

static PyObject *py_register(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    sm_state *st = get_state(module);
    sm_table *t = (sm_table *)st->table;
    PyObject *members[SM_METHOD_COUNT];
    Py_ssize_t i, k;
    if (nargs != 2)
        return PyErr_Format(PyExc_TypeError, "_register() takes exactly 2 arguments (%zd given)", nargs);
    if (!PyType_Check(args[0]) || args[0] == (PyObject *)&PyLong_Type ||
        !PyType_IsSubtype((PyTypeObject *)args[0], &PyLong_Type) ||
        !PyType_Check(args[1]) || !PyType_IsSubtype((PyTypeObject *)args[1], (PyTypeObject *)PyExc_ValueError))
        return PyErr_Format(PyExc_TypeError, "_register() takes a subclass of int and one of ValueError");
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *info = sm_info_at((size_t)i);
        members[i] = PyObject_CallFunction(args[0], "k", (unsigned long)info->id);
        if (members[i] == NULL || Py_TYPE(members[i]) != (PyTypeObject *)args[0]) {
            if (members[i] != NULL)
                PyErr_Format(PyExc_TypeError, "_register(): %s is not a member of the class", info->name);
            for (k = 0; k <= i; k++)
                Py_XDECREF(members[k]);
            return NULL;
        }
    }
    for (i = 0; i < SM_METHOD_COUNT; i++) /* replaces a previous registration (importlib.reload) */
        replace(&t->by_slot[SM_ID_SLOT(sm_info_at((size_t)i)->id)], members[i]);
    replace(&st->method_cls, Py_NewRef(args[0]));
    replace(&st->parse_error, Py_NewRef(args[1]));
    Py_RETURN_NONE;
}

static PyMethodDef sm_methods[] = {
    {"is_token", py_is_token, METH_O, is_token_doc},
    {"from_id", py_from_id, METH_O, from_id_doc},
    {"from_letters", py_from_letters, METH_O, from_letters_doc},
    {"reject_status", (PyCFunction)(void (*)(void))py_reject_status, METH_FASTCALL, reject_status_doc},
    {"classify", py_classify, METH_O, classify_doc},
    {"parse_allow", py_parse_allow, METH_O, parse_allow_doc},
    {"format_allow", py_format_allow, METH_O, format_allow_doc},
    {"reason", py_reason, METH_O, reason_doc},
    {"status_class", py_status_class, METH_O, status_class_doc},
    {"equivalent", py_equivalent, METH_O, equivalent_doc},
    {"methods", py_methods, METH_NOARGS, methods_doc},
    {"statuses", py_statuses, METH_NOARGS, statuses_doc},
    {"_register", (PyCFunction)(void (*)(void))py_register, METH_FASTCALL, register_doc},
    {NULL, NULL, 0, NULL}
};

/* ---- _MethodTable: lookup's self ---------------------------------------------------- */

static int table_traverse(PyObject *self, visitproc visit, void *arg)
{
    size_t i;
    Py_VISIT(Py_TYPE(self));
    for (i = 0; i < SM_ID_SLOTS; i++)
        Py_VISIT(((sm_table *)self)->by_slot[i]);
    return 0;
}

static int table_clear(PyObject *self)
{
    size_t i;
    for (i = 0; i < SM_ID_SLOTS; i++)
        Py_CLEAR(((sm_table *)self)->by_slot[i]);
    return 0;
}

static void table_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    table_clear(self);
    ((freefunc)PyType_GetSlot(tp, Py_tp_free))(self);
    Py_DECREF(tp);
}

/* Pickles as the global sipmethods._core._table, so pickle.dumps(sipmethods.lookup) works. */
static PyObject *table_reduce(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    return PyUnicode_FromString("_table");
}

static PyMethodDef table_methods[] = {
    {"lookup", (PyCFunction)(void (*)(void))py_lookup, METH_FASTCALL | METH_KEYWORDS, lookup_doc},
    {"__reduce__", table_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyType_Slot table_slots[] = {
    {Py_tp_doc, (void *)"The Method members by id; sipmethods.lookup is its bound lookup method."},
    {Py_tp_methods, table_methods},
    {Py_tp_traverse, (void *)table_traverse},
    {Py_tp_clear, (void *)table_clear},
    {Py_tp_dealloc, (void *)table_dealloc},
    {0, NULL}
};

static PyType_Spec table_spec = {
    .name = "sipmethods._core._MethodTable",
    .basicsize = sizeof(sm_table),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = table_slots,
};

/* ---- the module -------------------------------------------------------------------- */

static int sm_exec(PyObject *module)
{
    sm_state *st = get_state(module);
    Py_ssize_t i;
    PyObject *lookup, *type = PyType_FromModuleAndSpec(module, &table_spec, NULL);
    if (type == NULL)
        return -1;
    st->table = ((allocfunc)PyType_GetSlot((PyTypeObject *)type, Py_tp_alloc))((PyTypeObject *)type, 0);
    Py_DECREF(type); /* the instance holds it */
    if (st->table == NULL || PyModule_AddObjectRef(module, "_table", st->table) < 0)
        return -1;
    lookup = PyObject_GetAttrString(st->table, "lookup");
    i = lookup != NULL ? PyModule_AddObjectRef(module, "lookup", lookup) : -1;
    Py_XDECREF(lookup);
    if (i < 0)
        return -1;
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *m = sm_info_at((size_t)i);
        st->name_str[i] = PyUnicode_FromStringAndSize(m->name, (Py_ssize_t)m->name_len);
        if (st->name_str[i] == NULL)
            return -1;
        PyUnicode_InternInPlace(&st->name_str[i]);
    }
    st->sip20 = PyUnicode_InternFromString("SIP/2.0");
    st->request_cls = (PyObject *)PyStructSequence_NewType(&request_desc);
    st->response_cls = (PyObject *)PyStructSequence_NewType(&response_desc);
    if (st->sip20 == NULL || st->request_cls == NULL || st->response_cls == NULL ||
        PyModule_AddObjectRef(module, "Request", st->request_cls) < 0 ||
        PyModule_AddObjectRef(module, "Response", st->response_cls) < 0 ||
        PyModule_AddIntConstant(module, "OTHER", (long)SM_OTHER) < 0 ||
        PyModule_AddIntConstant(module, "ALL_METHODS", (long)SM_ALL_METHODS) < 0 ||
        PyModule_AddIntConstant(module, "METHOD_COUNT", SM_METHOD_COUNT) < 0 ||
        PyModule_AddIntConstant(module, "STATUS_COUNT", SM_STATUS_COUNT) < 0 ||
        PyModule_AddStringConstant(module, "__version__", sm_version()) < 0)
        return -1;
#ifdef Py_LIMITED_API
    return PyModule_AddObjectRef(module, "LIMITED_API", Py_True);
#else
    return PyModule_AddObjectRef(module, "LIMITED_API", Py_False);
#endif
}

/* Module state is allocated before these run (CPython >= 3.9). */
static int sm_traverse(PyObject *module, visitproc visit, void *arg)
{
    sm_state *st = get_state(module);
    Py_ssize_t i;
    for (i = 0; i < SM_METHOD_COUNT; i++)
        Py_VISIT(st->name_str[i]);
    Py_VISIT(st->method_cls);
    Py_VISIT(st->parse_error);
    Py_VISIT(st->table);
    Py_VISIT(st->request_cls);
    Py_VISIT(st->response_cls);
    Py_VISIT(st->sip20);
    return 0;
}

static int sm_clear(PyObject *module)
{
    sm_state *st = get_state(module);
    Py_ssize_t i;
    for (i = 0; i < SM_METHOD_COUNT; i++)
        Py_CLEAR(st->name_str[i]);
    Py_CLEAR(st->method_cls);
    Py_CLEAR(st->parse_error);
    Py_CLEAR(st->table);
    Py_CLEAR(st->request_cls);
    Py_CLEAR(st->response_cls);
    Py_CLEAR(st->sip20);
    return 0;
}

static void sm_free(void *module)
{
    sm_clear((PyObject *)module);
}

static PyModuleDef_Slot sm_slots[] = {
    {Py_mod_exec, (void *)sm_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef sm_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "sipmethods._core",
    .m_doc = "The C core of sipmethods. Use the sipmethods package, which wraps it in typed enums.",
    .m_size = sizeof(sm_state),
    .m_methods = sm_methods,
    .m_slots = sm_slots,
    .m_traverse = sm_traverse,
    .m_clear = sm_clear,
    .m_free = sm_free,
};

PyMODINIT_FUNC PyInit__core(void)
{
    return PyModuleDef_Init(&sm_module);
}
