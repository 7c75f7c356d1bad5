/* Allow header values (RFC 3261 §20.5): Method *(COMMA Method), LWS and folds around commas. */
#include "internal.h"

/* Records a failure at off, resets the outputs and returns err. */
static int fail(uint32_t *set, size_t *n_ext, size_t *err_offset, int err, size_t off)
{
    *set = 0;
    *n_ext = 0;
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

int sm_allow_parse_at(const char *s, size_t n, uint32_t *set, sm_span *ext, size_t *n_ext,
                      size_t *err_offset)
{
    size_t cap, count = 0, i = 0, start;
    uint32_t acc = 0;
    if (set == NULL || n_ext == NULL)
        return SM_EARG;
    cap = *n_ext;
    if ((s == NULL && n > 0) || (ext == NULL && cap > 0))
        return fail(set, n_ext, err_offset, SM_EARG, 0);
    for (;;) {
        if (skip(s, n, &i))
            return fail(set, n_ext, err_offset, SM_EFOLD, i);
        if (i == n)
            break;
        if (s[i] == ',') { /* an empty element */
            i++;
            continue;
        }
        start = i;
        i += sm__token_run(s + i, n - i);
        if (i == start)
            return fail(set, n_ext, err_offset, SM_EALLOW, i);
        {
            uint32_t id = sm__classify_token(s + start, i - start);
            if (id != SM_OTHER) {
                acc |= id;
            } else {
                if (count < cap) {
                    ext[count].off = start;
                    ext[count].len = i - start;
                }
                count++;
            }
        }
        if (skip(s, n, &i))
            return fail(set, n_ext, err_offset, SM_EFOLD, i);
        if (i == n)
            break;
        if (s[i] != ',')
            return fail(set, n_ext, err_offset, SM_EALLOW, i);
        i++;
    }
    *set = acc;
    *n_ext = count;
    return 0;
}

int sm_allow_parse(const char *s, size_t n, uint32_t *set, sm_span *ext, size_t *n_ext)
{
    return sm_allow_parse_at(s, n, set, ext, n_ext, NULL);
}
