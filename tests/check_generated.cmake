# SPDX-License-Identifier: MIT
# ctest script: regenerates a committed generated file (status.def, lookup_slots.def) from its
# source and fails if the committed one differs.
# Usage: cmake -DPYTHON=... -DSCRIPT=gen_X.py -DIN=source -DDEF=committed -DOUT=... -P check_generated.cmake
execute_process(COMMAND ${PYTHON} ${SCRIPT} ${IN} ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${SCRIPT} failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${DEF} RESULT_VARIABLE differ)
if(differ)
  message(FATAL_ERROR "${DEF} is not what ${SCRIPT} makes of ${IN}; regenerate it")
endif()
