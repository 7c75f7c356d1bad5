/* SPDX-License-Identifier: MIT */
/*
 * sipmethods for Lua: `local sm = require "sipmethods"`.
 *
 * Written against the Lua 5.4 API; the one compat block below supplies the one 5.2 name
 * it uses (luaL_setfuncs) for Lua 5.1 and LuaJIT. The module is not linked against liblua:
 * the host (lua5.x, luajit, Kamailio's app_lua) provides the symbols. The C core is compiled
 * into the module with hidden visibility, so luaopen_sipmethods is the only export; built as
 * sipmethods/core.so (SIPMETHODS_LUA_CORE) it also exports the core's sm_* functions, which
 * the LuaJIT front sipmethods.lua calls through the FFI.
 *
 * Conventions (docs/lua.md): caller misuse (a wrong type) raises an argument error; bad
 * SIP data returns nil, message, offset, errname with a 0-based byte offset, as in C.
 * Ids and sets are plain integers. No C globals: the per-state info cache is an upvalue.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "lua.h"
#include "lauxlib.h"

#include "sipmethods.h"
#include "lookup_inline.h" /* the core's lookup, inlined into sm.lookup */

#if defined(_WIN32)
#define SM_LUA_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
#define SM_LUA_EXPORT __attribute__((visibility("default")))
#else
#define SM_LUA_EXPORT
#endif

/* ---- Lua 5.1 / LuaJIT compat (LuaSocket compat.h style): prefixed, static ---- */
#if LUA_VERSION_NUM == 501
static void sm_lua_setfuncs(lua_State *L, const luaL_Reg *l, int nup)
{
    luaL_checkstack(L, nup + 1, "too many upvalues");
    for (; l->name != NULL; l++) {
        int i;
        for (i = 0; i < nup; i++)
            lua_pushvalue(L, -nup);
        lua_pushcclosure(L, l->func, nup);
        lua_setfield(L, -(nup + 2), l->name);
    }
    lua_pop(L, nup);
}
#undef luaL_setfuncs
#define luaL_setfuncs sm_lua_setfuncs
#endif

/* ---- argument helpers ---- */

/* Raises "bad argument #arg to 'f' (<expected> expected, got <type>)" on every version. */
static int sm_lua_typeerror(lua_State *L, int arg, const char *expected)
{
    const char *msg = lua_pushfstring(L, "%s expected, got %s", expected, luaL_typename(L, arg));
    return luaL_argerror(L, arg, msg);
}

/* The string at arg (numbers are not converted: a number is a type error). */
static const char *sm_lua_checkstring(lua_State *L, int arg, size_t *n)
{
    if (lua_type(L, arg) != LUA_TSTRING)
        sm_lua_typeerror(L, arg, "string");
    return lua_tolstring(L, arg, n);
}

/* 1 and *out when the number at arg is an integer in 0..2^32-1 (an integral float counts),
 * else 0: 1.5, NaN, negatives and huge values are not. The caller checked it is a number. */
static int sm_lua_touint32(lua_State *L, int arg, uint32_t *out)
{
    lua_Number d;
#if LUA_VERSION_NUM >= 503
    if (lua_isinteger(L, arg)) {
        lua_Integer i = lua_tointeger(L, arg);
        if (i < 0 || (lua_Unsigned)i > UINT32_MAX)
            return 0;
        *out = (uint32_t)i;
        return 1;
    }
#endif
    d = lua_tonumber(L, arg);
    if (!(d >= 0 && d <= (lua_Number)UINT32_MAX)) /* also false for NaN */
        return 0;
    if ((lua_Number)(uint32_t)d != d)
        return 0;
    *out = (uint32_t)d;
    return 1;
}

/* An id argument: a number (else a type error); 0 when it is not an integer in 0..2^32-1,
 * which no lookup matches. */
