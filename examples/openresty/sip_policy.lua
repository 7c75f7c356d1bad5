-- SPDX-License-Identifier: MIT
-- sip_policy.lua: an HTTP front of a SIP method policy, for nginx's Lua module (OpenResty or
-- Debian's libnginx-mod-http-lua, both LuaJIT). POST a SIP request as the body: the answer is
-- what a server allowing ALLOWED replies to it, as HTTP status and headers. Every fact comes
-- from sipmethods; under LuaJIT its hot functions call the C core through the FFI.
local sm = require "sipmethods"

local M = {}

-- The methods this server handles; REGISTER, MESSAGE, PUBLISH, ... get 405, extensions 501.
local ALLOWED = sm.union(sm.INVITE, sm.ACK, sm.BYE, sm.CANCEL, sm.OPTIONS, sm.PRACK, sm.UPDATE)
local ALLOW = sm.format_allow(ALLOWED) -- "INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, UPDATE"

-- Replies with an HTTP status equal to the SIP code and its IANA reason phrase as the body.
local function reply(code, headers)
  ngx.status = code
  for k, v in pairs(headers or {}) do
    ngx.header[k] = v
  end
  ngx.say("SIP/2.0 ", code, " ", sm.reason(code))
  return ngx.exit(code)
end

-- location /sip: classify the body, then 200 with the method's facts, or the reject status
-- with Allow (405 and 501 carry it: RFC 3261 §8.2.1, §21.5.2), or 400 for what does not parse.
function M.sip()
  ngx.req.read_body()
  local body = ngx.req.get_body_data() or ""
  local t, msg, _, errname = sm.classify(body)
  if not t then
    return reply(400, { ["X-SIP-Error"] = errname, ["X-SIP-Error-Message"] = msg })
  end
  if t.kind ~= "request" then
    return reply(400, { ["X-SIP-Error"] = "not a request" })
  end
  local headers = { ["X-SIP-Partial"] = tostring(t.partial), ["X-SIP-CSeq-Mismatch"] = tostring(t.cseq_mismatch) }
  local code = sm.reject_status(t.method, ALLOWED)
  if code ~= 0 then
    if code ~= 400 then
      headers.Allow = ALLOW
    end
    return reply(code, headers)
  end
  local info = sm.info(t.method_id)
  headers["X-SIP-Method-Id"] = t.method_id
  headers["X-SIP-Creates-Dialog"] = tostring(info.creates_dialog)
  headers["X-SIP-In-Dialog-Only"] = tostring(info.in_dialog_only)
  return reply(200, headers)
end

-- location /sipmethods: the module's version, and whether the FFI front is in use.
function M.about()
  local ffi_front = package.loaded["sipmethods.core"] ~= nil and package.loaded["sipmethods.core"] ~= sm
  ngx.say("sipmethods ", sm._VERSION, jit and (" " .. jit.version) or "", ffi_front and " ffi" or " c")
end

return M
