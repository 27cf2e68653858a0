#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# A real Prometheus (Debian's, unpacked from its package, not installed) scraping a 3-member
# qetcd cluster every second with etcd's own alert rules loaded (issue 16, part 3):
#   1. every rule evaluates without error, and each non-`up` series it selects has data;
#   2. killing the leader moves etcd_server_leader_changes_seen_total on the survivors, as
#      Prometheus sees it (its query API, not the members' text).
# Everything listens on 127.0.0.1 (ephemeral-range ports chosen at start), in a network namespace
# of its own when run as root, so nothing leaves the machine. Prints a report; exits non-zero if
# a check fails.
#
#   bench/prometheus-cluster.sh
#   QETCD_BIN=build/bin/qetcd OUT=/tmp/prom bench/prometheus-cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tools
TOOLS=$(readlink -f .tools)
PROM="$TOOLS/prometheus"
if [ ! -x "$PROM" ]; then # fetched before the namespace, which has no way out
    mkdir -p "$TOOLS/deb"
    (cd "$TOOLS/deb" && apt-get download prometheus >/dev/null && dpkg-deb -x prometheus_*.deb root &&
        cp root/usr/bin/prometheus "$PROM")
    rm -rf "$TOOLS/deb"
fi
if [ "$(id -u)" = 0 ] && [ -z "${QETCD_IN_NETNS:-}" ]; then
    exec unshare --net env QETCD_IN_NETNS=1 bash -c "ip link set lo up && exec '$0' \"\$@\"" "$0" "$@"
fi
QETCD_BIN=$(readlink -f "${QETCD_BIN:-build/bin/qetcd}")
RULES=$(readlink -f tests/cluster/data/etcd3_alert.rules.yml)
OUT=${OUT:-$(mktemp -d /tmp/prometheus-cluster.XXXXXX)}
mkdir -p "$OUT"

pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

base=$((30000 + RANDOM % 20000))
cluster=""
for i in 0 1 2; do cluster+="${cluster:+,}m$i=http://127.0.0.1:$((base + 10 + i))"; done
for i in 0 1 2; do
    "$QETCD_BIN" --name "m$i" --data-dir "$OUT/m$i" \
        --listen-client-urls "http://127.0.0.1:$((base + i))" \
        --advertise-client-urls "http://127.0.0.1:$((base + i))" \
        --listen-peer-urls "http://127.0.0.1:$((base + 10 + i))" \
        --initial-advertise-peer-urls "http://127.0.0.1:$((base + 10 + i))" \
        --initial-cluster "$cluster" >"$OUT/m$i.log" 2>&1 &
    pids+=($!)
done
member_pid() { echo "${pids[$1]}"; }

cat >"$OUT/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: ["$RULES"]
scrape_configs:
  - job_name: etcd
    static_configs:
      - targets: ["127.0.0.1:$base", "127.0.0.1:$((base + 1))", "127.0.0.1:$((base + 2))"]
EOF
"$PROM" --config.file "$OUT/prometheus.yml" --storage.tsdb.path "$OUT/tsdb" \
    --web.listen-address "127.0.0.1:$((base + 20))" >"$OUT/prometheus.log" 2>&1 &
pids+=($!)
API="http://127.0.0.1:$((base + 20))/api/v1"
query() { curl -sf --get "$API/query" --data-urlencode "query=$1"; }

for _ in $(seq 50); do curl -sf "http://127.0.0.1:$base/health" >/dev/null && break; sleep 0.2; done
for _ in $(seq 60); do
    [ "$(query 'count(up == 1)' | jq -r '.data.result[0].value[1] // 0')" = 3 ] && break
    sleep 1
done
# Some client traffic once Prometheus scrapes all three, one failed compare among it (the
# failed-requests rules count non-404s).
for i in $(seq 200); do curl -s -XPUT "http://127.0.0.1:$base/v2/keys/k$i" -d value=v >/dev/null; done
curl -s -XPUT "http://127.0.0.1:$base/v2/keys/k1?prevValue=nope" -d value=x >/dev/null
sleep 6 # a few scrapes and rule evaluations over the traffic