static uint32_t sm_lua_checkid(lua_State *L, int arg)
{
    uint32_t id = 0;
    if (lua_type(L, arg) != LUA_TNUMBER)
        sm_lua_typeerror(L, arg, "number");
    if (!sm_lua_touint32(L, arg, &id))
        return 0;
    return id;
}

/* A set argument: an integer in 0..2^32-1; anything else is caller misuse. */
static uint32_t sm_lua_checkset(lua_State *L, int arg)
{
    uint32_t set = 0;
    if (lua_type(L, arg) != LUA_TNUMBER)
        sm_lua_typeerror(L, arg, "number");
    if (!sm_lua_touint32(L, arg, &set))
        luaL_argerror(L, arg, "set must be an integer in 0..2^32-1");
    return set;
}

/* A status code argument: a number (else a type error); -1 when it is not an integer in
 * 0..INT_MAX, which every status function treats as "not a code". */
static int sm_lua_checkcode(lua_State *L, int arg)
{
    uint32_t v = 0;
    if (lua_type(L, arg) != LUA_TNUMBER)
        sm_lua_typeerror(L, arg, "number");
    if (!sm_lua_touint32(L, arg, &v) || v > (uint32_t)INT_MAX)
        return -1;
    return (int)v;
}

/* Bad SIP data: nil, message, offset (0-based byte offset, as in C), errname (nil for a code
 * that has none). */
static int sm_lua_fail(lua_State *L, int err, size_t offset)
{
    char buf[256];
    size_t len = sm_error_format(err, offset, buf, sizeof buf);
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    lua_pushnil(L);
    lua_pushlstring(L, buf, len);
    lua_pushinteger(L, (lua_Integer)offset);
    lua_pushstring(L, sm_errname(err)); /* NULL pushes nil */
    return 4;
}

static void sm_lua_pushspan(lua_State *L, const char *buf, sm_span sp)
{
    lua_pushlstring(L, buf + sp.off, sp.len);
}

/* ---- methods ---- */

/* sm.lookup(name [, ignore_case]) -> id | nil (nil for an extension token or a non-token).
 * The hot path: three API calls and no allocation. ignore_case is only read when the exact
 * lookup misses, since an exact hit is also the case-insensitive answer. */
static int sm_lua_lookup(lua_State *L)
{
    size_t n;
    const char *s;
    uint32_t id;
    if (lua_type(L, 1) != LUA_TSTRING)
        return sm_lua_typeerror(L, 1, "string");
    s = lua_tolstring(L, 1, &n);
    id = sm__lookup_inline(s, n);
    if (!(id & SM_ALL_METHODS) && lua_toboolean(L, 2))
        id = sm_lookup_ci(s, n);
    if (id & SM_ALL_METHODS)
        lua_pushinteger(L, (lua_Integer)id);
    else
        lua_pushnil(L);
    return 1;
}

/* sm.is_token(s) -> boolean */
static int sm_lua_is_token(lua_State *L)
{
    size_t n;
    const char *s = sm_lua_checkstring(L, 1, &n);
    lua_pushboolean(L, sm_is_token(s, n));
    return 1;
}

/* sm.name(id), sm.from_id(rmid) -> name | nil */
static int sm_lua_name(lua_State *L)
{
    const sm_method_info *mi = sm_info(sm_lua_checkid(L, 1));
    if (mi == NULL)
        lua_pushnil(L);
    else
        lua_pushlstring(L, mi->name, mi->name_len);
    return 1;
}

/* sm.info(name_or_id) -> the cached table of the method (upvalue 1, table order) | nil */
static int sm_lua_info(lua_State *L)
{
    const sm_method_info *mi = NULL;
    switch (lua_type(L, 1)) {
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, 1, &n);
        mi = sm_info(sm_lookup(s, n));
        break;
    }
    case LUA_TNUMBER:
        mi = sm_info(sm_lua_checkid(L, 1));
        break;
    default:
        return sm_lua_typeerror(L, 1, "string or number");
    }
    if (mi == NULL)
        lua_pushnil(L);
    else
        lua_rawgeti(L, lua_upvalueindex(1), (int)mi->index + 1);
    return 1;
}

