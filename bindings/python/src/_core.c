/*
 * sipmethods._core: the CPython binding of the sipmethods C core.
 *
 * Multi-phase init, no C globals (everything hangs off the module state), METH_O and
 * METH_FASTCALL functions. The pure-Python package (sipmethods/__init__.py) builds
 * Method from methods() and hands its members back through _register(), so lookup()
 * returns the members themselves and allocates nothing.
 *
 * lookup() is the hot path (goal: within 1.3x of a no-op METH_O call). It is a bound
 * method of a small private object holding the members by id, like random.random is
 * of a hidden Random, so it reaches them with no PyModule_GetState() call; and with the
 * full API it reads an ASCII str's bytes in place. setup.py builds against the full API
 * by default because the limited API measured slower than the goal (docs/python.md);
 * SIPMETHODS_LIMITED_API=1 builds an abi3 extension (Py_LIMITED_API 3.10) instead.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <string.h>

#include "sipmethods.h"
#include "lookup_inline.h" /* the core's lookup, inlined into lookup() */

#if defined(Py_LIMITED_API) && Py_LIMITED_API + 0 < 0x030A0000
#error "sipmethods._core needs METH_FASTCALL: build with Py_LIMITED_API >= 0x030A0000 or without it"
#endif

#if PY_VERSION_HEX < 0x030A0000 /* 3.9, full API */
static PyObject *sm_py_newref(PyObject *o)
{
    Py_INCREF(o);
    return o;
}
#define Py_NewRef sm_py_newref
static int PyModule_AddObjectRef(PyObject *mod, const char *name, PyObject *value)
{
    int r;
    if (value == NULL)
        return -1;
    Py_INCREF(value);
    r = PyModule_AddObject(mod, name, value);
    if (r < 0)
        Py_DECREF(value);
    return r;
}
#endif

#if defined(__GNUC__) || defined(__clang__)
#define SM_NOINLINE __attribute__((noinline))
#else
#define SM_NOINLINE
#endif

/* The members are indexed by id without a search: by the bit's position where the compiler
 * has a count-trailing-zeros builtin, else by id % 37 (2**k % 37 differs for every k < 36). */
#if defined(__GNUC__) || defined(__clang__)
#define SM_ID_SLOTS 32
#define SM_ID_SLOT(id) ((unsigned)__builtin_ctz(id))
#else
#define SM_ID_SLOTS 37
#define SM_ID_SLOT(id) ((id) % SM_ID_SLOTS)
#endif

/* lookup's self: the Method members at SM_ID_SLOT(id) (strong references, NULL until
 * _register). The module state owns the one instance; it is _core._table. */
typedef struct {
    PyObject_HEAD
    PyObject *by_slot[SM_ID_SLOTS];
} sm_table;

typedef struct {
    PyObject *method_cls;                /* sipmethods.Method; NULL until _register */
    PyObject *table_type;                /* _MethodTable */
    PyObject *table;                     /* its instance, lookup's self */
    PyObject *request_cls;               /* Request, a struct sequence type */
    PyObject *response_cls;              /* Response, a struct sequence type */
    PyObject *parse_error;               /* sipmethods.ParseError */
    PyObject *name_str[SM_METHOD_COUNT]; /* the names, interned, in table order */
    PyObject *sip20;                     /* "SIP/2.0" */
} sm_state;

static sm_state *get_state(PyObject *module)
{
    return (sm_state *)PyModule_GetState(module);
}

static int not_ready(sm_state *st)
{
    if (st->method_cls != NULL)
        return 0;
    PyErr_SetString(PyExc_RuntimeError,
                    "sipmethods._core is not initialised: import sipmethods, not sipmethods._core");
    return 1;
}

/* Sets "f() argument 'arg' must be <want>, not <type>". */
static PyObject *type_error(const char *func, const char *arg, const char *want, PyObject *got)
{
    PyObject *name = PyObject_GetAttrString((PyObject *)Py_TYPE(got), "__name__");
    if (name != NULL) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be %s, not %U", func, arg, want, name);
        Py_DECREF(name);
    }
    return NULL;
}

/* The member of a registered id, borrowed; NULL for anything else. */
static PyObject *member_of(sm_state *st, uint32_t id)
{
    return sm_info(id) != NULL ? ((sm_table *)st->table)->by_slot[SM_ID_SLOT(id)] : NULL;
}

static PyObject *member_or_none(sm_state *st, uint32_t id)
{
    PyObject *m = member_of(st, id);
    return Py_NewRef(m != NULL ? m : Py_None);
}

/* ---- str and bytes in -------------------------------------------------------------- */

/* Bytes of a str or bytes argument: s[0..n), kept alive by owner (a new reference, or NULL). */
typedef struct {
    const char *s;
    Py_ssize_t n;
    PyObject *owner;
} sm_buf;

