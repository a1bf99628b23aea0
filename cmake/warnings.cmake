# One non-exported target carries the warning flags; every target links it PRIVATE,
# so consumers of our libraries never inherit them and CMAKE_CXX_FLAGS stays untouched.
add_library(planner_warnings INTERFACE)
target_compile_options(planner_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  $<$<BOOL:${PLANNER_WARNINGS_AS_ERRORS}>:-Werror>)

# Sanitizers go on the same private target so that they reach our code and tests alike.
# The fuzz build instruments every library for coverage and checks it with the sanitizers.
if(PLANNER_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PLANNER_FUZZ needs clang (libFuzzer): configure with CXX=clang++")
  endif()
  target_compile_options(planner_warnings INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(planner_warnings INTERFACE -fsanitize=address,undefined)
endif()

if(PLANNER_SANITIZE)
  target_compile_options(planner_warnings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(planner_warnings INTERFACE -fsanitize=address,undefined)
endif()
