/* SPDX-License-Identifier: MIT */
#include "errcodes.h"

#include <string.h>

#include <sipmethods.h>

const errcode errcodes[] = {
    {"SM_EPARTIAL", SM_EPARTIAL},       {"SM_ENOSP", SM_ENOSP},     {"SM_ESP", SM_ESP},
    {"SM_EMETHOD", SM_EMETHOD},   {"SM_EURI", SM_EURI},       {"SM_EVERSION", SM_EVERSION},
    {"SM_ESTATUS", SM_ESTATUS},   {"SM_EREASON", SM_EREASON}, {"SM_ECSEQ", SM_ECSEQ},
    {"SM_EALLOW", SM_EALLOW},     {"SM_EFOLD", SM_EFOLD},     {"SM_ELETTER", SM_ELETTER},
    {"SM_EARG", SM_EARG},
};
const size_t errcode_count = sizeof errcodes / sizeof errcodes[0];

int errcode_parse(const char *name, int *code)
{
    size_t i;
    if (strcmp(name, "OK") == 0) {
        *code = 0;
        return 0;
    }
    for (i = 0; i < errcode_count; i++) {
        if (strcmp(name, errcodes[i].name) == 0) {
            *code = errcodes[i].code;
            return 0;
        }
    }
    return -1;
}