/* UTF-8 of a str that surrogateescape cannot encode: U+DC80..U+DCFF are their bytes, as with
 * surrogateescape, and every other lone surrogate becomes NUL, a byte no SIP element may hold
 * (docs/python.md). */
static PyObject *encode_lone_surrogates(PyObject *str)
{
    Py_ssize_t len = PyUnicode_GetLength(str), i, size = 0;
    Py_UCS4 *u;
    PyObject *out;
    char *p;
    if (len < 0)
        return NULL;
    u = PyUnicode_AsUCS4Copy(str);
    if (u == NULL)
        return NULL;
    for (i = 0; i < len; i++) {
        Py_UCS4 c = u[i];
        size += c < 0x80 ? 1 : c < 0x800 ? 2 : (c >= 0xD800 && c <= 0xDFFF) ? 1 : c < 0x10000 ? 3 : 4;
    }
    out = PyBytes_FromStringAndSize(NULL, size);
    if (out == NULL) {
        PyMem_Free(u);
        return NULL;
    }
    p = PyBytes_AsString(out);
    for (i = 0; i < len; i++) {
        Py_UCS4 c = u[i];
        if (c < 0x80) {
            *p++ = (char)c;
        } else if (c < 0x800) {
            *p++ = (char)(0xC0 | (c >> 6));
            *p++ = (char)(0x80 | (c & 0x3F));
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            *p++ = (char)(c >= 0xDC80 && c <= 0xDCFF ? c - 0xDC00 : 0);
        } else if (c < 0x10000) {
            *p++ = (char)(0xE0 | (c >> 12));
            *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (char)(0x80 | (c & 0x3F));
        } else {
            *p++ = (char)(0xF0 | (c >> 18));
            *p++ = (char)(0x80 | ((c >> 12) & 0x3F));
            *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (char)(0x80 | (c & 0x3F));
        }
    }
    PyMem_Free(u);
    return out;
}

#ifndef Py_LIMITED_API
/* The characters of a compact ASCII str: right after its PyASCIIObject header, as
 * CPython's unicodeobject.h lays it out (what PyUnicode_DATA computes, less the checks
 * of the other layouts). */
static inline const char *compact_ascii_data(PyObject *o)
{
    return (const char *)((PyASCIIObject *)o + 1);
}
#endif

/* The UTF-8 of a str, NULL with an exception if it has lone surrogates. A compact ASCII
 * str (every str CPython makes, but for the legacy API's) is its own UTF-8: read in place
 * (full API), or through PyUnicode_AsUTF8AndSize, which returns the same bytes (limited
 * API); other strs get their UTF-8 cached by CPython. */
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

/* 0 with b filled, or -1 with an exception (TypeError naming the argument). */
static int get_buf(PyObject *o, const char *func, const char *arg, sm_buf *b)
{
    char *p;
    PyObject *bytes;
    b->owner = NULL;
    if (PyBytes_Check(o)) {
        if (PyBytes_AsStringAndSize(o, &p, &b->n) < 0)
            return -1;
        b->s = p;
        return 0;
    }
    if (!PyUnicode_Check(o)) {
        type_error(func, arg, "str or bytes", o);
        return -1;
    }
    /* Valid UTF-8 (every str without lone surrogates): no copy, cached in the str. */
    b->s = str_utf8(o, &b->n);
    if (b->s != NULL)
        return 0;
    if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
        return -1;
    PyErr_Clear();
    bytes = PyUnicode_AsEncodedString(o, "utf-8", "surrogateescape");
    if (bytes == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
            return -1;
        PyErr_Clear();
        bytes = encode_lone_surrogates(o);
        if (bytes == NULL)
            return -1;
    }
    if (PyBytes_AsStringAndSize(bytes, &p, &b->n) < 0) {
        Py_DECREF(bytes);
        return -1;
    }
    b->s = p;
    b->owner = bytes;
    return 0;
}

static void release_buf(sm_buf *b)
{
    Py_XDECREF(b->owner);
    b->owner = NULL;
}

/* ---- ints in ----------------------------------------------------------------------- */

/* An int argument as a C int; values outside int become 0, which every status function
 * answers like any other code outside 100..699. 0, or -1 with TypeError. */
static int get_code(PyObject *o, const char *func, const char *arg, int *code)
{
    long v;
    int overflow;
    PyObject *num;
    if (!PyLong_Check(o) && !PyIndex_Check(o)) {
        type_error(func, arg, "int", o);
        return -1;
    }
    num = PyNumber_Index(o);
    if (num == NULL)
        return -1;
    v = PyLong_AsLongAndOverflow(num, &overflow);
    Py_DECREF(num);
    if (v == -1 && PyErr_Occurred())
        return -1;
    *code = (overflow || v < -2147483647L || v > 2147483647L) ? 0 : (int)v;
    return 0;
}

