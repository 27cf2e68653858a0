# The two set-up commands of the README:
#   make run   installs missing build dependencies, builds in Release, starts one member
#   make test  same set-up, then builds and runs the whole suite with ctest
# Everything else here is a convenience around CMake.

BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
# Debian packages needed to build and test (Qt 6.4 from bookworm); help2man makes the man pages.
DEB_PACKAGES := cmake make g++ pkg-config qt6-base-dev qt6-httpserver-dev qt6-charts-dev libisal-dev \
                qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-websockets-dev libgl-dev \
                libqt6opengl6-dev libcrypt-dev libsystemd-dev libyaml-cpp-dev libssl-dev openssl python3-etcd \
                prometheus-cpp-dev faketime iproute2 help2man dnsmasq-base \
                libprotobuf-dev protobuf-compiler qtkeychain-qt6-dev qt6-translations-l10n \
                libgoogle-perftools-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RUN_ARGS ?=

.PHONY: all deps configure build run test bench format clean

all: build

# $(call apt_install_missing,PACKAGES): installs those of PACKAGES that are not installed yet
# (used by deps here and by the targets in mk/).
define apt_install_missing
@missing=""; for p in $(1); do \
  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
done; \
if [ -n "$$missing" ]; then \
  echo "Installing missing packages:$$missing"; \
  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
fi
endef

# Programs the tests run that Debian ships in packages which, once installed, also start a
# server (prometheus on port 9090, etcd-server on 2379): taken out of the package into .tools/
# (ignored by git) instead of installed, for every build directory. promtool is Prometheus' own
# checker (tst_metrics: `promtool check metrics`); etcd 3.4.23 is the reference server the
# migration tests import from and mirror (tst_etcdimport_etcd, tst_mirror).
PROMTOOL := $(CURDIR)/.tools/promtool
ETCD_TOOL := $(CURDIR)/.tools/etcd
# etcd's etcdctl (v2 API), which tst_proxy runs through a qetcd proxy; etcd-client only ships it.
ETCDCTL_TOOL := $(CURDIR)/.tools/etcdctl
# $(call extract_from_deb,PACKAGE,PATH IN THE PACKAGE,DESTINATION)
define extract_from_deb
@mkdir -p .tools/deb-$(1)
cd .tools/deb-$(1) && { apt-get download $(1) 2>/dev/null || \
  { $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && apt-get download $(1); }; } && \
  dpkg-deb -x $(1)_*.deb root && cp root/$(2) $(3)
rm -rf .tools/deb-$(1)
endef
$(PROMTOOL):
	$(call extract_from_deb,prometheus,usr/bin/promtool,$(PROMTOOL))
$(ETCD_TOOL):
	$(call extract_from_deb,etcd-server,usr/bin/etcd,$(ETCD_TOOL))
$(ETCDCTL_TOOL):
	$(call extract_from_deb,etcd-client,usr/bin/etcdctl,$(ETCDCTL_TOOL))

deps: $(PROMTOOL) $(ETCD_TOOL) $(ETCDCTL_TOOL)
	$(call apt_install_missing,$(DEB_PACKAGES))

configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	./$(BUILD_DIR)/bin/qetcd $(RUN_ARGS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	bench/run.sh

format:
	find core daemon ctl admin-gui tests -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)

# Further targets (fuzz, sanitize, chaos, ...) each live in a file of their own under mk/.
include $(wildcard mk/*.mk)
