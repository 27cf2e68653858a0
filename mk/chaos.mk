# make chaos: Jepsen-style rounds (tests/chaos/chaos.py) against qetcd, etcd 3.4 or both.
#   make chaos ROUNDS=100 SEED=7 TARGET=both NEMESIS=kill,pause MEMBERS=5
# TARGET=etcd or both installs etcd-server (Debian's etcd 3.4) if etcd is missing.
# Not part of `make test` (ctest runs a two-round smoke, chaos_smoke). Runs as
# root (or with user namespaces); results and logs go to bench/results/chaos/.
ROUNDS ?= 20
SEED ?= $(shell date +%s)
# Side by side with etcd whenever etcd is installed (TARGET=qetcd to skip it).
TARGET ?= $(shell command -v etcd >/dev/null 2>&1 && echo both || echo qetcd)
MEMBERS ?= 3
NEMESIS ?= kill,pause,partition,wal,disk,clock,member,snapshot
CHAOS_OUT ?= bench/results/chaos

.PHONY: chaos chaos-etcd-deps

# etcd-server (3.4 in bookworm) only when etcd is a target.
chaos-etcd-deps:
	@case "$(TARGET)" in qetcd) ;; *) command -v etcd >/dev/null || { \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends etcd-server; } ;; esac

chaos: build chaos-etcd-deps
	nice -n 10 python3 tests/chaos/chaos.py --qetcd $(BUILD_DIR)/bin/qetcd --target $(TARGET) \
	  --rounds $(ROUNDS) --seed $(SEED) --members $(MEMBERS) --nemesis $(NEMESIS) --out $(CHAOS_OUT) -v
