# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors

"""Members of one chaos round: processes, data directories, membership.

Job: start qetcd or etcd members in their namespaces with etcd's flags, signal
them, find the leader, remove and re-add members through the v2 members API.
Ownership: a Member owns its process and its data directory, which lives on a
tmpfs of its own (so the disk-full nemesis fills exactly one member's disk);
the tmpfs is mounted in the run's private mount namespace and vanishes with it.
Threading: the nemesis thread changes processes and membership while client
threads only read `client_ips()`; `Cluster.lock` guards the member table.
"""

import os
import re
import shutil
import signal
import subprocess
import threading
import time

import client
from netns import Network, run

FAKETIME_LIB = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"
SNAPSHOT_COUNT = 100
DISK_MB = 256  # etcd preallocates 64 MiB WAL segments


class StaleConflict(Exception):
    """A members API answer that contradicts a change acknowledged before the request."""


class Member:
    def __init__(self, name, target, binary, fs_root, net):
        self.name, self.target, self.binary, self.net = name, target, binary, net
        self.ip = Network.ip_of(name)
        self.fs = os.path.join(fs_root, name)
        self.data_dir = os.path.join(self.fs, "data")
        self.clock_file = os.path.join("/run", "faketime-" + name)
        self.proc = None
        self.log_path = None
        self.paused = False
        self.expected_exit = False  # set when the harness itself stops the process
        os.makedirs(self.fs, exist_ok=True)
        run("mount", "-t", "tmpfs", "-o", "size=%dm" % DISK_MB, "chaos-" + name, self.fs)

    @property
    def peer_url(self):
        return "http://%s:%d" % (self.ip, client.PEER_PORT)

    @property
    def client_url(self):
        return "http://%s:%d" % (self.ip, client.CLIENT_PORT)

    def wipe(self):
        for entry in os.listdir(self.fs):
            p = os.path.join(self.fs, entry)
            shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.unlink(p)

    def start(self, initial_cluster, state, token, log_path, fake_clock=False):
        flags = ["--name", self.name, "--data-dir", self.data_dir,
                 "--listen-client-urls", self.client_url, "--advertise-client-urls", self.client_url,
                 "--listen-peer-urls", self.peer_url, "--initial-advertise-peer-urls", self.peer_url,
                 "--initial-cluster", initial_cluster, "--initial-cluster-state", state,
                 "--initial-cluster-token", token, "--snapshot-count", str(SNAPSHOT_COUNT)]
        if self.target == "etcd":
            flags += ["--enable-v2=true"]
        env = dict(os.environ)
        if fake_clock:
            if not os.path.exists(self.clock_file):
                with open(self.clock_file, "w") as f:
                    f.write("+0\n")
            # Only the wall clock jumps (as with an NTP step); monotonic time,
            # which timers use, never goes backwards on a real machine.
            env.update(LD_PRELOAD=FAKETIME_LIB, FAKETIME_TIMESTAMP_FILE=self.clock_file,
                       FAKETIME_CACHE_DURATION="1", FAKETIME_DONT_FAKE_MONOTONIC="1")
        self.log_path = log_path
        self.start_args = (initial_cluster, state, token, log_path, fake_clock)
        log = open(log_path, "ab")
        log.write(("=== start %s %s\n" % (state, time.strftime("%H:%M:%S"))).encode())
        log.flush()
        self.proc = subprocess.Popen(self.net.exec_prefix(self.name) + [self.binary] + flags,
                                     stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        log.close()
        self.paused = False
        self.expected_exit = False

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def signal(self, sig):
        if self.alive():
            if sig == signal.SIGKILL:
                self.expected_exit = True
            self.proc.send_signal(sig)
            self.paused = sig == signal.SIGSTOP or (self.paused and sig != signal.SIGCONT)

    def kill(self):
        if self.alive():
            self.expected_exit = True
            if self.paused:
                self.proc.send_signal(signal.SIGCONT)
            self.proc.kill()
            self.proc.wait()
        self.paused = False

    def exit_status(self, timeout):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def log_tail(self, n=5):
        try:
            with open(self.log_path, "rb") as f:
                lines = f.read().decode(errors="replace").splitlines()
            return "\n".join(lines[-n:])
        except OSError:
            return ""

    def log_matches(self, pattern, after_offset=0):
        try:
            with open(self.log_path, "rb") as f:
                f.seek(after_offset)
                return re.search(pattern, f.read().decode(errors="replace")) is not None
        except OSError:
            return False

    def log_size(self):
        try:
            return os.path.getsize(self.log_path)
        except (OSError, TypeError):
            return 0

    def jump_clock(self, offset_seconds):
        with open(self.clock_file, "w") as f:
            f.write("%+d\n" % offset_seconds)


class Cluster:
    def __init__(self, target, binary, size, net, fs_root):
        self.target, self.size, self.net = target, size, net
        self.lock = threading.RLock()
        self.all = {n: Member(n, target, binary, fs_root, net) for n in net.names}
        self.config = []  # names of the members of the cluster, in order
        self.token = None
        self.log_dir = None

    def members(self):
        with self.lock:
            return [self.all[n] for n in self.config]

    def client_ips(self):
        with self.lock:
            return [self.all[n].ip for n in self.config]

    def log_path(self, name):
        return os.path.join(self.log_dir, "%s.log" % name)

    def start_fresh(self, round_no, log_dir, fake_clock_member=None):
        self.log_dir = log_dir
        self.token = "chaos-%s-%d-%d" % (self.target, round_no, os.getpid())
        with self.lock:
            self.config = self.net.names[:self.size]
            initial = ",".join("%s=%s" % (n, self.all[n].peer_url) for n in self.config)
            for m in self.all.values():
                m.kill()
                m.wipe()
                m.fake_clock = False
                if os.path.exists(m.clock_file):
                    os.unlink(m.clock_file)
            for n in self.config:
                m = self.all[n]
                m.fake_clock = n == fake_clock_member
                m.start(initial, "new", self.token, self.log_path(n), fake_clock=m.fake_clock)

    def stop_all(self):
        for m in self.all.values():
            m.kill()

    def restart(self, m):
        """Start a member again on its existing data, with the flags it first had."""
        m.start(*m.start_args)

    def leader(self, timeout=0.5):
        for m in self.members():
            if not m.alive() or m.paused:
                continue
            try:
                status, _, doc = client.request(m.ip, "GET", "/v2/stats/self", timeout=timeout)
            except client.Unanswered:
                continue
            if status == 200 and doc and doc.get("state") == "StateLeader":
                return m
        return None

    def healthy(self, m, timeout=1.0):
        try:
            status, _, _ = client.request(m.ip, "GET", "/v2/keys/chaos-health",
                                          params={"quorum": "true"}, timeout=timeout)
        except client.Unanswered:
            return False
        return status in (200, 404)

    def wait_healthy(self, deadline):
        """True once every member of the configuration answers a quorum read."""
        while time.monotonic() < deadline:
            if all(m.alive() and self.healthy(m) for m in self.members()):
                return True
            time.sleep(0.2)
        return False

    def member_list(self, via, timeout=2.0):
        status, _, doc = client.request(via.ip, "GET", "/v2/members", timeout=timeout)
        if status != 200 or not doc:
            raise RuntimeError("GET /v2/members on %s: %s" % (via.name, status))
        return doc.get("members", [])

    def remove_member(self, m, via, timeout=5.0):
        """Removes m from the configuration through member `via`; True on success."""
        ids = [x["id"] for x in self.member_list(via) if m.peer_url in x.get("peerURLs", [])]
        if not ids:
            return True
        status, _, doc = client.request(via.ip, "DELETE", "/v2/members/" + ids[0], timeout=timeout)
        if status in (204, 200, 410, 404):
            with self.lock:
                if m.name in self.config:
                    self.config.remove(m.name)
            return True
        raise RuntimeError("DELETE member %s: %s %s" % (m.name, status, doc))

    def add_member(self, m, via, timeout=5.0):
        """Adds m (with an empty data dir) through `via` and starts it to join."""
        status, _, doc = client.request(via.ip, "POST", "/v2/members", body={"peerURLs": [m.peer_url]},
                                        timeout=timeout)
        if status == 409:
            # Nobody but the harness changes membership, and it removed m (acknowledged)
            # before asking: "peerURL exists" can only come from a stale view.
            raise StaleConflict("POST /v2/members %s to %s answered 409 %s" % (m.peer_url, via.name, doc))
        if status not in (200, 201):
            raise RuntimeError("POST member %s: %s %s" % (m.name, status, doc))
        with self.lock:
            if m.name not in self.config:
                self.config.append(m.name)
            initial = ",".join("%s=%s" % (n, self.all[n].peer_url) for n in self.config)
        m.kill()
        m.wipe()
        m.start(initial, "existing", self.token, self.log_path(m.name), fake_clock=m.fake_clock)
