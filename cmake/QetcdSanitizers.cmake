# Sanitizer builds (issue 13): -DQETCD_SANITIZE=address,undefined or -DQETCD_SANITIZE=thread.
#
# Every target of the tree (core libraries, qetcd, qetcdctl, qetcd-admin, the tests) is
# compiled and linked with the sanitizer, so the processes the tests spawn from build/bin are
# sanitized too. -fno-sanitize-recover=all makes UBSan abort on its first report instead of
# printing and carrying on, so a report always ends the process with a non-zero status.
#
# Every test registered through qetcd_add_test() (and the compat suite) runs under
# tests/sanitizers/run.sh, which points the sanitizers' log_path at a fresh directory for the
# test and everything it spawns, and fails the test when any report was written there, even
# one from a child process whose exit status the test never looks at. mk/sanitize.mk drives
# the two trees build-asan and build-tsan; docs/testing.md "Sanitizers" explains the results
# and every suppression.
set(QETCD_SANITIZE "" CACHE STRING
    "Build everything with these sanitizers: address,undefined or thread (empty: none)")

set(QETCD_TEST_LAUNCHER "")
if(QETCD_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "QETCD_SANITIZE needs gcc or clang, not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  string(REPLACE "," ";" _qetcd_sanitizers "${QETCD_SANITIZE}")
  foreach(_s ${_qetcd_sanitizers})
    if(NOT _s MATCHES "^(address|undefined|thread)$")
      message(FATAL_ERROR "QETCD_SANITIZE: unknown sanitizer '${_s}' (address, undefined, thread)")
    endif()
  endforeach()
  if("thread" IN_LIST _qetcd_sanitizers AND "address" IN_LIST _qetcd_sanitizers)
    message(FATAL_ERROR "QETCD_SANITIZE: thread cannot be combined with address")
  endif()
  # -O1 keeps stacks readable and compiles faster than -O2; it comes after the build type's
  # -O flag, so it wins.
  set(_qetcd_sanitize_flags -fsanitize=${QETCD_SANITIZE} -fno-omit-frame-pointer
      -fno-sanitize-recover=all -O1 -g)
  if("undefined" IN_LIST _qetcd_sanitizers)
    # No vptr check, as in the fuzz build: on its first look at a class it opens a pipe to see
    # that the vtable is readable, so in a process out of descriptors (tst_client_limits fills
    # the table on purpose) it reports valid Qt objects (QTextStream, QSocketNotifier) as the
    # wrong type. ASan still catches calls on freed objects.
    list(APPEND _qetcd_sanitize_flags -fno-sanitize=vptr)
  endif()
  add_compile_options(${_qetcd_sanitize_flags})
  add_link_options(-fsanitize=${QETCD_SANITIZE})
  set(QETCD_TEST_LAUNCHER ${CMAKE_SOURCE_DIR}/tests/sanitizers/run.sh)
  if("undefined" IN_LIST _qetcd_sanitizers AND "address" IN_LIST _qetcd_sanitizers)
    # gcc's UBSan runtime ignores its log_path beside ASan's (see the file); every program
    # links this fix-up, added once all targets exist.
    add_library(qetcd_ubsan_report_path OBJECT ${CMAKE_SOURCE_DIR}/tests/sanitizers/UbsanReportPath.cpp)
    target_link_libraries(qetcd_ubsan_report_path PUBLIC ${CMAKE_DL_LIBS})
    cmake_language(DEFER CALL _qetcd_link_into_executables ${CMAKE_SOURCE_DIR} qetcd_ubsan_report_path)
  endif()
  message(STATUS "qetcd: sanitizers ${QETCD_SANITIZE}; tests run under ${QETCD_TEST_LAUNCHER}")
endif()

# Links `library` into every executable defined in `dir` and below.
function(_qetcd_link_into_executables dir library)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target ${targets})
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "EXECUTABLE")
      target_link_libraries(${target} PRIVATE ${library})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdir ${subdirs})
    _qetcd_link_into_executables(${subdir} ${library})
  endforeach()
endfunction()
