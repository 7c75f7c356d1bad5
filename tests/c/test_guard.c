/* SPDX-License-Identifier: MIT */
/* Every vector input, and every prefix of it, placed so that it ends at a PROT_NONE page, through
 * every entry point that takes bytes: reading one byte past n faults. argv[1] is vectors.tsv. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sipmethods.h>

#include "check.h"
#include "guard.h"
#include "tsv.h"

static char current[96];  /* what is running, for the fault handler */
static volatile long sink; /* keeps every result alive */

/* SIGSEGV/SIGBUS: names the input that read past its end, then exits. */
static void on_fault(int sig)
{
    static const char msg[] = "FAULT (read past the end) in ";
    (void)sig;
    (void)!write(2, msg, sizeof msg - 1);
    (void)!write(2, current, strlen(current));
    (void)!write(2, "\n", 1);
    _exit(1);
}

/* Calls every byte-taking entry point on s[0..n). */
static void call_all(const char *s, size_t n)
{
    sm_set set;
    size_t off, pos = 0;
    sm_span token;
    uint32_t id;
    sm_message m;
    sink += sm_is_token(s, n);
    sink += (long)sm_lookup(s, n);
    sink += (long)sm_lookup_ci(s, n);
    sink += sm_from_letters(s, n, &set, &off);
    sink += sm_reject_status(s, n, SM_INVITE);
    sink += sm_classify(s, n, &m, &off);
    sink += sm_allow_parse(s, n, &set, &off);
    while (sm_allow_next(s, n, &pos, &token, &id, &off) == 1)
        sink += (long)id;
}

/* 1 if the record's group has an input field (field 1). */
static int has_input(const tsv_record *r)
{
    return tsv_is(r, "lookup") || tsv_is(r, "letters") || tsv_is(r, "reject") || tsv_is(r, "allow_parse")
        || tsv_is(r, "classify");
}

int main(int argc, char **argv)
{
    tsv_file f;
    guard g;
    size_t i, k, max = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: %s vectors.tsv\n", argv[0]);
        return 2;
    }
    if (tsv_load(argv[1], &f) != 0)
        return 1;
    for (i = 0; i < f.count; i++)
        if (has_input(&f.rec[i]) && f.rec[i].f[1].n > max)
            max = f.rec[i].f[1].n;
    if (guard_map(&g, max) != 0) {
        perror("guard_map");
        return 1;
    }
    signal(SIGSEGV, on_fault);
    signal(SIGBUS, on_fault);
    for (i = 0; i < f.count; i++) {
        const tsv_record *r = &f.rec[i];
        if (!has_input(r))
            continue;
        check_case("vectors.tsv:%lu %s, every prefix at a page end", (unsigned long)r->line, r->f[0].p);
        for (k = 0; k <= r->f[1].n; k++) {
            snprintf(current, sizeof current, "vectors.tsv:%lu %s, the first %lu bytes",
                     (unsigned long)r->line, r->f[0].p, (unsigned long)k);
            call_all(guard_place(&g, r->f[1].p, k), k);
        }
    }
    guard_unmap(&g);
    tsv_free(&f);
    return check_summary();
}
