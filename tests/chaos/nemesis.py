# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors

"""Nemeses: the faults one chaos round injects while the workloads run.

Job: each nemesis is a function nemesis(ctx) that runs in the nemesis thread
for about ctx.fault_seconds, injecting its fault (sometimes repeatedly), and
leaves healing to heal(). Choices come only from ctx.rng, seeded per round, so
a round replays with the same --seed (leader identity may differ run to run).
Expected outcomes (a member refusing to start on a damaged log, a member
exiting on a full disk) are recorded in ctx.stats; unexpected ones become
ctx.anomaly(...) with the evidence.
Threading: runs in one thread next to the workload threads; touches members
and the network only through Cluster and Network, which lock.
"""

import glob
import os
import signal
import struct
import time

from cluster import StaleConflict

NEMESES = ["kill", "pause", "partition", "wal", "disk", "clock", "member", "snapshot"]

# Log lines that prove a member installed a snapshot sent by the leader.
SNAPSHOT_INSTALLED = {"qetcd": r"installed snapshot at index", "etcd": r"applied incoming snapshot"}
# Entries a leader keeps behind its snapshot (qetcd: snapshot-count/2, etcd: 5000
# fixed); the snapshot nemesis writes more than that while a follower is cut off.
SNAPSHOT_BURST = {"qetcd": 400, "etcd": 5300}


