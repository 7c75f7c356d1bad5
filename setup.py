# SPDX-License-Identifier: MIT
"""Builds sipmethods._core and sipmethods._cli, compiling the C core's sources into them (no
system libsipmethods).

What it reads, each from one place: the version from SM_VERSION_STRING in
core/include/sipmethods.h; the core's sources from set(SIPMETHODS_CORE_SOURCES ...) in
core/CMakeLists.txt; the command line's from set(SIPMETHODS_CLI_SOURCES ...) and, with or
without libpcap, set(SIPMETHODS_CLI_PCAP_SOURCES ...) or set(SIPMETHODS_CLI_NOPCAP_SOURCES ...)
in cli/CMakeLists.txt (everything but program.c's main(); cli.h declares sipmethods_cli()).

Environment:
  SIPMETHODS_LIMITED_API=1  build against the limited API of CPython 3.10 (one cp310-abi3
                            wheel); the default is per-version, full API (docs/python.md).
  SIPMETHODS_PCAP=0|1       the command line without / with libpcap capture input, as
                            cli/CMakeLists.txt builds it. Unset: with libpcap if the
                            compiler finds it. The published wheel is built with 0: it then
                            needs no library but glibc.
"""
import os
import re
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import CompileError, LinkError

HERE = os.path.dirname(os.path.abspath(__file__))


def read(*parts):
    with open(os.path.join(HERE, *parts), encoding="utf-8") as f:
        return f.read()


def version():
    m = re.search(r'#define\s+SM_VERSION_STRING\s+"([^"]+)"', read("core", "include", "sipmethods.h"))
    if m is None:
        raise RuntimeError("SM_VERSION_STRING not found in core/include/sipmethods.h")
    return m.group(1)


def cmake_sources(folder, variable, required=True):
    """The .c files of set(VARIABLE ...) in FOLDER/CMakeLists.txt, as paths from the top."""
    block = re.search(r"set\(%s\s(.*?)\)" % variable, read(folder, "CMakeLists.txt"), re.S)
    files = re.findall(r"[\w./-]+\.c", re.sub(r"\$\{[^}]*\}/", "", block.group(1))) if block else []
    if required and not files:
        raise RuntimeError("no sources in set(%s ...) of %s/CMakeLists.txt" % (variable, folder))
    return [os.path.join(folder, f) for f in files]


FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
WANT_LIMITED = os.environ.get("SIPMETHODS_LIMITED_API", "") not in ("", "0")
LIMITED = WANT_LIMITED and sys.implementation.name == "cpython" and not FREE_THREADED
if WANT_LIMITED and not LIMITED:
    sys.stderr.write("sipmethods: SIPMETHODS_LIMITED_API ignored (needs CPython with the GIL)\n")

macros = [("SIPMETHODS_NO_EXPORT_HEADER", None)]
if LIMITED:
    macros.append(("Py_LIMITED_API", "0x030A0000"))


class BuildExt(build_ext):
    """Adds the compiler's flags (hidden visibility: only PyInit_* is exported) and decides
    the command line's libpcap support (SIPMETHODS_PCAP)."""

    def build_extensions(self):
        if self.compiler.compiler_type == "unix":
            for ext in self.extensions:
                ext.extra_compile_args += ["-std=c99", "-fvisibility=hidden", "-Wall", "-Wextra"]
        want = os.environ.get("SIPMETHODS_PCAP", "")
        pcap = want == "1" or (want == "" and self.have_libpcap())
        for ext in self.extensions:
            if ext.name == "sipmethods._cli":
                ext.sources += cmake_sources("cli", "SIPMETHODS_CLI_PCAP_SOURCES" if pcap
                                             else "SIPMETHODS_CLI_NOPCAP_SOURCES")
                if pcap:
                    ext.libraries.append("pcap")
        super().build_extensions()

    def have_libpcap(self):
        """True if a program calling libpcap compiles and links here (in build_temp)."""
        os.makedirs(self.build_temp, exist_ok=True)
        src = os.path.join(self.build_temp, "have_libpcap.c")
        with open(src, "w", encoding="ascii") as f:
            f.write("#include <pcap/pcap.h>\nint main(void) { return pcap_lib_version() == 0; }\n")
        try:
            objects = self.compiler.compile([src], output_dir=self.build_temp)
            self.compiler.link_executable(objects, "have_libpcap", output_dir=self.build_temp,
                                          libraries=["pcap"])
        except (CompileError, LinkError):
            return False
        return True


CORE_SOURCES = cmake_sources("core", "SIPMETHODS_CORE_SOURCES")

setup(
    version=version(),
    package_dir={"": "bindings/python"},
    packages=["sipmethods"],
    package_data={"sipmethods": ["py.typed", "*.pyi"]},
    ext_modules=[
        Extension(
            "sipmethods._core",
            sources=["bindings/python/src/_core.c"] + CORE_SOURCES,
            include_dirs=["core/include", "core/src"],
            define_macros=macros,
            py_limited_api=LIMITED,
        ),
        # `python -m sipmethods`: the C tool's own sources.
        Extension(
            "sipmethods._cli",
            sources=["bindings/python/src/_cli.c"] + cmake_sources("cli", "SIPMETHODS_CLI_SOURCES")
            + CORE_SOURCES,
            include_dirs=["core/include", "core/src", "cli"],
            define_macros=list(macros),
            py_limited_api=LIMITED,
        ),
    ],
    cmdclass={"build_ext": BuildExt},
    options={"bdist_wheel": {"py_limited_api": "cp310"}} if LIMITED else {},
    zip_safe=False,
)