fail=0
echo "== targets up: $(query 'count(up == 1)' | jq -r '.data.result[0].value[1]') of 3"
echo "== rules (Prometheus' own evaluation of etcd3_alert.rules.yml)"
curl -sf "$API/rules" | jq -r '.data.groups[].rules[] | "\(.health)\t\(.name)\t\(.lastError // "")"' |
    tee "$OUT/rules.txt"
if grep -qv '^ok' "$OUT/rules.txt"; then fail=1; fi
echo "== series each non-gRPC rule selects (count of series with data)"
for sel in 'etcd_network_peer_sent_failures_total{job=~".*etcd.*"}' \
    'etcd_server_has_leader{job=~".*etcd.*"}' \
    'etcd_server_leader_changes_seen_total{job=~".*etcd.*"}' \
    'etcd_network_peer_round_trip_time_seconds_bucket{job=~".*etcd.*"}' \
    'etcd_server_proposals_failed_total{job=~".*etcd.*"}' \
    'etcd_disk_wal_fsync_duration_seconds_bucket{job=~".*etcd.*"}' \
    'etcd_disk_backend_commit_duration_seconds_bucket{job=~".*etcd.*"}' \
    'etcd_http_failed_total{job=~".*etcd.*", code!="404"}' \
    'etcd_http_received_total{job=~".*etcd.*"}' \
    'etcd_http_successful_duration_seconds_bucket'; do
    n=$(query "count($sel)" | jq -r '.data.result[0].value[1] // 0')
    printf '%6s  %s\n' "$n" "$sel"
    [ "$n" != 0 ] || fail=1
done
echo "== fsync p99 over the run: $(query 'histogram_quantile(0.99, sum by (le) (rate(etcd_disk_wal_fsync_duration_seconds_bucket[1m])))' | jq -r '.data.result[0].value[1]') s"

leader_url=$(curl -sf "http://127.0.0.1:$base/v2/stats/self" | jq -r .leaderInfo.leader)
leader=-1
for i in 0 1 2; do
    id=$(curl -sf "http://127.0.0.1:$((base + i))/v2/stats/self" | jq -r .id)
    [ "$id" = "$leader_url" ] && leader=$i
done
echo "== leader changes before the kill (Prometheus):"
query 'etcd_server_leader_changes_seen_total' | jq -r '.data.result[] | "   \(.metric.instance) \(.value[1])"' | sort
declare -A before
for i in 0 1 2; do
    before[$i]=$(query "etcd_server_leader_changes_seen_total{instance=\"127.0.0.1:$((base + i))\"}" | jq -r '.data.result[0].value[1]')
done
echo "== killing the leader m$leader (SIGKILL) at $(date +%T.%3N)"
kill -9 "$(member_pid "$leader")"
moved=0
for _ in $(seq 60); do
    sleep 1
    all=1
    for i in 0 1 2; do
        [ "$i" = "$leader" ] && continue
        v=$(query "etcd_server_leader_changes_seen_total{instance=\"127.0.0.1:$((base + i))\"}" | jq -r '.data.result[0].value[1] // 0')
        awk -v a="$v" -v b="${before[$i]}" 'BEGIN { exit !(a > b) }' || all=0
    done
    if [ "$all" = 1 ]; then
        moved=1
        echo "== both survivors' counters moved in Prometheus by $(date +%T.%3N)"
        break
    fi
done
echo "== leader changes after (Prometheus):"
query 'etcd_server_leader_changes_seen_total' | jq -r '.data.result[] | "   \(.metric.instance) \(.value[1])"' | sort
echo "== etcdMembersDown / no-leader state: $(query 'sum(up == bool 0)' | jq -r '.data.result[0].value[1]') target(s) down, has_leader: $(query 'min(etcd_server_has_leader and on(instance) up == 1)' | jq -r '.data.result[0].value[1]')"
[ "$moved" = 1 ] || { echo "leader_changes_seen_total did not move"; fail=1; }
echo "(logs in $OUT)"
exit $fail
