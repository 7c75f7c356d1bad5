/* SPDX-License-Identifier: MIT */
/* Error codes: names, messages and the one wording of a parse error. */
#include <stdio.h>

#include "internal.h"

static const struct {
    const char *name;
    const char *message;
} errors[] = {
    /* indexed by -code - 1 */
    { "SM_EPARTIAL", "message cut short: the input ends before its header block does" },
    { "SM_ENOSP", "missing SP in start line" },
    { "SM_ESP", "unexpected SP in start line" },
    { "SM_EMETHOD", "method is not a token" },
    { "SM_EURI", "Request-URI is not scheme \":\" ..." },
    { "SM_EVERSION", "version is not SIP/x.y" },
    { "SM_ESTATUS", "status code is not 3 digits in 100..699" },
    { "SM_EREASON", "control character in reason phrase" },
    { "SM_ECSEQ", "CSeq header does not parse" },
    { "SM_EALLOW", "Allow element is not a token" },
    { "SM_EFOLD", "CR or LF that is not a line fold" },
    { "SM_ELETTER", "not a Kamailio letter of a SIP method" },
    { "SM_EARG", "NULL pointer argument" },
};

typedef char sm_error_count_matches[sizeof errors / sizeof errors[0] == -SM_ERROR_MIN ? 1 : -1];

const char *sm_errname(int err)
{
    return err < 0 && err >= SM_ERROR_MIN ? errors[-err - 1].name : NULL;
}

const char *sm_strerror(int err)
{
    return err < 0 && err >= SM_ERROR_MIN ? errors[-err - 1].message : "unknown error";
}

size_t sm_error_format(int err, size_t offset, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "%s at byte %lu", sm_strerror(err), (unsigned long)offset);
    return n < 0 ? 0 : (size_t)n;
}

const char *sm_version(void)
{
    return SM_VERSION_STRING;
}
