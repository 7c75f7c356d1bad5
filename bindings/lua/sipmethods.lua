-- SPDX-License-Identifier: MIT
-- sipmethods: `local sm = require "sipmethods"`.
--
-- The front of the C module sipmethods/core.so. Under LuaJIT with its FFI, the module's hot
-- functions call the core's sm_* functions (exported by core.so) through the FFI, which the
-- JIT compiles to direct calls; everything else is the C module's. Without the FFI (PUC Lua,
-- a LuaJIT built without it, core.so not found on package.cpath) this file returns the C
-- module itself. Same names, answers and errors either way (docs/lua.md).

local core = require "sipmethods.core"

local has_ffi, ffi = pcall(require, "ffi")
local path = has_ffi and package.searchpath and package.searchpath("sipmethods.core", package.cpath)
if not path then
  return core
end

-- The declarations this file uses, as in sipmethods.h (sm_* names: nothing else clashes). A
-- second load of this file in one state finds them declared already.
pcall(ffi.cdef, [[
typedef struct sm_span { size_t off; size_t len; } sm_span;
typedef struct sm_message {
  int kind; size_t consumed; uint32_t method_id; sm_span method; sm_span uri; sm_span version;
  int status; sm_span reason; int has_cseq; uint32_t cseq; uint32_t cseq_method_id;
  sm_span cseq_method; int cseq_mismatch;
} sm_message;
int sm_is_token(const char *s, size_t n);
uint32_t sm_lookup(const char *s, size_t n);
uint32_t sm_lookup_ci(const char *s, size_t n);
int sm_reject_status(const char *s, size_t n, uint32_t allowed);
int sm_classify(const char *buf, size_t len, sm_message *out, size_t *err_offset);
size_t sm_error_format(int err, size_t offset, char *buf, size_t cap);
const char *sm_errname(int err);
]])
local loaded, C = pcall(ffi.load, path)
if not loaded then
  return core
end

local bit = require "bit"
local band, bor, tobit = bit.band, bit.bor, bit.tobit
local type, select, error, tonumber, sub = type, select, error, tonumber, string.sub
local format, ffi_string, min = string.format, ffi.string, math.min

local OTHER = core.OTHER
local SM_EPARTIAL, SM_REQUEST = -1, 1
local ERRBUF = 256

-- The module: every field of the C module, the hot functions replaced below.
local sm = {}
for k, v in pairs(core) do
  sm[k] = v
end

---------------------------------------------------------------------------- argument errors
-- The C module's messages (luaL_argerror), positioned at the caller of the public function as
-- LuaJIT positions a C function's: depth is the number of calls from the public function to
-- this one (1 when it calls argerror itself).
local function argerror(arg, fname, msg, depth)
  error(format("bad argument #%d to '%s' (%s)", arg, fname, msg), depth + 2)
end

-- "string expected, got no value": n is how many arguments the public function received.
local function typeerror(arg, fname, expected, v, n, depth)
  argerror(arg, fname, format("%s expected, got %s", expected, arg > n and "no value" or type(v)),
           (depth or 1) + 1)
end

-- A set: an integer in 0..2^32-1, as sm_lua_checkset.
local function checkset(v, arg, fname, n)
  if type(v) ~= "number" then
    typeerror(arg, fname, "number", v, n, 2)
  end
  if not (v >= 0 and v <= 4294967295 and v % 1 == 0) then
    argerror(arg, fname, "set must be an integer in 0..2^32-1", 2)
  end
end

