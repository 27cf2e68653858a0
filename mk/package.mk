# make package: the Debian packages qetcd (server, qetcdctl, systemd unit) and qetcd-admin (GUI)
# in $(BUILD_DIR)/packages, made by cpack from cmake/Install.cmake and cmake/Packaging.cmake.
# Packages install into /usr, so the build is configured with that prefix; only the installed
# programs and the man pages are built (not the tests). dpkg-shlibdeps (dpkg-dev) and file
# compute the packages' library dependencies.
PACKAGE_DEB_PACKAGES := dpkg-dev file help2man

.PHONY: package
package: deps
	$(call apt_install_missing,$(PACKAGE_DEB_PACKAGES))
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_INSTALL_PREFIX=/usr
	cmake --build $(BUILD_DIR) -j $(JOBS) --target qetcd qetcdctl qetcd-admin man-pages
	rm -f $(BUILD_DIR)/packages/*.deb
	cd $(BUILD_DIR) && cpack -G DEB
	@ls -l $(BUILD_DIR)/packages/*.deb
