// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Whole-cluster scenarios over the simulated network (SimNetwork): elections under
// contention, leaders cut off and returning, overwritten uncommitted entries, the figure 8
// commit trap, partitions of every shape, snapshot catch-up, membership changes and
// leadership transfer under load, and linearizable reads across a partition.
#include "RaftTestUtil.h"
#include "SimNetwork.h"

#include <QtTest/QTest>

#include <set>

using namespace raft;

namespace {

QList<quint64> range(int n)
{
    return SimNetwork::members(n);
}

std::unique_ptr<SimNetwork> cluster(int n, const SimOptions &o = {})
{
    return SimNetwork::withLeader(n, o);
}

Status st(SimNetwork &net, quint64 id)
{
    return net.node(id).status();
}

// Every value applied anywhere, by index, to check that no member diverges.
struct ApplyLog
{
    std::map<quint64, QByteArray> byIndex;
    std::set<QByteArray> values;
    QString conflict;

    void attach(SimNode &n)
    {
        n.onApply = [this](SimNode &node, const Entry &e) {
            if (e.type != EntryType::Normal)
                return;
            auto [it, inserted] = byIndex.emplace(e.index, e.data);
            if (!inserted && it->second != e.data)
                conflict = QStringLiteral("member %1 applied another entry at %2")
                               .arg(node.id())
                               .arg(e.index);
            if (!e.data.isEmpty())
                values.insert(e.data);
        };
    }
};

// Campaigns at id until it leads (each attempt moves to a higher term).
bool campaignUntilLeader(SimNetwork &net, quint64 id, int attempts = 4)
{
    for (int i = 0; i < attempts && net.leader() != id; ++i) {
        net.node(id).raft().campaign();
        net.deliver();
    }
    return net.leader() == id;
}

std::optional<Entry> entryAt(SimNode &n, quint64 index)
{
    for (const Entry &e : n.storedEntries()) {
        if (e.index == index)
            return e;
    }
    return std::nullopt;
}

} // namespace

class TestRaftScenarios : public QObject
{
    Q_OBJECT

private slots:
    // A leader cut off from its quorum refuses proposals once its uncommitted payload
    // reaches the limit instead of growing without bound; the refused ones are never
    // applied, and it accepts again once the backlog commits.
    void leaderBoundsItsUncommittedLog()
    {
        SimOptions o;
        o.checkQuorum = false; // keep the cut-off leader leading for the test
        o.maxUncommittedSize = 1000;
        auto net = cluster(3, o);
        const quint64 lead = net->leader();
        QVERIFY(lead != 0);
        for (quint64 id : {1, 2, 3}) {
            if (id != lead)
                net->cut(lead, id);
        }
        const QByteArray value(100, 'x');
        int accepted = 0;
        raft::ProposeResult r = raft::ProposeResult::Ok;
        for (int i = 0; i < 50 && r == raft::ProposeResult::Ok; ++i) {
            r = net->propose(lead, value + QByteArray::number(i).rightJustified(3, '0'));
            if (r == raft::ProposeResult::Ok)
                ++accepted;
            net->deliver();
        }
        QCOMPARE(r, raft::ProposeResult::TooMuchUncommitted);
        QCOMPARE(accepted, 9); // 103 bytes each: a tenth would bring it past 1000
        net->recover();
        net->advance(5);
        QCOMPARE(net->node(lead).values.size(), accepted);
        QVERIFY(!net->node(lead).values.contains(value + "009"));
        QCOMPARE(net->propose(lead, "after"), raft::ProposeResult::Ok);
        net->advance(2);
        for (quint64 id : {1, 2, 3})
            QCOMPARE(net->node(id).values.last(), QByteArray("after"));
    }

