#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
"""python-etcd against a 3-member qetcd cluster on loopback: writes, reads,
in-order keys, compare-and-swap, TTLs, watches with waitIndex, and a client
that keeps working when the member it talks to is killed."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import etcd

QETCD = sys.argv[1]
results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    if condition:
        results["passed"] += 1
        print("PASS", name)
    else:
        results["failed"] += 1
        print("FAIL", name, detail)


# This process's own loopback address, derived from its pid as tests/common/TestLoopback.h
# does (Linux routes all of 127.0.0.0/8 to lo): a port found free on it cannot be taken by
# another suite that `ctest -j` runs meanwhile, since none of them binds this address.
_PID = os.getpid() & 0x3FFFFF
HOST = "127.%d.%d.%d" % (1 + (_PID >> 16), (_PID >> 8) & 0xFF, _PID & 0xFF)


def free_port():
    s = socket.socket()
    s.bind((HOST, 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_cluster(tmp, names):
    ports = {n: (free_port(), free_port()) for n in names}
    initial = ",".join("%s=http://%s:%d" % (n, HOST, ports[n][1]) for n in names)
    procs = {}
    for n in names:
        client, peer = ports[n]
        log = open(os.path.join(tmp, n + ".log"), "w")
        procs[n] = subprocess.Popen([
            QETCD, "--name", n, "--data-dir", os.path.join(tmp, n),
            "--listen-client-urls", "http://%s:%d" % (HOST, client),
            "--advertise-client-urls", "http://%s:%d" % (HOST, client),
            "--listen-peer-urls", "http://%s:%d" % (HOST, peer),
            "--initial-advertise-peer-urls", "http://%s:%d" % (HOST, peer),
            "--initial-cluster", initial,
            "--heartbeat-interval", "50", "--election-timeout", "500"],
            stdout=log, stderr=subprocess.STDOUT)
    return ports, procs


def wait_healthy(port, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            c = etcd.Client(host=HOST, port=port, read_timeout=2)
            c.write("/probe", "x")
            return True
        except Exception:
            time.sleep(0.2)
    return False


def main():
    tmp = tempfile.mkdtemp(prefix="qetcd-python-")
    ports, procs = start_cluster(tmp, ["a", "b", "c"])
    try:
        check("cluster healthy", all(wait_healthy(ports[n][0]) for n in ports))
        hosts = tuple((HOST, ports[n][0]) for n in ["a", "b", "c"])
        client = etcd.Client(host=hosts, allow_reconnect=True, read_timeout=5)
        check("machines lists every member", len(client.machines) == 3, str(client.machines))

        client.write("/py/key", "hello")
        check("read back", client.read("/py/key").value == "hello")
        for n in ["a", "b", "c"]:
            other = etcd.Client(host=HOST, port=ports[n][0])
            check("quorum read on " + n, other.read("/py/key", quorum=True).value == "hello")

        first = client.write("/py/queue", "job1", append=True)
        second = client.write("/py/queue", "job2", append=True)
        check("in-order keys", int(first.key.split("/")[-1]) < int(second.key.split("/")[-1]))
        listing = client.read("/py/queue", recursive=True, sorted=True)
        check("sorted listing", [c.value for c in listing.children] == ["job1", "job2"])

        try:
            client.test_and_set("/py/key", "new", "wrong")
            check("compare-and-swap refuses a wrong value", False)
        except ValueError:
            check("compare-and-swap refuses a wrong value", True)
        client.test_and_set("/py/key", "new", "hello")
        check("compare-and-swap", client.read("/py/key").value == "new")

        client.write("/py/ttl", "soon", ttl=1)
        time.sleep(1.5)
        expired = False
        deadline = time.time() + 10  # the leader proposes the expiry; a loaded machine is slow
        while not expired and time.time() < deadline:
            try:
                client.read("/py/ttl")
                time.sleep(0.2)
            except etcd.EtcdKeyNotFound:
                expired = True
        check("ttl expiry", expired)

        got = {}
        # Watch from the next index: the write below is seen even if it lands before
        # the watch reaches member a.
        after = client.write("/py/watched", "before").modifiedIndex

        def watcher():
            got["value"] = client.watch("/py/watched", index=after + 1, timeout=10).value

        t = threading.Thread(target=watcher)
        t.start()
        etcd.Client(host=HOST, port=ports["b"][0]).write("/py/watched", "changed")
        t.join(12)
        check("watch sees a write made on another member", got.get("value") == "changed", str(got))

        index = client.write("/py/hist", "v1").modifiedIndex
        client.write("/py/hist", "v2")
        check("watch with waitIndex replays history",
              client.read("/py/hist", wait=True, waitIndex=index).value == "v1")

        # Kill the member the client uses first; it must move on to another.
        procs["a"].send_signal(signal.SIGKILL)
        procs["a"].wait()
        time.sleep(1.5)
        ok = False
        for _ in range(10):
            try:
                client.write("/py/after", "failover")
                ok = client.read("/py/after").value == "failover"
                break
            except etcd.EtcdException:
                time.sleep(0.5)
        check("client reconnects to another member when one dies", ok)
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (results["passed"], results["failed"]))
    return 0 if results["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
