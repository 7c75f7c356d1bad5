/* SPDX-License-Identifier: MIT */
/* One runner per vector group: checks one record (fields as in tests/vectors/README.md). */
#ifndef SM_TEST_GROUPS_H
#define SM_TEST_GROUPS_H

#include "tsv.h"

void run_method(const tsv_record *r);       /* sm_info_at, sm_info, sm_name, sm_lookup */
void run_lookup(const tsv_record *r);       /* sm_lookup, sm_lookup_ci, sm_is_token */
void run_letters(const tsv_record *r);      /* sm_from_letters */
void run_reject(const tsv_record *r);       /* sm_reject_status */
void run_status(const tsv_record *r);       /* sm_status_reason, sm_status, _class, _equivalent */
void run_allow_parse(const tsv_record *r);  /* sm_allow_parse, sm_allow_next */
void run_allow_format(const tsv_record *r); /* sm_allow_format */
void run_classify(const tsv_record *r);     /* sm_classify */

#endif
