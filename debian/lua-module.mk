# SPDX-License-Identifier: MIT
# The Lua module, for dh-lua (included by every debian/lua5.X.dh-lua.conf; the file name gives
# the Lua version). The C core is compiled into the module with hidden visibility, as CMake and
# the rockspec build it: luaopen_sipmethods is its one export, and it does not link liblua.
PKG_NAME = sipmethods
LUA_MODNAME = sipmethods
CLIB_CFLAGS = -std=c99 -fvisibility=hidden -fno-plt -DSIPMETHODS_NO_EXPORT_HEADER \
	-Icore/include -Icore/src
CLIB_OBJS = bindings/lua/lua_sipmethods.lo $(patsubst %.c,%.lo,$(sort $(wildcard core/src/*.c)))
# The Lua suite on the module just built (arg[1]: the module's directory).
LUA_TEST = @@LUA@@ tests/lua/test_sipmethods.lua $(UID) tests/vectors/vectors.tsv
