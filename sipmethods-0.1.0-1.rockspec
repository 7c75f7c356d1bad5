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
classifier, and the IANA response codes. One C module for Lua 5.1-5.4 and LuaJIT,
loadable inside Kamailio's app_lua.]],
   labels = { "sip", "kamailio", "voip" },
}
dependencies = {
   "lua >= 5.1, < 5.5",
}
build = {
   type = "builtin",
   modules = {
      sipmethods = {
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
         -- The core is compiled in; SIPMETHODS_NO_EXPORT_HEADER makes its functions hidden,
         -- so that luaopen_sipmethods is the module's one export.
         defines = { "SIPMETHODS_NO_EXPORT_HEADER" },
         incdirs = { "core/include", "core/src" },
      },
   },
   copy_directories = { "docs" },
}
-- `luarocks test` (after `luarocks make`, which leaves sipmethods.so here): the Lua suite,
-- run by the rock's own interpreter against the module just built.
test = {
   type = "command",
   script = "tests/lua/test_sipmethods.lua",
   flags = { ".", "tests/vectors/vectors.tsv" },
}
