/* SPDX-License-Identifier: MIT */
/* Runs every vector of vectors.tsv against the C API. */
#ifndef SM_TEST_VECTORS_H
#define SM_TEST_VECTORS_H

#include "tsv.h"

/* Checks one record as one case; an unknown group or a wrong field count fails it. */
void vectors_run(const tsv_record *r);

/* The vector tests' main: argv[1] is vectors.tsv; arm(1) and arm(0), if arm is not NULL,
 * bracket the checks of each vector. Prints "N passed, N failed"; returns the exit status. */
int vectors_main(int argc, char **argv, void (*arm)(int on));

#endif
