/* SPDX-License-Identifier: MIT */
/* Reads vectors.tsv (tests/vectors/README.md): records of unescaped, binary-safe fields. */
#ifndef SM_TEST_TSV_H
#define SM_TEST_TSV_H

#include <stddef.h>

#define TSV_MAX_FIELDS 17

/* One field: p[0..n) holds its bytes (NUL-terminated after them); null for %N. */
typedef struct tsv_field {
    const char *p;
    size_t n;
    int null;
} tsv_field;

/* One vector: f[0] is the group. */
typedef struct tsv_record {
    size_t line;
    const char *source; /* the JSON file it came from (its "#@" line) */
    size_t nfields;
    tsv_field f[TSV_MAX_FIELDS];
} tsv_record;

typedef struct tsv_file {
    char *text;
    tsv_record *rec;
    size_t count;
} tsv_file;

/* Loads and unescapes path into *out; 0, or -1 after a message on stderr. */
int tsv_load(const char *path, tsv_file *out);

/* Frees what tsv_load allocated. */
void tsv_free(tsv_file *f);

/* 1 if the record's group is name. */
int tsv_is(const tsv_record *r, const char *name);

#endif
