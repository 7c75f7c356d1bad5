-- SPDX-License-Identifier: MIT
-- sipmethods.lua: a Wireshark/tshark Lua post-dissector (Wireshark 4.0, Lua 5.2).
--
-- On every SIP message Wireshark dissects, it reads the message's bytes with the sipmethods
-- Lua module (the C core: every fact and every check comes from there) and adds a
-- "sipmethods" tree with filterable fields (sipmethods.method_id, sipmethods.extension,
-- sipmethods.creates_dialog, sipmethods.cseq_mismatch, sipmethods.reason_iana, ...) and
-- expert info for what the core finds wrong. Install and module path: wireshark/README.md.
--
--   tshark -X lua_script:sipmethods.lua -r call.pcap -Y sipmethods.extension

-- The sipmethods C module for this Lua: sipmethods.so (the CMake build's lua/5.2/) or
-- sipmethods/core.so (the rock), found on package.cpath or next to this file. Not
-- `require "sipmethods"`: Wireshark puts this plugin's folder on package.path, where this file
-- has that name.
local function load_sipmethods()
  local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
  local cpath = package.cpath .. ";" .. here .. "?.so"
  for _, name in ipairs({ "sipmethods", "sipmethods.core" }) do
    local path = package.searchpath(name, cpath)
    if path then
      local open = assert(package.loadlib(path, "luaopen_" .. (name:gsub("%.", "_"))))
      local module = open()
      package.loaded[name] = module
      return module
    end
  end
  error("sipmethods: no sipmethods.so for Lua " .. _VERSION:match("%d.%d") .. " on " .. cpath
        .. " (set LUA_CPATH; wireshark/README.md)")
end
local sm = load_sipmethods()

local proto = Proto("sipmethods", "SIP methods (sipmethods)")

-- Fields. A request carries its method's id and, for a registered method, its properties; a
-- response its status code's IANA facts; both their CSeq method's id. A boolean field is added
-- only when it is true (as Wireshark's tcp.analysis flags), so that the bare name is the
-- filter: `sipmethods.extension` selects the extension methods, `sipmethods.creates_dialog`
-- the requests that create a dialog.
local F = {
  method_id = ProtoField.uint32("sipmethods.method_id", "Method id",
    base.DEC, nil, nil, "Registered method id (Kamailio $rmid), or 524288 for an extension method"),
  extension = ProtoField.bool("sipmethods.extension", "Extension method", base.NONE, nil, nil,
    "The request method is not one of the 14 registered methods"),
  name = ProtoField.string("sipmethods.name", "Registered method"),
  category = ProtoField.string("sipmethods.category", "Category"),
  transaction = ProtoField.string("sipmethods.transaction", "Transaction"),
  rfc = ProtoField.string("sipmethods.rfc", "Defining RFC"),
  letter = ProtoField.string("sipmethods.letter", "Kamailio letter"),
  cseq_method_id = ProtoField.uint32("sipmethods.cseq_method_id", "CSeq method id"),
  cseq_mismatch = ProtoField.bool("sipmethods.cseq_mismatch", "CSeq mismatch", base.NONE, nil, nil,
    "The CSeq method differs from the request method"),
  partial = ProtoField.bool("sipmethods.partial", "Partial", base.NONE, nil, nil,
    "The message ends before its header block does and no complete CSeq line was read"),
  reason_iana = ProtoField.string("sipmethods.reason_iana", "IANA reason phrase"),
  status_class = ProtoField.uint8("sipmethods.status_class", "Status class"),
  equivalent = ProtoField.uint16("sipmethods.equivalent", "Treated as",
    base.DEC, nil, nil, "The code a UAC treats this status as (RFC 3261 8.1.3.2)"),
}
-- The method's boolean properties, one field each, named as in sm.info().
local PROPERTIES = { "has_response", "cancelable", "creates_dialog", "target_refresh",
                     "offer_answer", "in_dialog_only" }
for _, p in ipairs(PROPERTIES) do
  local label = p:gsub("_", " "):gsub("^%l", string.upper)
  F[p] = ProtoField.bool("sipmethods." .. p, label)
end
local fields = {}
for _, f in pairs(F) do
  fields[#fields + 1] = f
end
proto.fields = fields

local group, severity = expert.group, expert.severity
local E = {
  method_case = ProtoExpert.new("sipmethods.expert.method_case",
    "A registered method name in another case: an extension method (RFC 3261 7.1: case-sensitive)",
    group.PROTOCOL, severity.WARN),
  cseq_mismatch = ProtoExpert.new("sipmethods.expert.cseq_mismatch",
    "The CSeq method differs from the request method", group.PROTOCOL, severity.WARN),
  non_token = ProtoExpert.new("sipmethods.expert.non_token_method",
    "The method is not a token", group.MALFORMED, severity.ERROR),
  start_line = ProtoExpert.new("sipmethods.expert.start_line",
    "The start line or CSeq does not parse", group.MALFORMED, severity.ERROR),
  partial = ProtoExpert.new("sipmethods.expert.partial",
    "The message is cut before a complete CSeq line", group.MALFORMED, severity.WARN),
  no_allow = ProtoExpert.new("sipmethods.expert.405_without_allow",
    "405 without Allow (RFC 3261 21.4.6: it must list the allowed methods)",
    group.PROTOCOL, severity.WARN),
  unregistered_status = ProtoExpert.new("sipmethods.expert.unregistered_status",
    "The status code is not in the IANA registry", group.PROTOCOL, severity.WARN),
  reason = ProtoExpert.new("sipmethods.expert.reason_phrase",
    "The reason phrase differs from IANA's", group.PROTOCOL, severity.NOTE),
}
local experts = {}
for _, e in pairs(E) do
  experts[#experts + 1] = e
end
proto.experts = experts

local sip_f = Field.new("sip")
local allow_f = Field.new("sip.Allow")

-- True when an Allow header lies within the SIP message fi.
local function has_allow(fi, allows)
  for _, a in ipairs(allows) do
    if a.offset >= fi.offset and a.offset < fi.offset + fi.len then
      return true
    end
  end
  return false
end

-- Adds the boolean field f when v is true.
local function add_flag(tree, f, v)
  if v then
    tree:add(f, true)
  end
end

local function add_request(tree, t)
  tree:add(F.method_id, t.method_id)
  add_flag(tree, F.extension, t.method_id == sm.OTHER)
  local info = sm.info(t.method_id)
  if info then
    tree:add(F.name, info.name)
    tree:add(F.category, info.category)
    tree:add(F.transaction, info.transaction)
    tree:add(F.rfc, info.rfc)
    if info.letter then
      tree:add(F.letter, info.letter)
    end
    for _, p in ipairs(PROPERTIES) do
      add_flag(tree, F[p], info[p])
    end
  elseif sm.lookup(t.method, true) then
    tree:add_proto_expert_info(E.method_case, string.format(
      "%s is %s in another case: an extension method (method names are case-sensitive)",
      t.method, sm.name(sm.lookup(t.method, true))))
  end
  add_flag(tree, F.cseq_mismatch, t.cseq_mismatch)
  if t.cseq_mismatch then
    tree:add_proto_expert_info(E.cseq_mismatch, string.format(
      "CSeq method %s differs from the request method %s", t.cseq_method, t.method))
  end
end

local function add_response(tree, t, fi, allows)
  local iana = sm.reason(t.status)
  tree:add(F.status_class, sm.status_class(t.status))
  tree:add(F.equivalent, sm.equivalent(t.status))
  if iana then
    tree:add(F.reason_iana, iana)
    if t.reason ~= iana then
      tree:add_proto_expert_info(E.reason, string.format("Reason phrase \"%s\", IANA's for %d: \"%s\"",
        t.reason, t.status, iana))
    end
  else
    tree:add_proto_expert_info(E.unregistered_status, string.format(
      "Status %d is not in the IANA registry (treated as %d)", t.status, sm.equivalent(t.status)))
  end
  if t.status == 405 and not has_allow(fi, allows) then
    tree:add_proto_expert_info(E.no_allow)
  end
end

-- One SIP message: its bytes through sm.classify, the answer into a sipmethods tree.
local function dissect_message(fi, tree, allows)
  local sub = tree:add(proto, fi.range)
  local t, msg, _, errname = sm.classify(fi.range:raw())
  if not t then
    sub:add_proto_expert_info(errname == "SM_EMETHOD" and E.non_token or E.start_line, msg)
    return
  end
  if t.kind == "request" then
    add_request(sub, t)
  else
    add_response(sub, t, fi, allows)
  end
  if t.cseq_method_id then
    sub:add(F.cseq_method_id, t.cseq_method_id)
  end
  add_flag(sub, F.partial, t.partial)
  if t.partial then
    sub:add_proto_expert_info(E.partial)
  end
end

function proto.dissector(_, _, tree)
  local messages = { sip_f() }
  if #messages == 0 then
    return
  end
  local allows = { allow_f() }
  for _, fi in ipairs(messages) do
    dissect_message(fi, tree, allows)
  end
end

register_postdissector(proto)
