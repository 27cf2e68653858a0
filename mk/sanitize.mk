# Sanitizer runs (issue 13; docs/testing.md "Sanitizers"):
#   make sanitize        both passes below, one after the other
#   make sanitize-asan   AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer): the whole
#                        suite, in build-asan
#   make sanitize-tsan   ThreadSanitizer: the suites that run threads, in build-tsan
# Every program of a tree is instrumented (the members and qetcdctl the tests start too), and
# every test runs under tests/sanitizers/run.sh, which fails it on any report from any process.
# gcc's sanitizer runtimes (libasan8, libubsan1, liblsan0, libtsan2) come with g++ (DEB_PACKAGES).

ASAN_BUILD_DIR ?= build-asan
TSAN_BUILD_DIR ?= build-tsan
SANITIZE_BUILD_TYPE ?= RelWithDebInfo

# The suites whose processes run more than one thread: the daemon (client threads, the
# credential pool), clusters, the client, the WAL writer thread, peer transport. A regex over
# ctest names, so a suite that does not exist (yet) is simply not matched.
TSAN_TEST_REGEX ?= ^(tst_daemon_http|tst_client_limits|tst_client_tls|tst_socketchannel|tst_cluster|tst_watchsnapshot|tst_clockskew|tst_authcluster|tst_client|tst_client_daemon|tst_walwriter.*|tst_transport_.*|tst_peer.*)$$

.PHONY: sanitize sanitize-asan sanitize-tsan

sanitize: deps
	$(MAKE) sanitize-asan
	$(MAKE) sanitize-tsan

sanitize-asan: deps
	cmake -S . -B $(ASAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=$(SANITIZE_BUILD_TYPE) \
	  -DQETCD_SANITIZE=address,undefined
	cmake --build $(ASAN_BUILD_DIR) -j $(JOBS)
	cd $(ASAN_BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Builds only what the threaded suites need: their test programs (named like the tests) and
# the programs they start.
sanitize-tsan: deps
	cmake -S . -B $(TSAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=$(SANITIZE_BUILD_TYPE) -DQETCD_SANITIZE=thread
	tests=$$(cd $(TSAN_BUILD_DIR) && ctest -N -R '$(TSAN_TEST_REGEX)' | sed -n 's/^ *Test *#[0-9]*: //p') && \
	  cmake --build $(TSAN_BUILD_DIR) -j $(JOBS) --target qetcd qetcdctl sanitizer_probe $$tests
	cd $(TSAN_BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -R '$(TSAN_TEST_REGEX)|^sanitizer_'