/* An int as a set of methods: its low 32 bits (two's complement, so ~x works as in Python). */
static int int_to_set(PyObject *o, uint32_t *set)
{
    unsigned long v;
    PyObject *num = PyNumber_Index(o);
    if (num == NULL)
        return -1;
    v = PyLong_AsUnsignedLongMask(num);
    Py_DECREF(num);
    if (v == (unsigned long)-1 && PyErr_Occurred())
        return -1;
    *set = (uint32_t)(v & 0xFFFFFFFFUL);
    return 0;
}

#define SET_WANT "a Method, an int or an iterable of Method"

/* A Method, an int, or an iterable of Method (or int) as a set. 0, or -1 with an exception. */
static int get_set(PyObject *o, const char *func, const char *arg, uint32_t *set)
{
    PyObject *it, *item;
    uint32_t acc = 0, bits;
    if (PyLong_Check(o) || PyIndex_Check(o))
        return int_to_set(o, set);
    if (PyUnicode_Check(o) || PyBytes_Check(o) || PyByteArray_Check(o)) {
        type_error(func, arg, SET_WANT, o);
        return -1;
    }
    it = PyObject_GetIter(o);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            type_error(func, arg, SET_WANT, o);
        }
        return -1;
    }
    while ((item = PyIter_Next(it)) != NULL) {
        int r;
        if (!PyLong_Check(item) && !PyIndex_Check(item)) {
            PyObject *name = PyObject_GetAttrString((PyObject *)Py_TYPE(item), "__name__");
            if (name != NULL) {
                PyErr_Format(PyExc_TypeError,
                             "%s() argument '%s' must be " SET_WANT ", not an iterable holding %U",
                             func, arg, name);
                Py_DECREF(name);
            }
            Py_DECREF(item);
            Py_DECREF(it);
            return -1;
        }
        r = int_to_set(item, &bits);
        Py_DECREF(item);
        if (r < 0) {
            Py_DECREF(it);
            return -1;
        }
        acc |= bits;
    }
    Py_DECREF(it);
    if (PyErr_Occurred())
        return -1;
    *set = acc;
    return 0;
}

/* ---- results out ------------------------------------------------------------------- */

static PyObject *raise_parse_error(sm_state *st, int err, size_t offset)
{
    char msg[256];
    const char *name = sm_errname(err);
    PyObject *exc;
    sm_error_format(err, offset, msg, sizeof msg);
    exc = PyObject_CallFunction(st->parse_error, "sns", msg, (Py_ssize_t)offset,
                                name != NULL ? name : "");
    if (exc != NULL) {
        PyErr_SetObject(st->parse_error, exc);
        Py_DECREF(exc);
    }
    return NULL;
}

/* Method(set) */
static PyObject *method_set(sm_state *st, uint32_t set)
{
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
    if (info != NULL)
        return Py_NewRef(st->name_str[info->index]);
    return span_str(base, sp);
}

static PyObject *version_str(sm_state *st, const char *base, sm_span sp)
{
    if (sp.len == 7 && memcmp(base + sp.off, "SIP/2.0", 7) == 0)
        return Py_NewRef(st->sip20);
    return span_str(base, sp);
}

/* A new instance of a struct sequence type from n new references, any of which may be NULL
 * (then it fails, releasing them all). A struct sequence is made in C with no call into
 * Python: faster than a typing.NamedTuple (docs/python.md). */
static PyObject *make_struct(PyObject *type, Py_ssize_t n, PyObject **items)
{
    Py_ssize_t i;
    PyObject *r = NULL;
    for (i = 0; i < n; i++) {
        if (items[i] == NULL)
            goto fail;
    }
    r = PyStructSequence_New((PyTypeObject *)type);
    if (r == NULL)
        goto fail;
    for (i = 0; i < n; i++)
        PyStructSequence_SetItem(r, i, items[i]); /* steals */
    return r;
fail:
    for (i = 0; i < n; i++)
        Py_XDECREF(items[i]);
    return NULL;
}

/* ---- Request and Response ----------------------------------------------------------- */

static PyStructSequence_Field request_fields[] = {
    {"method", "the Method, or None for an extension method"},
    {"method_name", "the method token, byte-exact"},
    {"uri", "the Request-URI"},
    {"version", "the SIP version as written (SIP/2.0)"},
    {"cseq", "the CSeq number, or None without a CSeq header"},
    {"cseq_method", "the CSeq method as a Method; None for an extension or without a CSeq"},
    {"cseq_method_name", "the CSeq method token, or None without a CSeq header"},
    {"cseq_mismatch", "True if the CSeq method differs from the request method"},
    {NULL, NULL}
};

