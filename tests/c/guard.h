/* SPDX-License-Identifier: MIT */
/* Memory whose readable part ends at a page that faults on any access. */
#ifndef SM_TEST_GUARD_H
#define SM_TEST_GUARD_H

#include <stddef.h>

typedef struct guard {
    char *base;      /* the mapping */
    size_t readable; /* bytes before the PROT_NONE page */
    size_t size;     /* the whole mapping */
} guard;

/* Maps at least max readable bytes followed by a PROT_NONE page; 0, or -1 with errno. */
int guard_map(guard *g, size_t max);

/* Copies s[0..n) (n <= g->readable) so that it ends exactly at the PROT_NONE page; the copy. */
const char *guard_place(const guard *g, const char *s, size_t n);

/* Unmaps what guard_map mapped. */
void guard_unmap(guard *g);

#endif
