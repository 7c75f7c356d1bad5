-- SPDX-License-Identifier: MIT
-- route_micro.lua: the script work alone, without Kamailio. Runs ksr_request_route of
-- examples/kamailio/route.lua and bench/kamailio/route_plain.lua against a stub KSR (each call
-- returns what Kamailio would for the request), per request kind, and prints ns per request.
--
--   LUA_CPATH="build/lua/5.1/?.so;;" lua5.1 bench/kamailio/route_micro.lua [iterations]
local here = arg[0]:match("^(.*)/[^/]*$") or "."
local N = tonumber(arg[1]) or 1000000

-- One request as the KEMI calls see it.
local req
local KSR_stub = {
  pv = { get = function(name) if name == "$rm" then return req.rm end return req.rmid end },
  hdr = { append_to_reply = function() return 1 end },
  sl = { sl_send_reply = function() return 1 end },
  maxfwd = { process_maxfwd = function() return 1 end },
  siputils = { has_totag = function() return req.totag and 1 or -1 end },
  rr = { loose_route = function() return -1 end, record_route = function() return 1 end },
  is_myself_ruri = function() return req.myself end,
  forward = function() return 1 end,
}
KSR = KSR_stub

local REQUESTS = {
  { what = "OPTIONS to the server (200)", rm = "OPTIONS", rmid = 512, myself = true },
  { what = "INVITE forwarded, record-routed", rm = "INVITE", rmid = 1, myself = false },
  { what = "BYE in dialog, forwarded", rm = "BYE", rmid = 8, myself = false, totag = true },
  { what = "REGISTER (405)", rm = "REGISTER", rmid = 32, myself = true },
  { what = "invite, lower case (501)", rm = "invite", rmid = 1, myself = true },
  { what = "INV@ITE (400)", rm = "INV@ITE", rmid = 524288, myself = true },
}

local function load_route(path)
  ksr_request_route = nil
  dofile(path)
  return ksr_request_route
end

local routes = {
  { "sipmethods", load_route(here .. "/../../examples/kamailio/route.lua") },
  { "plain Lua", load_route(here .. "/route_plain.lua") },
}

print(string.format("%-34s %12s %12s %7s", "request", "sipmethods", "plain Lua", "ratio"))
for _, r in ipairs(REQUESTS) do
  req = r
  local ns = {}
  for i, route in ipairs(routes) do
    local f = route[2]
    for _ = 1, N / 10 do f() end   -- warm-up
    local t0 = os.clock()
    for _ = 1, N do f() end
    ns[i] = (os.clock() - t0) * 1e9 / N
  end
  print(string.format("%-34s %9.0f ns %9.0f ns %7.2f", r.what, ns[1], ns[2], ns[1] / ns[2]))
end
