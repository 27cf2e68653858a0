# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors

"""Checkers for the chaos suite: linearizable registers, lost writes, watch streams.

Every checker takes a recorded history (plain data, no clocks or sockets) and
returns a list of anomalies: human-readable strings, empty when the history is
fine. They are pure functions so tests/chaos/test_checker.py can feed them
hand-made histories, including ones that must be rejected.

Operation model (shared by workload.py, which records it):
  Op(process, kind, key, arg, call, ret, status, result)
    kind    'read' | 'write' | 'cas'
    arg     write: new value; cas: (expected, new); read: None
    call    monotonic time the request was sent
    ret     monotonic time the answer arrived; None if none came (indeterminate)
    status  'ok'    the operation took effect (read: result is the value seen,
                    None for "key not found")
            'fail'  it certainly did not take effect (cas: compare failed,
                    errorCode 100/101; those failures are linearizable reads
                    too: the register did not hold `expected` at some instant)
            'info'  unknown: timed out, connection lost, 5xx... It may take
                    effect at any instant after `call`, or never (Knossos' :info)
"""

from collections import namedtuple

Op = namedtuple("Op", "process kind key arg call ret status result")

# Upper bound on search steps per key before the linearizability search gives
# up and reports the key as inconclusive (bounded time, never a silent pass).
DEFAULT_STEP_BUDGET = 2_000_000


def _step(state, op):
    """Sequential register specification: (legal, new_state) for op applied to state."""
    if op.kind == "read":
        return (op.result == state, state)
    if op.kind == "write":
        return (True, op.arg)
    expected, new = op.arg
    if op.status == "fail":
        # A failed compare is an observation: the value was not `expected`.
        return (state != expected, state)
    return (state == expected, new)


class _Entry:
    __slots__ = ("op_id", "is_call", "time", "match", "prev", "next")

    def __init__(self, op_id, is_call, time):
        self.op_id, self.is_call, self.time = op_id, is_call, time
        self.match = self.prev = self.next = None


def check_register(ops, initial=None, step_budget=DEFAULT_STEP_BUDGET):
    """Wing & Gong linearizability search with Lowe's memoisation (as in Knossos/Porcupine).

    ops: the Ops of ONE key. Returns (verdict, detail): verdict is 'ok',
    'anomaly' (no linearization exists; detail names the deepest prefix reached)
    or 'unknown' (step budget exhausted).
    Reads without an answer say nothing and are dropped; indeterminate writes and
    CASes get an infinite return time and may also never take effect: the search
    succeeds as soon as every operation that returned has been linearized.
    """
    ops = [o for o in ops if not (o.kind == "read" and o.status != "ok")]
    ops = [o for o in ops if o.status in ("ok", "fail", "info")]
    if not ops:
        return ("ok", "")
    inf = float("inf")
    events = []
    for i, o in enumerate(ops):
        events.append((o.call, 0, i, True))
        # Returns sort after calls at the same instant: such ops overlap.
        events.append((o.ret if o.status != "info" and o.ret is not None else inf, 1, i, False))
    events.sort(key=lambda e: (e[0], e[1]))
    head = _Entry(None, False, None)
    prev = head
    calls = {}
    for t, _, i, is_call in events:
        e = _Entry(i, is_call, t)
        if is_call:
            calls[i] = e
        else:
            calls[i].match = e
        prev.next, e.prev = e, prev
        prev = e

    def lift(call):
        call.prev.next = call.next
        if call.next:
            call.next.prev = call.prev
        ret = call.match
        ret.prev.next = ret.next
        if ret.next:
            ret.next.prev = ret.prev

    def unlift(call):
        ret = call.match
        ret.prev.next = ret
        if ret.next:
            ret.next.prev = ret
        call.prev.next = call
        if call.next:
            call.next.prev = call

    linearized = 0  # bitset of op ids
    state = initial
    stack = []  # (call entry, previous state)
    cache = set()
    entry = head.next
    steps = 0
    stuck, stuck_depth = None, -1  # the op that found no place, at the deepest prefix
    while entry is not None:
        steps += 1
        if steps > step_budget:
            return ("unknown", "search budget of %d steps exhausted on %d ops" % (step_budget, len(ops)))
        if not entry.is_call and entry.time == inf:
            return ("ok", "")  # only indeterminate ops remain: they may never happen
        if entry.is_call:
            op = ops[entry.op_id]
            legal, new_state = _step(state, op)
            if legal:
                key = (linearized | (1 << entry.op_id), new_state)
                if key not in cache:
                    cache.add(key)
                    stack.append((entry, state))
                    state = new_state
                    linearized |= 1 << entry.op_id
                    lift(entry)
                    entry = head.next
                    continue
            entry = entry.next
        else:
            # An op returned before anything could be linearized in its place.
            if len(stack) >= stuck_depth:
                stuck, stuck_depth = entry.op_id, len(stack)
            if not stack:
                return ("anomaly", _describe(ops, stuck, stuck_depth))
            call, state = stack.pop()
            linearized &= ~(1 << call.op_id)
            unlift(call)
            entry = call.next
    return ("ok", "")


