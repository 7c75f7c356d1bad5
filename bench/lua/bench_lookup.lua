-- SPDX-License-Identifier: MIT
-- Measures sm.lookup against a no-op C function and a plain table index.
--
-- Not a test: prints best-of-N nanoseconds per call, all measured in one process and
-- interleaved (every round times each candidate once, in turn), and the ratios the goals are
-- stated in: sm.lookup <= 1.3x a no-op C function (Lua 5.4); under LuaJIT, sm.lookup over the
-- bench's mixed names (bench/c/mix.txt) <= 1.5x a table index t[name] over the same names.
--
-- The no-op module is compiled here, at bench time, against this interpreter's headers
-- (LUA_INCDIR, or the Debian location for this version), with the flags of the module
-- (-O2 and -fno-plt: its API calls cost what the module's do).
--
-- Usage: lua bench/lua/bench_lookup.lua MODULE_DIR [ROUNDS] [CALLS]
--        lua bench/lua/bench_lookup.lua MODULE_DIR --ir CANDIDATE CALLS
--   MODULE_DIR holds this interpreter's module (e.g. build/lua/5.4, build/lua/luajit)
--   --ir runs one candidate's loop once, untimed, for valgrind --tool=callgrind: bench/run
--   runs it with CALLS = 0 and CALLS = N; the difference over N is instructions per call.
--   CANDIDATE: noop0, noop1, floor3 or lookup.
-- bench/lua/run.sh runs it under lua5.1, lua5.4 and luajit.

local usage = "usage: bench_lookup.lua MODULE_DIR [ROUNDS] [CALLS] | MODULE_DIR --ir CANDIDATE CALLS"
local moddir = arg[1] or error(usage)
local ir_candidate = arg[2] == "--ir" and (arg[3] or error(usage)) or nil
local rounds = ir_candidate and 0 or tonumber(arg[2]) or 15
local calls = tonumber(arg[ir_candidate and 4 or 3]) or 2000000

local NOOP_C = [[
#include "lua.h"
static int noop0(lua_State *L) { (void)L; return 0; }
static int noop1(lua_State *L) { lua_settop(L, 1); return 1; }
/* The least a strict string -> value C function does: check the type, read, push. */
static int floor3(lua_State *L)
{
    size_t n;
    if (lua_type(L, 1) != LUA_TSTRING)
        return 0;
    (void)lua_tolstring(L, 1, &n);
    lua_pushinteger(L, (lua_Integer)n);
    return 1;
}
__attribute__((visibility("default"))) int luaopen_sm_bench_noop(lua_State *L)
{
    lua_createtable(L, 0, 3);
    lua_pushcfunction(L, noop0);
    lua_setfield(L, -2, "noop0");
    lua_pushcfunction(L, noop1);
    lua_setfield(L, -2, "noop1");
    lua_pushcfunction(L, floor3);
    lua_setfield(L, -2, "floor3");
    return 1;
}
]]

local incdir = os.getenv("LUA_INCDIR")
if not incdir then
  if jit then incdir = "/usr/include/luajit-2.1"
  else incdir = "/usr/include/lua" .. _VERSION:match("%d+%.%d+") end
end
local tmp = os.tmpname()
os.remove(tmp)
assert(os.execute("mkdir -p " .. tmp))
local f = assert(io.open(tmp .. "/noop.c", "w"))
f:write(NOOP_C)
f:close()
local cc = (os.getenv("CC") or "cc") .. " -O2 -fno-plt -fPIC -shared -fvisibility=hidden -I" .. incdir
local okc = os.execute(cc .. " -o " .. tmp .. "/sm_bench_noop.so " .. tmp .. "/noop.c")
assert(okc == true or okc == 0, "compiling the no-op module failed")

package.path = moddir .. "/?.lua"
package.cpath = moddir .. "/?.so;" .. tmp .. "/?.so"
local sm = require "sipmethods"
local noop = require "sm_bench_noop"
os.execute("rm -rf " .. tmp)

-- The mixed names: SEQ names drawn by weight from bench/c/mix.txt (fixed seed), and a table of
-- the 14 registered names to their ids, which answers as sm.lookup does (nil for the others).
local SEQ = 4096
local mix, total = {}, 0
do
  local here = arg[0]:match("^(.*)/[^/]*$") or "."
  local mf = assert(io.open(here .. "/../c/mix.txt"))
  for line in mf:lines() do
    local w, name = line:match("^(%d+)%s+(%S+)")
    if w then
      mix[#mix + 1] = { tonumber(w), name }
      total = total + tonumber(w)
    end
  end
  mf:close()
end
local seq, state = {}, 12345
for i = 1, SEQ do
  state = (state * 1103515245 + 12345) % 2147483648 -- exact in doubles: no integer subtype needed
  local r = state % total
  for _, e in ipairs(mix) do
    if r < e[1] then seq[i] = e[2]; break end
    r = r - e[1]
  end
end
local ids = {}
for _, name in ipairs(sm.methods()) do ids[name] = sm.lookup(name) end

-- Over the mixed names: calls / SEQ passes over seq, each name looked up once per pass.
local function mix_loop(fn)
  return function(n)
    local x
    for _ = 1, math.floor(n / SEQ) do
      for i = 1, SEQ do x = fn(seq[i]) end
    end
    return x
  end
end

-- Every candidate is called with one string and keeps its result, in the same loop shape.
local function loop_of(fn, s)
  return function(n)
    local x
    for _ = 1, n do x = fn(s) end
    return x
  end
end
local tbl = { INVITE = 1, ACK = 4, BYE = 8 }
local candidates = {
  { "empty loop", function(n) local x; for _ = 1, n do x = n end; return x end },
  { "noop0(s) (no result)", loop_of(noop.noop0, "INVITE") },
  { "noop1(s) (returns s)", loop_of(noop.noop1, "INVITE") },
  { "floor3(s) (type+read+push)", loop_of(noop.floor3, "INVITE") },
  { "t[s] (table index)", function(n)
      local t, s, x = tbl, "INVITE", nil
      for _ = 1, n do x = t[s] end
      return x
    end },
  { "sm.lookup('INVITE')", loop_of(sm.lookup, "INVITE") },
  { "sm.lookup('SUBSCRIBE')", loop_of(sm.lookup, "SUBSCRIBE") },
  { "sm.lookup('X-Custom')", loop_of(sm.lookup, "X-Custom") },
  { "sm.lookup('invite', true)", function(n)
      local f, x = sm.lookup, nil
      for _ = 1, n do x = f("invite", true) end
      return x
    end },
  { "sm.info('INVITE')", loop_of(sm.info, "INVITE") },
  { "t[name], mixed names", function(n)
      local t, x = ids, nil
      for _ = 1, math.floor(n / SEQ) do
        for i = 1, SEQ do x = t[seq[i]] end
      end
      return x
    end },
  { "sm.lookup(name), mixed names", mix_loop(sm.lookup) },
}
-- Under LuaJIT, the core's sm_lookup called through the FFI directly: what a call costs.
if jit then
  local ffi = require "ffi"
  local core_so = package.searchpath("sipmethods.core", package.cpath)
  if core_so then
    pcall(ffi.cdef, "uint32_t sm_lookup(const char *s, size_t n);")
    local C = ffi.load(core_so)
    table.insert(candidates, #candidates - 1, { "ffi sm_lookup(name, #name), mixed names",
      mix_loop(function(name) return C.sm_lookup(name, #name) end) })
  end
end

if ir_candidate then
  local fns = { noop0 = noop.noop0, noop1 = noop.noop1, floor3 = noop.floor3, lookup = sm.lookup }
  loop_of(fns[ir_candidate] or error("unknown candidate " .. ir_candidate), "INVITE")(calls)
  return
end

local clock = os.clock
local best = {}
for _ = 1, rounds do
  for i, c in ipairs(candidates) do
    local t0 = clock()
    c[2](calls)
    local dt = clock() - t0
    if not best[i] or dt < best[i] then best[i] = dt end
  end
end

local function ns(i) return best[i] / calls * 1e9 end
local function mix_ns(i) return best[i] / (math.floor(calls / SEQ) * SEQ) * 1e9 end
io.write(string.format("%s%s: best of %d rounds x %d calls (ns per call, loop included)\n",
  _VERSION, jit and (" / " .. jit.version) or "", rounds, calls))
for i, c in ipairs(candidates) do
  io.write(string.format("  %-28s %7.2f\n", c[1], c[1]:find("mixed names", 1, true) and mix_ns(i) or ns(i)))
end
local noop0, noop1, floor3, index, lookup = ns(2), ns(3), ns(4), ns(5), ns(6)
io.write(string.format("  lookup/noop0 %.2fx  lookup/noop1 %.2fx  floor3/noop0 %.2fx  lookup/floor3 %.2fx  lookup/t[s] %.2fx\n",
  lookup / noop0, lookup / noop1, floor3 / noop0, lookup / floor3, lookup / index))
io.write(string.format("  mixed names: sm.lookup/t[name] %.2fx (LuaJIT goal <= 1.5)\n",
  mix_ns(#candidates) / mix_ns(#candidates - 1)))
