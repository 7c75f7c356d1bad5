/* SPDX-License-Identifier: MIT */
/* Counting checks case by case, and the closing "N passed, N failed" line. */
#ifndef SM_TEST_CHECK_H
#define SM_TEST_CHECK_H

#include <stddef.h>

/* Ends the current case (if any) and starts one; its name is printed with each failure. */
void check_case(const char *fmt, ...);

/* Records a failure of the current case with a message; returns 0. */
int check_fail(const char *fmt, ...);

/* 1 if got == want, else records a failure and returns 0. */
int check_int(const char *what, long long got, long long want);

/* 1 if the byte strings are equal, else records a failure (both shown escaped) and returns 0. */
int check_mem(const char *what, const char *got, size_t got_len, const char *want, size_t want_len);

/* As check_mem for C strings, either of which may be NULL (equal only if both are). */
int check_str(const char *what, const char *got, const char *want);

/* Ends the last case, prints "N passed, N failed" alone on a line; 0 if none failed, else 1. */
int check_summary(void);

#endif
