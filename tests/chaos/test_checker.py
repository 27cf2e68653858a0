# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors

"""Unit tests of the chaos checkers: valid histories pass, and each kind of
anomaly the suite exists to find is rejected (a checker that cannot fail proves
nothing). Run: python3 -m unittest tests/chaos/test_checker.py"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checker import Op, check_register, check_registers, check_lost_writes, check_watch_stream  # noqa: E402


def op(p, kind, arg, call, ret, status="ok", result=None, key="k"):
    return Op(p, kind, key, arg, call, ret, status, result)


class RegisterTest(unittest.TestCase):
    def test_sequential_history_is_linearizable(self):
        h = [op(0, "write", "a", 0, 1), op(0, "read", None, 2, 3, result="a"),
             op(0, "cas", ("a", "b"), 4, 5), op(0, "read", None, 6, 7, result="b")]
        self.assertEqual(check_register(h)[0], "ok")

    def test_concurrent_read_may_see_either_value(self):
        h = [op(0, "write", "a", 0, 1), op(1, "write", "b", 2, 6),
             op(2, "read", None, 3, 4, result="a"), op(3, "read", None, 4.5, 5, result="b"),
             op(2, "read", None, 7, 8, result="b")]
        self.assertEqual(check_register(h)[0], "ok")

    def test_stale_read_is_rejected(self):
        # b is acknowledged before the read starts: a quorum read must not return a.
        h = [op(0, "write", "a", 0, 1), op(0, "write", "b", 2, 3),
             op(1, "read", None, 4, 5, result="a")]
        verdict, detail = check_register(h)
        self.assertEqual(verdict, "anomaly")
        self.assertIn("read", detail)

    def test_read_flip_flop_is_rejected(self):
        # Both reads are concurrent with the write but the second starts after the
        # first returned the new value: going back to the old one is not linearizable.
        h = [op(0, "write", "a", 0, 1), op(1, "write", "b", 2, 10),
             op(2, "read", None, 3, 4, result="b"), op(3, "read", None, 5, 6, result="a")]
        self.assertEqual(check_register(h)[0], "anomaly")

    def test_lost_write_is_rejected(self):
        h = [op(0, "write", "a", 0, 1), op(0, "read", None, 2, 3, result=None)]
        self.assertEqual(check_register(h)[0], "anomaly")

    def test_non_linearizable_cas_is_rejected(self):
        # Two CASes from the same value cannot both succeed.
        h = [op(0, "write", "a", 0, 1), op(1, "cas", ("a", "b"), 2, 4), op(2, "cas", ("a", "c"), 2, 4)]
        self.assertEqual(check_register(h)[0], "anomaly")

    def test_failed_cas_must_have_seen_another_value(self):
        h = [op(0, "write", "a", 0, 1), op(1, "cas", ("a", "b"), 2, 3, status="fail")]
        self.assertEqual(check_register(h)[0], "anomaly")
        h2 = [op(0, "write", "a", 0, 1), op(1, "cas", ("x", "b"), 2, 3, status="fail")]
        self.assertEqual(check_register(h2)[0], "ok")

    def test_indeterminate_write_may_or_may_not_happen(self):
        base = [op(0, "write", "a", 0, 1), op(1, "write", "b", 2, None, status="info")]
        self.assertEqual(check_register(base + [op(2, "read", None, 5, 6, result="a")])[0], "ok")
        self.assertEqual(check_register(base + [op(2, "read", None, 5, 6, result="b")])[0], "ok")
        # ...but not before it was sent.
        early = [op(0, "write", "a", 0, 1), op(2, "read", None, 2, 3, result="b"),
                 op(1, "write", "b", 4, None, status="info")]
        self.assertEqual(check_register(early)[0], "anomaly")

    def test_unanswered_read_is_ignored(self):
        h = [op(0, "write", "a", 0, 1), op(1, "read", None, 2, None, status="info")]
        self.assertEqual(check_register(h)[0], "ok")

    def test_budget_exhaustion_is_unknown_not_ok(self):
        h = [op(i, "write", str(i), 0, None, status="info") for i in range(12)]
        h.append(op(99, "read", None, 1, 2, result="nobody-wrote-this"))
        self.assertEqual(check_register(h, step_budget=50)[0], "unknown")
        self.assertEqual(check_register(h)[0], "anomaly")

    def test_keys_are_checked_independently(self):
        h = [op(0, "write", "a", 0, 1, key="x"), op(0, "read", None, 2, 3, result="a", key="y")]
        anomalies, unknown = check_registers(h)
        self.assertEqual(len(anomalies), 1)
        self.assertIn("y", anomalies[0])
        self.assertEqual(unknown, [])


class LostWriteTest(unittest.TestCase):
    def test_all_present(self):
        self.assertEqual(check_lost_writes({"/u/1": "1"}, {"/u/2": "2"}, {"/u/1": "1"}), [])

    def test_missing_acknowledged_write_is_flagged(self):
        a = check_lost_writes({"/u/1": "1", "/u/2": "2"}, {}, {"/u/1": "1"})
        self.assertEqual(len(a), 1)
        self.assertIn("/u/2", a[0])

    def test_phantom_is_flagged(self):
        self.assertEqual(len(check_lost_writes({}, {}, {"/u/9": "9"})), 1)


class WatchTest(unittest.TestCase):
    known = {5: ("/a", "set", "1"), 6: ("/b", "set", "2"), 7: ("/a", "set", "3")}

    def test_complete_stream(self):
        seg = [(5, [(5, "/a", "set", "1"), (6, "/b", "set", "2"), (7, "/a", "set", "3")])]
        self.assertEqual(check_watch_stream("w", seg, self.known), [])

    def test_gap_is_flagged(self):
        seg = [(5, [(5, "/a", "set", "1"), (7, "/a", "set", "3")])]
        a = check_watch_stream("w", seg, self.known)
        self.assertEqual(len(a), 1)
        self.assertIn("gap", a[0])

    def test_duplicate_is_flagged(self):
        seg = [(5, [(5, "/a", "set", "1"), (6, "/b", "set", "2"), (6, "/b", "set", "2"), (7, "/a", "set", "3")])]
        self.assertTrue(any("duplicate" in a for a in check_watch_stream("w", seg, self.known)))

    def test_reorder_is_flagged(self):
        seg = [(5, [(5, "/a", "set", "1"), (7, "/a", "set", "3"), (6, "/b", "set", "2")])]
        self.assertTrue(any("reordered" in a for a in check_watch_stream("w", seg, self.known)))

    def test_wrong_content_is_flagged(self):
        seg = [(5, [(5, "/a", "set", "1"), (6, "/b", "set", "X"), (7, "/a", "set", "3")])]
        self.assertTrue(any("elsewhere" in a for a in check_watch_stream("w", seg, self.known)))

    def test_cleared_index_restart_is_not_a_gap(self):
        seg = [(5, [(5, "/a", "set", "1")]), (7, [(7, "/a", "set", "3")])]
        self.assertEqual(check_watch_stream("w", seg, self.known), [])


if __name__ == "__main__":
    unittest.main()
