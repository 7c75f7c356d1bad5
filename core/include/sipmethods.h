/* SPDX-License-Identifier: MIT */
/*
 * sipmethods: the SIP request methods, their properties, a start-line classifier,
 * the Allow header and the IANA response codes.
 *
 * C99. No allocation, no global mutable state, every function reentrant.
 * Every (s, n) input is read for exactly n bytes: NUL is a byte like any other,
 * nothing is read past n, and s may be NULL when n is 0.
 */
#ifndef SIPMETHODS_H
#define SIPMETHODS_H

#include <stddef.h>
#include <stdint.h>

/* Builds that compile the core into their own module (Python, Lua, SWIG) define
 * SIPMETHODS_NO_EXPORT_HEADER: the core's functions are then hidden inside that module,
 * so two modules in one process (Kamailio loads app_lua RTLD_GLOBAL) never clash.
 * The CMake library generates sipmethods_export.h. */
#ifdef SIPMETHODS_NO_EXPORT_HEADER
#if defined(__GNUC__) && !defined(_WIN32)
#define SM_EXPORT __attribute__((visibility("hidden")))
#else
#define SM_EXPORT
#endif
#else
#include "sipmethods_export.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define SM_VERSION_STRING "0.1.0"

/* Method ids: single bits, equal to Kamailio's internal ids ($rmid). */
#define SM_INVITE    0x00001u
#define SM_CANCEL    0x00002u
#define SM_ACK       0x00004u
#define SM_BYE       0x00008u
#define SM_INFO      0x00010u
#define SM_REGISTER  0x00020u
#define SM_SUBSCRIBE 0x00040u
#define SM_NOTIFY    0x00080u
#define SM_MESSAGE   0x00100u
#define SM_OPTIONS   0x00200u
#define SM_PRACK     0x00400u
#define SM_UPDATE    0x00800u
#define SM_REFER     0x01000u
#define SM_PUBLISH   0x02000u
#define SM_OTHER     0x80000u /* a valid extension method (Kamailio METHOD_OTHER) */

#define SM_METHOD_COUNT 14
#define SM_ALL_METHODS  0x03fffu /* the 14 registered bits */
#define SM_STATUS_COUNT 75
#define SM_MAX_REFERENCES 2
#define SM_ALLOW_FORMAT_MAX 108 /* the longest string sm_allow_format writes, NUL excluded */

/* A set of methods is a bitmask of ids. */
typedef uint32_t sm_set;

/* Error codes: negative; sm_strerror gives each one's message. */
#define SM_EPARTIAL (-1)  /* the input ends before the header block and no complete CSeq was read */
#define SM_ENOSP    (-2)  /* a SP is missing where one belongs */
#define SM_ESP      (-3)  /* a SP where none belongs (several SPs, or trailing) */
#define SM_EMETHOD  (-4)  /* the method is not a token */
#define SM_EURI     (-5)  /* the Request-URI is not scheme ":" ... */
#define SM_EVERSION (-6)  /* the version is not "SIP/" 1*DIGIT "." 1*DIGIT */
#define SM_ESTATUS  (-7)  /* the status code is not 3 digits in 100..699 */
#define SM_EREASON  (-8)  /* the reason phrase holds a control character */
#define SM_ECSEQ    (-9)  /* the CSeq header does not parse */
#define SM_EALLOW   (-10) /* an Allow element is not a token */
#define SM_EFOLD    (-11) /* a CR or LF that is not a line fold */
#define SM_ELETTER  (-12) /* not a Kamailio letter of a SIP method */
#define SM_EARG     (-13) /* a NULL pointer where a result belongs */
#define SM_ERROR_MIN SM_EARG

/* A method's category (our grouping) and transaction kind, as enums beside their strings. */
typedef enum sm_category {
    SM_CATEGORY_SESSION = 1, SM_CATEGORY_CAPABILITY, SM_CATEGORY_REGISTRATION,
    SM_CATEGORY_EVENT, SM_CATEGORY_TRANSFER, SM_CATEGORY_MESSAGING
} sm_category;

typedef enum sm_transaction {
    SM_TRANSACTION_NONE = 1, SM_TRANSACTION_INVITE, SM_TRANSACTION_NON_INVITE
} sm_transaction;

/* What sm_info describes; strings are static and NUL-terminated. */
typedef struct sm_method_info {
    const char *name;          /* "INVITE" */
    size_t name_len;
    uint32_t id;               /* SM_INVITE */
    size_t index;              /* position in table order, 0..13 */
    const char *description;   /* IANA registry text */
    const char *rfc;           /* defining RFC, "RFC 3261" */
    const char *references[SM_MAX_REFERENCES]; /* IANA references; NULL after the last */
    size_t n_references;       /* how many references there are: 1..SM_MAX_REFERENCES */
    char letter;               /* Kamailio is_method_in() letter, '\0' if none */
    const char *category;      /* "session" "capability" "registration" "event" "transfer" "messaging" */
    sm_category category_kind; /* the same as an enum */
    const char *transaction;   /* "invite" "non-invite" "none" */
    sm_transaction transaction_kind; /* the same as an enum */
    unsigned char has_response, cancelable, creates_dialog, target_refresh,
                  offer_answer, in_dialog_only; /* 0 or 1 */
} sm_method_info;

/* What sm_status_at describes. */
typedef struct sm_status_info {
    int code;                  /* 100..699 */
    const char *reason;        /* "Ringing" */
    const char *rfc;           /* "RFC 3261" */
    unsigned char deprecated;  /* 1 for 202 Accepted */
} sm_status_info;