static PyStructSequence_Desc request_desc = {
    "sipmethods.Request",
    "A request start line and its CSeq header (classify()).",
    request_fields,
    8,
};

static PyStructSequence_Field response_fields[] = {
    {"version", "the SIP version as written (SIP/2.0)"},
    {"status", "the status code, 100..699"},
    {"reason", "the reason phrase (may be empty)"},
    {"cseq", "the CSeq number, or None without a CSeq header"},
    {"cseq_method", "the CSeq method as a Method; None for an extension or without a CSeq"},
    {"cseq_method_name", "the CSeq method token, or None without a CSeq header"},
    {NULL, NULL}
};

static PyStructSequence_Desc response_desc = {
    "sipmethods.Response",
    "A status line and its CSeq header (classify()).",
    response_fields,
    6,
};

/* ---- the functions ----------------------------------------------------------------- */

PyDoc_STRVAR(lookup_doc,
"lookup($module, name, /, *, ignore_case=False)\n--\n\n"
"The Method called name (str or bytes), or None for an extension token or a non-token.\n\n"
"Exact and case-sensitive (RFC 3261 section 20.16): 'invite' is an extension token.\n"
"ignore_case=True matches ASCII case-insensitively, as Kamailio does.");

SM_NOINLINE static PyObject *lookup_not_ready(void)
{
    PyErr_SetString(PyExc_RuntimeError,
                    "sipmethods._core is not initialised: import sipmethods, not sipmethods._core");
    return NULL;
}

/* The member for what sm_lookup / sm_lookup_ci return: a registered id, SM_OTHER or 0. */
static PyObject *lookup_result(sm_table *t, uint32_t id)
{
    PyObject *m = Py_None;
    if (id & SM_ALL_METHODS) {
        m = t->by_slot[SM_ID_SLOT(id)];
        if (m == NULL)
            return lookup_not_ready();
    }
    return Py_NewRef(m);
}

/* Everything but lookup(str): keywords, bytes, wrong types, lone surrogates. Kept out of
 * py_lookup so the hot path stays a leaf with no stack frame to set up. */
SM_NOINLINE static PyObject *lookup_slow(sm_table *t, PyObject *const *args, Py_ssize_t nargs,
                                         PyObject *kwnames)
{
    PyObject *name;
    const char *s;
    Py_ssize_t n, i, nkw;
    int ignore_case = 0;
    if (nargs != 1) {
        PyErr_Format(PyExc_TypeError, "lookup() takes exactly 1 positional argument (%zd given)", nargs);
        return NULL;
    }
    nkw = kwnames != NULL ? PyTuple_Size(kwnames) : 0;
    for (i = 0; i < nkw; i++) {
        PyObject *key = PyTuple_GetItem(kwnames, i);
        if (key == NULL)
            return NULL;
        if (PyUnicode_CompareWithASCIIString(key, "ignore_case") != 0) {
            PyErr_Format(PyExc_TypeError, "lookup() got an unexpected keyword argument '%U'", key);
            return NULL;
        }
        ignore_case = PyObject_IsTrue(args[nargs + i]);
        if (ignore_case < 0)
            return NULL;
    }
    name = args[0];
    if (PyUnicode_Check(name)) {
        s = str_utf8(name, &n);
        if (s == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
                return NULL;
            /* Lone surrogates: not ASCII, so not a method name in any case. */
            PyErr_Clear();
            s = "";
            n = 0;
        }
    } else if (PyBytes_Check(name)) {
        char *p;
        if (PyBytes_AsStringAndSize(name, &p, &n) < 0)
            return NULL;
        s = p;
    } else {
        return type_error("lookup", "name", "str or bytes", name);
    }
    if (t->by_slot[SM_ID_SLOT(SM_INVITE)] == NULL)
        return lookup_not_ready();
    return lookup_result(t, ignore_case ? sm_lookup_ci(s, (size_t)n) : sm_lookup(s, (size_t)n));
}

/* self is the sm_table: nothing to fetch from the module on the way to the members. The
 * hot path: the bytes of an ASCII str in place, the core's switch on length and first
 * byte, one load. */
