/* SPDX-License-Identifier: MIT */
/* Preprocessed (cc -E -P) into gperf's keyword lines: one "KEY(NAME)" per row of methods.def;
 * the bench's CMakeLists turns each into "NAME, SM_NAME". */
#define SM_METHOD(NAME, ...) KEY(NAME)
#include "methods.def"
