/* SPDX-License-Identifier: MIT */
/* sm_classify: every span inside the buffer (start-line fields before consumed, CSeq after
 * it), tokens where tokens belong with the ids sm_lookup gives, failures that leave nothing
 * behind, SM_EPARTIAL exactly when the input is cut, and the same start line (partial) when
 * the input is cut right after it. */
#include "fuzz.h"

static void check_message(const char *buf, size_t len, int r, size_t off, const sm_message *m)
{
    size_t end;
    FUZZ_CHECK(r <= 0 && r >= SM_ERROR_MIN && r != SM_EALLOW && r != SM_EFOLD && r != SM_ELETTER &&
               r != SM_EARG);
    if (r == SM_EPARTIAL)
        FUZZ_CHECK(off == len && !m->has_cseq);
    if (r < 0 && (r != SM_EPARTIAL || m->kind == 0)) {
        sm_message zero;
        FUZZ_CHECK(m->kind == 0 && off <= len);
        memset(&zero, 0, sizeof zero);
        FUZZ_CHECK(memcmp(&zero, m, sizeof zero) == 0);
        return;
    }
    end = m->consumed;
    FUZZ_CHECK(end > 0 && end <= len && buf[end - 1] == '\n');
    FUZZ_CHECK(span_within(m->version, 0, end) && m->version.len >= 7);
    FUZZ_CHECK((buf[m->version.off] | 0x20) == 's' && (buf[m->version.off + 1] | 0x20) == 'i' &&
               (buf[m->version.off + 2] | 0x20) == 'p' && buf[m->version.off + 3] == '/');
    if (m->kind == SM_REQUEST) {
        check_method_span(buf, 0, end, m->method, m->method_id);
        FUZZ_CHECK(span_within(m->uri, 0, end) && m->uri.len >= 3);
        FUZZ_CHECK(memchr(buf + m->uri.off, ' ', m->uri.len) == NULL);
        FUZZ_CHECK(m->method.off + m->method.len + 1 == m->uri.off);
        FUZZ_CHECK(m->uri.off + m->uri.len + 1 == m->version.off);
        FUZZ_CHECK(m->status == 0 && m->reason.off == 0 && m->reason.len == 0);
    } else {
        FUZZ_CHECK(m->kind == SM_RESPONSE);
        FUZZ_CHECK(m->status >= 100 && m->status <= 699);
        FUZZ_CHECK(span_within(m->reason, 0, end));
        FUZZ_CHECK(m->version.off + m->version.len + 5 == m->reason.off);
        FUZZ_CHECK(m->method_id == 0 && m->method.len == 0 && m->uri.len == 0 && m->cseq_mismatch == 0);
    }
    if (m->has_cseq) {
        FUZZ_CHECK(m->has_cseq == 1 && m->cseq <= 2147483647u);
        check_method_span(buf, end, len, m->cseq_method, m->cseq_method_id);
        if (m->kind == SM_REQUEST)
            FUZZ_CHECK(m->cseq_mismatch == (m->cseq_method.len != m->method.len ||
                                            memcmp(buf + m->cseq_method.off, buf + m->method.off,
                                                   m->method.len) != 0));
    } else {
        FUZZ_CHECK(m->cseq == 0 && m->cseq_method_id == 0 && m->cseq_method.len == 0 &&
                   m->cseq_mismatch == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fuzz_dup(data, size);
    sm_message m, line;
    size_t off = (size_t)-1, off2 = (size_t)-1;
    int r;
    memset(&m, 0xa5, sizeof m); /* classify must reset what it reports */
    r = sm_classify(buf, size, &m, &off);
    check_message(buf, size, r, off, &m);
    if (m.kind != 0) { /* the start line alone is a partial result: the same, without the CSeq */
        char *head = fuzz_dup(data, m.consumed);
        int r2 = sm_classify(head, m.consumed, &line, &off2);
        check_message(head, m.consumed, r2, off2, &line);
        FUZZ_CHECK(r2 == SM_EPARTIAL && line.consumed == m.consumed && line.kind == m.kind &&
                   line.has_cseq == 0);
        FUZZ_CHECK(line.method_id == m.method_id && line.status == m.status);
        FUZZ_CHECK(memcmp(&line.method, &m.method, sizeof m.method) == 0);
        FUZZ_CHECK(memcmp(&line.uri, &m.uri, sizeof m.uri) == 0);
        FUZZ_CHECK(memcmp(&line.version, &m.version, sizeof m.version) == 0);
        FUZZ_CHECK(memcmp(&line.reason, &m.reason, sizeof m.reason) == 0);
        free(head);
    }
    free(buf);
    return 0;
}
