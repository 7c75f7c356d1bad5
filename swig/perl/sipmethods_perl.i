/* SPDX-License-Identifier: MIT */
/*
 * Perl: a record is a hash reference, a tuple is the list of its values (call allow_parse and
 * methods in list context), a string is a byte string, "no result" is undef. An SM_E* error
 * dies with a sipmethods::ParseError object (message, code, name, offset; it stringifies to
 * its message). The version is $sipmethods::VERSION, as Perl's version checks expect
 * (`use sipmethods v0.1;`), not a constant sub VERSION, which would replace UNIVERSAL::VERSION.
 * The common interface, ../sipmethods.i, is included at the end.
 */
%module sipmethods

%ignore VERSION;

%{
#include "smw.h"

static SV *smw_perl_value(pTHX_ const smw_record *r, const smw_value *v)
{
    switch (v->kind) {
    case SMW_INT:
        return newSViv((IV)v->i);
    case SMW_BOOL:
        return newSVsv(v->i ? &PL_sv_yes : &PL_sv_no);
    case SMW_STR:
        return newSVpvn(v->s, v->n);
    case SMW_LIST: {
        AV *av = newAV();
        size_t i;
        for (i = 0; i < v->n; i++) {
            const char *p;
            size_t n;
            smw_list_item(r, v, i, &p, &n);
            av_push(av, newSVpvn(p, n));
        }
        return newRV_noinc((SV *)av);
    }
    case SMW_NIL:
    default:
        return newSV(0);
    }
}

static SV *smw_perl_record(pTHX_ const smw_record *r)
{
    HV *hv = newHV();
    size_t i;
    for (i = 0; i < r->count; i++) {
        const smw_value *v = &r->v[i];
        (void)hv_store(hv, v->key, (I32)strlen(v->key), smw_perl_value(aTHX_ r, v), 0);
    }
    return newRV_noinc((SV *)hv);
}

/* A blessed sipmethods::ParseError for e. */
static SV *smw_perl_error(pTHX_ const smw_error *e)
{
    smw_text msg = smw_error_format(e->code, e->offset);
    const char *name = sm_errname(e->code);
    HV *hv = newHV();
    (void)hv_store(hv, "message", 7, newSVpvn(msg.s, msg.n), 0);
    (void)hv_store(hv, "code", 4, newSViv(e->code), 0);
    (void)hv_store(hv, "name", 4, name != NULL ? newSVpv(name, 0) : newSV(0), 0);
    (void)hv_store(hv, "offset", 6, newSVuv((UV)e->offset), 0);
    return sv_bless(newRV_noinc((SV *)hv), gv_stashpv("sipmethods::ParseError", GV_ADD));
}
%}

/* Unsigned integer arguments: SWIG's own conversion reads undef and "" as 0 and lets 2**64
 * through as 0. Only a number (or a numeric string) that is a whole value within the C type
 * is taken; anything else dies with a type or range error. */
%{
#define SMW_NOT_A_NUMBER (-1)
#define SMW_OUT_OF_RANGE (-2)
/* *out = sv as an unsigned integer at most max; 0, SMW_NOT_A_NUMBER or SMW_OUT_OF_RANGE. */
static int smw_perl_uint(pTHX_ SV *sv, UV max, UV *out)
{
    NV d;
    if (!SvOK(sv) || SvROK(sv) || !(SvIOK(sv) || SvNOK(sv) || looks_like_number(sv)))
        return SMW_NOT_A_NUMBER;
    if (SvIOK(sv)) {
        if (SvIsUV(sv))
            *out = SvUV(sv);
        else if (SvIV(sv) < 0)
            return SMW_OUT_OF_RANGE;
        else
            *out = (UV)SvIV(sv);
        return *out <= max ? 0 : SMW_OUT_OF_RANGE;
    }
    d = SvNV(sv);
    if (d != d)
        return SMW_NOT_A_NUMBER;
    if (d < 0 || d >= 18446744073709551616.0) /* 2**64 */
        return SMW_OUT_OF_RANGE;
    *out = (UV)d;
    if ((NV)*out != d)
        return SMW_NOT_A_NUMBER; /* 1.5 */
    return *out <= max ? 0 : SMW_OUT_OF_RANGE;
}
%}

%typemap(in) uint32_t, size_t {
  UV smw_v;
  int smw_r = smw_perl_uint(aTHX_ $input, (UV)(($1_ltype)-1), &smw_v);
  if (smw_r == SMW_NOT_A_NUMBER)
    SWIG_exception_fail(SWIG_TypeError, "in method '$symname', argument $argnum must be a whole number");
  if (smw_r == SMW_OUT_OF_RANGE)
    SWIG_exception_fail(SWIG_OverflowError, "in method '$symname', argument $argnum is out of range");
  $1 = ($1_ltype)smw_v;
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_UINT32) uint32_t, size_t {
  $1 = SvOK($input) && !SvROK($input) && (SvIOK($input) || SvNOK($input) || looks_like_number($input));
}

%typemap(out) smw_record {
  if (!$1.present) {
    $result = &PL_sv_undef;
    argvi++;
  } else if ($1.tuple) {
    size_t smw_i;
    for (smw_i = 0; smw_i < $1.count; smw_i++) {
      if (argvi >= items) EXTEND(sp, argvi + 1);
      ST(argvi) = sv_2mortal(smw_perl_value(aTHX_ &$1, &$1.v[smw_i]));
      argvi++;
    }
  } else {
    $result = sv_2mortal(smw_perl_record(aTHX_ &$1));
    argvi++;
  }
  smw_record_release(&$1);
}

%typemap(out) smw_text {
  $result = sv_2mortal(newSVpvn($1.s, $1.n));
  argvi++;
}

%typemap(argout) smw_error *err {
  if ($1->code == SMW_ENOMEM) {
    SWIG_exception_fail(SWIG_MemoryError, "out of memory");
  } else if ($1->code != 0) {
    sv_setsv(get_sv("@", GV_ADD), sv_2mortal(smw_perl_error(aTHX_ $1)));
    SWIG_fail;
  }
}

%perlcode %{
package sipmethods::ParseError;
use overload '""' => sub { $_[0]{message} }, fallback => 1;
sub message { $_[0]{message} }
sub code { $_[0]{code} }
sub name { $_[0]{name} }
sub offset { $_[0]{offset} }
package sipmethods;
our $VERSION = sipmethods::version();
%}

%include "sipmethods.i"
