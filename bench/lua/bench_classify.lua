-- SPDX-License-Identifier: MIT
-- Measures sm.classify against an idiomatic string.match classifier.
--
-- Both read the same messages (bench_c --dump: the C benchmark's pool of realistic requests and
-- responses, NUL-separated) and return a table with the same fields: kind, and for a request
-- method, uri, version, cseq, cseq_method; for a response version, status, reason, cseq,
-- cseq_method. Prints best-of-N nanoseconds per message, measured in one process and
-- interleaved (every round times each candidate once, in turn), and the ratio the goal is
-- stated in (string.match / classify >= 5).
--
-- Usage: lua bench/lua/bench_classify.lua MODULE_DIR MESSAGES [ROUNDS] [PASSES]

local moddir = arg[1] or error("usage: bench_classify.lua MODULE_DIR MESSAGES [ROUNDS] [PASSES]")
local path = arg[2] or error("usage: bench_classify.lua MODULE_DIR MESSAGES [ROUNDS] [PASSES]")
local rounds = tonumber(arg[3]) or 15
local passes = tonumber(arg[4]) or 20

package.path = moddir .. "/?.lua" -- lua/luajit/ holds the FFI front sipmethods.lua
package.cpath = moddir .. "/?.so"
local sm = require "sipmethods"

local f = assert(io.open(path, "rb"))
local data = f:read("*a")
f:close()
local msgs = {}
for m in data:gmatch("([^%z]+)%z") do msgs[#msgs + 1] = m end

-- The start line, then the first CSeq header of the header block, with string.match.
local function classify_match(msg)
  local a, b, c, e = msg:match("^([^ \r\n]+) ([^ \r\n]+) ([^\r\n]*)\r?\n()")
  if not a then return nil, "not a SIP start line" end
  local stop = msg:find("\r\n\r\n", e - 2, true) or #msg
  local head = msg:sub(e - 1, stop)
  local n, m = head:match("\n[Cc][Ss][Ee][Qq][ \t]*:[ \t]*(%d+)[ \t]+([^ \t\r\n]+)")
  local r
  if a:match("^SIP/%d+%.%d+$") then
    r = { kind = "response", version = a, status = tonumber(b), reason = c }
  elseif b:match("^%a[%w+.-]*:") and c:match("^SIP/%d+%.%d+$") then
    r = { kind = "request", method = a, uri = b, version = c }
  else
    return nil, "not a SIP start line"
  end
  r.cseq, r.cseq_method = tonumber(n), m
  return r
end

-- Same answers before timing.
for _, msg in ipairs(msgs) do
  local x, y = sm.classify(msg), classify_match(msg)
  for _, k in ipairs({ "kind", "method", "uri", "version", "status", "reason", "cseq", "cseq_method" }) do
    if x[k] ~= y[k] then error(("field %s: classify %s, string.match %s"):format(k, tostring(x[k]), tostring(y[k]))) end
  end
end

local function loop_of(fn)
  return function()
    local x
    for _ = 1, passes do
      for i = 1, #msgs do x = fn(msgs[i]) end
    end
    return x
  end
end
local candidates = {
  { "empty loop", loop_of(function(m) return m end) },
  { "sm.classify(msg)", loop_of(sm.classify) },
  { "string.match classifier", loop_of(classify_match) },
}

local clock = os.clock
local best = {}
for _ = 1, rounds do
  for i, c in ipairs(candidates) do
    local t0 = clock()
    c[2]()
    local dt = clock() - t0
    if not best[i] or dt < best[i] then best[i] = dt end
  end
end

local calls = passes * #msgs
local function ns(i) return best[i] / calls * 1e9 end
io.write(string.format("%s%s: %d messages; best of %d rounds x %d calls (ns per call, loop included)\n",
  _VERSION, jit and (" / " .. jit.version) or "", #msgs, rounds, calls))
for i, c in ipairs(candidates) do
  io.write(string.format("  %-28s %9.1f\n", c[1], ns(i)))
end
io.write(string.format("  string.match/classify %.2fx (goal >= 5)\n", ns(3) / ns(2)))