/* A part of the caller's buffer. */
typedef struct sm_span {
    size_t off;
    size_t len;
} sm_span;

#define SM_REQUEST  1
#define SM_RESPONSE 2

/* Result of sm_classify: offsets into the caller's buffer; zeroed on entry. */
typedef struct sm_message {
    int kind;                  /* SM_REQUEST, SM_RESPONSE, or 0 (failure, or cut before the start line ended) */
    size_t consumed;           /* bytes up to and including the start line's line end */
    uint32_t method_id;        /* request: registered id or SM_OTHER */
    sm_span method;            /* request: the method token */
    sm_span uri;               /* request: the Request-URI */
    sm_span version;           /* "SIP/2.0" as written (any SIP/x.y is reported) */
    int status;                /* response: 100..699 */
    sm_span reason;            /* response: the reason phrase, may be empty */
    int has_cseq;              /* 1 if a CSeq header was found */
    uint32_t cseq;             /* its number, 0..2**31-1 */
    uint32_t cseq_method_id;   /* its method: registered id or SM_OTHER */
    sm_span cseq_method;       /* its method token */
    int cseq_mismatch;         /* request: CSeq method differs from the request method */
} sm_message;

/* 1 if s[0..n) is an RFC 3261 token (1*tokenchar), else 0. */
SM_EXPORT int sm_is_token(const char *s, size_t n);

/* Registered id for an exact (case-sensitive) name, SM_OTHER for another token, 0 for a non-token. */
SM_EXPORT uint32_t sm_lookup(const char *s, size_t n);

/* As sm_lookup, but the name is matched ASCII case-insensitively (Kamailio's view). */
SM_EXPORT uint32_t sm_lookup_ci(const char *s, size_t n);

/* The method with this id; NULL unless id is exactly one registered bit. */
SM_EXPORT const sm_method_info *sm_info(uint32_t id);

/* The method at table position i; NULL for i >= SM_METHOD_COUNT. */
SM_EXPORT const sm_method_info *sm_info_at(size_t i);

/* The name of a registered id; NULL otherwise. */
SM_EXPORT const char *sm_name(uint32_t id);

/*
 * Parsing functions share one convention: they return 0 (or, for an iterator, 1 while there
 * is an element) or a negative SM_E*, and on a negative return store the byte offset where
 * the input went wrong in *err_offset when err_offset is not NULL. Outputs are reset on entry.
 */

/* Kamailio letters (either case) to a set in *set: 0, or SM_ELETTER (offset of the letter) / SM_EARG. */
SM_EXPORT int sm_from_letters(const char *s, size_t n, sm_set *set, size_t *err_offset);

/* How a server allowing `allowed` answers this method: 0, 405, 501 (extension) or 400 (not a token). */
SM_EXPORT int sm_reject_status(const char *s, size_t n, sm_set allowed);

/* Reads the start line and CSeq of buf[0..len) into *out: 0, SM_EPARTIAL (the input ends before
 * the header block does and no complete CSeq line was read; *out keeps the start line if it was
 * complete, kind 0 if not; offset len), or another SM_E* (offset of the error). */
SM_EXPORT int sm_classify(const char *buf, size_t len, sm_message *out, size_t *err_offset);

/* Parses an Allow header value: its registered methods into *set (extension tokens are
 * valid and not in the set; sm_allow_next yields them): 0, or SM_EALLOW / SM_EFOLD / SM_EARG. */
SM_EXPORT int sm_allow_parse(const char *s, size_t n, sm_set *set, size_t *err_offset);

/* The next element of an Allow header value from *pos (0 to start): 1 with its token span in
 * *token, its id (registered, or SM_OTHER) in *id and *pos moved past it; 0 at the end;
 * SM_EALLOW / SM_EFOLD / SM_EARG on error. */
SM_EXPORT int sm_allow_next(const char *s, size_t n, size_t *pos, sm_span *token, uint32_t *id,
                            size_t *err_offset);

/* Writes the registered methods of set in table order, joined by ", ", into buf
 * (snprintf contract: NUL-terminated when cap > 0); returns the length it needs,
 * at most SM_ALLOW_FORMAT_MAX. */
SM_EXPORT size_t sm_allow_format(sm_set set, char *buf, size_t cap);

/* The IANA reason phrase of code; NULL if code is not in the registry. */
SM_EXPORT const char *sm_status_reason(int code);

/* The IANA entry of code; NULL if code is not in the registry. */
SM_EXPORT const sm_status_info *sm_status(int code);

/* The IANA entry at position i (ascending codes); NULL for i >= SM_STATUS_COUNT. */
SM_EXPORT const sm_status_info *sm_status_at(size_t i);

/* 1..6 for codes 100..699, else 0. */
SM_EXPORT int sm_status_class(int code);

/* The code a UAC treats code as (RFC 3261 §8.1.3.2); 0 if code is not 100..699. */
SM_EXPORT int sm_status_equivalent(int code);

/* The message of an SM_E* code; "unknown error" for anything else. */
SM_EXPORT const char *sm_strerror(int err);

/* Writes "<sm_strerror(err)> at byte <offset>" into buf (snprintf contract); returns the
 * length it needs. The one wording every binding uses for a parse error. */
SM_EXPORT size_t sm_error_format(int err, size_t offset, char *buf, size_t cap);

/* The symbolic name of an SM_E* code ("SM_EURI"); NULL for anything else. */
SM_EXPORT const char *sm_errname(int err);

/* The library version, SM_VERSION_STRING. */
SM_EXPORT const char *sm_version(void);

#ifdef __cplusplus
}
#endif

#endif /* SIPMETHODS_H */
