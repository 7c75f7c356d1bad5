/* SPDX-License-Identifier: MIT */
/* Runs every vector with malloc, calloc and realloc armed to abort: the core must allocate nothing.
 * glibc only: the interposers hand out memory from __libc_malloc and friends while disarmed. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "vectors.h"

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

static volatile int armed;
static volatile unsigned long calls;

/* Aborts if armed (an allocation inside the core), else counts the call. */
static void allocation(const char *fn)
{
    static const char msg[] = " called while the core was running\n";
    if (armed) {
        armed = 0;
        (void)!write(2, fn, strlen(fn));
        (void)!write(2, msg, sizeof msg - 1);
        abort();
    }
    calls++;
}

void *malloc(size_t size)
{
    allocation("malloc");
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    allocation("calloc");
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    allocation("realloc");
    return __libc_realloc(p, size);
}

/* Arms (on = 1) or disarms the interposers. */
static void arm(int on)
{
    armed = on;
}

int main(int argc, char **argv)
{
    void *(*volatile alloc)(size_t) = malloc;
    unsigned long before = calls;
    free(alloc(16));
    if (calls == before) {
        check_case("malloc interposer");
        check_fail("malloc was not interposed; this test would prove nothing");
    }
    return vectors_main(argc, argv, arm);
}
