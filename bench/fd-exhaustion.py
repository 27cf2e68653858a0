#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
"""Descriptor exhaustion on the client port (issue 12, item 4).

Starts one member on loopback under an open-file limit of 256 (soft and hard, as `ulimit -n 256`),
opens 300 idle TCP connections to its client port, holds them for a few seconds, closes them, and
reports: whether writes on a connection opened before the flood are answered while the sockets
are held (with --snapshot-count 1 each write snapshots, which needs descriptors), how long
/health stays unanswered while the sockets are held (at most 15 s) and after they are closed,
whether a PUT answers afterwards, and whether the member is still running.

Usage: bench/fd-exhaustion.py [path/to/qetcd] [extra qetcd flags...]
       (default: build/bin/qetcd; any etcd-compatible binary works, e.g. etcd --enable-v2=true)
"""
import http.client
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

LIMIT = 256
SOCKETS = 300
HOLD_S = 15.0
WAIT_S = 30.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, method="GET", data=None, timeout=1.0):
    try:
        req = urllib.request.Request(url, method=method, data=data)
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except Exception:
        return None


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/bin/qetcd"
    extra = sys.argv[2:]
    client, peer = free_port(), free_port()
    base = f"http://127.0.0.1:{client}"
    own = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (own[1], own[1]))  # our 300 sockets must fit
    with tempfile.TemporaryDirectory() as tmp:
        args = [binary, "--name", "fd", "--data-dir", tmp + "/fd.etcd",
                "--listen-client-urls", base, "--advertise-client-urls", base,
                "--listen-peer-urls", f"http://127.0.0.1:{peer}",
                "--initial-advertise-peer-urls", f"http://127.0.0.1:{peer}",
                "--initial-cluster", f"fd=http://127.0.0.1:{peer}",
                "--snapshot-count", "1"] + extra
        if os.path.basename(binary).startswith("etcd"):
            args.append("--enable-v2=true")
        log = open(tmp + "/member.log", "w+")
        member = subprocess.Popen(
            args, stdout=log, stderr=subprocess.STDOUT,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (LIMIT, LIMIT)))
        try:
            deadline = time.time() + 15
            while request(base + "/health") != 200:
                if time.time() > deadline or member.poll() is not None:
                    sys.exit("member did not start")
                time.sleep(0.1)
            print(f"binary: {binary} {' '.join(extra)}")
            print(f"open-file limit: {LIMIT}; idle sockets: {SOCKETS}")
            # A client connected before the flood keeps its connection (keep-alive).
            early = http.client.HTTPConnection("127.0.0.1", client, timeout=5)
            early.request("GET", "/health")
            early.getresponse().read()
            held, refused, in_a_row = [], 0, 0
            for _ in range(SOCKETS):
                s = socket.socket()
                s.settimeout(0.5)  # a listener that accepts nothing: the backlog fills, connect hangs
                try:
                    s.connect(("127.0.0.1", client))
                    held.append(s)
                    in_a_row = 0
                except OSError:
                    refused += 1
                    in_a_row += 1
                    s.close()
                    if in_a_row == 5:
                        break  # the port takes nothing more
            time.sleep(1.0)
            try:
                held_fds = len(os.listdir(f"/proc/{member.pid}/fd"))
            except OSError:
                held_fds = None
            # Writes on the early connection while the sockets are held: each one snapshots
            # with --snapshot-count 1, which needs descriptors.
            writes = []
            for i in range(3):
                try:
                    early.request("PUT", f"/v2/keys/during{i}", body="value=x",
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
                    response = early.getresponse()
                    response.read()
                    writes.append(response.status)
                except Exception as e:
                    writes.append(type(e).__name__)
            started = time.time()
            health_held = None
            while time.time() - started < HOLD_S and member.poll() is None:
                if request(base + "/health", timeout=0.5) == 200:
                    health_held = time.time() - started
                    break
                time.sleep(0.1)
            for s in held:
                s.close()
            closed_at = time.time()
            health = None
            while time.time() - closed_at < WAIT_S and member.poll() is None:
                health = request(base + "/health")
                if health == 200:
                    break
                time.sleep(0.05)
            dead_for = time.time() - closed_at
            put = request(base + "/v2/keys/fd-bench", "PUT", b"value=after") \
                if health == 200 else None
            print(f"connects that failed or timed out: {refused} (stops after 5 in a row)")
            print(f"member descriptors while {len(held)} sockets held: {held_fds}")
            print(f"PUTs on a connection opened before the flood: {writes}")
            if health_held is not None:
                print(f"/health while the sockets are held: 200 after {health_held:.1f} s")
            else:
                print(f"/health while the sockets are held: no answer in {HOLD_S:.0f} s")
            if health == 200:
                print(f"/health after closing them: 200 after {dead_for:.2f} s")
            else:
                print(f"/health after closing them: no answer in {WAIT_S:.0f} s")
            print(f"PUT on a new connection after closing them: {put}")
            print(f"member still running: {member.poll() is None}")
        finally:
            member.terminate()
            try:
                member.wait(10)
            except subprocess.TimeoutExpired:
                member.kill()
            log.seek(0)
            seen, interesting = set(), []
            for line in log.read().splitlines():
                if "open-file limit" in line or " W |" in line or " E |" in line:
                    key = line.split("|", 1)[-1][:60]
                    if key not in seen:
                        seen.add(key)
                        interesting.append(line)
            for line in interesting[:10]:
                print("  log:", line[:200])


if __name__ == "__main__":
    main()
