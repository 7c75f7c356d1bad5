/* SPDX-License-Identifier: MIT */
/* The C unit tests; prints "N passed, N failed". */
#include "check.h"
#include "unit.h"

int main(void)
{
    unit_format();
    unit_args();
    unit_tables();
    unit_errors();
    unit_big();
    return check_summary();
}
