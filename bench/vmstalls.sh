#!/usr/bin/env bash
# Finds the moments when this machine's processors all stopped: on a virtual machine, times
# when the host ran something else (its steal time may still read 0). Run it beside any
# benchmark, as root (or with perf_event_paranoid <= 0):
#
#   bench/vmstalls.sh [seconds=5] [gap_ms=1.5]
#
# perf samples every busy processor's clock ~3,000 times a second. Under load (a benchmark that
# keeps both processors busy) a stretch of more than gap_ms with no sample on any processor is a
# stretch in which none of them ran; on a quiet machine an idle processor is not sampled, and
# the stretches mean nothing. It prints those stretches (count, total, longest), and, for each
# processor, its samples per millisecond of a 100 ms period: a host that runs the machine on a
# 100 ms quota shows a dip at the same milliseconds of every period (bench/README "Scale",
# session 37). On this project's VM that happens when both processors are busy while the disk is
# synced often: two busy loops stopped 0% of the time alone or beside 100 fdatasync a second,
# 2.3% beside 1,000, 9.4% beside 3,370 (session 38). The sampling itself slows the benchmark
# beside it.
set -euo pipefail
SECONDS_=${1:-5}
GAP_MS=${2:-1.5}
command -v perf >/dev/null || { echo "vmstalls: needs perf (apt-get install linux-perf)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
perf record -q -F 2999 -e cpu-clock -a -o "$TMP/perf.data" -- sleep "$SECONDS_" >/dev/null 2>&1
perf script -i "$TMP/perf.data" -F cpu,time 2>/dev/null | tr -d '[]:' | sort -k2,2n >"$TMP/samples"
awk -v gap="$GAP_MS" '
    { cpu = $1; t = $2 + 0; n[cpu]++; phase[cpu, int((t * 1000) % 100)]++
      if (last != "" && (t - last) * 1000 > gap) { stalls++; total += t - last; if (t - last > longest) longest = t - last }
      if (first == "") first = t; last = t }
    END {
        printf "%.1f s sampled: %d stretches over %s ms with no processor running, %.0f ms in all (%.1f%%), longest %.1f ms\n",
            last - first, stalls, gap, total * 1000, (last > first ? 100 * total / (last - first) : 0), longest * 1000
        for (c in n) {
            min = -1; max = 0; at = 0
            for (i = 0; i < 100; i++) { v = phase[c, i] + 0; if (min < 0 || v < min) { min = v; at = i } if (v > max) max = v }
            printf "cpu %s: %d samples; per ms of a 100 ms period: fewest %d (at ms %d), most %d\n", c, n[c], min, at, max
        }
    }' "$TMP/samples"
