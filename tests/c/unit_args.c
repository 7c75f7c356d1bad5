/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include <sipmethods.h>

#include "check.h"
#include "unit.h"

/* sm_allow_next walks a value element by element, and a position past the input is SM_EARG. */
static void allow_iterator(void)
{
    static const char s[] = " A, ,B , INVITE,C";
    static const struct { size_t off, len; uint32_t id; } want[] = {
        {1, 1, SM_OTHER}, {5, 1, SM_OTHER}, {9, 6, SM_INVITE}, {16, 1, SM_OTHER}};
    size_t pos = 0, i, off = 99;
    sm_span token;
    uint32_t id;
    check_case("sm_allow_next: each element in turn, then 0 at the end, and again 0");
    for (i = 0; i < 4; i++) {
        check_int("return value", sm_allow_next(s, sizeof s - 1, &pos, &token, &id, &off), 1);
        check_int("token.off", (long long)token.off, (long long)want[i].off);
        check_int("token.len", (long long)token.len, (long long)want[i].len);
        check_int("id", id, want[i].id);
    }
    check_int("end", sm_allow_next(s, sizeof s - 1, &pos, &token, &id, &off), 0);
    check_int("end again", sm_allow_next(s, sizeof s - 1, &pos, &token, &id, &off), 0);
    check_int("err_offset untouched", (long long)off, 99);
    check_case("sm_allow_next: a position past the input");
    pos = sizeof s;
    check_int("return value", sm_allow_next(s, sizeof s - 1, &pos, &token, &id, &off), SM_EARG);
    check_case("sm_allow_next: an error after good elements keeps its offset");
    pos = 0;
    check_int("first", sm_allow_next("BYE, @", 6, &pos, &token, &id, &off), 1);
    check_int("second", sm_allow_next("BYE, @", 6, &pos, &token, &id, &off), SM_EALLOW);
    check_int("err_offset", (long long)off, 5);
}

/* A NULL where a result belongs is SM_EARG; a NULL err_offset is allowed. */
static void null_results(void)
{
    sm_set set;
    size_t off, pos = 0;
    sm_span token;
    uint32_t id;
    check_case("NULL out-params");
    check_int("sm_from_letters(set NULL)", sm_from_letters("I", 1, NULL, &off), SM_EARG);
    check_int("sm_classify(out NULL)", sm_classify("x\r\n", 3, NULL, &off), SM_EARG);
    check_int("sm_classify(out NULL, err_offset NULL)", sm_classify("x\r\n", 3, NULL, NULL), SM_EARG);
    check_int("sm_classify(buf NULL, len 3)", sm_classify(NULL, 3, &(sm_message){0}, &off), SM_EARG);
    check_int("sm_allow_parse(set NULL)", sm_allow_parse("INVITE", 6, NULL, &off), SM_EARG);
    check_int("sm_allow_next(pos NULL)", sm_allow_next("INVITE", 6, NULL, &token, &id, &off), SM_EARG);
    check_int("sm_allow_next(token NULL)", sm_allow_next("INVITE", 6, &pos, NULL, &id, &off), SM_EARG);
    check_int("sm_allow_next(id NULL)", sm_allow_next("INVITE", 6, &pos, &token, NULL, &off), SM_EARG);

    check_case("NULL err_offset");
    check_int("sm_from_letters ok", sm_from_letters("I", 1, &set, NULL), 0);
    check_int("set", set, SM_INVITE);
    check_int("sm_from_letters error", sm_from_letters("G", 1, &set, NULL), SM_ELETTER);
    check_int("sm_allow_parse error", sm_allow_parse("@", 1, &set, NULL), SM_EALLOW);
    check_int("sm_allow_next error", sm_allow_next("@", 1, &pos, &token, &id, NULL), SM_EALLOW);
    check_int("sm_classify partial", sm_classify("", 0, &(sm_message){0}, NULL), SM_EPARTIAL);
}

/* s may be NULL when n is 0. */
static void null_empty_input(void)
{
    sm_set set = 99;
    size_t off = 99, pos = 0;
    sm_message m;
    sm_span token;
    uint32_t id;
    check_case("NULL input with n = 0");
    check_int("sm_is_token", sm_is_token(NULL, 0), 0);
    check_int("sm_lookup", sm_lookup(NULL, 0), 0);
    check_int("sm_lookup_ci", sm_lookup_ci(NULL, 0), 0);
    check_int("sm_reject_status", sm_reject_status(NULL, 0, 0xffffffffu), 400);
    check_int("sm_from_letters", sm_from_letters(NULL, 0, &set, &off), 0);
    check_int("empty set", set, 0);
    check_int("sm_classify", sm_classify(NULL, 0, &m, &off), SM_EPARTIAL);
    check_int("err_offset", (long long)off, 0);
    check_int("kind", m.kind, 0);
    set = 99;
    check_int("sm_allow_parse", sm_allow_parse(NULL, 0, &set, &off), 0);
    check_int("allow set", set, 0);
    check_int("sm_allow_next", sm_allow_next(NULL, 0, &pos, &token, &id, &off), 0);
}

void unit_args(void)
{
    allow_iterator();
    null_results();
    null_empty_input();
}
