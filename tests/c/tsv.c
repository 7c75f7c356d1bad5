/* SPDX-License-Identifier: MIT */
#include "tsv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole file in a NUL-terminated malloc'd buffer, its length in *len; NULL on failure. */
static char *read_all(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long size;
    if (fp == NULL)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)size + 1);
        if (buf != NULL && fread(buf, 1, (size_t)size, fp) == (size_t)size) {
            buf[size] = '\0';
            *len = (size_t)size;
        } else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(fp);
    return buf;
}

/* The value of one hex digit, or -1. */
static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Unescapes the field s[0..n) in place into *f (NUL-terminating it); 0, or -1 if malformed. */
static int unescape(char *s, size_t n, tsv_field *f)
{
    size_t i, o = 0;
    f->p = s;
    f->null = n == 2 && s[0] == '%' && s[1] == 'N';
    if (f->null) {
        f->n = 0;
        s[0] = '\0';
        return 0;
    }
    for (i = 0; i < n; i++) {
        if (s[i] == '%') {
            int hi, lo;
            if (i + 2 >= n)
                return -1;
            hi = hex(s[i + 1]);
            lo = hex(s[i + 2]);
            if (hi < 0 || lo < 0)
                return -1;
            s[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = '\0';
    f->n = o;
    return 0;
}

/* Splits the line s[0..n) at tabs into *r; 0, or -1 if a field is malformed or there are too many. */
static int split(char *s, size_t n, tsv_record *r)
{
    size_t start = 0, i;
    r->nfields = 0;
    for (i = 0; i <= n; i++) {
        if (i == n || s[i] == '\t') {
            if (r->nfields == TSV_MAX_FIELDS || unescape(s + start, i - start, &r->f[r->nfields]) != 0)
                return -1;
            r->nfields++;
            start = i + 1;
        }
    }
    return 0;
}

int tsv_load(const char *path, tsv_file *out)
{
    size_t len = 0, pos, lines = 0, line = 0;
    const char *source = "?";
    char *text = read_all(path, &len);
    memset(out, 0, sizeof *out);
    if (text == NULL) {
        fprintf(stderr, "%s: cannot read\n", path);
        return -1;
    }
    for (pos = 0; pos < len; pos++)
        lines += text[pos] == '\n';
    out->text = text;
    out->rec = malloc((lines + 1) * sizeof *out->rec);
    if (out->rec == NULL) {
        tsv_free(out);
        return -1;
    }
    for (pos = 0; pos < len;) {
        char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        line++;
        if (end - pos > 3 && memcmp(text + pos, "#@ ", 3) == 0) {
            text[end] = '\0'; /* read_all leaves a byte after the text */
            source = text + pos + 3;
        } else if (end > pos && text[pos] != '#') {
            tsv_record *r = &out->rec[out->count];
            r->line = line;
            r->source = source;
            if (split(text + pos, end - pos, r) != 0) {
                fprintf(stderr, "%s:%lu: malformed line\n", path, (unsigned long)line);
                tsv_free(out);
                return -1;
            }
            out->count++;
        }
        pos = end + 1;
    }
    return 0;
}

void tsv_free(tsv_file *f)
{
    free(f->text);
    free(f->rec);
    memset(f, 0, sizeof *f);
}

int tsv_is(const tsv_record *r, const char *name)
{
    return strcmp(r->f[0].p, name) == 0;
}
