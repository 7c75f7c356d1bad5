#include <stdint.h>

#include <sipmethods.h>

#include "check.h"
#include "unit.h"

/* More extension tokens than capacity: all are counted, only the first cap stored. */
static void allow_capacity(void)
{
    static const char s[] = "A, B, INVITE, C";
    sm_span ext[3] = {{77, 77}, {77, 77}, {77, 77}};
    uint32_t set = 0;
    size_t n = 2;
    check_case("sm_allow_parse: 3 extension tokens, capacity 2");
    check_int("return value", sm_allow_parse(s, sizeof s - 1, &set, ext, &n), 0);
    check_int("count", (long long)n, 3);
    check_int("set", set, SM_INVITE);
    check_int("ext[0].off", (long long)ext[0].off, 0);
    check_int("ext[0].len", (long long)ext[0].len, 1);
    check_int("ext[1].off", (long long)ext[1].off, 3);
    check_int("ext[1].len", (long long)ext[1].len, 1);
    check_int("ext[2].off untouched", (long long)ext[2].off, 77);
    check_int("ext[2].len untouched", (long long)ext[2].len, 77);

    check_case("sm_allow_parse: capacity 0, ext NULL");
    n = 0;
    check_int("return value", sm_allow_parse(s, sizeof s - 1, &set, NULL, &n), 0);
    check_int("count", (long long)n, 3);

    check_case("sm_allow_parse: capacity 3");
    n = 3;
    check_int("return value", sm_allow_parse(s, sizeof s - 1, &set, ext, &n), 0);
    check_int("count", (long long)n, 3);
    check_int("ext[2].off", (long long)ext[2].off, 14);
    check_int("ext[2].len", (long long)ext[2].len, 1);
}

/* A NULL where a result belongs is SM_EARG; a NULL err_offset is allowed. */
static void null_results(void)
{
    uint32_t set;
    size_t off, n = 0, two = 2;
    sm_span ext[2];
    check_case("NULL out-params");
    check_int("sm_from_letters(set NULL)", sm_from_letters("I", 1, NULL), SM_EARG);
    check_int("sm_from_letters_at(set NULL)", sm_from_letters_at("I", 1, NULL, &off), SM_EARG);
    check_int("sm_classify(out NULL)", sm_classify("x\r\n", 3, NULL), SM_EARG);
    check_int("sm_allow_parse(set NULL)", sm_allow_parse("INVITE", 6, NULL, ext, &n), SM_EARG);
    check_int("sm_allow_parse(n_ext NULL)", sm_allow_parse("INVITE", 6, &set, ext, NULL), SM_EARG);
    check_int("sm_allow_parse_at(set NULL)", sm_allow_parse_at("INVITE", 6, NULL, ext, &n, &off), SM_EARG);
    check_int("sm_allow_parse_at(n_ext NULL)", sm_allow_parse_at("INVITE", 6, &set, ext, NULL, &off), SM_EARG);
    check_int("sm_allow_parse(ext NULL, capacity 2, an extension)", sm_allow_parse("FOO", 3, &set, NULL, &two),
              SM_EARG);

    check_case("NULL err_offset");
    check_int("sm_from_letters_at ok", sm_from_letters_at("I", 1, &set, NULL), 0);
    check_int("set", set, SM_INVITE);
    check_int("sm_from_letters_at error", sm_from_letters_at("G", 1, &set, NULL), SM_ELETTER);
    n = 0;
    check_int("sm_allow_parse_at error", sm_allow_parse_at("@", 1, &set, NULL, &n, NULL), SM_EALLOW);
}

/* s may be NULL when n is 0. */
static void null_empty_input(void)
{
    uint32_t set = 99;
    size_t n = 0;
    sm_message m;
    check_case("NULL input with n = 0");
    check_int("sm_is_token", sm_is_token(NULL, 0), 0);
    check_int("sm_lookup", sm_lookup(NULL, 0), 0);
    check_int("sm_lookup_ci", sm_lookup_ci(NULL, 0), 0);
    check_int("sm_reject_status", sm_reject_status(NULL, 0, 0xffffffffu), 400);
    check_int("sm_from_letters", sm_from_letters(NULL, 0, &set), 0);
    check_int("empty set", set, 0);
    check_int("sm_classify", sm_classify(NULL, 0, &m), SM_EEOL);
    check_int("error_offset", (long long)m.error_offset, 0);
    set = 99;
    check_int("sm_allow_parse", sm_allow_parse(NULL, 0, &set, NULL, &n), 0);
    check_int("allow set", set, 0);
    check_int("n_ext", (long long)n, 0);
}

void unit_args(void)
{
    allow_capacity();
    null_results();
    null_empty_input();
}