    // Two members campaign at once; 1 wins with 2's vote, 3 cannot win (2 refuses: already
    // voted, and 3's log is shorter). Without pre-vote 3's higher term later forces a new
    // term on everyone; with pre-vote 3 never disturbs the leader.
    void duelingCandidates_data()
    {
        QTest::addColumn<bool>("preVote");
        QTest::newRow("vote") << false;
        QTest::newRow("pre-vote") << true;
    }
    void duelingCandidates()
    {
        QFETCH(bool, preVote);
        SimOptions o;
        o.preVote = preVote;
        o.checkQuorum = false;
        SimNetwork net(range(3), o);
        net.deliver();
        net.cut(1, 3);
        net.node(1).raft().campaign();
        net.deliver();
        net.node(3).raft().campaign();
        net.deliver();
        QCOMPARE(net.leader(), quint64(1));
        const quint64 term = st(net, 1).hardState.term;
        // Without pre-vote 3 got its own vote and 2's refusal and waits as candidate; a
        // refused pre-vote shows 3 the current term and sends it back to follower.
        QCOMPARE(st(net, 3).softState.role, preVote ? Role::Follower : Role::Candidate);
        net.recover();
        net.node(3).raft().campaign();
        net.deliver();
        if (preVote) {
            QCOMPARE(net.leader(), quint64(1));
            QCOMPARE(st(net, 3).softState.role, Role::Follower);
            QCOMPARE(st(net, 3).hardState.term, term);
        } else {
            // 3 forced a higher term on everyone and lost: nobody leads until a timeout.
            for (quint64 id : {1, 2, 3}) {
                QCOMPARE(st(net, id).softState.role, Role::Follower);
                QCOMPARE(st(net, id).hardState.term, term + 1);
            }
        }
        QVERIFY(net.waitForLeader() != 3); // 3's log is behind
        net.propose(net.leader(), "after the duel");
        net.advance(2);
        for (quint64 id : {1, 2, 3})
            QCOMPARE(net.node(id).values, QList<QByteArray>{"after the duel"});
    }

    // A split vote (2 against 2) leaves no leader; randomized timeouts settle it.
    void splitVoteResolves()
    {
        SimOptions o;
        o.preVote = false;
        SimNetwork net(range(4), o);
        net.deliver();
        net.cut(1, 4);
        net.cut(3, 2);
        net.cut(1, 3);
        net.node(1).raft().campaign();
        net.node(3).raft().campaign();
        net.deliver();
        QCOMPARE(net.leader(), quint64(0));
        QCOMPARE(st(net, 1).softState.role, Role::Candidate);
        QCOMPARE(st(net, 3).softState.role, Role::Candidate);
        net.recover();
        const quint64 leader = net.waitForLeader(60);
        QVERIFY(leader != 0);
        int leaders = 0;
        for (quint64 id : range(4))
            leaders += st(net, id).softState.role == Role::Leader ? 1 : 0;
        QCOMPARE(leaders, 1);
    }