static PyObject *py_lookup(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
#ifndef Py_LIMITED_API
    if (nargs == 1 && kwnames == NULL) {
        PyObject *name = args[0];
        if (PyUnicode_CheckExact(name) && PyUnicode_IS_COMPACT_ASCII(name))
            return lookup_result((sm_table *)self, sm__lookup_inline(compact_ascii_data(name),
                                                                     (size_t)PyUnicode_GET_LENGTH(name)));
    }
#else
    if (nargs == 1 && kwnames == NULL && PyUnicode_CheckExact(args[0])) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(args[0], &n);
        if (s != NULL)
            return lookup_result((sm_table *)self, sm_lookup(s, (size_t)n));
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
    sm_state *st = get_state(module);
    long v;
    int overflow;
    PyObject *num;
    if (not_ready(st))
        return NULL;
    if (!PyLong_Check(arg) && !PyIndex_Check(arg))
        return type_error("from_id", "rmid", "int", arg);
    num = PyNumber_Index(arg);
    if (num == NULL)
        return NULL;
    v = PyLong_AsLongAndOverflow(num, &overflow);
    Py_DECREF(num);
    if (v == -1 && PyErr_Occurred())
        return NULL;
    if (overflow || v <= 0 || (unsigned long)v > 0xFFFFFFFFUL)
        Py_RETURN_NONE;
    return member_or_none(st, (uint32_t)v);
}

PyDoc_STRVAR(from_letters_doc,
"from_letters($module, s, /)\n--\n\n"
"The set of methods named by Kamailio's is_method_in() letters (either case).\n\n"
"Raises ParseError (a ValueError) at the first byte that is not such a letter.");

static PyObject *py_from_letters(PyObject *module, PyObject *arg)
{
    sm_state *st = get_state(module);
    sm_buf b;
    uint32_t set = 0;
    size_t off = 0;
    int r;
    if (not_ready(st))
        return NULL;
    if (get_buf(arg, "from_letters", "s", &b) < 0)
        return NULL;
    r = sm_from_letters_at(b.s, (size_t)b.n, &set, &off);
    release_buf(&b);
    if (r < 0)
        return raise_parse_error(st, r, off);
    return method_set(st, set);
}

PyDoc_STRVAR(reject_status_doc,
"reject_status($module, name, allowed, /)\n--\n\n"
"How a server allowing `allowed` answers the method `name`: 0 (allowed), 405 (registered,\n"
"not allowed), 501 (an extension method) or 400 (not a token). allowed is a Method, an int\n"
"or an iterable of Method; a set holding OTHER allows every extension method.");

static PyObject *py_reject_status(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    sm_buf b;
    uint32_t set;
    int r;
    (void)module;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "reject_status() takes exactly 2 arguments (%zd given)", nargs);
        return NULL;
    }
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
"Request or a Response. Raises ParseError with the byte offset of what does not parse.");

static PyObject *py_classify(PyObject *module, PyObject *arg)
{
    sm_state *st = get_state(module);
    sm_buf b;
    sm_message msg;
    int r;
    PyObject *result;
    if (not_ready(st))
        return NULL;
    if (get_buf(arg, "classify", "message", &b) < 0)
        return NULL;
    r = sm_classify(b.s, (size_t)b.n, &msg);
    if (r < 0) {
        release_buf(&b);
        return raise_parse_error(st, r, msg.error_offset);
    }
    if (msg.kind == SM_REQUEST) {
        PyObject *v[8];
        v[0] = member_or_none(st, msg.method_id);
        v[1] = token_str(st, b.s, msg.method_id, msg.method);
        v[2] = span_str(b.s, msg.uri);
        v[3] = version_str(st, b.s, msg.version);
        if (msg.has_cseq) {
            v[4] = PyLong_FromUnsignedLong(msg.cseq);
            v[5] = member_or_none(st, msg.cseq_method_id);
            v[6] = token_str(st, b.s, msg.cseq_method_id, msg.cseq_method);
        } else {
            v[4] = Py_NewRef(Py_None);
            v[5] = Py_NewRef(Py_None);
            v[6] = Py_NewRef(Py_None);
        }
        v[7] = PyBool_FromLong(msg.cseq_mismatch);
        result = make_struct(st->request_cls, 8, v);
    } else {
        PyObject *v[6];
        v[0] = version_str(st, b.s, msg.version);
        v[1] = PyLong_FromLong(msg.status);
        v[2] = span_str(b.s, msg.reason);
        if (msg.has_cseq) {
            v[3] = PyLong_FromUnsignedLong(msg.cseq);
            v[4] = member_or_none(st, msg.cseq_method_id);
            v[5] = token_str(st, b.s, msg.cseq_method_id, msg.cseq_method);
        } else {
            v[3] = Py_NewRef(Py_None);
            v[4] = Py_NewRef(Py_None);
            v[5] = Py_NewRef(Py_None);
        }
        result = make_struct(st->response_cls, 6, v);
    }
    release_buf(&b);
    return result;
}

PyDoc_STRVAR(parse_allow_doc,
"parse_allow($module, value, /)\n--\n\n"
"Parses an Allow header value (str or bytes): (the registered methods as a Method,\n"
"the extension tokens in order, duplicates kept). Raises ParseError on a bad element.");

#define SM_EXT_STACK 32

