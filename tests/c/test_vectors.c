/* SPDX-License-Identifier: MIT */
/* Checks every vector of vectors.tsv (argv[1]) against the C API. */
#include "vectors.h"

int main(int argc, char **argv)
{
    return vectors_main(argc, argv, 0);
}
