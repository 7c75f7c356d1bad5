-- SPDX-License-Identifier: MIT
-- route_plain.lua: examples/kamailio/route.lua written without sipmethods, for the benchmark.
-- Same decisions, same replies; the method rules are plain Lua tables and string compares.

local ALLOWED = { INVITE = true, ACK = true, BYE = true, CANCEL = true, OPTIONS = true,
                  PRACK = true, SUBSCRIBE = true, NOTIFY = true, INFO = true, REFER = true,
                  UPDATE = true }
local NOT_ALLOWED = { REGISTER = true, PUBLISH = true, MESSAGE = true }   -- registered methods
local IN_DIALOG_ONLY = { BYE = true, PRACK = true, NOTIFY = true, INFO = true, UPDATE = true }
local CREATES_DIALOG = { INVITE = true, SUBSCRIBE = true, NOTIFY = true, REFER = true }
local ALLOW_HEADER = "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, SUBSCRIBE, NOTIFY, INFO, REFER, UPDATE\r\n"
local REASON = { [200] = "OK", [400] = "Bad Request", [404] = "Not Found",
                 [405] = "Method Not Allowed", [481] = "Call/Transaction Does Not Exist",
                 [483] = "Too Many Hops", [500] = "Server Internal Error",
                 [501] = "Not Implemented" }

local function reply(code, with_allow)
  if with_allow then KSR.hdr.append_to_reply(ALLOW_HEADER) end
  KSR.sl.sl_send_reply(code, REASON[code])
end

-- RFC 3261 token: alphanumerics and - . ! % * _ + ` ' ~
local function reject_status(m)
  if ALLOWED[m] then return 0 end
  if NOT_ALLOWED[m] then return 405 end
  if m:find("^[%w%-%.!%%%*_%+`'~]+$") then return 501 end
  return 400
end

function ksr_request_route()
  local method = KSR.pv.get("$rm")
  local status = reject_status(method)
  if status ~= 0 then
    reply(status, status ~= 400)
    return
  end

  local mf = KSR.maxfwd.process_maxfwd(10)
  if mf == -1 then reply(483) return end
  if mf < 0 then reply(400) return end

  local in_dialog = KSR.siputils.has_totag() > 0
  if in_dialog then
    KSR.rr.loose_route()
  elseif IN_DIALOG_ONLY[method] then
    reply(481)
    return
  end

  if KSR.is_myself_ruri() then
    if method == "OPTIONS" then
      reply(200, true)
    elseif method == "ACK" then
      -- never answered
    elseif method == "CANCEL" or in_dialog then
      reply(481)
    else
      reply(404)
    end
    return
  end

  if CREATES_DIALOG[method] and (not in_dialog or IN_DIALOG_ONLY[method]) then
    KSR.rr.record_route()
  end

  if KSR.forward() < 0 and method ~= "ACK" then
    reply(500)
  end
end
