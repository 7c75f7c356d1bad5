# SPDX-License-Identifier: MIT
# Optional parts of the build, the cmark way: each is built when what it needs is found, says in
# one configure line what it skipped and why, and an explicit -DSIPMETHODS_WITH_<NAME>=ON makes a
# missing dependency a configure error (OFF leaves it out without looking).
#
#   sm_feature(NAME "what it is")    declares SIPMETHODS_WITH_<NAME> (AUTO, ON or OFF; default AUTO)
#   sm_feature_enabled(NAME var)     var = TRUE unless the feature is OFF (or skipped already)
#   sm_feature_skip(NAME "why")      the part cannot be built: an error under ON, else recorded
#   sm_feature_require(NAME found "why")  sm_feature_skip(NAME why) unless found
#   sm_feature_summary()             one line per feature: built, skipped (why) or off

set_property(GLOBAL PROPERTY SM_FEATURES "")

function(sm_feature name doc)
  set(SIPMETHODS_WITH_${name} AUTO CACHE STRING "${doc}: AUTO (when found), ON (required) or OFF")
  set_property(CACHE SIPMETHODS_WITH_${name} PROPERTY STRINGS AUTO ON OFF)
  string(TOUPPER "${SIPMETHODS_WITH_${name}}" _mode)
  if(_mode MATCHES "^(1|Y|YES|TRUE)$")
    set(_mode ON)
  elseif(_mode MATCHES "^(0|N|NO|FALSE)$")
    set(_mode OFF)
  elseif(NOT _mode MATCHES "^(AUTO|ON|OFF)$")
    message(FATAL_ERROR "SIPMETHODS_WITH_${name} is '${SIPMETHODS_WITH_${name}}': use AUTO, ON or OFF")
  endif()
  set_property(GLOBAL APPEND PROPERTY SM_FEATURES ${name})
  set_property(GLOBAL PROPERTY SM_FEATURE_${name}_MODE ${_mode})
  set_property(GLOBAL PROPERTY SM_FEATURE_${name}_DOC "${doc}")
  set_property(GLOBAL PROPERTY SM_FEATURE_${name}_WHY "")
endfunction()

function(sm_feature_enabled name var)
  get_property(_mode GLOBAL PROPERTY SM_FEATURE_${name}_MODE)
  get_property(_why GLOBAL PROPERTY SM_FEATURE_${name}_WHY)
  if(_mode STREQUAL "OFF" OR NOT _why STREQUAL "")
    set(${var} FALSE PARENT_SCOPE)
  else()
    set(${var} TRUE PARENT_SCOPE)
  endif()
endfunction()

function(sm_feature_skip name why)
  get_property(_mode GLOBAL PROPERTY SM_FEATURE_${name}_MODE)
  if(_mode STREQUAL "ON")
    message(FATAL_ERROR "SIPMETHODS_WITH_${name}=ON, but ${why}")
  endif()
  get_property(_old GLOBAL PROPERTY SM_FEATURE_${name}_WHY)
  if(_old STREQUAL "")
    set_property(GLOBAL PROPERTY SM_FEATURE_${name}_WHY "${why}")
  else()
    set_property(GLOBAL PROPERTY SM_FEATURE_${name}_WHY "${_old}; ${why}")
  endif()
endfunction()

function(sm_feature_require name found why)
  if(NOT ${found})
    sm_feature_skip(${name} "${why}")
  endif()
endfunction()

function(sm_feature_summary)
  get_property(_features GLOBAL PROPERTY SM_FEATURES)
  foreach(name ${_features})
    get_property(_mode GLOBAL PROPERTY SM_FEATURE_${name}_MODE)
    get_property(_doc GLOBAL PROPERTY SM_FEATURE_${name}_DOC)
    get_property(_why GLOBAL PROPERTY SM_FEATURE_${name}_WHY)
    if(_mode STREQUAL "OFF")
      message(STATUS "sipmethods: ${name} (${_doc}): off")
    elseif(_why STREQUAL "")
      message(STATUS "sipmethods: ${name} (${_doc}): built")
    else()
      message(STATUS "sipmethods: ${name} (${_doc}): skipped, ${_why}")
    endif()
  endforeach()
endfunction()
