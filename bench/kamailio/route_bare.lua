-- SPDX-License-Identifier: MIT
-- route_bare.lua: the baseline for the benchmark: every request gets the same 200 with Allow,
-- no decision at all. What the two real routes cost beyond this is their script work.
function ksr_request_route()
  KSR.hdr.append_to_reply("Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, SUBSCRIBE, NOTIFY, INFO, REFER, UPDATE\r\n")
  KSR.sl.sl_send_reply(200, "OK")
end
