# SPDX-License-Identifier: MIT
# Prints Tcl's package path as a CMake list (read by swig/CMakeLists.txt).
puts [join $tcl_pkgPath ";"]