static PyObject *py_parse_allow(PyObject *module, PyObject *arg)
{
    sm_state *st = get_state(module);
    sm_buf b;
    sm_span stack_ext[SM_EXT_STACK], *ext = stack_ext;
    size_t n_ext = SM_EXT_STACK, err_off = 0, i;
    uint32_t set = 0;
    int r;
    PyObject *exts = NULL, *methods = NULL, *result = NULL;
    if (not_ready(st))
        return NULL;
    if (get_buf(arg, "parse_allow", "value", &b) < 0)
        return NULL;
    r = sm_allow_parse_at(b.s, (size_t)b.n, &set, ext, &n_ext, &err_off);
    if (r == 0 && n_ext > SM_EXT_STACK) { /* more than fit: parse again into a big enough array */
        size_t cap = n_ext;
        ext = PyMem_New(sm_span, cap);
        if (ext == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        n_ext = cap;
        r = sm_allow_parse_at(b.s, (size_t)b.n, &set, ext, &n_ext, &err_off);
    }
    if (r < 0) {
        raise_parse_error(st, r, err_off);
        goto done;
    }
    exts = PyTuple_New((Py_ssize_t)n_ext);
    if (exts == NULL)
        goto done;
    for (i = 0; i < n_ext; i++) {
        PyObject *tok = span_str(b.s, ext[i]);
        if (tok == NULL || PyTuple_SetItem(exts, (Py_ssize_t)i, tok) < 0)
            goto done;
    }
    methods = method_set(st, set);
    if (methods == NULL)
        goto done;
    result = PyTuple_Pack(2, methods, exts);
done:
    Py_XDECREF(methods);
    Py_XDECREF(exts);
    if (ext != stack_ext)
        PyMem_Free(ext);
    release_buf(&b);
    return result;
}

PyDoc_STRVAR(format_allow_doc,
"format_allow($module, methods, /)\n--\n\n"
"The registered methods of a Method, an int or an iterable of Method, in table order,\n"
"joined by ', ' (an Allow header value). Other bits are ignored.");

static PyObject *py_format_allow(PyObject *module, PyObject *arg)
{
    char stack_buf[256], *buf = stack_buf;
    uint32_t set;
    size_t need;
    PyObject *r;
    (void)module;
    if (get_set(arg, "format_allow", "methods", &set) < 0)
        return NULL;
    need = sm_allow_format(set, buf, sizeof stack_buf);
    if (need >= sizeof stack_buf) {
        buf = PyMem_Malloc(need + 1);
        if (buf == NULL)
            return PyErr_NoMemory();
        sm_allow_format(set, buf, need + 1);
    }
    r = PyUnicode_FromStringAndSize(buf, (Py_ssize_t)need);
    if (buf != stack_buf)
        PyMem_Free(buf);
    return r;
}

PyDoc_STRVAR(reason_doc,
"reason($module, code, /)\n--\n\n"
"The IANA reason phrase of a response code, or None if the code is not registered.");

static PyObject *py_reason(PyObject *module, PyObject *arg)
{
    int code;
    const char *s;
    (void)module;
    if (get_code(arg, "reason", "code", &code) < 0)
        return NULL;
    s = sm_status_reason(code);
    if (s == NULL)
        Py_RETURN_NONE;
    return PyUnicode_FromString(s);
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

/* d[key] = value; steals value (which may be NULL). 0 or -1. */
static int put(PyObject *d, const char *key, PyObject *value)
{
    int r;
    if (value == NULL)
        return -1;
    r = PyDict_SetItemString(d, key, value);
    Py_DECREF(value);
    return r;
}

static PyObject *method_dict(const sm_method_info *m)
{
    PyObject *d = PyDict_New(), *refs;
    size_t n = 0, k;
    if (d == NULL)
        return NULL;
    while (n < SM_MAX_REFERENCES && m->references[n] != NULL)
        n++;
    refs = PyTuple_New((Py_ssize_t)n);
    if (refs == NULL)
        goto fail;
    for (k = 0; k < n; k++) {
        PyObject *s = PyUnicode_FromString(m->references[k]);
        if (s == NULL || PyTuple_SetItem(refs, (Py_ssize_t)k, s) < 0) {
            Py_DECREF(refs);
            goto fail;
        }
    }
    if (put(d, "name", PyUnicode_FromStringAndSize(m->name, (Py_ssize_t)m->name_len)) < 0 ||
        put(d, "id", PyLong_FromUnsignedLong(m->id)) < 0 ||
        put(d, "index", PyLong_FromSize_t(m->index)) < 0 ||
        put(d, "description", PyUnicode_FromString(m->description)) < 0 ||
        put(d, "rfc", PyUnicode_FromString(m->rfc)) < 0 ||
        put(d, "references", refs) < 0 ||
        put(d, "letter", m->letter ? PyUnicode_FromStringAndSize(&m->letter, 1) : Py_NewRef(Py_None)) < 0 ||
        put(d, "category", PyUnicode_FromString(m->category)) < 0 ||
        put(d, "transaction", PyUnicode_FromString(m->transaction)) < 0 ||
        put(d, "has_response", PyBool_FromLong(m->has_response)) < 0 ||
        put(d, "cancelable", PyBool_FromLong(m->cancelable)) < 0 ||
        put(d, "creates_dialog", PyBool_FromLong(m->creates_dialog)) < 0 ||
        put(d, "target_refresh", PyBool_FromLong(m->target_refresh)) < 0 ||
        put(d, "offer_answer", PyBool_FromLong(m->offer_answer)) < 0 ||
        put(d, "in_dialog_only", PyBool_FromLong(m->in_dialog_only)) < 0)
        goto fail;
    return d;
fail:
    Py_DECREF(d);
    return NULL;
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
    if (t == NULL)
        return NULL;
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        PyObject *d = method_dict(sm_info_at((size_t)i));
        if (d == NULL || PyTuple_SetItem(t, i, d) < 0) {
            Py_DECREF(t);
            return NULL;
        }
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
    if (t == NULL)
        return NULL;
    for (i = 0; i < SM_STATUS_COUNT; i++) {
        const sm_status_info *s = sm_status_at((size_t)i);
        PyObject *row = Py_BuildValue("(issO)", s->code, s->reason, s->rfc,
                                      s->deprecated ? Py_True : Py_False);
        if (row == NULL || PyTuple_SetItem(t, i, row) < 0) {
            Py_DECREF(t);
            return NULL;
        }
    }
    return t;
}

PyDoc_STRVAR(register_doc,
"_register($module, method, members, parse_error, /)\n--\n\n"
"Called once by the sipmethods package: the Method class, its members in table order and\n"
"ParseError, which the functions then return and raise.");

static int check_subclass(PyObject *cls, PyObject *base, const char *what)
{
    int r = PyType_Check(cls) ? PyObject_IsSubclass(cls, base) : 0;
    if (r == 0)
        PyErr_Format(PyExc_TypeError, "_register(): %s is not the right kind of class", what);
    return r == 1 ? 0 : -1;
}

static PyObject *py_register(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    sm_state *st = get_state(module);
    PyObject *cls, *members, *old;
    Py_ssize_t i;
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "_register() takes exactly 3 arguments (%zd given)", nargs);
        return NULL;
    }
    cls = args[0];
    members = args[1];
    if (check_subclass(cls, (PyObject *)&PyLong_Type, "method") < 0 ||
        check_subclass(args[2], PyExc_ValueError, "parse_error") < 0)
        return NULL;
    if (!PyTuple_Check(members) || PyTuple_Size(members) != SM_METHOD_COUNT) {
        PyErr_SetString(PyExc_TypeError, "_register(): members must be a tuple of the 14 methods");
        return NULL;
    }
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        PyObject *m = PyTuple_GetItem(members, i);
        int ok = m != NULL && (PyObject *)Py_TYPE(m) == cls; /* the members themselves */
        unsigned long v = ok ? PyLong_AsUnsignedLongMask(m) : 0;
        if (v == (unsigned long)-1 && PyErr_Occurred())
            return NULL;
        if (!ok || v != sm_info_at((size_t)i)->id) {
            PyErr_Format(PyExc_ValueError, "_register(): member %zd is not %s", i, sm_info_at((size_t)i)->name);
            return NULL;
        }
    }
    /* Replace a previous registration (importlib.reload), releasing it last. */
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        PyObject **slot = &((sm_table *)st->table)->by_slot[SM_ID_SLOT(sm_info_at((size_t)i)->id)];
        old = *slot;
        *slot = Py_NewRef(PyTuple_GetItem(members, i));
        Py_XDECREF(old);
    }
    old = st->method_cls;
    st->method_cls = Py_NewRef(cls);
    Py_XDECREF(old);
    old = st->parse_error;
    st->parse_error = Py_NewRef(args[2]);
    Py_XDECREF(old);
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
    sm_table *t = (sm_table *)self;
    size_t i;
    Py_VISIT(Py_TYPE(self));
    for (i = 0; i < SM_ID_SLOTS; i++)
        Py_VISIT(t->by_slot[i]);
    return 0;
}

