-- SPDX-License-Identifier: MIT
-- lua require.lua DIR: require "sipmethods" with the interpreter's default package.cpath, check
-- that the file it loads is DIR/<Lua version>/sipmethods.so and that the module works.
local dir = assert(arg[1], "usage: lua require.lua DIR")
local version = _VERSION:match("%d+%.%d+")
local found -- the first file of package.cpath that exists is the one require loads
for template in package.cpath:gmatch("[^;]+") do
  local path = template:gsub("%?", "sipmethods")
  local f = io.open(path, "rb")
  if f then f:close(); found = path; break end
end
local want = dir .. "/" .. version .. "/sipmethods.so"
assert(found == want, "package.cpath finds " .. tostring(found) .. ", not " .. want)
local sm = require "sipmethods"
assert(sm.lookup("INVITE") == sm.INVITE and sm.reason(481) == "Call/Transaction Does Not Exist")
print(_VERSION .. (jit and " (" .. jit.version .. ")" or "") .. ": " .. found)
