#!/bin/sh
# Renders docs/screenshots/*.png with qetcd-admin's hidden screenshot mode,
# offscreen, against a throwaway qetcd member on free loopback ports.
#   admin-gui/tools/make-screenshots.sh [build-dir] [output-dir]
# Needs a CJK font for the zh_CN shots (Debian: fonts-noto-cjk or
# fonts-wqy-microhei), otherwise Chinese text renders as boxes.
set -eu
BUILD=${1:-build}
OUT=${2:-docs/screenshots}
BIN="$BUILD/bin"
TMP=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PEER=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"

start_member() {
    "$BIN/qetcd" --name infra0 --data-dir "$TMP/infra0.etcd" \
        --listen-client-urls "$URL" --advertise-client-urls "$URL" \
        --listen-peer-urls "http://127.0.0.1:$PEER" \
        --initial-advertise-peer-urls "http://127.0.0.1:$PEER" \
        --initial-cluster "infra0=http://127.0.0.1:$PEER" >"$TMP/qetcd.log" 2>&1 &
    MEMBER=$!
    i=0
    until curl -sf "$URL/version" >/dev/null 2>&1; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "qetcd did not start" >&2; cat "$TMP/qetcd.log" >&2; exit 1; }
        sleep 0.1
    done
}
stop_member() { kill "$MEMBER" 2>/dev/null || true; wait "$MEMBER" 2>/dev/null || true; rm -rf "$TMP/infra0.etcd"; }
trap 'stop_member; rm -rf "$TMP"' EXIT

mkdir -p "$OUT"
export QT_QPA_PLATFORM=offscreen
# English shots (C locale), each page.
start_member
LC_ALL=C LANG=C LANGUAGE= "$BIN/qetcd-admin" --settings "$TMP/en.ini" --endpoints "$URL" \
    --screenshot-dir "$OUT" --screenshot-pages keys,watch,cluster,latency
stop_member
# The same app in Simplified Chinese: it follows the system locale.
start_member
LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 LANGUAGE=zh_CN "$BIN/qetcd-admin" --settings "$TMP/zh.ini" \
    --endpoints "$URL" --screenshot-dir "$OUT" --screenshot-prefix zh_CN- \
    --screenshot-pages keys,latency
ls -l "$OUT"
