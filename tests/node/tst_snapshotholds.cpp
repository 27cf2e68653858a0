// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// How far a leader compacts its log while a follower catches up from a snapshot
// (node::SnapshotHolds): the rule alone, with the time passed in. tst_members
// aFollowerInstallingASnapshotIsNotSentAnother shows it in a cluster.

#include "node/SnapshotHolds.h"

#include <QTest>

namespace {

QMap<quint64, raft::FollowerStatus> progress(std::initializer_list<std::pair<quint64, quint64>> l)
{
    QMap<quint64, raft::FollowerStatus> out;
    for (const auto &[id, match] : l)
        out.insert(id, raft::FollowerStatus{match, match + 1});
    return out;
}

} // namespace

class TestSnapshotHolds : public QObject
{
    Q_OBJECT

private slots:
    void nothingHeldNothingLimited()
    {
        node::SnapshotHolds h;
        QCOMPARE(h.limit(500, progress({{1, 500}, {2, 10}}), 0), quint64(500));
    }

    void heldWhileSentUntilAcknowledged()
    {
        node::SnapshotHolds h;
        h.sent(2, 300);
        QCOMPARE(h.limit(500, progress({{1, 600}, {2, 10}}), 0), quint64(300));
        // However long the transfer takes.
        QCOMPARE(h.limit(500, progress({{1, 600}, {2, 10}}), 3'600'000), quint64(300));
        // Below the hold, nothing changes.
        QCOMPARE(h.limit(200, progress({{1, 600}, {2, 10}}), 0), quint64(200));
        h.finished(2, true, 1000);
        QCOMPARE(h.limit(500, progress({{1, 600}, {2, 10}}), 2000), quint64(300));
        QVERIFY(!h.isEmpty());
        QCOMPARE(h.limit(500, progress({{1, 600}, {2, 300}}), 2000), quint64(500));
        QVERIFY(h.isEmpty());
    }

    void aDeliveredSnapshotIsHeldForAWhileOnly()
    {
        node::SnapshotHolds h;
        h.sent(2, 300);
        h.finished(2, true, 1000);
        const qint64 end = 1000 + node::SnapshotHolds::kHoldAfterSendMs;
        QCOMPARE(h.limit(500, progress({{2, 10}}), end - 1), quint64(300));
        QCOMPARE(h.limit(500, progress({{2, 10}}), end), quint64(500));
        QVERIFY(h.isEmpty());
    }

    void aFailedSendOrAGoneMemberHoldsNothing()
    {
        node::SnapshotHolds h;
        h.sent(2, 300);
        h.finished(2, false, 1000);
        QCOMPARE(h.limit(500, progress({{2, 10}}), 1000), quint64(500));
        h.sent(3, 300);
        // Not the leader any more (no progress), or the member was removed.
        QCOMPARE(h.limit(500, {}, 0), quint64(500));
        QVERIFY(h.isEmpty());
        h.finished(3, true, 0); // a hold already gone: nothing
        QVERIFY(h.isEmpty());
    }

    void theLowestHoldWinsAndANewerSendReplacesOne()
    {
        node::SnapshotHolds h;
        h.sent(2, 300);
        h.sent(3, 400);
        QCOMPARE(h.limit(500, progress({{2, 10}, {3, 10}}), 0), quint64(300));
        h.sent(2, 450);
        QCOMPARE(h.limit(500, progress({{2, 10}, {3, 10}}), 0), quint64(400));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotHolds)
#include "tst_snapshotholds.moc"