/* sm.methods() -> a new array of the names in table order */
static int sm_lua_methods(lua_State *L)
{
    int i;
    lua_createtable(L, SM_METHOD_COUNT, 0);
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *mi = sm_info_at((size_t)i);
        lua_pushlstring(L, mi->name, mi->name_len);
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

/* sm.from_letters(s) -> set | nil, message, offset, errname */
static int sm_lua_from_letters(lua_State *L)
{
    size_t n, off = 0;
    uint32_t set = 0;
    const char *s = sm_lua_checkstring(L, 1, &n);
    int rc = sm_from_letters(s, n, &set, &off);
    if (rc < 0)
        return sm_lua_fail(L, rc, off);
    lua_pushinteger(L, (lua_Integer)set);
    return 1;
}

/* sm.reject_status(name, allowed_set) -> 0, 405, 501 or 400 */
static int sm_lua_reject_status(lua_State *L)
{
    size_t n;
    const char *s = sm_lua_checkstring(L, 1, &n);
    uint32_t allowed = sm_lua_checkset(L, 2);
    lua_pushinteger(L, sm_reject_status(s, n, allowed));
    return 1;
}

/* sm.classify(msg) -> table | nil, message, offset, errname. A message cut after its start
 * line (SM_EPARTIAL with a kind) is a result with partial = true. */
static int sm_lua_classify(lua_State *L)
{
    size_t n, off = 0;
    sm_message m;
    const char *s = sm_lua_checkstring(L, 1, &n);
    int rc = sm_classify(s, n, &m, &off);
    if (rc < 0 && !(rc == SM_EPARTIAL && m.kind != 0))
        return sm_lua_fail(L, rc, off);
    lua_createtable(L, 0, 13);
    if (m.kind == SM_REQUEST) {
        lua_pushliteral(L, "request");
        lua_setfield(L, -2, "kind");
        sm_lua_pushspan(L, s, m.method);
        lua_setfield(L, -2, "method");
        lua_pushinteger(L, (lua_Integer)m.method_id);
        lua_setfield(L, -2, "method_id");
        sm_lua_pushspan(L, s, m.uri);
        lua_setfield(L, -2, "uri");
        lua_pushboolean(L, m.cseq_mismatch);
        lua_setfield(L, -2, "cseq_mismatch");
    } else {
        lua_pushliteral(L, "response");
        lua_setfield(L, -2, "kind");
        lua_pushinteger(L, m.status);
        lua_setfield(L, -2, "status");
        sm_lua_pushspan(L, s, m.reason);
        lua_setfield(L, -2, "reason");
    }
    sm_lua_pushspan(L, s, m.version);
    lua_setfield(L, -2, "version");
    if (m.has_cseq) {
        lua_pushinteger(L, (lua_Integer)m.cseq);
        lua_setfield(L, -2, "cseq");
        sm_lua_pushspan(L, s, m.cseq_method);
        lua_setfield(L, -2, "cseq_method");
        lua_pushinteger(L, (lua_Integer)m.cseq_method_id);
        lua_setfield(L, -2, "cseq_method_id");
    }
    lua_pushboolean(L, rc == SM_EPARTIAL);
    lua_setfield(L, -2, "partial");
    lua_pushinteger(L, (lua_Integer)m.consumed);
    lua_setfield(L, -2, "consumed");
    return 1;
}

/* sm.parse_allow(s) -> set, {ext...} | nil, message, offset, errname: one pass of the core's
 * Allow iterator, registered ids into the set, extension tokens into the array in order. */
static int sm_lua_parse_allow(lua_State *L)
{
    size_t n, pos = 0, off = 0;
    sm_span tok;
    uint32_t id, set = 0;
    int rc, n_ext = 0;
    const char *s = sm_lua_checkstring(L, 1, &n);
    lua_newtable(L);
    while ((rc = sm_allow_next(s, n, &pos, &tok, &id, &off)) == 1) {
        if (id == SM_OTHER) {
            sm_lua_pushspan(L, s, tok);
            lua_rawseti(L, -2, ++n_ext);
        } else {
            set |= id;
        }
    }
    if (rc < 0)
        return sm_lua_fail(L, rc, off);
    lua_pushinteger(L, (lua_Integer)set);
    lua_insert(L, -2);
    return 2;
}

/* sm.format_allow(set) -> "INVITE, ACK, ..." (registered bits only, table order) */
static int sm_lua_format_allow(lua_State *L)
{
    char buf[SM_ALLOW_FORMAT_MAX + 1];
    size_t len = sm_allow_format(sm_lua_checkset(L, 1), buf, sizeof buf);
    lua_pushlstring(L, buf, len);
    return 1;
}

/* sm.has(set, x) -> true when every bit of x is in set */
static int sm_lua_has(lua_State *L)
{
    uint32_t set = sm_lua_checkset(L, 1);
    uint32_t x = sm_lua_checkset(L, 2);
    lua_pushboolean(L, (set & x) == x);
    return 1;
}

/* sm.union(...) -> the OR of any number of sets and ids (0 for none) */
static int sm_lua_union(lua_State *L)
{
    int i, top = lua_gettop(L);
    uint32_t set = 0;
    for (i = 1; i <= top; i++)
        set |= sm_lua_checkset(L, i);
    lua_pushinteger(L, (lua_Integer)set);
    return 1;
}

/* ---- response codes ---- */

/* sm.reason(code) -> the IANA reason phrase | nil */
static int sm_lua_reason(lua_State *L)
{
    const char *r = sm_status_reason(sm_lua_checkcode(L, 1));
    if (r == NULL)
        lua_pushnil(L);
    else
        lua_pushstring(L, r);
    return 1;
}

/* sm.status_class(code) -> 1..6, or 0 */
static int sm_lua_status_class(lua_State *L)
{
    lua_pushinteger(L, sm_status_class(sm_lua_checkcode(L, 1)));
    return 1;
}

/* sm.equivalent(code) -> the code a UAC treats it as (RFC 3261 §8.1.3.2), or 0 */
static int sm_lua_equivalent(lua_State *L)
{
    lua_pushinteger(L, sm_status_equivalent(sm_lua_checkcode(L, 1)));
    return 1;
}

/* ---- the per-state info cache ---- */

/* __newindex of the info tables and their references arrays. */
static int sm_lua_readonly(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TSTRING)
        return luaL_error(L, "sipmethods: info tables are read-only (field '%s')",
                          lua_tostring(L, 2));
    return luaL_error(L, "sipmethods: info tables are read-only");
}

