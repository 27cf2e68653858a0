# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors

"""Client workloads of one chaos round, recording what they saw for the checkers.

Job: while the nemesis runs, drive three workloads against random members:
  - Registers: per key, a few threads doing write / compare-and-swap
    (prevValue) / quorum read, every value unique; recorded as checker.Op.
  - Unique writes: creates (prevExist=false) of fresh keys; acknowledged ones
    must all be there at the end.
  - Watchers: one recursive watch per member on /chaos, continued with
    waitIndex = last index + 1 across disconnects; a 401 "event index cleared"
    starts a new segment from a fresh quorum get (allowed, counted).
Threading: every worker is a thread of its own writing only its own lists;
the main thread reads them after stop() has joined every worker. Times are
time.monotonic() in this process (one clock for all clients, as checker needs).
"""

import random
import threading
import time

import client
from checker import Op

PREFIX = "/chaos"
OP_TIMEOUT = 2.0


def _classify_write(status, doc):
    """'ok', 'fail' (certainly not applied) or 'info' for a PUT answer."""
    if status in (200, 201):
        return "ok"
    if status in (404, 412) and doc and doc.get("errorCode") in (100, 101, 105):
        return "fail"
    return "info"


class Workload:
    def __init__(self, cluster, rng_seed, keys=5, threads_per_key=3, unique_threads=2, quorum_reads=True):
        self.cluster = cluster
        # False only for the harness self-check (--unsafe-local-reads): plain reads
        # are served from a member's own copy and may be stale, which must be caught.
        self.read_params = {"quorum": "true"} if quorum_reads else {}
        self.seed = rng_seed
        self.keys = ["%s/r/k%d" % (PREFIX, i) for i in range(keys)]
        self.threads_per_key = threads_per_key
        self.unique_threads = unique_threads
        self.stopping = threading.Event()  # writers
        self.watch_stopping = threading.Event()
        self.threads = []  # writers
        self.watchers = []
        self.ops = []  # checker.Op, appended under _lock
        self.acked = {}  # unique key -> value
        self.indeterminate = {}
        self.known = {}  # index -> (key, action, value) from acknowledged writes
        self.watch = {}  # member name -> list of (from_index, [events])
        self.cleared = 0
        self._lock = threading.Lock()
        self._next_process = 0

    # --- helpers ------------------------------------------------------------

    def _ips(self):
        ips = self.cluster.client_ips()
        return ips or [None]

    def _process(self):
        with self._lock:
            self._next_process += 1
            return self._next_process

    def _record(self, op):
        with self._lock:
            self.ops.append(op)

    def _remember(self, doc):
        node = (doc or {}).get("node") or {}
        if "modifiedIndex" in node:
            with self._lock:
                self.known[node["modifiedIndex"]] = (node.get("key"), doc.get("action"), node.get("value"))

    # --- registers ----------------------------------------------------------

    def register_op(self, ip, process, key, kind, value=None, expected=None):
        call = time.monotonic()
        try:
            if kind == "read":
                status, _, doc = client.request(ip, "GET", "/v2/keys" + key, params=self.read_params,
                                                timeout=OP_TIMEOUT)
            elif kind == "write":
                status, _, doc = client.request(ip, "PUT", "/v2/keys" + key, form={"value": value},
                                                timeout=OP_TIMEOUT)
            else:
                status, _, doc = client.request(ip, "PUT", "/v2/keys" + key, params={"prevValue": expected},
                                                form={"value": value}, timeout=OP_TIMEOUT)
        except client.Unanswered:
            status, doc = None, None
        ret = time.monotonic()
        arg = value if kind == "write" else ((expected, value) if kind == "cas" else None)
        if kind == "read":
            if status == 200 and doc and doc.get("node"):
                op = Op(process, kind, key, arg, call, ret, "ok", doc["node"].get("value"))
            elif status == 404 and doc and doc.get("errorCode") == 100:
                op = Op(process, kind, key, arg, call, ret, "ok", None)
            else:
                op = Op(process, kind, key, arg, call, None, "info", None)
        else:
            outcome = _classify_write(status, doc) if status is not None else "info"
            if outcome == "ok":
                self._remember(doc)
            op = Op(process, kind, key, arg, call, ret if outcome != "info" else None, outcome, None)
        self._record(op)
        return op

    def _register_worker(self, key, n):
        rng = random.Random("%s-%s-%d" % (self.seed, key, n))
        process = self._process()
        last_seen = None
        counter = 0
        while not self.stopping.is_set():
            ip = rng.choice(self._ips())
            if ip is None:
                time.sleep(0.05)
                continue
            counter += 1
            value = "%d.%d" % (process, counter)
            r = rng.random()
            if r < 0.4:
                op = self.register_op(ip, process, key, "read")
                if op.status == "ok":
                    last_seen = op.result
            elif r < 0.7 or last_seen is None:
                op = self.register_op(ip, process, key, "write", value=value)
            else:
                op = self.register_op(ip, process, key, "cas", value=value, expected=last_seen)
            if op.status == "info":
                # Like a Knossos process that crashed: continue as a new process.
                process = self._process()
            time.sleep(rng.uniform(0.01, 0.06))

    # --- unique writes ------------------------------------------------------

    def unique_write(self, ip, key, value):
        try:
            status, _, doc = client.request(ip, "PUT", "/v2/keys" + key, params={"prevExist": "false"},
                                            form={"value": value}, timeout=OP_TIMEOUT)
        except client.Unanswered:
            status, doc = None, None
        outcome = _classify_write(status, doc) if status is not None else "info"
        with self._lock:
            if outcome == "ok":
                self.acked[key] = value
            elif outcome == "info":
                self.indeterminate[key] = value
        if outcome == "ok":
            self._remember(doc)
        return outcome

    def _unique_worker(self, n):
        rng = random.Random("%s-u-%d" % (self.seed, n))
        i = 0
        while not self.stopping.is_set():
            ip = rng.choice(self._ips())
            if ip is None:
                time.sleep(0.05)
                continue
            i += 1
            self.unique_write(ip, "%s/u/%d-%d" % (PREFIX, n, i), "%d-%d" % (n, i))
            time.sleep(rng.uniform(0.01, 0.04))

    def burst(self, count, ips, threads=8, name="b"):
        """Many unique writes to ips as fast as possible (snapshot nemesis); returns how many were acknowledged."""
        done = []

        def work(t):
            ok = 0
            rng = random.Random("%s-burst-%s-%d" % (self.seed, name, t))
            for i in range(t, count, threads):
                if self.stopping.is_set():
                    break
                if self.unique_write(rng.choice(ips), "%s/%s/%d" % (PREFIX, name, i), str(i)) == "ok":
                    ok += 1
            done.append(ok)

        ts = [threading.Thread(target=work, args=(t,), daemon=True) for t in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        return sum(done)

    # --- watchers -----------------------------------------------------------

    def _watcher(self, member):
        segments = [(1, [])]
        self.watch[member.name] = segments
        next_index = 1
        while not self.watch_stopping.is_set():
            try:
                status, _, doc = client.open_watch(member.ip, PREFIX, next_index, timeout=1.5)
            except client.Unanswered:
                time.sleep(0.05)
                continue
            if status == 200 and doc and doc.get("node"):
                node = doc["node"]
                idx = node.get("modifiedIndex", 0)
                segments[-1][1].append((idx, node.get("key"), doc.get("action"), node.get("value")))
                next_index = idx + 1
            elif status == 400 and doc and doc.get("errorCode") == 401:
                # The member's event history no longer reaches next_index: allowed,
                # but explicit. Restart after everything a fresh read reflects.
                try:
                    st, index, _ = client.request(member.ip, "GET", "/v2/keys" + PREFIX,
                                                  params={"quorum": "true"}, timeout=OP_TIMEOUT)
                except client.Unanswered:
                    continue
                if st in (200, 404) and index is not None:
                    with self._lock:
                        self.cleared += 1
                    next_index = index + 1
                    segments.append((next_index, []))
            else:
                time.sleep(0.1)

    def watch_position(self, name):
        segs = self.watch.get(name) or []
        last = [e[0] for _, evs in segs for e in evs]
        return max(last) if last else 0

    # --- lifecycle ----------------------------------------------------------

    def start(self):
        for m in self.cluster.members():
            self.watchers.append(threading.Thread(target=self._watcher, args=(m,), daemon=True))
        for key in self.keys:
            for n in range(self.threads_per_key):
                self.threads.append(threading.Thread(target=self._register_worker, args=(key, n), daemon=True))
        for n in range(self.unique_threads):
            self.threads.append(threading.Thread(target=self._unique_worker, args=(n,), daemon=True))
        for t in self.threads + self.watchers:
            t.start()

    def stop_writers(self):
        """Stops register and unique-write threads; watchers keep running."""
        self.stopping.set()

    def stop_watchers(self):
        self.watch_stopping.set()

    def join(self, timeout=10):
        """Joins the threads told to stop (writers, and watchers once stop_watchers() ran)."""
        deadline = time.monotonic() + timeout
        for t in self.threads + (self.watchers if self.watch_stopping.is_set() else []):
            t.join(max(0.1, deadline - time.monotonic()))
