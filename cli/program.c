/* SPDX-License-Identifier: MIT */
/* The sipmethods program: the command line, nothing else. */
#include "cli.h"

int main(int argc, char **argv)
{
    return sipmethods_cli(argc, argv);
}