static void sm_lua_setbool(lua_State *L, const char *k, int v)
{
    lua_pushboolean(L, v);
    lua_setfield(L, -2, k);
}

static void sm_lua_setstr(lua_State *L, const char *k, const char *v)
{
    lua_pushstring(L, v);
    lua_setfield(L, -2, k);
}

/* Pushes an array of SM_METHOD_COUNT tables in table order, one per method, each the
 * plain table (so pairs() works on 5.1 and LuaJIT) with a protected metatable whose
 * __newindex raises: new keys cannot be added. Built once per lua_State. */
static void sm_lua_push_info_cache(lua_State *L)
{
    int i, r;
    lua_createtable(L, SM_METHOD_COUNT, 0);     /* cache */
    lua_createtable(L, 0, 2);                   /* cache, mt */
    lua_pushcfunction(L, sm_lua_readonly);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *mi = sm_info_at((size_t)i);
        lua_createtable(L, 0, 16);              /* cache, mt, t */
        lua_pushlstring(L, mi->name, mi->name_len);
        lua_setfield(L, -2, "name");
        lua_pushinteger(L, (lua_Integer)mi->id);
        lua_setfield(L, -2, "id");
        sm_lua_setstr(L, "description", mi->description);
        sm_lua_setstr(L, "rfc", mi->rfc);
        lua_pushinteger(L, (lua_Integer)mi->index);
        lua_setfield(L, -2, "index");
        lua_createtable(L, (int)mi->n_references, 0); /* cache, mt, t, refs */
        for (r = 0; r < (int)mi->n_references; r++) {
            lua_pushstring(L, mi->references[r]);
            lua_rawseti(L, -2, r + 1);
        }
        lua_pushvalue(L, -3);
        lua_setmetatable(L, -2);
        lua_setfield(L, -2, "references");
        sm_lua_setstr(L, "category", mi->category);
        sm_lua_setstr(L, "transaction", mi->transaction);
        sm_lua_setbool(L, "has_response", mi->has_response);
        sm_lua_setbool(L, "cancelable", mi->cancelable);
        sm_lua_setbool(L, "creates_dialog", mi->creates_dialog);
        sm_lua_setbool(L, "target_refresh", mi->target_refresh);
        sm_lua_setbool(L, "offer_answer", mi->offer_answer);
        sm_lua_setbool(L, "in_dialog_only", mi->in_dialog_only);
        if (mi->letter != '\0') { /* INFO has none: the field is absent (nil) */
            lua_pushlstring(L, &mi->letter, 1);
            lua_setfield(L, -2, "letter");
        }
        lua_pushvalue(L, -2);
        lua_setmetatable(L, -2);
        lua_rawseti(L, -3, i + 1);              /* cache, mt */
    }
    lua_pop(L, 1);                              /* cache */
}

