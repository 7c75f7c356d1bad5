/* SPDX-License-Identifier: MIT */
#include "vectors.h"

#include <stdio.h>

#include "check.h"
#include "groups.h"

static const struct {
    const char *group;
    size_t nfields; /* the group name included */
    void (*run)(const tsv_record *r);
} runners[] = {
    {"method", 16, run_method},         {"lookup", 5, run_lookup},
    {"letters", 5, run_letters},        {"reject", 4, run_reject},
    {"allow_parse", 6, run_allow_parse}, {"allow_format", 3, run_allow_format},
    {"classify", 17, run_classify},     {"status", 7, run_status},
};

void vectors_run(const tsv_record *r)
{
    char input[64];
    size_t i, o = 0;
    for (i = 0; r->nfields > 1 && i < r->f[1].n && o + 5 < sizeof input; i++) { /* the input, escaped */
        unsigned char c = (unsigned char)r->f[1].p[i];
        o += (size_t)snprintf(input + o, sizeof input - o, c >= 0x20 && c < 0x7f ? "%c" : "\\x%02x", c);
    }
    input[o] = '\0';
    check_case("%s %s %s%s (vectors.tsv:%lu)", r->source, r->f[0].p, input,
               r->nfields > 1 && i < r->f[1].n ? "..." : "", (unsigned long)r->line);
    for (i = 0; i < sizeof runners / sizeof runners[0]; i++) {
        if (tsv_is(r, runners[i].group)) {
            if (r->nfields != runners[i].nfields)
                check_fail("%lu fields, want %lu", (unsigned long)r->nfields, (unsigned long)runners[i].nfields);
            else
                runners[i].run(r);
            return;
        }
    }
    check_fail("unknown group");
}

int vectors_main(int argc, char **argv, void (*arm)(int on))
{
    tsv_file f;
    size_t i;
    int status;
    if (argc != 2) {
        fprintf(stderr, "usage: %s vectors.tsv\n", argv[0]);
        return 2;
    }
    if (tsv_load(argv[1], &f) != 0)
        return 1;
    if (f.count == 0) {
        check_case("%s", argv[1]);
        check_fail("no vectors");
    }
    for (i = 0; i < f.count; i++) {
        if (arm)
            arm(1);
        vectors_run(&f.rec[i]);
        if (arm)
            arm(0);
    }
    status = check_summary();
    tsv_free(&f);
    return status;
}
