/* SPDX-License-Identifier: MIT */
/* The C unit tests: what the shared vectors cannot say. Each function checks one subject. */
#ifndef SM_TEST_UNIT_H
#define SM_TEST_UNIT_H

void unit_format(void); /* sm_allow_format's snprintf contract; format/parse round trip */
void unit_args(void);   /* NULL out-params, NULL input with n = 0, the Allow iterator */
void unit_tables(void); /* sm_info, sm_name, sm_info_at, sm_status_at, constants, sm_version */
void unit_errors(void); /* sm_strerror and sm_errname for every code and unknown ones */
void unit_big(void);    /* a 4 MB input through every function that takes bytes */

#endif