static const luaL_Reg sm_lua_funcs[] = {
    {"lookup", sm_lua_lookup},
    {"is_token", sm_lua_is_token},
    {"name", sm_lua_name},
    {"from_id", sm_lua_name},
    {"methods", sm_lua_methods},
    {"from_letters", sm_lua_from_letters},
    {"reject_status", sm_lua_reject_status},
    {"classify", sm_lua_classify},
    {"parse_allow", sm_lua_parse_allow},
    {"format_allow", sm_lua_format_allow},
    {"has", sm_lua_has},
    {"union", sm_lua_union},
    {"reason", sm_lua_reason},
    {"status_class", sm_lua_status_class},
    {"equivalent", sm_lua_equivalent},
    {NULL, NULL}
};

/* The entry point: luaopen_sipmethods, or luaopen_sipmethods_core for the module
 * sipmethods/core.so that the LuaJIT front sipmethods.lua loads (docs/lua.md). */
#ifdef SIPMETHODS_LUA_CORE
#define SM_LUA_OPEN luaopen_sipmethods_core
#else
#define SM_LUA_OPEN luaopen_sipmethods
#endif

SM_LUA_EXPORT int SM_LUA_OPEN(lua_State *L);

SM_LUA_EXPORT int SM_LUA_OPEN(lua_State *L)
{
    int i;
    /* the functions, info, the 14 ids, OTHER, ALL_METHODS, _VERSION */
    lua_createtable(L, 0, (int)(sizeof sm_lua_funcs / sizeof sm_lua_funcs[0]) + SM_METHOD_COUNT + 4);
    luaL_setfuncs(L, sm_lua_funcs, 0);
    sm_lua_push_info_cache(L); /* info: a closure over this state's cache */
    lua_pushcclosure(L, sm_lua_info, 1);
    lua_setfield(L, -2, "info");
    for (i = 0; i < SM_METHOD_COUNT; i++) {
        const sm_method_info *mi = sm_info_at((size_t)i);
        lua_pushinteger(L, (lua_Integer)mi->id);
        lua_setfield(L, -2, mi->name);
    }
    lua_pushinteger(L, (lua_Integer)SM_OTHER);
    lua_setfield(L, -2, "OTHER");
    lua_pushinteger(L, (lua_Integer)SM_ALL_METHODS);
    lua_setfield(L, -2, "ALL_METHODS");
    lua_pushstring(L, sm_version());
    lua_setfield(L, -2, "_VERSION");
    return 1;
}
