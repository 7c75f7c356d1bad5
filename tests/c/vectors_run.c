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
    {"classify", 16, run_classify},     {"status", 7, run_status},
};

void vectors_run(const tsv_record *r)
{
    size_t i;
    check_case("vectors.tsv:%lu %s", (unsigned long)r->line, r->f[0].p);
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
