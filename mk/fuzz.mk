# Fuzzing (docs/testing.md, "Fuzzing"): libFuzzer harnesses of tests/fuzz built
# with clang, AddressSanitizer and UndefinedBehaviorSanitizer in build-fuzz.
#   make fuzz                  every harness for FUZZ_SECONDS each, one after the other
#   make fuzz-<name>           one harness (e.g. make fuzz-wal_segment FUZZ_SECONDS=1800 FUZZ_RUNS=10000000)
#   make fuzz-regress          every harness once over its committed corpus (no fuzzing)
# Each run works on a copy of the committed corpus in build-fuzz/corpus/<name> (new
# inputs stay out of the repository) and fails on the first crash, leak, timeout or
# out-of-memory; the input that caused it is left in build-fuzz/findings/<name>/.
# Minimize it (fuzz_<name> -minimize_crash=1 -runs=100000 <file>), fix the code
# and commit it to tests/fuzz/corpus/<name>/.

FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
# Stop a harness earlier after this many executions (-1: no limit).
FUZZ_RUNS ?= -1
FUZZ_JOBS ?= $(JOBS)
FUZZ_ARGS ?= -rss_limit_mb=2048 -timeout=10 -max_len=16384
FUZZ_DEB_PACKAGES := clang-14 libclang-rt-14-dev
# vptr is left out: Qt itself is not instrumented, and its classes would be reported falsely.
FUZZ_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
               -fno-sanitize-recover=undefined -fno-sanitize=vptr
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.cpp,%,$(wildcard tests/fuzz/fuzz_*.cpp))

.PHONY: fuzz fuzz-deps fuzz-build fuzz-regress $(addprefix fuzz-,$(FUZZ_NAMES))

fuzz-deps:
	$(call apt_install_missing,$(FUZZ_DEB_PACKAGES))

fuzz-build: deps fuzz-deps
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DQETCD_FUZZ=ON -DCMAKE_C_FLAGS="$(FUZZ_CFLAGS)" -DCMAKE_CXX_FLAGS="$(FUZZ_CFLAGS)"
	nice -n 10 cmake --build $(FUZZ_DIR) -j $(FUZZ_JOBS) --target $(addprefix fuzz_,$(FUZZ_NAMES))

# One harness: fresh copy of the corpus, FUZZ_SECONDS of fuzzing, findings kept.
# (FUZZ_NOBUILD=1: `make fuzz` has built everything once already.)
$(addprefix fuzz-,$(FUZZ_NAMES)): fuzz-%: $(if $(FUZZ_NOBUILD),,fuzz-build)
	@rm -rf $(FUZZ_DIR)/corpus/$* && mkdir -p $(FUZZ_DIR)/corpus/$* $(FUZZ_DIR)/findings/$*
	@cp tests/fuzz/corpus/$*/* $(FUZZ_DIR)/corpus/$*/
	cd $(FUZZ_DIR) && nice -n 10 ./fuzz/fuzz_$* $(FUZZ_ARGS) -max_total_time=$(FUZZ_SECONDS) -runs=$(FUZZ_RUNS) \
	  -artifact_prefix=findings/$*/ -print_final_stats=1 corpus/$*

# Sequential on purpose: a harness is one process, and other work shares the machine.
fuzz: fuzz-build
	@set -e; for n in $(FUZZ_NAMES); do $(MAKE) --no-print-directory fuzz-$$n FUZZ_NOBUILD=1; done

fuzz-regress: fuzz-build
	cd $(FUZZ_DIR) && ctest -L fuzz --output-on-failure
