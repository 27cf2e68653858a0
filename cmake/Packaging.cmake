# `cpack -G DEB` (run by `make package`): the two Debian packages made from the components of
# cmake/Install.cmake.
#   qetcd        the server and qetcdctl, the systemd unit, /etc/default/qetcd (a conffile), the
#                user qetcd and /var/lib/qetcd (postinst); needs no Qt Gui or Widgets library
#   qetcd-admin  the Qt Widgets administration app
# Their library dependencies are computed from the binaries by dpkg-shlibdeps (dpkg-dev). The
# paths inside the unit and the man pages are fixed when CMake configures, so the build must be
# configured with -DCMAKE_INSTALL_PREFIX=/usr (make package does it); cpack refuses otherwise
# (cmake/CPackProjectConfig.cmake.in).
set(CPACK_PACKAGE_NAME "qetcd")
set(CPACK_PACKAGE_VENDOR "The qetcd Authors")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# QETCD_PACKAGE_MAINTAINER: cache variable of cmake/Install.cmake (the changelogs name it too).
set(CPACK_PACKAGE_CONTACT "${QETCD_PACKAGE_MAINTAINER}")
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_FILE_NAME "qetcd-${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_DIRECTORY "${CMAKE_BINARY_DIR}/packages")

set(CPACK_COMPONENTS_ALL server admin)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # qetcd_0.1.0-1_amd64.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION "database")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Debug symbols stay in the build tree.
set(CPACK_STRIP_FILES ON)
# Maintainer scripts 0755, conffiles 0644, whatever their mode in the tree.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME "qetcd")
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION "database")
# adduser for postinst; init-system-helpers for deb-systemd-helper/-invoke; procps for the
# unit's ExecReload (/bin/kill -HUP).
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, init-system-helpers (>= 1.54~), procps")
# The first line of each description is the package's summary.
set(CPACK_COMPONENT_SERVER_DESCRIPTION
    "etcd v2 API compatible key-value store (server and command-line client)\n\
qetcd is a Raft-replicated key-value store that speaks the etcd v2 API, written\n\
in C++ with Qt 6. This package holds the member qetcd, run by the systemd unit\n\
qetcd.service (enabled, not started: its settings are in /etc/default/qetcd),\n\
and the etcdctl v2 compatible client qetcdctl.")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${CMAKE_SOURCE_DIR}/packaging/debian/postinst"
    "${CMAKE_SOURCE_DIR}/packaging/debian/prerm"
    "${CMAKE_SOURCE_DIR}/packaging/debian/postrm"
    "${CMAKE_SOURCE_DIR}/packaging/debian/conffiles")

set(CPACK_DEBIAN_ADMIN_PACKAGE_NAME "qetcd-admin")
set(CPACK_DEBIAN_ADMIN_PACKAGE_SECTION "admin")
# Qt's own buttons and dialogs in the user's language (qtbase_*.qm).
set(CPACK_DEBIAN_ADMIN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_COMPONENT_ADMIN_DESCRIPTION
    "administration app for etcd v2 API compatible clusters\n\
qetcd-admin is a Qt Widgets application to browse and edit keys, watch changes,\n\
list members and chart the leader's latency, for qetcd or etcd v2 clusters.")

# Checks and adjustments made when cpack runs (a /usr/local build configures normally).
configure_file(${CMAKE_SOURCE_DIR}/cmake/CPackProjectConfig.cmake.in
               ${CMAKE_BINARY_DIR}/CPackProjectConfig.cmake @ONLY)
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_BINARY_DIR}/CPackProjectConfig.cmake")

include(CPack)