static int table_clear(PyObject *self)
{
    sm_table *t = (sm_table *)self;
    size_t i;
    for (i = 0; i < SM_ID_SLOTS; i++)
        Py_CLEAR(t->by_slot[i]);
    return 0;
}

static void table_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);
    PyObject_GC_UnTrack(self);
    table_clear(self);
    tp_free(self);
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
    .itemsize = 0,
#ifdef Py_TPFLAGS_DISALLOW_INSTANTIATION
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
#else
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
#endif
    .slots = table_slots,
};

/* ---- the module -------------------------------------------------------------------- */

static int sm_exec(PyObject *module)
{
    sm_state *st = get_state(module);
    Py_ssize_t i;
    allocfunc tp_alloc;
    PyObject *lookup;
    uint32_t seen = 0;
    for (i = 0; i < SM_METHOD_COUNT; i++) { /* ids are distinct bits, so id % 37 is too */
        uint32_t id = sm_info_at((size_t)i)->id;
        if ((id & (id - 1)) != 0 || (id & SM_ALL_METHODS) != id || (seen & id) != 0) {
            PyErr_SetString(PyExc_SystemError, "sipmethods._core: the method ids are not distinct bits");
            return -1;
        }
        seen |= id;
    }
    st->table_type = PyType_FromModuleAndSpec(module, &table_spec, NULL);
    if (st->table_type == NULL)
        return -1;
    tp_alloc = (allocfunc)PyType_GetSlot((PyTypeObject *)st->table_type, Py_tp_alloc);
    st->table = tp_alloc((PyTypeObject *)st->table_type, 0); /* zeroed and GC-tracked */
    if (st->table == NULL)
        return -1;
    lookup = PyObject_GetAttrString(st->table, "lookup");
    if (lookup == NULL)
        return -1;
    if (PyModule_AddObjectRef(module, "lookup", lookup) < 0) {
        Py_DECREF(lookup);
        return -1;
    }
    Py_DECREF(lookup);
    if (PyModule_AddObjectRef(module, "_table", st->table) < 0)
        return -1;
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *m = sm_info_at((size_t)i);
        PyObject *s = PyUnicode_FromStringAndSize(m->name, (Py_ssize_t)m->name_len);
        if (s == NULL)
            return -1;
        PyUnicode_InternInPlace(&s);
        st->name_str[i] = s;
    }
    st->sip20 = PyUnicode_InternFromString("SIP/2.0");
    if (st->sip20 == NULL)
        return -1;
    st->request_cls = (PyObject *)PyStructSequence_NewType(&request_desc);
    if (st->request_cls == NULL || PyModule_AddObjectRef(module, "Request", st->request_cls) < 0)
        return -1;
    st->response_cls = (PyObject *)PyStructSequence_NewType(&response_desc);
    if (st->response_cls == NULL || PyModule_AddObjectRef(module, "Response", st->response_cls) < 0)
        return -1;
    if (PyModule_AddIntConstant(module, "OTHER", (long)SM_OTHER) < 0 ||
        PyModule_AddIntConstant(module, "ALL_METHODS", (long)SM_ALL_METHODS) < 0 ||
        PyModule_AddIntConstant(module, "METHOD_COUNT", SM_METHOD_COUNT) < 0 ||
        PyModule_AddIntConstant(module, "STATUS_COUNT", SM_STATUS_COUNT) < 0 ||
        PyModule_AddStringConstant(module, "__version__", sm_version()) < 0)
        return -1;
