-- SPDX-License-Identifier: MIT
-- Tests of the Lua binding, for Lua 5.1, 5.2, 5.3, 5.4 and LuaJIT.
--
--   lua test_sipmethods.lua MODULE_DIRS VECTORS_TSV [noffi]
--
-- MODULE_DIRS: the folders (joined by ";") that hold the module built for this interpreter:
-- lua/5.x/ (sipmethods.so), lua/luajit/ (sipmethods.lua and sipmethods/core.so), or a rock's
-- share/ and lib/ folders; they become the whole package.path and package.cpath. VECTORS_TSV
-- is tests/vectors/vectors.tsv. "noffi" hides LuaJIT's FFI before the module loads, so that
-- the LuaJIT front hands out the C module. Table-driven from the shared vectors, then the
-- Lua-specific cases: every name, every error path, big inputs and memory stability. Ends with
-- the line "N passed, N failed"; exits non-zero on failure.

local moddirs, vectors_path, mode = arg[1], arg[2], arg[3]
if not moddirs or not vectors_path or (mode and mode ~= "noffi") then
  io.stderr:write("usage: lua test_sipmethods.lua MODULE_DIRS VECTORS_TSV [noffi]\n")
  os.exit(2)
end
local lpath, cpath = {}, {}
for dir in moddirs:gmatch("[^;]+") do
  lpath[#lpath + 1] = dir .. "/?.lua"
  cpath[#cpath + 1] = dir .. "/?.so"
end
package.path = table.concat(lpath, ";")
package.cpath = table.concat(cpath, ";")
if mode == "noffi" then
  package.loaded.ffi, package.preload.ffi = nil, nil
end
local sm = require "sipmethods"

local unpack = table.unpack or unpack
local has_integers = math.type ~= nil -- Lua 5.3+

---------------------------------------------------------------------------- helpers
local passed, failed = 0, 0

local function show(v) -- strings quoted, bytes outside 0x20..0x7E as %XX, long ones cut
  if type(v) ~= "string" then return tostring(v) end
  local s = v:sub(1, 60):gsub("[^\32-\126]", function(c) return string.format("%%%02X", c:byte()) end)
  return '"' .. s .. '"' .. (#v > 60 and ("...(" .. #v .. " bytes)") or "")
end

local function ok(cond, what)
  if cond then
    passed = passed + 1
  else
    failed = failed + 1
    io.write("FAIL: ", what, "\n")
  end
end

local function eq(got, want, what)
  if got == want then
    passed = passed + 1
  else
    ok(false, what .. ": got " .. show(got) .. ", want " .. show(want))
  end
end

-- checkerr(what, pattern, f, ...): f(...) raises an error whose message contains pattern
-- (a plain string, not a Lua pattern).
local function checkerr(what, pattern, f, ...)
  local okc, err = pcall(f, ...)
  if okc then
    ok(false, what .. ": no error")
  else
    ok(type(err) == "string" and err:find(pattern, 1, true) ~= nil,
       what .. ": error " .. show(err) .. " lacks " .. show(pattern))
  end
end

-- checkfail(what, errname, offset, f, ...): f(...) returns nil, message, offset, errname.
local function checkfail(what, errname, offset, f, ...)
  local n = select("#", f(...))
  local r, msg, off, name = f(...)
  eq(n, 4, what .. ": number of results")
  eq(r, nil, what .. ": first result")
  eq(name, errname, what .. ": error name")
  eq(off, offset, what .. ": offset")
  ok(type(msg) == "string" and msg:sub(-#(" at byte " .. tostring(offset))) == " at byte " .. tostring(offset),
     what .. ": message " .. show(msg))
end

local function isint(v) -- an integer of the integer subtype where there is one
  if type(v) ~= "number" then return false end
  if has_integers then return math.type(v) == "integer" end
  return v == math.floor(v)
end

---------------------------------------------------------------------------- vectors
local NULL = setmetatable({}, { __tostring = function() return "%N" end })

local function decode(field)
  if field == "%N" then return NULL end
  return (field:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end

local function num(v)
  if v == NULL then return nil end
  return tonumber(v)
end

local function opt(v)
  if v == NULL then return nil end
  return v
end

local function split(s, sep) -- plain separator; "" gives {}
  local out = {}
  if s == "" then return out end
  local i = 1
  while true do
    local j = s:find(sep, i, true)
    if not j then out[#out + 1] = s:sub(i); return out end
    out[#out + 1] = s:sub(i, j - 1)
    i = j + #sep
  end
end

-- groups[name]: the group's vectors, each an array of its decoded fields with .where, the
-- JSON file it came from (the last "#@ FILE.json" line) and its group, for failure messages.
local groups = {}
do
  local f = assert(io.open(vectors_path, "rb"))
  local text = f:read("*a")
  f:close()
  local source = "?"
  for line in text:gmatch("([^\n]*)\n?") do
    line = line:gsub("\r$", "")
    if line:sub(1, 3) == "#@ " then
      source = line:sub(4)
    elseif line ~= "" and line:sub(1, 1) ~= "#" then
      local fields = split(line, "\t")
      local group = table.remove(fields, 1)
      for i = 1, #fields do fields[i] = decode(fields[i]) end
      fields.where = source .. ", " .. group
      groups[group] = groups[group] or {}
      table.insert(groups[group], fields)
    end
  end
end

local vector_groups = { "method", "lookup", "letters", "reject", "allow_parse", "allow_format",
                        "classify", "status" }
for _, g in ipairs(vector_groups) do
  ok(groups[g] and #groups[g] > 0, "vectors.tsv has group " .. g)
  groups[g] = groups[g] or {}
end

local function bool(v) return v == "1" end

-- method: index, name, id, description, rfc, references, letter, category, transaction,
--         has_response, cancelable, creates_dialog, target_refresh, offer_answer, in_dialog_only
local flags = { "has_response", "cancelable", "creates_dialog", "target_refresh", "offer_answer",
                "in_dialog_only" }
local names = sm.methods()
for _, v in ipairs(groups.method) do
  local index, name, id = tonumber(v[1]), v[2], tonumber(v[3])
  local w = v.where .. " " .. name
  eq(names[index + 1], name, w .. ": methods() position")
  eq(sm[name], id, w .. ": constant")
  ok(isint(sm[name]), w .. ": constant is an integer")
  eq(sm.name(id), name, w .. ": name(id)")
  eq(sm.from_id(id), name, w .. ": from_id(id)")
  eq(sm.lookup(name), id, w .. ": lookup")
  local t = sm.info(name)
  ok(type(t) == "table", w .. ": info(name) is a table")
  t = t or {}
  ok(rawequal(sm.info(id), t), w .. ": info(id) is info(name)")
  ok(rawequal(sm.info(name), t), w .. ": info(name) is cached")
  eq(t.name, name, w .. ": info.name")
  eq(t.id, id, w .. ": info.id")
  eq(t.index, index, w .. ": info.index")
  ok(isint(t.id), w .. ": info.id is an integer")
  eq(t.description, v[4], w .. ": description")
  eq(t.rfc, v[5], w .. ": rfc")
  ok(type(t.references) == "table", w .. ": references is a table")
  eq(table.concat(t.references or {}, ", "), v[6], w .. ": references")
  eq(t.letter, v[7] ~= "" and v[7] or nil, w .. ": letter")
  eq(t.category, v[8], w .. ": category")
  eq(t.transaction, v[9], w .. ": transaction")
  for i, k in ipairs(flags) do
    eq(t[k], bool(v[9 + i]), w .. ": " .. k)
  end
end
eq(#groups.method, 14, "14 method vectors")

-- lookup: input, id, id_ci, is_token (ids: registered, 524288 for another token, 0 non-token)
local function expect_id(id) -- the Lua lookup gives nil for an extension token or a non-token
  if id == sm.OTHER or id == 0 then return nil end
  return id
end
for _, v in ipairs(groups.lookup) do
  local input, id, id_ci = v[1], tonumber(v[2]), tonumber(v[3])
  local w = v.where .. " " .. show(input)
  eq(sm.lookup(input), expect_id(id), w)
  eq(sm.lookup(input, false), expect_id(id), w .. ", false")
  eq(sm.lookup(input, true), expect_id(id_ci), w .. ", ignore_case")
  eq(sm.is_token(input), bool(v[4]), w .. ": is_token")
  eq(sm.is_token(input), id ~= 0, w .. ": is_token agrees with id")
  local info = sm.info(input)
  eq(info and info.id, expect_id(id), w .. ": info")
  -- reject_status agrees: a non-token is 400, an extension 501 unless OTHER is allowed
  local want = (id == 0 and 400) or (id == sm.OTHER and 501) or 0
  eq(sm.reject_status(input, sm.ALL_METHODS), want, w .. ": reject_status(ALL_METHODS)")
end

-- letters: input, set, error, offset
for _, v in ipairs(groups.letters) do
  local input, set, err, off = v[1], tonumber(v[2]), v[3], tonumber(v[4])
  local w = v.where .. " " .. show(input)
  if err == "OK" then
    local got = sm.from_letters(input)
    eq(got, set, w)
    ok(isint(got), w .. ": an integer")
  else
    checkfail(w, err, off, sm.from_letters, input)
  end
end

-- reject: input, allowed, status
for _, v in ipairs(groups.reject) do
  eq(sm.reject_status(v[1], tonumber(v[2])), tonumber(v[3]),
     v.where .. " " .. show(v[1]) .. ", " .. v[2])
end

-- allow_parse: input, set, exts (joined by ","), error, offset
for _, v in ipairs(groups.allow_parse) do
  local input, set, exts, err, off = v[1], tonumber(v[2]), v[3], v[4], tonumber(v[5])
  local w = v.where .. " " .. show(input)
  if err == "OK" then
    local got, ext = sm.parse_allow(input)
    eq(got, set, w .. ": set")
    ok(isint(got), w .. ": set is an integer")
    ok(type(ext) == "table", w .. ": extensions table")
    eq(table.concat(ext or {}, ","), exts, w .. ": extensions")
    eq(#(ext or {}), #split(exts, ","), w .. ": number of extensions")
  else
    checkfail(w, err, off, sm.parse_allow, input)
  end
end

-- allow_format: set, output
for _, v in ipairs(groups.allow_format) do
  eq(sm.format_allow(tonumber(v[1])), v[2], v.where .. " " .. v[1])
end

-- classify: input, error, offset, kind, method_id, method, uri, version, status, reason,
--           cseq, cseq_method_id, cseq_method, cseq_mismatch, partial, consumed
-- A vector with a kind is a result (partial or not), whatever its error; without one, an error.
for _, v in ipairs(groups.classify) do
  local input, err, off = v[1], v[2], tonumber(v[3])
  local w = v.where .. " " .. show(input)
  if v[4] ~= NULL then
    local t = sm.classify(input)
    ok(type(t) == "table", w .. ": a table")
    t = t or {}
    eq(t.kind, opt(v[4]), w .. ": kind")
    eq(t.method_id, num(v[5]), w .. ": method_id")
    eq(t.method, opt(v[6]), w .. ": method")
    eq(t.uri, opt(v[7]), w .. ": uri")
    eq(t.version, opt(v[8]), w .. ": version")
    eq(t.status, num(v[9]), w .. ": status")
    eq(t.reason, opt(v[10]), w .. ": reason")
    eq(t.cseq, num(v[11]), w .. ": cseq")
    eq(t.cseq_method_id, num(v[12]), w .. ": cseq_method_id")
    eq(t.cseq_method, opt(v[13]), w .. ": cseq_method")
    if v[14] == NULL then
      eq(t.cseq_mismatch, nil, w .. ": cseq_mismatch")
    else
      eq(t.cseq_mismatch, bool(v[14]), w .. ": cseq_mismatch")
    end
    eq(t.partial, bool(v[15]), w .. ": partial")
    eq(t.partial, err == "SM_EPARTIAL", w .. ": partial agrees with the error")
    eq(t.consumed, num(v[16]), w .. ": consumed")
    for _, k in ipairs({ "method_id", "status", "cseq", "cseq_method_id", "consumed" }) do
      ok(t[k] == nil or isint(t[k]), w .. ": " .. k .. " is an integer")
    end
  else
    checkfail(w, err, off, sm.classify, input)
  end
end

-- status: code, reason, rfc, class, equivalent, deprecated
for _, v in ipairs(groups.status) do
  local code = tonumber(v[1])
  local w = v.where .. " " .. v[1]
  eq(sm.reason(code), opt(v[2]), w .. ": reason")
  eq(sm.status_class(code), tonumber(v[4]), w .. ": status_class")
  eq(sm.equivalent(code), tonumber(v[5]), w .. ": equivalent")
  ok(isint(sm.status_class(code)) and isint(sm.equivalent(code)), w .. ": integers")
end

---------------------------------------------------------------------------- which path
-- Under LuaJIT with its FFI the front replaces the hot functions; elsewhere (PUC Lua, noffi)
-- require gives the C module itself.
do
  local c = package.loaded["sipmethods.core"]
  local ffi_expected = jit ~= nil and mode ~= "noffi"
  if ffi_expected then
    ok(c ~= nil and c ~= sm, "LuaJIT: the FFI front over sipmethods.core")
    for _, f in ipairs({ "lookup", "is_token", "reject_status", "has", "union", "classify", "info",
                         "name", "from_id" }) do
      ok(c and sm[f] ~= c[f], "LuaJIT: " .. f .. " is the front's")
    end
    ok(c and sm.info("INVITE") == c.info("INVITE"), "LuaJIT: info gives the C module's tables")
    local nk, nc = 0, 0
    for _ in pairs(sm) do nk = nk + 1 end
    for _ in pairs(c or {}) do nc = nc + 1 end
    eq(nk, nc, "LuaJIT: the front has the C module's names")
  elseif c then
    ok(rawequal(sm, c), "no FFI: require gives the C module")
  end
end

---------------------------------------------------------------------------- names
local spec = {
  INVITE = "number", ACK = "number", BYE = "number", CANCEL = "number", OPTIONS = "number",
  REGISTER = "number", PRACK = "number", SUBSCRIBE = "number", NOTIFY = "number",
  PUBLISH = "number", INFO = "number", REFER = "number", MESSAGE = "number", UPDATE = "number",
  OTHER = "number",
  lookup = "function", is_token = "function", name = "function", info = "function",
  methods = "function", from_id = "function", from_letters = "function",
  reject_status = "function", classify = "function", parse_allow = "function",
  format_allow = "function", has = "function", union = "function", reason = "function",
  status_class = "function", equivalent = "function", _VERSION = "string", ALL_METHODS = "number",
}
for k, t in pairs(spec) do
  eq(type(sm[k]), t, "sm." .. k)
end
eq(sm.OTHER, 524288, "OTHER")
ok(isint(sm.OTHER), "OTHER is an integer")
eq(sm.ALL_METHODS, 16383, "ALL_METHODS")
eq(sm.ALL, nil, "no ALL (ALL_METHODS)")
ok(sm._VERSION:match("^%d+%.%d+%.%d+$") ~= nil, "_VERSION " .. show(sm._VERSION))
eq(package.loaded.sipmethods, sm, "package.loaded")
ok(rawequal(require "sipmethods", sm), "require twice gives the same table")

local ids = { INVITE = 1, ACK = 4, BYE = 8, CANCEL = 2, OPTIONS = 512, REGISTER = 32, PRACK = 1024,
              SUBSCRIBE = 64, NOTIFY = 128, PUBLISH = 8192, INFO = 16, REFER = 4096,
              MESSAGE = 256, UPDATE = 2048 }
local order = { "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE",
                "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE" }
for k, id in pairs(ids) do eq(sm[k], id, "SPEC id of " .. k) end
local m1, m2 = sm.methods(), sm.methods()
eq(#m1, 14, "methods() length")
eq(table.concat(m1, " "), table.concat(order, " "), "methods() order")
ok(not rawequal(m1, m2), "methods() returns a new table")
m1[1] = "changed"
eq(sm.methods()[1], "INVITE", "methods() is not affected by changing a result")

---------------------------------------------------------------------------- behaviour
-- lookup
eq(sm.lookup("INVITE"), 1, "lookup INVITE")
eq(sm.lookup("invite"), nil, "lookup is case-sensitive")
eq(sm.lookup("invite", true), 1, "lookup ignore_case")
eq(sm.lookup("iNvItE", 1), 1, "ignore_case takes any true value")
eq(sm.lookup("invite", nil), nil, "ignore_case nil")
eq(sm.lookup("X-FOO"), nil, "lookup of an extension token")
eq(sm.lookup("IN VITE"), nil, "lookup of a non-token")
eq(sm.lookup(""), nil, "lookup of the empty string")
eq(sm.lookup("", true), nil, "lookup_ci of the empty string")
eq(sm.lookup("INVITE\0"), nil, "lookup with a trailing NUL")
eq(sm.lookup("\0INVITE"), nil, "lookup with a leading NUL")
eq(sm.lookup("INV\0TE", true), nil, "lookup_ci with a NUL")
eq(sm.is_token("INV\0ITE"), false, "NUL is not a token byte")
eq(sm.is_token(""), false, "empty is not a token")
eq(sm.is_token("\0"), false, "NUL alone is not a token")
eq(sm.is_token("-.!%*_+`'~09azAZ"), true, "every token punctuation")
ok(isint(sm.lookup("UPDATE")), "lookup gives an integer")

-- ids that are not registered: nil, never an error
local not_ids = { 0, 3, 16384, 32768, 65536, 131072, 262144, 524288, 16383, -1, -8, 1.5, 0.5,
                  -0.0, 2 ^ 31, 2 ^ 32, 2 ^ 32 + 1, 2 ^ 53, 2 ^ 64, 1e300, -1e300, 1 / 0, -1 / 0,
                  0 / 0, 1 + 2 ^ -20 }
if has_integers then
  local extra = assert((loadstring or load)(
    "return { math.maxinteger, math.mininteger, 1 << 32 | 1, (1 << 40) | 8, -4294967295, ~0 }"))()
  for _, x in ipairs(extra) do not_ids[#not_ids + 1] = x end
end
for _, x in ipairs(not_ids) do
  local w = "not an id " .. show(x)
  eq(sm.name(x), nil, "name: " .. w)
  eq(sm.from_id(x), nil, "from_id: " .. w)
  eq(sm.info(x), nil, "info: " .. w)
end
eq(sm.name(1.0), "INVITE", "an integral float is an id")
eq(sm.info(4.0) and sm.info(4.0).name, "ACK", "info of an integral float")
eq(sm.name(8192), "PUBLISH", "name(8192)")

-- info
eq(sm.info("invite"), nil, "info is case-sensitive")
eq(sm.info("OTHER"), nil, "info OTHER")
eq(sm.info(""), nil, "info of the empty string")
eq(sm.info("INVITE\0"), nil, "info with a NUL")
eq(sm.info("X-FOO"), nil, "info of an extension")
do
  local t = sm.info("INVITE")
  local keys, n = {}, 0
  for k in pairs(t) do keys[#keys + 1] = k; n = n + 1 end
  table.sort(keys)
  eq(table.concat(keys, " "), "cancelable category creates_dialog description has_response id "
     .. "in_dialog_only index letter name offer_answer references rfc target_refresh transaction",
     "pairs(info) works")
  eq(n, 15, "info has 15 fields")
  local ni = 0
  for _ in pairs(sm.info("INFO")) do ni = ni + 1 end
  eq(ni, 14, "INFO's info has no letter")
  eq(sm.info(sm.INFO).letter, nil, "INFO letter is nil")
  local refs = {}
  for i, r in ipairs(t.references) do refs[i] = r end
  eq(table.concat(refs, ","), "RFC 3261,RFC 6026", "ipairs(references) works")
  eq(#t.references, 2, "#references")
  checkerr("info: a new key", "read-only", function() t.extra = 1 end)
  checkerr("info: letter of INFO", "read-only", function() sm.info("INFO").letter = "X" end)
  checkerr("references: a new key", "read-only", function() t.references[3] = "x" end)
  eq(t.extra, nil, "info unchanged after a failed write")
  eq(getmetatable(t), false, "info's metatable is protected")
  checkerr("setmetatable(info)", "protected metatable", setmetatable, t, nil)
  eq(sm.info("INVITE").name, "INVITE", "info still intact")
  eq(sm.info(sm.ACK).has_response, false, "ACK has no response")
  eq(sm.info(sm.ACK).transaction, "none", "ACK transaction")
  eq(sm.info("REFER").target_refresh, false, "REFER is not a target refresh")
  eq(sm.info("NOTIFY").creates_dialog, true, "NOTIFY creates a dialog")
end

-- sets
eq(sm.union(), 0, "union()")
eq(sm.union(sm.INVITE), 1, "union(INVITE)")
eq(sm.union(sm.INVITE, sm.ACK, sm.BYE), 13, "union of three")
eq(sm.union(5, 4, 1), 5, "union overlaps")
eq(sm.union(sm.ALL_METHODS, sm.OTHER), 16383 + 524288, "union ALL OTHER")
eq(sm.union(2 ^ 31, 1), 2 ^ 31 + 1, "union of a high bit")
eq(sm.union(2 ^ 32 - 1, 1), 2 ^ 32 - 1, "union of all bits")
eq(sm.union(3.0), 3, "union of an integral float")
ok(isint(sm.union(3.0)), "union gives an integer")
eq(sm.has(5, 4), true, "has(5, 4)")
eq(sm.has(5, 5), true, "has(5, 5)")
eq(sm.has(5, 6), false, "has(5, 6)")
eq(sm.has(5, 0), true, "has(x, 0): every bit of 0 is in x")
eq(sm.has(0, 0), true, "has(0, 0)")
eq(sm.has(0, 1), false, "has(0, 1)")
eq(sm.has(2 ^ 32 - 1, 2 ^ 31), true, "has with bit 31")
eq(sm.has(sm.from_letters("IAB"), sm.union(sm.INVITE, sm.BYE)), true, "has letters")
eq(sm.has(sm.from_letters("IAB"), sm.CANCEL), false, "has letters, not CANCEL")
eq(sm.format_allow(0), "", "format_allow(0)")
eq(sm.format_allow(sm.OTHER), "", "format_allow(OTHER)")
eq(sm.format_allow(2 ^ 32 - 1), table.concat(order, ", "), "format_allow of every bit")
eq(sm.format_allow(sm.union(sm.UPDATE, sm.INVITE)), "INVITE, UPDATE", "format_allow order")
eq(sm.format_allow(sm.ALL_METHODS), table.concat(order, ", "), "format_allow ALL")
eq(sm.reject_status("INVITE", 0), 405, "reject_status INVITE none")
eq(sm.reject_status("INVITE", sm.INVITE), 0, "reject_status INVITE allowed")
eq(sm.reject_status("FOO", sm.ALL_METHODS), 501, "reject_status extension")
eq(sm.reject_status("FOO", sm.OTHER), 0, "reject_status extension with OTHER")
eq(sm.reject_status("", sm.ALL_METHODS), 400, "reject_status empty")
eq(sm.reject_status("INVITE\0", 2 ^ 32 - 1), 400, "reject_status NUL")

-- letters
eq(sm.from_letters(""), 0, "from_letters empty")
eq(sm.from_letters("iabcmrepsnofu"), sm.ALL_METHODS - sm.INFO, "from_letters lower case")
checkfail("from_letters NUL", "SM_ELETTER", 1, sm.from_letters, "I\0")
checkfail("from_letters G", "SM_ELETTER", 0, sm.from_letters, "G")
checkfail("from_letters space", "SM_ELETTER", 1, sm.from_letters, "I A")

-- classify
do
  local msg = "INVITE sip:bob@example.com SIP/2.0\r\nVia: x\r\nCSeq: 42 INVITE\r\n\r\nbody"
  local t = sm.classify(msg)
  eq(t.kind, "request", "classify kind")
  eq(t.method_id, sm.INVITE, "classify method_id")
  eq(t.id, nil, "classify: no id (method_id)")
  eq(t.partial, false, "classify: a complete message is not partial")
  eq(t.method, "INVITE", "classify method")
  eq(t.uri, "sip:bob@example.com", "classify uri")
  eq(t.version, "SIP/2.0", "classify version")
  eq(t.cseq, 42, "classify cseq")
  eq(t.cseq_method, "INVITE", "classify cseq_method")
  eq(t.cseq_method_id, sm.INVITE, "classify cseq_method_id")
  eq(t.cseq_mismatch, false, "classify cseq_mismatch")
  eq(t.consumed, #"INVITE sip:bob@example.com SIP/2.0\r\n", "classify consumed")
  eq(t.status, nil, "classify: no status in a request")
  local r = sm.classify("SIP/2.0 180 Ringing\r\ncseq: 7 FOO\r\n")
  eq(r.kind, "response", "classify response kind")
  eq(r.status, 180, "classify response status")
  eq(r.reason, "Ringing", "classify response reason")
  eq(r.cseq_method_id, sm.OTHER, "classify response cseq_method_id extension")
  eq(r.cseq_method, "FOO", "classify response cseq_method")
  eq(r.method, nil, "classify response: no method")
  eq(r.cseq_mismatch, nil, "classify response: no cseq_mismatch")
  local x = sm.classify("FOO sip:a SIP/2.0\r\nCSeq: 1 BAR\r\n\r\n")
  eq(x.method_id, sm.OTHER, "classify extension request method_id")
  eq(x.cseq_mismatch, true, "classify mismatch")
  local nocseq = sm.classify("OPTIONS sip:a SIP/2.0\n")
  eq(nocseq.cseq, nil, "classify without CSeq: cseq")
  eq(nocseq.cseq_mismatch, false, "classify without CSeq: mismatch false")
  checkfail("classify empty", "SM_EPARTIAL", 0, sm.classify, "")
  checkfail("classify cut in the start line", "SM_EPARTIAL", 9, sm.classify, "INVITE si")
  -- the stream cases: a start line then a cut before a complete CSeq line is partial
  local cuts = {
    { "INVITE sip:a@b SIP/2.0\r\nVia: x\r\n", true },
    { "INVITE sip:a@b SIP/2.0\r\nVia: x\r\nCSeq: 4", true },
    { "INVITE sip:a@b SIP/2.0\r\nCSeq: 4\r\n", true }, -- a fold may follow
    { "INVITE sip:a@b SIP/2.0\r\nCSeq: 4\r\n INVITE\r\n", false },
    { "INVITE sip:a@b SIP/2.0\r\nVia: x\r\n\r\n", false },
    { "SIP/2.0 180 Ringing\r\nVia: x\r\n", true },
  }
  for _, c in ipairs(cuts) do
    local p = sm.classify(c[1])
    eq(p and p.partial, c[2], "classify partial " .. show(c[1]))
  end
  local p = sm.classify("SIP/2.0 180 Ringing\r\nVia: x\r\n")
  eq(p and p.status, 180, "a partial response keeps its status")
  eq(p and p.cseq, nil, "a partial response has no cseq")
  checkfail("classify ltgtruri", "SM_EURI", 7, sm.classify, "INVITE <sip:a@b> SIP/2.0\r\n")
  checkfail("classify NUL in reason", "SM_EREASON", 13, sm.classify, "SIP/2.0 200 O\0K\r\n")
  local t2, m2 = sm.classify("SIP/2.0 99 Bad\r\n")
  eq(t2, nil, "classify bad status")
  ok(type(m2) == "string" and m2:find("status", 1, true) ~= nil, "classify message " .. show(m2))
  local nul = sm.classify("INVITE sip:a SIP/2.0\r\n\0\0")
  eq(nul and nul.kind, "request", "classify: trailing NULs after the line end are ignored")
end

-- parse_allow
do
  local set, ext = sm.parse_allow("")
  eq(set, 0, "parse_allow empty set")
  eq(type(ext) == "table" and #ext, 0, "parse_allow empty extensions")
  set, ext = sm.parse_allow("INVITE, X-A ,INVITE,X-A, b")
  eq(set, 1, "parse_allow set")
  eq(table.concat(ext, ","), "X-A,X-A,b", "parse_allow keeps order and duplicates")
  local many = {}
  for i = 1, 100 do many[i] = "X" .. i end
  set, ext = sm.parse_allow("ACK," .. table.concat(many, ", "))
  eq(set, sm.ACK, "parse_allow with 100 extensions: set")
  eq(#ext, 100, "parse_allow with 100 extensions: count")
  eq(ext[100], "X100", "parse_allow with 100 extensions: last")
  checkfail("parse_allow NUL", "SM_EALLOW", 7, sm.parse_allow, "INVITE,\0")
  checkfail("parse_allow bare CR", "SM_EFOLD", 6, sm.parse_allow, "INVITE\r, ACK")
end

-- status codes: non-integers and out-of-range numbers are "not a code", never errors
for _, x in ipairs({ -1, 0, 99, 700, 1.5, 200.5, 2 ^ 31, 2 ^ 32 + 200, 2 ^ 63, 1 / 0, -1 / 0, 0 / 0 }) do
  local w = "code " .. show(x)
  eq(sm.reason(x), nil, "reason: " .. w)
  eq(sm.status_class(x), 0, "status_class: " .. w)
  eq(sm.equivalent(x), 0, "equivalent: " .. w)
end
eq(sm.reason(200.0), "OK", "reason of an integral float")
eq(sm.reason(202), "Accepted", "reason 202")
eq(sm.status_class(199), 1, "status_class 199")
eq(sm.equivalent(499), 400, "equivalent 499")
eq(sm.equivalent(181), 181, "equivalent 181")
eq(sm.equivalent(189), 183, "equivalent 189")
eq(sm.equivalent(100), 100, "equivalent 100")

---------------------------------------------------------------------------- caller misuse
local function fn() end
local co = coroutine.create(fn)
local strfuncs = { "lookup", "is_token", "from_letters", "classify", "parse_allow" }
for _, f in ipairs(strfuncs) do
  for _, bad in ipairs({ 1, 1.5, true, false, {}, fn, co }) do
    checkerr(f .. "(" .. type(bad) .. ")", "bad argument #1", sm[f], bad)
    checkerr(f .. "(" .. type(bad) .. ") message", "string expected, got " .. type(bad), sm[f], bad)
  end
  checkerr(f .. "(nil)", "string expected, got nil", sm[f], nil)
  checkerr(f .. "()", "string expected, got no value", sm[f])
end
if not jit then -- LuaJIT names a C function called through a field '?'
  checkerr("lookup error names the function", "'lookup'", function() return sm.lookup(1) end)
else -- LuaJIT positions an argument error at the caller, never inside the module
  for _, call in ipairs({ function() sm.lookup(1) end, function() sm.has(1, -1) end,
                          function() sm.has(1, "x") end, function() sm.union(1, {}) end,
                          function() sm.info({}) end, function() sm.classify() end }) do
    local _, err = pcall(call)
    ok(type(err) == "string" and err:match("^[^:]*test_sipmethods%.lua:%d+: bad argument") ~= nil,
       "argument error at the caller: " .. show(err))
  end
end

local numfuncs = { "name", "from_id", "reason", "status_class", "equivalent", "format_allow" }
for _, f in ipairs(numfuncs) do
  for _, bad in ipairs({ "1", "INVITE", true, {}, fn }) do
    checkerr(f .. "(" .. type(bad) .. ")", "number expected, got " .. type(bad), sm[f], bad)
  end
  checkerr(f .. "()", "number expected, got no value", sm[f])
end

for _, bad in ipairs({ true, {}, fn, co }) do
  checkerr("info(" .. type(bad) .. ")", "string or number expected, got " .. type(bad), sm.info, bad)
end
checkerr("info()", "string or number expected, got no value", sm.info)

-- sets must be integers in 0..2^32-1
local bad_sets = { -1, 1.5, 2 ^ 32, 2 ^ 53, 1 / 0, 0 / 0 }
if has_integers then bad_sets[#bad_sets + 1] = math.mininteger end
for _, bad in ipairs(bad_sets) do
  local w = show(bad)
  checkerr("format_allow(" .. w .. ")", "set must be an integer", sm.format_allow, bad)
  checkerr("has(" .. w .. ", 1)", "bad argument #1", sm.has, bad, 1)
  checkerr("has(1, " .. w .. ")", "bad argument #2", sm.has, 1, bad)
  checkerr("union(1, " .. w .. ")", "bad argument #2", sm.union, 1, bad)
  checkerr("reject_status(INVITE, " .. w .. ")", "bad argument #2", sm.reject_status, "INVITE", bad)
end
checkerr("has()", "number expected, got no value", sm.has)
checkerr("has(1)", "bad argument #2", sm.has, 1)
checkerr("has('1', 1)", "number expected, got string", sm.has, "1", 1)
checkerr("union(1, nil)", "bad argument #2", sm.union, 1, nil)
checkerr("union({})", "number expected, got table", sm.union, {})
checkerr("reject_status(1, 0)", "bad argument #1", sm.reject_status, 1, 0)
checkerr("reject_status('INVITE')", "bad argument #2", sm.reject_status, "INVITE")
checkerr("reject_status('INVITE', '1')", "number expected, got string", sm.reject_status, "INVITE", "1")

---------------------------------------------------------------------------- big inputs
do
  local MB8, MB4 = 8 * 1024 * 1024, 4 * 1024 * 1024 -- integers on every version
  local big = string.rep("A", MB8)
  eq(sm.lookup(big), nil, "8 MB token: lookup")
  eq(sm.lookup(big, true), nil, "8 MB token: lookup_ci")
  eq(sm.is_token(big), true, "8 MB token: is_token")
  eq(sm.is_token(big .. "\0"), false, "8 MB + NUL: is_token")
  eq(sm.info(big), nil, "8 MB token: info")
  eq(sm.reject_status(big, 0), 501, "8 MB token: reject_status")
  eq(sm.reject_status(big, sm.OTHER), 0, "8 MB token: reject_status with OTHER")
  eq(sm.from_letters(string.rep("iI", MB4)), sm.INVITE, "8 MB of letters")
  checkfail("8 MB of letters then x", "SM_ELETTER", MB8, sm.from_letters, string.rep("I", MB8) .. "x")
  checkfail("8 MB without a line end", "SM_EPARTIAL", MB8, sm.classify, big)
  local t = sm.classify("INVITE sip:" .. big .. " SIP/2.0\r\n")
  eq(t and #t.uri, MB8 + 4, "8 MB Request-URI")
  local crlfs = string.rep("\r\n", MB4)
  local r = sm.classify(crlfs .. "SIP/2.0 200 OK\r\n")
  eq(r and r.status, 200, "8 MB of CRLFs before the start line")
  eq(r and r.consumed, MB8 + 16, "8 MB of CRLFs: consumed")
  local n5 = math.floor(MB8 / 5)
  local set, ext = sm.parse_allow(string.rep("X-A, ", n5) .. "INVITE")
  eq(set, sm.INVITE, "8 MB Allow: set")
  eq(ext and #ext, n5, "8 MB Allow: extensions")
  ext = nil
  checkfail("8 MB Allow then @", "SM_EALLOW", MB8, sm.parse_allow, string.rep(" ", MB8) .. "@")
end
collectgarbage("collect")

---------------------------------------------------------------------------- memory
-- The hot calls do not allocate at all (the GC is stopped while they run).
local function allocated(f, n)
  collectgarbage("collect")
  collectgarbage("collect")
  collectgarbage("stop")
  local before = collectgarbage("count")
  f(n)
  local after = collectgarbage("count")
  collectgarbage("restart")
  return (after - before) * 1024 / n -- bytes per call
end
local N = 100000
local per = allocated(function(n)
  local lookup, info, has, name = sm.lookup, sm.info, sm.has, sm.name
  for i = 1, n do
    lookup("INVITE"); lookup("X-FOO"); lookup("bad token"); lookup("invite", true)
    info("NOTIFY"); info(sm.BYE); info("nope"); has(5, 4); name(8)
  end
end, N)
ok(per < 1, "lookup/info/has/name allocate nothing: " .. per .. " bytes per loop")

-- Every call, failing ones included, leaves memory where it was.
local function churn(n)
  local many = string.rep("X-E, ", 40) .. "INVITE"
  for i = 1, n do
    sm.lookup("INVITE"); sm.lookup("FOO"); sm.is_token("A\0")
    sm.info("INVITE"); sm.info(1.5); sm.name(3); sm.methods()
    sm.from_letters("IAB"); sm.from_letters("IAG")
    sm.classify("INVITE sip:a@b SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n")
    sm.classify("INVITE <sip:a@b> SIP/2.0\r\n"); sm.classify("")
    sm.parse_allow(many); sm.parse_allow("INVITE,@")
    sm.format_allow(sm.ALL_METHODS); sm.union(1, 2, 4); sm.has(7, 2)
    sm.reject_status("FOO", 1); sm.reason(404); sm.reason(999); sm.status_class(1.5)
    sm.equivalent(499)
    pcall(sm.lookup, nil); pcall(sm.format_allow, -1); pcall(sm.info, {})
  end
end
churn(1000) -- warm up interned strings and any table growth
collectgarbage("collect")
collectgarbage("collect")
local before = collectgarbage("count")
churn(N)
collectgarbage("collect")
collectgarbage("collect")
local grown = collectgarbage("count") - before
ok(grown < 64, "memory stable over " .. N .. " rounds of calls: grew " .. grown .. " KB")

---------------------------------------------------------------------------- summary
io.write(string.format("%s with %s\n", _VERSION, jit and jit.version or "the reference interpreter"))
io.write(string.format("%d passed, %d failed\n", passed, failed))
os.exit(failed == 0 and 0 or 1)
