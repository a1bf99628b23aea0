# planner_add_library(<target> ALIAS <namespace::name> SOURCES ... [PUBLIC ...] [PRIVATE ...])
# Every library of the planner has the same shape: public headers under include/,
# a namespaced alias, its C dependencies and the warnings linked PRIVATE.
function(planner_add_library target)
  cmake_parse_arguments(LIBRARY "" "ALIAS" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  add_library(${target} ${LIBRARY_SOURCES})
  add_library(${LIBRARY_ALIAS} ALIAS ${target})
  target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_compile_definitions(${target} PRIVATE PLANNER_VERSION="${PROJECT_VERSION}")
  target_link_libraries(${target} PUBLIC ${LIBRARY_PUBLIC} PRIVATE ${LIBRARY_PRIVATE} planner_warnings)
endfunction()
