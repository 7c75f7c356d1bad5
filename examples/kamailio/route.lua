-- SPDX-License-Identifier: MIT
-- route.lua: the request policy of a small stateless proxy, for Kamailio's app_lua (KEMI).
-- The method rules come from sipmethods; Kamailio does the SIP plumbing through KSR.* calls.
-- Kamailio 5.6 on Debian embeds Lua 5.1: LUA_CPATH must reach the 5.1 build of sipmethods.so.
local sm = require "sipmethods"

-- The methods this server handles: sessions, events and transfer. REGISTER, MESSAGE and
-- PUBLISH are registered methods it does not allow (405); any other token is an extension (501).
-- Keep ACK in the set: an ACK is never answered, not even with a 405.
local ALLOWED = sm.union(sm.INVITE, sm.ACK, sm.BYE, sm.CANCEL, sm.OPTIONS, sm.PRACK,
                         sm.SUBSCRIBE, sm.NOTIFY, sm.INFO, sm.REFER, sm.UPDATE)
-- Built once per worker: "Allow: INVITE, ACK, BYE, ..., UPDATE" in the registry's order.
local ALLOW_HEADER = "Allow: " .. sm.format_allow(ALLOWED) .. "\r\n"

-- Answers the request statelessly with the code's IANA reason phrase, and Allow if asked.
local function reply(code, with_allow)
  if with_allow then
    KSR.hdr.append_to_reply(ALLOW_HEADER)   -- added to the next locally generated reply
  end
  KSR.sl.sl_send_reply(code, sm.reason(code))
end

-- Called by Kamailio for every request it has parsed.
function ksr_request_route()
  -- 1. Method policy. $rm is the method as received; the lookup is case-sensitive (RFC 3261
  --    §25.1), so "invite" is an extension method here although Kamailio's $rmid says INVITE.
  local status = sm.reject_status(KSR.pv.get("$rm"), ALLOWED)
  if status ~= 0 then
    -- 405 and 501 carry Allow (RFC 3261 §8.2.1, §21.5.2); 400: the method is not a token.
    reply(status, status ~= 400)
    return
  end

  -- 2. Loop protection: decrement Max-Forwards (-1: it reached 0, -2: unreadable header).
  local mf = KSR.maxfwd.process_maxfwd(10)
  if mf == -1 then reply(483) return end
  if mf < 0 then reply(400) return end

  -- 3. The method's properties. $rmid is Kamailio's method id, the same bit as sipmethods';
  --    the policy above let through only registered methods, so from_id names one.
  local method = sm.from_id(KSR.pv.get("$rmid"))
  local info = sm.info(method)   -- creates_dialog, in_dialog_only, ... (one cached table per method)
  local in_dialog = KSR.siputils.has_totag() > 0   -- a To tag: the request claims a dialog

  if in_dialog then
    KSR.rr.loose_route()   -- follow and consume our Route entry, if any (RFC 3261 §16.4)
  elseif info.in_dialog_only then
    -- BYE, INFO, PRACK, UPDATE, NOTIFY without a To tag cannot match any dialog (RFC 3261 §12.2.2).
    reply(481)
    return
  end

  -- 4. Requests for this server itself (its own address in the Request-URI): answer here.
  if KSR.is_myself_ruri() then
    if method == "OPTIONS" then
      reply(200, true)    -- RFC 3261 §11.2: the capabilities, Allow included
    elseif method == "ACK" then
      -- an ACK is never answered (RFC 3261 §17.1.1.3); nothing to absorb it for either
    elseif method == "CANCEL" or in_dialog then
      reply(481)          -- no transaction to cancel, no dialog here (RFC 3261 §9.2, §12.2.2)
    else
      reply(404)          -- this example has no users (no registrar, no location service)
    end
    return
  end

  -- 5. Stay on the path of the dialogs this request may create (RFC 3261 §16.6 step 4). NOTIFY
  --    arrives with a To tag and still may create the subscription's dialog (RFC 6665 §4.4.1).
  if info.creates_dialog and (not in_dialog or info.in_dialog_only) then
    KSR.rr.record_route()
  end

  -- 6. Forward statelessly to the Request-URI (or the next Route). A transport error counts as
  --    a 503 from downstream, which a proxy turns into 500 (RFC 3261 §16.9, §16.7); no reply to ACK.
  if KSR.forward() < 0 and method ~= "ACK" then
    reply(500)
  end
end
