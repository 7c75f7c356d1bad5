/* SPDX-License-Identifier: MIT */
/*
 * Ruby: a record is a Hash with Symbol keys, a tuple is an Array (set, exts = allow_parse(v)),
 * a string is a binary (ASCII-8BIT) String, "no result" is nil. An SM_E* error raises
 * Sipmethods::ParseError (a subclass of ArgumentError) with #offset, #code and #name.
 * The common interface, ../sipmethods.i, is included at the end.
 */
%module sipmethods

%{
#include "smw.h"

static VALUE smw_rb_eParseError = Qnil;

static VALUE smw_rb_value(const smw_record *r, const smw_value *v)
{
    switch (v->kind) {
    case SMW_INT:
        return LL2NUM(v->i);
    case SMW_BOOL:
        return v->i ? Qtrue : Qfalse;
    case SMW_STR:
        return rb_str_new(v->s, (long)v->n);
    case SMW_LIST: {
        VALUE ary = rb_ary_new_capa((long)v->n);
        size_t i;
        for (i = 0; i < v->n; i++) {
            const char *p;
            size_t n;
            smw_list_item(r, v, i, &p, &n);
            rb_ary_push(ary, rb_str_new(p, (long)n));
        }
        return ary;
    }
    case SMW_NIL:
    default:
        return Qnil;
    }
}

static VALUE smw_rb_record(const smw_record *r)
{
    size_t i;
    VALUE obj;
    if (!r->present)
        return Qnil;
    obj = r->tuple ? rb_ary_new_capa((long)r->count) : rb_hash_new();
    for (i = 0; i < r->count; i++) {
        const smw_value *v = &r->v[i];
        if (r->tuple)
            rb_ary_push(obj, smw_rb_value(r, v));
        else
            rb_hash_aset(obj, ID2SYM(rb_intern(v->key)), smw_rb_value(r, v));
    }
    return obj;
}

static void smw_rb_raise(const smw_error *e)
{
    smw_text msg = smw_error_format(e->code, e->offset);
    const char *name = sm_errname(e->code);
    VALUE exc = rb_exc_new(smw_rb_eParseError, msg.s, (long)msg.n);
    rb_iv_set(exc, "@offset", SIZET2NUM(e->offset));
    rb_iv_set(exc, "@code", INT2NUM(e->code));
    rb_iv_set(exc, "@name", name != NULL ? rb_str_new_cstr(name) : Qnil);
    rb_exc_raise(exc);
}
%}

/* Unsigned integer arguments: SWIG's own size_t conversion wraps a negative Integer around.
 * Only an Integer within the C type is taken: anything else is a TypeError, a negative or too
 * large Integer a RangeError. */
%typemap(in) uint32_t, size_t {
  unsigned long long smw_v;
  if (!RB_INTEGER_TYPE_P($input))
    SWIG_exception_fail(SWIG_TypeError, "in method '$symname', argument $argnum must be an Integer");
  if (RTEST(rb_funcall($input, rb_intern("negative?"), 0)))
    SWIG_exception_fail(SWIG_OverflowError, "in method '$symname', argument $argnum is negative");
  smw_v = NUM2ULL($input); /* raises RangeError above 2**64-1 */
  if (smw_v > (unsigned long long)(($1_ltype)-1))
    SWIG_exception_fail(SWIG_OverflowError, "in method '$symname', argument $argnum is out of range");
  $1 = ($1_ltype)smw_v;
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_UINT32) uint32_t, size_t {
  $1 = RB_INTEGER_TYPE_P($input);
}

%typemap(out) smw_record {
  $result = smw_rb_record(&$1);
  smw_record_release(&$1);
}

%typemap(out) smw_text {
  $result = rb_str_new($1.s, (long)$1.n);
}

%typemap(argout) smw_error *err {
  if ($1->code == SMW_ENOMEM)
    rb_raise(rb_eNoMemError, "out of memory");
  else if ($1->code != 0)
    smw_rb_raise($1);
}

%init %{
  smw_rb_eParseError = rb_define_class_under(mSipmethods, "ParseError", rb_eArgError);
  rb_define_attr(smw_rb_eParseError, "offset", 1, 0);
  rb_define_attr(smw_rb_eParseError, "code", 1, 0);
  rb_define_attr(smw_rb_eParseError, "name", 1, 0);
%}

/* Module#name and Object#methods belong to every Ruby module: keep them working. */
%rename(method_name) sm_name;
%rename(method_names) smw_methods;

%include "sipmethods.i"
