/* SPDX-License-Identifier: MIT */
/*
 * Tcl: commands in the sipmethods namespace, constants as variables ($sipmethods::INVITE).
 * Strings are byte arrays both ways (each character is one byte, as with `binary` and
 * `-translation binary` channels): Tcl_GetStringFromObj would hand over NUL as C0 80.
 * A record is a dict with every key of the schema (a value that does not apply is the empty
 * string, Tcl's null), a tuple is a list, "no result" is the empty string. An SM_E* error is
 * a Tcl error with the message and -errorcode {SIPMETHODS <SM_E name> <offset>}.
 * The common interface, ../sipmethods.i, is included at the end.
 */
%module sipmethods

%{
#include "smw.h"

static Tcl_Obj *smw_tcl_value(const smw_record *r, const smw_value *v)
{
    switch (v->kind) {
    case SMW_INT:
        return Tcl_NewWideIntObj((Tcl_WideInt)v->i);
    case SMW_BOOL:
        return Tcl_NewBooleanObj(v->i != 0);
    case SMW_STR:
        return Tcl_NewByteArrayObj((const unsigned char *)v->s, (int)v->n);
    case SMW_LIST: {
        Tcl_Obj *list = Tcl_NewListObj(0, NULL);
        size_t i;
        for (i = 0; i < v->n; i++) {
            const char *p;
            size_t n;
            smw_list_item(r, v, i, &p, &n);
            Tcl_ListObjAppendElement(NULL, list, Tcl_NewByteArrayObj((const unsigned char *)p, (int)n));
        }
        return list;
    }
    case SMW_NIL:
    default:
        return Tcl_NewObj();
    }
}

static Tcl_Obj *smw_tcl_record(const smw_record *r)
{
    Tcl_Obj *obj;
    size_t i;
    if (!r->present)
        return Tcl_NewObj();
    obj = r->tuple ? Tcl_NewListObj(0, NULL) : Tcl_NewDictObj();
    for (i = 0; i < r->count; i++) {
        const smw_value *v = &r->v[i];
        if (r->tuple)
            Tcl_ListObjAppendElement(NULL, obj, smw_tcl_value(r, v));
        else
            Tcl_DictObjPut(NULL, obj, Tcl_NewStringObj(v->key, -1), smw_tcl_value(r, v));
    }
    return obj;
}

static void smw_tcl_error(Tcl_Interp *interp, const smw_error *e)
{
    smw_text msg = smw_error_format(e->code, e->offset);
    const char *name = sm_errname(e->code);
    char off[32];
    snprintf(off, sizeof off, "%lu", (unsigned long)e->offset);
    Tcl_SetObjResult(interp, Tcl_NewStringObj(msg.s, (int)msg.n));
    Tcl_SetErrorCode(interp, "SIPMETHODS", name != NULL ? name : "", off, (char *)NULL);
}
%}

/* A native string is a byte array: every byte as it is, NUL included. */
%typemap(in) (char *STRING, size_t LENGTH) {
  int smw_len = 0;
  $1 = ($1_ltype)Tcl_GetByteArrayFromObj($input, &smw_len);
  $2 = (size_t)smw_len;
}
%typemap(freearg) (char *STRING, size_t LENGTH) ""

%typemap(out) smw_record {
  Tcl_SetObjResult(interp, smw_tcl_record(&$1));
  smw_record_release(&$1);
}

%typemap(out) smw_text {
  Tcl_SetObjResult(interp, Tcl_NewStringObj($1.s, (int)$1.n));
}

%typemap(argout) smw_error *err {
  if ($1->code == SMW_ENOMEM) {
    SWIG_exception_fail(SWIG_MemoryError, "out of memory");
  } else if ($1->code != 0) {
    smw_tcl_error(interp, $1);
    SWIG_fail;
  }
}

%include "sipmethods.i"
