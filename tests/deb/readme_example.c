/* SPDX-License-Identifier: MIT */
/* The C example of README.md's "C" section, the same text from its first #include (run.sh
 * checks that), built by run.sh against the installed packages. */
#include <stdio.h>
#include <string.h>
#include <sipmethods.h>

int main(void) {
    const char *msg = "INVITE sip:bob@example.com SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n";
    sm_message m;
    if (sm_classify(msg, strlen(msg), &m, NULL) == 0 && m.kind == SM_REQUEST)
        printf("%s cancelable=%d\n", sm_name(m.method_id), sm_info(m.method_id)->cancelable);
    char allow[SM_ALLOW_FORMAT_MAX + 1];
    sm_allow_format(SM_INVITE | SM_ACK | SM_BYE | SM_CANCEL | SM_OPTIONS, allow, sizeof allow);
    printf("Allow: %s\n", allow);               /* INVITE, ACK, BYE, CANCEL, OPTIONS */
    printf("%d\n", sm_reject_status("PUBLISH", 7, SM_INVITE | SM_OPTIONS)); /* 405 */
}