---------------------------------------------------------------------------- methods
-- The exact lookup is a table index: Lua strings are interned, so a table keyed by the 14
-- registered names, each mapped to the core's own answer (filled once, here), gives sm_lookup's
-- answer for every string: the id for a registered name, nil for any other (sm.lookup's nil
-- for an extension token or a non-token). The JIT compiles it to a hash probe, which no call
-- can match (bench/README.md); the case-insensitive miss path calls the core through the FFI.
local REGISTERED = {}
for _, name in ipairs(core.methods()) do
  REGISTERED[name] = C.sm_lookup(name, #name)
end

-- sm.lookup(name [, ignore_case]) -> id | nil
function sm.lookup(...)
  local s, ignore_case = ...
  local id = REGISTERED[s]
  if id then
    return id
  end
  if type(s) ~= "string" then
    typeerror(1, "lookup", "string", s, select("#", ...))
  end
  if ignore_case then
    id = C.sm_lookup_ci(s, #s)
    if id ~= 0 and id ~= OTHER then
      return id
    end
  end
  return nil
end

-- sm.info, sm.name and sm.from_id the same way: the C module's answers for the 14 names and
-- ids (info's cached tables), and nil for every other string or number.
local INFO, NAME = {}, {}
for _, name in ipairs(core.methods()) do
  local t = core.info(name)
  INFO[name], INFO[t.id], NAME[t.id] = t, t, name
end

-- sm.info(name_or_id) -> the method's table | nil
function sm.info(...)
  local x = ...
  local t = INFO[x]
  if t then
    return t
  end
  local tx = type(x)
  if tx ~= "string" and tx ~= "number" then
    typeerror(1, "info", "string or number", x, select("#", ...))
  end
  return nil
end

-- sm.name(id), sm.from_id(rmid) -> name | nil
local function name_of(fname)
  return function(...)
    local id = ...
    local name = NAME[id]
    if name then
      return name
    end
    if type(id) ~= "number" then
      typeerror(1, fname, "number", id, select("#", ...))
    end
    return nil
  end
end
sm.name, sm.from_id = name_of("name"), name_of("from_id")

-- sm.is_token(s) -> boolean
function sm.is_token(...)
  local s = ...
  if type(s) ~= "string" then
    typeerror(1, "is_token", "string", s, select("#", ...))
  end
  return C.sm_is_token(s, #s) ~= 0
end

-- sm.reject_status(name, allowed_set) -> 0, 405, 501 or 400
function sm.reject_status(...)
  local s, allowed = ...
  local n = select("#", ...)
  if type(s) ~= "string" then
    typeerror(1, "reject_status", "string", s, n)
  end
  checkset(allowed, 2, "reject_status", n)
  return C.sm_reject_status(s, #s, allowed)
end

-- sm.has(set, x) -> true when every bit of x is in set
function sm.has(...)
  local set, x = ...
  local n = select("#", ...)
  checkset(set, 1, "has", n)
  checkset(x, 2, "has", n)
  return band(set, x) == tobit(x)
end

-- sm.union(...) -> the OR of any number of sets and ids (0 for none)
function sm.union(...)
  local n = select("#", ...)
  local set = 0
  for i = 1, n do
    local x = select(i, ...)
    checkset(x, i, "union", n)
    set = bor(set, x)
  end
  return set % 4294967296 -- bit ops give signed 32-bit results
end

---------------------------------------------------------------------------- classify
-- Scratch for the core's outputs; classify never yields, so one per state is enough.
local msg = ffi.new("sm_message")
local erroff = ffi.new("size_t[1]")
local errbuf = ffi.new("char[?]", ERRBUF)

-- Bad SIP data: nil, message, offset, errname (nil for a code that has none).
local function fail(rc, offset)
  local len = tonumber(C.sm_error_format(rc, offset, errbuf, ERRBUF))
  local name = C.sm_errname(rc)
  return nil, ffi_string(errbuf, min(len, ERRBUF - 1)), tonumber(offset),
         name ~= nil and ffi_string(name) or nil
end

local function span(s, sp)
  local off = tonumber(sp.off)
  return sub(s, off + 1, off + tonumber(sp.len))
end

-- sm.classify(msg) -> table | nil, message, offset, errname
function sm.classify(...)
  local s = ...
  if type(s) ~= "string" then
    typeerror(1, "classify", "string", s, select("#", ...))
  end
  local rc = C.sm_classify(s, #s, msg, erroff)
  local kind = msg.kind
  if rc < 0 and not (rc == SM_EPARTIAL and kind ~= 0) then
    return fail(rc, erroff[0])
  end
  -- One constructor per kind, every key in it: the table is allocated once, at its size.
  local partial, consumed = rc == SM_EPARTIAL, tonumber(msg.consumed)
  local has_cseq = msg.has_cseq ~= 0
  local cseq = has_cseq and msg.cseq or nil
  local cseq_method = has_cseq and span(s, msg.cseq_method) or nil
  local cseq_method_id = has_cseq and msg.cseq_method_id or nil
  if kind == SM_REQUEST then
    return { kind = "request", method = span(s, msg.method), method_id = msg.method_id,
             uri = span(s, msg.uri), version = span(s, msg.version), cseq = cseq,
             cseq_method = cseq_method, cseq_method_id = cseq_method_id,
             cseq_mismatch = msg.cseq_mismatch ~= 0, partial = partial, consumed = consumed }
  end
  return { kind = "response", status = msg.status, reason = span(s, msg.reason),
           version = span(s, msg.version), cseq = cseq, cseq_method = cseq_method,
           cseq_method_id = cseq_method_id, partial = partial, consumed = consumed }
end

return sm
