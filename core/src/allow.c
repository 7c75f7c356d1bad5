/* SPDX-License-Identifier: MIT */
/* Allow header values (RFC 3261 §20.5): Method *(COMMA Method), LWS and folds around commas. */
#include "internal.h"

/* Records a failure at off and returns err. */
static int fail(size_t *err_offset, int err, size_t off)
{
    if (err_offset != NULL)
        *err_offset = off;
    return err;
}

/* Index of the first byte at or after i that is not LWS; a bare CR or LF there is an error. */
static int skip(const char *s, size_t n, size_t *i)
{
    *i = sm__skip_lws(s, n, *i);
    return *i < n && (s[*i] == '\r' || s[*i] == '\n') ? SM_EFOLD : 0;
}

int sm_allow_next(const char *s, size_t n, size_t *pos, sm_span *token, uint32_t *id,
                  size_t *err_offset)
{
    size_t i, start;
    if (pos == NULL || token == NULL || id == NULL)
        return fail(err_offset, SM_EARG, 0);
    token->off = token->len = 0;
    *id = 0;
    if ((s == NULL && n > 0) || *pos > n)
        return fail(err_offset, SM_EARG, 0);
    i = *pos;
    for (;;) { /* empty elements are tolerated */
        if (skip(s, n, &i))
            return fail(err_offset, SM_EFOLD, i);
        if (i == n) {
            *pos = n;
            return 0;
        }
        if (s[i] != ',')
            break;
        i++;
    }
    start = i;
    i += sm__token_run(s + i, n - i);
    if (i == start)
        return fail(err_offset, SM_EALLOW, i);
    token->off = start;
    token->len = i - start;
    *id = sm__classify_token(s + start, i - start);
    if (skip(s, n, &i))
        return fail(err_offset, SM_EFOLD, i);
    if (i < n && s[i] != ',')
        return fail(err_offset, SM_EALLOW, i);
    *pos = i < n ? i + 1 : n;
    return 1;
}

int sm_allow_parse(const char *s, size_t n, sm_set *set, size_t *err_offset)
{
    size_t pos = 0;
    sm_span token;
    uint32_t id;
    sm_set acc = 0;
    int r;
    if (set == NULL)
        return fail(err_offset, SM_EARG, 0);
    *set = 0;
    while ((r = sm_allow_next(s, n, &pos, &token, &id, err_offset)) == 1) {
        if (id != SM_OTHER)
            acc |= id;
    }
    if (r == 0)
        *set = acc;
    return r;
}
