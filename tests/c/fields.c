/* SPDX-License-Identifier: MIT */
#include "fields.h"

#include <errno.h>
#include <stdlib.h>

#include "check.h"
#include "errcodes.h"

long long field_num(const tsv_record *r, size_t i)
{
    const tsv_field *f = &r->f[i];
    char *end;
    long long v;
    if (f->null || f->n == 0)
        return check_fail("field %lu: a number, not %s", (unsigned long)i, f->null ? "%N" : "empty");
    errno = 0;
    v = strtoll(f->p, &end, 10);
    if (errno != 0 || end != f->p + f->n)
        return check_fail("field %lu: not a number: %s", (unsigned long)i, f->p);
    return v;
}

int field_err(const tsv_record *r, size_t i)
{
    int code = 0;
    if (errcode_parse(r->f[i].p, &code) != 0)
        check_fail("field %lu: unknown error name %s", (unsigned long)i, r->f[i].p);
    return code;
}

int check_field(const char *what, const char *got, size_t got_len, const tsv_record *r, size_t i)
{
    if (r->f[i].null)
        return check_fail("%s: the vector's field %lu is %%N", what, (unsigned long)i);
    return check_mem(what, got, got_len, r->f[i].p, r->f[i].n);
}

int check_cfield(const char *what, const char *got, const tsv_record *r, size_t i)
{
    return check_str(what, got, r->f[i].null ? NULL : r->f[i].p);
}
