/* SPDX-License-Identifier: MIT */
/* The SM_E* codes by name, as the vectors write them ("OK" is 0). */
#ifndef SM_TEST_ERRCODES_H
#define SM_TEST_ERRCODES_H

#include <stddef.h>

typedef struct errcode {
    const char *name;
    int code;
} errcode;

/* Every SM_E* code of sipmethods.h, SM_EPARTIAL..SM_EARG. */
extern const errcode errcodes[];
extern const size_t errcode_count;

/* The code named name ("OK" gives 0) into *code; 0, or -1 for an unknown name. */
int errcode_parse(const char *name, int *code);

#endif
