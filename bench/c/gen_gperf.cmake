# SPDX-License-Identifier: MIT
# cmake -DKEYS=<preprocessed gperf_keys.h> -DHEAD=<gperf_head.gperf> -DTAIL=<gperf_tail.gperf> -DOUT=<file> -P
# Writes gperf's input: the head, one "NAME, SM_NAME" line per KEY(NAME) of KEYS, the tail.
file(READ ${KEYS} _keys)
string(REGEX MATCHALL "KEY\\( *[A-Za-z0-9_]+ *\\)" _rows "${_keys}")
list(LENGTH _rows _n)
if(NOT _n EQUAL 14)
  message(FATAL_ERROR "expected the 14 methods of methods.def, found ${_n}: ${_rows}")
endif()
file(READ ${HEAD} _text)
foreach(_row ${_rows})
  string(REGEX REPLACE "KEY\\( *([A-Za-z0-9_]+) *\\)" "\\1" _name "${_row}")
  string(APPEND _text "${_name}, SM_${_name}\n")
endforeach()
file(READ ${TAIL} _tail)
string(APPEND _text "${_tail}")
file(WRITE ${OUT} "${_text}")
