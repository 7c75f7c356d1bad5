"""Builds sipmethods._core, compiling the C core's sources into it (no system libsipmethods).

The version is SM_VERSION_STRING of core/include/sipmethods.h; the core's sources are those
core/CMakeLists.txt lists.

The extension is built per Python version against the full C API: built against the limited
API, lookup() measured slower than its goal (docs/python.md). SIPMETHODS_LIMITED_API=1 in the
environment builds against the limited API of CPython 3.10 instead, giving one abi3 wheel
(cp310-abi3) for every CPython >= 3.10 that is not free-threaded.
"""
import os
import re
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))


def read(*parts):
    with open(os.path.join(HERE, *parts), encoding="utf-8") as f:
        return f.read()


def version():
    m = re.search(r'#define\s+SM_VERSION_STRING\s+"([^"]+)"', read("core", "include", "sipmethods.h"))
    if m is None:
        raise RuntimeError("SM_VERSION_STRING not found in core/include/sipmethods.h")
    return m.group(1)


def cmake_sources(folder, variable):
    """The .c files of set(VARIABLE ...) in FOLDER/CMakeLists.txt, as paths from the top."""
    text = read(folder, "CMakeLists.txt")
    block = re.search(r"set\(%s(.*?)\)" % variable, text, re.S)
    if block is None:
        raise RuntimeError("%s not found in %s/CMakeLists.txt" % (variable, folder))
    listed = re.sub(r"\$\{[^}]*\}/", "", block.group(1))  # ${CMAKE_CURRENT_SOURCE_DIR}/src/x.c
    files = re.findall(r"[\w./-]+\.c", listed)
    if not files:
        raise RuntimeError("no sources in " + variable)
    return [os.path.join(folder, f) for f in files]


def core_sources():
    """The C core's sources (core/CMakeLists.txt)."""
    return cmake_sources("core", "SIPMETHODS_CORE_SOURCES")


FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
WANT_LIMITED = os.environ.get("SIPMETHODS_LIMITED_API", "") not in ("", "0")
LIMITED = (WANT_LIMITED and sys.implementation.name == "cpython" and sys.version_info >= (3, 10)
           and not FREE_THREADED)
if WANT_LIMITED and not LIMITED:
    sys.stderr.write("sipmethods: SIPMETHODS_LIMITED_API ignored (needs CPython >= 3.10 with the GIL)\n")

macros = [("SIPMETHODS_NO_EXPORT_HEADER", None)]
if LIMITED:
    macros.append(("Py_LIMITED_API", "0x030A0000"))


class BuildExt(build_ext):
    """Adds the compiler's flags: hidden visibility (only PyInit__core is exported)."""

    def build_extensions(self):
        if self.compiler.compiler_type == "unix":
            for ext in self.extensions:
                ext.extra_compile_args += ["-std=c99", "-fvisibility=hidden", "-Wall", "-Wextra"]
        super().build_extensions()


setup(
    version=version(),
    package_dir={"": "bindings/python"},
    packages=["sipmethods"],
    package_data={"sipmethods": ["py.typed", "*.pyi"]},
    ext_modules=[
        Extension(
            "sipmethods._core",
            sources=["bindings/python/src/_core.c"] + core_sources(),
            include_dirs=["core/include", "core/src"],
            define_macros=macros,
            py_limited_api=LIMITED,
        ),
        # The command line of `python -m sipmethods`: the C tool's own sources (cli/), which
        # read captures with libpcap. Optional: without libpcap-dev the package still
        # installs, and `python -m sipmethods` says what is missing.
        Extension(
            "sipmethods._cli",
            sources=["bindings/python/src/_cli.c"] + cmake_sources("cli", "SIPMETHODS_CLI_SOURCES")
            + core_sources(),
            include_dirs=["core/include", "core/src", "cli"],
            define_macros=macros,
            libraries=["pcap"],
            py_limited_api=LIMITED,
            optional=True,
        ),
    ],
    cmdclass={"build_ext": BuildExt},
    options={"bdist_wheel": {"py_limited_api": "cp310"}} if LIMITED else {},
    zip_safe=False,
)
