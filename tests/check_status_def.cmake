# ctest script: regenerates status.def from the IANA CSV and fails if the committed one differs.
# Usage: cmake -DPYTHON=... -DSCRIPT=gen_status.py -DCSV=... -DDEF=status.def -DOUT=... -P check_status_def.cmake
execute_process(COMMAND ${PYTHON} ${SCRIPT} ${CSV} ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${SCRIPT} failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${DEF} RESULT_VARIABLE differ)
if(differ)
  message(FATAL_ERROR "${DEF} is not what ${SCRIPT} makes of ${CSV}; regenerate it")
endif()
