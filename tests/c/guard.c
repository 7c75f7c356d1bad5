/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "guard.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int guard_map(guard *g, size_t max)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    void *p;
    g->readable = (max / page + 1) * page;
    g->size = g->readable + page;
    p = mmap(NULL, g->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    g->base = p;
    if (mprotect(g->base + g->readable, page, PROT_NONE) != 0) {
        guard_unmap(g);
        return -1;
    }
    return 0;
}

const char *guard_place(const guard *g, const char *s, size_t n)
{
    char *dst = g->base + g->readable - n;
    if (n > 0)
        memcpy(dst, s, n);
    return dst;
}

void guard_unmap(guard *g)
{
    munmap(g->base, g->size);
    g->base = NULL;
}