#ifdef Py_LIMITED_API
    if (PyModule_AddObjectRef(module, "LIMITED_API", Py_True) < 0)
#else
    if (PyModule_AddObjectRef(module, "LIMITED_API", Py_False) < 0)
#endif
        return -1;
    return 0;
}

static int sm_traverse(PyObject *module, visitproc visit, void *arg)
{
    sm_state *st = get_state(module);
    Py_ssize_t i;
    if (st == NULL)
        return 0;
    for (i = 0; i < SM_METHOD_COUNT; i++)
        Py_VISIT(st->name_str[i]);
    Py_VISIT(st->method_cls);
    Py_VISIT(st->table_type);
    Py_VISIT(st->table);
    Py_VISIT(st->request_cls);
    Py_VISIT(st->response_cls);
    Py_VISIT(st->parse_error);
    Py_VISIT(st->sip20);
    return 0;
}

static int sm_clear(PyObject *module)
{
    sm_state *st = get_state(module);
    Py_ssize_t i;
    if (st == NULL)
        return 0;
    for (i = 0; i < SM_METHOD_COUNT; i++)
        Py_CLEAR(st->name_str[i]);
    Py_CLEAR(st->method_cls);
    Py_CLEAR(st->table);
    Py_CLEAR(st->table_type);
    Py_CLEAR(st->request_cls);
    Py_CLEAR(st->response_cls);
    Py_CLEAR(st->parse_error);
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

PyDoc_STRVAR(module_doc,
"The C core of sipmethods. Use the sipmethods package, which wraps it in typed enums.");

static struct PyModuleDef sm_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "sipmethods._core",
    .m_doc = module_doc,
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
