/* SPDX-License-Identifier: MIT */
/*
 * The core's export macro for sipmethods/core.so, the Lua module whose sm_* functions the
 * LuaJIT front (sipmethods.lua) calls through the FFI (docs/lua.md). They are exported for
 * ffi.load with protected visibility: calls inside the module bind to its own core, never to
 * another copy of sipmethods loaded in the same process.
 */
#ifndef SIPMETHODS_EXPORT_H
#define SIPMETHODS_EXPORT_H
#if defined(__GNUC__) && !defined(_WIN32)
#define SM_EXPORT __attribute__((visibility("protected")))
#elif defined(_WIN32)
#define SM_EXPORT __declspec(dllexport)
#else
#define SM_EXPORT
#endif
#endif
