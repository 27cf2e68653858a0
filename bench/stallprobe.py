#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
"""Snapshot-stall probe for bench/scale.sh: one keep-alive connection asks GET <url> back to back
(a serializable read of one small key) until SIGTERM, and prints the longest answers with the
time they started (since the probe's start, and by the wall clock to match with the member's log),
so a member that stops serving while it takes a snapshot shows up as a gap.
Output: one line per answer slower than --report-ms, then a summary line
  STALL_RESULT requests=N p50_ms=.. p99_ms=.. p999_ms=.. max_ms=.. over_50ms=K over_200ms=K
"""
import argparse
import http.client
import signal
import sys
import time
import urllib.parse

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--report-ms", type=float, default=50.0)
    ap.add_argument("--interval-ms", type=float, default=2.0)
    args = ap.parse_args()
    u = urllib.parse.urlsplit(args.url)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    lat = []
    t0 = time.time()
    while not stop:
        start = time.monotonic()
        try:
            conn.request("GET", u.path + ("?" + u.query if u.query else ""))
            resp = conn.getresponse()
            resp.read()
        except Exception as e:  # the server went away: reconnect, count the wait
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
            if stop:
                break
        ms = (time.monotonic() - start) * 1000
        lat.append(ms)
        if ms > args.report_ms:
            began = time.time() - ms / 1000
            print(f"slow t={began - t0:.3f}s at={time.strftime('%H:%M:%S', time.localtime(began))}"
                  f".{int(began * 1000) % 1000:03d} ms={ms:.1f}", flush=True)
        time.sleep(args.interval_ms / 1000)
    lat.sort()
    def pct(p):
        return lat[min(len(lat) - 1, int(len(lat) * p / 100))] if lat else 0
    print("STALL_RESULT requests=%d p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.1f over_50ms=%d over_200ms=%d"
          % (len(lat), pct(50), pct(99), pct(99.9), lat[-1] if lat else 0,
             sum(1 for x in lat if x > 50), sum(1 for x in lat if x > 200)), flush=True)

if __name__ == "__main__":
    sys.exit(main())
