/* SPDX-License-Identifier: MIT */
/* Reading and comparing the fields of one vector (the current check case). */
#ifndef SM_TEST_FIELDS_H
#define SM_TEST_FIELDS_H

#include <stddef.h>

#include "tsv.h"

/* Field i as a decimal integer; a malformed or null field fails the case and gives 0. */
long long field_num(const tsv_record *r, size_t i);

/* Field i as an SM_E* code ("OK" is 0); an unknown name fails the case and gives 0. */
int field_err(const tsv_record *r, size_t i);

/* 1 if got[0..got_len) equals field i (which must not be null), else a failure and 0. */
int check_field(const char *what, const char *got, size_t got_len, const tsv_record *r, size_t i);

/* 1 if the C string got (NULL allowed) equals field i (%N meaning NULL), else a failure and 0. */
int check_cfield(const char *what, const char *got, const tsv_record *r, size_t i);

#endif
