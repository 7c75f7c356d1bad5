/* SPDX-License-Identifier: MIT */
/*
 * sipmethods.i: the language-neutral part of the SWIG interface over sipmethods.h, included
 * at the end of each <lang>/sipmethods_<lang>.i, which first names the module and says how
 * its language makes a record (smw_record), a text (smw_text) and a raised error (smw_error),
 * and what a native string's bytes are (char *STRING, size_t LENGTH).
 *
 * The C API with the sm_ prefix stripped: strings go in as one native string (its bytes and
 * length: NUL is data); results come out as native values through the C layer smw.c, which
 * turns output parameters into return values; SM_E* errors are raised as the language's
 * exception with sm_error_format's message and the byte offset. docs/swig.md describes the
 * result per language.
 */

%{
#include "smw.h"
%}

%include <stdint.i>
%include <exception.i>

/* One native string for each (const char *s, size_t n) pair: its bytes and its length. */
%apply (char *STRING, size_t LENGTH) { (const char *s, size_t n) };
/* SWIG reads undef (Perl) or nil (Ruby) as a NULL char * with size 0, and its typemap then
 * passes n = SIZE_MAX: refuse anything that is not a string instead. */
%typemap(check, noblock=1) (const char *s, size_t n) {
  if (!$1) {
    SWIG_exception(SWIG_TypeError, "in method '$symname', argument $argnum of type 'string'");
  }
}

/* The hidden error output of the wrappers that can fail; each language's argout raises. */
%typemap(in, numinputs=0, noblock=1) smw_error *err (smw_error err_temp) {
  err_temp.code = 0;
  err_temp.offset = 0;
  $1 = &err_temp;
}

/* Constants: the method ids, the header's counts and kinds, the error codes. */
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
%constant int EPARTIAL = SM_EPARTIAL;
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

/* The header's functions that map as they are, with the prefix stripped; the ones with output
 * parameters are replaced by smw.h's, with the prefix smw_ stripped. Of the general renames,
 * the last that matches a name wins: the macros (SM_*, SMW_*) are left out, as the constants
 * above stand for them. */
#define SIPMETHODS_NO_EXPORT_HEADER
%rename("%(strip:[sm_])s") "";
%rename("%(strip:[smw_])s", regextarget=1) "^smw_";
%rename("$ignore", regextarget=1) "^SMW?_";
%ignore sm_method_info;
%ignore sm_status_info;
%ignore sm_span;
%ignore sm_message;
%ignore sm_category;
%ignore sm_transaction;
%ignore sm_is_token;
%ignore sm_info;
%ignore sm_info_at;
%ignore sm_from_letters;
%ignore sm_classify;
%ignore sm_allow_parse;
%ignore sm_allow_next;
%ignore sm_allow_format;
%ignore sm_status;
%ignore sm_status_at;
%ignore sm_error_format;
%ignore smw_error;
%ignore smw_kind;
%ignore smw_value;
%ignore smw_record;
%ignore smw_text;
%ignore smw_list_item;
%ignore smw_record_release;
%include "sipmethods.h"
%include "smw.h"
