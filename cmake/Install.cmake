# What `cmake --install` puts where (GNU directory layout), in two components that
# cmake/Packaging.cmake turns into the two Debian packages:
#   server  qetcd and qetcdctl, the systemd unit, the unit's environment file, their man
#           pages, the example configuration, licence files      -> package qetcd
#   admin   qetcd-admin, its desktop file, icons and man page    -> package qetcd-admin
# The man pages are generated from each program's own --help by help2man at build time, so the
# help text exists once. Included by the top CMakeLists.txt after every target is defined.
include(GNUInstallDirs)

# `cmake --install` and cpack install what has been built and build nothing themselves (without
# this, cpack's preinstall step builds every target, the test suite too): `make package` builds
# the installed programs and the man pages first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

# Paths that end up inside installed files (the unit, the environment file, the man pages).
# With the prefix /usr (what `make package` configures) they are Debian's: /usr/bin/qetcd,
# /etc/default/qetcd, /lib/systemd/system. With another prefix (default /usr/local) everything
# stays under it; systemd also reads units from /usr/local/lib/systemd/system.
set(QETCD_BINARY "${CMAKE_INSTALL_FULL_BINDIR}/qetcd")
set(QETCD_DEFAULT_FILE "${CMAKE_INSTALL_FULL_SYSCONFDIR}/default/qetcd")
set(QETCD_DOC_DIR "${CMAKE_INSTALL_DATAROOTDIR}/doc/qetcd")
set(QETCD_EXAMPLE_FILE "${CMAKE_INSTALL_FULL_DATAROOTDIR}/doc/qetcd/examples/qetcd.conf.example")
set(QETCD_SYSTEMD_UNIT_DIR "" CACHE PATH
    "Where qetcd.service is installed (absolute); empty: /lib/systemd/system for the prefix /usr, else <prefix>/lib/systemd/system")
if(QETCD_SYSTEMD_UNIT_DIR)
  set(QETCD_UNIT_DIR "${QETCD_SYSTEMD_UNIT_DIR}")
elseif(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(QETCD_UNIT_DIR "/lib/systemd/system")
else()
  set(QETCD_UNIT_DIR "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
endif()

set(QETCD_GENERATED_DIR "${CMAKE_BINARY_DIR}/install")
configure_file(${CMAKE_SOURCE_DIR}/resources/qetcd.service.in
               ${QETCD_GENERATED_DIR}/qetcd.service @ONLY)
configure_file(${CMAKE_SOURCE_DIR}/packaging/qetcd.default.in
               ${QETCD_GENERATED_DIR}/qetcd.default @ONLY)

# ---- server ---------------------------------------------------------------------------------
install(TARGETS qetcd qetcdctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
install(FILES ${QETCD_GENERATED_DIR}/qetcd.service
        DESTINATION ${QETCD_UNIT_DIR} COMPONENT server)
install(FILES ${QETCD_GENERATED_DIR}/qetcd.default
        DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/default RENAME qetcd COMPONENT server)
install(FILES ${CMAKE_SOURCE_DIR}/resources/qetcd.conf.example
        DESTINATION ${QETCD_DOC_DIR}/examples COMPONENT server)
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE ${CMAKE_SOURCE_DIR}/NOTICE
        ${CMAKE_SOURCE_DIR}/packaging/debian/copyright
        DESTINATION ${QETCD_DOC_DIR} COMPONENT server)

# ---- admin ----------------------------------------------------------------------------------
install(TARGETS qetcd-admin RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT admin)
install(FILES ${CMAKE_SOURCE_DIR}/resources/qetcd-admin.desktop
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications COMPONENT admin)
# The sizes desktop environments look up in the hicolor theme: 48 (the launcher's usual size),
# 64, 128, 256 and the SVG. 48 and 256 are IconPainter's (also compiled into the app); 64 and
# 128 are rendered from the SVG (see the comment in resources/icons/qetcd-admin.svg).
set(QETCD_ICON_DIR ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor)
foreach(size 48 64 128)
  install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/qetcd-admin-${size}.png
          DESTINATION ${QETCD_ICON_DIR}/${size}x${size}/apps RENAME qetcd-admin.png
          COMPONENT admin)
endforeach()
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/qetcd-admin.png
        DESTINATION ${QETCD_ICON_DIR}/256x256/apps COMPONENT admin)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/qetcd-admin.svg
        DESTINATION ${QETCD_ICON_DIR}/scalable/apps COMPONENT admin)
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE ${CMAKE_SOURCE_DIR}/NOTICE
        ${CMAKE_SOURCE_DIR}/packaging/debian/copyright
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/qetcd-admin COMPONENT admin)

