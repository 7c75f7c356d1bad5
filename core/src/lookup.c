/* Token -> method: the hot path. A switch on length and first byte leaves one
 * fixed-size compare, which the compiler turns into word compares. The names here
 * are those of methods.def; the tests check every table row against this switch. */
#include <string.h>

#include "internal.h"

#define SM_EQ(s, lit) (memcmp((s), (lit), sizeof(lit) - 1) == 0)

size_t sm__token_run(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && SM_IS(s[i], SM_C_TOKEN))
        i++;
    return i;
}

int sm_is_token(const char *s, size_t n)
{
    return n > 0 && s != NULL && sm__token_run(s, n) == n;
}

/* The registered id of an exact name, or 0. */
static uint32_t match_exact(const char *s, size_t n)
{
    switch (n) {
    case 3:
        if (s[0] == 'A') return SM_EQ(s, "ACK") ? SM_ACK : 0;
        if (s[0] == 'B') return SM_EQ(s, "BYE") ? SM_BYE : 0;
        return 0;
    case 4:
        return SM_EQ(s, "INFO") ? SM_INFO : 0;
    case 5:
        if (s[0] == 'P') return SM_EQ(s, "PRACK") ? SM_PRACK : 0;
        if (s[0] == 'R') return SM_EQ(s, "REFER") ? SM_REFER : 0;
        return 0;
    case 6:
        switch (s[0]) {
        case 'I': return SM_EQ(s, "INVITE") ? SM_INVITE : 0;
        case 'C': return SM_EQ(s, "CANCEL") ? SM_CANCEL : 0;
        case 'N': return SM_EQ(s, "NOTIFY") ? SM_NOTIFY : 0;
        case 'U': return SM_EQ(s, "UPDATE") ? SM_UPDATE : 0;
        default: return 0;
        }
    case 7:
        switch (s[0]) {
        case 'O': return SM_EQ(s, "OPTIONS") ? SM_OPTIONS : 0;
        case 'P': return SM_EQ(s, "PUBLISH") ? SM_PUBLISH : 0;
        case 'M': return SM_EQ(s, "MESSAGE") ? SM_MESSAGE : 0;
        default: return 0;
        }
    case 8:
        return SM_EQ(s, "REGISTER") ? SM_REGISTER : 0;
    case 9:
        return SM_EQ(s, "SUBSCRIBE") ? SM_SUBSCRIBE : 0;
    default:
        return 0;
    }
}

uint32_t sm__classify_token(const char *s, size_t n)
{
    uint32_t id = match_exact(s, n);
    return id ? id : SM_OTHER;
}

uint32_t sm_lookup(const char *s, size_t n)
{
    uint32_t id;
    if (s == NULL)
        return 0;
    id = match_exact(s, n);
    if (id)
        return id;
    return sm_is_token(s, n) ? SM_OTHER : 0;
}

uint32_t sm_lookup_ci(const char *s, size_t n)
{
    char folded[9];
    size_t i;
    uint32_t id;
    if (s == NULL)
        return 0;
    if (n >= 3 && n <= sizeof folded) {
        /* b & ~0x20 equals an upper-case letter only when b is that letter in either
         * case, so folding every byte and matching the upper-case names is exact. */
        for (i = 0; i < n; i++)
            folded[i] = (char)(s[i] & ~0x20);
        id = match_exact(folded, n);
        if (id)
            return id;
    }
    return sm_is_token(s, n) ? SM_OTHER : 0;
}

int sm_reject_status(const char *s, size_t n, uint32_t allowed)
{
    uint32_t id = sm_lookup(s, n);
    if (id == 0)
        return 400;
    if (id == SM_OTHER)
        return (allowed & SM_OTHER) ? 0 : 501;
    return (allowed & id) ? 0 : 405;
}
