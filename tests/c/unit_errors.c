/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <string.h>

#include <sipmethods.h>

#include "check.h"
#include "errcodes.h"
#include "unit.h"

/* Every SM_E* code has its name and a message of its own. */
static void known_codes(void)
{
    size_t i, j;
    check_case("sm_errname/sm_strerror of SM_EPARTIAL..SM_EARG");
    check_int("the test knows every code", (long long)errcode_count, -SM_ERROR_MIN);
    for (i = 0; i < errcode_count; i++) {
        const char *msg = sm_strerror(errcodes[i].code);
        check_str("sm_errname", sm_errname(errcodes[i].code), errcodes[i].name);
        if (!check_int("sm_strerror is not NULL", msg != NULL, 1))
            continue;
        check_int("sm_strerror is not empty", msg[0] != '\0', 1);
        check_int("sm_strerror is not \"unknown error\"", strcmp(msg, "unknown error") != 0, 1);
        for (j = 0; j < i; j++) {
            const char *other = sm_strerror(errcodes[j].code);
            check_int("sm_strerror differs per code", other != NULL && strcmp(msg, other) != 0, 1);
        }
    }
}

/* Anything else: "unknown error" and no name. */
static void unknown_codes(void)
{
    static const int codes[] = {0, 1, 405, SM_ERROR_MIN - 1, INT_MIN, INT_MAX};
    size_t i;
    check_case("sm_errname/sm_strerror of unknown codes");
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        check_str("sm_strerror", sm_strerror(codes[i]), "unknown error");
        check_str("sm_errname", sm_errname(codes[i]), NULL);
    }
}

void unit_errors(void)
{
    known_codes();
    unknown_codes();
}