# ---- Debian changelogs (the packages' doc directories; dated at configure time, or from
# SOURCE_DATE_EPOCH for a reproducible build) ------------------------------------------------
set(QETCD_PACKAGE_MAINTAINER "qetcd maintainers <maintainers@qetcd.invalid>" CACHE STRING
    "The packages' Maintainer: field (whoever builds and ships them)")
string(TIMESTAMP QETCD_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
find_program(GZIP_EXECUTABLE gzip)
foreach(component server admin)
  if(component STREQUAL "server")
    set(QETCD_CHANGELOG_PACKAGE qetcd)
  else()
    set(QETCD_CHANGELOG_PACKAGE qetcd-admin)
  endif()
  set(changelog ${QETCD_GENERATED_DIR}/${QETCD_CHANGELOG_PACKAGE}/changelog.Debian)
  configure_file(${CMAKE_SOURCE_DIR}/packaging/debian/changelog.in ${changelog} @ONLY)
  if(GZIP_EXECUTABLE)
    execute_process(COMMAND ${GZIP_EXECUTABLE} -9nf ${changelog})
    install(FILES ${changelog}.gz
            DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${QETCD_CHANGELOG_PACKAGE}
            COMPONENT ${component})
  endif()
endforeach()

# ---- man pages ------------------------------------------------------------------------------
# help2man runs each freshly built program with --help (qetcd-admin on the offscreen platform,
# so no display is needed) and adds the sections of packaging/man/<program>.h2m.in (name,
# description, files, see also). Compressed as Debian ships man pages (gzip -9n: no timestamp).
# Not in sanitizer or fuzzing trees (never installed; their instrumented programs may report at
# exit, which would fail the build).
if(QETCD_SANITIZE OR QETCD_FUZZ)
  set(_qetcd_man_pages_default OFF)
else()
  set(_qetcd_man_pages_default ON)
endif()
option(QETCD_MAN_PAGES "Generate the man pages from --help with help2man (and install them)"
       ${_qetcd_man_pages_default})
find_program(HELP2MAN_EXECUTABLE help2man)
if(NOT QETCD_MAN_PAGES)
  message(STATUS "qetcd: man pages not built (QETCD_MAN_PAGES=OFF)")
elseif(HELP2MAN_EXECUTABLE AND GZIP_EXECUTABLE)
  set(QETCD_MAN_PAGES "")
  foreach(program qetcd qetcdctl qetcd-admin)
    configure_file(${CMAKE_SOURCE_DIR}/packaging/man/${program}.h2m.in
                   ${QETCD_GENERATED_DIR}/${program}.h2m @ONLY)
    set(page ${QETCD_GENERATED_DIR}/${program}.1)
    add_custom_command(
      OUTPUT ${page}.gz
      COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 LANGUAGE=
              ${HELP2MAN_EXECUTABLE} --no-info
              --version-string=${PROJECT_VERSION}
              --include=${QETCD_GENERATED_DIR}/${program}.h2m
              --output=${page} $<TARGET_FILE:${program}>
      COMMAND ${GZIP_EXECUTABLE} -9nf ${page}
      DEPENDS ${program} ${QETCD_GENERATED_DIR}/${program}.h2m
      COMMENT "Generating the man page ${program}(1) from ${program} --help"
      VERBATIM)
    list(APPEND QETCD_MAN_PAGES ${page}.gz)
  endforeach()
  add_custom_target(man-pages ALL DEPENDS ${QETCD_MAN_PAGES})
  set(QETCD_MAN_DIR ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${QETCD_GENERATED_DIR}/qetcd.1.gz ${QETCD_GENERATED_DIR}/qetcdctl.1.gz
          DESTINATION ${QETCD_MAN_DIR} COMPONENT server)
  install(FILES ${QETCD_GENERATED_DIR}/qetcd-admin.1.gz
          DESTINATION ${QETCD_MAN_DIR} COMPONENT admin)
else()
  message(WARNING "help2man or gzip not found: no man pages are built or installed "
                  "(Debian: apt-get install help2man)")
endif()
