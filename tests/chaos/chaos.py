#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
"""Jepsen-style chaos rounds against qetcd (and etcd 3.4 for comparison).

Usage (root, or any user allowed to create user namespaces):
  chaos.py --qetcd build/bin/qetcd [--target qetcd|etcd|both] [--rounds N] [--seed S]
           [--nemesis kill,pause,...] [--members 3|5] [--fault-seconds F] [--out DIR]

Each round starts a fresh cluster, runs the workloads (workload.py) for a few
seconds, injects one nemesis (nemesis.py; one per round, the list shuffled
block-wise from --seed), heals, lets the cluster recover, stops the writers,
reads everything back with quorum reads and runs the checkers (checker.py).
Prints a detail line per anomaly and one summary line per target, saves logs
and histories under --out, and exits 1 on any anomaly of qetcd (with --target
both, etcd's anomalies are printed for comparison but do not fail the run).

Isolation: the script re-executes itself under `unshare --net --mount --pid
--fork --kill-child`: namespaces, veths, the bridge, tmpfs disks and every
member process exist only inside and die with it, also on Ctrl-C or SIGKILL.
The qetcd binary is copied to a private directory first, so a rebuild during
the run cannot change it.
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep the source tree clean

import checker  # noqa: E402
import client  # noqa: E402
import nemesis  # noqa: E402
from cluster import Cluster  # noqa: E402
from netns import Network  # noqa: E402
from workload import PREFIX, Workload  # noqa: E402

WARMUP_SECONDS = 2.0
RECOVERY_SECONDS = 3.0
HEAL_DEADLINE = 30.0


def schedule(seed, rounds, names):
    """The nemesis of every round: each block of len(names) rounds is a shuffle of names."""
    rng = random.Random(seed)
    out = []
    while len(out) < rounds:
        block = names[:]
        rng.shuffle(block)
        out.extend(block)
    return out[:rounds]


class RoundContext:
    """What a nemesis sees of its round; collects notes, counters and anomalies."""

    def __init__(self, target, round_no, seed, cluster, net, workload, fault_seconds, clock_member):
        self.target, self.round_no = target, round_no
        self.rng = random.Random("%s-%d" % (seed, round_no))
        self.cluster, self.net, self.workload = cluster, net, workload
        self.fault_seconds = fault_seconds
        self.clock_member = clock_member
        self.notes, self.anomalies, self.stats = [], [], {}
        self._abort = threading.Event()
        self._lock = threading.Lock()
        self.t0 = time.monotonic()

    def aborted(self):
        return self._abort.is_set()

    def note(self, text):
        with self._lock:
            self.notes.append("%6.2f %s" % (time.monotonic() - self.t0, text))

    def anomaly(self, text):
        self.note("ANOMALY " + text)
        with self._lock:
            self.anomalies.append(text)

    def stats_add(self, name):
        with self._lock:
            self.stats[name] = self.stats.get(name, 0) + 1


def heal(ctx, nemesis_name):
    """Ends every fault: network, pauses, dead members (restarted on their data)."""
    ctx.net.heal()
    for m in ctx.cluster.members():
        if m.paused:
            m.signal(signal.SIGCONT)
    for m in ctx.cluster.members():
        if not m.alive():
            if not m.expected_exit:
                ctx.anomaly("%s exited by itself (status %s) during %s: %s"
                            % (m.name, m.proc.returncode if m.proc else None, nemesis_name, m.log_tail(3)))
            ctx.note("heal: restart %s" % m.name)
            ctx.cluster.restart(m)
    if not ctx.cluster.wait_healthy(time.monotonic() + HEAL_DEADLINE):
        states = ", ".join("%s alive=%s" % (m.name, m.alive()) for m in ctx.cluster.members())
        ctx.anomaly("cluster not healthy %ds after healing (%s; %s)" % (HEAL_DEADLINE, states, ctx.net.describe()))
        for m in ctx.cluster.members():
            if not m.alive():
                ctx.note("%s log tail: %s" % (m.name, m.log_tail(5)))
        return False
    return True


def final_reads(ctx, wl):
    """Quorum reads of every register (part of the history) and of all unique keys."""
    ips = ctx.cluster.client_ips()
    for key in wl.keys:
        for attempt in range(10):
            op = wl.register_op(ips[attempt % len(ips)], 0, key, "read")
            if op.status == "ok":
                break
            time.sleep(0.3)
    final = {}
    for sub in ("u", "b"):
        for attempt in range(10):
            try:
                status, _, doc = client.request(ips[attempt % len(ips)], "GET", "/v2/keys%s/%s" % (PREFIX, sub),
                                                params={"quorum": "true", "recursive": "true"}, timeout=5)
            except client.Unanswered:
                status, doc = None, None
            if status == 200:
                for n in (doc.get("node") or {}).get("nodes") or []:
                    final[n["key"]] = n.get("value")
                break
            if status == 404:
                break
            time.sleep(0.3)
        else:
            ctx.anomaly("final quorum read of %s/%s never succeeded" % (PREFIX, sub))
            return None
    return final


def wait_watchers(ctx, wl, timeout=15.0):
    """Waits until every live watcher has seen the newest acknowledged index."""
    newest = max(wl.known) if wl.known else 0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        behind = [n for n in wl.watch if wl.watch_position(n) < newest]
        if not behind:
            return
        time.sleep(0.2)
    for name in behind:
        m = ctx.cluster.all[name]
        if name in ctx.cluster.config and m.alive():
            ctx.anomaly("watch %s stalled at index %d, newest acknowledged write is %d"
                        % (name, wl.watch_position(name), newest))


def run_round(args, target, binary, round_no, nemesis_name, net, cluster, out_dir):
    round_dir = os.path.join(out_dir, target, "round-%03d-%s" % (round_no, nemesis_name))
    os.makedirs(round_dir, exist_ok=True)
    rng = random.Random("%s-%d-setup" % (args.seed, round_no))
    clock_member = net.names[rng.randrange(args.members)] if nemesis_name == "clock" else None
    cluster.start_fresh(round_no, round_dir, fake_clock_member=clock_member)
    started = time.monotonic()
    wl = Workload(cluster, "%s-%d" % (args.seed, round_no), quorum_reads=not args.unsafe_local_reads)
    ctx = RoundContext(target, round_no, args.seed, cluster, net, wl, args.fault_seconds,
                       cluster.all[clock_member] if clock_member else None)
    if not cluster.wait_healthy(time.monotonic() + 30):
        ctx.anomaly("fresh cluster not healthy after 30s: %s"
                    % "; ".join("%s: %s" % (m.name, m.log_tail(2)) for m in cluster.members()))
        return ctx, wl, round_dir, False
    ctx.note("cluster healthy after %.1fs" % (time.monotonic() - started))
    wl.start()
    time.sleep(WARMUP_SECONDS)
    ctx.note("nemesis %s" % nemesis_name)
    try:
        nemesis.ALL[nemesis_name](ctx)
    except Exception:
        ctx.anomaly("harness: nemesis %s raised: %s" % (nemesis_name, traceback.format_exc().strip()))
    ctx.note("heal")
    healthy = heal(ctx, nemesis_name)
    if healthy:
        time.sleep(RECOVERY_SECONDS)
    wl.stop_writers()
    wl.join(timeout=OP_JOIN_SECONDS)
    ctx.note("writers stopped")
    final = final_reads(ctx, wl) if healthy else None
    if healthy:
        wait_watchers(ctx, wl)
    ctx.note("final reads done")
    wl.stop_watchers()
    wl.join(timeout=OP_JOIN_SECONDS)
    cluster.stop_all()
    ctx.note("cluster stopped")
    check(ctx, wl, final)
    ctx.note("checked")
    return ctx, wl, round_dir, healthy


OP_JOIN_SECONDS = 8


def check(ctx, wl, final):
    anomalies, unknown = checker.check_registers(wl.ops)
    for a in anomalies:
        ctx.anomaly(a)
    for u in unknown:
        ctx.stats_add("inconclusive")
        ctx.note("linearizability inconclusive: %s" % u)
    if final is not None:
        for a in checker.check_lost_writes(wl.acked, wl.indeterminate, final):
            ctx.anomaly(a)
    known = dict(wl.known)
    for segs in wl.watch.values():
        for _, events in segs:
            for ev in events:
                known.setdefault(ev[0], tuple(ev[1:]))
    for name in sorted(wl.watch):
        for a in checker.check_watch_stream(name, wl.watch[name], known):
            ctx.anomaly(a)


def save(ctx, wl, round_dir):
    with open(os.path.join(round_dir, "history.json"), "w") as f:
        json.dump({"ops": [o._asdict() for o in wl.ops], "acked": wl.acked, "indeterminate": wl.indeterminate,
                   "watch": wl.watch, "notes": ctx.notes, "anomalies": ctx.anomalies, "stats": ctx.stats}, f)
    with open(os.path.join(round_dir, "notes.txt"), "w") as f:
        f.write("\n".join(ctx.notes) + "\n")


def run_target(args, target, binary, plan, net, fs_root):
    cluster = Cluster(target, binary, args.members, net, fs_root)
    totals = {"ops": 0, "anomalies": 0, "cleared": 0, "counts": {}, "stats": {}, "anomalous": {}}
    for i, name in enumerate(plan, 1):
        started = time.monotonic()
        ctx, wl, round_dir, _ = run_round(args, target, binary, i, name, net, cluster, args.out)
        save(ctx, wl, round_dir)
        totals["ops"] += len(wl.ops) + len(wl.acked) + len(wl.indeterminate)
        totals["anomalies"] += len(ctx.anomalies)
        if ctx.anomalies:
            totals["anomalous"][name] = totals["anomalous"].get(name, 0) + 1
        totals["cleared"] += wl.cleared
        totals["counts"][name] = totals["counts"].get(name, 0) + 1
        for k, v in ctx.stats.items():
            totals["stats"][k] = totals["stats"].get(k, 0) + v
        for a in ctx.anomalies:
            print("ANOMALY %s round %d (%s, seed %s): %s" % (target, i, name, args.seed, a), flush=True)
        if args.verbose:
            print("%s round %d %s: %d ops, %d anomalies, %.1fs" % (target, i, name, len(wl.ops), len(ctx.anomalies),
                                                                   time.monotonic() - started), flush=True)
    cluster.stop_all()
    return totals


def summary(target, rounds, totals):
    counts = " ".join("%s=%d" % (k, totals["counts"].get(k, 0)) for k in nemesis.NEMESES if k in totals["counts"])
    stats = " ".join("%s=%d" % kv for kv in sorted(totals["stats"].items()))
    bad = ",".join("%s=%d" % kv for kv in sorted(totals["anomalous"].items()))
    return ("chaos %s: rounds=%d ops=%d anomalies=%d%s [%s] %s watch-401-restarts=%d"
            % (target, rounds, totals["ops"], totals["anomalies"], " (rounds with anomalies: %s)" % bad if bad else "",
               counts, stats, totals["cleared"]))


def inside(args):
    """Runs in the private namespaces: topology, then every target's rounds."""
    net = Network(args.members)
    net.setup()
    fs_root = tempfile.mkdtemp(prefix="chaos-fs-", dir="/run")
    net.enter_client_namespace()
    names = args.nemesis.split(",")
    plan = schedule(args.seed, args.rounds, names)
    targets = ["qetcd", "etcd"] if args.target == "both" else [args.target]
    lines, failed = [], False
    for target in targets:
        binary = args.qetcd if target == "qetcd" else args.etcd
        totals = run_target(args, target, binary, plan, net, fs_root)
        lines.append(summary(target, len(plan), totals))
        print(lines[-1], flush=True)
        # etcd beside qetcd is the reference: its anomalies are printed, not fatal.
        if target == "qetcd" or len(targets) == 1:
            failed |= totals["anomalies"] > 0
    with open(os.path.join(args.out, "summary.txt"), "w") as f:
        f.write("seed=%s members=%d nemeses=%s\n%s\n" % (args.seed, args.members, args.nemesis, "\n".join(lines)))
    return 1 if failed else 0