def _describe(ops, op_id, depth):
    o = ops[op_id]
    return ("no linearization: op %s by p%s on %s (arg=%r status=%s result=%r) has no legal place "
            "after the deepest consistent prefix (%d of %d ops linearized)"
            % (o.kind, o.process, o.key, o.arg, o.status, o.result, depth, len(ops)))


def check_registers(ops, step_budget=DEFAULT_STEP_BUDGET):
    """Per-key check (registers are independent: P-compositionality).

    Returns (anomalies, unknown_keys)."""
    by_key = {}
    for o in ops:
        by_key.setdefault(o.key, []).append(o)
    anomalies, unknown = [], []
    for key in sorted(by_key):
        verdict, detail = check_register(by_key[key], step_budget=step_budget)
        if verdict == "anomaly":
            anomalies.append("linearizability %s: %s" % (key, detail))
        elif verdict == "unknown":
            unknown.append("%s: %s" % (key, detail))
    return anomalies, unknown


def check_lost_writes(acked, indeterminate, final):
    """Unique-value writes against the final quorum read.

    acked: {key: value} acknowledged creates; indeterminate: {key: value} creates
    with no answer (may or may not exist); final: {key: value} read at the end.
    An acknowledged write missing or changed is a loss; a key nobody attempted,
    or with a value nobody wrote, is a phantom.
    """
    anomalies = []
    for key in sorted(acked):
        if key not in final:
            anomalies.append("lost write: %s=%s was acknowledged but is missing" % (key, acked[key]))
        elif final[key] != acked[key]:
            anomalies.append("lost write: %s=%s acknowledged, final value %s" % (key, acked[key], final[key]))
    for key in sorted(final):
        if key in acked:
            continue
        if key not in indeterminate:
            anomalies.append("phantom write: %s=%s was never attempted" % (key, final[key]))
        elif final[key] != indeterminate[key]:
            anomalies.append("phantom value: %s=%s, attempted %s" % (key, final[key], indeterminate[key]))
    return anomalies


def check_watch_stream(name, segments, known):
    """One watcher's stream against the known modifications.

    segments: list of (from_index, events) where events are (index, key, action,
    value) in arrival order; a new segment starts after an allowed 401 "event
    index cleared" (the watcher restarted from a fresh get at from_index), so the
    gap check never spans two segments.
    known: {index: (key, action, value)} every modification of the watched prefix
    anyone saw (acknowledged writes and all watchers' events).
    Flags duplicates, reordering, gaps (a known index inside a segment's range
    that the stream skipped) and events whose content disagrees with `known`.
    """
    anomalies = []
    for from_index, events in segments:
        last = None
        seen = set()
        for ev in events:
            idx = ev[0]
            if idx in seen:
                anomalies.append("watch %s: duplicate event at index %d (%s)" % (name, idx, ev[1]))
                continue
            if last is not None and idx < last:
                anomalies.append("watch %s: reordered event index %d after %d" % (name, idx, last))
            if idx < from_index:
                anomalies.append("watch %s: event index %d before its start %d" % (name, idx, from_index))
            seen.add(idx)
            last = idx if last is None else max(last, idx)
            if idx in known and tuple(known[idx]) != tuple(ev[1:]):
                anomalies.append("watch %s: index %d is %r here but %r elsewhere" % (name, idx, ev[1:], known[idx]))
        if last is None:
            continue
        missing = [i for i in sorted(known) if from_index <= i <= last and i not in seen]
        if missing:
            anomalies.append("watch %s: gap, skipped %d event(s) at index %s" % (
                name, len(missing), ",".join(str(i) for i in missing[:10])))
    return anomalies