    // A leader cut off from the others: the majority elects a successor and goes on; the
    // old leader steps down (check quorum), and when it returns its uncommitted entries
    // are replaced by the new leader's.
    void leaderIsolationAndReturn_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("3 members") << 3;
        QTest::newRow("5 members") << 5;
    }
    void leaderIsolationAndReturn()
    {
        QFETCH(int, size);
        auto net = cluster(size);
        ApplyLog applied;
        for (quint64 id : range(size))
            applied.attach(net->node(id));
        net->propose(1, "a");
        net->deliver();
        net->isolate(1);
        QCOMPARE(net->propose(1, "lost"), ProposeResult::Ok); // accepted, never committed
        const quint64 lostIndex = st(*net, 1).lastIndex;
        net->advance(30);
        QCOMPARE(st(*net, 1).softState.role, Role::Follower);
        const quint64 leader = net->leader();
        QVERIFY(leader != 0 && leader != 1);
        net->propose(leader, "b");
        net->deliver();
        net->recover();
        net->advance(5);
        QCOMPARE(net->leader(), leader);
        for (quint64 id : range(size)) {
            QCOMPARE(net->node(id).values, (QList<QByteArray>{"a", "b"}));
            QCOMPARE(net->node(id).storedEntries(), net->node(leader).storedEntries());
        }
        QVERIFY(entryAt(net->node(1), lostIndex)->data != "lost");
        QVERIFY(!applied.values.count("lost"));
        QVERIFY2(applied.conflict.isEmpty(), qPrintable(applied.conflict));
    }

    // Uncommitted entries that reached a minority are overwritten by a leader elected
    // without them (5.3); nobody ever applies them.
    void logOverwriteOfUncommittedEntries()
    {
        auto net = cluster(5);
        ApplyLog applied;
        for (quint64 id : range(5))
            applied.attach(net->node(id));
        // 1 and 2 are cut off from 3, 4, 5.
        for (quint64 a : {1, 2})
            for (quint64 b : {3, 4, 5})
                net->cut(a, b);
        for (int i = 0; i < 3; ++i)
            net->propose(1, "minority-" + QByteArray::number(i));
        net->deliver();
        QCOMPARE(net->node(2).storedEntries().size(), net->node(1).storedEntries().size());
        net->advance(40);
        quint64 leader = 0;
        for (quint64 id : {3, 4, 5}) {
            if (st(*net, id).softState.role == Role::Leader)
                leader = id;
        }
        QVERIFY(leader != 0);
        net->propose(leader, "majority-0");
        net->propose(leader, "majority-1");
        net->deliver();
        net->recover();
        net->advance(10);
        for (quint64 id : range(5)) {
            QCOMPARE(net->node(id).storedEntries(), net->node(leader).storedEntries());
            QCOMPARE(net->node(id).values, (QList<QByteArray>{"majority-0", "majority-1"}));
        }
        for (int i = 0; i < 3; ++i)
            QVERIFY(!applied.values.count("minority-" + QByteArray::number(i)));
        QVERIFY2(applied.conflict.isEmpty(), qPrintable(applied.conflict));
    }

    // Figure 8 of the paper. (a) S1 leads in term 2 and replicates x (index 7) to S2 only.
    // (b) S1 crashes; S5 wins term 3 and writes its own entry at 7 locally. (c) S5 crashes;
    // S1 returns, wins a later term and replicates x to a majority. x must NOT count as
    // committed: (d) if S1 crashes before an entry of its own term reaches a majority, S5
    // can still win and overwrite x. (e) Once S1's own-term entry is on a majority, x is
    // committed with it ("rides along") and S5 can never win again.
    void figure8_data()
    {
        QTest::addColumn<bool>("ownTermEntryReachesMajority");
        QTest::newRow("d: x overwritten") << false;
        QTest::newRow("e: x committed with own-term entry") << true;
    }
    void figure8()
    {
        QFETCH(bool, ownTermEntryReachesMajority);
        SimOptions o;
        o.preVote = false;
        o.checkQuorum = false;
        o.maxSizePerMsg = 1; // one entry per append: we choose which entries get through
        SimNetwork net(range(5), o);
        ApplyLog applied;
        for (quint64 id : range(5))
            applied.attach(net.node(id));
        net.deliver();
        QVERIFY(campaignUntilLeader(net, 1));
        const quint64 x = st(net, 1).lastIndex + 1; // 7: after 5 bootstrap entries + empty entry

        // (a)
        for (quint64 b : {3, 4, 5})
            net.cut(1, b);
        net.propose(1, "x");
        net.deliver();
        QCOMPARE(entryAt(net.node(2), x)->data, QByteArray("x"));
        QCOMPARE(st(net, 1).hardState.commit, x - 1);

        // (b)
        net.crash(1);
        net.recover();
        net.filter = [](Message &m) { return !(m.type == MessageType::MsgApp && m.from == 5); };
        QVERIFY(campaignUntilLeader(net, 5));
        const quint64 term5 = st(net, 5).hardState.term;
        QCOMPARE(entryAt(net.node(5), x)->term, term5);

        // (c)
        net.crash(5);
        net.restart(1);
        applied.attach(net.node(1));
        net.filter = [](Message &m) { return !(m.type == MessageType::MsgApp && m.from == 5); };
        net.deliver();
        if (!ownTermEntryReachesMajority) {
            // Nothing of S1's new term (> 3) gets out: strip it from its appends.
            net.filter = [](Message &m) {
                if (m.type == MessageType::MsgApp)
                    m.entries.erase(std::remove_if(m.entries.begin(), m.entries.end(),
                                                   [](const Entry &e) { return e.term > 3; }),
                                    m.entries.end());
                return true;
            };
        }
        QVERIFY(campaignUntilLeader(net, 1));
        QVERIFY(st(net, 1).hardState.term > term5);
        net.advance(2);
        int holders = 0;
        for (quint64 id : {1, 2, 3, 4}) {
            const auto e = entryAt(net.node(id), x);
            holders += e && e->data == "x" ? 1 : 0;
        }
        QVERIFY(holders >= 3); // x is on a majority of the five

        if (!ownTermEntryReachesMajority) {
            QCOMPARE(st(net, 1).hardState.commit, x - 1); // not committed by counting
            QVERIFY(!applied.values.count("x"));
            // (d)
            net.crash(1);
            net.filter = nullptr;
            net.restart(5);
            applied.attach(net.node(5));
            net.deliver();
            QVERIFY(campaignUntilLeader(net, 5));
            net.advance(2);
            for (quint64 id : {2, 3, 4, 5})
                QCOMPARE(entryAt(net.node(id), x)->term, term5);
            QVERIFY(!applied.values.count("x"));
        } else {
            QVERIFY(st(net, 1).hardState.commit > x);
            QVERIFY(applied.values.count("x"));
            // (e)
            net.crash(1);
            net.restart(5);
            applied.attach(net.node(5));
            net.deliver();
            QVERIFY(!campaignUntilLeader(net, 5));
            net.restart(1);
            applied.attach(net.node(1));
            QVERIFY(net.waitForLeader() != 0);
            net.advance(3);
            for (quint64 id : range(5))
                QCOMPARE(net.node(id).values, QList<QByteArray>{"x"});
        }
        QVERIFY2(applied.conflict.isEmpty(), qPrintable(applied.conflict));
    }

    // Every way of splitting 3 and 5 members (plus all-isolated and a one-way cut of the
    // leader's incoming links): a side with a majority elects a leader and commits; a
    // minority never commits anything and holds no working leader; after healing every
    // member converges on the majority's history.
    void partitions_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<QList<quint64>>("side"); // cut from the rest; empty = see `mode`
        QTest::addColumn<QString>("mode");
        for (int size : {3, 5}) {
            for (quint64 mask = 1; mask < (1u << size) - 1; ++mask) {
                QList<quint64> side;
                for (int i = 0; i < size; ++i) {
                    if (mask & (1u << i))
                        side.append(quint64(i + 1));
                }
                if (side.size() * 2 > size)
                    continue; // the complement was (or will be) listed
                QString name = QStringLiteral("%1: {").arg(size);
                for (quint64 id : side)
                    name += QString::number(id);
                name += QStringLiteral("} | rest");
                QTest::newRow(qPrintable(name)) << size << side << QStringLiteral("split");
            }
            QTest::newRow(qPrintable(QStringLiteral("%1: all isolated").arg(size)))
                << size << QList<quint64>{} << QStringLiteral("isolated");
            QTest::newRow(qPrintable(QStringLiteral("%1: leader deaf").arg(size)))
                << size << QList<quint64>{} << QStringLiteral("deaf");
        }
    }
    void partitions()
    {
        QFETCH(int, size);
        QFETCH(QList<quint64>, side);
        QFETCH(QString, mode);
        auto net = cluster(size);
        ApplyLog applied;
        for (quint64 id : range(size))
            applied.attach(net->node(id));
        net->propose(1, "before");
        net->deliver();
        QList<quint64> majority, minority;
        if (mode == "split") {
            for (quint64 id : range(size))
                (side.contains(id) ? minority : majority).append(id);
            for (quint64 a : minority)
                for (quint64 b : majority)
                    net->cut(a, b);
        } else if (mode == "isolated") {
            for (quint64 id : range(size))
                net->isolate(id);
            minority = range(size);
        } else { // the leader hears nobody but everyone hears the leader
            for (quint64 id : range(size)) {
                if (id != 1)
                    net->setDropRate(id, 1, 1.0);
            }
            majority = range(size).mid(1);
            minority = {1};
        }
        net->advance(60);
        quint64 leader = 0;
        for (quint64 id : majority) {
            if (st(*net, id).softState.role == Role::Leader)
                leader = id;
        }
        for (quint64 id : minority) {
            QVERIFY2(st(*net, id).softState.role != Role::Leader,
                     qPrintable(QStringLiteral("minority member %1 still leads").arg(id)));
            net->propose(id, "minority-" + QByteArray::number(id));
        }
        if (!majority.isEmpty()) {
            QVERIFY(leader != 0);
            QCOMPARE(net->propose(leader, "majority"), ProposeResult::Ok);
        }
        net->advance(10);
        for (quint64 id : majority)
            QCOMPARE(net->node(id).values, (QList<QByteArray>{"before", "majority"}));
        for (quint64 id : minority)
            QCOMPARE(net->node(id).values, QList<QByteArray>{"before"});
        net->recover();
        net->advance(60);
        QVERIFY(net->leader() != 0);
        const QList<QByteArray> expected = majority.isEmpty()
                                               ? QList<QByteArray>{"before"}
                                               : QList<QByteArray>{"before", "majority"};
        for (quint64 id : range(size))
            QCOMPARE(net->node(id).values, expected);
        QVERIFY2(applied.conflict.isEmpty(), qPrintable(applied.conflict));
    }

    // Members that were down while the log was compacted catch up from the leader's
    // snapshot, and so does a brand-new member.
    void snapshotCatchUp()
    {
        SimOptions o;
        o.snapshotEvery = 10;
        auto net = cluster(5, o);
        int snaps = 0;
        net->onSend = [&](const Message &m) { snaps += m.type == MessageType::MsgSnap ? 1 : 0; };
        net->crash(5);
        for (int i = 0; i < 60; ++i) {
            net->propose(1, "v" + QByteArray::number(i));
            net->deliver();
        }
        QVERIFY(net->node(1).storage().firstIndex() > 10); // compacted
        net->restart(5);
        net->advance(3);
        QCOMPARE(snaps, 1);
        QCOMPARE(net->node(5).values, net->node(1).values);
        QCOMPARE(net->node(5).values.size(), 60);

        net->addNode(6);
        QCOMPARE(net->node(1).raft().proposeConfChange({ConfChangeType::AddLearner, 6, {}}),
                 ProposeResult::Ok);
        net->advance(3);
        QCOMPARE(snaps, 2);
        QCOMPARE(net->node(6).values, net->node(1).values);
        QCOMPARE(net->node(1).raft().proposeConfChange({ConfChangeType::AddNode, 6, {}}),
                 ProposeResult::Ok);
        net->advance(3);
        QCOMPARE(net->node(6).conf.voters, (QList<quint64>{1, 2, 3, 4, 5, 6}));
    }

    // Membership changes while clients write every tick: learners join and are promoted,
    // the leader itself and another voter are removed. No acknowledged write is lost and
    // every member ends with the same history.
    void membershipChangesUnderLoad()
    {
        SimOptions o;
        o.snapshotEvery = 20;
        auto net = cluster(3, o);
        ApplyLog applied;
        for (quint64 id : range(3))
            applied.attach(net->node(id));
        int n = 0;
        auto load = [&](int ticks) {
            for (int t = 0; t < ticks; ++t) {
                if (const quint64 l = net->leader())
                    net->propose(l, "load-" + QByteArray::number(n++));
                net->advance(1);
            }
        };
        auto change = [&](ConfChange cc) {
            for (int t = 0; t < 100; ++t) {
                const quint64 l = net->leader();
                if (l && net->node(l).raft().proposeConfChange(cc) == ProposeResult::Ok) {
                    load(3);
                    return true;
                }
                load(1);
            }
            return false;
        };
        load(10);
        net->addNode(4);
        applied.attach(net->node(4));
        QVERIFY(change({ConfChangeType::AddLearner, 4, {}}));
        load(10);
        QVERIFY(change({ConfChangeType::AddNode, 4, {}}));
        QVERIFY(change({ConfChangeType::RemoveNode, 1, {}})); // the leader
        load(40);
        net->crash(1);
        net->addNode(5);
        applied.attach(net->node(5));
        QVERIFY(change({ConfChangeType::AddLearner, 5, {}}));
        load(10);
        QVERIFY(change({ConfChangeType::AddNode, 5, {}}));
        QVERIFY(change({ConfChangeType::RemoveNode, 2, {}}));
        load(20);
        net->crash(2);
        load(20);
        const quint64 leader = net->leader();
        QVERIFY(leader >= 3);
        QCOMPARE(st(*net, leader).config.voters, (QList<quint64>{3, 4, 5}));
        net->advance(5);
        const QList<QByteArray> history = net->node(leader).values;
        QVERIFY(history.size() > 100);
        for (quint64 id : {3, 4, 5})
            QCOMPARE(net->node(id).values, history);
        QCOMPARE(int(applied.values.size()), int(history.size()));
        QVERIFY2(applied.conflict.isEmpty(), qPrintable(applied.conflict));
    }

    // Leadership moves around while clients keep writing; each transfer completes without
    // waiting for an election timeout and loses nothing.
    void leaderTransferUnderLoad()
    {
        auto net = cluster(3);
        ApplyLog applied;
        for (quint64 id : range(3))
            applied.attach(net->node(id));
        int n = 0;
        for (quint64 target : {2, 3, 1, 3}) {
            const quint64 from = net->leader();
            const quint64 term = st(*net, from).hardState.term;
            net->node(from).raft().transferLeadership(target);
            int ticks = 0;
            while (net->leader() != target && ticks < 10) {
                if (net->propose(net->leader(), "w" + QByteArray::number(n)) == ProposeResult::Ok)
                    ++n;
                net->advance(1);
                ++ticks;
            }
            QCOMPARE(net->leader(), target);
            QCOMPARE(st(*net, target).hardState.term, term + 1);
            QVERIFY(ticks < 10); // well under an election timeout (10..19 ticks)
            for (int i = 0; i < 3; ++i) {
                net->propose(target, "w" + QByteArray::number(n++));
                net->advance(1);
            }
        }
        net->advance(2);
        for (quint64 id : range(3)) {
            QCOMPARE(net->node(id).values.size(), n);
            QCOMPARE(net->node(id).values, net->node(1).values);
        }
        QVERIFY2(applied.conflict.isEmpty(), qPrintable(applied.conflict));
    }

    // Reads across a partition: the old leader and its minority follower never answer a
    // read (it could miss the majority's writes); the majority answers at an index that
    // covers its write; after healing, the former minority reads the new state.
    void readIndexUnderPartition()
    {
        auto net = cluster(5);
        net->propose(1, "old");
        net->deliver();
        for (quint64 a : {1, 2})
            for (quint64 b : {3, 4, 5})
                net->cut(a, b);
        net->node(1).raft().readIndex("at old leader");
        net->node(2).raft().readIndex("at minority follower");
        net->advance(40);
        quint64 leader = 0;
        for (quint64 id : {3, 4, 5}) {
            if (st(*net, id).softState.role == Role::Leader)
                leader = id;
        }
        QVERIFY(leader != 0);
        net->propose(leader, "new");
        net->deliver();
        const quint64 writeIndex = st(*net, leader).hardState.commit;
        net->node(4).raft().readIndex("at majority");
        net->advance(2);
        QVERIFY(net->node(1).readStates.isEmpty());
        QVERIFY(net->node(2).readStates.isEmpty());
        QCOMPARE(net->node(4).readStates.size(), 1);
        QVERIFY(net->node(4).readStates.first().index >= writeIndex);
        net->recover();
        net->advance(5);
        QVERIFY(net->node(1).readStates.isEmpty()); // dropped with the old leadership
        QCOMPARE(net->node(2).raft().readIndex("after healing"), ProposeResult::Ok);
        net->advance(2);
        QCOMPARE(net->node(2).readStates.size(), 1);
        QVERIFY(net->node(2).readStates.first().index >= writeIndex);
        QVERIFY(net->node(2).appliedIndex >= net->node(2).readStates.first().index);
        QVERIFY(net->node(2).values.contains("new"));
    }
};

QTEST_APPLESS_MAIN(TestRaftScenarios)
#include "tst_raft_scenarios.moc"
