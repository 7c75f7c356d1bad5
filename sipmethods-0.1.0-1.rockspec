-- SPDX-License-Identifier: MIT
-- `luarocks make` from the top of the source tree builds the Lua binding with the C core
-- compiled in (builtin backend: no CMake needed). See docs/lua.md.
rockspec_format = "3.0"
package = "sipmethods"
version = "0.1.0-1"
source = {
   -- The published repository; `luarocks make` in a checkout does not fetch it.
   url = "git+https://github.com/sipmethods/sipmethods.git",
   tag = "v0.1.0",
}
description = {
   summary = "SIP request methods (Kamailio $rmid ids), Allow, start lines and response codes",
   detailed = [[
The 14 SIP methods of the IANA registry with their RFC properties, ids equal to
Kamailio's $rmid, Allow header parsing and formatting, a start-line and CSeq
classifier, and the IANA response codes. One C module for Lua 5.1-5.4, loadable
inside Kamailio's app_lua; under LuaJIT the front sipmethods.lua calls the same
core through the FFI (OpenResty, Kamailio built with LuaJIT).]],
   labels = { "sip", "kamailio", "voip", "luajit", "openresty", "wireshark" },
   homepage = "https://github.com/sipmethods/sipmethods",
   license = "MIT",
   maintainer = "sipmethods maintainers <sipmethods@users.noreply.github.com>",
}
dependencies = {
   "lua >= 5.1, < 5.5",
}
build = {
   type = "builtin",
   modules = {
      -- The front: under LuaJIT it calls the core's sm_* functions in sipmethods.core
      -- through the FFI; elsewhere it returns sipmethods.core itself (docs/lua.md).
      sipmethods = "bindings/lua/sipmethods.lua",
      ["sipmethods.core"] = {
         sources = {
            "bindings/lua/lua_sipmethods.c",
            "core/src/chars.c",
            "core/src/table.c",
            "core/src/lookup.c",
            "core/src/classify.c",
            "core/src/allow.c",
            "core/src/status.c",
            "core/src/errors.c",
         },
         -- The core is compiled in; bindings/lua/ffi/sipmethods_export.h exports its sm_*
         -- functions (protected) for the FFI beside luaopen_sipmethods_core.
         defines = { "SIPMETHODS_LUA_CORE" },
         incdirs = { "bindings/lua/ffi", "core/include", "core/src" },
      },
   },
   copy_directories = { "docs" },
}
-- `luarocks test` (after `luarocks make`, which leaves sipmethods/core.so here): the Lua suite,
-- run by the rock's own interpreter against the module just built.
test = {
   type = "command",
   script = "tests/lua/test_sipmethods.lua",
   flags = { ".;bindings/lua", "tests/vectors/vectors.tsv" },
}
