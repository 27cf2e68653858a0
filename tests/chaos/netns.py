# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors

"""Private network for one chaos run: a bridge, one namespace per member, one for clients.

Job: build the topology, cut and heal links, and run commands inside a namespace.
Invariants: only called inside the private network + mount namespaces chaos.py
creates with unshare(1), so every address, route, veth and namespace exists
only there and disappears with the run, even after SIGKILL (nothing to clean up
on the host). The bridge lives in the run's initial namespace, named "hub" so
it can be reached once this process has moved into the client namespace.
Threading: the nemesis thread and the main thread call in; every method runs
`ip` commands, which are atomic per call; no shared Python state but `_cuts`,
guarded by a lock.
"""

import ctypes
import os
import subprocess
import threading

SUBNET = "10.77.0"
CLONE_NEWNET = 0x40000000


def run(*cmd, check=True):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and r.returncode != 0:
        raise RuntimeError("%s: %s" % (" ".join(cmd), r.stderr.strip()))
    return r


class Network:
    def __init__(self, member_count, spare=2):
        # Members that may be added later (membership nemesis) get a namespace
        # up front: up to `spare` more than the initial count.
        self.names = ["m%d" % i for i in range(1, member_count + spare + 1)]
        self._cuts = set()  # (namespace, peer ip) blackhole routes in place
        self._down = set()  # hub-side veth names set down
        self._lock = threading.Lock()

    @staticmethod
    def ip_of(name):
        return "%s.%d" % (SUBNET, 10 + int(name[1:])) if name.startswith("m") else "%s.2" % SUBNET

    def setup(self):
        # /run is private to this mount namespace: `ip netns` keeps its files there.
        run("mount", "-t", "tmpfs", "chaos-run", "/run")
        os.makedirs("/run/netns", exist_ok=True)
        open("/run/netns/hub", "w").close()
        run("mount", "--bind", "/proc/self/ns/net", "/run/netns/hub")
        run("ip", "link", "set", "lo", "up")
        run("ip", "link", "add", "br0", "type", "bridge")
        run("ip", "link", "set", "br0", "up")
        for ns in self.names + ["cl"]:
            run("ip", "netns", "add", ns)
            run("ip", "link", "add", "v" + ns, "type", "veth", "peer", "name", "eth0", "netns", ns)
            run("ip", "link", "set", "v" + ns, "master", "br0", "up")
            run("ip", "-n", ns, "addr", "add", self.ip_of(ns) + "/24", "dev", "eth0")
            run("ip", "-n", ns, "link", "set", "eth0", "up")
            run("ip", "-n", ns, "link", "set", "lo", "up")

    def enter_client_namespace(self):
        """Move this process (before it starts threads) into the client namespace."""
        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open("/run/netns/cl", os.O_RDONLY)
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns(cl)")
        os.close(fd)

    def exec_prefix(self, ns):
        return ["ip", "netns", "exec", ns]

    # --- faults -------------------------------------------------------------

    def cut(self, a, b):
        """Drop all traffic between members a and b (both directions)."""
        with self._lock:
            for src, dst in ((a, b), (b, a)):
                if (src, dst) not in self._cuts:
                    run("ip", "-n", src, "route", "add", "blackhole", self.ip_of(dst) + "/32")
                    self._cuts.add((src, dst))

    def partition(self, groups):
        """Cut every pair of members that are not in a common group."""
        members = sorted({m for g in groups for m in g})
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if not any(a in g and b in g for g in groups):
                    self.cut(a, b)

    def link_down(self, ns):
        """Unplug a namespace from the bridge: cut from members and clients alike."""
        with self._lock:
            run("ip", "-n", "hub", "link", "set", "v" + ns, "down")
            self._down.add(ns)

    def heal(self):
        with self._lock:
            for src, dst in sorted(self._cuts):
                run("ip", "-n", src, "route", "del", "blackhole", self.ip_of(dst) + "/32", check=False)
            self._cuts.clear()
            for ns in sorted(self._down):
                run("ip", "-n", "hub", "link", "set", "v" + ns, "up", check=False)
            self._down.clear()

    def describe(self):
        with self._lock:
            return "cuts=%s down=%s" % (sorted(self._cuts), sorted(self._down))