# Exit status when the rounds cannot be isolated here (ctest's SKIP_RETURN_CODE).
CANNOT_ISOLATE = 77


def root_is_a_mount():
    """Whether this process's / is a mount point of its own (not so in a plain chroot)."""
    with open("/proc/self/mountinfo") as f:
        return any(line.split()[4] == "/" for line in f if len(line.split()) > 4)


def outside(args, argv):
    """Copies the binary, then re-runs this script inside fresh namespaces."""
    if not root_is_a_mount():
        # unshare cannot make the new mount namespace private then ("cannot change root
        # filesystem propagation"), and mounting with the propagation unchanged would leak
        # every tmpfs and netns mount of the rounds into the host's namespace.
        print("chaos: / is not a mount point here (a chroot?): the rounds cannot be isolated "
              "in private namespaces, so none is run", flush=True)
        return CANNOT_ISOLATE
    private = tempfile.mkdtemp(prefix="qetcd-chaos-")
    try:
        cmd = ["unshare", "--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc"]
        if os.geteuid() != 0:
            cmd[1:1] = ["--user", "--map-root-user"]
        argv = list(argv)
        if args.target in ("qetcd", "both"):
            copy = os.path.join(private, "qetcd")
            shutil.copy2(args.qetcd, copy)
            argv += ["--qetcd", copy]
        os.makedirs(args.out, exist_ok=True)
        argv += ["--out", os.path.abspath(args.out), "--seed", args.seed]
        env = dict(os.environ, QETCD_CHAOS_INSIDE="1")

        def on_term(signum, frame):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, on_term)
        proc = subprocess.Popen(cmd + [sys.executable, os.path.abspath(__file__)] + argv, env=env)
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.send_signal(signal.SIGKILL)  # --kill-child takes everything inside with it
            proc.wait()
            return 130
    finally:
        shutil.rmtree(private, ignore_errors=True)