def _sleep(ctx, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end and not ctx.aborted():
        time.sleep(min(0.1, end - time.monotonic()))


def _pick(ctx, leader_bias=0.5, exclude=()):
    """The leader (with probability leader_bias) or a random member."""
    members = [m for m in ctx.cluster.members() if m not in exclude]
    if not members:
        return None
    if ctx.rng.random() < leader_bias:
        leader = ctx.cluster.leader()
        if leader is not None and leader not in exclude:
            return leader
    return ctx.rng.choice(members)


def kill(ctx):
    end = time.monotonic() + ctx.fault_seconds
    while time.monotonic() < end - 2:
        victim = _pick(ctx)
        ctx.note("kill -9 %s" % victim.name)
        victim.kill()
        _sleep(ctx, ctx.rng.uniform(0.5, 2.5))
        ctx.cluster.restart(victim)
        _sleep(ctx, ctx.rng.uniform(1.0, 2.5))


def pause(ctx):
    end = time.monotonic() + ctx.fault_seconds
    while time.monotonic() < end - 1.5:
        victim = _pick(ctx)
        ctx.note("SIGSTOP %s" % victim.name)
        victim.signal(signal.SIGSTOP)
        _sleep(ctx, ctx.rng.uniform(1.0, 4.0))
        victim.signal(signal.SIGCONT)
        ctx.note("SIGCONT %s" % victim.name)
        _sleep(ctx, ctx.rng.uniform(0.5, 1.5))


def partition(ctx):
    names = [m.name for m in ctx.cluster.members()]
    mode = ctx.rng.choice(["halves", "isolated-leader", "bridge"])
    ctx.stats_add("partition-" + mode)
    if mode == "halves":
        shuffled = names[:]
        ctx.rng.shuffle(shuffled)
        k = len(shuffled) // 2
        groups = [shuffled[:k], shuffled[k:]]
        ctx.note("partition halves %s" % groups)
        ctx.net.partition(groups)
    elif mode == "isolated-leader":
        leader = ctx.cluster.leader() or _pick(ctx, 0)
        ctx.note("unplug leader %s from the bridge (clients too)" % leader.name)
        ctx.net.link_down(leader.name)
    else:
        # Jepsen's bridge: two halves that both see one member in the middle.
        shuffled = names[:]
        ctx.rng.shuffle(shuffled)
        mid = len(shuffled) // 2
        groups = [shuffled[:mid + 1], shuffled[mid:]]
        ctx.note("partition bridge %s via %s" % (groups, shuffled[mid]))
        ctx.net.partition(groups)
    _sleep(ctx, ctx.fault_seconds)


def _wal_records(path, target):
    """[(offset, header_bytes, length)] of the complete records of one WAL file."""
    with open(path, "rb") as f:
        data = f.read()
    records, off = [], 0
    while off + 12 <= len(data):
        if target == "qetcd":
            length = struct.unpack_from("<I", data, off)[0]
            header = 12
            total = header + length
        else:
            # etcd: u64 LE frame; low 56 bits length, top byte flags padding.
            field = struct.unpack_from("<Q", data, off)[0]
            length = field & ((1 << 56) - 1)
            pad = (field >> 56) & 7 if field & (1 << 63) else 0
            header = 8
            total = header + length + pad
        if length == 0 or off + total > len(data):
            break
        records.append((off, header, length))
        off += total
    return records, len(data)


def _newest_wal(m):
    files = sorted(glob.glob(os.path.join(m.data_dir, "member", "wal", "*.wal")))
    return files[-1] if files else None


def wal(ctx):
    victim = _pick(ctx, leader_bias=0.3)
    mode = ctx.rng.choice(["truncate", "bitflip"])
    ctx.stats_add("wal-" + mode)
    _sleep(ctx, ctx.rng.uniform(1, 3))
    victim.kill()
    path = _newest_wal(victim)
    records, size = _wal_records(path, ctx.target) if path else ([], 0)
    if len(records) < 3:
        ctx.note("wal: %s has only %d records in %s; restarting unchanged" % (victim.name, len(records), path))
        ctx.cluster.restart(victim)
        return
    if mode == "truncate":
        # A write torn by the crash: cut inside the last record; the member
        # must drop it with a warning and start.
        off, header, length = records[-1]
        cut = off + ctx.rng.randint(1, header + length - 1)
        ctx.note("wal: truncate %s at %d of %d (last record at %d)" % (path, cut, size, off))
        with open(path, "r+b") as f:
            f.truncate(cut)
        ctx.cluster.restart(victim)
        _sleep(ctx, 3)
        if not victim.alive():
            ctx.anomaly("wal truncate: %s did not start after its last record was torn (exit %s): %s"
                        % (victim.name, victim.proc.returncode, victim.log_tail()))
        return
    # Bit rot inside a complete record followed by intact ones: the member must
    # refuse to start and name the file (README: "corrupt WAL record in <file>").
    off, header, length = records[ctx.rng.randint(1, len(records) - 2)]
    pos = off + header + ctx.rng.randrange(length)
    bit = 1 << ctx.rng.randrange(8)
    with open(path, "r+b") as f:
        f.seek(pos)
        b = f.read(1)[0]
        f.seek(pos)
        f.write(bytes([b ^ bit]))
    ctx.note("wal: flip bit %#x at %d in %s (record at %d)" % (bit, pos, path, off))
    log_start = victim.log_size()
    ctx.cluster.restart(victim)
    status = victim.exit_status(10)
    if status is None:
        ctx.anomaly("wal bitflip: %s started on a WAL with a flipped bit at %d in %s" % (victim.name, pos, path))
        victim.kill()
    elif ctx.target == "qetcd" and not victim.log_matches(r"corrupt WAL record in .*%s" % os.path.basename(path),
                                                          log_start):
        ctx.anomaly("wal bitflip: %s exited %s without naming %s: %s"
                    % (victim.name, status, path, victim.log_tail()))
    else:
        ctx.stats_add("wal-refused")
        ctx.note("wal: %s refused to start (exit %s), as expected" % (victim.name, status))
    victim.expected_exit = True
    # What the README tells an operator to do: remove, wipe, add again.
    _replace_member(ctx, victim)


def _replace_member(ctx, victim):
    deadline = time.monotonic() + ctx.fault_seconds + 20
    removed = victim.name not in ctx.cluster.config
    added = stale = False
    while time.monotonic() < deadline and not ctx.aborted() and not added:
        via = ctx.cluster.leader() or next((m for m in ctx.cluster.members() if m.alive() and m is not victim), None)
        if via is None or via is victim:
            _sleep(ctx, 0.5)
            continue
        try:
            if not removed:
                removed = ctx.cluster.remove_member(victim, via)
                ctx.note("member: removed %s via %s" % (victim.name, via.name))
                victim.kill()
                _sleep(ctx, 0.5)
                continue
            ctx.cluster.add_member(victim, via)
            added = True
            ctx.note("member: added %s back (empty) via %s" % (victim.name, via.name))
        except StaleConflict as e:
            # The removal was acknowledged before this request was sent: a
            # linearizable members API cannot say the URL still exists.
            if not stale:
                ctx.anomaly("members API not linearizable: %s after the removal of %s was acknowledged"
                            % (e, victim.name))
            stale = True
            ctx.note("member: %s" % e)
            _sleep(ctx, 0.5)
        except Exception as e:  # a fault may make either call time out: retry
            ctx.note("member: %s" % e)
            _sleep(ctx, 0.5)
    if not added:
        ctx.anomaly("member: could not replace %s (removed=%s) within the deadline" % (victim.name, removed))


def disk(ctx):
    victim = _pick(ctx, leader_bias=0.5)
    filler = os.path.join(victim.fs, "filler")
    st = os.statvfs(victim.fs)
    free = st.f_bavail * st.f_frsize
    ctx.note("disk: fill %s's disk (%d MiB free)" % (victim.name, free >> 20))
    with open(filler, "wb") as f:
        try:
            os.posix_fallocate(f.fileno(), 0, free)
        except OSError:
            pass
        chunk = b"\0" * (1 << 20)
        try:
            while True:  # take what fallocate left, down to the last page
                f.write(chunk)
                f.flush()
        except OSError:
            pass
    _sleep(ctx, ctx.fault_seconds)
    os.unlink(filler)
    ctx.note("disk: freed %s's disk (alive=%s)" % (victim.name, victim.alive()))
    if not victim.alive():
        ctx.stats_add("disk-exited")
        victim.expected_exit = True  # etcd and qetcd may stop on ENOSPC; they must restart cleanly


def clock(ctx):
    victim = ctx.clock_member
    end = time.monotonic() + ctx.fault_seconds
    while time.monotonic() < end - 1:
        offset = ctx.rng.choice([1, -1]) * ctx.rng.choice([90, 3600, 86400 * 7, 86400 * 400])
        ctx.note("clock: %s's wall clock jumps to %+ds" % (victim.name, offset))
        victim.jump_clock(offset)
        _sleep(ctx, ctx.rng.uniform(1.5, 3))
    victim.jump_clock(0)
    ctx.note("clock: %s's wall clock back to +0" % victim.name)


def member(ctx):
    victim = _pick(ctx, leader_bias=0.4)
    other = _pick(ctx, leader_bias=0, exclude=(victim,))
    ctx.note("member: SIGSTOP %s, then replace %s" % (other.name, victim.name))
    other.signal(signal.SIGSTOP)
    _sleep(ctx, ctx.rng.uniform(0.5, 2))
    try:
        via = ctx.cluster.leader()
        if via is None or via is victim:
            via = next(m for m in ctx.cluster.members() if m not in (victim, other))
        ctx.cluster.remove_member(victim, via, timeout=4)
        ctx.note("member: removed %s via %s (with %s paused)" % (victim.name, via.name, other.name))
    except Exception as e:
        ctx.note("member: remove during the pause failed (%s); retrying after it" % e)
    victim.kill()
    _sleep(ctx, ctx.rng.uniform(1, 3))
    other.signal(signal.SIGCONT)
    ctx.note("member: SIGCONT %s" % other.name)
    _replace_member(ctx, victim)


def snapshot(ctx):
    leader = ctx.cluster.leader()
    followers = [m for m in ctx.cluster.members() if m is not leader]
    victim = ctx.rng.choice(followers)
    log_start = victim.log_size()
    for m in ctx.cluster.members():
        if m is not victim:
            ctx.net.cut(victim.name, m.name)
    count = SNAPSHOT_BURST[ctx.target]
    ctx.note("snapshot: %s cut off from its peers; writing %d keys" % (victim.name, count))
    started = time.monotonic()
    acked = ctx.workload.burst(count, [m.ip for m in ctx.cluster.members() if m is not victim])
    ctx.note("snapshot: %d of %d acknowledged in %.1fs" % (acked, count, time.monotonic() - started))
    _sleep(ctx, max(0, ctx.fault_seconds - (time.monotonic() - started)))
    ctx.net.heal()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not victim.log_matches(SNAPSHOT_INSTALLED[ctx.target], log_start):
        time.sleep(0.2)
    if victim.log_matches(SNAPSHOT_INSTALLED[ctx.target], log_start):
        ctx.stats_add("snapshot-installed")
        ctx.note("snapshot: %s installed a snapshot from the leader" % victim.name)
    else:
        ctx.note("snapshot: %s caught up without a snapshot install" % victim.name)


ALL = {"kill": kill, "pause": pause, "partition": partition, "wal": wal, "disk": disk, "clock": clock,
       "member": member, "snapshot": snapshot}