def main(argv):
    p = argparse.ArgumentParser(description="Jepsen-style chaos rounds against qetcd and etcd")
    p.add_argument("--qetcd", default=os.path.join(HERE, "..", "..", "build", "bin", "qetcd"))
    p.add_argument("--etcd", default=shutil.which("etcd") or "/usr/bin/etcd")
    p.add_argument("--target", choices=["qetcd", "etcd", "both"], default="qetcd")
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--seed", default=str(int(time.time())))
    p.add_argument("--nemesis", default=",".join(nemesis.NEMESES))
    p.add_argument("--members", type=int, choices=[3, 5], default=3)
    p.add_argument("--fault-seconds", type=float, default=8.0)
    p.add_argument("--out", default=os.path.join(HERE, "..", "..", "bench", "results", "chaos"))
    p.add_argument("-v", "--verbose", action="store_true", help="one line per round")
    p.add_argument("--unsafe-local-reads", action="store_true",
                   help="self-check of the harness: register reads without quorum=true, which may be stale; "
                        "partition rounds should then report linearizability anomalies")
    args = p.parse_args(argv)
    unknown = set(args.nemesis.split(",")) - set(nemesis.NEMESES)
    if unknown:
        p.error("unknown nemesis %s (known: %s)" % (",".join(sorted(unknown)), ",".join(nemesis.NEMESES)))
    if os.environ.get("QETCD_CHAOS_INSIDE") == "1":
        return inside(args)
    for t, path in (("qetcd", args.qetcd), ("etcd", args.etcd)):
        if args.target in (t, "both") and not os.access(path, os.X_OK):
            p.error("%s binary not found: %s" % (t, path))
    print("chaos: seed=%s rounds=%d members=%d target=%s out=%s" % (args.seed, args.rounds, args.members,
                                                                   args.target, os.path.abspath(args.out)), flush=True)
    return outside(args, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
